"""Scale check: seed 1,000,000 members into a temp db, then page through all of them over HTTP on loopback.

Run: ``python bench/platform_members_scale.py [--members N] [--limit 1000]``; prints the figures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from platform_sim.seed import seed  # noqa: E402
from platform_sim.testing import PlatformProcess, enrol  # noqa: E402


def pull_all(api_url: str, token: str, limit: int) -> tuple[int, int]:
    """Follow the members cursor to the end: (distinct members, pages)."""
    seen: set[str] = set()
    cursor, pages = "", 0
    with httpx.Client(base_url=api_url, timeout=120.0, headers={"Authorization": f"Bearer {token}"}) as http:
        while True:
            resp = http.get("/members", params={"cursor": cursor, "limit": limit})
            resp.raise_for_status()
            page = resp.json()
            seen.update(item["member_id"] for item in page["items"])
            cursor, pages = page["next_cursor"], pages + 1
            if not page["has_more"]:
                return len(seen), pages


def main(argv: list[str] | None = None) -> int:
    """Seed, serve, pull, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=1_000_000, help="members to seed (default 1,000,000)")
    parser.add_argument("--limit", type=int, default=1000, help="page size (default 1000, the maximum)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="platform-bench-") as tmp:
        db_path = Path(tmp) / "platform.db"
        started = time.perf_counter()
        seed(db_path, demo=False, members=args.members, orders=2000)
        seed_s = time.perf_counter() - started
        size_mb = db_path.stat().st_size / 1_000_000
        with PlatformProcess(db_path) as server:
            _, token = enrol(server.base_url, db_path)
            started = time.perf_counter()
            count, pages = pull_all(server.api_url, token, args.limit)
            pull_s = time.perf_counter() - started
    print(f"seed:  {args.members:,} members in {seed_s:.1f} s ({args.members / seed_s:,.0f}/s), db {size_mb:.0f} MB")
    print(f"pull:  {count:,} distinct members in {pages} pages of {args.limit} in {pull_s:.1f} s "
          f"({count / pull_s:,.0f} members/s, {pull_s / pages * 1000:.1f} ms/page)")
    if count != args.members:
        print(f"MISMATCH: expected {args.members:,} members, got {count:,}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
