"""A 60-counter storm (issue 18): every counter comes back at once with a queue; all drains exactly once."""

from __future__ import annotations

from pathlib import Path

from bench.storm import run_storm


def test_sixty_counters_reconnecting_at_once_drain_exactly_once_without_timeouts(tmp_path: Path) -> None:
    # A small platform (2 in progress, 8 waiting) so that the storm really meets refusals and comes back.
    result = run_storm(tmp_path, counters=60, ops=150, processes=1, deadline_s=60.0,
                       server_args=("--max-in-flight", "2", "--max-queue", "8"))
    print("\n".join(result.lines()))
    assert result.left == 0, "some queues were not empty within a minute"
    assert result.exactly_once
    assert result.outcomes["timeout"] == 0 and result.outcomes["unreachable"] == 0
    assert result.outcomes["5xx"] == 0 and result.outcomes["other"] == 0
    assert result.outcomes["429"] > 0  # the refusals were met and survived
