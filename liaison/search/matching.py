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
from django.db.models import Func, QuerySet, Value
from django.db.models.functions import Concat

# pg_trgm's word similarity above which a record counts as a match (its own default is 0.6;
# lower lets one typo in a short name through: "ahmd" ~ "ahmad" is 0.5, "faisal" ~ "faizal" 0.4).
WORD_SIMILARITY_THRESHOLD = 0.4
# The trigram similarity above which a dictionary word stands in for a query word ("faisal" ~ "faizal" 0.4).
WORD_SIMILARITY = 0.3


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


# Each query word also matches up to this many dictionary words like it (typos), and at most this
# many records per search are ranked (the first ones the full-text index gives).
SIMILAR_WORDS = 6
CANDIDATES = 200


def text_query(query: str) -> str | None:
    """The query as a tsquery: each word, as a prefix or as a dictionary word like it; all words needed.

    "resilence climat" becomes ('resilence':* | 'resilience') & ('climat':* | 'climate'). None when the
    query has no word. Words of one letter are matched exactly.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT q.lexeme, ARRAY(
                SELECT w.word FROM search_searchword w
                WHERE length(q.lexeme) >= 3 AND w.word %% q.lexeme
                ORDER BY w.word <-> q.lexeme LIMIT %s)
            FROM unnest(to_tsvector('simple', liaison_unaccent(%s))) AS q
            """,
            [SIMILAR_WORDS, query],
        )
        words = cursor.fetchall()
    if not words:
        return None
    terms = []
    for lexeme, similar in words:
        options = [_quoted(lexeme) + (":*" if len(lexeme) > 1 else "")]
        options += [_quoted(word) for word in similar if word != lexeme]
        terms.append("(" + " | ".join(options) + ")")
    return " & ".join(terms)


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def text_matches(queryset: QuerySet, field: str, query: str, tsquery: str | None = None) -> QuerySet:
    """`queryset` narrowed to the rows whose `field` contains every word of `query` (or a word like it).

    Served by the model's full-text index (search_indexes); no ranking, so any number of rows is cheap
    to filter, count and page through in the list's own order.
    """
    tsquery = tsquery or text_query(query)
    if tsquery is None:
        return queryset.none()
    vector = SearchVector(field, config="simple")
    return queryset.alias(_vector=vector).filter(_vector=SearchQuery(tsquery, config="simple", search_type="raw"))


def matching(
    queryset: QuerySet, field: str, query: str, candidates: int = CANDIDATES, tsquery: str | None = None
) -> QuerySet:
    """The best of at most `candidates` rows of `queryset` whose `field` matches `query`, best first.

    The candidates are the first rows the full-text index gives; they are ranked by trigram word
    similarity to the whole query. Bounded, so a word found in 300,000 records costs no more than a
    rare one. Run inside a transaction that called set_similarity_threshold().
    """
    found = text_matches(queryset, field, query, tsquery).order_by().values("pk")[:candidates]
    normal = Unaccent(Value(query))
    return (
        queryset.filter(pk__in=found)
        .annotate(_similarity=TrigramWordSimilarity(normal, field))
        .order_by("-_similarity", "pk")
    )


def set_similarity_threshold():
    """pg_trgm's thresholds for the current transaction: for ranking, and for a word to stand in for another."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", [WORD_SIMILARITY_THRESHOLD])
        cursor.execute("SET LOCAL pg_trgm.similarity_threshold = %s", [WORD_SIMILARITY])
