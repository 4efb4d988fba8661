"""The plan applied, exactly as previewed, in one transaction; the batch records what it did."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..duplicates.finder import refresh_after_import
from ..models import Affiliation, ImportBatch, Organisation, Person
from .mapping import PEOPLE
from .plan import CREATE, UPDATE, Plan, _chunks, file_hash, fingerprint, matched_ids

BATCH_SIZE = 1000


class ImportRefused(Exception):
    """The commit would not do what the preview showed; the message says why and what to do."""


def import_commit(*, batch: ImportBatch, plan: Plan, data: bytes, user) -> ImportBatch:
    """Write what `plan` says, all or nothing; refused when the file or the matched records changed."""
    if file_hash(data) != plan.sha256 or batch.sha256 != plan.sha256:
        raise ImportRefused(_("The file is not the one previewed: upload it again and check the new preview."))
    errors = plan.error_rows
    if errors:
        raise ImportRefused(
            _("Nothing was imported: %(count)s rows have errors (rows %(rows)s). Correct the file and upload it again.")
            % {"count": len(errors), "rows": ", ".join(str(row.number) for row in errors[:20])}
        )
    with transaction.atomic():
        ids = matched_ids(plan)
        for model, name in ((Person, "person"), (Organisation, "organisation")):
            for chunk in _chunks(ids[name]):
                list(model.objects.filter(pk__in=chunk).select_for_update().values_list("pk"))
        if fingerprint(plan) != plan.fingerprint:
            raise ImportRefused(
                _(
                    "The contacts changed since the preview (a matched record was edited or deleted, or a record "
                    "was added): nothing was imported. Prepare the preview again."
                )
            )
        reason = _("Import #%(id)s (%(file)s)") % {"id": batch.pk, "file": batch.file_name}
        applier = _Applier(plan, user, reason)
        applier.apply()
        batch.status = ImportBatch.Status.COMMITTED
        batch.committed_at = timezone.now()
        batch.counts = plan.counts()
        batch.created_records = applier.created
        batch.updated_records = applier.updated
        batch.data = b""  # imported: the file is no longer needed, its hash stays
        batch.message = ""
        batch.save()
        refresh_after_import(applier.created, applier.updated)  # the possible duplicates of what came in
    return batch


class _Applier:
    def __init__(self, plan: Plan, user, reason: str):
        self.plan, self.user, self.reason = plan, user, reason
        self.created = {"person": [], "organisation": [], "affiliation": []}
        self.updated = {"person": [], "organisation": []}

    def history(self):
        return {"default_user": self.user, "default_change_reason": self.reason, "batch_size": BATCH_SIZE}

    def apply(self):
        new_organisations = self.create_new_organisations()
        if self.plan.kind == PEOPLE:
            self.apply_people(new_organisations)
        else:
            self.apply_organisations()

    def create_new_organisations(self) -> dict:
        keys = list(self.plan.new_organisations)
        records = [
            Organisation(
                name=self.plan.new_organisations[key]["name"],
                state_id=self.plan.new_organisations[key]["state"],
                country=self.plan.new_organisations[key]["country"],
                owner=self.user,
            )
            for key in keys
        ]
        bulk_create_with_history(records, Organisation, **self.history())
        self.created["organisation"] += [record.pk for record in records]
        return {key: record.pk for key, record in zip(keys, records, strict=True)}

    def apply_people(self, new_organisations: dict):
        creates = [row for row in self.plan.rows if row.action == CREATE]
        people = [Person(owner=self.user, **person_fields(row.values)) for row in creates]
        bulk_create_with_history(people, Person, **self.history())
        self.created["person"] += [person.pk for person in people]
        posts = []
        for row, person in zip(creates, people, strict=True):
            if row.add_post:
                posts.append(self.post(row, person.pk, new_organisations))
        updates = [row for row in self.plan.rows if row.action == UPDATE]
        records = {
            p.pk: p for chunk in _chunks([r.target for r in updates]) for p in Person.objects.filter(pk__in=chunk)
        }
        self.update(updates, records, Person, "person")
        posts += [self.post(row, row.target, new_organisations) for row in updates if row.add_post]
        bulk_create_with_history(posts, Affiliation, **self.history())
        self.created["affiliation"] += [post.pk for post in posts]

    def post(self, row, person_id: int, new_organisations: dict) -> Affiliation:
        organisation_id = row.organisation or new_organisations[row.new_organisation]
        return Affiliation(
            person_id=person_id,
            organisation_id=organisation_id,
            position=row.values.get("position", ""),
            department=row.values.get("department", ""),
            is_current=True,
        )

    def apply_organisations(self):
        creates = [row for row in self.plan.rows if row.action == CREATE]
        records = [Organisation(owner=self.user, **organisation_fields(row.values)) for row in creates]
        bulk_create_with_history(records, Organisation, **self.history())
        self.created["organisation"] += [record.pk for record in records]
        updates = [row for row in self.plan.rows if row.action == UPDATE]
        found = {
            o.pk: o for chunk in _chunks([r.target for r in updates]) for o in Organisation.objects.filter(pk__in=chunk)
        }
        self.update(updates, found, Organisation, "organisation")

    def update(self, rows, records: dict, model, name: str):
        now = timezone.now()
        changed_fields = {"updated_at"}
        changed = []
        for row in rows:
            record = records[row.target]
            for field_name, _label, _old, _new in row.changes:
                if field_name == "post":
                    continue
                attribute = "state_id" if field_name == "state" else field_name
                setattr(record, attribute, row.values[field_name])
                changed_fields.add(attribute)
            record.updated_at = now
            changed.append(record)
        if changed:
            bulk_update_with_history(changed, model, sorted(changed_fields), **self.history())
        self.updated[name] += [record.pk for record in changed]


PERSON_FIELDS = {
    "honorific",
    "full_name",
    "name_other_script",
    "gender",
    "email",
    "email_other",
    "phone",
    "mobile",
    "country",
    "languages",
    "preferred_language",
    "notes",
}
ORGANISATION_FIELDS = {
    "name",
    "name_local",
    "acronym",
    "kind",
    "country",
    "city",
    "address",
    "website",
    "email",
    "phone",
    "notes",
}


def person_fields(values: dict) -> dict:
    return {name: value for name, value in values.items() if name in PERSON_FIELDS}


def organisation_fields(values: dict) -> dict:
    fields = {name: value for name, value in values.items() if name in ORGANISATION_FIELDS}
    if values.get("state"):
        fields["state_id"] = values["state"]
    return fields
