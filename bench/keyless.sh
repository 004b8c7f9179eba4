#!/usr/bin/env bash
# Keyless signing of a 3-platform index against the local Sigstore services (tools/sigstore/services.mjs: Fulcio,
# Rekor, TSA, OIDC on 127.0.0.1) and `slipway verify` of Sigstore bundles vs the legacy .sig/.att layout: requests per
# service and per registry, and whole-process time (hyperfine, median of several runs).
#   bench/keyless.sh [RUNS]
# Needs: docker-registry, hyperfine, curl, node with tools/sigstore/node_modules, the published CLI (built if missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
slipway="$root/artifacts/publish/slipway"
if [[ ! -x $slipway ]]; then
  dotnet publish "$root/src/Slipway.Cli" -c Release -o "$root/artifacts/publish" >/dev/null
fi

work=$(mktemp -d /tmp/slipway-bench-keyless.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
cat > "$work/registry.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: false}}
storage: {filesystem: {rootdirectory: $work/storage}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port}
YAML
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
mkdir "$work/sigstore"
(cd "$root/tools/sigstore" && exec node services.mjs --dir "$work/sigstore" --log "$work/sigstore.log") > "$work/sigstore.ready" 2>"$work/sigstore.err" &
sigstore_pid=$!
trap 'kill "$registry_pid" "$sigstore_pid" 2>/dev/null; wait "$registry_pid" "$sigstore_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && [[ -s $work/sigstore.ready ]] && break; sleep 0.1; done
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$work/sigstore.ready")

host=127.0.0.1:$port
for repo in bench/keyless bench/bundle bench/legacy; do
  index=$("$root/bench/push-test-index.sh" "$host" "$repo" v1)
done
cd "$work"
"$slipway" key generate --out bench >/dev/null
python3 - > sbom.json <<'PY'
import json
print(json.dumps({"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "bench",
                  "packages": [{"SPDXID": f"SPDXRef-P{i}", "name": f"pkg{i}"} for i in range(300)]}))
PY
project='[project]
name = "bench"
version = { file = "VERSION", pattern = '"'"'(?<version>.+)'"'"' }

[sbom]
command = "cat sbom.json"
'
mkdir keyless keyed
printf '%s\n[signing]\nmode = "keyless"\nfulcio-url = "%s/fulcio"\nrekor-url = "%s/rekor"\ntsa-url = "%s/tsa"\n' "$project" "$url" "$url" "$url" > keyless/slipway.toml
printf '%s\n[signing]\nkey = "../bench.key"\n' "$project" > keyed/slipway.toml
cp sbom.json keyless/ && cp sbom.json keyed/
# The services' tokens live 5 minutes: a fresh one before each timed signing (not timed).
cat > mint.sh <<SH
#!/bin/sh
curl -fs -X POST -H 'Content-Type: application/json' -d '{}' "$url/oidc/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])' > token
SH
chmod +x mint.sh

# Removes the bundle referrers (the sha256-<hex> fallback indexes and the manifests they list) and the .sig/.att tags
# of the repositories named.
cat > reset.sh <<SH
#!/bin/sh
for repo in "\$@"; do
  for tag in \$(curl -fs "http://$host/v2/\$repo/tags/list" | python3 -c 'import json,sys; print(" ".join(t for t in (json.load(sys.stdin)["tags"] or []) if t.startswith("sha256-")))'); do
    accept='application/vnd.oci.image.index.v1+json,application/vnd.oci.image.manifest.v1+json'
    for digest in \$(curl -fs -H "Accept: \$accept" "http://$host/v2/\$repo/manifests/\$tag" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(m["digest"] for m in d.get("manifests", [])))') \
        \$(curl -fsI -H "Accept: \$accept" "http://$host/v2/\$repo/manifests/\$tag" | tr -d '\r' | awk -F': ' 'tolower(\$1)=="docker-content-digest"{print \$2}'); do
      curl -fs -X DELETE "http://$host/v2/\$repo/manifests/\$digest" >/dev/null || true
    done
  done
done
SH
chmod +x reset.sh

ref() { echo "$host/$1@$index"; }
sign_keyless="cd keyless && SIGSTORE_ID_TOKEN=\$(cat ../token) $slipway sign $(ref bench/keyless) && SIGSTORE_ID_TOKEN=\$(cat ../token) $slipway attest $(ref bench/keyless) --sbom"
sign_bundle="cd keyed && $slipway sign --format bundle $(ref bench/bundle) && $slipway attest --format bundle $(ref bench/bundle) --sbom"
sign_legacy="cd keyed && $slipway sign --format legacy $(ref bench/legacy) && $slipway attest --format legacy $(ref bench/legacy) --sbom"
verify_keyless="$slipway verify $(ref bench/keyless) --trusted-root sigstore/trusted_root.json --certificate-identity-regexp '^https://github\.com/octo-org/octo-repo/' --certificate-github-workflow-repository octo-org/octo-repo --certificate-oidc-issuer \$(python3 -c 'import json; print(json.load(open(\"sigstore.ready\"))[\"issuer\"])') --attestation spdxjson"
verify_bundle="$slipway verify $(ref bench/bundle) --key bench.pub --attestation spdxjson"
verify_legacy="$slipway verify $(ref bench/legacy) --key bench.pub --attestation spdxjson"

registry_requests() { grep -c '"[A-Z]* /v2/' "$work/registry.log" || true; }
service_requests() { grep -c "$1" "$work/sigstore.log" 2>/dev/null || true; }
count() { # label command -> requests per service it made
  local r0 f0 k0 t0
  r0=$(registry_requests) f0=$(service_requests /fulcio/) k0=$(service_requests /rekor/) t0=$(service_requests /tsa/)
  sh -c "$2" >/dev/null
  printf '%-58s registry %3d  fulcio %d  rekor %d  tsa %d\n' "$1" $(($(registry_requests) - r0)) \
    $(($(service_requests /fulcio/) - f0)) $(($(service_requests /rekor/) - k0)) $(($(service_requests /tsa/) - t0))
}

./mint.sh
./reset.sh bench/keyless bench/bundle bench/legacy
count "keyless sign + 3 SBOM attestations (fresh)" "$sign_keyless"
count "key sign + 3 SBOM attestations, bundle (fresh)" "$sign_bundle"
count "key sign + 3 SBOM attestations, legacy (fresh)" "$sign_legacy"
count "verify keyless bundles: signature + 3 SBOMs" "$verify_keyless"
count "verify key bundles: signature + 3 SBOMs" "$verify_bundle"
count "verify legacy layout: signature + 3 SBOMs" "$verify_legacy"
echo

hyperfine --style basic --runs "$runs" --warmup 1 --export-json "$work/results.json" \
  --prepare "./reset.sh bench/keyless && ./mint.sh" \
  --prepare true --prepare true --prepare true \
  -n "keyless sign + attest --sbom (fresh: 2 processes, 2 certificates, 4 Rekor entries)" "$sign_keyless" \
  -n "verify keyless bundles (signature + 3 SBOMs)" "$verify_keyless" \
  -n "verify key bundles (signature + 3 SBOMs)" "$verify_bundle" \
  -n "verify legacy layout (signature + 3 SBOMs)" "$verify_legacy"
python3 - "$work/results.json" <<'PY'
import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    print(f"median {result['median'] * 1000:7.1f} ms  {result['command']}")
PY
