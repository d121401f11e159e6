"""The serial scale over a pseudo-terminal: stable, unstable, overload, a silent and a disconnected scale."""

from __future__ import annotations

import pytest

from counter_app.devices.scale import Reading, Scale, ScaleError, ScaleSettings, grams_of, parse_continuous, parse_sics
from tests.devices.sim_scale import SimScale


@pytest.mark.parametrize(("frame", "reading"), [
    ("ST,GS,+0001.250kg", Reading(1250, True)),
    ("US,GS,+0001.248kg", Reading(1248, False)),
    ("ST,NT,+00000350 g", Reading(350, True)),
    ("OL,GS,+9999.999kg", Reading(0, False, True)),
    ("ST,GS,-0000.020kg", Reading(-20, True)),
    ("garbage", None),
])
def test_continuous_frames(frame, reading) -> None:
    assert parse_continuous(frame) == reading


@pytest.mark.parametrize(("answer", "reading"), [
    ("S S     1.250 kg", Reading(1250, True)),
    ("S D     1.248 kg", Reading(1248, False)),
    ("S +", Reading(0, False, True)),
    ("S I", None),
])
def test_command_answers(answer, reading) -> None:
    assert parse_sics(answer) == reading


def test_grams_round_half_up_without_floats() -> None:
    assert grams_of("1.2505", "kg") == 1251 and grams_of("1.2504", "kg") == 1250 and grams_of("0350", "g") == 350


def _scale(sim: SimScale, protocol: str = "continuous") -> Scale:
    return Scale(ScaleSettings(device=sim.device, protocol=protocol, timeout_s=1.0))  # type: ignore[arg-type]


def test_stable_reading_over_a_pty() -> None:
    with SimScale(frame="ST,GS,+0002.345kg") as sim:
        reading = _scale(sim).read()
    assert reading == Reading(2345, True) and reading.usable() == 2345


def test_unstable_reading_is_refused_until_it_settles() -> None:
    with SimScale(frame="US,GS,+0002.340kg") as sim:
        scale = _scale(sim)
        reading = scale.read()
        assert not reading.stable
        with pytest.raises(ScaleError) as err:
            reading.usable()
        assert err.value.code == "scale_unstable" and "不稳定" in err.value.zh
        sim.frame = "ST,GS,+0002.345kg"
        assert scale.read().usable() == 2345


def test_overload_is_refused_with_a_clear_message() -> None:
    with SimScale(frame="OL,GS,+9999.999kg") as sim:
        reading = _scale(sim).read()
    with pytest.raises(ScaleError) as err:
        reading.usable()
    assert err.value.code == "scale_overload" and "量程" in err.value.zh


def test_command_response_protocol_over_a_pty() -> None:
    with SimScale(mode="command", answer="S S     0.980 kg") as sim:
        assert _scale(sim, "command").read() == Reading(980, True)
        assert any(b"S\r\n" in c for c in sim.commands)
        sim.answer = "S D     0.975 kg"
        assert not _scale(sim, "command").read().stable
        sim.answer = "S +"
        assert _scale(sim, "command").read().overload


def test_a_silent_scale_is_reported_within_the_timeout() -> None:
    with SimScale(silent=True) as sim:
        with pytest.raises(ScaleError) as err:
            Scale(ScaleSettings(device=sim.device, timeout_s=0.3)).read()
    assert err.value.code == "scale_silent" and "无响应" in err.value.zh


def test_a_disconnected_scale_is_reported_not_raised_as_an_os_error() -> None:
    sim = SimScale()
    device = sim.device
    with sim:
        scale = _scale(sim)
        assert scale.read().grams == 1250
    # The pseudo-terminal is gone: the device path no longer exists or answers.
    with pytest.raises(ScaleError) as err:
        scale.read()
    assert err.value.code == "scale_disconnected"
    with pytest.raises(ScaleError) as err:
        Scale(ScaleSettings(device=device + "-missing")).read()
    assert err.value.code == "scale_disconnected" and "未连接" in err.value.zh
