"""The import's engine on 10,000 rows: preview (plan) and commit timed, then the import undone.

    .venv/bin/python bench/imports.py [--rows 10000]

Run by bench/run.py after the pages, in-process on the bench database. The file mixes new people at
reference organisations, people at new organisations, rows matching existing people by e-mail
(updates) and rows repeated in the file, as an office's first import of its address books does.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")

HEADER = "Title,First Name,Last Name,E-mail Address,Company,Job Title,Mobile Phone,Business Phone"


def import_file(rows: int) -> bytes:
    from contacts.models import Organisation, Person

    organisations = list(Organisation.objects.exclude(acronym="").values_list("acronym", flat=True)[:200]) or ["MBSA"]
    existing = list(Person.objects.exclude(email="").order_by("pk").values_list("full_name", "email")[: rows // 10])
    lines = [HEADER]
    for n in range(rows):
        if n < len(existing):
            name, email = existing[n]
            lines.append(f",{name},,{email},,,,")
        elif n % 50 == 7:
            lines.append(lines[-1])  # repeated in the file
        else:
            where = organisations[n % len(organisations)] if n % 10 else f"Bench New Council {n % 40}"
            lines.append(
                f"Encik,Bench Person {n},bin Import,bench.import.{n}@example.org,{where},Pegawai,"
                f"012-{n % 1000:03d} {n % 10000:04d},03-2617 {n % 10000:04d}"
            )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def measure_import(rows: int = 10_000) -> dict:
    import django

    django.setup()
    from contacts.importing.batches import batch_create
    from contacts.importing.commit import import_commit
    from contacts.importing.plan import Plan, build_plan, file_hash
    from contacts.importing.readers import read_table
    from contacts.importing.undo import import_undo

    data = import_file(rows)
    started = time.perf_counter()
    table = read_table("bench.csv", data)
    batch = batch_create(kind="people", file_name="bench.csv", data=data, options={}, user=None)
    plan = build_plan(table, "people", batch.columns, sha256=file_hash(data))
    planned = time.perf_counter()
    stored = Plan.from_dict(plan.as_dict())  # as the pages keep it between preview and commit
    import_commit(batch=batch, plan=stored, data=data, user=None)
    committed = time.perf_counter()
    import_undo(batch=batch, user=None)
    return {
        "rows": rows,
        "counts": plan.counts(),
        "preview_s": round(planned - started, 1),
        "commit_s": round(committed - planned, 1),
        "total_s": round(committed - started, 1),
        "undo_s": round(time.perf_counter() - committed, 1),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    print(measure_import(parser.parse_args().rows))
