"""How a record's text is matched: one generated column per model, trigram and full-text indexes on it.

The column (`search_text_field`) joins the record's names, without accents; the query is matched
against it by trigram word similarity (typos, partial words, any case) or full-text (whole words,
any order), best matches first. Both use a GIN index (`search_indexes`), declared in the model's
Meta.indexes. The extensions and the `liaison_unaccent` function are created by this room's first
migration, which every app with a search column depends on.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramWordSimilarity
from django.db import connection, models
from django.db.models import Func, Q, QuerySet, Value
from django.db.models.functions import Concat

# pg_trgm's word similarity above which a record counts as a match (its own default is 0.6;
# lower lets one typo in a short name through: "ahmd" ~ "ahmad" is 0.5, "faisal" ~ "faizal" 0.4).
WORD_SIMILARITY_THRESHOLD = 0.4


class Unaccent(Func):
    """unaccent(), wrapped as IMMUTABLE (migrations/0001) so that a generated column and an index may use it."""

    function = "liaison_unaccent"
    output_field = models.TextField()


def search_text_field(*fields: str) -> models.GeneratedField:
    """A column the database keeps equal to `fields` joined by spaces, without accents: what search matches."""
    parts = []
    for name in fields:
        parts += [name, Value(" ")]
    return models.GeneratedField(
        expression=Unaccent(Concat(*parts[:-1], output_field=models.TextField())),
        output_field=models.TextField(),
        db_persist=True,
        editable=False,
    )


def search_indexes(prefix: str, field: str = "search_text") -> list:
    """The two GIN indexes `matching` uses, for a model's Meta.indexes."""
    return [
        GinIndex(OpClass(field, name="gin_trgm_ops"), name=f"{prefix}_search_trgm"),
        GinIndex(SearchVector(field, config="simple"), name=f"{prefix}_search_fts"),
    ]


def matching(queryset: QuerySet, field: str, query: str) -> QuerySet:
    """`queryset` narrowed to rows whose `field` matches `query`, best first.

    Run inside a transaction that called set_similarity_threshold(), or pg_trgm's default applies.
    """
    normal = Unaccent(Value(query))
    vector = SearchVector(field, config="simple")
    text_query = SearchQuery(normal, config="simple", search_type="websearch")
    return (
        queryset.annotate(_similarity=TrigramWordSimilarity(normal, field), _vector=vector)
        .filter(Q(**{f"{field}__trigram_word_similar": normal}) | Q(_vector=text_query))
        .order_by("-_similarity", "pk")
    )


def set_similarity_threshold():
    """Lower pg_trgm's word-similarity threshold for the current transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", [WORD_SIMILARITY_THRESHOLD])
