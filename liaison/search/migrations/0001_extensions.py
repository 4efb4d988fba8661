"""What search needs in the database: pg_trgm, unaccent, and unaccent wrapped as IMMUTABLE.

unaccent() itself is only STABLE (its dictionary could change), so PostgreSQL refuses it in a
generated column or an index; the wrapper names its dictionary, which makes it safe to mark
IMMUTABLE. Every app with a search column depends on this migration.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE_UNACCENT = """
CREATE OR REPLACE FUNCTION liaison_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
"""
DROP_UNACCENT = "DROP FUNCTION IF EXISTS liaison_unaccent(text)"


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunSQL(CREATE_UNACCENT, DROP_UNACCENT),
    ]
