"""A record's change history as people read it: who changed which field from what to what, and why.

django-simple-history keeps a row per save; consecutive rows are compared here. Values are shown as
the interface shows them (choice labels, names of related records, dates in the reader's format),
and related records are looked up in one query per kind, however many changes there are.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .forms import user_label

SHOWN_LENGTH = 80  # a long text is cut in the history; the record has it whole


@dataclass
class Change:
    field: str  # the field's name as people read it
    old: str
    new: str


def history_entries(obj, limit: int = 15) -> list[dict]:
    """The last `limit` changes of `obj`, newest first, each with its changes field by field."""
    rows = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    pairs = []
    for newer, older in zip(rows, [*rows[1:], None], strict=False):
        if len(pairs) == limit:
            break
        delta = newer.diff_against(older).changes if older is not None and newer.history_type == "~" else []
        pairs.append((newer, delta))
    model = type(obj)
    names = _related_names(model, [change for _row, delta in pairs for change in delta])
    entries = []
    for newer, delta in pairs:
        changes = []
        for change in delta:
            field = model._meta.get_field(change.field)
            changes.append(
                Change(
                    field=str(field.verbose_name),
                    old=_shown(field, change.old, names),
                    new=_shown(field, change.new, names),
                )
            )
        entries.append(
            {
                "date": newer.history_date,
                "user": user_label(newer.history_user) if newer.history_user else "",
                "type": newer.history_type,
                "changes": changes,
                # Why, when the change said (a merge: "Merged with … (#id): the reason given").
                "reason": newer.history_change_reason or "",
            }
        )
    return entries


def _related_names(model, changes) -> dict:
    """{(related model, pk): name} for every related record a change names, one query per related model."""
    wanted = defaultdict(set)
    for change in changes:
        field = model._meta.get_field(change.field)
        if isinstance(field, models.ForeignKey):
            wanted[field.related_model].update(pk for pk in (change.old, change.new) if pk is not None)
    names = {}
    for related, pks in wanted.items():
        for record in related._default_manager.filter(pk__in=pks):
            label = user_label(record) if related is get_user_model() else str(record)
            names[(related, record.pk)] = label
    return names


def _shown(field, value, names) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model, value), str(_("deleted record")))
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    return Truncator(str(value)).chars(SHOWN_LENGTH)
