"""The database's side of the import's normalisation (importing.plan.name_key), for the finder and its indexes.

`contacts_name_key(text)` (created by migration 0010) lowers the text, takes its accents off and turns every run
of characters that are not letters or digits into one space, as name_key() does in Python; a test holds the two
equal. It names `public.liaison_unaccent`: pg_restore rebuilds the indexes on it with an empty search path.
Phones need nothing: they are stored in E.164 already (phones.py). E-mails are compared lower-cased.
"""

from django.db import models
from django.db.models import Func
from django.db.models.functions import Lower

NAME_KEY_SQL = r"""
CREATE OR REPLACE FUNCTION contacts_name_key(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT btrim(regexp_replace(lower(public.liaison_unaccent($1)), '[^[:alnum:]]+', ' ', 'g')) $$
"""
DROP_NAME_KEY_SQL = "DROP FUNCTION IF EXISTS contacts_name_key(text)"


class NameKey(Func):
    function = "contacts_name_key"
    output_field = models.TextField()


class EmailDomain(Func):
    """The part of the lower-cased e-mail after the @."""

    template = "split_part(%(expressions)s, '@', 2)"
    output_field = models.TextField()

    def __init__(self, expression, **extra):
        super().__init__(Lower(expression), **extra)
