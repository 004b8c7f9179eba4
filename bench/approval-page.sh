#!/usr/bin/env bash
# The approval page's server time and weight: `slipway serve` over a SQLite journal holding 10,000 finished runs and
# one run awaiting approval with 50 steps and 3 images (filled by bench/approval-page-journal.cs). Each page is
# requested 100 times over loopback after 10 warm-up requests; the time is curl's time to the first byte (the
# server's work, plus loopback), reported as median, p90 and max; the weight is the HTML's bytes (the stylesheet is
# inline; there are no images). Not part of scripts/test.
# Usage: bench/approval-page.sh [requests] [runs]   (defaults 100 and 10000); SLIPWAY=path uses that binary
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
requests="${1:-100}"
runs="${2:-10000}"
if [ -z "${SLIPWAY:-}" ]; then
  "$root/scripts/publish"
  SLIPWAY="$root/artifacts/bin/slipway"
fi
for tool in curl git python3; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-page.XXXXXX")"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cd "$work"
git init -q -b main
cat > slipway.toml <<'TOML'
[project]
name = "demo"
version = { file = "VERSION", pattern = '(?<version>.+)' }
tag = "v{version}"

[approval]
required = true
approvers = ["alice"]

[state]
store = "sqlite:.slipway/state.db"
TOML
echo 1.0.0 > VERSION
git add -A && git -c user.name=bench -c user.email=bench@example.com commit -qm "bench project"
mkdir -p .slipway
fill_start=$(date +%s)
run="$(dotnet run "$root/bench/approval-page-journal.cs" "$work/.slipway/state.db" "$runs" | tail -1)"
echo "journal: $runs finished runs + $run (50 steps, 3 images) in $(( $(date +%s) - fill_start )) s" >&2

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$SLIPWAY" serve --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done

measure() {
  local name="$1" url="$2"
  for _ in $(seq 1 10); do curl -fs -o /dev/null "$url"; done
  for _ in $(seq 1 "$requests"); do
    curl -fs -o /dev/null -w '%{time_starttransfer} %{size_download}\n' "$url"
  done | python3 -c '
import sys
name = sys.argv[1]
rows = [line.split() for line in sys.stdin if line.strip()]
times = sorted(float(t) * 1000 for t, _ in rows)
size = int(rows[-1][1])
n = len(times)
print(f"| {name} | {n} | {times[n // 2]:.1f} | {times[n * 9 // 10]:.1f} | {times[-1]:.1f} | {size:,} |")
' "$name"
}

echo "| page | requests | median ms | p90 ms | max ms | bytes |"
echo "|---|---:|---:|---:|---:|---:|"
measure "runs page (\`/\`, $runs runs, first page of 50)" "http://127.0.0.1:$port/"
measure "runs page filtered (\`/?status=rolled-back\`)" "http://127.0.0.1:$port/?status=rolled-back"
measure "run page (50 steps, 3 images, awaiting approval)" "http://127.0.0.1:$port/runs/$run"
measure "\`/api/runs/$run\`" "http://127.0.0.1:$port/api/runs/$run"
