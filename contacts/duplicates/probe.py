"""The likely duplicates of one record, saved or not (the forms' warnings, a record's refresh), through indexes.

The same reasons and scores as finder.py's rebuild, for one side of the pair only: a handful of queries whatever
the number of records.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction
from django.db.models import Count, Q, Value
from django.db.models.functions import Lower

from liaison.search.matching import Unaccent

from ..importing.plan import name_key
from ..models import Affiliation, Organisation, Person
from . import finder
from .keys import EmailDomain, NameKey
from .models import OrganisationNotDuplicate, PersonNotDuplicate, Reason


@dataclass
class Match:
    record: object
    scores: dict = field(default_factory=dict)  # reason → score

    def add(self, reason: str, score: float):
        self.scores[reason] = max(score, self.scores.get(reason, 0.0))

    @property
    def score(self) -> float:
        return finder.combined_score(list(self.scores.values()))

    @property
    def reasons(self) -> list:
        return [reason for reason, _ in sorted(self.scores.items(), key=lambda item: (-item[1], item[0]))]

    def reason_labels(self) -> list:
        labels = dict(Reason.choices)
        return [labels[reason] for reason in self.reasons]


def _hidden_ids(model, pk) -> set:
    if pk is None:
        return set()
    pairs = model.objects.filter(Q(first_id=pk) | Q(second_id=pk)).values_list("first_id", "second_id")
    return {a if b == pk else b for a, b in pairs}


def _sorted(matches: dict, limit) -> list:
    found = sorted(matches.values(), key=lambda match: (-match.score, match.record.pk))
    return found[:limit] if limit else found


def _domain(email: str) -> str:
    return email.rpartition("@")[2].casefold() if "@" in email else ""


def person_candidates(
    *,
    person=None,
    full_name: str = "",
    emails=(),
    phones=(),
    organisation_ids=(),
    exclude: int | None = None,
    limit: int | None = None,
) -> list:
    """People like these values (or like `person`, with its own values and current posts), best first."""
    if person is not None:
        full_name, exclude = person.full_name, person.pk
        emails = [person.email, person.email_other]
        phones = [person.phone, person.mobile]
        organisation_ids = list(person.affiliations.current().values_list("organisation_id", flat=True))
    emails = list(emails)
    primary = emails[0] if emails and emails[0] else ""  # the e-mail whose domain is a block, as in the rebuild
    emails = sorted({e.casefold() for e in emails if e})
    phones = sorted({p for p in phones if p})
    people = Person.objects.not_erased().exclude(pk=exclude)
    matches = {}

    def add(found, reason, score):
        matches.setdefault(found.pk, Match(found)).add(reason, score)

    if emails:
        found = people.alias(e=Lower("email"), e2=Lower("email_other")).filter(
            Q(e__in=emails, email__gt="") | Q(e2__in=emails, email_other__gt="")
        )
        _add_by_key(found, emails, lambda p: (p.email.casefold(), p.email_other.casefold()), "email", add)
    if phones:
        found = people.filter(Q(phone__in=phones, phone__gt="") | Q(mobile__in=phones, mobile__gt=""))
        _add_by_key(found, phones, lambda p: (p.phone, p.mobile), "phone", add)
    name = full_name.strip()
    if name:
        similar = people.annotate(similarity=TrigramSimilarity(Unaccent("full_name"), Unaccent(Value(name))))
        similar = similar.filter(similarity__gte=finder.PERSON_NAME_SIMILARITY)
        blocks = _small_organisations(organisation_ids, exclude)
        if blocks:
            at = Affiliation.objects.current().filter(organisation__in=blocks).values("person_id")
            for found in similar.filter(pk__in=at):
                add(found, Reason.SAME_ORGANISATION, found.similarity)
        domain = _domain(primary)
        if domain and domain not in finder.WEBMAIL_DOMAINS:
            on_domain = people.exclude(email="").alias(d=EmailDomain("email")).filter(d=domain)
            if on_domain.count() + 1 <= finder.BLOCK_LIMIT:
                for found in similar.exclude(email="").alias(d=EmailDomain("email")).filter(d=domain):
                    add(found, Reason.SAME_DOMAIN, found.similarity)
    for pk in _hidden_ids(PersonNotDuplicate, exclude) & set(matches):
        del matches[pk]
    return _sorted(matches, limit)


def _add_by_key(found, keys, values_of, reason, add):
    """Matches on an exact key, but not on a key shared by more records than finder.KEY_LIMIT."""
    found = list(found)
    holders = {key: [p for p in found if key in values_of(p)] for key in keys}
    score = finder.EMAIL_SCORE if reason == "email" else finder.PHONE_SCORE
    for holders_of_key in holders.values():
        if len(holders_of_key) >= 1 and len(holders_of_key) + 1 <= finder.KEY_LIMIT:
            for record in holders_of_key:
                add(record, reason, score)


def _small_organisations(organisation_ids, exclude) -> list:
    """The organisations among these whose current people are few enough to compare by name."""
    if not organisation_ids:
        return []
    counts = (
        Affiliation.objects.current()
        .filter(organisation__in=organisation_ids)
        .exclude(person_id=exclude)
        .values("organisation_id")
        .annotate(n=Count("person_id", distinct=True))
    )
    sizes = {row["organisation_id"]: row["n"] for row in counts}
    return [pk for pk in organisation_ids if sizes.get(pk, 0) >= 1 and sizes[pk] + 1 <= finder.BLOCK_LIMIT]


FIELDS = (("name", "n"), ("name_local", "l"), ("acronym", "a"))


def _organisation_reason(mine: str, theirs: str) -> tuple[str, float]:
    if "a" in (mine, theirs):
        return Reason.ACRONYM, finder.ACRONYM_SCORE
    if mine == theirs == "n":
        return Reason.NAME, 1.0
    return Reason.LOCAL_NAME, finder.LOCAL_NAME_SCORE


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def organisation_candidates(
    *, organisation=None, name: str = "", name_local: str = "", acronym: str = "", exclude=None, limit=None
) -> list:
    """Organisations like these values (or like `organisation`), best first."""
    if organisation is not None:
        name, name_local, acronym = organisation.name, organisation.name_local, organisation.acronym
        exclude = organisation.pk
    mine = {}  # key → my fields having it
    for (_attr, code), value in zip(FIELDS, (name, name_local, acronym), strict=True):
        key = name_key(value or "")
        if key:
            mine.setdefault(key, set()).add(code)
    others = Organisation.objects.exclude(pk=exclude)
    matches = {}

    def add(found, reason, score):
        matches.setdefault(found.pk, Match(found)).add(reason, score)

    if mine:
        keys = sorted(mine)
        found = list(
            others.annotate(nk=NameKey("name"), lk=NameKey("name_local"), ak=NameKey("acronym")).filter(
                Q(nk__in=keys) | (Q(lk__in=keys) & ~Q(name_local="")) | (Q(ak__in=keys) & ~Q(acronym=""))
            )
        )
        for key, my_fields in mine.items():
            holders = [(o, code) for o in found for code, k in (("n", o.nk), ("l", o.lk), ("a", o.ak)) if k == key]
            if len({o.pk for o, _ in holders}) + 1 > finder.KEY_LIMIT:
                continue
            for record, theirs in holders:
                for my_field in my_fields:
                    add(record, *_organisation_reason(my_field, theirs))
    if name.strip():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL pg_trgm.similarity_threshold = %s", [finder.ORGANISATION_NAME_SIMILARITY])
            for found in similar_organisations(name, others):
                if _digits(found.name) == _digits(name):
                    add(found, Reason.NAME, found.similarity)
    for pk in _hidden_ids(OrganisationNotDuplicate, exclude) & set(matches):
        del matches[pk]
    return _sorted(matches, limit)


def similar_organisations(name: str, others=None):
    """Organisations whose name is like `name`, through the trigram index on names (set the threshold first)."""
    target = Unaccent(Value(name.strip()))
    return (
        (Organisation.objects.all() if others is None else others)
        .alias(u=Unaccent("name"))
        .filter(u__trigram_similar=target)
        .annotate(similarity=TrigramSimilarity(Unaccent("name"), target))
        .order_by()  # ranked by the caller
    )
