#!/usr/bin/env bash
# A whole `slipway release --yes` (two gates, a build, approval, the plain-git forge pushing an annotated tag to a bare
# remote) beside a plain shell script doing the same git work without a journal; then the per-step times of one run.
# Usage: bench/pipeline.sh [runs]   (whole processes, hyperfine, median of the runs)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
"$root/scripts/publish"
slipway="$root/artifacts/bin/slipway"

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-pipeline.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@slipway.invalid GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@slipway.invalid
export SLIPWAY_APPROVER=maintainer1

# The template repository and remote; every timed run starts from a fresh copy (hyperfine --prepare).
mkdir -p "$work/template"
git init -q -b main "$work/template/repo"
git init -q --bare -b main "$work/template/remote.git"
cd "$work/template/repo"
echo "1.2.3" > VERSION
printf 'out/\n.slipway/\n' > .gitignore
cat > slipway.toml <<'TOML'
[project]
name = "bench"
version = { file = "VERSION", pattern = '^(?<version>\S+)$' }

[[gate]]
name = "unit"
command = "true"

[[gate]]
name = "lint"
command = "true"

[build]
command = "mkdir -p out && echo built > out/app.txt"
artifacts = ["out/app.txt"]

[approval]
required = true
approvers = ["maintainer1"]
TOML
cat > "$work/plain-release.sh" <<'SH'
#!/bin/sh
# What the run does, without Slipway: gates, build, annotated tag at HEAD, push.
set -e
cd "$1"
sh -c true; sh -c true
sh -c 'mkdir -p out && echo built > out/app.txt'
test -f out/app.txt
git tag -a v1.2.3 -m "bench 1.2.3"
git push -q origin refs/tags/v1.2.3
SH
git add -A && git commit -qm initial
git remote add origin "$work/run/remote.git"
git push -q origin main 2>/dev/null || true
cat > "$work/prepare.sh" <<SH
#!/bin/sh
set -e
rm -rf "$work/run"
cp -a "$work/template" "$work/run"
git -C "$work/run/repo" push -q origin main
SH
prepare="sh $work/prepare.sh"

hyperfine -N --runs "$runs" --warmup 1 --prepare "$prepare" --export-json "$work/result.json" \
  "sh $work/plain-release.sh $work/run/repo" \
  "$slipway -C $work/run/repo release --yes"
python3 "$root/bench/lib/medians.py" "$work/result.json"

# One more run, then the per-step wall times from its journal.
$prepare
"$slipway" -C "$work/run/repo" release --yes > /dev/null
"$slipway" -C "$work/run/repo" status --json > "$work/status.json"
python3 - "$work/status.json" <<'PY'
import json, sys
from datetime import datetime
run = json.load(open(sys.argv[1]))
at = datetime.fromisoformat
print("| step | ms |")
print("|---|---:|")
for step in run["steps"]:
    if "startedAt" in step and "endedAt" in step:
        print(f"| {step['name']} | {(at(step['endedAt']) - at(step['startedAt'])).total_seconds() * 1000:.1f} |")
print(f"| run record, created to last update | {(at(run['updatedAt']) - at(run['createdAt'])).total_seconds() * 1000:.1f} |")
PY
