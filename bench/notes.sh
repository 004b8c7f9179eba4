#!/usr/bin/env bash
# `slipway notes` (git history, no forge) on a repository of 20,000 commits whose release spans 500 commits (merge
# commits and squash subjects with (#N)) and 5,000 changed files: `--no-ai`, and with [notes.ai] pointed at a closed
# port, so the diff budget (--stat, per-file patches, the 700,000-character cut) is built and the request refused at
# once. The floor: git itself listing the range and printing the same diff.
# Usage: bench/notes.sh [runs]   (whole processes, hyperfine, median of the runs; SLIPWAY=path to use a built binary)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
if [ -z "${SLIPWAY:-}" ]; then
  "$root/scripts/publish"
  SLIPWAY="$root/artifacts/bin/slipway"
fi
slipway="$SLIPWAY"

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-notes.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

# 19,500 commits up to v1.0.0, then 500 more: every tenth a squash subject "(#N)", each touching 10 of 5,000 files.
python3 - "$work/stream" <<'PY'
import sys
total, release, files = 20000, 500, 5000
kinds = ["feat", "fix", "docs", "refactor", "perf", "test", "chore"]
with open(sys.argv[1], "w") as out:
    for i in range(1, total + 1):
        in_release = i > total - release
        n = i - (total - release)
        if in_release and n % 10 == 0:
            message = f"{kinds[n % len(kinds)]}: change number {n} of the release (#{1000 + n})\n"
        else:
            message = f"commit {i}\n"
        out.write(f"commit refs/heads/main\nmark :{i}\ncommitter Bench <bench@slipway.invalid> {1700000000 + i} +0000\n")
        out.write(f"data {len(message)}\n{message}")
        if i > 1:
            out.write(f"from :{i - 1}\n")
        version = "1.0.0\n" if i <= total - release else "1.1.0\n"
        out.write(f"M 100644 inline VERSION\ndata {len(version)}\n{version}")
        if in_release:
            for k in range(10):
                f = (n * 10 + k) % files
                folder = ["src", "tests", "docs", "lib"][f % 4]
                body = "".join(f"line {j} of file {f}, changed in commit {n}\n" for j in range(12))
                out.write(f"M 100644 inline {folder}/module{f // 4}/file{f}.txt\ndata {len(body)}\n{body}")
        out.write("\n")
        if i == total - release:
            out.write(f"tag v1.0.0\nfrom :{i}\ntagger Bench <bench@slipway.invalid> {1700000000 + i} +0000\ndata 8\nrelease\n\n")
PY
git init -q -b main "$work/repo"
git -C "$work/repo" fast-import --quiet < "$work/stream"
git -C "$work/repo" checkout -q -f main
cat > "$work/repo/slipway.toml" <<'TOML'
[project]
name = "bench"
version = { file = "VERSION", pattern = '^(?<version>\S+)$' }
tag = "v{version}"
release-branch = "main"
TOML
cp -r "$work/repo" "$work/ai"
cat >> "$work/ai/slipway.toml" <<'TOML'

[notes.ai]
endpoint = "http://127.0.0.1:9/v1"
model = "bench"
TOML
for r in repo ai; do git -C "$work/$r" add slipway.toml && git -C "$work/$r" -c user.name=Bench -c user.email=bench@slipway.invalid commit -qm config; done
echo "== $(git -C "$work/repo" rev-list --count HEAD) commits, $(git -C "$work/repo" rev-list --count v1.0.0..HEAD) in the release, $(git -C "$work/repo" diff --name-only v1.0.0 HEAD | wc -l) files changed" >&2
"$slipway" -C "$work/ai" notes 2>&1 >/dev/null | head -3 >&2 || true

hyperfine -N --runs "$runs" --warmup 1 --export-json "$work/notes.json" \
  "git -C $work/repo log --first-parent --format=%s v1.0.0..HEAD" \
  "sh -c 'git -C $work/repo diff --stat v1.0.0 HEAD >/dev/null && git -C $work/repo diff v1.0.0 HEAD >/dev/null'" \
  "$slipway -C $work/repo notes --no-ai" \
  "$slipway -C $work/ai notes"
python3 "$root/bench/lib/medians.py" "$work/notes.json" 2>/dev/null || true
