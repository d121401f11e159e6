"""Read-only services the screens use: product search, orders, journal, reports, exceptions."""

from __future__ import annotations

from typing import Any

from counter_app.domain.errors import NotFound, Refused
from counter_app.domain.model import Product
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.reports import DayReport, Difference, day_report, reconcile


def search_products(text: str, uow: UnitOfWork, *, limit: int = 30) -> list[Product]:
    """Products by scanned barcode, sku, name or pinyin initials."""
    text = text.strip()
    if not text:
        return []
    with uow:
        exact = uow.catalog.by_code(text)
        if exact is not None:
            return [exact]
        return uow.catalog.search(text, limit=limit)


def get_order(order_no: str, uow: UnitOfWork) -> dict[str, Any]:
    with uow:
        order = uow.orders.get(order_no.strip())
    if order is None:
        raise NotFound("order_unknown", f"订单 {order_no} 不存在", f"No order {order_no}", field="order_no")
    return order


def operation(op_id: str, uow: UnitOfWork) -> dict[str, Any]:
    """An operation's envelope as committed (for receipts and reprints)."""
    with uow:
        envelope = uow.journal.envelope(op_id)
    if envelope is None:
        raise NotFound("operation_unknown", f"业务流水 {op_id} 不存在", f"No operation {op_id}")
    return envelope


def journal_entries(uow: UnitOfWork, *, business_date: str | None = None, shift_id: str | None = None,
                    limit: int = 200) -> list[dict[str, Any]]:
    with uow:
        return uow.journal.entries(business_date=business_date, shift_id=shift_id, limit=limit)


def make_day_report(business_date: str, uow: UnitOfWork) -> DayReport:
    with uow:
        entries = uow.journal.entries(business_date=business_date, limit=10_000_000)
        stats = uow.outbox.stats()
    shifts = [e["payload"] | {"shift_id": e["shift_id"], "clerk_id": e["clerk_id"]}
              for e in entries if e["kind"] == "shift_close"]
    return day_report(business_date, entries, shifts=shifts, unsent=stats.pending, exceptions=stats.rejected_open)


def reconcile_day(business_date: str, uow: UnitOfWork, deps: Deps) -> tuple[DayReport, list[Difference]]:
    """轧帐: the day report beside the platform's totals; needs the platform and an empty queue to be final."""
    report = make_day_report(business_date, uow)
    if not deps.online() or deps.platform is None:
        raise Refused("reconcile_offline", "离线状态下无法与平台对账", "Reconciliation needs the platform")
    platform_totals = deps.platform.reconciliation(business_date)
    return report, reconcile(report, platform_totals)
