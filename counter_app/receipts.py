"""The receipt service: every operation's receipt goes through the persistent print queue, so a dead
printer never loses a sale; the job stays queued with the reason and can be reprinted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL.Image import Image

from counter_app.bootstrap import Counter
from counter_app.domain.errors import NotFound, PrinterError
from counter_app.printing.escpos_output import PrinterSettings
from counter_app.printing.layout import layout_receipt
from counter_app.printing.preview import render_image
from counter_app.printing.receipts import receipt_for_operation
from counter_app.printing.spool import ReceiptPrinter


class ReceiptService:
    """Queue, print, reprint and preview receipts of committed operations."""

    def __init__(self, counter: Counter, *, printer: ReceiptPrinter | None = None) -> None:
        self.counter = counter
        self.printer = printer or ReceiptPrinter()

    def settings(self) -> PrinterSettings:
        raw = self.counter.settings().get("printer") or {"kind": "none"}
        return PrinterSettings.from_mapping(raw)

    def _now(self) -> str:
        return self.counter.deps.clock.now().isoformat(timespec="seconds")

    def enqueue(self, op_id: str, *, reprint: bool = False) -> int:
        """The print job of an operation's receipt: the one queued with the operation itself, or for a
        reprint (or an operation recorded before receipts were queued with it) a new job that carries the
        original's snapshot."""
        with self.counter.uow() as uow:
            if uow.journal.envelope(op_id) is None:
                raise NotFound("operation_unknown", f"业务流水 {op_id} 不存在", f"No operation {op_id}")
            original = uow.print_jobs.original(op_id)
            if original is not None and not reprint:
                return int(original["job_id"])
            context = original["context"] if original is not None else None
            job_id = uow.print_jobs.add(op_id, reprint=reprint, at=self._now(), context=context)
            uow.commit()
        return job_id

    def print_operation(self, op_id: str, *, reprint: bool = False) -> int:
        """Print the operation's queued receipt (or a reprint); on a printer failure the job stays queued
        and PrinterError says why."""
        job_id = self.enqueue(op_id, reprint=reprint)
        self.print_job(job_id)
        return job_id

    def print_job(self, job_id: int) -> None:
        """Print one queued job now and record the outcome."""
        with self.counter.uow() as uow:
            job = uow.print_jobs.get(job_id)
            if job is None:
                raise NotFound("print_job_unknown", "打印任务不存在", "No such print job")
            op, branch, member, balance = self._receipt_inputs(uow, job["op_id"], job["context"])
        settings = self.settings()
        try:
            self.printer.print_operation(op, settings, branch=branch, reprint=bool(job["reprint"]), member=member,
                                         points_balance=balance)
        except PrinterError as exc:
            with self.counter.uow() as uow:
                uow.print_jobs.mark_failed(job_id, error=f"{exc.zh} / {exc.en}")
                uow.commit()
            self.counter.changed("print_jobs")
            exc.details["job_id"] = job_id  # the screen offers "reprint" of exactly this job
            raise
        with self.counter.uow() as uow:
            uow.print_jobs.mark_printed(job_id, at=self._now())
            uow.commit()
        self.counter.changed("print_jobs")

    def retry(self, job_id: int) -> None:
        self.print_job(job_id)

    def failed_jobs(self) -> list[dict[str, Any]]:
        """Receipts not yet printed (waiting or failed), for the reprint list."""
        with self.counter.uow().read() as uow:
            return uow.print_jobs.unprinted()

    def preview(self, op_id: str, *, reprint: bool = False) -> Image:
        """The receipt as an image, laid out exactly as it prints."""
        with self.counter.uow().read() as uow:
            original = uow.print_jobs.original(op_id)
            op, branch, member, balance = self._receipt_inputs(uow, op_id, original and original["context"])
        receipt = receipt_for_operation(op, branch=branch, reprint=reprint, member=member, points_balance=balance)
        return render_image(layout_receipt(receipt, self.settings().columns), self.settings().columns)

    def _receipt_inputs(self, uow: Any, op_id: str, context: dict[str, Any] | None
                        ) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None, int | None]:
        """The operation enriched for display (pickup lines, member), and the branch header. The member and
        points balance come from the snapshot taken with the operation; only a job queued before snapshots
        existed falls back to the member as cached now."""
        envelope = uow.journal.envelope(op_id)
        if envelope is None:
            raise NotFound("operation_unknown", f"业务流水 {op_id} 不存在", f"No operation {op_id}")
        op = dict(envelope)
        payload = dict(op["payload"])
        if op["kind"] == "pickup_collected":
            order = uow.manifest.get(payload["order_no"])
            if order is not None:
                payload.setdefault("lines", order.lines)
                payload.setdefault("customer_name_masked", order.customer_name_masked)
                payload.setdefault("total_fen", order.total_fen)
        op["payload"] = payload
        settings = uow.settings.all()
        branch = {"branch_id": settings.get("branch_id", ""), "branch_name": settings.get("branch_name", ""),
                  "branch_address": settings.get("branch_address", "")}
        if settings.get("tracking_url_template"):
            branch["tracking_url_template"] = settings["tracking_url_template"]
        if context is not None:
            return op, branch, context.get("member"), context.get("points_balance")
        member = balance = None
        member_id = payload.get("member_id")
        if member_id:
            cached = uow.members.get(member_id)
            if cached is not None:
                plus, minus = uow.members.undelivered_points(member_id)
                member = {"phone_masked": cached.phone_masked, "name_masked": cached.name_masked}
                balance = cached.points_balance + plus - minus
        return op, branch, member, balance


def receipt_png(counter: Counter, op_id: str, path: Path, *, reprint: bool = False) -> Path:
    """``counter-app receipt show OP_ID --png FILE``."""
    image = ReceiptService(counter).preview(op_id, reprint=reprint)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path
