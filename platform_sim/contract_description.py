"""The contract's prose: what the OpenAPI file says before its paths (authentication, errors, admission
control, idempotency, batches, pagination, how reconciliation counts). Kept beside the code it describes."""

DESCRIPTION = """
The contract between counters (营业柜台客户端) and the central platform. All amounts are integer fen.

* Every call except health and enrolment needs `Authorization: Bearer <token>` from `POST /devices/enrol`.
* Every error answers `{"error": {"code", "message", "request_id"}}`; every answer carries `X-Request-ID`.
* Bodies over 1 MiB are refused with 413; a batch holds at most 100 operations; unknown body fields and
  unknown query parameters are refused with 422.
* 429 (with Retry-After): more than 20 failed enrolments (or admin keys) a minute from one client, or more
  than 600 look-ups (member, order, bill) a minute from one device.
* Admission control (every call but health): a bounded number of requests is served at a time, in arrival
  order, and a bounded number waits; one device holds at most 2 places, running or waiting. Beyond that the
  answer is 429 at once (code `platform_busy`, or `too_many_requests` for one device's excess). A request
  that would wait more than about 4 s at the pace the platform is serving is answered 429 at once too, on
  arrival or as soon as the pace shows it; one that still waited 5 s without being served is answered 503
  (`platform_busy`). None of them did anything, so the same request may be sent again; all carry
  Retry-After (1 to 30 s), estimated from the backlog: a client pauses all its calls that long, plus random
  jitter, and keeps its connection (kept alive 75 s). The rate limits above answer Retry-After 60.
* `POST /operations/batch` is idempotent per `op_id`. An op_id seen before is never evaluated again: if it
  was accepted the answer is `duplicate` with the original result; if it was rejected the answer is the
  original `rejected` (same code and reason). The same op_id with different content is `rejected` with
  code `op_id_reused`. A batch that does not match the schema is refused whole with 422, naming the
  operation index (`body.operations.N...`); business rules reject single operations.
* A batch is applied in its order, one operation after the other, and answered one result per operation in
  the same order. A batch may carry several operations of one aggregate (the same order, member, shift or
  bill): each is evaluated on the state the earlier ones left, and a rejected one changes nothing, so later
  operations of that aggregate are evaluated as if it had not been sent. A counter never puts an operation in
  the same batch as an earlier one it depends on (a payment or void behind its order).
* Pulls are paginated with an opaque cursor over one global change sequence: follow `next_cursor` until
  `has_more` is false; keep the last `next_cursor` to fetch only what changed since.
* Reconciliation `by_method` is net money per method: tenders of sales, order payments and bill payments,
  less change (taken off cash), less refund tenders. `by_kind.amount_fen`: counter_order its total when
  paid (else 0), order_payment its total, bill_payment its amount, refund its amount, pickup_collected its
  cod_fen (cash on delivery), others 0.
* Payment codes (付款码): `/payments` collect, query, cancel and refund, idempotent per payment_id / refund_id.
"""
