"""Merging two people or two organisations: one survives, every related record moves to it, the other goes.

Related records are found generically, through `_meta`: every foreign key and one-to-one field pointing at the
model (which covers the through tables of many-to-many fields, explicit or not) and every GenericForeignKey
(tasks, reminders…), whatever app declares them, so that Contacts never names the apps built on it. A row that
may exist only once per record (a unique constraint, or a rule's `same_when`) and exists for both is combined:
the richer row stays (registry.MergeRule.rank, the survivor's on a tie), takes what the other row had and it
lacked, inherits the other row's own related records, and the other row is deleted. Change history tables are
left as they are: they tell what was.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import HistoricalChanges
from simple_history.utils import bulk_update_with_history, get_history_manager_for_model

from liaison.audit.models import AuditEntry
from liaison.audit.services import audit_record

from ..duplicates import finder as duplicates
from ..duplicates.models import OrganisationDuplicate, OrganisationNotDuplicate, PersonDuplicate, PersonNotDuplicate
from ..models import MergedRecord, Organisation, Person
from .registry import rule_for

# Rows about a pair of records, not held by one: those of the merged-away record go with it (CASCADE), and the
# survivor's pairs are found again once the merge is done.
NOT_MOVED = (PersonDuplicate, PersonNotDuplicate, OrganisationDuplicate, OrganisationNotDuplicate)

KEEP, OTHER = "keep", "other"
REASON_LENGTH = 100  # django-simple-history's change reason


class MergeError(ValueError):
    """A merge refused, with a message for the user."""


@dataclass(frozen=True)
class Pointer:
    """How rows of `model` point at a record: a foreign key, or a GenericForeignKey's two fields."""

    model: type
    field: str  # attname of the column holding the record's pk
    content_type: str = ""  # attname of the content-type column, for a generic relation

    def filter_for(self, record) -> dict:
        condition = {self.field: record.pk}
        if self.content_type:
            condition[self.content_type] = ContentType.objects.get_for_model(record).pk
        return condition

    def rows(self, record):
        return self.model._base_manager.filter(**self.filter_for(record))

    @property
    def names(self) -> set:
        """The fields (names and attnames) of the pointer itself."""
        fields = [self.model._meta.get_field(name) for name in self._field_names()]
        return {field.name for field in fields} | {field.attname for field in fields}

    def _field_names(self):
        by_attname = {field.attname: field.name for field in self.model._meta.concrete_fields}
        return [by_attname[self.field]] + ([by_attname[self.content_type]] if self.content_type else [])


def is_history(model) -> bool:
    return issubclass(model, HistoricalChanges)


def has_history(model) -> bool:
    try:
        get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return False
    return True


def pointers(model) -> list[Pointer]:
    """Every way a row of another model (or of this one) points at a `model` record, history tables excepted."""
    found = []
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
            continue
        if is_history(relation.related_model) or relation.related_model._meta.proxy:
            continue
        if issubclass(relation.related_model, NOT_MOVED):
            continue
        found.append(Pointer(relation.related_model, relation.field.attname))
    for related in apps.get_models():
        if is_history(related) or related._meta.proxy:
            continue
        for field in related._meta.private_fields:
            if isinstance(field, GenericForeignKey):
                content_type = related._meta.get_field(field.ct_field)
                found.append(Pointer(related, related._meta.get_field(field.fk_field).attname, content_type.attname))
    return found


def related_counts(record) -> list[tuple[str, int]]:
    """(what, how many) of the rows that point at `record` and would move with it, largest first."""
    counts = {}
    for pointer in pointers(type(record)):
        rows = pointer.rows(record)
        if pointer.model is type(record):
            rows = rows.exclude(pk=record.pk)
        number = rows.count()
        if number:
            name = str(pointer.model._meta.verbose_name_plural)
            if pointer.model._meta.auto_created:  # a many-to-many table without a model of its own
                name = str(pointer.model._meta.auto_created._meta.verbose_name_plural)
            counts[name] = counts.get(name, 0) + number
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _unique_sets(pointer: Pointer) -> list[tuple[str, ...]]:
    """Attnames of every set of fields unique together that includes the pointer, without the pointer's own."""
    meta = pointer.model._meta
    attname = {field.name: field.attname for field in meta.concrete_fields}
    sets = [tuple(fields) for fields in meta.unique_together]
    sets += [constraint.fields for constraint in meta.total_unique_constraints]
    sets += [(field.name,) for field in meta.concrete_fields if field.unique and not field.primary_key]
    rule = rule_for(pointer.model)
    found = []
    for fields in sets:
        names = {attname.get(name, name) for name in fields}
        if pointer.field in names and (not pointer.content_type or pointer.content_type in names):
            found.append(tuple(sorted(names - {pointer.field, pointer.content_type})))
    same = {attname.get(name, name) for name in rule.same_when}
    if pointer.field in same:
        found.append(tuple(sorted(same - {pointer.field, pointer.content_type})))
    return found


def _counterpart(pointer: Pointer, row, keep, sets):
    """The survivor's row that `row` (the merged-away record's) would clash with, or None."""
    for fields in sets:
        values = {name: getattr(row, name) for name in fields}
        if any(value is None for value in values.values()):
            continue  # NULLs never clash in PostgreSQL
        twin = pointer.rows(keep).filter(**values).exclude(pk=row.pk).first()
        if twin is not None:
            return twin
    return None


class Merger:
    """One merge: moves rows, combines clashing ones, counts what moved (by model label)."""

    def __init__(self, user, reason: str):
        self.user = user
        self.reason = Truncator(reason).chars(REASON_LENGTH)
        self.moved: dict[str, int] = {}

    def move_related(self, keep, other):
        """Point every row that points at `other` at `keep` instead, combining the rows that would clash."""
        for pointer in pointers(type(other)):
            sets = _unique_sets(pointer)
            rows = pointer.rows(other)
            if pointer.model is type(other):
                rows = rows.exclude(pk=keep.pk)  # the survivor's own reference to the other is a chosen field
            moving = []
            for row in rows.select_for_update().order_by("pk"):
                twin = _counterpart(pointer, row, keep, sets) if sets else None
                if twin is None:
                    moving.append(row)
                    continue
                rule = rule_for(pointer.model)
                if rule.rank(row) > rule.rank(twin):
                    self.combine(row, twin)  # the other's row is the richer: it takes the survivor's row in
                    moving.append(row)
                else:
                    self.combine(twin, row)
            self._repoint(pointer, moving, keep)

    def _repoint(self, pointer: Pointer, rows, keep):
        if not rows:
            return
        # A moved row counts as changed (updated_at): an import that created it can no longer be undone.
        stamps = [f for f in pointer.model._meta.concrete_fields if getattr(f, "auto_now", False)]
        now = timezone.now()
        for row in rows:
            setattr(row, pointer.field, keep.pk)
            for stamp in stamps:
                setattr(row, stamp.attname, now)
        label = pointer.model._meta.label
        self.moved[label] = self.moved.get(label, 0) + len(rows)
        field = next(f.name for f in pointer.model._meta.concrete_fields if f.attname == pointer.field)
        if has_history(pointer.model):
            bulk_update_with_history(
                rows,
                pointer.model,
                [field, *(stamp.name for stamp in stamps)],
                default_user=self.user,
                default_change_reason=self.reason,
                manager=pointer.model._base_manager,
            )
        else:
            pointer.model._base_manager.filter(pk__in=[row.pk for row in rows]).update(
                **{pointer.field: keep.pk}, **{stamp.attname: now for stamp in stamps}
            )

    def combine(self, winner, loser):
        """`winner` takes what `loser` has and it lacks, and `loser`'s related rows; `loser` is deleted."""
        changed = []
        for field in winner._meta.concrete_fields:
            if field.primary_key or not field.editable or field.unique:
                continue
            if getattr(winner, field.attname) in (None, "") and getattr(loser, field.attname) not in (None, ""):
                setattr(winner, field.attname, getattr(loser, field.attname))
                changed.append(field.name)
        self.move_related(winner, loser)
        if changed:
            winner._change_reason = self.reason
            winner._history_user = self.user
            winner.save(update_fields=changed)
        loser._change_reason = self.reason
        loser._history_user = self.user
        loser.delete()
        label = f"{winner._meta.label} (combined)"
        self.moved[label] = self.moved.get(label, 0) + 1


def mergeable_fields(model) -> list[models.Field]:
    """The fields whose value is chosen from one record or the other (many-to-many ones are combined)."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and not field.unique and field.name != "search_text"
    ]


def differing_fields(keep, other) -> list[models.Field]:
    return [
        field for field in mergeable_fields(type(keep)) if getattr(keep, field.attname) != getattr(other, field.attname)
    ]


def default_choices(keep, other) -> dict[str, str]:
    """The survivor's value, unless it is empty and the other record has one; "do not contact" if either asked."""
    choices = {}
    for field in differing_fields(keep, other):
        mine, theirs = getattr(keep, field.attname), getattr(other, field.attname)
        empty = mine in (None, "") and theirs not in (None, "")
        choices[field.name] = OTHER if empty or (field.name == "do_not_contact" and theirs) else KEEP
    return choices


def merge_refusal(keep, other) -> str:
    """Why these two records cannot be merged, or ""."""
    if type(keep) is not type(other):
        return _("Only two records of the same kind can be merged.")
    if keep.pk == other.pk:
        return _("A record cannot be merged with itself.")
    if isinstance(keep, Person) and (keep.erased_at or other.erased_at):
        return erased_refusal()
    return ""


def erased_refusal() -> str:
    return _("An erased person cannot be merged: the anonymous record is kept for the statistics.")


def merge_people(keep: Person, other: Person, choices: dict | None = None, user=None, reason: str = "") -> MergedRecord:
    """Merge `other` into `keep`; `choices` maps a field name to "keep" or "other" (default_choices otherwise)."""
    return _merge(Person, keep, other, choices, user, reason)


def merge_organisations(
    keep: Organisation, other: Organisation, choices: dict | None = None, user=None, reason: str = ""
) -> MergedRecord:
    """Merge `other` into `keep`, as merge_people does for people."""
    return _merge(Organisation, keep, other, choices, user, reason)


def _merge(model, keep, other, choices, user, reason) -> MergedRecord:
    if keep.pk == other.pk:
        raise MergeError(_("A record cannot be merged with itself."))
    with transaction.atomic():
        # Both rows locked, in the order of their ids: two merges of the same pair wait for each other.
        both = model._base_manager.select_for_update().filter(pk__in=[keep.pk, other.pk]).order_by("pk")
        locked = {row.pk: row for row in both}
        if len(locked) < 2:
            raise MergeError(_("One of the two records no longer exists."))
        keep, other = locked[keep.pk], locked[other.pk]
        refusal = merge_refusal(keep, other)
        if refusal:
            raise MergeError(refusal)
        chosen = {**default_choices(keep, other), **_checked(model, choices or {})}
        other_label = str(other)
        note = _("Merged with %(name)s (#%(id)s)") % {"name": other_label, "id": other.pk}
        if reason:
            note = f"{note}: {reason}"
        merger = Merger(user, note)
        merger.move_related(keep, other)
        self_references = []
        for field in mergeable_fields(model):
            if chosen.get(field.name) == OTHER:
                setattr(keep, field.attname, getattr(other, field.attname))
            if isinstance(field, models.ForeignKey) and field.related_model is model:
                self_references.append(field)
        for field in self_references:  # an organisation cannot be its own parent, nor the deleted one's child
            if getattr(keep, field.attname) in (keep.pk, other.pk):
                setattr(keep, field.attname, None)
        _take_unique_values(keep, other)
        keep._change_reason = Truncator(note).chars(REASON_LENGTH)
        keep._history_user = user
        keep.save()
        content_type = ContentType.objects.get_for_model(model)
        MergedRecord.objects.filter(content_type=content_type, survivor_pk=other.pk).update(survivor_pk=keep.pk)
        merged = MergedRecord.objects.create(
            content_type=content_type,
            old_pk=other.pk,
            survivor_pk=keep.pk,
            label=Truncator(other_label).chars(255),
            reason=Truncator(reason).chars(255),
            moved=merger.moved,
            merged_by=user,
        )
        other._change_reason = Truncator(
            _("Merged into %(name)s (#%(id)s)") % {"name": str(keep), "id": keep.pk}
        ).chars(REASON_LENGTH)
        other._history_user = user
        other_pk = other.pk
        other.delete()
        name = model._meta.model_name
        audit_record(
            action=AuditEntry.Action.RECORD_MERGE,
            user=user,
            target=f"{name} #{other_pk} → {name} #{keep.pk}",
            row_count=sum(merger.moved.values()),
        )
        (duplicates.refresh_person if model is Person else duplicates.refresh_organisation)(keep)
    return merged


def _take_unique_values(keep, other):
    """A unique value only the other record has (the reference data's key) passes to the survivor."""
    model = type(keep)
    cleared = {}
    for field in model._meta.concrete_fields:
        if not field.unique or field.primary_key:
            continue
        if getattr(keep, field.attname) in (None, "") and getattr(other, field.attname) not in (None, ""):
            setattr(keep, field.attname, getattr(other, field.attname))
            cleared[field.attname] = None if field.null else ""
    if cleared:
        model._base_manager.filter(pk=other.pk).update(**cleared)


def _checked(model, choices: dict) -> dict:
    names = {field.name for field in mergeable_fields(model)}
    for name, value in choices.items():
        if name not in names:
            raise MergeError(_("“%(field)s” is not a field that can be merged.") % {"field": name})
        if value not in (KEEP, OTHER):
            raise MergeError(_("Choose which record's value to keep for every field."))
    return dict(choices)
