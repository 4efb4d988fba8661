"""The likely duplicates of a whole kind, rebuilt by PostgreSQL in two statements; one record's pairs refreshed.

People pair up on the same e-mail (either address, without case), the same phone (phone or mobile, stored in
E.164), or a similar name (trigram similarity) among the people of one block: the current posts at one
organisation, or the addresses on one e-mail domain (webmail domains are no block). Organisations pair up on a
shared key (name, local name or acronym, normalised as the import does: "MBSA", "Majlis Bandaraya Shah Alam" and
"Shah Alam City Council" are one organisation), or a similar name among the names sharing an uncommon word (the
forms' warnings, probe.py, find similar names through the trigram index on names instead).

Nothing compares every pair: exact keys meet in hash joins, similar names only inside their block (or through the
index), and a key or a block shared by too many records says nothing about any two of them, so it is skipped
(a shared mailbox, a council of 3,000 staff). Pairs marked "not a duplicate" are left out.
"""

from django.db import connection, transaction

from .models import OrganisationDuplicate, OrganisationNotDuplicate, PersonDuplicate, PersonNotDuplicate

# The score of each reason; a pair with several reasons scores its best plus BONUS for each other one.
EMAIL_SCORE, PHONE_SCORE, LOCAL_NAME_SCORE, ACRONYM_SCORE = 0.9, 0.8, 0.9, 0.7
BONUS = 0.05
# Trigram similarity above which two names are alike: "Ahmad Faizal bin Hassan" ~ "Ahmad Faizal Hassan" is 0.83,
# but "Ahmad Mohd bin Hassan" ~ "Ahmad Mohd bin Hamid" 0.65; "Majlis Perbandaran Sepang" ~ "… Selayang" 0.74.
PERSON_NAME_SIMILARITY = 0.7
ORGANISATION_NAME_SIMILARITY = 0.8
# More records than this sharing one e-mail, phone or organisation key: a shared address, not a duplicate.
KEY_LIMIT = 10
# More people than this in one organisation or e-mail domain: too many to compare by name.
BLOCK_LIMIT = 500
# A word in more organisation names than this ("council", "majlis") does not make two names worth comparing.
WORD_LIMIT = 200
WEBMAIL_DOMAINS = [
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.com.my",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "protonmail.com",
    "proton.me",
    "msn.com",
    "ymail.com",
    "rocketmail.com",
    "streamyx.com",
    "tm.net.my",
]


def combined_score(scores: list) -> float:
    """As the SQL combines them: the best reason's score, a bonus for each other reason, at most 1."""
    return round(min(1.0, max(scores) + BONUS * (len(scores) - 1)), 4)


PEOPLE_SQL = """
WITH people AS MATERIALIZED (
    SELECT id, email, email_other, phone, mobile, full_name FROM contacts_person WHERE erased_at IS NULL
),
emails AS MATERIALIZED (
    SELECT id, lower(email) AS key FROM people WHERE email <> ''
    UNION SELECT id, lower(email_other) FROM people WHERE email_other <> ''
),
phones AS MATERIALIZED (
    SELECT id, phone AS key FROM people WHERE phone <> ''
    UNION SELECT id, mobile FROM people WHERE mobile <> ''
),
blocks AS MATERIALIZED (
    SELECT DISTINCT 'o' || a.organisation_id AS block, a.person_id AS id
    FROM contacts_affiliation a JOIN people p ON p.id = a.person_id WHERE a.is_current
    UNION
    SELECT 'd' || split_part(lower(email), '@', 2), id FROM people
    WHERE email <> '' AND split_part(lower(email), '@', 2) <> ALL(%(webmail)s)
),
small_blocks AS (
    SELECT b.block, b.id, liaison_unaccent(p.full_name) AS name
    FROM blocks b JOIN people p ON p.id = b.id
    WHERE b.block IN (SELECT block FROM blocks GROUP BY block HAVING count(*) BETWEEN 2 AND %(block_limit)s)
),
reasons AS (
    SELECT a.id AS first, b.id AS second, 'email' AS reason, %(email)s::float AS score
    FROM emails a JOIN emails b ON b.key = a.key AND a.id < b.id
    WHERE a.key IN (SELECT key FROM emails GROUP BY key HAVING count(*) BETWEEN 2 AND %(key_limit)s)
    UNION ALL
    SELECT a.id, b.id, 'phone', %(phone)s::float
    FROM phones a JOIN phones b ON b.key = a.key AND a.id < b.id
    WHERE a.key IN (SELECT key FROM phones GROUP BY key HAVING count(*) BETWEEN 2 AND %(key_limit)s)
    UNION ALL
    SELECT a.id, b.id, CASE WHEN left(a.block, 1) = 'o' THEN 'same_organisation' ELSE 'same_domain' END,
        similarity(a.name, b.name)
    FROM small_blocks a JOIN small_blocks b ON b.block = a.block AND a.id < b.id
    WHERE similarity(a.name, b.name) >= %(name_similarity)s
),
best AS (
    SELECT first, second, reason, max(score) AS score FROM reasons GROUP BY first, second, reason
)
INSERT INTO contacts_personduplicate (first_id, second_id, reasons, score, found_at)
SELECT first, second, array_agg(reason ORDER BY score DESC, reason),
    least(1.0, round((max(score) + %(bonus)s * (count(*) - 1))::numeric, 4)), now()
FROM best r
WHERE NOT EXISTS (
    SELECT 1 FROM contacts_personnotduplicate n WHERE n.first_id = r.first AND n.second_id = r.second
)
GROUP BY first, second
"""

ORGANISATIONS_SQL = """
WITH keys AS MATERIALIZED (
    SELECT id, contacts_name_key(name) AS key, 'n' AS field FROM contacts_organisation
    UNION ALL SELECT id, contacts_name_key(name_local), 'l' FROM contacts_organisation WHERE name_local <> ''
    UNION ALL SELECT id, contacts_name_key(acronym), 'a' FROM contacts_organisation WHERE acronym <> ''
),
shared AS (
    SELECT * FROM keys WHERE key IN (
        SELECT key FROM keys WHERE key <> '' GROUP BY key HAVING count(DISTINCT id) BETWEEN 2 AND %(key_limit)s
    )
),
-- Names are compared when they share a word that few names have ("shah", "alam"; not "council", "majlis").
words AS MATERIALIZED (
    SELECT DISTINCT id, word FROM keys, regexp_split_to_table(key, ' ') AS word
    WHERE field = 'n' AND length(word) >= 3 AND word !~ '^[0-9]+$'
),
candidates AS (
    SELECT DISTINCT a.id AS first, b.id AS second
    FROM words a JOIN words b ON b.word = a.word AND a.id < b.id
    WHERE a.word IN (SELECT word FROM words GROUP BY word HAVING count(*) BETWEEN 2 AND %(word_limit)s)
),
reasons AS (
    SELECT a.id AS first, b.id AS second,
        CASE WHEN 'a' IN (a.field, b.field) THEN 'acronym'
             WHEN a.field = 'n' AND b.field = 'n' THEN 'name' ELSE 'local_name' END AS reason,
        CASE WHEN 'a' IN (a.field, b.field) THEN %(acronym)s::float
             WHEN a.field = 'n' AND b.field = 'n' THEN 1.0 ELSE %(local_name)s::float END AS score
    FROM shared a JOIN shared b ON b.key = a.key AND a.id < b.id
    UNION ALL
    SELECT a.id, b.id, 'name', similarity(liaison_unaccent(a.name), liaison_unaccent(b.name))
    FROM candidates c
    JOIN contacts_organisation a ON a.id = c.first JOIN contacts_organisation b ON b.id = c.second
    -- "Shah Alam City Council 2" is not "… 3": names with different numbers are different organisations.
    WHERE regexp_replace(a.name, '\\D', '', 'g') = regexp_replace(b.name, '\\D', '', 'g')
        AND similarity(liaison_unaccent(a.name), liaison_unaccent(b.name)) >= %(organisation_similarity)s
),
best AS (
    SELECT first, second, reason, max(score) AS score FROM reasons GROUP BY first, second, reason
)
INSERT INTO contacts_organisationduplicate (first_id, second_id, reasons, score, found_at)
SELECT first, second, array_agg(reason ORDER BY score DESC, reason),
    least(1.0, round((max(score) + %(bonus)s * (count(*) - 1))::numeric, 4)), now()
FROM best r
WHERE NOT EXISTS (
    SELECT 1 FROM contacts_organisationnotduplicate n WHERE n.first_id = r.first AND n.second_id = r.second
)
GROUP BY first, second
"""

PARAMETERS = {
    "webmail": WEBMAIL_DOMAINS,
    "block_limit": BLOCK_LIMIT,
    "key_limit": KEY_LIMIT,
    "email": EMAIL_SCORE,
    "phone": PHONE_SCORE,
    "acronym": ACRONYM_SCORE,
    "local_name": LOCAL_NAME_SCORE,
    "name_similarity": PERSON_NAME_SIMILARITY,
    "organisation_similarity": ORGANISATION_NAME_SIMILARITY,
    "word_limit": WORD_LIMIT,
    "bonus": BONUS,
}


@transaction.atomic
def rebuild_people() -> int:
    """Every likely duplicate pair of people, found again; returns how many."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM contacts_personduplicate")
        cursor.execute(PEOPLE_SQL, PARAMETERS)
        return cursor.rowcount


@transaction.atomic
def rebuild_organisations() -> int:
    """Every likely duplicate pair of organisations, found again; returns how many."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM contacts_organisationduplicate")
        cursor.execute(ORGANISATIONS_SQL, PARAMETERS)
        return cursor.rowcount


def rebuild() -> dict:
    return {"people": rebuild_people(), "organisations": rebuild_organisations()}


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


@transaction.atomic
def refresh_person(person) -> int:
    """The pairs of one person found again (after it was saved), through the indexes: a few queries."""
    from .probe import person_candidates

    PersonDuplicate.objects.filter(first=person.pk).delete()
    PersonDuplicate.objects.filter(second=person.pk).delete()
    if person.erased_at is not None:
        return 0
    found = person_candidates(person=person)
    rows = [
        PersonDuplicate(first_id=pair[0], second_id=pair[1], score=match.score, reasons=match.reasons)
        for match in found
        for pair in [_ordered(person.pk, match.record.pk)]
    ]
    PersonDuplicate.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def refresh_organisation(organisation) -> int:
    """The pairs of one organisation found again (after it was saved): a few queries."""
    from .probe import organisation_candidates

    OrganisationDuplicate.objects.filter(first=organisation.pk).delete()
    OrganisationDuplicate.objects.filter(second=organisation.pk).delete()
    found = organisation_candidates(organisation=organisation)
    rows = [
        OrganisationDuplicate(first_id=pair[0], second_id=pair[1], score=match.score, reasons=match.reasons)
        for match in found
        for pair in [_ordered(organisation.pk, match.record.pk)]
    ]
    OrganisationDuplicate.objects.bulk_create(rows)
    return len(rows)


# After an import: this many records or fewer are refreshed one by one, more rebuild the whole kind.
REFRESH_ONE_BY_ONE = 50


def refresh_after_import(created: dict, updated: dict):
    """The pairs of what an import created or updated: record by record for a few, else the whole kind again."""
    from ..models import Organisation, Person

    for name, model, refresh, rebuild_kind in (
        ("person", Person, refresh_person, rebuild_people),
        ("organisation", Organisation, refresh_organisation, rebuild_organisations),
    ):
        ids = sorted(set(created.get(name, [])) | set(updated.get(name, [])))
        if not ids:
            continue
        if len(ids) > REFRESH_ONE_BY_ONE:
            rebuild_kind()
            continue
        for record in model.objects.filter(pk__in=ids):
            refresh(record)


def hidden(model, a: int, b: int) -> bool:
    first, second = _ordered(a, b)
    return model.objects.filter(first_id=first, second_id=second).exists()


NOT_DUPLICATE = {PersonDuplicate: PersonNotDuplicate, OrganisationDuplicate: OrganisationNotDuplicate}


@transaction.atomic
def mark_not_duplicate(pair, user):
    """The pair stays hidden: recorded as not a duplicate, and taken off the list."""
    NOT_DUPLICATE[type(pair)].objects.get_or_create(
        first_id=pair.first_id, second_id=pair.second_id, defaults={"marked_by": user}
    )
    pair.delete()
