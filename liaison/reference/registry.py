"""The registry of reference data: what every install loads (SDGs, states, local authorities…).

Each app declares loaders in its own `reference.py`:

    @register
    class LocalAuthorities(Loader):
        order = 20  # after the states they belong to

        def load(self, log):
            ...

`load_reference` runs every loader in order, in one transaction. A loader must be idempotent:
running it twice changes nothing, and it never overwrites what an administrator has edited since.
"""

import csv
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from liaison.web.registry import Entry, Registry


class Loader(Entry):
    def load(self, log: Callable[[str], None]) -> None:
        raise NotImplementedError


registry = Registry("reference", Loader)
register = registry.register


def run(loaders: Registry, log: Callable[[str], None]) -> None:
    """Run every loader of `loaders` in order, in one transaction: all or nothing."""
    with transaction.atomic():
        for loader in loaders.entries():
            loader.load(log)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def sync_rows(model, key: str, rows: list[dict], log) -> None:
    """Create the rows that are missing; rows already there are left as an administrator keeps them."""
    created = 0
    for values in rows:
        _, was_created = model.objects.get_or_create(**{key: values[key]}, defaults=values)
        created += was_created
    log(f"{model._meta.verbose_name_plural}: {created} created, {len(rows) - created} already present")


def fill_blanks(model, key: str, rows: list[dict], fields: list[str], log) -> None:
    """Fill the given fields where a row already there has them blank (a column added since it was loaded)."""
    filled = 0
    for values in rows:
        for field in fields:
            if values.get(field):
                filled += model.objects.filter(**{key: values[key], field: ""}).update(**{field: values[field]})
    if filled:
        log(f"{model._meta.verbose_name_plural}: {filled} blank names filled in")
