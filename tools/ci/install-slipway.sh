#!/usr/bin/env bash
# Installs the slipway dotnet tool at SLIPWAY_VERSION into SLIPWAY_TOOL_PATH (default $RUNNER_TEMP/slipway-tool)
# from the packages downloaded from SLIPWAY_SOURCE (a NuGet v3 flat container, https:// or file://), after checking
# each .nupkg against its SHA-256: SLIPWAY_CHECKSUMS (sha256sum lines, "HASH  FILE"), else the table below. A package
# without a known checksum, or whose checksum differs, is refused and nothing is installed. Used by action.yml.
set -euo pipefail

version="${SLIPWAY_VERSION:?SLIPWAY_VERSION is not set}"
source="${SLIPWAY_SOURCE:-https://api.nuget.org/v3-flatcontainer}"
tool_path="${SLIPWAY_TOOL_PATH:-${RUNNER_TEMP:?RUNNER_TEMP is not set}/slipway-tool}"

if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "slipway action: version '$version' is not a SemVer version like 0.1.0" >&2
  exit 2
fi
if ! [[ "$source" =~ ^(https|file):// ]]; then
  echo "slipway action: source '$source' must be an https:// or file:// NuGet flat container" >&2
  exit 2
fi

# The SHA-256 of each published package, by version ("HASH  FILE" lines as sha256sum prints them).
known_checksums() {
  case "$1" in
    *) return 1 ;;
  esac
}

checksums="${SLIPWAY_CHECKSUMS:-}"
if [ -z "$checksums" ] && ! checksums="$(known_checksums "$version")"; then
  echo "slipway action: no checksum is known for slipway $version; pass the sha256sum lines of its packages as input 'checksums'" >&2
  exit 2
fi

# The pointer package and the one it points to on this machine: Native AOT on linux-x64, framework-dependent elsewhere.
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) runtime="linux-x64" ;;
  *) runtime="any" ;;
esac
lower="$(printf '%s' "$version" | tr '[:upper:]' '[:lower:]')"
feed="$(mktemp -d)"
trap 'rm -rf "$feed"' EXIT
for id in slipway "slipway.$runtime"; do
  file="$id.$lower.nupkg"
  curl --fail --silent --show-error --location --proto '=https,file' --max-filesize 268435456 \
    --output "$feed/$file" "$source/$id/$lower/$file"
  expected="$(printf '%s\n' "$checksums" | awk -v f="$file" '$2 == f || $2 == "*" f { print $1 }' | head -n 1)"
  if [ -z "$expected" ]; then
    echo "slipway action: no checksum given for $file" >&2
    exit 1
  fi
  actual="$(sha256sum "$feed/$file" | cut -d ' ' -f 1)"
  if [ "$actual" != "$expected" ]; then
    echo "slipway action: $file has SHA-256 $actual, expected $expected; nothing installed" >&2
    exit 1
  fi
done

# Only the checked packages may be installed: a configuration with the download folder as its one source.
cat > "$feed/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="checked" value="$feed" />
  </packageSources>
</configuration>
CONFIG
dotnet tool install Slipway --version "$version" --tool-path "$tool_path" --configfile "$feed/nuget.config" >/dev/null
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$tool_path" >> "$GITHUB_PATH"
fi
"$tool_path/slipway" --version
