"""An import taken back: what it created is deleted, while none of it has been touched since."""

from django.db import router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Affiliation, ImportBatch, Organisation, Person
from .commit import ImportRefused

MODELS = {"person": Person, "organisation": Organisation, "affiliation": Affiliation}


def undo_refusal(batch: ImportBatch) -> str:
    """Why the batch cannot be undone ("" when it can), in the reader's language."""
    if batch.status != ImportBatch.Status.COMMITTED:
        return _("Only an import that was carried out can be undone.")
    for name, model in MODELS.items():
        edited = model.objects.filter(pk__in=batch.created_records.get(name, []), updated_at__gt=batch.committed_at)
        record = edited.first()
        if record is not None:
            return _("“%(record)s” was changed after the import: the import can no longer be undone.") % {
                "record": record
            }
    return ""


@transaction.atomic
def import_undo(*, batch: ImportBatch, user) -> dict:
    """Delete what the batch created; refused (ImportRefused) once any of it was edited or has gained records."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    refusal = undo_refusal(batch)
    if refusal:
        raise ImportRefused(refusal)
    created = {name: set(batch.created_records.get(name, [])) for name in MODELS}
    collector = Collector(using=router.db_for_write(Person))
    try:
        for name, model in MODELS.items():
            collector.collect(list(model.objects.filter(pk__in=created[name])))
    except (ProtectedError, RestrictedError):
        raise ImportRefused(
            _("Records were added to what the import created (events, partnerships…): it can no longer be undone.")
        ) from None
    for model, instances in collector.data.items():
        name = model._meta.model_name
        extra = [i for i in instances if i.pk not in created.get(name, set())]
        if extra:
            raise ImportRefused(
                _("“%(record)s” was added since the import and depends on what it created: it can no longer be undone.")
                % {"record": extra[0]}
            )
    if any(qs.exists() for qs in collector.fast_deletes if qs.model._meta.model_name not in created):
        raise ImportRefused(_("Records were added to what the import created: it can no longer be undone."))
    deleted = {name: len(created[name]) for name in MODELS}
    collector.delete()  # what was collected and checked above, nothing else
    batch.status = ImportBatch.Status.UNDONE
    batch.undone_at = timezone.now()
    batch.undone_by = user
    batch.save(update_fields=["status", "undone_at", "undone_by"])
    return deleted
