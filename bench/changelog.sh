#!/usr/bin/env bash
# `slipway changelog draft` against towncrier (Debian's 22.12) on the same corpora of 10,000 and 100,000 news
# fragments, with `cat` of the same files as the floor; and `slipway changelog check` on 1,000 fragments.
# Usage: bench/changelog.sh [runs]   (whole processes, hyperfine, median of the runs)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
if [ -x "$root/scripts/publish" ]; then
  "$root/scripts/publish"
  slipway="$root/artifacts/bin/slipway"
else
  dotnet publish "$root/src/Slipway.Cli" -c Release -o "$root/artifacts/publish" --nologo -v quiet >&2
  slipway="$root/artifacts/publish/slipway"
fi
command -v towncrier >/dev/null || { echo "towncrier is not installed (apt-get install towncrier)" >&2; exit 2; }
echo "towncrier $(towncrier --version 2>&1 | tail -1), slipway at $slipway" >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-changelog.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

corpus() { # corpus NAME COUNT: a project whose towncrier.toml both tools read
  mkdir -p "$work/$1"
  printf '[tool.towncrier]\nname = "bench"\ndirectory = "changelog.d"\nfilename = "CHANGELOG.md"\n' > "$work/$1/towncrier.toml"
  printf '# Changelog\n\n<!-- towncrier release notes start -->\n' > "$work/$1/CHANGELOG.md"
  python3 "$root/bench/lib/fragments.py" "$work/$1/changelog.d" "$2"
}

draft() { # draft NAME RUNS
  cd "$work/$1"
  echo "== draft, $(ls changelog.d | wc -l) fragments" >&2
  hyperfine -N --runs "$2" --warmup 1 --export-json "$work/$1.json" \
    "sh -c 'find changelog.d -type f -exec cat {} + > /dev/null'" \
    "towncrier build --draft --version 1.0.0 --date 2026-11-26" \
    "$slipway changelog draft --version 1.0.0 --date 2026-11-26"
  python3 "$root/bench/lib/medians.py" "$work/$1.json" 2>/dev/null || true
}

corpus f10k 10000
draft f10k "$runs"
corpus f100k 100000
draft f100k 3

corpus f1k 1000
cd "$work/f1k"
git init -q -b main .
git add -A && git -c user.name=Bench -c user.email=bench@slipway.invalid commit -qm corpus
echo "== check, 1000 fragments" >&2
hyperfine -N --runs "$runs" --warmup 2 --export-json "$work/check.json" \
  "$slipway changelog check" \
  "$slipway changelog check --base HEAD"
python3 "$root/bench/lib/medians.py" "$work/check.json" 2>/dev/null || true
