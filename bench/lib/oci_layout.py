#!/usr/bin/env python3
"""Writes OCI image layouts for bench/oci.sh, independently of Slipway's own writer.

  oci_layout.py index DIR PLATFORMS SEED     an index of PLATFORMS linux images plus an unknown/unknown attestation
  oci_layout.py single DIR MIB               one manifest whose gzip layer holds MIB MiB of random bytes
"""
import gzip, hashlib, io, json, os, sys, tarfile

def blob(root, data):
    digest = hashlib.sha256(data).hexdigest()
    os.makedirs(f"{root}/blobs/sha256", exist_ok=True)
    with open(f"{root}/blobs/sha256/{digest}", "wb") as f:
        f.write(data)
    return {"digest": f"sha256:{digest}", "size": len(data)}

def compact(value):
    return json.dumps(value, separators=(",", ":")).encode()

def image(root, os_, arch, layer, layer_type):
    layer_desc = dict(mediaType=layer_type, **blob(root, layer))
    config = compact({"architecture": arch, "os": os_, "rootfs": {"type": "layers", "diff_ids": [layer_desc["digest"]]}})
    manifest = compact({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                        "config": dict(mediaType="application/vnd.oci.image.config.v1+json", **blob(root, config)),
                        "layers": [layer_desc]})
    return dict(mediaType="application/vnd.oci.image.manifest.v1+json", **blob(root, manifest))

def finish(root, top):
    with open(f"{root}/oci-layout", "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')
    with open(f"{root}/index.json", "wb") as f:
        f.write(compact({"schemaVersion": 2, "manifests": [top]}))
    print(top["digest"])

def tar_of(name, data):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()

kind, root = sys.argv[1], sys.argv[2]
if kind == "index":
    count, seed = int(sys.argv[3]), sys.argv[4]
    archs = ["amd64", "arm64", "ppc64le", "s390x"][:count]
    entries = []
    for arch in archs:
        entry = image(root, "linux", arch, tar_of("hello.txt", f"{seed} {arch}\n".encode()), "application/vnd.oci.image.layer.v1.tar")
        entry["platform"] = {"architecture": arch, "os": "linux"}
        entries.append(entry)
    attestation = image(root, "unknown", "unknown", compact({"_type": "https://in-toto.io/Statement/v0.1", "seed": seed}), "application/vnd.in-toto+json")
    attestation["platform"] = {"architecture": "unknown", "os": "unknown"}
    attestation["annotations"] = {"vnd.docker.reference.type": "attestation-manifest", "vnd.docker.reference.digest": entries[0]["digest"]}
    entries.append(attestation)
    index = compact({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": entries})
    finish(root, dict(mediaType="application/vnd.oci.image.index.v1+json", **blob(root, index)))
else:
    mib = int(sys.argv[3])
    layer = gzip.compress(tar_of("random.bin", os.urandom(mib * 1024 * 1024)), compresslevel=1, mtime=0)
    finish(root, image(root, "linux", "amd64", layer, "application/vnd.oci.image.layer.v1.tar+gzip"))
