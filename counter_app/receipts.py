"""The receipt service: every operation's receipt goes through the persistent print queue, so a dead
printer never loses a sale; the job stays queued with the reason and can be reprinted."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PIL.Image import Image

from counter_app.bootstrap import Counter
from counter_app.domain.errors import NotFound, PrinterError
from counter_app.printing.escpos_output import PrinterSettings
from counter_app.printing.label import parcel_tracking_template
from counter_app.printing.layout import layout_receipt
from counter_app.printing.preview import render_image
from counter_app.printing.receipts import receipt_for_operation
from counter_app.printing.spool import ReceiptPrinter
from counter_app.printing.worker import JOB_ONLY_CODES, Outcome, PrintWorker

log = logging.getLogger(__name__)

# However long the printer takes, the clerk hears about the receipt within this many seconds.
MAX_WAIT_S = 8.0


class ReceiptService:
    """Queue, print, reprint and preview receipts of committed operations.

    Printing runs on the service's own ``PrintWorker`` thread, never on the thread that commits: ``submit``
    queues and returns at once; ``print_operation`` and ``retry`` also wait, a bounded time, to tell the clerk
    what became of the receipt. A job counts as printed only when the printer confirmed it (a device file,
    which cannot answer, is recorded as printed but unconfirmed: sending it again would print it twice).
    """

    def __init__(self, counter: Counter, *, printer: ReceiptPrinter | None = None, retry_s: float = 10.0) -> None:
        self.counter = counter
        self.printer = printer or ReceiptPrinter()
        with counter.uow().read() as uow:
            # Receipts left over from an earlier run (up to this job) wait for the clerk's 重打: they never
            # print by themselves, nor open the drawer.
            self.left_over_upto = max((int(job["job_id"]) for job in uow.print_jobs.unprinted()), default=0)
        self.worker = PrintWorker(pending=self._retryable_jobs, attempt=self._attempt, retry_s=retry_s)

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

    def submit(self, op_id: str, *, reprint: bool = False) -> int:
        """Hand the operation's receipt to the print worker; returns at once with the job id."""
        job_id = self.enqueue(op_id, reprint=reprint)
        self.worker.submit(job_id)
        return job_id

    def print_operation(self, op_id: str, *, reprint: bool = False) -> int:
        """Print the operation's queued receipt (or a reprint) on the print worker and wait for it; raises
        ``PrinterError`` (with ``job_id``) when the printer has not confirmed it within a few seconds. The job
        stays queued and prints when the printer is back."""
        job_id = self.enqueue(op_id, reprint=reprint)
        self._await(job_id, self.worker.submit(job_id))
        return job_id

    def print_receipt(self, op_id: str, *, reprint: bool = False) -> bool:
        """``print_operation`` for the screens: True when the printer confirmed the receipt, False when it
        was sent to a printer that cannot answer (a device file): the clerk checks the paper."""
        job_id = self.enqueue(op_id, reprint=reprint)
        return self._await(job_id, self.worker.submit(job_id))

    def print_job(self, job_id: int) -> bool:
        """Print one queued job now (ahead of the automatic retry) and wait for the outcome; True when the
        printer confirmed it."""
        with self.counter.uow() as uow:
            if uow.print_jobs.get(job_id) is None:
                raise NotFound("print_job_unknown", "打印任务不存在", "No such print job")
        return self._await(job_id, self.worker.submit(job_id))

    def retry(self, job_id: int) -> bool:
        return self.print_job(job_id)

    def open_drawer(self) -> None:
        """Kick the cash drawer alone (after a supervisor's journaled 开钱箱); PrinterError when it fails."""
        self.printer.open_drawer(self.settings())

    def close(self) -> None:
        """Stop the print worker (queued jobs stay in the database for the next start)."""
        self.worker.stop()

    def wait_s(self, settings: PrinterSettings | None = None) -> float:
        """How long a caller waits for the printer before telling the clerk the receipt is queued."""
        settings = settings or self.settings()
        return min(2 * settings.timeout_s + 1.0, MAX_WAIT_S)

    def _await(self, job_id: int, token: int) -> bool:
        settings = self.settings()
        outcome = self.worker.wait(job_id, self.wait_s(settings), token=token)
        if outcome is None:
            where = settings.describe()
            raise PrinterError("printer_busy", f"打印机无响应：{where}（仍在等待打印机）。小票已排队，打印机恢复后自动打印。",
                               f"The printer {where} has not taken the receipt yet. It stays queued and prints "
                               "when the printer is back.", job_id=job_id, maybe_printed=False)
        if outcome.error is not None:
            error = outcome.error  # one error may be shared by the jobs queued behind: copy it for this one
            raise PrinterError(error.code, error.zh, error.en, field=error.field, **{**error.details, "job_id": job_id})
        return outcome.confirmed

    def _retryable_jobs(self) -> list[int]:
        """Unprinted jobs the worker prints by itself: those queued since this service started (a receipt left
        over from an earlier run waits for the clerk's 重打), not those that can never make a receipt."""
        with self.counter.uow().read() as uow:
            return [int(job["job_id"]) for job in uow.print_jobs.unprinted()
                    if job.get("error_code") not in JOB_ONLY_CODES and int(job["job_id"]) > self.left_over_upto]

    def _attempt(self, job_id: int, late: bool) -> Outcome:
        """One attempt at a job, on the worker; the outcome is recorded on the job."""
        try:
            with self.counter.uow() as uow:
                job = uow.print_jobs.get(job_id)
                if job is None or job["status"] == "printed":
                    return Outcome(job_id, confirmed=bool(job and job.get("confirmed")))
                op, branch, member, balance = self._receipt_inputs(uow, job["op_id"], job["context"])
            # The drawer opens once per cash operation: on the first attempt at its original receipt,
            # printed when it was taken; never on a reprint, a retry, a late or a left-over job.
            first = (not job["reprint"] and job["status"] == "pending" and not job["attempts"] and not late
                     and job_id > self.left_over_upto)
            delivery = self.printer.print_operation(
                op, self.settings(), branch=branch, reprint=bool(job["reprint"]), member=member, points_balance=balance,
                duplicate=bool(job.get("maybe_printed")), open_drawer=first)
        except NotFound as exc:
            error = PrinterError("receipt_unprintable", exc.zh, exc.en, maybe_printed=False)
        except PrinterError as exc:
            error = exc
        else:
            with self.counter.uow() as uow:
                uow.print_jobs.mark_printed(job_id, at=self._now(), confirmed=delivery.confirmed)
                uow.commit()
            self.counter.changed("print_jobs")
            log.info("printer: job %s (%s) printed, confirmed=%s", job_id, job["op_id"], delivery.confirmed)
            return Outcome(job_id, confirmed=delivery.confirmed)
        with self.counter.uow() as uow:
            uow.print_jobs.mark_failed(job_id, error=f"{error.zh} / {error.en}", code=error.code,
                                       maybe_printed=bool(error.details.get("maybe_printed", True)))
            uow.commit()
        self.counter.changed("print_jobs")
        log.warning("printer: job %s failed: %s", job_id, error.code)
        return Outcome(job_id, error=error)

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
        branch["parcel_tracking_url_template"] = parcel_tracking_template(settings)
        if context is not None:
            return op, branch, context.get("member"), context.get("points_balance")
        member = balance = None
        member_id = payload.get("member_id")
        if member_id:
            cached = uow.members.get(member_id)
            if cached is not None:
                plus, minus = uow.members.undelivered_points(member_id)
                member = {"phone_masked": cached.phone_masked, "name_masked": cached.name_masked,
                          "card_no": cached.card_no}
                balance = cached.points_balance + plus - minus
        return op, branch, member, balance


def receipt_png(counter: Counter, op_id: str, path: Path, *, reprint: bool = False) -> Path:
    """``counter-app receipt show OP_ID --png FILE``."""
    image = ReceiptService(counter).preview(op_id, reprint=reprint)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path
