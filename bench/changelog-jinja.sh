#!/usr/bin/env bash
# A 10,000-fragment draft with a custom Jinja2 template: towncrier 24.8.0 (run from its source tag) against slipway
# with the same template file, and slipway with its built-in template for reference. The custom template is
# towncrier's own default.md, configured as a file, so both tools do the whole Jinja work.
# Usage: bench/changelog-jinja.sh [runs] [TOWNCRIER_SRC]
#   TOWNCRIER_SRC: towncrier 24.8.0's src folder (default /tmp/towncrier-24.8/src), e.g. from
#   git --git-dir=MIRROR archive 24.8.0 | tar -x -C /tmp/towncrier-24.8
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
towncrier_src="${2:-/tmp/towncrier-24.8/src}"
[ -f "$towncrier_src/towncrier/build.py" ] || { echo "no towncrier 24.8.0 source at $towncrier_src" >&2; exit 2; }
"$root/scripts/publish"
slipway="$root/artifacts/bin/slipway"

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-jinja.XXXXXX")"
trap 'rm -rf "$work"' EXIT
for name in builtin jinja; do
  mkdir -p "$work/$name"
  printf '[tool.towncrier]\nname = "bench"\ndirectory = "changelog.d"\nfilename = "CHANGELOG.md"\n' > "$work/$name/towncrier.toml"
  python3 "$root/bench/lib/fragments.py" "$work/$name/changelog.d" 10000
done
cp "$root/tests/Slipway.Tests/TestData/towncrier-24.8-templates/default.md" "$work/jinja/template.md"
printf 'template = "template.md"\n' >> "$work/jinja/towncrier.toml"

cd "$work/jinja"
# Both tools must print the same release before their times mean anything.
PYTHONPATH="$towncrier_src" python3 -m towncrier build --draft --version 1.0.0 --date 2026-11-26 2>/dev/null > "$work/towncrier.out"
"$slipway" changelog draft --version 1.0.0 --date 2026-11-26 > "$work/slipway.out"
cmp "$work/towncrier.out" "$work/slipway.out" && echo "same output ($(wc -c < "$work/slipway.out") bytes)" >&2

hyperfine -N --runs "$runs" --warmup 1 --export-json "$work/jinja.json" \
  "env PYTHONPATH=$towncrier_src python3 -m towncrier build --draft --version 1.0.0 --date 2026-11-26" \
  "$slipway changelog draft --version 1.0.0 --date 2026-11-26" \
  "$slipway -C $work/builtin changelog draft --version 1.0.0 --date 2026-11-26"
python3 "$root/bench/lib/medians.py" "$work/jinja.json"
