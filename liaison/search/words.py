"""Keeping the dictionary of search words (models.SearchWord) in step with every search column."""

from django.db import connection

from .registry import registry

TRIGGERS = {"insert": "INSERT", "update": "UPDATE"}


def search_tables():
    """(table, search column) of every model a search provider searches, once each."""
    seen = {}
    for provider in registry.entries():
        seen[provider.model._meta.db_table] = provider.model._meta.get_field(provider.search_field).column
    return seen


def install_triggers(using="default", **kwargs):
    """Triggers that add each new or changed row's words; words of a table that had none, added now."""
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute("SELECT to_regclass('search_searchword') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return  # migrating backwards, or the search room is not migrated yet
        for table, column in search_tables().items():
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(%s)", [table])
            existing = {name for (name,) in cursor.fetchall()}
            if existing.issuperset(f"{table}_search_words_{event}" for event in TRIGGERS):
                continue
            for event, verb in TRIGGERS.items():
                cursor.execute(
                    f'CREATE OR REPLACE TRIGGER "{table}_search_words_{event}" AFTER {verb} ON "{table}" '
                    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
                    f"EXECUTE FUNCTION liaison_collect_search_words('{column}')"
                )
            collect_words(cursor, table, column)


def collect_words(cursor, table, column):
    # Table and column names come from the models' own metadata, never from input.
    cursor.execute(
        "INSERT INTO search_searchword (word) "  # noqa: S608
        f"SELECT DISTINCT lexeme FROM \"{table}\", unnest(to_tsvector('simple', coalesce(\"{column}\", ''))) "
        "WHERE lexeme ~ '^[[:alpha:]]{3,40}$' ORDER BY lexeme ON CONFLICT DO NOTHING"
    )


def rebuild():
    """Every word of every search column, the dictionary emptied first (words of deleted rows go)."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_searchword")
        for table, column in search_tables().items():
            collect_words(cursor, table, column)


def forget(text: str) -> None:
    """Drop the words of `text` that no search column holds any more (after an erasure removed them)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme FROM unnest(to_tsvector('simple', %s))", [text])
        words = [word for (word,) in cursor.fetchall()]
        for word in words:
            held = False
            for table, column in search_tables().items():
                cursor.execute(
                    f"SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE to_tsvector('simple', coalesce(\"{column}\", '')) "  # noqa: S608
                    "@@ to_tsquery('simple', quote_literal(%s)))",
                    [word],
                )
                if cursor.fetchone()[0]:
                    held = True
                    break
            if not held:
                cursor.execute("DELETE FROM search_searchword WHERE word = %s", [word])
