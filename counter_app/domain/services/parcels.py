"""Parcel posting (线下寄递): price a parcel, accept it under a number from the counter's block, void it.

Online or offline alike: the tariff and the number blocks are already on the counter; offline, posting goes
on until the blocks are used up, then it is refused with a clear message.
"""

from __future__ import annotations

from counter_app.domain.errors import InvalidInput, NotFound, Refused
from counter_app.domain.model import Operation
from counter_app.domain.operations import ParcelPostingPayload, ParcelVoidPayload, Party, net_of_change
from counter_app.domain.parcels.addresses import (
    ParcelListed,
    ParcelMember,
    SavedAddress,
    masked_name,
    party_fields,
    place_of,
    saved_address,
)
from counter_app.domain.parcels.commands import AcceptParcel, ParcelAccepted, ParcelTrack, ParcelVoided, VoidParcel
from counter_app.domain.parcels.numbers import is_valid_tracking_no, series_of
from counter_app.domain.parcels.tariff import Destination, Parcel, Quote, Tariff, price
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.services._common import (
    approve,
    check_reason,
    check_redeemable,
    known_member,
    new_op_id,
    open_shift_of,
    timestamp,
)
from counter_app.domain.tender import change_due

MAX_NAME = 64


def current_tariff(uow: UnitOfWork) -> Tariff:
    tariff = uow.parcels.tariff()
    if tariff is None:
        raise Refused("parcel_no_tariff", "本柜台还没有寄递资费，请联网同步一次", "This counter has no parcel tariff yet;"
                      " sync once while online", field="service")
    return tariff


def quote_parcel(tariff: Tariff, *, service: str, destination: Destination, weight_g: int, length_cm: int = 0,
                 width_cm: int = 0, height_cm: int = 0, declared_value_fen: int = 0, category: str = "") -> Quote:
    """The price of a parcel, explained (no operation is recorded)."""
    return price(tariff, Parcel(service, destination, weight_g, length_cm, width_cm, height_cm, declared_value_fen,
                                category))


def check_party(party: Party, who_zh: str, who_en: str, *, field: str) -> Party:
    """A name, a phone and, in China, a province and city (from the region list)."""
    name = party.name.strip()
    if not name or len(name) > MAX_NAME:
        raise InvalidInput("parcel_name_missing", f"请填写{who_zh}姓名", f"Enter the {who_en}'s name", field=field)
    phone = "".join(party.phone.split())
    if not (5 <= len(phone) <= 20) or not all(ch.isdigit() or ch in "+-" for ch in phone):
        raise InvalidInput("parcel_phone_invalid", f"{who_zh}电话不正确", f"The {who_en}'s phone is not valid",
                           field=field)
    country = (party.country or "CN").strip().upper()
    if country == "CN" and not (party.province and party.city):
        raise InvalidInput("parcel_region_missing", f"请选择{who_zh}所在省市区", f"Choose the {who_en}'s province and"
                           " city", field=field)
    return Party(name=name, phone=phone, province=party.province, city=party.city, district=party.district,
                 detail=party.detail.strip()[:200], country=country)


def accept_parcel(cmd: AcceptParcel, uow: UnitOfWork, deps: Deps) -> ParcelAccepted:
    """收寄: price, take the next number of this counter's block and record it all in one transaction."""
    sender = check_party(cmd.sender, "寄件人", "sender", field="sender")
    recipient = check_party(cmd.recipient, "收件人", "recipient", field="recipient")
    if not cmd.category:
        raise InvalidInput("parcel_category_missing", "请选择内件品类", "Choose the contents category", field="category")
    now = deps.clock.now()
    op_id = new_op_id()
    online = deps.online()
    with uow:
        shift = open_shift_of(uow, cmd.clerk_id)
        tariff = current_tariff(uow)
        svc = tariff.service(cmd.service)
        quote = quote_parcel(tariff, service=cmd.service, destination=Destination(recipient.province,
                             recipient.city, recipient.country), weight_g=cmd.weight_g, length_cm=cmd.length_cm,
                             width_cm=cmd.width_cm, height_cm=cmd.height_cm,
                             declared_value_fen=cmd.declared_value_fen, category=cmd.category)
        member = known_member(uow, cmd.member_id)
        rule = uow.settings.points_rule()
        if not cmd.tenders:
            raise InvalidInput("tender_missing", "请选择付款方式", "Choose how the customer pays", field="tender")
        points_spent = sum(t.points for t in cmd.tenders if t.method == "points")
        if points_spent and member is None:
            raise Refused("points_need_member", "积分抵扣需要先查询会员", "Look the member up to pay with points",
                          field="tender")
        if member is not None and points_spent:
            check_redeemable(uow, member, points_spent, online=online, business_date=shift.business_date)
        change = change_due(quote.total_fen, list(cmd.tenders), rule)
        points_paid = sum(t.amount_fen for t in cmd.tenders if t.method == "points")
        earned = 0 if member is None else (quote.total_fen - points_paid) // rule.earn_fen_per_point
        taken = uow.parcels.take_number(series_of(svc.international))
        if taken is None:
            if online:
                raise Refused("parcel_numbers_out", "本柜台运单号已用完，正在向平台申请新号段，请稍后再试",
                              "This counter has no tracking numbers left; new ones are being requested, try again"
                              " shortly", field="service")
            raise Refused("parcel_numbers_out_offline", "离线状态下本柜台运单号已用完，暂停收寄；联网后自动补充号段",
                          "Offline and out of tracking numbers: parcel posting stops until the counter is back"
                          " online and new numbers arrive", field="service")
        block, tracking_no = taken
        payload = ParcelPostingPayload(
            tracking_no=tracking_no, block_id=block.block_id, service=svc.code, tariff_version=quote.tariff_version,
            sender=sender, recipient=recipient, category=cmd.category, description=cmd.description.strip()[:200],
            weight_g=cmd.weight_g, length_cm=cmd.length_cm, width_cm=cmd.width_cm, height_cm=cmd.height_cm,
            declared_value_fen=cmd.declared_value_fen, chargeable_g=quote.chargeable_g, zone=quote.zone,
            freight_fen=quote.freight_fen, surcharges_fen=quote.surcharges_fen, insurance_fen=quote.insurance_fen,
            total_fen=quote.total_fen, tenders=cmd.tenders, change_fen=change,
            member_id=member.member_id if member else None, points_earned=earned, service_name=svc.name_zh,
            price_lines=tuple(quote.explain("zh")), offline=not online)
        created = timestamp(now)
        uow.parcels.add(op_id=op_id, tracking_no=tracking_no, block_id=block.block_id, shift_id=shift.shift_id,
                        clerk_id=cmd.clerk_id, service=svc.code, total_fen=quote.total_fen, created_at=created)
        uow.orders.add_payments(op_id=op_id, shift_id=shift.shift_id, order_no=None, kind="parcel_posting",
                                tenders=cmd.tenders, change_fen=change)
        if member is not None:  # 常用地址: kept on this counter only (m009)
            for role, party in (("sender", sender), ("recipient", recipient)):
                uow.parcels.remember_address(member_id=member.member_id, role=role, party=party_fields(party),
                                             at=created)
            for points, kind in ((-points_spent, "redemption"), (earned, "accrual")):
                if points:
                    uow.members.add_points(op_id=op_id, member_id=member.member_id, points=points, kind=kind,
                                           reason=f"寄递 {tracking_no}", business_date=shift.business_date,
                                           created_at=created)
        recorded = uow.record(Operation(op_id, tracking_no, cmd.clerk_id, shift.shift_id, created,
                                        shift.business_date, payload))
        uow.commit()
    return ParcelAccepted(tracking_no, quote, change, not online, recorded)


def void_parcel(cmd: VoidParcel, uow: UnitOfWork, deps: Deps) -> ParcelVoided:
    """作废 before dispatch, by a supervisor, in the shift that accepted it; the number is never used again."""
    reason = check_reason(cmd.reason)
    if not reason:
        raise InvalidInput("reason_missing", "请填写作废原因", "Enter the reason for the void", field="reason")
    tracking_no = cmd.tracking_no.strip().upper()
    now = deps.clock.now()
    op_id = new_op_id()
    with uow:
        shift = open_shift_of(uow, cmd.clerk_id)
        parcel = uow.parcels.get(tracking_no)
        if parcel is None:
            raise NotFound("parcel_unknown", f"本柜台没有收寄过运单 {tracking_no}", f"No parcel {tracking_no} was"
                           " accepted here", field="tracking_no")
        if parcel["status"] == "voided":
            raise Refused("parcel_already_voided", "该包裹已作废", "That parcel is already voided", field="tracking_no")
        if parcel["shift_id"] != shift.shift_id:
            raise Refused("parcel_other_shift", "只能作废本班次收寄的包裹", "Only a parcel accepted in this shift can be"
                          " voided", field="tracking_no")
        supervisor_id = approve(uow, cmd.approval, deps, action_zh="作废包裹", action_en="Voiding a parcel")
        entry = uow.journal.entry(parcel["op_id"])
        if entry is None:
            raise NotFound("parcel_unknown", "找不到该包裹的流水", "The parcel's journal entry is missing")
        posting = ParcelPostingPayload.from_dict(entry["payload"])
        back = tuple(t for t in net_of_change(posting.tenders, posting.change_fen) if t.amount_fen)
        payload = ParcelVoidPayload(target_op_id=parcel["op_id"], tracking_no=tracking_no,
                                    amount_fen=posting.total_fen, tenders=back, reason=reason,
                                    supervisor_id=supervisor_id)
        created = timestamp(now)
        uow.parcels.mark_voided(tracking_no, op_id)
        if posting.member_id:  # points spent come back, points earned are taken back
            spent = sum(t.points for t in posting.tenders if t.method == "points")
            for points, kind in ((spent, "restore"), (-posting.points_earned, "reversal")):
                if points:
                    uow.members.add_points(op_id=op_id, member_id=posting.member_id, points=points, kind=kind,
                                           reason=f"寄递作废 {tracking_no}", business_date=shift.business_date,
                                           created_at=created)
        uow.orders.add_payments(op_id=op_id, shift_id=shift.shift_id, order_no=None, kind="parcel_void",
                                tenders=back, change_fen=0, direction="out")
        recorded = uow.record(Operation(op_id, tracking_no, cmd.clerk_id, shift.shift_id, created,
                                        shift.business_date, payload))
        uow.commit()
    return ParcelVoided(tracking_no, posting.total_fen, recorded)


def parcel_tariff(uow: UnitOfWork) -> Tariff:
    """The tariff on this counter (for the screen's lists of services and contents categories)."""
    with uow.read():
        return current_tariff(uow)


def find_regions(text: str, uow: UnitOfWork) -> list[tuple[str, str, str]]:
    """Regions matching what the clerk typed: pinyin initials (``bjhd``) or part of the name."""
    with uow.read():
        return uow.parcels.search_regions(text)


def price_parcel(parcel: Parcel, uow: UnitOfWork) -> Quote:
    """The price the screen shows before the customer pays (no operation is recorded)."""
    with uow.read():
        tariff = current_tariff(uow)
    return price(tariff, parcel)


def look_up_parcel(tracking_no: str, deps: Deps) -> ParcelTrack:
    """线上查询 of a tracking number (needs the network)."""
    number = "".join(tracking_no.split()).upper()
    if not is_valid_tracking_no(number):
        raise InvalidInput("tracking_no_invalid", "运单号格式或校验位不正确", "Not a valid tracking number",
                           field="tracking_no")
    platform = deps.online_platform()
    if platform is None:
        raise Refused("parcel_lookup_offline", "离线状态下无法查询包裹状态", "Parcel status cannot be looked up offline",
                      field="tracking_no")
    return platform.parcel_status(number)


def todays_parcels(clerk_id: str, uow: UnitOfWork) -> list[ParcelListed]:
    """The parcels accepted at this counter on the clerk's business date, newest first; those of the clerk's
    open shift that are not voided can be voided (作废)."""
    with uow.read():
        shift = open_shift_of(uow, clerk_id)
        rows = uow.parcels.on_date(shift.business_date)
    listed = []
    for row in rows:
        p = row["payload"]
        recipient = p.get("recipient") or {}
        listed.append(ParcelListed(
            op_id=row["op_id"], tracking_no=row["tracking_no"], service_name=str(p.get("service_name") or
            p.get("service") or ""), recipient=f"{masked_name(str(recipient.get('name') or ''))} "
            f"{place_of(recipient)}".strip(), total_fen=int(p.get("total_fen") or 0), status=row["status"],
            accepted_at=row["created_at"],
            voidable=row["status"] == "accepted" and row["shift_id"] == shift.shift_id))
    return listed


def parcel_envelope(tracking_no: str, uow: UnitOfWork) -> dict[str, object]:
    """The recorded posting of a parcel accepted here (for its label, 重印面单)."""
    number = "".join(tracking_no.split()).upper()
    with uow.read():
        parcel = uow.parcels.get(number)
        envelope = uow.journal.envelope(parcel["op_id"]) if parcel is not None else None
    if envelope is None:
        raise NotFound("parcel_unknown", f"本柜台没有收寄过运单 {number}", f"No parcel {number} was accepted here",
                       field="tracking_no")
    return dict(envelope)


def saved_addresses(member_id: str, uow: UnitOfWork) -> tuple[tuple[SavedAddress, ...], tuple[SavedAddress, ...]]:
    """A member's saved senders and recipients, most recently used first."""
    with uow.read():
        return tuple(tuple(saved_address(row, role) for row in uow.parcels.addresses(member_id, role))
                     for role in ("sender", "recipient"))  # type: ignore[return-value]


def parcel_member(text: str, uow: UnitOfWork, deps: Deps) -> ParcelMember:
    """寄件人是会员: the member by phone or card (online, else the cache), with their saved addresses."""
    from counter_app.domain.services.members import identify_member

    view = identify_member(text, uow, deps)
    m = view.member
    senders, recipients = saved_addresses(m.member_id, uow)
    return ParcelMember(m.member_id, f"{m.name_masked} {m.phone_masked}", m.phone_masked, senders, recipients)
