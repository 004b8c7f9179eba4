"""Builds the real-project cases: each project's towncrier configuration, its own Jinja2 template and the news
fragments pending at a commit just before a release, rendered by towncrier 24.8.0 run from its source tag.

    python3 make.py MIRRORS TOWNCRIER_SRC      e.g. python3 make.py /work/.mirror /tmp/towncrier-24.8/src

MIRRORS holds bare clones as OWNER+NAME/repo. Each case folder gets: the configuration (only its towncrier
tables), the template, the fragments, the news file cut to its first 60 lines, args.txt, listing.txt (the order
os.listdir gave, which breaks ties in towncrier), expected.draft, expected.path, expected.file and README.md.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib

PROJECTS = [
    ("pip", "pypa/pip"), ("pytest", "pytest-dev/pytest"), ("aiohttp", "aio-libs/aiohttp"), ("attrs", "python-attrs/attrs"),
    ("virtualenv", "pypa/virtualenv"), ("tox", "tox-dev/tox"), ("yarl", "aio-libs/yarl"), ("pluggy", "pytest-dev/pluggy"),
    ("build", "pypa/build"),
]
DATE = "2026-11-26"

# Slipway refuses a file in the fragments folder that is no fragment, where towncrier skips it silently; these
# projects keep such files there, so their case lists them under 'ignore' (towncrier then skips them knowingly).
IGNORE = {"virtualenv": ["examples.rst", "cve-*.fix.rst"]}


def git(gitdir, *args, binary=False):
    out = subprocess.run(["git", "--git-dir", gitdir, *args], check=True, capture_output=True)
    return out.stdout if binary else out.stdout.decode()


def towncrier_tables(text):
    """The lines of [tool.towncrier] and its sub-tables, as written."""
    keep, out = False, []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            header = stripped.strip("[]").strip()
            keep = header == "tool.towncrier" or header.startswith("tool.towncrier.")
        if keep:
            out.append(line)
    return "\n".join(out).strip() + "\n"


def main(mirrors, source):
    here = os.path.dirname(os.path.abspath(__file__))
    for name, repo in PROJECTS:
        gitdir = os.path.join(mirrors, repo.replace("/", "+"), "repo")
        head = git(gitdir, "rev-parse", "HEAD").strip()
        config_file = "towncrier.toml" if subprocess.run(["git", "--git-dir", gitdir, "cat-file", "-e", f"{head}:towncrier.toml"], capture_output=True).returncode == 0 else "pyproject.toml"
        settings = tomllib.loads(git(gitdir, "show", f"{head}:{config_file}"))["tool"]["towncrier"]
        directory = settings["directory"].rstrip("/")
        # The release commit deleting the most fragments among the last ten that deleted any; its parent has them pending.
        deletions = git(gitdir, "log", "--diff-filter=D", "--format=%H", "-10", "--", directory).split()
        release = max(deletions, key=lambda c: len(git(gitdir, "ls-tree", "--name-only", f"{c}^", f"{directory}/").split()))
        commit = git(gitdir, "rev-parse", f"{release}^").strip()
        settings = tomllib.loads(git(gitdir, "show", f"{commit}:{config_file}"))["tool"]["towncrier"]
        template, news = settings["template"], settings.get("filename", "NEWS.rst")
        described = subprocess.run(["git", "--git-dir", gitdir, "describe", "--tags", "--contains", release], capture_output=True, text=True).stdout.strip()
        version = described.split("~")[0].split("^")[0].lstrip("v") or "1.0.0"

        case = os.path.join(here, name)
        shutil.rmtree(case, ignore_errors=True)
        os.makedirs(case)
        archive = git(gitdir, "archive", commit, "--", f"{directory}/", template, binary=True)
        subprocess.run(["tar", "-x", "-C", case], input=archive, check=True)
        with open(os.path.join(case, config_file), "w", encoding="utf-8") as f:
            tables = towncrier_tables(git(gitdir, "show", f"{commit}:{config_file}"))
            if name in IGNORE:
                tables = tables.replace("[tool.towncrier]\n", "[tool.towncrier]\nignore = " + repr(IGNORE[name]).replace("'", '"') + "\n", 1)
            f.write(tables)
        try:
            head_lines = git(gitdir, "show", f"{commit}:{news}").splitlines(keepends=True)[:60]
            os.makedirs(os.path.dirname(os.path.join(case, news)) or case, exist_ok=True)
            with open(os.path.join(case, news), "w", encoding="utf-8", newline="") as f:
                f.write("".join(head_lines))
        except subprocess.CalledProcessError:
            pass

        env = dict(os.environ, PYTHONPATH=source)
        args = ["python3", "-m", "towncrier", "build", "--version", version, "--date", DATE, "--name", name]
        with tempfile.TemporaryDirectory() as scratch:
            draft = subprocess.run([*args, "--draft"], cwd=case, env=env, capture_output=True, text=True)
            if draft.returncode != 0:
                print(f"{name}: towncrier failed: {draft.stderr[-400:]}")
                shutil.rmtree(case)
                continue
            work = os.path.join(scratch, "w")
            shutil.copytree(case, work)
            subprocess.run(["git", "init", "-q"], cwd=work, check=True)
            subprocess.run([*args, "--keep"], cwd=work, env=env, check=True, capture_output=True)
            with open(os.path.join(work, news), "rb") as f:
                built = f.read()
        listing = []
        for root, _, files in os.walk(os.path.join(case, directory)):
            for file in os.listdir(root):
                if os.path.isfile(os.path.join(root, file)):
                    listing.append(os.path.relpath(os.path.join(root, file), case))
        write(case, "listing.txt", "\n".join(listing) + "\n")
        write(case, "args.txt", f"{version} {DATE} {name}\n")
        write(case, "expected.draft", draft.stdout)
        write(case, "expected.path", news + "\n")
        with open(os.path.join(case, "expected.file"), "wb") as f:
            f.write(built)
        write(case, "README.md", f"# {name}\n\ngithub.com/{repo} at `{commit}` (the parent of `{release}`, which released {version}): "
              f"`{config_file}` cut to its towncrier tables, `{template}`, the fragments in `{directory}/`, the first 60 lines of `{news}`.\n"
              + (f"`ignore = {IGNORE[name]}` was added to the configuration.\n" if name in IGNORE else "")
              + f"Rendered by towncrier 24.8.0: `towncrier build [--draft | --keep] --version {version} --date {DATE} --name {name}`.\n")
        print(f"{name}: {commit[:12]} {len(listing)} files, {len(draft.stdout)} bytes of draft")


def write(case, file, text):
    with open(os.path.join(case, file), "w", encoding="utf-8", newline="") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
