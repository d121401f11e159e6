"""One service function per counter operation, each over a unit of work."""

from counter_app.domain.services import queries
from counter_app.domain.services.bills import BillPaid, look_up_bill, pay_bill
from counter_app.domain.services.clerks import add_clerk, check_supervisor, login
from counter_app.domain.services.drawer import DrawerOpened, open_drawer
from counter_app.domain.services.codepay import (
    AskCodePayment,
    CodePaymentResult,
    WriteOffCodePayment,
    ask_code_payment,
    check_code_pay_available,
    resume_code_payments,
    send_code_refunds,
    settle_code_payment,
    unresolved_code_payments,
    write_off_code_payment,
)
from counter_app.domain.services.exceptions import ExceptionResolved, resolve_exception
from counter_app.domain.services.members import (
    MemberView,
    PointsChanged,
    accrue_points,
    identify_member,
    make_up_points,
    member_view,
    redeem_points,
)
from counter_app.domain.services.pickups import PickupCollected, collect_pickup, find_pickup
from counter_app.domain.services.sales import (
    OrderPlaced,
    OrderRefunded,
    OrderVoided,
    pay_order,
    place_order,
    refund_order,
    void_order,
)
from counter_app.domain.services.shifts import ShiftClosed, ShiftOpened, close_shift, open_shift

__all__ = [
    "queries", "BillPaid", "DrawerOpened", "ExceptionResolved", "MemberView", "OrderPlaced", "OrderRefunded", "OrderVoided",
    "PickupCollected", "PointsChanged", "ShiftClosed", "ShiftOpened", "accrue_points", "add_clerk", "check_supervisor",
    "close_shift", "collect_pickup", "find_pickup", "identify_member", "login", "look_up_bill", "make_up_points", "member_view",
    "open_drawer", "open_shift", "pay_bill", "pay_order", "place_order", "redeem_points",
    "refund_order", "resolve_exception", "void_order", "AskCodePayment", "CodePaymentResult", "WriteOffCodePayment",
    "ask_code_payment", "check_code_pay_available", "resume_code_payments", "settle_code_payment", "unresolved_code_payments",
    "write_off_code_payment", "send_code_refunds",
]
