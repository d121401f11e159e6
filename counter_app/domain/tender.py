"""Tendering: checking payment lines against a total and working out the change (找零)."""

from __future__ import annotations

from counter_app.domain.errors import InvalidInput, Refused
from counter_app.domain.model import PAYMENT_METHODS, PointsRule, Tender
from counter_app.domain.money import check_fen, format_fen

_CARD_NUMBER_DIGITS = 13  # a PAN has 13-19 digits; a terminal reference is shorter


def check_tender(tender: Tender, rule: PointsRule) -> Tender:
    """Refuse an unknown method, a bad amount, a card number where a reference belongs, wrong points."""
    if tender.method not in PAYMENT_METHODS:
        raise InvalidInput("tender_method", f"不支持的付款方式：{tender.method}",
                           f"Unknown payment method: {tender.method}", field="tender")
    check_fen(tender.amount_fen, field="tender", allow_zero=False)
    if tender.method in ("bank_card", "prepaid_card"):
        ref = (tender.reference or "").strip()
        if not ref:
            raise InvalidInput("tender_reference_missing", "请输入刷卡凭证号（参考号）",
                               "Enter the card terminal's reference number", field="reference")
        digits = "".join(ch for ch in ref if ch.isdigit())
        if len(digits) >= _CARD_NUMBER_DIGITS:
            # Storing a card number would make this machine a card-data system; only the reference is kept.
            raise InvalidInput("tender_card_number", "请勿输入卡号，只需输入终端参考号",
                               "Do not enter the card number, only the terminal reference", field="reference")
    if tender.method == "points":
        if tender.points != tender.amount_fen // rule.redeem_fen_per_point or \
                tender.amount_fen % rule.redeem_fen_per_point:
            raise InvalidInput("tender_points_mismatch", "积分抵扣金额与积分数不符",
                               "Points do not match the amount they pay", field="tender")
    elif tender.points:
        raise InvalidInput("tender_points_mismatch", "只有积分抵扣可使用积分", "Only a points tender spends points",
                           field="tender")
    return tender


def change_due(total_fen: int, tenders: list[Tender], rule: PointsRule) -> int:
    """The change for ``tenders`` paying ``total_fen``; only cash gives change, and short payment is refused."""
    for tender in tenders:
        check_tender(tender, rule)
    paid = sum(t.amount_fen for t in tenders)
    if paid < total_fen:
        raise Refused("tender_short", f"付款不足，还差 {format_fen(total_fen - paid)}",
                      f"Payment is short by {format_fen(total_fen - paid)}", field="tender",
                      short_fen=total_fen - paid)
    non_cash = sum(t.amount_fen for t in tenders if t.method != "cash")
    if non_cash > total_fen:
        raise Refused("tender_over_noncash", "刷卡、预付卡和积分合计不能超过应收金额，只有现金可以找零",
                      "Card, prepaid and points together cannot exceed the total; only cash gives change",
                      field="tender")
    return paid - total_fen
