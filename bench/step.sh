#!/usr/bin/env bash
# The overhead of one `slipway step` process (start, open the journal, claim, journal the start and the result,
# release the claim) against SQLite and PostgreSQL, and the extra wall time of a whole release run as one process per
# step compared with one `slipway release` process.
#
# The step timed is `gates` with one gate `true`, of a run whose detect-version and preflight are done; hyperfine's
# --prepare puts the gates row back to pending with SQL before each iteration, so every iteration really claims and
# journals. The project has no images: a whole release is detect-version, preflight, gates, build (echo), approval
# (not required), create-release (a git tag pushed to a bare remote) and the steps the configuration skips.
# Usage: bench/step.sh [runs] [release-runs]   (defaults 20 and 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-20}"
release_runs="${2:-5}"
"$root/scripts/publish"
slipway="$root/artifacts/bin/slipway"
for tool in hyperfine psql sqlite3 jq; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-step.XXXXXX")"
chmod 755 "$work" # PostgreSQL runs as the postgres user when this runs as root
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(runuser -u postgres --); fi
cleanup() {
  if [ -f "$work/pg/data/postmaster.pid" ]; then
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@slipway.invalid GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@slipway.invalid

# PostgreSQL in a temp folder on a free port, trust authentication, fsync off (as the integration tests run it).
mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
"${as_postgres[@]}" "$pg_bin/initdb" -D "$work/pg/data" -A trust -U slipway --no-sync -E UTF8 >/dev/null
port=$((20000 + RANDOM % 12000))
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
pg() { psql -X -q -h 127.0.0.1 -p "$port" -U slipway "$@"; }
pg_store() { echo "postgres:Host=127.0.0.1;Port=$port;Database=$1;Username=slipway"; }

# project DIR STORE: a repository with a bare remote and the given [state] store, committed and pushed.
project() {
  local dir="$1" store="$2"
  git init -q --bare -b main "$dir/remote.git"
  git init -q -b main "$dir/repo"
  cd "$dir/repo"
  echo "1.2.3" > VERSION
  printf '.slipway/\nout/\n' > .gitignore
  cat > slipway.toml <<EOF
[project]
name = "bench"
version = { file = "VERSION", pattern = '^(?<version>\S+)$' }
tag = "v{version}"
release-branch = "main"

[build]
command = "echo built"

[approval]
required = false

[forge]
kind = "git"
remote = "origin"

[state]
store = "$store"

[[gate]]
name = "unit"
command = "true"
EOF
  git add -A && git commit -qm initial
  git remote add origin "$dir/remote.git" && git push -q origin main
}

# step_bench NAME STORE RESET: a run with detect-version and preflight done; gates timed, and put back to pending
# before each iteration by RESET, a command that reads the SQL on stdin.
step_bench() {
  local name="$1" store="$2" reset="$3"
  project "$work/$name" "$store"
  local run
  run="$("$slipway" release --create-only --json | jq -r .id)"
  printf '%s <<SQL\n%s\nSQL\n' "$reset" "${reset_sql//RUN/$run}" > "$work/reset-$name.sh"
  "$slipway" step detect-version --run "$run" >/dev/null
  "$slipway" step preflight --run "$run" >/dev/null
  echo "== $name: slipway step gates --run $run" >&2
  hyperfine -N --runs "$runs" --warmup 2 --export-json "$work/$name.json" \
    --prepare "sh $work/reset-$name.sh" \
    "$slipway step gates --run $run"
  # Every iteration ran the step: its attempt counter went up each time (warm-ups included).
  "$slipway" status "$run" --json | jq -r '.steps[] | select(.name == "gates") | "gates attempts journaled: \(.attempt)"' >&2
}

reset_sql="UPDATE steps SET status = 'pending', started_at = NULL, ended_at = NULL, outputs = NULL, error = NULL, reason = NULL WHERE run_id = 'RUN' AND name = 'gates';"
step_bench sqlite "sqlite:.slipway/state.db" "sqlite3 $work/sqlite/repo/.slipway/state.db"
pg -d postgres -c "CREATE DATABASE steps"
step_bench postgres "$(pg_store steps)" "psql -X -q -h 127.0.0.1 -p $port -U slipway -d steps"
cd "$work"
hyperfine -N --runs "$runs" --warmup 2 --export-json "$work/start.json" "$slipway --version"

# A whole release: one process, or one process per step in the graph's order (as CI jobs would run them, minus the
# runners), each from a fresh copy of the project and a fresh database.
project "$work/template" "STORE"
: > "$work/one.txt"; : > "$work/steps.txt"
for i in $(seq 1 "$release_runs"); do
  for mode in one steps; do
    rm -rf "$work/r" && cp -a "$work/template" "$work/r" && cd "$work/r/repo"
    git remote set-url origin "$work/r/remote.git"
    pg -d postgres -c "CREATE DATABASE r_${mode}_$i"
    sed -i "s|store = \"STORE\"|store = \"$(pg_store "r_${mode}_$i")\"|" slipway.toml
    git commit -qam "run $i" && git push -q origin main
    start=$(date +%s%N)
    if [ "$mode" = one ]; then
      "$slipway" release >/dev/null 2>&1
    else
      run="$("$slipway" release --create-only --json | jq -r .id)"
      for step in $("$slipway" status "$run" --json | jq -r '.steps[].name'); do
        "$slipway" step "$step" --run "$run" >/dev/null 2>&1
      done
    fi
    end=$(date +%s%N)
    test "$("$slipway" status --json | jq -r .status)" = succeeded
    git --git-dir="$work/r/remote.git" rev-parse -q --verify refs/tags/v1.2.3 >/dev/null
    echo $(( (end - start) / 1000 )) >> "$work/$mode.txt"
  done
done

python3 "$root/bench/lib/medians.py" "$work/start.json" "$work/sqlite.json" "$work/postgres.json"
python3 - "$work/one.txt" "$work/steps.txt" <<'PY'
import statistics, sys
one, steps = ([int(l) / 1000 for l in open(p)] for p in sys.argv[1:])
print(f"\n| whole release (PostgreSQL), {len(one)} runs | median ms | min | max |")
print("|---|---:|---:|---:|")
print(f"| one process, `slipway release` | {statistics.median(one):.0f} | {min(one):.0f} | {max(one):.0f} |")
print(f"| `release --create-only` + one `slipway step` per step | {statistics.median(steps):.0f} | {min(steps):.0f} | {max(steps):.0f} |")
print(f"| extra wall time of separate processes | {statistics.median(steps) - statistics.median(one):.0f} | | |")
PY
