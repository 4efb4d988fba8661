"""Import people or organisations from a file, with the engine of the import pages (contacts/importing)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from contacts.importing.batches import batch_create
from contacts.importing.commit import ImportRefused, import_commit
from contacts.importing.mapping import KINDS, apply_saved, check, propose
from contacts.importing.plan import UPDATE, build_plan, file_hash
from contacts.importing.readers import ImportFileError, read_table
from contacts.models import ImportMapping


class Command(BaseCommand):
    help = "Print the plan of importing FILE (writes nothing), or carry it out with --commit."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", choices=sorted(KINDS), required=True)
        parser.add_argument("--mapping", help="the name of a saved mapping (else proposed from the headers)")
        parser.add_argument("--commit", action="store_true", help="write the records (one transaction)")
        parser.add_argument("--json", action="store_true", help="one JSON object per row")
        parser.add_argument("--encoding", default="")
        parser.add_argument("--delimiter", default="")
        parser.add_argument("--sheet", default="")
        parser.add_argument("--skip-existing", action="store_true", help="skip rows matching a record, not update it")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        kind = options["kind"]
        saved = None
        if options["mapping"]:
            saved = ImportMapping.objects.filter(kind=kind, name=options["mapping"]).first()
            if saved is None:
                raise CommandError(f"no saved {kind} mapping named {options['mapping']!r}")
        reading = {key: options[key] for key in ("encoding", "delimiter", "sheet")}
        try:
            table = read_table(path.name, data, **reading)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        columns = apply_saved(table.headers, kind, saved.columns) if saved else propose(table.headers, kind)
        problems = check(columns, kind)
        if problems:
            raise CommandError(" ".join(str(p) for p in problems))
        duplicates = "skip" if options["skip_existing"] else UPDATE
        plan = build_plan(table, kind, columns, sha256=file_hash(data), duplicates=duplicates)
        self.print_plan(plan, options["json"])
        if not options["commit"]:
            return
        batch = batch_create(
            kind=kind,
            file_name=path.name,
            data=data,
            options={**reading, "duplicates": duplicates},
            user=None,
            saved=saved,
        )
        batch.columns = columns
        batch.save(update_fields=["columns"])
        try:
            import_commit(batch=batch, plan=plan, data=path.read_bytes(), user=None)
        except ImportRefused as error:
            batch.delete()
            raise CommandError(str(error)) from None
        if not options["json"]:
            self.stdout.write(self.style.SUCCESS(f"Imported as batch #{batch.pk}: {batch.counts}"))

    def print_plan(self, plan, as_json):
        for row in plan.rows:
            if as_json:
                record = {
                    "row": row.number,
                    "action": row.action,
                    "matched_id": row.target,
                    "duplicate_of_row": row.duplicate_of,
                    "errors": [{"column": column, "message": message} for column, message in row.errors],
                    "changes": [{"field": f, "old": old, "new": new} for f, _label, old, new in row.changes],
                }
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            else:
                detail = "; ".join(f"{column}: {message}" for column, message in row.errors)
                if row.target:
                    detail = f"#{row.target} {row.target_label} " + ", ".join(c[0] for c in row.changes)
                elif row.duplicate_of:
                    detail = f"same as row {row.duplicate_of}"
                self.stdout.write(f"row {row.number}: {row.action} {detail}".rstrip())
        if not as_json:
            self.stdout.write(f"Plan: {plan.counts()}")
