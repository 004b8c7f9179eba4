#!/usr/bin/env bash
# Slipway's registry work against skopeo on the same local CNCF distribution registry, whole processes:
#   1. promote of a 2-platform index to 3 tags        vs  3 x `skopeo copy --all`
#   2. 10 images x 3 tags in one `slipway` call       vs  30 x `skopeo copy --all`
#   3. HTTP requests each of the above sends (counted in the registry's access log)
#   4. push of a 100 MiB layout                        vs  `skopeo copy oci:... docker://...`
# Usage: bench/oci.sh [runs]   (hyperfine, median of the runs; the push uses fewer runs)
#        SLIPWAY=/path/to/slipway bench/oci.sh   to time a binary published elsewhere
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
if [ -n "${SLIPWAY:-}" ]; then
  slipway="$SLIPWAY"
elif [ -x "$root/scripts/publish" ]; then
  "$root/scripts/publish"
  slipway="$root/artifacts/bin/slipway"
else
  dotnet publish "$root/src/Slipway.Cli" -c Release -o "$root/artifacts/publish" -p:PublishReadyToRun=true --nologo -v quiet >&2
  slipway="$root/artifacts/publish/slipway"
fi
for tool in skopeo hyperfine /usr/bin/docker-registry; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (scripts/setup installs it)" >&2; exit 2; }
done
echo "$(skopeo --version), $(/usr/bin/docker-registry --version), slipway at $slipway" >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-oci.XXXXXX")"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat > "$work/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $work/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
/usr/bin/docker-registry serve "$work/config.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
trap 'kill "$registry_pid" 2>/dev/null; wait "$registry_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fso /dev/null "http://127.0.0.1:$port/v2/" && break; sleep 0.1; done
r="127.0.0.1:$port"
skopeo_copy="skopeo copy --all -q --src-tls-verify=false --dest-tls-verify=false"

requests() { grep -cE '"(GET|HEAD|PUT|POST|PATCH|DELETE) /v2/' "$work/registry.log" || true; }
count() { # count LABEL COMMAND...: runs the command once and prints the requests the registry saw
  local label=$1 before after
  shift
  before=$(requests); "$@" > /dev/null; after=$(requests)
  echo "  $label: $((after - before)) HTTP requests"
}

echo "== 1. promote a 2-platform index (+ attestation entry) to 3 tags" >&2
python3 "$root/bench/lib/oci_layout.py" index "$work/one" 2 one > /dev/null
digest="$("$slipway" image push "$work/one" "$r/bench/one:prerelease")"
promote_one="$slipway image promote $r/bench/one:prerelease --digest $digest --tag 1.2.3 --tag 1.2 --tag latest"
skopeo_one_script="for t in s1.2.3 s1.2 slatest; do $skopeo_copy docker://$r/bench/one:prerelease docker://$r/bench/one:\$t; done"
skopeo_one="sh -c '$skopeo_one_script'"
hyperfine -N --runs "$runs" --warmup 2 --export-json "$work/promote.json" "$promote_one" "$skopeo_one" > /dev/null
python3 "$root/bench/lib/oci_medians.py" "$work/promote.json"

echo "== 2. 10 images x 3 tags: one slipway call vs 30 skopeo runs" >&2
pairs=""
loop=""
for i in $(seq 0 9); do
  python3 "$root/bench/lib/oci_layout.py" index "$work/app$i" 2 "app$i" > /dev/null
  d="$("$slipway" image push "$work/app$i" "$r/bench/app$i:prerelease")"
  pairs+=" $r/bench/app$i:prerelease --digest $d"
  loop+=" app$i"
done
promote_ten="$slipway image promote$pairs --tag 1.2.3 --tag 1.2 --tag latest"
skopeo_ten_script="for a in$loop; do for t in s1.2.3 s1.2 slatest; do $skopeo_copy docker://$r/bench/\$a:prerelease docker://$r/bench/\$a:\$t; done; done"
skopeo_ten="sh -c '$skopeo_ten_script'"
hyperfine -N --runs "$runs" --warmup 1 --export-json "$work/ten.json" "$promote_ten" "$skopeo_ten" > /dev/null
python3 "$root/bench/lib/oci_medians.py" "$work/ten.json"

echo "== 3. HTTP requests (one run each, counted in the registry access log)" >&2
# shellcheck disable=SC2086 # the commands are word lists on purpose
count "slipway promote, 1 image x 3 tags" $promote_one
count "skopeo copy --all, 1 image x 3 tags" sh -c "$skopeo_one_script"
# shellcheck disable=SC2086
count "slipway promote, 10 images x 3 tags" $promote_ten
count "skopeo copy --all, 10 images x 3 tags" sh -c "$skopeo_ten_script"

echo "== 4. push a 100 MiB layout (new random content before each run, so neither tool can reuse a blob)" >&2
# skopeo remembers where it saw a blob and mounts it instead of uploading; fresh content keeps the comparison honest.
fresh="sh -c 'rm -rf $work/big && python3 $root/bench/lib/oci_layout.py single $work/big 100 > /dev/null && sync'"
hyperfine -N --runs "$(( runs < 5 ? runs : 5 ))" --prepare "$fresh" --export-json "$work/push.json" \
  "sh -c '$slipway image push $work/big $r/bench/big-\$(date +%s%N):x > /dev/null'" \
  "sh -c 'skopeo copy -q --dest-tls-verify=false oci:$work/big docker://$r/bench/bigs-\$(date +%s%N):x'" > /dev/null
python3 "$root/bench/lib/oci_medians.py" "$work/push.json"
