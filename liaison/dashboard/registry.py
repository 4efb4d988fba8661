"""The registry of the dashboard's figures: each app declares them, under one set of filters.

Each app declares its figures in its own `dashboard.py` with a `DashboardSource` subclass and
`@register`. A source returns tables (counts by stage, status, month…), "needs attention"
lists and its SDG coverage for a `Scope` (the period, theme and state chosen). A source may
also offer a filter of its own (`dashboard_filters()`: the events offer the programme); while such a
filter is chosen, only the figures that say they follow it (`follows`) are shown. Every number
comes with the URL of the list that shows exactly those rows, so the source that counts is
also the one that knows its list's filters. Figures are aggregated by the database: a source
runs a fixed number of queries whatever the number of records.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from liaison.reference.models import SDG, State, Theme
from liaison.web.registry import Entry, Registry
from liaison.web.roles import ADMINISTRATOR, OFFICER, SUPERVISOR

DASHBOARD_ROLES = (OFFICER, SUPERVISOR, ADMINISTRATOR)
ATTENTION_ITEMS = 5  # rows shown under each "needs attention" count


@dataclass(frozen=True)
class Scope:
    """What the figures are narrowed to: a period (inclusive local dates), a theme, a state."""

    start: date
    end: date
    today: date
    user: object
    theme: Theme | None = None
    state: State | None = None
    options: tuple = ()  # (name, value) of the filters the sources offer, when chosen

    def option(self, name: str):
        """The chosen value of a source's own filter (`DashboardSource.dashboard_filters`), or None."""
        return dict(self.options).get(name)

    def follows(self, figure) -> bool:
        """Whether a table, attention count or coverage follows every source filter that is chosen."""
        return all(name in figure.follows for name, value in self.options if value)

    @property
    def theme_id(self):
        return self.theme.pk if self.theme else None

    @property
    def state_id(self):
        return self.state.pk if self.state else None

    def months(self) -> list[date]:
        """The first day of every month the period touches."""
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months

    def date_range(self, name: str) -> dict:
        """The period as the query of a list's `DateRangeFilter` called `name` (its "from" and "until" dates)."""
        return {f"{name}_after": self.start.isoformat(), f"{name}_before": self.end.isoformat()}

    def within(self, first: date, last: date) -> tuple[date, date]:
        """first..last clipped to the period."""
        return max(first, self.start), min(last, self.end)


def list_url(url_name: str, **params) -> str:
    """The list page with these filters; empty values are left out, lists become repeated keys."""
    query = {key: value for key, value in params.items() if value not in (None, "", [], ())}
    url = reverse(url_name)
    return f"{url}?{urlencode(query, doseq=True)}" if query else url


@dataclass
class Row:
    label: str
    values: list  # one number per column
    urls: list  # the list behind each number (or None)

    @property
    def cells(self):
        """(the number as shown, its list URL) for each column."""
        shown = [f"{v:,.2f}" if isinstance(v, Decimal) else v for v in self.values]
        return list(zip(shown, self.urls, strict=True))


@dataclass
class Table:
    """A breakdown shown as a table, perhaps drawn as a chart too, and exported as one sheet."""

    key: str
    title: str
    columns: list  # the headings of the numbers
    rows: list[Row]
    chart: str = ""  # "bar", "funnel" (horizontal bar) or "line"; "" for a table only
    applies: str = ""  # which filters the figures follow, said under the table
    order: int = 100
    chart_columns: tuple = ()  # the columns drawn (default: all)
    follows: tuple = ()  # the sources' own filters (`Scope.options`) these figures follow

    @property
    def chart_id(self):
        return f"chart-{self.key}"

    def chart_data(self) -> dict:
        drawn = self.chart_columns or range(len(self.columns))
        return {
            "type": self.chart,
            "labels": [row.label for row in self.rows],
            "datasets": [
                {"label": str(self.columns[i]), "data": [_number(row.values[i]) for row in self.rows]} for i in drawn
            ],
        }


@dataclass
class Attention:
    """Records that need someone: how many, the list of them, and the first few."""

    key: str
    title: str
    count: int
    url: str
    items: list = field(default_factory=list)  # (text, detail, url)
    order: int = 100
    follows: tuple = ()
    applies: str = ""  # which filters the count follows, said on the card

    @property
    def more(self) -> int:
        """How many of the counted records the card does not name (its link lists them all)."""
        return max(self.count - len(self.items), 0)


@dataclass
class Coverage:
    """How many of a kind of record address each SDG, with the list behind each number."""

    label: str
    counts: dict  # {sdg pk: n}
    url: callable  # sdg -> list URL
    order: int = 100
    follows: tuple = ()


def counts_by_sdg(queryset) -> dict:
    """{sdg pk: how many records of `queryset` address it}; its model has an `sdgs` many-to-many."""
    model = queryset.model
    owner = model._meta.model_name  # the name of the automatic through table's key to the model
    rows = model.sdgs.through.objects.filter(**{f"{owner}__in": queryset}).values_list("sdg")
    return dict(rows.annotate(n=Count(owner, distinct=True)))


class DashboardSource(Entry):
    """An app's figures; the dashboard shows them to whoever holds `permission`."""

    def tables(self, scope: Scope) -> list[Table]:
        return []

    def attention(self, scope: Scope) -> list[Attention]:
        return []

    def coverage(self, scope: Scope) -> Coverage | None:
        return None

    def dashboard_filters(self) -> dict:
        """{name: form field} of the filters this source adds to the dashboard's own."""
        return {}


registry = Registry("dashboard", DashboardSource)
register = registry.register


def option_labels() -> dict:
    """{name: label} of the filters the sources offer, for saying which ones a scope applies."""
    return {name: field.label for source in registry.entries() for name, field in source.dashboard_filters().items()}


@dataclass
class Dashboard:
    scope: Scope
    tables: list[Table]
    attention: list[Attention]
    coverage: list[Coverage]
    sdgs: list[SDG]

    def sdg_rows(self):
        """One cell per goal: the goal and, for each kind of record, its count and list."""
        return [(sdg, [(c.label, c.counts.get(sdg.pk, 0), c.url(sdg)) for c in self.coverage]) for sdg in self.sdgs]

    def sdg_table(self) -> Table:
        rows = [
            Row(str(sdg), [n for _label, n, _url in cells], [url for _label, _n, url in cells])
            for sdg, cells in self.sdg_rows()
        ]
        return Table("sdg", _("SDG coverage"), [c.label for c in self.coverage], rows)

    def all_tables(self) -> list[Table]:
        attention = Table(
            "attention",
            _("Needs attention"),
            [_("Records")],
            [Row(str(item.title), [item.count], [item.url]) for item in self.attention],
        )
        return [*self.tables, attention, self.sdg_table()]


def build(scope: Scope) -> Dashboard:
    visible = registry.visible_to(scope.user)
    tables = [table for source in visible for table in source.tables(scope) if scope.follows(table)]
    attention = [item for source in visible for item in source.attention(scope) if scope.follows(item)]
    coverage = [c for c in (source.coverage(scope) for source in visible) if c is not None and scope.follows(c)]
    return Dashboard(
        scope=scope,
        tables=sorted(tables, key=lambda t: t.order),
        attention=sorted(attention, key=lambda a: a.order),
        coverage=sorted(coverage, key=lambda c: c.order),
        sdgs=list(SDG.objects.all()) if coverage else [],
    )


def _number(value):
    return float(value) if isinstance(value, Decimal) else value
