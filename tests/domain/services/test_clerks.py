"""Login with a PIN and the lockout rule."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.commands import AddClerk, Login
from counter_app.domain.errors import InvalidInput, NotAllowed, Refused


def test_clerk_logs_in_with_the_right_pin(counter) -> None:
    clerk = services.login(Login("1001", "1234"), counter.uow(), counter.deps)
    assert clerk.name == "王芳" and clerk.role == "clerk"


def test_wrong_pin_is_refused_and_counts_down(counter) -> None:
    with pytest.raises(NotAllowed) as err:
        services.login(Login("1001", "0000"), counter.uow(), counter.deps)
    assert err.value.code == "login_failed"
    assert "4" in err.value.zh


def test_five_wrong_pins_lock_the_clerk_even_with_the_right_pin_after(counter, clock) -> None:
    for _ in range(5):
        with pytest.raises(NotAllowed):
            services.login(Login("1001", "0000"), counter.uow(), counter.deps)
    with pytest.raises(NotAllowed) as err:
        services.login(Login("1001", "1234"), counter.uow(), counter.deps)
    assert err.value.code == "clerk_locked"
    clock.advance(minutes=16)
    assert services.login(Login("1001", "1234"), counter.uow(), counter.deps).clerk_id == "1001"


def test_a_good_login_resets_the_failure_count(counter) -> None:
    for _ in range(4):
        with pytest.raises(NotAllowed):
            services.login(Login("1001", "0000"), counter.uow(), counter.deps)
    services.login(Login("1001", "1234"), counter.uow(), counter.deps)
    for _ in range(4):
        with pytest.raises(NotAllowed) as err:
            services.login(Login("1001", "0000"), counter.uow(), counter.deps)
        assert err.value.code == "login_failed"


def test_unknown_clerk_gets_the_same_message_as_a_wrong_pin(counter) -> None:
    with pytest.raises(NotAllowed) as err:
        services.login(Login("7777", "1234"), counter.uow(), counter.deps)
    assert err.value.code == "login_failed"


def test_pins_are_stored_hashed(counter) -> None:
    with counter.uow() as uow:
        clerk = uow.clerks.get("1001")
    assert "1234" not in clerk.pin_hash and clerk.pin_hash.startswith("scrypt$")


def test_refuses_duplicate_staff_id_and_bad_pin_format(counter) -> None:
    with pytest.raises(Refused):
        services.add_clerk(AddClerk("1001", "又一个", "clerk", "1234"), counter.uow())
    with pytest.raises(InvalidInput):
        services.add_clerk(AddClerk("1002", "新人", "clerk", "12a"), counter.uow())
    with pytest.raises(InvalidInput):
        services.add_clerk(AddClerk("1003", "新人", "boss", "1234"), counter.uow())


def test_supervisor_check_refuses_a_clerk_and_counts_a_wrong_pin(counter) -> None:
    from counter_app.domain.commands import SupervisorApproval

    assert services.check_supervisor(SupervisorApproval("9001", "8888"), counter.uow(), counter.deps,
                                     action_zh="改设置", action_en="settings") == "9001"
    with pytest.raises(NotAllowed) as err:
        services.check_supervisor(SupervisorApproval("1001", "1234"), counter.uow(), counter.deps,
                                  action_zh="改设置", action_en="settings")
    assert err.value.code == "not_supervisor"
    with pytest.raises(NotAllowed):
        services.check_supervisor(SupervisorApproval("9001", "0000"), counter.uow(), counter.deps,
                                  action_zh="改设置", action_en="settings")
    with counter.uow() as uow:
        assert uow.clerks.get("9001").failed_attempts == 1
