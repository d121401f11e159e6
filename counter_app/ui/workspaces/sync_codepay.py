"""同步's 付款码 list: the code payments whose result is not known yet (they block closing the shift), with
"query again" (the right next step for each: query or cancel, never a second charge) and a supervisor's
write-off with a reason (核销, recorded with the supervisor by the service)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QVBoxLayout

from counter_app.domain import services
from counter_app.domain.codepay import STATE_NAMES_EN, STATE_NAMES_ZH, CodePayment
from counter_app.domain.money import format_fen
from counter_app.ui.ops import QueryOp
from counter_app.ui.widgets import fill_table, make_table, method_name, selected_key

if TYPE_CHECKING:
    from counter_app.ui.workspaces.sync import SyncWorkspace

    _Base = SyncWorkspace
else:
    _Base = object


class SyncCodePay(_Base):
    """Mixin of ``SyncWorkspace``: the unresolved code payments and what can be done about them."""

    code_poll_interval_s = services.codepay.POLL_INTERVAL_S  # how often "query again" polls a waiting one

    def _build_code_payments(self) -> QGroupBox:
        self.code_payments = make_table([self.tr("钱包"), self.tr("金额"), self.tr("状态"), self.tr("发起时间"),
                                         self.tr("付款码"), self.tr("说明")], numeric=(1,))
        self.code_payments.setObjectName("code_payments")
        self.write_off_reason = QLineEdit()
        self.write_off_reason.setPlaceholderText(self.tr("核销原因（必填）"))
        query = self.action(self.tr("重新查询"), ["Alt+Q"], self.query_code_payment, name="query_code_payment")
        write_off = self.action(self.tr("主管核销"), ["Alt+W"], self.write_off_code_payment,
                                name="write_off_code_payment")
        box = QGroupBox(self.tr("结果未明的付款码支付（未处理前不能签退）"))
        box.setObjectName("code_payments_box")
        box.setVisible(False)  # shown only while there is one: most days the screen stays as it was
        self.code_payments_box = box
        layout = QVBoxLayout(box)
        layout.addWidget(self.code_payments, 1)
        row = QHBoxLayout()
        row.addWidget(self.field(self.tr("核销原因"), self.write_off_reason, "reason"), 1)
        row.addWidget(query)
        row.addWidget(write_off)
        layout.addLayout(row)
        layout.addWidget(self.hint(self.tr(
            "Alt+Q：向收单方重新查询所选付款（未付则撤销）；Alt+W：主管核销（需填写原因，主管授权）")))
        return box

    def reload_code_payments(self) -> None:
        counter = self.ctx.counter
        QueryOp(self.ctx, lambda: services.unresolved_code_payments(counter.uow())) \
            .success(self.show_code_payments).failure(self.show_error).run()

    def show_code_payments(self, payments: list[CodePayment]) -> None:
        names = STATE_NAMES_EN if self.lang == "en" else STATE_NAMES_ZH
        fill_table(self.code_payments, [[method_name(p.wallet.value, self.lang), format_fen(p.amount_fen),
                                         names[p.state], p.asked_at[11:19], p.code_masked, p.reason]
                                        for p in payments], keys=[p.payment_id for p in payments])
        self.code_payments_box.setVisible(bool(payments))

    def _selected_payment(self) -> str | None:
        payment_id = selected_key(self.code_payments)
        if payment_id is None:
            self.complain(self.tr("请先选择一笔付款码支付"))
            self.code_payments.setFocus()
        return payment_id

    def query_code_payment(self) -> None:
        """Alt+Q: settle the selected payment now (query, or cancel once its time is up)."""
        payment_id = self._selected_payment()
        if payment_id is None:
            return
        counter, interval = self.ctx.counter, self.code_poll_interval_s

        def settle() -> Any:
            services.check_code_pay_available(counter.deps)  # offline: say so at once, no minute of retries
            return services.settle_code_payment(payment_id, counter.uow(), counter.deps,
                                                poll_interval_s=interval)

        self.say(self.tr("正在向收单方查询…"))
        self.call(settle, self._queried, clear=False)

    def _queried(self, result: Any) -> None:
        payment = result.payment
        names = STATE_NAMES_EN if self.lang == "en" else STATE_NAMES_ZH
        text = self.tr("查询结果：%1").replace("%1", names[payment.state])
        if payment.final:
            self.say(text)
        else:
            self.complain(text + self.tr("；仍未明，可稍后再查或由主管核销"))
        if result.placed is not None:
            self.ctx.counter.changed(result.placed.recorded.kind)
            self.print_receipt(result.placed.recorded.op_id)
        self.reload_code_payments()

    def write_off_code_payment(self) -> None:
        """Alt+W: a supervisor writes the selected payment off, with the reason typed."""
        payment_id = self._selected_payment()
        if payment_id is None:
            return
        reason = self.write_off_reason.text().strip()
        if not reason:
            self.fields["reason"].show_error(self.tr("请填写核销原因"))
            self.write_off_reason.setFocus()
            return
        clerk_id = self.clerk_id()
        if clerk_id is None:
            return
        approval = self.ask_supervisor(self.tr("付款码支付核销"))
        if approval is None:
            return
        cmd = services.WriteOffCodePayment(clerk_id, payment_id, reason, approval)
        self.write(services.write_off_code_payment, cmd, self._written_off, default_field="reason")

    def _written_off(self, payment: CodePayment) -> None:
        self.write_off_reason.clear()
        self.say(self.tr("已核销：%1 %2").replace("%1", method_name(payment.wallet.value, self.lang))
                 .replace("%2", format_fen(payment.amount_fen)))
        self.reload_code_payments()
