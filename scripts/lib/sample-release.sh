# Shared by scripts/demo and bench/release.sh: a local registry, and the sample project whose release they run.
# Source it; it defines functions only.

# start_registry DIR: CNCF distribution on a free 127.0.0.1 port, storing under DIR; sets $registry and $registry_pid.
# The caller stops it (kill "$registry_pid").
start_registry() {
  local dir="$1" port attempt
  port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  mkdir -p "$dir"
  # Ports below Linux's ephemeral range (32768 and up), and a few attempts: a port nothing listens on can still be the
  # local end of someone's outgoing connection, and then the registry cannot bind it and exits.
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 12000))
    port_free "$port" || continue
    cat > "$dir/config.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: slipway-demo
EOF
    docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
    registry_pid=$!
    for _ in $(seq 1 100); do
      if ! port_free "$port" || ! kill -0 "$registry_pid" 2>/dev/null; then break; fi
      sleep 0.1
    done
    if kill -0 "$registry_pid" 2>/dev/null && ! port_free "$port"; then
      registry="127.0.0.1:$port"
      return 0
    fi
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  done
  echo "the registry did not start (attempt $attempt); its last log:" >&2
  cat "$dir/log" >&2
  return 1
}

# create_sample_project WORK SLIPWAY REGISTRY IMAGE KEY: $WORK/remote.git (bare) and $WORK/demo, a project with a
# VERSION, news fragments, a gate, a build writing a 2-platform OCI layout with `slipway image layout`, SBOM and scan
# commands and a slipway.toml releasing IMAGE (on REGISTRY) signed with KEY; committed and pushed. Ends in $WORK/demo.
create_sample_project() {
  local work="$1" slipway="$2" registry="$3" image="$4" key="$5"
git init -q --bare -b main "$work/remote.git"
git init -q -b main "$work/demo"
cd "$work/demo"
echo "1.2.3" > VERSION
mkdir -p changelog.d app
echo "Promote images by digest." > changelog.d/12.feature.md
echo "Roll back the prerelease tags when a release is rejected." > changelog.d/13.bugfix.md
echo "hello from demo" > app/hello.txt
printf '.slipway/\nout/\n' > .gitignore

cat > run-tests.sh <<'EOF'
#!/bin/sh
# The project's tests: a gate must exit 0.
test -s app/hello.txt
EOF
cat > build.sh <<EOF
#!/bin/sh
# Builds one filesystem per platform and packs them into a 2-platform OCI layout, without Docker.
set -e
rm -rf out && mkdir -p out/amd64 out/arm64
for arch in amd64 arm64; do
  cp -r app out/\$arch/app
  echo "\$arch" > out/\$arch/app/arch
done
"$slipway" image layout --platform linux/amd64=out/amd64 --platform linux/arm64=out/arm64 --out out/oci >/dev/null
EOF
cat > sbom.sh <<'EOF'
#!/bin/sh
# An SPDX 2.3 SBOM for one platform image ($1 image, $2 digest, $3 platform) on stdout.
cat <<JSON
{"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT","name":"$1@$2 ($3)",
 "documentNamespace":"https://slipway.invalid/demo/$2","creationInfo":{"created":"2026-01-01T00:00:00Z","creators":["Tool: demo-sbom"]},
 "packages":[{"name":"demo-app","SPDXID":"SPDXRef-Package-demo-app","versionInfo":"1.2.3","downloadLocation":"NOASSERTION"},
             {"name":"busybox","SPDXID":"SPDXRef-Package-busybox","versionInfo":"1.36.1","downloadLocation":"NOASSERTION"}]}
JSON
EOF
cat > scan.sh <<'EOF'
#!/bin/sh
# A scanner's Trivy JSON report for $1 (image@digest) on stdout: one low finding, nothing blocking.
cat <<JSON
{"SchemaVersion":2,"ArtifactName":"$1","ArtifactType":"container_image",
 "Results":[{"Target":"$1","Class":"os-pkgs","Type":"alpine","Vulnerabilities":[
   {"VulnerabilityID":"CVE-2024-0001","PkgName":"busybox","InstalledVersion":"1.36.1","FixedVersion":"1.36.2","Severity":"LOW","Title":"demo finding"}]}]}
JSON
EOF
chmod +x run-tests.sh build.sh sbom.sh scan.sh

cat > slipway.toml <<EOF
[project]
name = "demo"
version = { file = "VERSION", pattern = '^(?<version>\S+)\$' }
tag = "v{version}"
release-branch = "main"

[changelog]
directory = "changelog.d"
filename = "CHANGELOG.md"

[[gate]]
name = "unit"
command = "./run-tests.sh"

[build]
command = "./build.sh"

[[image]]
repository = "$registry/$image"
layout = "out/oci"
prerelease-tags = ["prerelease-v{version}-{sha7}", "prerelease"]
release-tags = ["{version}", "{major}.{minor}", "latest"]

[signing]
key = "$key"
public-key = "${key%.key}.pub"

[sbom]
command = "./sbom.sh {image} {digest} {platform}"
min-packages = 1

[scan]
command = "./scan.sh {image}@{digest}"
fail-on = ["CRITICAL", "HIGH"]

[approval]
required = true
approvers = ["maintainer1", "maintainer2"]

[forge]
kind = "git"
remote = "origin"

[state]
store = "sqlite:.slipway/state.db"
EOF
git add -A && git commit -qm "Demo project"
git remote add origin "$work/remote.git"
git push -q origin main
}
