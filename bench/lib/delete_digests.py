#!/usr/bin/env python3
"""Deletes manifests by digest, JOBS at a time over keep-alive connections, and prints the wall time.

The registry's floor for a cleanup's deletes: the same DELETE /v2/REPO/manifests/DIGEST requests dapp's
`dimg cleanup repo` sends, from a client that does nothing else (no reads, no plan). Distribution 2.8 untags
a deleted manifest by looking up every tag of the repository, so this floor grows with the tag count.

usage: delete_digests.py BASE_URL REPOSITORY DIGESTS_FILE JOBS   (credentials in $BENCH_USER/$BENCH_PASSWORD)
"""
import concurrent.futures
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seed_tags import Registry  # noqa: E402  one keep-alive connection per thread, basic auth


def main(argv):
    base_url, repository, digests_file, jobs = argv[0], argv[1], argv[2], int(argv[3])
    registry = Registry(base_url, os.environ["BENCH_USER"], os.environ["BENCH_PASSWORD"])
    with open(digests_file) as lines:
        digests = [line.strip() for line in lines if line.strip()]

    def delete(digest):
        status, _, data = registry.request("DELETE", f"/v2/{repository}/manifests/{digest}")
        if status != 202:
            raise RuntimeError(f"deleting {digest}: {status} {data[:200]!r}")

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for future in [pool.submit(delete, d) for d in digests]:
            future.result()
    print(f"{time.monotonic() - start:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
