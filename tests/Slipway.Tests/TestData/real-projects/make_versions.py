"""Adds to each real-project case what `slipway init` and `slipway version` read: the project's files that hold or
declare its version, as they were at the case's commit, and its release tags.

    python3 make_versions.py MIRRORS        e.g. python3 make_versions.py /work/.mirror

Each case gets version/: the full pyproject.toml (the case's own is cut to its towncrier tables), setup.cfg, setup.py
and every _version.py, __version__.py, __about__.py, __init__.py of a top-level package (under src/ or not), plus
version/tags.txt (the three release tags before the case's commit, oldest first, then the tag of the release the case
renders, or '-' when that release was never tagged) and version/expected.txt (the version `slipway version` must report,
the tag template `slipway init` must guess, and where the version comes from: 'file' for a project that writes its
__version__ down, else 'tag', the release tag's version, the tag then at HEAD).
"""
import os
import re
import shutil
import subprocess
import sys

# The file that holds a project's version, for projects that write it down; the others take it from their tags.
VERSION_FILES = {"pip": "src/pip/__init__.py", "aiohttp": "aiohttp/__init__.py", "yarl": "yarl/__init__.py", "build": "src/build/__init__.py"}
PATTERN = re.compile(r"""^(src/)?[A-Za-z_][A-Za-z0-9_]*/(_version|__version__|__about__|__init__)\.py$|^(pyproject\.toml|setup\.cfg|setup\.py)$""")


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True, capture_output=True).stdout


def main(mirrors):
    here = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(here)):
        readme = os.path.join(here, name, "README.md")
        if not os.path.isfile(readme):
            continue
        text = open(readme, encoding="utf-8").read()
        repo = re.search(r"github\.com/([\w.-]+/[\w.-]+)", text).group(1)
        commit, release = re.findall(r"`([0-9a-f]{40})`", text)[:2]
        gitdir = os.path.join(mirrors, repo.replace("/", "+"), "repo")
        out = os.path.join(here, name, "version")
        shutil.rmtree(out, ignore_errors=True)
        for path in git(gitdir, "ls-tree", "-r", "--name-only", commit).decode().split("\n"):
            if PATTERN.match(path):
                os.makedirs(os.path.dirname(os.path.join(out, path)) or out, exist_ok=True)
                with open(os.path.join(out, path), "wb") as f:
                    f.write(git(gitdir, "show", f"{commit}:{path}"))
        before = git(gitdir, "tag", "--merged", commit, "--sort=creatordate").decode().split()
        released = git(gitdir, "tag", "--contains", release, "--sort=creatordate").decode().split()
        tag = released[0] if released else "-"
        with open(os.path.join(out, "tags.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(before[-3:] + [tag]) + "\n")
        if name in VERSION_FILES:
            source = git(gitdir, "show", f"{commit}:{VERSION_FILES[name]}").decode()
            version = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", source, re.M).group(1)
        else:
            version = re.sub(r"^\D*", "", tag)
        template = re.match(r"^\D*", before[-1]).group(0) + "{version}"
        with open(os.path.join(out, "expected.txt"), "w", encoding="utf-8") as f:
            f.write(f"{version}\n{template}\n{'file' if name in VERSION_FILES else 'tag'}\n")


if __name__ == "__main__":
    main(sys.argv[1])
