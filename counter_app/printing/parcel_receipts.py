"""The customer's receipt of a parcel posting (寄递收据: the price explained, a QR for online tracking) and of
a parcel void. Registered in ``counter_app.printing.receipts.RECEIPT_BUILDERS``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counter_app.printing import receipts as r
from counter_app.printing.layout import Detail, Receipt, Section


def _party(p: Mapping[str, Any] | None) -> str:
    """A sender or recipient as printed: masked name and phone, the place (no street detail)."""
    if not p:
        return ""
    name = str(p.get("name") or "")
    masked = name[:1] + "*" * max(0, len(name) - 1)
    place = p["country"] if p.get("country", "CN") != "CN" else f"{p.get('province', '')}{p.get('city', '')}" \
        f"{p.get('district', '')}"
    return f"{masked} {r.mask_phone(str(p.get('phone') or ''))} {place}"


def tracking_qr(tracking_no: str, branch: Mapping[str, Any]) -> str:
    """QR payload for 线上查询 of a parcel: the branch's parcel tracking URL, else the bare number."""
    template = branch.get("parcel_tracking_url_template")
    return str(template).format(tracking_no=tracking_no) if template else tracking_no


def parcel_posting(op: r.Op, p: r.Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """寄递收据: number, service, who and where, weights, and every part of the price."""
    rows = r._rows(
        ("运单号", p.get("tracking_no")),
        ("服务", p.get("service_name") or p.get("service")),
        ("寄件人", _party(p.get("sender"))),
        ("收件人", _party(p.get("recipient"))),
        ("实重", f"{p.get('weight_g')} 克"),
        ("计费重", f"{p.get('chargeable_g')} 克"),
        ("资费版本", p.get("tariff_version")),
    )
    price = tuple(Detail(str(line)) for line in p.get("price_lines") or ()) or (
        Detail("运费", fen=int(p.get("freight_fen") or 0)),
        Detail("附加费", fen=int(p.get("surcharges_fen") or 0)),
        Detail("保价费", fen=int(p.get("insurance_fen") or 0)),
    )
    tracking_no = str(p.get("tracking_no") or "")
    fields = {**base, "qr_payload": tracking_qr(tracking_no, op.get("branch") or {}) if tracking_no else None}
    return Receipt(
        **fields,
        title="寄递收据",
        total_fen=int(p["total_fen"]),
        total_label="资费合计",
        payments=r._payments(p.get("tenders")),
        change_fen=p.get("change_fen"),
        member=r._member(p, member, balance, earned=int(p.get("points_earned") or 0)),
        sections=(Section(None, rows), Section("资费明细", price)),
        notes=("扫码或凭运单号在线查询包裹状态。",),
    )


def parcel_void(op: r.Op, p: r.Op, base: dict[str, Any], member: Any, balance: int | None) -> Receipt:
    """寄递作废: the number retired, the money handed back."""
    rows = r._rows(("运单号", p.get("tracking_no")), ("作废原因", p.get("reason")), ("主管", p.get("supervisor_id")),
                   ("原流水号", p.get("target_op_id")))
    return Receipt(**base, title="寄递作废凭证", total_fen=int(p["amount_fen"]), total_label="退还金额",
                   payments=r._payments(p.get("tenders")), payments_heading="退还方式",
                   sections=(Section(None, rows),), notes=("该运单号已作废，不再使用。",))
