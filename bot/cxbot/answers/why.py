"""Build the `/cx why` explanation from what is stored: aggregate reads, a few cases for examples, calibration."""

from __future__ import annotations

from collections.abc import Sequence

from cx.access import Refused
from cx.calibration.stored import NothingToCalibrate
from cx.explain import ALL, AgreementNote, Explanation, explain, read_window
from cx.explain.clusters import design_effect, read_cases
from cx.explain.cube import read_cube
from cx.explain.examples import Example, find_examples
from cx.ranges import parse_range
from cx.remembered import Remembered
from cx.reports.journey import resolve_journey
from cxbot.answers.load import who_asks
from cxbot.answers.slices import filter_value
from cxbot.services import BotServices

MANAGERS_ONLY = (
    "Sorry, `/cx why` breaks the change down by team and agent, so only managers can ask it; "
    "`/cx journey` shows your own figures."
)


def latest_agreement(services: BotServices) -> AgreementNote | None:
    if services.calibration is None:
        return None
    try:
        report = services.calibration(None)
    except NothingToCalibrate:
        return None
    return AgreementNote(report.scorer, report.overall.n, report.overall.kappa, report.passed)


def load_why(
    scope: str, range_text: str, services: BotServices, user_id: str, filters: tuple[tuple[str, str], ...] = ()
) -> Explanation:
    """Raises Refused, RangeError or UnknownJourney, as the other views do."""
    if who_asks(services, user_id).role != "manager":
        raise Refused(MANAGERS_ONLY)
    period = parse_range(range_text, services.clock(), services.tz)
    reports = Remembered(services.reports)  # one read of each aggregate for the whole explanation
    known = reports.known_journeys()
    if scope.strip().lower() == ALL:
        journeys, scope = sorted(known), ALL
    else:
        journeys = [resolve_journey(scope, known)]
        scope = journeys[0]
    window = read_window(reports, journeys, period)
    cube = read_cube(reports, journeys, period)
    typed = tuple((name, filter_value(name, value)) for name, value in filters)

    def examples(factors: Sequence[str]) -> dict[str, list[Example]]:
        if services.cases is None or typed:
            return {}
        return find_examples(reports, services.cases, journeys, period, factors)

    before, now = read_cases(services.reports, journeys, period)  # a filtered slice keeps its journeys' effect
    design = (design_effect(before), design_effect(now))
    agreement = latest_agreement(services)
    return explain(window, scope, services.pass_threshold, agreement, examples, cube, typed, design)
