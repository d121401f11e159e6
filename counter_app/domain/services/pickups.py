"""Pickups (线上支付, 线下提货): find an order paid online by code or order number, hand it over."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.domain import derivation
from counter_app.domain.codepay import CODE_METHODS
from counter_app.domain.commands import CollectPickup
from counter_app.domain.errors import InvalidInput, NotFound, PlatformError, Refused
from counter_app.domain.model import Operation, PickupOrder, RecordedOperation, Tender
from counter_app.domain.money import format_fen
from counter_app.domain.offline_limits import check_offline_limits
from counter_app.domain.tender import change_due
from counter_app.domain.operations import PickupCollectedPayload
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.services._common import approve, new_op_id, open_shift_of, timestamp


@dataclass(frozen=True)
class PickupCollected:
    order: PickupOrder
    recorded: RecordedOperation


def _normalise(text: str) -> str:
    return "".join(text.split()).upper()


def _match(uow: UnitOfWork, text: str) -> tuple[PickupOrder | None, str | None]:
    """The manifest entry for an order number, or for a pickup code (then the code is returned too)."""
    order = uow.manifest.get(text)
    if order is not None:
        return order, None
    branch = uow.settings.branch()
    # Collected and cancelled orders are matched too, so a re-scanned code is told "already collected".
    candidates = uow.manifest.for_branch(branch.branch_id if branch else "")
    if not candidates or not text.isdigit():
        return None, None
    base = derivation.pickup_code_base(uow.settings.branch_secret(), text)  # the one slow step per typed code
    for candidate in candidates:
        if derivation.same_key(derivation.pickup_code_key(base, candidate.order_no), candidate.code_key):
            return candidate, text
    return None, None


def find_pickup(code_or_order_no: str, uow: UnitOfWork, deps: Deps) -> tuple[PickupOrder, str | None]:
    """Look up a pickup by what the customer shows; online, a miss refreshes the manifest once."""
    text = _normalise(code_or_order_no)
    if not text:
        raise InvalidInput("pickup_empty", "请扫描或输入提货码/订单号", "Scan or type a pickup code or order number",
                           field="pickup_code")
    with uow.read():
        order, code = _match(uow, text)
    platform = deps.online_platform()
    if order is None and platform is not None:
        try:
            platform.refresh_pickups()
        except PlatformError:
            pass
        with uow.read():
            order, code = _match(uow, text)
    if order is None:
        if not deps.online():
            raise Refused("pickup_cannot_verify_offline",
                          "离线状态下无法核验：本地提货清单中没有该提货码/订单号，请联网后再试",
                          "Cannot verify offline: the code or order number is not in the cached pickup list",
                          field="pickup_code")
        raise NotFound("pickup_unknown", "提货码或订单号不正确，请核对", "Wrong pickup code or order number",
                       field="pickup_code")
    _check_collectable(order)
    return order, code


def _check_second_factor(order: PickupOrder, typed: str | None, *, online: bool) -> None:
    """Where the platform says so, an offline pickup by code also needs the last 4 digits of the recipient's
    phone, as the customer says them and the clerk types them (the screen shows the same 4 to compare)."""
    if online or not order.second_factor:
        return
    digits = "".join((typed or "").split())
    if len(digits) != 4 or not digits.isdigit():
        raise Refused("pickup_second_factor_missing", "离线提货需核对收件人手机号后4位，请询问顾客并输入",
                      "Offline, this pickup also needs the last 4 digits of the recipient's phone: ask and type them",
                      field="second_factor")
    if not derivation.same_key(digits, order.phone_masked[-4:]):
        raise Refused("pickup_second_factor_wrong", "手机号后4位与订单不符，不能提货",
                      "The last 4 digits do not match the order's phone; do not hand it over", field="second_factor")


def _check_collectable(order: PickupOrder) -> None:
    if order.collected_here or order.status == "collected":
        raise Refused("pickup_already_collected", f"订单 {order.order_no} 已提货，不能重复提货",
                      f"Order {order.order_no} was already collected", field="pickup_code")
    if order.status == "cancelled":
        raise Refused("pickup_cancelled", f"订单 {order.order_no} 已取消，不能提货",
                      f"Order {order.order_no} was cancelled", field="pickup_code")
    if order.status != "awaiting":
        raise Refused("pickup_not_ready", f"订单 {order.order_no} 状态为 {order.status}，不能提货",
                      f"Order {order.order_no} is {order.status}", field="pickup_code")


# Offline, a cash-on-delivery order is paid only by what needs no platform: cash and prepaid card.
COD_OFFLINE_METHODS = ("cash", "prepaid_card")


def _take_cod(uow: UnitOfWork, deps: Deps, order: PickupOrder, tenders: tuple[Tender, ...], *,
              code_paid: bool = False) -> int:
    """Check the payment of a cash-on-delivery order (split allowed); return the change. ``code_paid``: the
    acquirer confirmed the payment-code part (the code payment service hands the order over)."""
    if not order.cod_fen:
        if tenders:
            raise InvalidInput("pickup_nothing_due", "该订单已在线支付，无需收款", "This order is paid already; take "
                               "no payment", field="tender")
        return 0
    if not tenders:
        raise Refused("pickup_cod_due", f"货到付款订单，请先收取代收金额 {format_fen(order.cod_fen)}",
                      f"Cash on delivery: take {format_fen(order.cod_fen)} before handing it over", field="tender",
                      due_fen=order.cod_fen)
    if any(t.method == "points" for t in tenders):
        raise Refused("cod_points", "代收货款不能用积分抵扣", "Cash on delivery cannot be paid with points",
                      field="tender")
    if any(t.method in CODE_METHODS for t in tenders) and not code_paid:
        raise Refused("code_tender_direct", "付款码支付请扫描顾客的付款码收款", "Scan the customer's payment code to "
                      "take it", field="tender")
    if not deps.online() and not code_paid:
        refused = sorted({t.method for t in tenders} - set(COD_OFFLINE_METHODS))
        if refused:
            raise Refused("cod_offline_method", "离线状态下代收货款只能收现金或预付卡",
                          "Offline, cash on delivery takes only cash or a prepaid card", field="tender",
                          available=list(COD_OFFLINE_METHODS))
        check_offline_limits(tenders, uow.settings.offline_rules(), uow.offline_takings,
                             business_date=deps.clock.now().date().isoformat())
    return change_due(order.cod_fen, list(tenders), uow.settings.points_rule())


def _code_base(uow: UnitOfWork, cmd: CollectPickup) -> bytes:
    """The slow derivation of the typed pickup code, taken before the write transaction so it holds nothing up."""
    if not cmd.code:
        return b""
    with uow.read():
        secret = uow.settings.branch_secret()
    return derivation.pickup_code_base(secret, _normalise(cmd.code))


def _verify(uow: UnitOfWork, deps: Deps, cmd: CollectPickup, base: bytes | None = None) -> tuple[PickupOrder, str]:
    """The order to hand over and how it was verified: the pickup code (``base``: its slow derivation, taken
    here when not given), or a supervisor for the order number."""
    order = uow.manifest.get(_normalise(cmd.order_no))
    if order is None:
        raise NotFound("pickup_unknown", "提货码或订单号不正确，请核对", "Wrong pickup code or order number",
                       field="pickup_code")
    if cmd.code:
        if base is None:
            base = derivation.pickup_code_base(uow.settings.branch_secret(), _normalise(cmd.code))
        if not derivation.same_key(derivation.pickup_code_key(base, order.order_no), order.code_key):
            raise Refused("pickup_code_wrong", "提货码不正确", "The pickup code is wrong", field="pickup_code")
        _check_second_factor(order, cmd.second_factor, online=deps.online())
        return order, "code"
    approve(uow, cmd.approval, deps, action_zh="凭订单号提货（无提货码）",
            action_en="Handing over without the pickup code")
    return order, "order_no"


def _hand_over(uow: UnitOfWork, deps: Deps, order: PickupOrder, *, clerk_id: str, verified_by: str,
               tenders: tuple[Tender, ...], code_paid: bool = False) -> PickupCollected:
    """Inside an open unit of work: record the handing over (and a cash-on-delivery payment) with its journal
    entry and outbox message; the caller commits."""
    now = deps.clock.now()
    op_id = new_op_id()
    _check_collectable(order)
    shift = open_shift_of(uow, clerk_id)
    change = _take_cod(uow, deps, order, tenders, code_paid=code_paid)
    uow.manifest.record_pickup(op_id=op_id, order_no=order.order_no, shift_id=shift.shift_id,
                               clerk_id=clerk_id, collected_at=timestamp(now), verified_by=verified_by)
    if order.cod_fen:
        uow.orders.add_payments(op_id=op_id, shift_id=shift.shift_id, order_no=order.order_no,
                                kind="pickup_collected", tenders=tenders, change_fen=change)
    payload = PickupCollectedPayload(order_no=order.order_no, collected_at=timestamp(now),
                                     verified_by=verified_by, cod_fen=order.cod_fen, tenders=tenders,
                                     change_fen=change, offline=not deps.online())
    recorded = uow.record(Operation(op_id, order.order_no, clerk_id, shift.shift_id, timestamp(now),
                                    shift.business_date, payload))
    return PickupCollected(order, recorded)


def collect_pickup(cmd: CollectPickup, uow: UnitOfWork, deps: Deps) -> PickupCollected:
    """Hand the order over: the pickup code must match, or a supervisor approves handing over by order number."""
    base = _code_base(uow, cmd)
    with uow:
        order, verified_by = _verify(uow, deps, cmd, base)
        collected = _hand_over(uow, deps, order, clerk_id=cmd.clerk_id, verified_by=verified_by,
                               tenders=cmd.tenders)
        uow.commit()
    return collected


def cod_due_by_code(cmd: CollectPickup, uow: UnitOfWork, deps: Deps) -> tuple[int, str]:
    """Inside an open unit of work, before a payment code is asked for a cash-on-delivery order: the order is
    verified (code or supervisor) and collectable, and the other tenders fit; returns (amount to collect,
    how it was verified). The order is handed over only when the code payment is confirmed."""
    order, verified_by = _verify(uow, deps, cmd)
    _check_collectable(order)
    if not order.cod_fen:
        raise InvalidInput("pickup_nothing_due", "该订单已在线支付，无需收款", "This order is paid already; take "
                           "no payment", field="tender")
    if any(t.method == "points" for t in cmd.tenders):
        raise Refused("cod_points", "代收货款不能用积分抵扣", "Cash on delivery cannot be paid with points",
                      field="tender")
    return order.cod_fen, verified_by


def hand_over_code_paid(data: dict[str, Any], tenders: tuple[Tender, ...], uow: UnitOfWork,
                        deps: Deps) -> PickupCollected:
    """Inside an open unit of work: the cash-on-delivery order a confirmed code payment paid, handed over
    (``data`` is what ``ask_code_payment`` stored: order number, clerk, how it was verified)."""
    order = uow.manifest.get(str(data["order_no"]))
    if order is None:
        raise NotFound("pickup_unknown", "提货码或订单号不正确，请核对", "Wrong pickup code or order number",
                       field="pickup_code")
    return _hand_over(uow, deps, order, clerk_id=str(data["clerk_id"]), verified_by=str(data["verified_by"]),
                      tenders=tenders, code_paid=True)
