"""An import as the pages run it: a batch uploaded, planned and committed, in the background when it is long."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _

from liaison.web import background

from ..models import ImportBatch
from .commit import ImportRefused, import_commit
from .mapping import apply_saved, propose
from .plan import Plan, build_plan, file_hash
from .readers import ImportFileError, Table, read_table


def background_rows() -> int:
    """Files longer than this are planned and committed by a Celery worker; shorter ones in the request."""
    return getattr(settings, "IMPORT_BACKGROUND_ROWS", 2000)


def batch_create(*, kind: str, file_name: str, data: bytes, options: dict, user, saved=None) -> ImportBatch:
    """Read the file (ImportFileError when it cannot be) and keep it with its proposed mapping."""
    table = read_table(file_name, data, **reading(options))
    columns = apply_saved(table.headers, kind, saved.columns) if saved else propose(table.headers, kind)
    options = {**options, "encoding": table.encoding, "delimiter": table.delimiter, "sheet": table.sheet}
    options["sheets"], options["rows"], options["format"] = table.sheets, len(table.rows), table.kind
    return ImportBatch.objects.create(
        kind=kind,
        file_name=file_name[:255],
        sha256=file_hash(data),
        data=data,
        options=options,
        headers=table.headers,
        columns=columns,
        created_by=user,
    )


def reading(options: dict) -> dict:
    return {key: options.get(key, "") or "" for key in ("encoding", "delimiter", "sheet")}


def table_of(batch: ImportBatch) -> Table:
    return read_table(batch.file_name, bytes(batch.data), **reading(batch.options))


# --- progress, kept in the cache (liaison.web.background), read by the page's polling ------------
def progress_key(batch_id: int) -> str:
    return f"import-progress:{batch_id}"


def progress_set(batch_id: int, done: int, total: int) -> None:
    background.progress_set(progress_key(batch_id), done, total)


def progress_of(batch: ImportBatch) -> tuple[int, int]:
    return background.progress_get(progress_key(batch.pk)) or (0, batch.options.get("rows", 0))


# --- the two long steps -------------------------------------------------------------------------
def batch_plan(batch_id: int, language: str = "") -> None:
    """Prepare the preview: the plan is kept on the batch (status preview), or the reason it failed."""
    batch = ImportBatch.objects.get(pk=batch_id)
    with translation.override(language or settings.LANGUAGE_CODE):
        try:
            plan = build_plan(
                table_of(batch),
                batch.kind,
                batch.columns,
                sha256=batch.sha256,
                duplicates=batch.options.get("duplicates", "update"),
                progress=lambda done, total: progress_set(batch_id, done, total),
            )
        except ImportFileError as error:
            batch.status, batch.message = ImportBatch.Status.FAILED, str(error)
            batch.save(update_fields=["status", "message"])
            return
    batch.plan = plan.as_dict()
    batch.counts = plan.counts()
    batch.status = ImportBatch.Status.PREVIEW
    batch.message = ""
    batch.save(update_fields=["plan", "counts", "status", "message"])


def batch_commit(batch_id: int, user_id: int, sha256: str, fingerprint: str, language: str = "") -> None:
    """Commit the batch's plan; a refusal brings it back to the preview with the reason."""
    batch = ImportBatch.objects.get(pk=batch_id)
    user = get_user_model().objects.filter(pk=user_id).first()
    with translation.override(language or settings.LANGUAGE_CODE):
        plan = Plan.from_dict(batch.plan)
        try:
            if sha256 != plan.sha256 or fingerprint != plan.fingerprint:
                raise ImportRefused(_("This is not the preview that was shown: look at the preview again."))
            progress_set(batch_id, 0, len(plan.rows))
            import_commit(batch=batch, plan=plan, data=bytes(batch.data), user=user)
            progress_set(batch_id, len(plan.rows), len(plan.rows))
        except ImportRefused as error:
            ImportBatch.objects.filter(pk=batch_id).update(status=ImportBatch.Status.PREVIEW, message=str(error))


def run(task, *args, rows: int) -> None:
    """A short file in the request; a long one on a worker, or in the request when no worker can be reached."""
    background.run(task, *args, large=rows > background_rows())
