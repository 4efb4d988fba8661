"""The registry of global search: one query across people, organisations, partnerships, funding and events.

Each app declares what it offers in its own `search.py`:

    @register
    class PeopleSearch(SearchProvider):
        key = "people"
        label = _("People")
        model = Person
        permission = "contacts.view_person"
        list_url_name = "contacts:person_list"

A provider names a text column (`search_field`, a generated column from matching.search_text_field)
and the queryset the user may see; matching.py says how a query matches it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.db.utils import OperationalError

from liaison.web.registry import Entry, Registry
from liaison.web.timeouts import was_cancelled

from .matching import matching, set_similarity_threshold, text_query

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Hit:
    title: str
    subtitle: str
    url: str


class SearchProvider(Entry):
    label = ""  # shown as the group's heading
    model: type[Model]
    search_field: str = "search_text"
    list_url_name: str = ""  # the list that shows all matches (given ?q=)

    def queryset(self, user) -> QuerySet:
        """The rows this user may find."""
        return self.model._default_manager.all()

    def hit(self, obj) -> Hit:
        return Hit(str(obj), "", obj.get_absolute_url())

    def search(self, query: str, user, limit: int, tsquery: str | None = None) -> list[Hit]:
        rows = matching(self.queryset(user), self.search_field, query, tsquery=tsquery)[:limit]
        return [self.hit(obj) for obj in rows]


registry = Registry("search", SearchProvider)
register = registry.register


def clean_query(raw: str) -> str:
    return " ".join(raw.split())[:MAX_QUERY_LENGTH]


class Groups(list):
    """(provider, hits) for each provider that found something; `stopped`: the providers that ran out of time."""

    def __init__(self, *args):
        super().__init__(*args)
        self.stopped: list[SearchProvider] = []


def search_all(query: str, user, limit: int = 10) -> Groups:
    """Each provider the user may use, with its best `limit` hits; empty groups left out.

    Each provider's query may run SEARCH_STATEMENT_TIMEOUT milliseconds: one that PostgreSQL stops is left out
    (in `stopped`, which the page mentions) and the others' hits are still given, never an error page.
    """
    groups = Groups()
    query = clean_query(query)
    if len(query) < MIN_QUERY_LENGTH:
        return groups
    providers = registry.visible_to(user)
    with transaction.atomic():
        set_similarity_threshold()
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [f"{settings.SEARCH_STATEMENT_TIMEOUT}"])
        # One savepoint to go back to when a query is stopped (it stays after a rollback to it), not one each.
        savepoint = transaction.savepoint()
        try:
            # The words and their corrections are looked up once, for every provider.
            tsquery = text_query(query)
        except OperationalError as error:
            if not was_cancelled(error):
                raise
            transaction.savepoint_rollback(savepoint)
            groups.stopped = providers
            return groups
        if tsquery is None:
            return groups
        for provider in providers:
            try:
                hits = provider.search(query, user, limit, tsquery=tsquery)
            except OperationalError as error:
                if not was_cancelled(error):
                    raise
                transaction.savepoint_rollback(savepoint)
                groups.stopped.append(provider)
                continue
            if hits:
                groups.append((provider, hits))
    return groups
