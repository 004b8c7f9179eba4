#!/usr/bin/env bash
# A whole image release (scripts/demo's sample project: a gate, a build packing a 2-platform OCI layout, push, sign,
# SBOM per platform, provenance, scan, approval via --yes, promotion, git tag on a bare remote, changelog branch,
# cleanup) against a local registry, N times, each from a fresh copy into a fresh image repository. Prints the wall
# time of `slipway release --yes` and, from `slipway status --json`, each step's duration; "Slipway's own work" is
# the total less the user's build command (the build step).
# Usage: bench/release.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
"$root/scripts/publish"
slipway="$root/artifacts/bin/slipway"

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-release.XXXXXX")"
registry_pid=""
cleanup() {
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@slipway.invalid GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@slipway.invalid
export SLIPWAY_APPROVER=maintainer1 NO_COLOR=1
# shellcheck source=../scripts/lib/sample-release.sh
source "$root/scripts/lib/sample-release.sh"

start_registry "$work/registry"
mkdir -p "$work/keys" "$work/template" "$work/status"
"$slipway" key generate --out "$work/keys/release" >/dev/null
create_sample_project "$work/template" "$slipway" "$registry" "bench/template" "$work/keys/release.key" >/dev/null

for i in $(seq 1 "$runs"); do
  rm -rf "$work/run"
  cp -a "$work/template" "$work/run"
  cd "$work/run/demo"
  git remote set-url origin "$work/run/remote.git"
  sed -i "s|$registry/bench/template|$registry/bench/run-$i|" slipway.toml
  git commit -qam "run $i" && git push -q origin main
  start=$(date +%s%N)
  "$slipway" release --yes >/dev/null 2>&1
  end=$(date +%s%N)
  "$slipway" status --json > "$work/status/$i.json"
  echo "$(( (end - start) / 1000 ))" > "$work/status/$i.wall"
done

python3 - "$work/status" "$runs" <<'PY'
import json, statistics, sys
from datetime import datetime
folder, runs = sys.argv[1], int(sys.argv[2])
at = datetime.fromisoformat
steps, walls, own = {}, [], []
for i in range(1, runs + 1):
    run = json.load(open(f"{folder}/{i}.json"))
    assert run["status"] == "succeeded", run["status"]
    wall = int(open(f"{folder}/{i}.wall").read()) / 1000
    build = 0.0
    for step in run["steps"]:
        if "startedAt" in step and "endedAt" in step:
            ms = (at(step["endedAt"]) - at(step["startedAt"])).total_seconds() * 1000
            steps.setdefault(step["name"], []).append(ms)
            if step["name"] == "build":
                build = ms
    walls.append(wall)
    own.append(wall - build)
print(f"{runs} runs; median (min-max) in ms\n")
print("| step | median ms | min | max |")
print("|---|---:|---:|---:|")
for name, values in steps.items():
    print(f"| {name} | {statistics.median(values):.1f} | {min(values):.1f} | {max(values):.1f} |")
print(f"| **`slipway release --yes`, whole process** | {statistics.median(walls):.0f} | {min(walls):.0f} | {max(walls):.0f} |")
print(f"| **less the user's build command** | {statistics.median(own):.0f} | {min(own):.0f} | {max(own):.0f} |")
PY
