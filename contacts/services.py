"""Workflows that touch more than one contacts record."""

import csv
import io
import json
import zipfile
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from liaison.audit.models import AuditEntry
from liaison.audit.services import audit_record
from liaison.privacy.registry import registry
from liaison.search.words import forget as forget_search_words
from liaison.web.exports import neutralise, plain

from .duplicates import finder as duplicates
from .models import Affiliation, Consent, Interaction, Organisation, Person
from .privacy import person_target


@transaction.atomic
def affiliation_start(
    *,
    person: Person,
    organisation: Organisation,
    position: str = "",
    department: str = "",
    start_date: date | None = None,
    end_current_posts: bool = False,
) -> Affiliation:
    """A new current post; with `end_current_posts`, the person's other current posts end as it starts."""
    if end_current_posts:
        for post in person.affiliations.current():
            affiliation_end(affiliation=post, end_date=start_date or timezone.localdate())
    return Affiliation.objects.create(
        person=person,
        organisation=organisation,
        position=position,
        department=department,
        start_date=start_date,
        is_current=True,
    )


@transaction.atomic
def person_create(*, form, user=None) -> Person:
    """A new person from a valid PersonCreateForm (or PersonQuickForm), with their present post if one is given.

    A form without an owner field makes `user` the owner, as the full form's default does.
    """
    person = form.save(commit=False)
    if "owner" not in form.fields and user is not None:
        person.owner = user
    person.save()
    form.save_m2m()
    if form.cleaned_data.get("organisation"):
        affiliation_start(
            person=person,
            organisation=form.cleaned_data["organisation"],
            position=form.cleaned_data.get("position") or "",
            department=form.cleaned_data.get("department") or "",
        )
    duplicates.refresh_person(person)  # with the post: a namesake there is a likely duplicate
    return person


def affiliation_end(*, affiliation: Affiliation, end_date: date) -> Affiliation:
    """The post is kept, as a past one: officials move on and their history stays."""
    if affiliation.start_date and end_date < affiliation.start_date:
        end_date = affiliation.start_date  # replaced by a post dated before it began: it ends on its first day
    affiliation.end_date = end_date
    affiliation.is_current = False
    affiliation.save(update_fields=["end_date", "is_current", "updated_at"])
    return affiliation


@transaction.atomic
def interaction_log(*, interaction: Interaction, author, people=(), organisations=()) -> Interaction:
    """Save a new interaction by `author` with the people and organisations it was with."""
    interaction.author = author
    interaction.save()
    interaction.people.add(*people)
    interaction.organisations.add(*organisations)
    return interaction


def interaction_log_with_person(*, interaction: Interaction, author, person: Person) -> Interaction:
    """Logged on a person's page: the organisations of their current posts are in it too."""
    organisations = Organisation.objects.filter(affiliations__person=person, affiliations__is_current=True).distinct()
    return interaction_log(interaction=interaction, author=author, people=[person], organisations=organisations)


def organisation_find_or_create(*, name: str, acronym: str = "", **defaults) -> Organisation:
    """The organisation called `name` (in English or its local name), else the one with this acronym, else a new one.

    For demo and import code of every app: the reference data may already hold the organisation under
    another spelling of its name, and an officer's copy must be found rather than doubled.
    """
    found = Organisation.objects.filter(Q(name=name) | Q(name_local=name)).order_by("pk").first()
    if found is None and acronym:
        found = Organisation.objects.filter(acronym=acronym).order_by("pk").first()
    return found or Organisation.objects.create(name=name, acronym=acronym, **defaults)


def consent_record(*, person: Person, purpose, status: str, date: date, source: str = "", user=None) -> Consent:
    """A new answer for one purpose, with the version of the notice the person was shown."""
    return Consent.objects.create(
        person=person,
        purpose=purpose,
        status=status,
        date=date,
        source=source,
        notice_version=purpose.version,
        recorded_by=user,
    )


# --- data protection: the data subject's access export and erasure ------------------------
MALAY_NAMES = ("ms", "malay", "melayu", "bahasa")


def subject_language(person: Person) -> str:
    """The language the person's copy is written in: Malay when they prefer it, else English."""
    preferred = person.preferred_language.strip().lower()
    return "ms" if preferred.startswith(MALAY_NAMES) else "en"


def person_data(person: Person, user) -> dict[str, list[dict]]:
    """Every section every app holds about `person`, as `user` may disclose it."""
    sections = {}
    for entry in registry.entries():
        sections.update(entry.export(person, user))
    return sections


def person_export_zip(person: Person, user) -> bytes:
    """The access and portability copy: one ZIP with a JSON of everything, a CSV per section and a summary."""
    sections = person_data(person, user)
    generated = timezone.now()
    document = {"person_id": person.pk, "generated_at": generated, **sections}
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("data.json", json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        for name, rows in sections.items():
            columns = list(dict.fromkeys(key for row in rows for key in row))
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(columns)
            for row in rows:
                cells = [plain(row.get(column)) for column in columns]
                writer.writerow([neutralise(cell) if isinstance(cell, str) else cell for cell in cells])
            zipped.writestr(f"{name}.csv", text.getvalue())
        with translation.override(subject_language(person)):
            summary = render_to_string(
                "contacts/person_data_summary.html",
                {"person": person, "sections": readable_sections(sections), "generated": generated},
            )
        zipped.writestr("summary.html", summary)
    return archive.getvalue()


def readable_sections(sections: dict[str, list[dict]]) -> list[tuple[str, list[str], list[list]]]:
    """(heading, columns, rows of cells) for each section, for the summary a person reads."""
    titles = {name: title for entry in registry.entries() for name, title in entry.titles.items()}
    readable = []
    for name, rows in sections.items():
        columns = list(dict.fromkeys(key for row in rows for key in row))
        cells = [[plain(row.get(column)) for column in columns] for row in rows]
        readable.append((str(titles.get(name, name)), [column.replace("_", " ") for column in columns], cells))
    return readable


def person_erasure_refusal(person: Person) -> str:
    """Why `person` cannot be erased now ("" when they can)."""
    if person.erased_at is not None:
        return _("This person has already been erased.")
    for entry in registry.entries():
        refusal = entry.erasure_refusal(person)
        if refusal:
            return refusal
    return ""


def person_names(person: Person) -> list[str]:
    """What identifies the person in free text: names and addresses, as typed."""
    return [
        value
        for value in (
            person.display_name,
            person.full_name,
            person.name_other_script,
            person.email,
            person.email_other,
            person.phone,
            person.mobile,
        )
        if value
    ]


@transaction.atomic
def person_erase(person: Person, *, request=None, user=None) -> Person:
    """Anonymise the person everywhere, for good; the stub keeps what the statistics count. Audited."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    refusal = person_erasure_refusal(person)
    if refusal:
        raise ErasureRefused(refusal)
    names = person_names(person)
    person.erased_at = timezone.now()
    # Other apps first, while the person's row still holds what they look for; contacts' own entry is last.
    for entry in sorted(registry.entries(), key=lambda entry: entry.key == "contacts"):
        entry.erase(person, names)
    forget_search_words(" ".join(names))
    audit_record(action=AuditEntry.Action.PERSON_ERASURE, request=request, user=user, target=person_target(person))
    person.refresh_from_db()
    return person


class ErasureRefused(Exception):
    pass
