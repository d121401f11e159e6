"""``platform`` command: serve, seed, enrol-code, revoke, codes. The lead wires it into ``counter-app``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

DEFAULT_DB = "platform.db"
KEEP_ALIVE_S = 75  # above the largest Retry-After (60 s) plus the counters' jitter: a paused counter's connection stays


def add_platform_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``platform`` command and its subcommands to an argparse subparsers object."""
    platform = subparsers.add_parser(
        "platform", help="reference platform server (平台模拟): serve, seed, enrol codes, revoke, pickup codes",
        description="The reference platform server the counter syncs with, and its admin tools.")
    sub = platform.add_subparsers(dest="platform_command", required=True)

    serve = sub.add_parser("serve", help="run the platform HTTP server (binds 127.0.0.1 unless told otherwise)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, loopback only)")
    serve.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765)")
    serve.add_argument("--db", default=DEFAULT_DB, help=f"platform SQLite file (default {DEFAULT_DB})")
    serve.add_argument("--admin-key-file", default=None,
                       help="file holding the admin key for /admin routes, mode 0600 (also $PLATFORM_ADMIN_KEY_FILE;"
                            " or the key itself in $PLATFORM_ADMIN_KEY; default: the one stored by seed)")
    serve.add_argument("--admin-key", default=None,
                       help="deprecated: visible to every user in `ps`; use $PLATFORM_ADMIN_KEY or --admin-key-file")
    serve.add_argument("--enrolment-code-hours", type=float, default=24.0,
                       help="hours an enrolment code stays usable after it was issued (default 24)")
    serve.add_argument("--token-days", type=float, default=90.0,
                       help="days a device token lives unless rotated through POST /devices/token (default 90)")
    serve.add_argument("--token-overlap-hours", type=float, default=24.0,
                       help="hours a rotated token keeps working after POST /devices/token (default 24)")
    serve.add_argument("--max-in-flight", type=int, default=8,
                       help="requests in progress at a time (default 8; 0 turns admission control off)")
    serve.add_argument("--max-queue", type=int, default=256,
                       help="requests waiting for a place (default 256); beyond it 429 with Retry-After at once")
    serve.add_argument("--per-device", type=int, default=2,
                       help="places (in progress or waiting) one device may hold (default 2)")
    serve.add_argument("--max-wait", type=float, default=5.0,
                       help="seconds a request may wait for a place (default 5, half the counter's 10 s call "
                            "deadline): one the measured pace would not serve within 80 %% of it gets 429 at once, "
                            "one that waited it all 503")
    serve.set_defaults(func=_serve)

    seed = sub.add_parser("seed", help="fill an empty platform db with deterministic demo data")
    seed.add_argument("--db", default=DEFAULT_DB, help=f"platform SQLite file (default {DEFAULT_DB})")
    seed.add_argument("--demo", action="store_true", help="add history: some pickups collected/cancelled, bills paid")
    seed.add_argument("--members", type=int, default=5000, help="number of members (default 5000)")
    seed.add_argument("--orders", type=int, default=2000, help="number of online pickup orders (default 2000)")
    seed.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    seed.set_defaults(func=_seed)

    code = sub.add_parser("enrol-code", help="issue a one-time enrolment code for a branch and print it")
    code.add_argument("--db", required=True, help="platform SQLite file")
    code.add_argument("--branch", required=True, help="branch id, e.g. B001")
    code.set_defaults(func=_enrol_code)

    revoke = sub.add_parser("revoke", help="revoke an enrolled device (its token stops working)")
    revoke.add_argument("--db", required=True, help="platform SQLite file")
    revoke.add_argument("--device", required=True, help="device id as answered at enrolment")
    revoke.set_defaults(func=_revoke)

    correct = sub.add_parser("correct", help="issue a correction (更正) to a counter's business day")
    correct.add_argument("--db", required=True, help="platform SQLite file")
    correct.add_argument("--branch", required=True, help="branch id, e.g. B001")
    correct.add_argument("--counter", required=True, help="counter id, e.g. C01")
    correct.add_argument("--date", required=True, help="business date YYYY-MM-DD")
    correct.add_argument("--amount-fen", type=int, required=True, help="what the platform books differently, in fen (+/-)")
    correct.add_argument("--reason", required=True, help="why")
    correct.add_argument("--op-id", help="the operation it concerns, if one")
    correct.set_defaults(func=_correct)

    codes = sub.add_parser("codes", help="print sample pickup codes of a branch (the SMS customers got)")
    codes.add_argument("--db", required=True, help="platform SQLite file")
    codes.add_argument("--branch", default="B001", help="branch id (default B001)")
    codes.add_argument("--limit", type=int, default=10, help="how many (default 10)")
    codes.set_defaults(func=_codes)

    advance = sub.add_parser("parcel-advance", help="move a parcel to its next status (揽收→运输中→派送中→已签收)")
    advance.add_argument("--db", required=True, help="platform SQLite file")
    advance.add_argument("tracking_no", help="the parcel's tracking number")
    advance.set_defaults(func=_parcel_advance)


def _serve(args: argparse.Namespace) -> int:
    """Run uvicorn on the app until SIGTERM/SIGINT."""
    import uvicorn

    from platform_sim import db as platform_db
    from platform_sim.admission import AdmissionLimits
    from platform_sim.app import create_app

    # Refuse a db written by a newer version before listening, not on the first request.
    conn = platform_db.connect(Path(args.db))
    try:
        platform_db.ensure_schema(conn)
    except platform_db.SchemaTooNew as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        conn.close()
    from platform_sim.credentials import CredentialPolicy, admin_key_from_environment, read_admin_key_file

    try:
        admin_key = (args.admin_key or (read_admin_key_file(Path(args.admin_key_file)) if args.admin_key_file
                                        else admin_key_from_environment()))
    except (OSError, ValueError) as exc:
        print(f"error: admin key: {exc}", file=sys.stderr)
        return 2
    if args.admin_key:
        print("warning: --admin-key shows the key to every user of this machine (ps); use $PLATFORM_ADMIN_KEY"
              " or --admin-key-file", file=sys.stderr)
    policy = CredentialPolicy(code_ttl_s=args.enrolment_code_hours * 3600, token_ttl_s=args.token_days * 86400,
                              overlap_s=args.token_overlap_hours * 3600)
    limits = AdmissionLimits(max_in_flight=args.max_in_flight, max_queue=args.max_queue,
                             per_device=args.per_device, max_wait_s=args.max_wait)
    app = create_app(Path(args.db), admin_key=admin_key, admission=limits, policy=policy)
    raise_file_limit()
    # Warnings and security events (platform_sim.security) to stderr, one line each, with the time.
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False,
                timeout_keep_alive=KEEP_ALIVE_S, backlog=4096)
    return 0


def raise_file_limit() -> int:
    """Raise this process's open-file limit to the hard limit where the OS allows; return the limit now."""
    try:
        import resource
    except ImportError:  # not on this OS
        return -1
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    return int(soft)


def _seed(args: argparse.Namespace) -> int:
    """Seed and print what was written."""
    from platform_sim.seed import seed

    try:
        counts = seed(Path(args.db), demo=args.demo, members=args.members, orders=args.orders, seed=args.seed)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


def _enrol_code(args: argparse.Namespace) -> int:
    """Print a fresh enrolment code."""
    from platform_sim.admin import issue_enrolment_code

    try:
        print(issue_enrolment_code(Path(args.db), args.branch))
    except LookupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _correct(args: argparse.Namespace) -> int:
    """Issue a correction and print its id."""
    from pydantic import ValidationError

    from platform_sim.books import issue_correction
    from platform_sim.errors import ApiError

    try:
        issued = issue_correction(Path(args.db), branch_id=args.branch, counter_id=args.counter,
                                  business_date=args.date, amount_fen=args.amount_fen, reason=args.reason,
                                  op_id=args.op_id)
    except ValidationError as exc:
        print(f"error: {exc.errors()[0]['loc'][-1]}: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2
    except ApiError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    print(issued["correction_id"])
    return 0


def _revoke(args: argparse.Namespace) -> int:
    """Revoke a device."""
    from platform_sim.admin import revoke_device

    try:
        revoke_device(Path(args.db), args.device)
    except LookupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"revoked {args.device}")
    return 0


def _codes(args: argparse.Namespace) -> int:
    """Print order number and pickup code pairs."""
    from platform_sim.admin import pickup_codes

    for order_no, code in pickup_codes(Path(args.db), args.branch, limit=args.limit):
        print(f"{order_no}\t{code}")
    return 0


def _parcel_advance(args: argparse.Namespace) -> int:
    """Move a parcel on and print its new status."""
    from platform_sim.parcels import STATUS_NAMES, advance_parcel

    status = advance_parcel(Path(args.db), args.tracking_no.strip().upper())
    if status is None:
        print(f"error: unknown tracking number {args.tracking_no}", file=sys.stderr)
        return 2
    print(f"{args.tracking_no}\t{status}\t{STATUS_NAMES[status]}")
    return 0
