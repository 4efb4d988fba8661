"""The dictionary of search words (models.SearchWord) and the trigger function that fills it.

Each model with a search column gets the triggers from `words.install_triggers` (run after every
migrate, since the search room does not know the apps' tables): after an insert or an update,
the lexemes of the new rows' search column are added to the dictionary.
"""

import django.contrib.postgres.indexes
from django.db import migrations, models

CREATE_FUNCTION = r"""
CREATE OR REPLACE FUNCTION liaison_collect_search_words() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- TG_ARGV[0]: the search column. Sorted, so that concurrent inserts take the same order.
    EXECUTE format(
        'INSERT INTO search_searchword (word)
         SELECT DISTINCT lexeme FROM new_rows, unnest(to_tsvector(''simple'', coalesce(new_rows.%I, '''')))
         WHERE lexeme ~ ''^[[:alpha:]]{3,40}$'' ORDER BY lexeme
         ON CONFLICT DO NOTHING',
        TG_ARGV[0]);
    RETURN NULL;
END $$
"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS liaison_collect_search_words() CASCADE"


class Migration(migrations.Migration):
    dependencies = [("search", "0001_extensions")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[("word", models.CharField(max_length=255, primary_key=True, serialize=False))],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GistIndex(
                        django.contrib.postgres.indexes.OpClass("word", name="gist_trgm_ops"), name="search_word_trgm"
                    )
                ]
            },
        ),
        migrations.RunSQL(CREATE_FUNCTION, DROP_FUNCTION),
    ]
