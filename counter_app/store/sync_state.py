"""What the sync engine keeps in the counter's database: pull cursors, pulled pages, delivery bookkeeping.

Every function opens its own transaction on the calling thread's connection; a pulled page is written
together with its cursor, and a batch's results together with the members' balances they carry.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from counter_app.store import outbox
from counter_app.store.outbox import OutboxMessage
from counter_app.store.repositories import CATALOG_UPSERT, MANIFEST_UPSERT, MEMBER_UPSERT, SETTINGS_UPSERT
from counter_app.store.uow import Store, store_error

CATALOG = "catalog"
MEMBERS = "members"
# The parcel tariff and region versions: those the last catalog page offered, and those last pulled.
PARCEL_VERSIONS_OFFERED = "parcel_versions_offered"
PARCEL_VERSIONS_HELD = "parcel_versions_held"


def pickups_stream(branch_id: str) -> str:
    """The cursor name of a branch's pickup manifest."""
    return f"pickups:{branch_id}"


@contextmanager
def _write(store: Store) -> Iterator[sqlite3.Connection]:
    """One IMMEDIATE transaction: committed if the block ends normally, rolled back otherwise."""
    conn = store.connection()
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise store_error(exc) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise store_error(exc) from exc
        raise


def _read(store: Store) -> sqlite3.Connection:
    return store.connection()


# ---- cursors and facts ---------------------------------------------------------------------------------


def get_cursor(store: Store, stream: str) -> str | None:
    """The stored cursor of a pull stream (None: start from the beginning)."""
    row = _read(store).execute("SELECT cursor FROM sync_cursors WHERE stream = ?", (stream,)).fetchone()
    return row["cursor"] if row else None


def _set_cursor(conn: sqlite3.Connection, stream: str, cursor: str, at: str) -> None:
    conn.execute("INSERT INTO sync_cursors (stream, cursor, updated_at) VALUES (?, ?, ?) ON CONFLICT(stream) "
                 "DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at", (stream, cursor, at))


def get_meta(store: Store, key: str) -> Any:
    row = _read(store).execute("SELECT value FROM sync_meta WHERE key = ?", (key,)).fetchone()
    return json.loads(row["value"]) if row else None


def set_meta(store: Store, key: str, value: Any, *, at: str) -> None:
    with _write(store) as conn:
        _set_meta(conn, key, value, at)


def _set_meta(conn: sqlite3.Connection, key: str, value: Any, at: str) -> None:
    conn.execute("INSERT INTO sync_meta (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE "
                 "SET value = excluded.value, updated_at = excluded.updated_at",
                 (key, json.dumps(value, ensure_ascii=False), at))


def get_setting(store: Store, key: str, default: Any = None) -> Any:
    row = _read(store).execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row["value"]) if row else default


def set_settings(store: Store, values: Mapping[str, Any]) -> None:
    with _write(store) as conn:
        conn.executemany(
            SETTINGS_UPSERT,
            [(k, json.dumps(v, ensure_ascii=False)) for k, v in values.items()])


# ---- pulled pages --------------------------------------------------------------------------------------


def save_catalog_page(store: Store, items: Sequence[Mapping[str, Any]], *, points_rule: Mapping[str, Any] | None,
                      cursor: str, at: str, parcel_versions: Mapping[str, str] | None = None) -> None:
    """Upsert products (each with its pinyin initials already computed) and the points rule, with the cursor and
    the parcel data versions the platform offers (None: it does not say)."""
    with _write(store) as conn:
        _set_meta(conn, PARCEL_VERSIONS_OFFERED, dict(parcel_versions) if parcel_versions else None, at)
        conn.executemany(
            CATALOG_UPSERT,
            [(p["sku"], p.get("barcode") or None, p["name"], p["pinyin_initials"], p["category"], p["price_fen"],
              p["unit"], int(p["member_discount"]), int(p["points_eligible"]), int(p["active"])) for p in items])
        if points_rule is not None:
            conn.execute(SETTINGS_UPSERT, ("points_rule", json.dumps(dict(points_rule), ensure_ascii=False)))
        _set_cursor(conn, CATALOG, cursor, at)




def _member_row(m: Mapping[str, Any], at: str) -> tuple[Any, ...]:
    return (m["member_id"], m.get("phone_key") or None, "", m.get("card_no") or None,
            m["name_masked"], m["points_balance"], m["level"], at)


def save_members_page(store: Store, items: Sequence[Mapping[str, Any]], *, cursor: str, at: str) -> None:
    """Upsert members (the phone only as its slow key, no phone digits; card, balance, level) with the cursor."""
    with _write(store) as conn:
        conn.executemany(MEMBER_UPSERT, [_member_row(m, at) for m in items])
        _set_cursor(conn, MEMBERS, cursor, at)


def restart_keyed_pulls(store: Store) -> None:
    """Pull members and pickup manifests from the start again (their keys changed salt)."""
    with _write(store) as conn:
        conn.execute("DELETE FROM sync_cursors WHERE stream = ? OR stream LIKE 'pickups:%'", (MEMBERS,))


def cache_member(store: Store, member: Mapping[str, Any], *, at: str) -> None:
    """Cache one member from an online look-up."""
    with _write(store) as conn:
        conn.execute(MEMBER_UPSERT, _member_row(member, at))


def cached_card_no(store: Store, member_id: str) -> str | None:
    row = _read(store).execute("SELECT card_no FROM members WHERE member_id = ?", (member_id,)).fetchone()
    return row["card_no"] if row else None


def save_pickups_page(store: Store, branch_id: str, items: Sequence[Mapping[str, Any]], *, cursor: str,
                      at: str) -> None:
    """Upsert this branch's pickup manifest entries with the cursor."""
    with _write(store) as conn:
        conn.executemany(
            MANIFEST_UPSERT,
            [(p["order_no"], branch_id, p["customer_name_masked"], p["phone_masked"], p["code_key"],
              json.dumps(list(p["lines"]), ensure_ascii=False), p["total_fen"], p["status"], p.get("paid_at"), at,
              p.get("cod_fen", 0), int(bool(p.get("second_factor"))))
             for p in items])
        _set_cursor(conn, pickups_stream(branch_id), cursor, at)


# ---- outbox delivery -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """The platform's answer for one message."""

    op_id: str
    status: str  # accepted | duplicate | rejected
    code: str
    reason: str | None
    result: dict[str, Any] | None


@dataclass(frozen=True)
class Applied:
    delivered: int
    duplicates: int
    rejected: int
    balances: int


@dataclass(frozen=True)
class QueueFacts:
    pending: int
    rejected_open: int
    oldest_pending_at: str | None
    last_delivered_at: str | None
    next_due_at: str | None


def next_batch(store: Store, *, now: str, limit: int) -> list[OutboxMessage]:
    """The next messages to send (see ``outbox.next_batch``)."""
    return outbox.next_batch(_read(store), now=now, limit=limit)


def _member_of(conn: sqlite3.Connection, envelope: Mapping[str, Any]) -> str | None:
    """Whose points an operation's result balance belongs to."""
    payload = envelope.get("payload") or {}
    member_id = payload.get("member_id")
    if member_id:
        return str(member_id)
    if envelope.get("kind") in ("refund", "void") and payload.get("order_no"):
        row = conn.execute("SELECT member_id FROM orders WHERE order_no = ?", (payload["order_no"],)).fetchone()
        return row["member_id"] if row and row["member_id"] else None
    return None


def apply_results(store: Store, sent: Sequence[OutboxMessage], outcomes: Sequence[Outcome], *, at: str) -> Applied:
    """Record a batch's answers in one transaction: delivered, duplicate (delivered with the original result)
    or rejected (to the exceptions list); a ``points_balance`` in an accepted result updates the cached member."""
    by_op = {m.op_id: m for m in sent}
    delivered = duplicates = rejected = balances = 0
    with _write(store) as conn:
        for outcome in outcomes:
            message = by_op.get(outcome.op_id)
            if message is None:
                continue
            if outcome.status in ("accepted", "duplicate"):
                dup = outcome.status == "duplicate"
                if not outbox.mark_delivered(conn, outcome.op_id, result=outcome.result, at=at, duplicate=dup):
                    continue
                delivered += 1
                duplicates += int(dup)
                # A duplicate carries the balance as it was when first applied, maybe older than what the
                # cache holds now; the members pull brings the current one (that change bumped the member).
                balance = None if dup else (outcome.result or {}).get("points_balance")
                if isinstance(balance, int) and not isinstance(balance, bool):
                    member_id = _member_of(conn, message.envelope)
                    if member_id:
                        conn.execute("UPDATE members SET points_balance = ?, synced_at = ? WHERE member_id = ?",
                                     (balance, at, member_id))
                        balances += 1
            else:
                if outbox.mark_rejected(conn, outcome.op_id, code=outcome.code,
                                        reason=outcome.reason or outcome.code, result=outcome.result, at=at):
                    rejected += 1
    return Applied(delivered, duplicates, rejected, balances)


def reject(store: Store, op_id: str, *, code: str, reason: str, at: str) -> bool:
    """Move one message to the exceptions list without a platform answer for it (e.g. it breaks the contract)."""
    with _write(store) as conn:
        return outbox.mark_rejected(conn, op_id, code=code, reason=reason, result=None, at=at)


def schedule_retries(store: Store, retries: Iterable[tuple[str, str]], *, error: str) -> int:
    """(op_id, next_attempt_at) pairs: each message waits until then; counts one more attempt."""
    pairs = list(retries)
    with _write(store) as conn:
        for op_id, when in pairs:
            outbox.mark_retry(conn, op_id, error=error[:500], next_attempt_at=when)
    return len(pairs)


def held_messages(store: Store, *, limit: int = 500) -> list[tuple[OutboxMessage, OutboxMessage]]:
    """Pending messages waiting behind an open exception, each with the rejected message holding it."""
    return outbox.held(_read(store), limit=limit)


def waiting_messages(store: Store, *, now: str, limit: int = 500) -> list[OutboxMessage]:
    """Pending messages waiting out a retry delay at ``now`` (oldest first)."""
    return outbox.waiting(_read(store), now=now, limit=limit)


def make_due_now(store: Store) -> None:
    """Every pending message may go in the next cycle, whatever retry delay it was waiting out."""
    with _write(store) as conn:
        conn.execute("UPDATE outbox SET next_attempt_at = NULL WHERE state = 'pending' AND next_attempt_at IS NOT NULL")


def queue_facts(store: Store) -> QueueFacts:
    conn = _read(store)
    stats = outbox.stats(conn)
    return QueueFacts(stats.pending, stats.rejected_open, stats.oldest_pending_at, stats.last_delivered_at,
                      outbox.next_due_at(conn))


def delivery_states(store: Store) -> dict[str, str]:
    """op_id -> state of every outbox message (for checks and tests)."""
    return {r["op_id"]: r["state"] for r in _read(store).execute("SELECT op_id, state FROM outbox")}
