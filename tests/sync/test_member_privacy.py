"""Member privacy on the counter (issue 13), played by an attacker who holds one enrolled counter's database.

* A counter caches only the members its branch serves (registered there, or seen there lately); a member found
  online is added, and then the branch's other counters receive it too; another branch's counter never does.
* From a copy of the database, brute-forcing a cached phone or a pickup code does not finish within a bounded
  budget: the test measures the derivation's guesses per second on this machine and projects the cost over
  the keyspace left by what the cache keeps (no phone digits; a 6-digit code).
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from counter_app.domain import derivation, services
from counter_app.store.database import DB_FILENAME
from platform_sim.admin import pickup_codes
from platform_sim.testing import PlatformProcess
from tests.sync.conftest import new_counter, platform_query

CPU_YEAR_S = 365 * 24 * 3600
CPU_DAY_S = 24 * 3600
MOBILE_KEYSPACE = 7 * 10**9  # 1[3-9]xxxxxxxxx: every mainland mobile number
CODE_KEYSPACE = 10**6  # six digits


def _served(platform: PlatformProcess, branch_id: str) -> set[str]:
    rows = platform_query(platform.db_path, "SELECT member_id FROM members WHERE home_branch_id = ? OR member_id IN"
                          " (SELECT member_id FROM member_visits WHERE branch_id = ?)", (branch_id, branch_id))
    return {r[0] for r in rows}


def _cached(counter) -> set[str]:  # type: ignore[no-untyped-def]
    with counter.uow() as uow:
        return {r[0] for r in uow.conn.execute("SELECT member_id FROM members")}


def test_a_counter_never_receives_a_member_its_branch_does_not_serve(platform: PlatformProcess,
                                                                     tmp_path: Path) -> None:
    b2, _ = new_counter(platform, tmp_path / "b2", branch_id="B002", open_shift=False)
    b3, _ = new_counter(platform, tmp_path / "b3", branch_id="B003", open_shift=False)
    cached_b2 = _cached(b2)
    assert cached_b2 and cached_b2 <= _served(platform, "B002")
    assert not cached_b2 & _cached(b3)
    # A B001 member comes to B002: found online there, then cached; B002's next counter pulls it, B003's never.
    member_id, phone = platform_query(platform.db_path, "SELECT member_id, phone FROM members WHERE"
                                      " home_branch_id = 'B001' ORDER BY member_id LIMIT 1")[0]
    assert member_id not in cached_b2
    view = services.identify_member(phone, b2.uow(), b2.deps)
    assert view.from_platform and view.member.member_id in _cached(b2)
    again, engine = new_counter(platform, tmp_path / "b2bis", branch_id="B002", open_shift=False)
    assert member_id in _cached(again)
    assert engine.run_once().ok
    b3_engine = new_counter(platform, tmp_path / "b3bis", branch_id="B003", open_shift=False)[1]
    assert b3_engine.run_once().ok
    assert member_id not in _cached(b3) | _cached(b3_engine.counter)
    for counter in (b2, b3, again, b3_engine.counter):
        assert _cached(counter) <= _served(platform, counter.settings()["branch_id"])
        counter.close()


def _guesses_per_second(fn, budget_s: float = 1.0) -> float:  # type: ignore[no-untyped-def]
    """CPU time per guess of ``fn`` over at least 3 calls and ``budget_s`` seconds."""
    calls, started = 0, time.process_time()
    while calls < 3 or time.process_time() - started < budget_s:
        fn(f"{13800000000 + calls}")
        calls += 1
    return calls / (time.process_time() - started)


def test_brute_forcing_a_database_copy_costs_cpu_years_for_phones_and_a_cpu_day_per_pickup_code(
        platform: PlatformProcess, tmp_path: Path) -> None:
    counter, _ = new_counter(platform, tmp_path / "c", open_shift=False)
    copy = tmp_path / "stolen.db"
    counter.close()
    shutil.copy(counter.data_dir / DB_FILENAME, copy)
    db = sqlite3.connect(copy)
    secret = [json for (json,) in db.execute("SELECT value FROM settings WHERE key = 'branch_secret'")][0].strip('"')
    members = db.execute("SELECT member_id, phone_key, phone_masked FROM members").fetchall()
    manifest = db.execute("SELECT order_no, code_key, phone_masked FROM pickup_manifest").fetchall()
    db.close()
    assert members and manifest and secret
    # What the copy holds: no phone digit of any member, only the last 4 of a pickup's phone, never a code.
    raw = copy.read_bytes() + (Path(str(copy) + "-wal").read_bytes() if Path(str(copy) + "-wal").exists() else b"")
    phones = [p for (p,) in platform_query(platform.db_path, "SELECT phone FROM members")]
    assert all(masked == "" for _, _, masked in members)
    assert not any(p.encode() in raw for p in phones)
    assert all(len(masked.strip("*")) <= 4 for _, _, masked in manifest)
    # The attacker's guess rate, with the secret in hand (it is in the copy).
    member_id, key, _ = members[0]
    phone_rate = _guesses_per_second(lambda guess: derivation.phone_key(secret, guess) == key)
    code_rate = _guesses_per_second(lambda guess: derivation.pickup_code_key(
        derivation.pickup_code_base(secret, guess[-6:]), manifest[0][0]) == manifest[0][1])
    # Every cached phone at once costs a pass over every mobile number (one guess tests all of the branch's
    # keys, so this is also the cost of one phone); a pickup code costs a pass over the 10**6 codes.
    all_phones_s = MOBILE_KEYSPACE / phone_rate
    one_code_s = CODE_KEYSPACE / code_rate
    assert all_phones_s >= CPU_YEAR_S, f"all cached phones in {all_phones_s / CPU_YEAR_S:.2f} CPU-years"
    assert one_code_s >= CPU_DAY_S, f"a pickup code in {one_code_s / CPU_DAY_S:.2f} CPU-days"
    # And the derivation is really what guards them: the right guess matches (the budget is not a fake).
    phone = platform_query(platform.db_path, "SELECT phone FROM members WHERE member_id = ?", (member_id,))[0][0]
    assert derivation.phone_key(secret, phone) == key
    order_no, code = pickup_codes(platform.db_path, "B001", limit=1)[0]
    cached = dict((o, k) for o, k, _ in manifest)[order_no]
    assert derivation.pickup_code_key(derivation.pickup_code_base(secret, code), order_no) == cached
