"""What an import will do, row by row, computed without writing anything.

The same plan is shown as the preview and applied by the commit (commit.py), so the commit does
exactly what the preview showed. It is plain data (dicts and lists) so that it can be kept on the
ImportBatch between the two, and compared again at commit time (`fingerprint`).
"""

import hashlib
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import Max, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django_countries import countries

from liaison.reference.models import State
from liaison.web.text import LINE_BREAKS, strip_controls

from ..honorifics import split_honorific
from ..models import Affiliation, Organisation, Person
from ..phones import normalise_phone
from .mapping import FIELDS, ORGANISATIONS, PEOPLE
from .readers import Table

CREATE, UPDATE, SKIP, DUPLICATE, ERROR = "create", "update", "skip", "duplicate", "error"
ACTIONS = (CREATE, UPDATE, SKIP, DUPLICATE, ERROR)
# Fields whose text may keep its line breaks; every other one is a single line.
MULTI_LINE = {"notes", "address"}
# Fields an update never overwrites: a record found by its e-mail keeps the name it is known by.
KEPT_ON_UPDATE = {"full_name", "honorific", "name"}
CHUNK = 1000
PROGRESS_EVERY = 500


@dataclass
class RowPlan:
    number: int  # as the user sees it in the file: the header is row 1 (for vCards, the card's position)
    action: str = CREATE
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # [column header, message]
    target: int | None = None  # the existing record updated or duplicated
    target_label: str = ""
    changes: list = field(default_factory=list)  # [field, label, old value, new value]
    duplicate_of: int | None = None  # an earlier row of the file
    duplicated_by: list = field(default_factory=list)
    organisation: int | None = None  # people: the organisation of the post, found…
    new_organisation: str = ""  # …or the key of one to create (Plan.new_organisations)
    add_post: bool = False  # people: a post at the organisation is created


@dataclass
class Plan:
    kind: str
    sha256: str
    columns: list
    headers: list
    duplicates: str = UPDATE  # what to do with a record already in the database: update it or skip the row
    rows: list = field(default_factory=list)
    new_organisations: dict = field(default_factory=dict)  # key → {"name", "state", "country", "rows"}
    fingerprint: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Plan":
        rows = [RowPlan(**row) for row in data.get("rows", [])]
        return cls(**{**data, "rows": rows})

    def counts(self) -> dict:
        counts = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            counts[row.action] += 1
        counts["new_organisations"] = len(self.new_organisations)
        return counts

    @property
    def error_rows(self) -> list:
        return [row for row in self.rows if row.action == ERROR]


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def name_key(text: str) -> str:
    """Organisation names compared without case, accents, punctuation or extra spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


class Lookups:
    """The reference tables an import resolves values against, read once per plan."""

    def __init__(self):
        self.states = {}
        for state in State.objects.all():
            for text in (state.name, state.name_ms, state.abbreviation, state.iso_code, state.iso_code[3:]):
                if text:
                    self.states.setdefault(name_key(text), state.pk)
        # Federal territories as offices write them.
        for alias, iso in (("kl", "MY-14"), ("wp kuala lumpur", "MY-14"), ("wilayah persekutuan", "MY-14")):
            state = State.objects.filter(iso_code=iso).first()
            if state:
                self.states.setdefault(alias, state.pk)
        self.countries = {}
        for code, name in countries:
            self.countries[name_key(name)] = code
            self.countries[code.casefold()] = code
        self.countries.update({"malaysia": "MY", "uk": "GB", "usa": "US", "korea": "KR", "south korea": "KR"})
        self.organisations = {}  # name key → (id, updated_at): by name, then local name, then acronym
        self.organisation_labels = {}
        rows = Organisation.objects.order_by("pk").values_list("pk", "name", "name_local", "acronym", "updated_at")
        for attr in (1, 2, 3):
            for row in rows:
                if row[attr]:
                    self.organisations.setdefault(name_key(row[attr]), (row[0], row[4]))
        for row in rows:
            self.organisation_labels[row[0]] = f"{row[1]} ({row[3]})" if row[3] else row[1]

    def organisation(self, text: str) -> tuple[int, object] | None:
        return self.organisations.get(name_key(text))


GENDERS = {
    "f": "female",
    "female": "female",
    "woman": "female",
    "p": "female",
    "perempuan": "female",
    "wanita": "female",
    "m": "male",
    "male": "male",
    "man": "male",
    "l": "male",
    "lelaki": "male",
    "other": "other",
    "lain": "other",
    "lain lain": "other",
}


def _kinds() -> dict:
    kinds = {}
    for value, label in Organisation.Kind.choices:
        kinds[name_key(value)] = value
        kinds[name_key(str(label))] = value
    return kinds


class Planner:
    def __init__(self, table: Table, kind: str, columns: list, *, sha256: str, duplicates: str = UPDATE):
        self.table, self.kind, self.columns = table, kind, columns
        self.plan = Plan(
            kind=kind, sha256=sha256, columns=list(columns), headers=list(table.headers), duplicates=duplicates
        )
        self.lookups = Lookups()
        self.first_row = 1 if table.kind == "vcard" else 2
        self.model = Person if kind == PEOPLE else Organisation
        self.matched_organisations = set()

    # --- one row's values ----------------------------------------------------------------------
    def header(self, field_name: str) -> str:
        names = {"full_name": ("full_name", "first_name", "last_name", "middle_name")}.get(field_name, (field_name,))
        for index, column in enumerate(self.columns):
            if column in names:
                return self.table.headers[index]
        return FIELDS[self.kind].get(field_name, field_name)

    def raw_values(self, cells: list) -> dict:
        values = {}
        for column, cell in zip(self.columns, cells, strict=False):
            if not column:
                continue
            text = strip_controls(cell).strip()
            if column not in MULTI_LINE:
                text = " ".join(LINE_BREAKS.sub(" ", text).split())
            values[column] = text
        return values

    def error(self, row: RowPlan, field_name: str, message: str):
        row.errors.append([self.header(field_name), message])

    def check_lengths(self, row: RowPlan, values: dict):
        for name, value in values.items():
            try:
                limit = self.model._meta.get_field(name).max_length
            except Exception:  # a field of the post (position, department) or of the organisation
                limit = Affiliation._meta.get_field(name).max_length if name in ("position", "department") else None
            if limit and len(value) > limit:
                self.error(
                    row,
                    name,
                    _("Too long: %(count)s characters, at most %(limit)s.") % {"count": len(value), "limit": limit},
                )

    def clean_common(self, row: RowPlan, values: dict):
        for name in ("email", "email_other"):
            if values.get(name):
                try:
                    validate_email(values[name])
                except ValidationError:
                    self.error(row, name, _("“%(value)s” is not an e-mail address.") % {"value": values[name]})
        for name in ("phone", "mobile"):
            if values.get(name):
                try:
                    values[name] = normalise_phone(values[name])
                except ValidationError:
                    self.error(row, name, _("“%(value)s” is not a possible phone number.") % {"value": values[name]})
        if values.get("country"):
            code = self.lookups.countries.get(name_key(values["country"])) or self.lookups.countries.get(
                values["country"].casefold()
            )
            if code:
                values["country"] = code
            else:
                self.error(row, "country", _("Unknown country “%(value)s”.") % {"value": values["country"]})
        if values.get("state"):
            state = self.lookups.states.get(name_key(values["state"]))
            if state:
                values["state"] = state
            else:
                self.error(
                    row, "state", _("Unknown state “%(value)s”: give a Malaysian state.") % {"value": values["state"]}
                )
        else:
            values.pop("state", None)

    def clean_person(self, row: RowPlan, values: dict):
        full = values.pop("full_name", "") or " ".join(
            values.get(part, "") for part in ("first_name", "middle_name", "last_name") if values.get(part)
        )
        for part in ("first_name", "middle_name", "last_name"):
            values.pop(part, None)
        honorific, name = split_honorific(full) if full else ("", "")
        typed = values.get("honorific", "")
        if honorific and typed.lower() != honorific.lower():
            honorific = f"{typed} {honorific}".strip()
        values["honorific"] = honorific or typed
        values["full_name"] = name
        if not name:
            self.error(row, "full_name", _("The name is missing."))
        if values.get("gender"):
            gender = GENDERS.get(name_key(values["gender"]))
            if gender:
                values["gender"] = gender
            else:
                self.error(row, "gender", _("Unknown gender “%(value)s”.") % {"value": values["gender"]})
        self.clean_common(row, values)
        self.check_lengths(row, values)
        if (values.get("position") or values.get("department")) and not values.get("organisation"):
            self.error(row, "position", _("A position needs the organisation of the post."))

    def clean_organisation(self, row: RowPlan, values: dict):
        if not values.get("name"):
            self.error(row, "name", _("The name is missing."))
        if values.get("kind"):
            kind = _kinds().get(name_key(values["kind"]))
            if kind:
                values["kind"] = kind
            else:
                self.error(row, "kind", _("Unknown kind of organisation “%(value)s”.") % {"value": values["kind"]})
        if values.get("website"):
            url = values["website"] if "://" in values["website"] else f"https://{values['website']}"
            try:
                URLValidator()(url)
                values["website"] = url
            except ValidationError:
                self.error(row, "website", _("“%(value)s” is not a web address.") % {"value": values["website"]})
        self.clean_common(row, values)
        self.check_lengths(row, values)

    # --- the whole file -------------------------------------------------------------------------
    def build(self, progress: Callable[[int, int], None] | None = None) -> Plan:
        total = len(self.table.rows)
        for index, cells in enumerate(self.table.rows):
            row = RowPlan(number=index + self.first_row)
            values = self.raw_values(cells)
            if index in self.table.ragged:
                row.errors.append(
                    [
                        "",
                        _("This row has %(cells)s cells but the header names %(columns)s columns.")
                        % {"cells": self.table.ragged[index], "columns": len(self.table.headers)},
                    ]
                )
            if self.kind == PEOPLE:
                self.clean_person(row, values)
            else:
                self.clean_organisation(row, values)
            row.values = {k: v for k, v in values.items() if v not in ("", None)}
            self.plan.rows.append(row)
            if progress and index % PROGRESS_EVERY == 0:
                progress(index, total)
        if self.kind == PEOPLE:
            self.resolve_organisations()
            self.match_people()
        else:
            self.match_organisations()
        for row in self.plan.rows:
            if row.errors:
                row.action = ERROR
        self.plan.fingerprint = fingerprint(self.plan)
        if progress:
            progress(total, total)
        return self.plan

    def resolve_organisations(self):
        for row in self.plan.rows:
            text = row.values.get("organisation")
            if not text:
                continue
            found = self.lookups.organisation(text)
            if found:
                row.organisation = found[0]
                self.matched_organisations.add(found[0])
                continue
            key = name_key(text)
            if not key:
                self.error(row, "organisation", _("The organisation's name is missing."))
                continue
            new = self.plan.new_organisations.setdefault(
                key, {"name": text, "state": None, "country": "MY", "rows": []}
            )
            new["rows"].append(row.number)
            if row.values.get("state") and not new["state"]:
                new["state"] = row.values["state"]
            row.new_organisation = key

    def person_keys(self, row: RowPlan) -> list:
        keys = [("email", row.values[f].casefold()) for f in ("email", "email_other") if row.values.get(f)]
        keys += [("phone", row.values[f]) for f in ("phone", "mobile") if row.values.get(f)]
        where = row.organisation or row.new_organisation
        if row.values.get("full_name") and where:
            keys.append(("name", name_key(row.values["full_name"]), where))
        return keys

    def match_people(self):
        rows = [row for row in self.plan.rows if not row.errors]
        emails = {k[1] for row in rows for k in self.person_keys(row) if k[0] == "email"}
        phones = {k[1] for row in rows for k in self.person_keys(row) if k[0] == "phone"}
        names = {row.values["full_name"].casefold() for row in rows if row.values.get("full_name")}
        found = {}  # key → person id (lowest first)
        people = {}
        for chunk in _chunks(sorted(emails)):
            by_email = Person.objects.annotate(e=Lower("email"), e2=Lower("email_other"))
            for person in by_email.filter(Q(e__in=chunk) | Q(e2__in=chunk)):
                people[person.pk] = person
                for value in (person.email, person.email_other):
                    if value:
                        found.setdefault(("email", value.casefold()), person.pk)
        for chunk in _chunks(sorted(phones)):
            for person in Person.objects.filter(Q(phone__in=chunk) | Q(mobile__in=chunk)):
                people[person.pk] = person
                for value in (person.phone, person.mobile):
                    if value:
                        found.setdefault(("phone", value), person.pk)
        posts = {}  # person id → set of organisation ids of current posts
        for chunk in _chunks(sorted(names)):
            candidates = Person.objects.annotate(n=Lower("full_name")).filter(n__in=chunk)
            for person in candidates:
                people[person.pk] = person
        for chunk in _chunks(sorted(people)):
            for person_id, organisation_id in (
                Affiliation.objects.current().filter(person__in=chunk).values_list("person_id", "organisation_id")
            ):
                posts.setdefault(person_id, set()).add(organisation_id)
        for person in sorted(people.values(), key=lambda p: p.pk):
            for organisation_id in posts.get(person.pk, ()):
                found.setdefault(("name", name_key(person.full_name), organisation_id), person.pk)
        seen, claimed = {}, {}  # key → the row that had it first; record id → the row matched to it
        for row in self.plan.rows:
            if row.errors:
                continue
            keys = self.person_keys(row)
            if self.repeated_in_file(row, keys, seen):
                continue
            target = next((found[k] for k in keys if k in found), None)
            if target in claimed:
                self.mark_duplicate(row, claimed[target])
                continue
            if target is None:
                row.action = CREATE
                row.add_post = bool(row.organisation or row.new_organisation)
                continue
            claimed[target] = row
            person = people[target]
            row.target, row.target_label = person.pk, person.display_name
            self.changes(row, person)
            if (row.organisation and row.organisation not in posts.get(person.pk, set())) or row.new_organisation:
                row.add_post = True
                where = self.lookups.organisation_labels.get(row.organisation) or self.plan.new_organisations.get(
                    row.new_organisation, {}
                ).get("name", "")
                post = " — ".join(p for p in (row.values.get("position", ""), where) if p)
                row.changes.append(["post", str(_("New post")), "", post])
            self.settle(row)

    def repeated_in_file(self, row: RowPlan, keys, seen: dict) -> bool:
        """Marked as a repeat of the file's earlier row with one of `keys`; else those keys are this row's now."""
        earlier = next((seen[k] for k in keys if k in seen), None)
        if earlier is not None:
            self.mark_duplicate(row, earlier)
            return True
        for key in keys:
            seen.setdefault(key, row)
        return False

    def mark_duplicate(self, row: RowPlan, earlier: RowPlan):
        row.action = DUPLICATE
        row.duplicate_of = earlier.number
        earlier.duplicated_by.append(row.number)

    def settle(self, row: RowPlan):
        if self.plan.duplicates == SKIP or not row.changes:
            row.action, row.changes, row.add_post = SKIP, [], False
        else:
            row.action = UPDATE

    def changes(self, row: RowPlan, record):
        for name, value in row.values.items():
            if name in KEPT_ON_UPDATE and getattr(record, name, ""):
                continue
            if name in ("organisation", "position", "department") and self.kind == PEOPLE:
                continue
            if name == "state" and self.kind == PEOPLE:
                continue
            current = getattr(record, f"{name}_id" if name == "state" else name, "")
            current = "" if current is None else str(current)
            if str(value) != current:
                row.changes.append([name, str(FIELDS[self.kind].get(name, name)), current, str(value)])

    def organisation_keys(self, row: RowPlan) -> list:
        return [name_key(row.values[f]) for f in ("name", "name_local", "acronym") if row.values.get(f)]

    def match_organisations(self):
        seen, claimed = {}, {}
        ids = set()
        for row in self.plan.rows:
            if row.errors:
                continue
            keys = self.organisation_keys(row)
            if self.repeated_in_file(row, keys, seen):
                continue
            target = next((self.lookups.organisations[k][0] for k in keys if k in self.lookups.organisations), None)
            if target in claimed:
                self.mark_duplicate(row, claimed[target])
            elif target is not None:
                claimed[target] = row
                row.target = target
                ids.add(target)
        records = {o.pk: o for chunk in _chunks(sorted(ids)) for o in Organisation.objects.filter(pk__in=chunk)}
        for row in self.plan.rows:
            if row.errors or row.action == DUPLICATE:
                continue
            if row.target is None:
                row.action = CREATE
                continue
            record = records[row.target]
            row.target_label = str(record)
            self.changes(row, record)
            self.settle(row)


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def matched_ids(plan: Plan) -> dict:
    """The existing records the plan reads or changes, by model."""
    targets = sorted({row.target for row in plan.rows if row.target})
    organisations = sorted({row.organisation for row in plan.rows if row.organisation})
    if plan.kind == PEOPLE:
        return {"person": targets, "organisation": organisations}
    return {"person": [], "organisation": targets}


def fingerprint(plan: Plan) -> str:
    """The state of the database the plan was made against: its matched records, and the newest of each kind.

    A record matched by the plan that changed, or a person or organisation added since (which the
    plan could have matched), changes it; the commit then refuses rather than do something else.
    """
    digest = hashlib.sha256()
    ids = matched_ids(plan)
    for model, name in ((Person, "person"), (Organisation, "organisation")):
        digest.update(f"{name}:{model.objects.aggregate(top=Max('pk'))['top']}|".encode())
        for chunk in _chunks(ids[name]):
            for pk, updated in model.objects.filter(pk__in=chunk).order_by("pk").values_list("pk", "updated_at"):
                digest.update(f"{pk}@{updated.isoformat()};".encode())
        digest.update(f"n={len(ids[name])}|".encode())
    return digest.hexdigest()


def build_plan(table: Table, kind: str, columns: list, *, sha256: str, duplicates: str = UPDATE, progress=None) -> Plan:
    assert kind in (PEOPLE, ORGANISATIONS)
    return Planner(table, kind, columns, sha256=sha256, duplicates=duplicates).build(progress)
