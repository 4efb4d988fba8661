"""The periodic activity report: the dashboard's tables for a period, a theme, a state or a programme, in Word and PDF.

Nothing is counted here: the report is `liaison.dashboard.registry.build` for the same scope, the very tables
the dashboard shows and exports (each app's `dashboard.py`), laid out as a document with a chart per table
the dashboard draws. So every figure of the report is the dashboard's, whatever the filters and the language.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liaison.dashboard.registry import Dashboard, Table, option_labels
from liaison.web.pdf import render_pdf

from . import charts
from .documents import Builder, render_docx
from .models import ReportTemplate


@dataclass
class Section:
    table: Table
    _drawn: dict = field(default_factory=dict, repr=False)  # a chart is drawn once, whoever asks again

    @property
    def title(self):
        return str(self.table.title)

    @property
    def applies(self):
        return str(self.table.applies)

    @property
    def headings(self):
        return ["", *(str(column) for column in self.table.columns)]

    @property
    def rows(self):
        """[label, the numbers as the dashboard shows them…] for each row."""
        return [[str(row.label), *(str(shown) for shown, _url in row.cells)] for row in self.table.rows]

    @property
    def charted(self):
        return bool(self.table.chart and self.table.rows)

    def svg(self):
        if "svg" not in self._drawn:
            self._drawn["svg"] = charts.svg(self.table.chart_data(), self.title) if self.charted else ""
        return self._drawn["svg"]

    def png(self):
        if "png" not in self._drawn:
            self._drawn["png"] = charts.png(self.table.chart_data()) if self.charted else b""
        return self._drawn["png"]


def sections(board: Dashboard) -> list[Section]:
    return [Section(table) for table in board.all_tables()]


def heading(board: Dashboard) -> dict:
    """The report's title lines, in the active language."""
    scope = board.scope
    filters = []
    if scope.theme:
        filters.append(_("Theme: %(theme)s") % {"theme": scope.theme})
    if scope.state:
        filters.append(_("State: %(state)s") % {"state": scope.state})
    labels = option_labels()
    for name, value in scope.options:
        filters.append(_("%(filter)s: %(value)s") % {"filter": labels.get(name, name), "value": value})
    user = scope.user.get_full_name() or scope.user.get_username()
    return {
        "title": _("Activity report"),
        "period": _("From %(start)s to %(end)s")
        % {"start": date_format(scope.start, "j F Y"), "end": date_format(scope.end, "j F Y")},
        "filters": " · ".join(filters) or _("All themes and states"),
        "generated": _("Made on %(date)s by %(user)s, from the dashboard's figures.")
        % {"date": date_format(timezone.localdate(), "j F Y"), "user": user},
    }


def document(board: Dashboard, chosen: str, progress=None) -> bytes:
    """The report as `docx` or `pdf`; `progress(done, total)` is told after each chart and at the end."""
    parts = sections(board)
    total = len(parts) + 1
    for done, part in enumerate(parts, start=1):
        part.png() if chosen == "docx" else part.svg()
        if progress:
            progress(done, total)
    if chosen == "docx":
        content = docx(board, parts)
    else:
        content = render_pdf("reports/activity_pdf.html", {**heading(board), "sections": parts})
    if progress:
        progress(total, total)
    return content


def docx(board: Dashboard, parts: list[Section] | None = None) -> bytes:
    parts = parts if parts is not None else sections(board)

    def context(build: Builder) -> dict:
        return {
            **heading(board),
            "sections": [
                {
                    "title": part.title,
                    "applies": part.applies,
                    "table": build.table(part.headings, part.rows),
                    "chart": build.image(part.png()) if part.charted else "",
                }
                for part in parts
            ],
        }

    return render_docx(ReportTemplate.Kind.ACTIVITY, context)


def filename(board: Dashboard) -> str:
    return f"activity-report-{board.scope.start:%Y%m%d}-{board.scope.end:%Y%m%d}"
