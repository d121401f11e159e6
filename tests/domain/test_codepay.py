"""Payment codes are recognised or refused, and the code payment's state machine never guesses."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from counter_app.domain.codepay import (
    Action, CodePayment, Outcome, Reply, State, Wallet, after_reply, mask_code, next_action, poll_deadline,
    recognise_code,
)
from counter_app.domain.errors import InvalidInput

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.mark.parametrize("code", ["134567890123456789", "100000000000000000", "159999999999999999",
                                  " 134567890123456789 "])
def test_recognises_wechat_codes(code: str) -> None:
    assert recognise_code(code) == Wallet.WECHAT


@pytest.mark.parametrize("code", ["2812345678901234", "250000000000000000000000", "301234567890123456",
                                  "28763443825664751"])
def test_recognises_alipay_codes(code: str) -> None:
    assert recognise_code(code) == Wallet.ALIPAY


@pytest.mark.parametrize("code", [
    "", "1345678901234567",          # WeChat prefix, 16 digits
    "1345678901234567890",           # 19 digits
    "163456789012345678",            # 18 digits but prefix 16
    "091234567890123456",            # prefix 09
    "281234567890123",               # Alipay prefix, 15 digits
    "2812345678901234567890123",     # 25 digits
    "311234567890123456",            # prefix 31
    "13456789012345678A",            # a letter
    "１３４５６７８９０１２３４５６７８９",  # full-width digits
    "6901234567892",                 # a product barcode
])
def test_refuses_anything_else(code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        recognise_code(code)
    assert caught.value.code == "payment_code_unknown" and "付款码" in caught.value.zh


def test_masked_code_keeps_prefix_and_last_four() -> None:
    assert mask_code("134567890123456789") == "13************6789"


def _payment(state: State = State.ASKED, poll_s: float = 30) -> CodePayment:
    return CodePayment("p1", Wallet.WECHAT, "13****6789", 1000, state, NOW.isoformat(),
                       poll_deadline(NOW, poll_s), "S1", "1001")


def test_asked_is_collected_once_then_only_queried() -> None:
    assert next_action(_payment(), sent=False) == Action.COLLECT
    assert next_action(_payment(), sent=True) == Action.QUERY


def test_collect_success_confirms_with_the_transaction_id() -> None:
    paid = after_reply(_payment(), Action.COLLECT, Reply(Outcome.PAID, "T1"), NOW)
    assert paid.state == State.CONFIRMED and paid.transaction_id == "T1" and paid.refundable_fen == 1000
    assert next_action(paid, sent=True) == Action.NONE


def test_user_paying_and_unknown_wait_until_the_deadline_then_cancel() -> None:
    waiting = after_reply(_payment(), Action.COLLECT, Reply(Outcome.USER_PAYING), NOW)
    assert waiting.state == State.WAITING and next_action(waiting, sent=True) == Action.QUERY
    still = after_reply(waiting, Action.QUERY, Reply(Outcome.UNKNOWN), NOW + timedelta(seconds=10))
    assert still.state == State.WAITING
    late = after_reply(waiting, Action.QUERY, Reply(Outcome.USER_PAYING), NOW + timedelta(seconds=31))
    assert late.state == State.CANCEL_ASKED and next_action(late, sent=True) == Action.CANCEL


def test_a_query_after_the_deadline_that_finds_it_paid_confirms() -> None:
    waiting = _payment(State.WAITING)
    assert after_reply(waiting, Action.QUERY, Reply(Outcome.PAID, "T9"), NOW + timedelta(hours=3)).state \
        == State.CONFIRMED


def test_not_found_is_cancelled_so_a_late_request_cannot_be_paid() -> None:
    lost = after_reply(_payment(), Action.QUERY, Reply(Outcome.NOT_FOUND), NOW)
    assert lost.state == State.CANCEL_ASKED


def test_declined_keeps_the_reason() -> None:
    declined = after_reply(_payment(), Action.COLLECT, Reply(Outcome.DECLINED, reason="余额不足"), NOW)
    assert declined.state == State.DECLINED and declined.reason == "余额不足" and declined.refundable_fen == 0


def test_cancel_without_answer_stays_cancel_asked_then_completes() -> None:
    cancelling = _payment(State.CANCEL_ASKED)
    assert after_reply(cancelling, Action.CANCEL, Reply(Outcome.UNKNOWN), NOW).state == State.CANCEL_ASKED
    assert after_reply(cancelling, Action.CANCEL, Reply(Outcome.CANCELLED), NOW).state == State.CANCELLED


def test_final_states_never_move() -> None:
    for state in (State.CONFIRMED, State.DECLINED, State.CANCELLED, State.WRITTEN_OFF):
        assert after_reply(_payment(state), Action.QUERY, Reply(Outcome.PAID, "T"), NOW).state == state
