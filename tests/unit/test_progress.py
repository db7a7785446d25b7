"""The progress bar of long commands: rate and time left on a terminal, nothing when output is piped."""

from __future__ import annotations

import io

from cxcli.progress import Bar, terminal_tracker


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_bar_shows_done_rate_and_time_left_then_ends_its_line() -> None:
    out, clock = Terminal(), Clock()
    bar = Bar("scoring", 7350, out, clock)

    clock.now += 10
    bar.advance(2450)
    clock.now += 10
    bar.advance(4900)

    first, last = out.getvalue().split("\r")[1:]
    assert "2,450/7,350" in first and "33%" in first and "245 conv/s" in first and "20s left" in first
    assert "7,350/7,350" in last and "100%" in last and "done" in last and last.endswith("\n")


def test_a_long_wait_is_told_in_minutes() -> None:
    out, clock = Terminal(), Clock()
    bar = Bar("folding", 1000, out, clock)

    clock.now += 30
    bar.advance(100)

    assert "4m30s left" in out.getvalue()


def test_redraws_are_throttled_but_the_last_one_always_comes() -> None:
    out, clock = Terminal(), Clock()
    bar = Bar("scoring", 100, out, clock)

    for _ in range(100):
        bar.advance(1)  # no time passes: only the first draw and the last

    assert out.getvalue().count("\r") == 2
    assert "100/100" in out.getvalue()


def test_nothing_is_written_when_not_on_a_terminal() -> None:
    piped = io.StringIO()
    advance = terminal_tracker(piped)("scoring", 500)

    advance(250)
    advance(250)

    assert piped.getvalue() == ""


def test_on_a_terminal_each_phase_gets_its_bar() -> None:
    out = Terminal()
    track = terminal_tracker(out)

    track("scoring", 3)(3)
    track("folding", 3)(3)

    lines = out.getvalue().strip().split("\n")
    assert [line.strip("\r").split()[0] for line in lines] == ["scoring", "folding"]
