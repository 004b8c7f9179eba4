#!/usr/bin/env bash
# Pushes a small multi-platform index (linux/amd64, linux/arm64, linux/arm/v7, plus a BuildKit-style
# unknown/unknown attestation manifest) to REGISTRY/REPO:TAG with curl, and prints the index digest.
set -euo pipefail
registry=$1 repo=$2 tag=$3
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
blob() { # file -> digest; uploads it
  local file=$1 digest
  digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
  local location
  location=$(curl -fsS -X POST -D - -o /dev/null "http://$registry/v2/$repo/blobs/uploads/" | tr -d '\r' | awk -F': ' 'tolower($1)=="location"{print $2}')
  case $location in http*) ;; *) location="http://$registry$location";; esac
  local sep='?'; [[ $location == *'?'* ]] && sep='&'
  curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$file" "$location${sep}digest=$digest" -o /dev/null
  echo "$digest"
}
manifest() { # file mediatype ref -> digest
  curl -fsS -X PUT -H "Content-Type: $2" --data-binary "@$1" "http://$registry/v2/$repo/manifests/$3" -o /dev/null
  echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"
}
entries=""
for platform in linux/amd64 linux/arm64 linux/arm/v7 unknown/unknown; do
  IFS=/ read -r os arch variant <<<"$platform"
  printf 'layer for %s\n' "$platform" | gzip -n > "$work/layer"
  layer=$(blob "$work/layer"); layer_size=$(stat -c %s "$work/layer")
  printf '{"architecture":"%s","os":"%s","rootfs":{"type":"layers","diff_ids":[]}}' "$arch" "$os" > "$work/config"
  config=$(blob "$work/config"); config_size=$(stat -c %s "$work/config")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%s}]}' \
    "$config" "$config_size" "$layer" "$layer_size" > "$work/manifest"
  digest=$(manifest "$work/manifest" application/vnd.oci.image.manifest.v1+json "sha256:$(sha256sum "$work/manifest" | cut -d' ' -f1)")
  size=$(stat -c %s "$work/manifest")
  variant_json=""; [[ -n ${variant:-} ]] && variant_json=",\"variant\":\"$variant\""
  annotations=""; [[ $os == unknown ]] && annotations=",\"annotations\":{\"vnd.docker.reference.type\":\"attestation-manifest\"}"
  entries+="${entries:+,}{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"$digest\",\"size\":$size,\"platform\":{\"architecture\":\"$arch\",\"os\":\"$os\"$variant_json}$annotations}"
done
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' "$entries" > "$work/index"
manifest "$work/index" application/vnd.oci.image.index.v1+json "$tag"
