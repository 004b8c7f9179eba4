#!/usr/bin/env bash
# `slipway version` on a repository with 20,000 commits and 5,000 annotated tags, with a bare remote holding the same
# tags (so the remote listing is part of the measurement); and the start-up time of `slipway --version`.
# Usage: bench/version.sh [runs]   (whole processes, hyperfine, median of the runs)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-20}"
"$root/scripts/publish"
slipway="$root/artifacts/bin/slipway"

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-version.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

# 20,000 commits and 5,000 annotated tags in one fast-import stream.
python3 - "$work/stream" <<'PY'
import sys
commits, tags = 20000, 5000
with open(sys.argv[1], "w") as out:
    for i in range(1, commits + 1):
        message = f"commit {i}\n"
        out.write(f"commit refs/heads/main\nmark :{i}\ncommitter Bench <bench@slipway.invalid> {1700000000 + i} +0000\n")
        out.write(f"data {len(message)}\n{message}")
        if i > 1:
            out.write(f"from :{i - 1}\n")
        content = f"{i}\n" if i < commits else "9.0.0\n"
        out.write(f"M 100644 inline VERSION\ndata {len(content)}\n{content}\n")
        if i % 4 == 0 and i // 4 <= tags:
            n = i // 4
            tag_message = f"release {n}\n"
            out.write(f"tag v{n // 1000}.{(n // 100) % 10}.{n % 100}\nfrom :{i}\ntagger Bench <bench@slipway.invalid> {1700000000 + i} +0000\n")
            out.write(f"data {len(tag_message)}\n{tag_message}")
PY
git init -q -b main "$work/repo"
git -C "$work/repo" fast-import --quiet < "$work/stream"
git -C "$work/repo" checkout -q -f main
cat > "$work/repo/slipway.toml" <<'TOML'
[project]
name = "bench"
version = { file = "VERSION", pattern = '^(?<version>\S+)$' }
TOML
git -C "$work/repo" add slipway.toml
git -C "$work/repo" -c user.name=Bench -c user.email=bench@slipway.invalid commit -qm "configure"
git clone -q --bare "$work/repo" "$work/remote.git"
git -C "$work/repo" remote add origin "$work/remote.git"
git -C "$work/repo" fetch -q origin

echo "commits: $(git -C "$work/repo" rev-list --count HEAD), tags: $(git -C "$work/repo" tag | wc -l), remote tags: $(git -C "$work/repo" ls-remote --tags origin | grep -vc '\^{}')"
cd "$work/repo"
"$slipway" version
hyperfine -N --runs "$runs" --warmup 3 --export-json "$work/result.json" \
  "$slipway --version" \
  "$slipway version" \
  "$slipway version --json"
python3 "$root/bench/lib/medians.py" "$work/result.json"
