"""Read-only services the screens use: product search, orders, journal, reports, exceptions."""

from __future__ import annotations

from typing import Any

from counter_app.domain import pricing
from counter_app.domain.errors import NotFound, Refused
from counter_app.domain.model import OfflineRules, Order, PointsRule, Product, Shift
from counter_app.domain.operations import payload_of
from counter_app.domain.order_lookup import OrderSummary, find_orders
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.reports import DayReport, Difference, day_report, reconcile
from counter_app.domain.services.shifts import expected_cash


def search_products(text: str, uow: UnitOfWork, *, limit: int = 30) -> list[Product]:
    """Products by scanned barcode, sku, name or pinyin initials."""
    text = text.strip()
    if not text:
        return []
    with uow.read():
        exact = uow.catalog.by_code(text)
        if exact is not None:
            return [exact]
        return uow.catalog.search(text, limit=limit)


def get_order(order_no: str, uow: UnitOfWork) -> Order:
    with uow.read():
        order = uow.orders.get(order_no.strip())
    if order is None:
        raise NotFound("order_unknown", f"订单 {order_no} 不存在", f"No order {order_no}", field="order_no")
    return order


def todays_orders(text: str, uow: UnitOfWork, deps: Deps, *, limit: int = 50) -> list[OrderSummary]:
    """退款/作废's look-up list: today's orders of this counter, newest first, narrowed by ``text`` (the
    order number's last digits or the amount; empty: all of them)."""
    business_date = deps.clock.now().date().isoformat()
    with uow.read():
        orders = uow.orders.summaries_on(business_date)
    return find_orders(orders, text, limit=limit)


def journal_entries(uow: UnitOfWork, *, business_date: str | None = None, shift_id: str | None = None,
                    limit: int = 200) -> list[dict[str, Any]]:
    with uow.read():
        return uow.journal.entries(business_date=business_date, shift_id=shift_id, limit=limit)


def make_day_report(business_date: str, uow: UnitOfWork) -> DayReport:
    with uow.read():
        entries = uow.journal.entries(business_date=business_date, limit=10_000_000)
        stats = uow.outbox.stats()
        # A refund's target may have been refused on another day (taken yesterday, refused overnight).
        refused_targets = {target for e in entries if e["kind"] == "refund"
                           and (target := e["payload"].get("target_op_id"))
                           and (message := uow.outbox.get(target)) is not None and message.state == "rejected"}
    entries = _without_refused(entries, refused_targets)
    shifts = [e["payload"] | {"shift_id": e["shift_id"], "clerk_id": e["clerk_id"]}
              for e in entries if e["kind"] == "shift_close"]
    return day_report(business_date, entries, shifts=shifts, unsent=stats.pending, exceptions=stats.rejected_open)


def _without_refused(entries: list[dict[str, Any]], refused_targets: set[str]) -> list[dict[str, Any]]:
    """Leave out operations the platform refused, and the money handed back for them (``refused_targets``
    names refused operations of other days): neither counts as takings (the drawer saw both)."""
    refused = {e["op_id"] for e in entries if e.get("sync_state") == "rejected"} | refused_targets
    return [e for e in entries if e["op_id"] not in refused
            and not (e["kind"] == "refund" and e["payload"].get("target_op_id") in refused)]


def reconcile_day(business_date: str, uow: UnitOfWork, deps: Deps) -> tuple[DayReport, list[Difference]]:
    """轧帐: the day report beside the platform's totals; needs the platform and an empty queue to be final."""
    report = make_day_report(business_date, uow)
    if not deps.online() or deps.platform is None:
        raise Refused("reconcile_offline", "离线状态下无法与平台对账", "Reconciliation needs the platform")
    platform_totals = deps.platform.reconciliation(business_date)
    return report, reconcile(report, platform_totals)


def quote_order(lines: list[tuple[str, int]], member_id: str | None, uow: UnitOfWork) -> dict[str, Any]:
    """What the cart comes to before paying: subtotal, member discount, total (the screen's live figures)."""
    with uow.read():
        rule = uow.settings.points_rule()
        member = uow.members.get(member_id) if member_id else None
        priced = []
        for sku, qty in lines:
            product = uow.catalog.get(sku)
            if product is not None and qty > 0:
                priced.append(pricing.PricedLine(product, qty))
    totals = pricing.totals(priced, member, rule)
    return {"subtotal_fen": totals.subtotal_fen, "discount_fen": totals.discount_fen,
            "total_fen": totals.total_fen, "redeem_fen_per_point": rule.redeem_fen_per_point}


def counter_rules(uow: UnitOfWork) -> tuple[PointsRule, OfflineRules]:
    """The branch's points rule and what it allows offline (pending bills, offline redemption cap)."""
    with uow.read():
        return uow.settings.points_rule(), uow.settings.offline_rules()


def points_history(member_id: str, uow: UnitOfWork, *, limit: int = 50) -> list[dict[str, Any]]:
    """A member's points entries at this counter, newest first, with their delivery state."""
    with uow.read():
        return uow.members.history(member_id, limit=limit)


def _message_row(message: Any) -> dict[str, Any]:
    code, _, reason = (message.last_error or "").partition(": ")
    amount = payload_of(message.kind, message.envelope.get("payload", {})).journal_fen()
    return {"seq": message.seq, "op_id": message.op_id, "kind": message.kind, "aggregate_id": message.aggregate_id,
            "created_at": message.created_at, "state": message.state, "attempts": message.attempts,
            "last_error": message.last_error, "code": code, "reason": reason, "amount_fen": amount}


def outbox_queue(uow: UnitOfWork, *, limit: int = 500) -> list[dict[str, Any]]:
    """Messages still waiting for the platform (oldest first)."""
    with uow.read():
        return [_message_row(m) for m in uow.outbox.pending(limit=limit)]


def open_exceptions(uow: UnitOfWork) -> list[dict[str, Any]]:
    """Rejected messages no supervisor has acted on (异常单), with the platform's code and reason."""
    with uow.read():
        return [_message_row(m) for m in uow.outbox.open_exceptions()]


def outbox_stats(uow: UnitOfWork) -> Any:
    """Queue length, open exceptions, oldest unsent and last delivered times."""
    with uow.read():
        return uow.outbox.stats()


def clerks_open_shift(clerk_id: str, uow: UnitOfWork) -> Shift | None:
    """The clerk's open shift at this counter, or None."""
    with uow.read():
        branch = uow.settings.branch()
        return uow.shifts.open_for(clerk_id, branch.counter_id) if branch else None


def drawer(clerk_id: str, uow: UnitOfWork) -> tuple[Shift, int] | None:
    """The clerk's open shift and the cash its drawer should hold now (for the cash count), or None."""
    with uow.read():
        branch = uow.settings.branch()
        shift = uow.shifts.open_for(clerk_id, branch.counter_id) if branch else None
        if shift is None:
            return None
        return shift, expected_cash(uow, shift)
