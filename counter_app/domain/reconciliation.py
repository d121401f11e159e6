"""Reconciliation per operation (轧帐): the counter's journal of a day beside the platform's list of the same day's
operations. Each operation is matched, only here (queued or lost), only on the platform, different (amount or
methods), or rejected there. The comparison changes nothing on either side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from counter_app.domain.cashbox import CASH_MOVE_KINDS
from counter_app.domain.operations import BUSINESS_KINDS, is_kind, payload_of
from counter_app.domain.ports import UnitOfWork

MATCHED = "matched"
ONLY_HERE = "only_here"
ONLY_PLATFORM = "only_platform"
DIFFERENT = "different"
REJECTED = "rejected"

STATUS_NAMES_ZH = {MATCHED: "一致", ONLY_HERE: "仅本柜台有", ONLY_PLATFORM: "仅平台有", DIFFERENT: "金额或支付方式不符",
                   REJECTED: "平台已拒绝"}
STATUS_NAMES_EN = {MATCHED: "matched", ONLY_HERE: "only here", ONLY_PLATFORM: "only on the platform",
                   DIFFERENT: "different amount or methods", REJECTED: "rejected by the platform"}


@dataclass(frozen=True)
class OpLine:
    """One operation's place in the comparison; ``note`` says why (queued, lost, which figure differs)."""

    op_id: str
    kind: str
    status: str
    here_fen: int | None
    platform_fen: int | None
    here_methods: dict[str, int] = field(default_factory=dict)
    platform_methods: dict[str, int] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class OpReconciliation:
    business_date: str
    lines: list[OpLine]

    @property
    def differences(self) -> list[OpLine]:
        return [line for line in self.lines if line.status != MATCHED]

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)


def counted_figures(entry: dict[str, Any], *, target_rejected: bool = False) -> tuple[int, dict[str, int]]:
    """(amount, net money per method) of a journal entry as the platform's list counts it."""
    kind = entry["kind"]
    if not is_kind(kind) or target_rejected:
        return 0, {}
    payload = payload_of(kind, entry["payload"])
    if kind in CASH_MOVE_KINDS:
        return payload.journal_fen(), {}
    if kind not in BUSINESS_KINDS:
        return 0, {}
    methods: dict[str, int] = {}
    for method, fen in payload.money_moves():
        methods[method] = methods.get(method, 0) + fen
    return payload.report_fen(), {m: fen for m, fen in methods.items() if fen}


def compare(business_date: str, entries: Sequence[dict[str, Any]],
            platform_ops: Sequence[dict[str, Any]]) -> OpReconciliation:
    """Every operation of the day on either side, in the counter's journal order, then the platform's extras."""
    theirs = {str(op["op_id"]): op for op in platform_ops}
    rejected_there = {op_id for op_id, op in theirs.items() if op["status"] == "rejected"}
    rejected_here = {e["op_id"] for e in entries if e.get("sync_state") == "rejected"}
    lines = []
    for entry in sorted(entries, key=lambda e: e["seq"]):
        target = entry["payload"].get("target_op_id") if entry["kind"] == "refund" else None
        amount, methods = counted_figures(entry, target_rejected=target in rejected_there | rejected_here)
        op = theirs.pop(entry["op_id"], None)
        if op is None:
            queued = entry.get("sync_state") == "pending"
            lines.append(OpLine(entry["op_id"], entry["kind"], ONLY_HERE, amount, None, methods,
                                note="queued" if queued else "lost"))
        elif op["status"] == "rejected":
            lines.append(OpLine(entry["op_id"], entry["kind"], REJECTED, amount, op["amount_fen"], methods,
                                dict(op["methods"]), note=str(op.get("code") or "")))
        elif amount != op["amount_fen"] or methods != dict(op["methods"]) or entry["kind"] != op["kind"]:
            what = [w for w, differs in (("kind", entry["kind"] != op["kind"]), ("amount", amount != op["amount_fen"]),
                                         ("methods", methods != dict(op["methods"]))) if differs]
            lines.append(OpLine(entry["op_id"], entry["kind"], DIFFERENT, amount, op["amount_fen"], methods,
                                dict(op["methods"]), note=",".join(what)))
        else:
            lines.append(OpLine(entry["op_id"], entry["kind"], MATCHED, amount, op["amount_fen"], methods,
                                dict(op["methods"])))
    for op_id, op in theirs.items():
        lines.append(OpLine(op_id, str(op["kind"]), REJECTED if op["status"] == "rejected" else ONLY_PLATFORM, None,
                            op["amount_fen"], {}, dict(op["methods"]), note="never created here"))
    return OpReconciliation(business_date, lines)


def reconcile_operations(business_date: str, uow: UnitOfWork, platform_ops: Sequence[dict[str, Any]]
                         ) -> OpReconciliation:
    """The day's journal beside ``platform_ops`` (the platform's list, fetched by the sync layer)."""
    with uow.read():
        entries = uow.journal.entries(business_date=business_date, limit=10_000_000)
    return compare(business_date, entries, platform_ops)
