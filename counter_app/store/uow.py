"""The unit of work: one SQLite transaction that writes business rows, the journal entry and the outbox
message together, or nothing at all."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from counter_app.domain.errors import StoreError
from counter_app.domain.model import Operation, RecordedOperation
from counter_app.domain.operations import spec
from counter_app.store import journal, outbox
from counter_app.store.books import BooksRepository
from counter_app.store.code_payments import CodePaymentRepository
from counter_app.store.offline_takings import OfflineTakingsRepository
from counter_app.store.database import connect, open_database
from counter_app.store.journal import canonical_json
from counter_app.store.orders import BillRepository, OrderRepository
from counter_app.store.parcels import ParcelRepository
from counter_app.store.print_jobs import PrintJobRepository
from counter_app.store.repositories import (
    CatalogRepository,
    ClerkRepository,
    JournalReader,
    ManifestRepository,
    MemberRepository,
    SettingsRepository,
    ShiftRepository,
)


def store_error(exc: sqlite3.Error) -> StoreError:
    """Translate a SQLite failure into a message a clerk can act on."""
    text = str(exc).lower()
    if "full" in text:
        return StoreError("disk_full", "磁盘已满，本笔业务未保存，请联系技术支持清理磁盘后重试。",
                          "The disk is full; this operation was not saved. Free disk space and try again.")
    if "locked" in text or "busy" in text:
        return StoreError("db_busy", "本地数据库繁忙，本笔业务未保存，请重试。",
                          "The local database is busy; this operation was not saved. Try again.")
    if "readonly" in text or "read-only" in text:
        return StoreError("db_readonly", "本地数据库只读，本笔业务未保存，请联系技术支持。",
                          "The local database is read-only; this operation was not saved.")
    return StoreError("db_error", f"本地数据库错误，本笔业务未保存：{exc}",
                      f"Local database error; this operation was not saved: {exc}")


class Store:
    """The counter's database file; hands out one connection per thread and units of work over it."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self.path = open_database(data_dir)
        self._by_thread: dict[int, sqlite3.Connection] = {}
        self._lock = threading.Lock()

    def connection(self) -> sqlite3.Connection:
        """This thread's connection. Keyed by the OS thread id, not threading.local: a Qt pool thread gets a
        fresh Python thread state (and so empty thread-locals) for every job, which opened and kept one
        connection, page cache and all, per job."""
        ident = threading.get_ident()
        with self._lock:
            conn = self._by_thread.get(ident)
            if conn is None:
                conn = connect(self.path)
                self._by_thread[ident] = conn
        return conn

    def open_connections(self) -> int:
        """How many connections are open (one per thread that used the store)."""
        with self._lock:
            return len(self._by_thread)

    def uow(self) -> SqliteUnitOfWork:
        return SqliteUnitOfWork(self)

    def close(self) -> None:
        with self._lock:
            for conn in self._by_thread.values():
                try:
                    conn.close()
                except sqlite3.Error:
                    pass
            self._by_thread.clear()


class SqliteUnitOfWork:
    """``with uow: ...; uow.commit()``: a write transaction that rolls back unless committed; ``record``
    journals an operation. ``with uow.read(): ...``: a consistent snapshot for reads that takes no write lock."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.conn: sqlite3.Connection | None = None
        self._committed = False
        self._reading = False

    def __enter__(self) -> SqliteUnitOfWork:
        # IMMEDIATE takes the write lock now, so two counters' threads never interleave half-writes.
        self._begin("BEGIN IMMEDIATE")
        return self

    @contextmanager
    def read(self) -> Iterator[SqliteUnitOfWork]:
        """A read-only transaction: a snapshot of committed data; writers are not held up (WAL)."""
        self._begin("BEGIN DEFERRED")
        self._reading = True
        try:
            yield self
        except sqlite3.Error as exc:
            raise store_error(exc) from exc
        finally:
            self._reading = False
            self.rollback()

    def _begin(self, statement: str) -> None:
        self.conn = self._store.connection()
        if self.conn.in_transaction:
            raise RuntimeError("a unit of work is already open on this thread")
        try:
            self.conn.execute(statement)
        except sqlite3.Error as exc:
            raise store_error(exc) from exc
        self._committed = False
        self.settings = SettingsRepository(self.conn)
        self.clerks = ClerkRepository(self.conn)
        self.shifts = ShiftRepository(self.conn)
        self.catalog = CatalogRepository(self.conn)
        self.members = MemberRepository(self.conn)
        self.manifest = ManifestRepository(self.conn)
        self.orders = OrderRepository(self.conn)
        self.bills = BillRepository(self.conn)
        self.journal = JournalReader(self.conn)
        self.outbox = outbox.OutboxRepository(self.conn)
        self.print_jobs = PrintJobRepository(self.conn)
        self.books = BooksRepository(self.conn)
        self.parcels = ParcelRepository(self.conn)
        self.code_payments = CodePaymentRepository(self.conn)
        self.offline_takings = OfflineTakingsRepository(self.conn)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self._committed:
            self.rollback()
        if isinstance(exc, sqlite3.Error):
            raise store_error(exc) from exc

    def record(self, op: Operation) -> RecordedOperation:
        """Append the journal entry, the outbox message and the receipt's print job for ``op``."""
        if self.conn is None or self._reading:
            raise RuntimeError("record() needs a write unit of work")
        branch = self.settings.branch()
        if branch is None:
            raise StoreError("not_enrolled", "本柜台尚未设置网点和柜台号", "This counter has no branch settings yet")
        payload = op.payload.as_dict()
        entry = {
            "op_id": op.op_id,
            "kind": op.kind,
            "aggregate_id": op.aggregate_id,
            "shift_id": op.shift_id,
            "clerk_id": op.clerk_id,
            "occurred_at": op.occurred_at,
            "business_date": op.business_date,
            "amount_fen": op.amount_fen,
            "payload": canonical_json(payload),
        }
        seq, _ = journal.append_entry(self.conn, entry)
        envelope = {
            "op_id": op.op_id,
            "kind": op.kind,
            "branch_id": branch.branch_id,
            "counter_id": branch.counter_id,
            "clerk_id": op.clerk_id,
            "shift_id": op.shift_id or "",
            "aggregate_id": op.aggregate_id,
            "device_seq": seq,
            "occurred_at": op.occurred_at,
            "business_date": op.business_date,
            "payload": payload,
        }
        outbox.enqueue(self.conn, seq, envelope, op.occurred_at)
        # The receipt is queued with the operation: a crash after the commit never leaves a sale unprintable.
        if spec(op.kind).prints_receipt:
            self.print_jobs.add(op.op_id, reprint=False, at=op.occurred_at, context=self._receipt_context(payload))
        return RecordedOperation(seq=seq, envelope=envelope)

    def _receipt_context(self, payload: dict[str, Any]) -> dict[str, Any] | None:
        """What the receipt shows beyond the operation, as it is now: the member's masked phone and name
        and their points balance after this operation (cached balance plus what is not yet confirmed)."""
        member_id = payload.get("member_id")
        member = self.members.get(member_id) if member_id else None
        if member is None:
            return None
        plus, minus = self.members.undelivered_points(member.member_id)
        return {"member": {"phone_masked": member.phone_masked, "name_masked": member.name_masked,
                           "card_no": member.card_no},
                "points_balance": member.points_balance + plus - minus}

    def commit(self) -> None:
        if self.conn is None or self._reading:
            raise RuntimeError("commit() needs a write unit of work")
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self.rollback()
            raise store_error(exc) from exc
        self._committed = True

    def rollback(self) -> None:
        if self.conn is not None and self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
