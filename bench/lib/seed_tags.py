#!/usr/bin/env python3
"""Seeds a repository with COUNT tags that look like dapp images to `dapp dimg cleanup repo`, cheaply.

Each tag gets its own manifest and config (so cleanup reads and deletes COUNT distinct digests, the worst
case) with the labels dapp's push sets: dapp-dimg=true, dapp-tag-scheme=git_branch and an empty
dapp-dimg-name (the nameless dimg). All share one tiny layer. Tags are PREFIX-0001...; with no such git
branch, the cleanup policy deletes every one of them.

Configs are uploaded once (--fresh); a later seed only puts the manifests again (a deleted manifest's
blobs stay in the repository), which keeps re-seeding between timed runs short.

With --digests FILE it writes the manifest digests, one a line: bench/lib/delete_digests.py sends the
same DELETEs dapp's cleanup sends, to measure what the registry alone needs for them.

usage: seed_tags.py [--fresh] [--digests FILE] BASE_URL REPOSITORY COUNT PREFIX
       (credentials in $BENCH_USER/$BENCH_PASSWORD)
"""
import base64
import concurrent.futures
import gzip
import hashlib
import http.client
import json
import os
import sys
import threading
import urllib.parse

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"


def digest(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


class Registry:
    """One keep-alive connection per thread."""

    def __init__(self, base_url, user, password):
        url = urllib.parse.urlsplit(base_url)
        self.host, self.port = url.hostname, url.port
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.headers = {"Authorization": "Basic " + token}
        self.local = threading.local()

    def request(self, method, path, body=None, headers=None):
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        all_headers = dict(self.headers, **(headers or {}))
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        return response.status, response.getheader("Location"), data

    def upload(self, repository, blob):
        status, location, data = self.request("POST", f"/v2/{repository}/blobs/uploads/", b"")
        if status != 202:
            raise RuntimeError(f"starting an upload: {status} {data[:200]!r}")
        separator = "&" if "?" in location else "?"
        path = urllib.parse.urlsplit(location)._replace(scheme="", netloc="").geturl()
        status, _, data = self.request("PUT", f"{path}{separator}digest={digest(blob)}", blob,
                                       {"Content-Type": "application/octet-stream"})
        if status != 201:
            raise RuntimeError(f"finishing an upload: {status} {data[:200]!r}")

    def put_manifest(self, repository, tag, manifest):
        status, _, data = self.request("PUT", f"/v2/{repository}/manifests/{tag}", manifest,
                                       {"Content-Type": OCI_MANIFEST})
        if status != 201:
            raise RuntimeError(f"putting {repository}:{tag}: {status} {data[:200]!r}")


def main(argv):
    fresh = argv[:1] == ["--fresh"]
    if fresh:
        argv = argv[1:]
    digests_file = None
    if argv[:1] == ["--digests"]:
        digests_file, argv = argv[1], argv[2:]
    base_url, repository, count, prefix = argv[0], argv[1], int(argv[2]), argv[3]
    registry = Registry(base_url, os.environ["BENCH_USER"], os.environ["BENCH_PASSWORD"])
    tar = bytes(1024)  # an empty tar archive: two zero blocks
    layer = gzip.compress(tar, mtime=0)
    if fresh:
        registry.upload(repository, layer)

    def seed(number):
        config = json.dumps({
            "created": "2026-01-01T00:00:00Z", "architecture": "amd64", "os": "linux",
            "config": {"Labels": {"dapp-dimg": "true", "dapp-tag-scheme": "git_branch", "dapp-dimg-name": "",
                                  "bench-seed": str(number)}},
            "rootfs": {"type": "layers", "diff_ids": [digest(tar)]}}, sort_keys=True).encode()
        if fresh:
            registry.upload(repository, config)
        manifest = json.dumps({
            "schemaVersion": 2, "mediaType": OCI_MANIFEST,
            "config": {"mediaType": OCI_CONFIG, "digest": digest(config), "size": len(config)},
            "layers": [{"mediaType": OCI_LAYER, "digest": digest(layer), "size": len(layer)}]}).encode()
        registry.put_manifest(repository, f"{prefix}-{number:04d}", manifest)
        return digest(manifest)

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        digests = [future.result() for future in [pool.submit(seed, n) for n in range(1, count + 1)]]
    if digests_file:
        with open(digests_file, "w") as out:
            out.write("".join(d + "\n" for d in digests))


if __name__ == "__main__":
    main(sys.argv[1:])
