"""Global search: one query across people, organisations, partnerships, funding and events.

Each app declares what it offers in its own `search.py` with a `SearchProvider` subclass and
`@register`. A provider names a text column (`search_field`, usually a generated column
that joins the record's names) and the queryset the user may see.

On PostgreSQL the match is trigram word similarity (typos, partial words, any case; GIN
trigram indexes) or full-text (whole words, any order), best matches first. On SQLite, the
embedded default, every word of the query must appear in the text.
"""

from dataclasses import dataclass

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramWordSimilarity
from django.db import connection, migrations, models, transaction
from django.db.models import Model, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.utils.module_loading import autodiscover_modules

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200
# pg_trgm's word similarity above which a record counts as a match (its own default is 0.6;
# lower lets one typo in a short name through: "ahmd" ~ "ahmad" is 0.5).
WORD_SIMILARITY_THRESHOLD = 0.45


@dataclass(frozen=True)
class Hit:
    title: str
    subtitle: str
    url: str


class SearchProvider:
    key: str = ""  # "people"
    label = ""  # shown as the group's heading
    model: type[Model]
    permission: str = ""  # "contacts.view_person"
    search_field: str = "search_text"
    list_url_name: str = ""  # the list that shows all matches (given ?q=)
    order: int = 100

    def queryset(self, user) -> QuerySet:
        """The rows this user may find."""
        return self.model._default_manager.all()

    def hit(self, obj) -> Hit:
        return Hit(str(obj), "", obj.get_absolute_url())

    def visible_to(self, user) -> bool:
        return not self.permission or user.has_perm(self.permission)

    def search(self, query: str, user, limit: int) -> list[Hit]:
        rows = matching(self.queryset(user), self.search_field, query)[:limit]
        return [self.hit(obj) for obj in rows]


def matching(queryset: QuerySet, field: str, query: str) -> QuerySet:
    """`queryset` narrowed to rows whose `field` matches `query`, best first."""
    words = query.split()
    if connection.vendor != "postgresql":
        condition = Q()
        for word in words:
            condition &= Q(**{f"{field}__icontains": word})
        return queryset.filter(condition)
    # Both conditions can use an index: GIN trigram on the column, GIN on its text vector.
    vector = SearchVector(field, config="simple")
    text_query = SearchQuery(query, config="simple", search_type="websearch")
    return (
        queryset.annotate(_similarity=TrigramWordSimilarity(query, field), _vector=vector)
        .filter(Q(**{f"{field}__trigram_word_similar": query}) | Q(_vector=text_query))
        .order_by("-_similarity", "pk")
    )


def set_similarity_threshold():
    """Lower pg_trgm's word-similarity threshold for the current transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", [WORD_SIMILARITY_THRESHOLD])


def search_text_field(*fields: str) -> models.GeneratedField:
    """A column the database keeps equal to `fields` joined by spaces: what search matches."""
    parts = []
    for name in fields:
        parts += [name, Value(" ")]
    return models.GeneratedField(
        expression=Concat(*parts[:-1], output_field=models.TextField()),
        output_field=models.TextField(),
        db_persist=True,
        editable=False,
    )


def search_indexes(prefix: str, field: str = "search_text") -> list:
    """The two GIN indexes `matching` uses on PostgreSQL."""
    return [
        GinIndex(OpClass(field, name="gin_trgm_ops"), name=f"{prefix}_search_trgm"),
        GinIndex(SearchVector(field, config="simple"), name=f"{prefix}_search_fts"),
    ]


def add_search_indexes(app_label: str, model_name: str, prefix: str) -> migrations.RunPython:
    """A migration operation adding the search indexes on PostgreSQL (SQLite has no GIN).

    They are kept out of Meta.indexes for that reason, so the migration state does not list them.
    """

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            model = apps.get_model(app_label, model_name)
            for index in search_indexes(prefix):
                schema_editor.add_index(model, index)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            model = apps.get_model(app_label, model_name)
            for index in search_indexes(prefix):
                schema_editor.remove_index(model, index)

    return migrations.RunPython(forwards, backwards, elidable=False)


_providers: dict[str, SearchProvider] = {}


def register(provider_class: type[SearchProvider]) -> type[SearchProvider]:
    _providers[provider_class.key] = provider_class()
    return provider_class


def providers() -> list[SearchProvider]:
    autodiscover_modules("search")
    return sorted(_providers.values(), key=lambda p: p.order)


def clean_query(raw: str) -> str:
    return " ".join(raw.split())[:MAX_QUERY_LENGTH]


def search_all(query: str, user, limit: int = 10) -> list[tuple[SearchProvider, list[Hit]]]:
    """Each provider the user may use, with its best `limit` hits; empty groups left out."""
    query = clean_query(query)
    if len(query) < MIN_QUERY_LENGTH:
        return []
    groups = []
    with transaction.atomic():
        set_similarity_threshold()
        for provider in providers():
            if provider.visible_to(user):
                hits = provider.search(query, user, limit)
                if hits:
                    groups.append((provider, hits))
    return groups
