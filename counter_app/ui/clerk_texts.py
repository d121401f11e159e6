"""What the clerk reads instead of technical text (issue 11, point 3): platform error codes and the
platform's reasons in the clerk's language, and times in the counter's local time (``MM-dd HH:mm:ss``).

The technical text ("platform_unavailable: Cannot reach the platform (ConnectionError); ...", raw ISO times
in UTC) stays in the log (the sync client logs every failed call); the screens show these sentences.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

# Known error codes -> (zh, en): the platform link's own and the platform's refusals of an operation.
ERROR_TEXTS: dict[str, tuple[str, str]] = {
    # the link (sync/client.py)
    "platform_unavailable": ("暂时连不上平台，业务已保存在本机，稍后自动上传",
                             "The platform cannot be reached for now; the work is kept here and sent later"),
    "platform_bad_reply": ("平台答复异常，稍后自动重试", "The platform answered oddly; it is tried again later"),
    "platform_tls": ("平台证书校验失败，请联系管理员", "The platform's certificate was refused; call the administrator"),
    "platform_insecure": ("平台地址不安全，请联系管理员", "The platform address is not secure; call the administrator"),
    "platform_config": ("平台设置有误，请联系管理员", "The platform settings are wrong; call the administrator"),
    "platform_not_enrolled": ("本柜台尚未在平台开通", "This counter is not enrolled with the platform"),
    "not_enrolled": ("本柜台尚未在平台开通", "This counter is not enrolled with the platform"),
    "platform_unauthorized": ("平台拒绝本柜台的身份，请联系管理员重新开通",
                              "The platform refused this counter's credentials; ask for re-enrolment"),
    "platform_not_found": ("平台上没有找到该项", "Not found on the platform"),
    "platform_rejected": ("平台拒绝了请求", "The platform refused the request"),
    "contract_invalid": ("数据不符合平台接口约定", "The data does not match the platform's contract"),
    # the platform's business rules (platform_sim/operations.py and its area modules)
    "op_id_reused": ("操作编号已被其他柜台使用", "The operation id is used by another counter"),
    "order_exists": ("订单号已存在", "The order number is already used"),
    "order_no_namespace": ("订单号不属于本柜台", "The order number is not this counter's"),
    "unknown_order": ("订单不存在", "Unknown order"),
    "wrong_branch": ("订单不属于本网点", "The order belongs to another branch"),
    "unknown_sku": ("商品不存在或已下架", "Unknown or withdrawn product"),
    "price_differs": ("单价与商品目录不符", "The price differs from the catalogue"),
    "unknown_member": ("会员不存在", "Unknown member"),
    "member_required": ("需要会员", "A member is needed"),
    "insufficient_points": ("积分不足", "Not enough points"),
    "points_earned_too_high": ("积分累计超过规则", "More points than the rule gives"),
    "manual_accrual_cap": ("手工积分超过当日上限", "Manual points above the day's cap"),
    "points_not_reversed": ("全额退款须扣回所得积分", "A full refund must take back the points earned"),
    "refund_method_exceeds": ("退款方式或金额与原支付不符", "The refund does not match the original payment"),
    "tender_inconsistent": ("支付金额不符", "The payment amounts do not match"),
    "totals_inconsistent": ("金额不平", "The amounts do not add up"),
    "change_without_cash": ("找零超过现金", "Change is more than the cash taken"),
    "branch_mismatch": ("网点与设备不符", "The branch is not this device's"),
    "counter_mismatch": ("柜台与设备不符", "The counter is not this device's"),
    "unknown_ref_op": ("关联操作不存在", "The related operation does not exist"),
    "ref_other_branch": ("关联操作不属于本网点", "The related operation is another branch's"),
    "ref_already_accrued": ("该笔消费已累计积分", "Points were already accrued for that purchase"),
    "ref_other_member": ("关联消费属于其他会员", "The related purchase is another member's"),
    "points_above_ref": ("积分超过该笔消费可得", "More points than that purchase gives"),
    "tracking_no_used": ("运单号已使用", "The tracking number is already used"),
    "tracking_block_unknown": ("运单号段不属于本柜台", "The number block is not this counter's"),
    "tracking_no_outside_block": ("运单号不在号段内", "The tracking number is outside its block"),
    "tariff_unknown": ("资费版本不存在", "Unknown tariff version"),
    "unknown_parcel": ("包裹不存在", "Unknown parcel"),
    "already_voided": ("包裹已作废", "The parcel is already voided"),
    "parcel_dispatched": ("包裹已发出，不能作废", "The parcel has left the branch"),
    "request_id_reused": ("请求编号已被使用", "The request id is already used"),
}

# Any code not in the table (a newer platform's): one plain sentence, the code itself only in the log.
FALLBACK_RETRY = ("上传未成功，稍后自动重试", "Not sent yet; it is tried again later")
FALLBACK_REJECTED = ("平台拒绝了这笔业务，请主管处理", "The platform refused this operation; a supervisor must act")

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language.startswith("en") else pair[0]


def split_error(text: str | None) -> tuple[str, str]:
    """"code: technical text" (what the outbox keeps as its last error) -> (code, text); no code -> ("", text)."""
    text = text or ""
    code, sep, rest = text.partition(": ")
    if sep and _CODE.match(code):
        return code, rest
    return ("", text) if not _CODE.match(text) else (text, "")


def error_text(code: str | None, language: str, *, rejected: bool = False) -> str:
    """The clerk's sentence for an error code (a known one, else the generic sentence)."""
    pair = ERROR_TEXTS.get(code or "")
    if pair is None:
        pair = FALLBACK_REJECTED if rejected else FALLBACK_RETRY
    return _pick(pair, language)


def last_error_text(last_error: str | None, language: str) -> str:
    """An outbox message's last error ("platform_unavailable: Cannot reach ... (ReadTimeout); will retry")
    as the clerk reads it; empty when there was none."""
    if not last_error:
        return ""
    code, _ = split_error(last_error)
    return error_text(code, language)


def reason_text(code: str | None, reason: str | None, language: str) -> str:
    """The platform's reason for refusing an operation, in the clerk's language.

    The platform words its reasons "中文 / English"; the half in the clerk's language is shown when it reads
    as that language (Chinese characters for zh, none for en), else the sentence for the code."""
    parts = [p.strip() for p in (reason or "").split(" / ", 1)]
    zh = next((p for p in parts if _CJK.search(p)), "")
    en = next((p for p in parts if p and not _CJK.search(p)), "")
    if language.startswith("en"):
        # The English half may name fields or numbers; the table's sentence is what the clerk can act on.
        return error_text(code, language, rejected=True) if code in ERROR_TEXTS or not en else en
    if zh:
        return zh
    return error_text(code, language, rejected=True)


def local_time(value: str | datetime | None, zone: tzinfo | None = None, *, fmt: str = "%m-%d %H:%M:%S") -> str:
    """An ISO time (any offset, "Z" for UTC) as the counter's local time, ``MM-dd HH:mm:ss``; "" when none,
    the text itself when it is not a time."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone) if zone is not None else moment.astimezone()
    return moment.strftime(fmt)


__all__ = ["ERROR_TEXTS", "error_text", "last_error_text", "local_time", "reason_text", "split_error"]
