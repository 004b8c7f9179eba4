"""Writes a corpus of towncrier news fragments: python3 fragments.py DIR COUNT [SEED].

Issue numbers, categories (towncrier's five defaults), counters, orphans, multi-paragraph texts and bullet lists are
drawn from a seeded generator, so every run of the benchmark reads the same corpus.
"""
import os
import random
import sys

directory, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20261126)
categories = ["feature", "bugfix", "doc", "removal", "misc"]
words = ("registry digest manifest index platform sbom provenance cosign signature attestation promote rollback "
         "journal approval gate changelog fragment release notes draft publish nuget npm pypi verify retry timeout "
         "naïve café ✨ résumé").split()
os.makedirs(directory, exist_ok=True)


def sentence():
    text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 18)))
    return text[0].upper() + text[1:] + rng.choice([".", "", "!"])


for i in range(count):
    roll = rng.random()
    if roll < 0.05:
        name = f"+{rng.choice(words)}-{i}.{rng.choice(categories)}.md"
    else:
        counter = f".{rng.randint(1, 3)}" if roll > 0.9 else ""
        name = f"{i + 1}.{rng.choice(categories)}{counter}.md"
    shape = rng.random()
    if shape < 0.7:
        body = sentence()
    elif shape < 0.9:
        body = sentence() + "\n\n" + sentence()
    else:
        body = sentence() + ":\n\n- " + sentence() + "\n- " + sentence()
    with open(os.path.join(directory, name), "w", encoding="utf-8") as out:
        out.write(body + "\n")
