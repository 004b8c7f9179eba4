#!/usr/bin/env bash
# Signing plus three SBOM attestations (one per platform) of a 3-platform index on a local registry:
# whole-process time (hyperfine, median of several runs) and the number of registry requests per run.
#   bench/signing.sh [RUNS]
# Needs: docker-registry, hyperfine, curl, the published CLI (built here if missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
slipway="$root/artifacts/publish/slipway"
if [[ ! -x $slipway ]]; then
  dotnet publish "$root/src/Slipway.Cli" -c Release -o "$root/artifacts/publish" >/dev/null
fi

work=$(mktemp -d /tmp/slipway-bench-signing.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/registry.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: false}}
storage: {filesystem: {rootdirectory: $work/storage}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port}
YAML
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
trap 'kill "$registry_pid" 2>/dev/null; wait "$registry_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done

host=127.0.0.1:$port repo=bench/app
index=$("$root/bench/push-test-index.sh" "$host" "$repo" v1)
ref="$host/$repo@$index"
cd "$work"
"$slipway" key generate --out bench >/dev/null
python3 - > sbom.json <<'PY'
import json
print(json.dumps({"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "bench",
                  "packages": [{"SPDXID": f"SPDXRef-P{i}", "name": f"pkg{i}"} for i in range(300)]}))
PY
cat > slipway.toml <<'TOML'
[project]
name = "bench"
version = { file = "VERSION", pattern = '(?<version>.+)' }

[signing]
key = "bench.key"

[sbom]
command = "cat sbom.json"
TOML

# Removes every .sig/.att manifest so that each timed run signs and attests from scratch.
cat > reset.sh <<SH
#!/bin/sh
for tag in \$(curl -fs "http://$host/v2/$repo/tags/list" | python3 -c 'import json,sys; print(" ".join(t for t in (json.load(sys.stdin)["tags"] or []) if t.endswith((".sig", ".att"))))'); do
  digest=\$(curl -fsI -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$host/v2/$repo/manifests/\$tag" | tr -d '\r' | awk -F': ' 'tolower(\$1)=="docker-content-digest"{print \$2}')
  curl -fs -X DELETE "http://$host/v2/$repo/manifests/\$digest" >/dev/null
done
SH
chmod +x reset.sh

fresh="$slipway sign $ref && $slipway attest $ref --sbom"
verify="$slipway verify $ref --key bench.pub --attestation spdxjson"

count_requests() { # command -> registry requests it made
  local before after
  before=$(grep -c '"[A-Z]* /v2/' "$work/registry.log" || true)
  sh -c "$1" >/dev/null
  after=$(grep -c '"[A-Z]* /v2/' "$work/registry.log" || true)
  echo $((after - before))
}

./reset.sh
echo "requests, first signing + 3 SBOM attestations: $(count_requests "$fresh")"
echo "requests, re-run (everything already there):    $(count_requests "$fresh")"
echo "requests, verify signature + 3 SBOMs:           $(count_requests "$verify")"
echo
# One --prepare per command: a fresh run starts from no signatures; the others from a signed, attested image.
hyperfine --style basic --runs "$runs" --warmup 1 --export-json "$work/results.json" \
  --prepare ./reset.sh --prepare "$fresh" --prepare "$fresh" \
  -n "slipway sign + attest --sbom (fresh)" "$fresh" \
  -n "slipway sign + attest --sbom (re-run, nothing to add)" "$fresh" \
  -n "slipway verify --attestation spdxjson" "$verify"
python3 - "$work/results.json" <<'PY'
import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    print(f"median {result['median'] * 1000:7.1f} ms  {result['command']}")
PY
