"""Read what a view shows, as the viewer's role allows: aggregates for reports, one case's contacts for a case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from cx.access import Refused, Viewer, may_see_case, viewer
from cx.explain.scorer_change import mixes_versions, scorer_days, version_changes
from cx.ranges import DateRange, parse_range
from cx.reads import DayReader
from cx.reports.case import CaseView, case_view
from cx.reports.cases import CasePage, CaseRow, case_page, case_rows
from cx.reports.cells import Cell, CellDays
from cx.reports.journey import JourneyReport, journey_report, resolve_journey
from cx.reports.journeys import JourneysReport, journeys_report
from cx.reports.slices import Slice, SlicedDays
from cxbot.answers.slices import check_known, slice_for, where_for
from cxbot.navigation import View
from cxbot.services import BotServices


@dataclass(frozen=True)
class JourneyData:
    report: JourneyReport
    where: Slice | Cell
    days: DayReader  # the days the report was read from (for the export)


def who_asks(services: BotServices, user_id: str) -> Viewer:
    return viewer(services.roles.get_roles() if services.roles else None, user_id)


def period_of(view: View, services: BotServices) -> DateRange:
    return parse_range(view.range_text, services.clock(), services.tz)


def known_values(services: BotServices) -> Callable[[str], set[str]]:
    return lambda dimension: {value for _, _, value in services.reports.segments(dimension)}


def load_journeys(view: View, services: BotServices, who: Viewer) -> JourneysReport:
    where = slice_for(who, view.filters)  # a refusal first: an unknown value's suggestion is for who may see it
    check_known(view.filters, known_values(services))
    journeys = services.reports.known_journeys()
    period = period_of(view, services)
    report = journeys_report(services.reports, journeys, period, services.pass_threshold, where)
    versions = scorer_days(services.reports, [r.journey for r in report.rows], period.previous().start, period.end)
    mixed = frozenset(j for j, daily in versions.items() if mixes_versions(daily, period))
    return replace(report, mixed_versions=mixed)


def load_journey(view: View, services: BotServices, who: Viewer) -> JourneyData:
    where = where_for(who, view.filters)  # a refusal first: an unknown value's suggestion is for who may see it
    check_known(view.filters, known_values(services))
    period = period_of(view, services)
    asked = view.journey or ""
    journey = resolve_journey(
        services.journey_aliases.get(asked.strip().lower(), asked), services.reports.known_journeys()
    )
    days = CellDays(services.reports, where) if isinstance(where, Cell) else SlicedDays(services.reports, where)
    report = journey_report(days, journey, period, services.pass_threshold)
    before = period.previous()
    daily = scorer_days(services.reports, [journey], before.start, period.end).get(journey, {})
    changes = tuple(version_changes(daily, before.each_day() + period.each_day())) if daily else ()
    return JourneyData(replace(report, scorer_changes=changes), where, days)


def load_case_page(data: JourneyData, view: View, services: BotServices) -> CasePage | None:
    """The page of worst-first cases the view shows; None when the slice cannot list cases (a channel)."""
    if isinstance(data.where, Cell) or not data.where.lists_cases:
        return None
    r = data.report
    return case_page(services.reports, r.journey, r.period, r.current.cases, view.page, data.where)


def load_all_cases(data: JourneyData, services: BotServices) -> list[CaseRow] | None:
    if isinstance(data.where, Cell) or not data.where.lists_cases:
        return None
    return case_rows(services.reports, data.report.journey, data.report.period, data.where)


def load_case(view: View, services: BotServices, who: Viewer) -> CaseView:
    """The case, if it exists and ``who`` may see it; else the same refusal either way (nothing told of others')."""
    found = case_view(services.cases, view.case_id or "") if services.cases else None
    if found is None or not may_see_case(who, found.teams(), found.agents()):
        raise Refused(f"I can't find a case `{view.case_id}` among the cases you may see.")
    return found
