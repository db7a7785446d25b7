"""A view as CSV files: the whole view (every case, not one page), every metric it shows."""

from __future__ import annotations

from dataclasses import dataclass

from cx.aggregation.keys import journey_pk
from cx.reports.figures import Figures
from cxbot.answers.load import load_all_cases, load_case, load_journey, load_journeys, who_asks
from cxbot.answers.performance import load_performance
from cxbot.answers.show import case_names
from cxbot.command_text import PerformanceQuery
from cxbot.navigation import View
from cxbot.people import SlackPeople
from cxbot.render.csv_export import case_csv, file_part, journey_cases_csv, journey_days_csv, journeys_csv
from cxbot.render.performance_csv import performance_csv
from cxbot.services import BotServices


@dataclass(frozen=True)
class CsvFile:
    filename: str
    content: str


def _stem(view: View) -> str:
    filters = "".join(f"-{n}-{v}" for n, v in view.filters)
    return file_part(f"{view.range_text}{filters}".replace("..", "-to-"))


def export_files(
    view: View, services: BotServices, user_id: str, people: SlackPeople | None = None
) -> tuple[str, list[CsvFile]]:
    """(title, files); raises Refused, RangeError, UnknownJourney or LookupError like `show`."""
    who = who_asks(services, user_id)
    if view.kind == "journeys":
        table = load_journeys(view, services, who)
        title = f"CX by journey, {table.period.describe()}"
        return title, [CsvFile(f"cx-journeys-{_stem(view)}.csv", journeys_csv(table, view.show_empty))]
    if view.kind == "journey":
        data = load_journey(view, services, who)
        report, stem = data.report, f"cx-journey-{file_part(data.report.journey)}-{_stem(view)}"
        period = report.period
        daily = data.days.read_days(journey_pk(report.journey), period.start, period.end)
        days = {day: Figures.of(daily.get(day, {})) for day in period.each_day()}
        files = [CsvFile(f"{stem}-days.csv", journey_days_csv(report, days))]
        if (cases := load_all_cases(data, services)) is not None:
            files.append(CsvFile(f"{stem}-cases.csv", journey_cases_csv(report.journey, cases, report.pass_threshold)))
        return f"Journey {report.journey}, {report.period.describe()}", files
    case = load_case(view, services, who)
    names = case_names(case, services, people)
    return f"Case {case.case_id}", [CsvFile(f"cx-case-{file_part(case.case_id)}.csv", case_csv(case, names))]


def performance_files(
    query: PerformanceQuery, services: BotServices, user_id: str, people: SlackPeople | None = None
) -> tuple[str, list[CsvFile]]:
    """`/cx export me` / `/cx export agent @user`: (title, files); raises Refused or RangeError like `/cx me`."""
    found = load_performance(query, services, user_id, people)
    report, who = found.report, found.name or found.report.agent_id
    stem = file_part(f"cx-agent-{who}-{query.range_text}".replace("..", "-to-"))
    title = f"Performance of {who}, {report.period.describe()}"
    return title, [CsvFile(f"{stem}.csv", performance_csv(report, found.name))]
