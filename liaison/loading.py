"""Registries through which each app contributes reference data and demo data.

An app declares loaders in its own `reference.py` (reference data, every install) and
`demo.py` (demo records, local use only); `load_reference` and `seed_demo` discover and run
them in order. Every loader must be idempotent: running it twice changes nothing, and it
never overwrites what a user has edited since.
"""

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.module_loading import autodiscover_modules


@dataclass(order=True)
class Loader:
    order: int
    name: str = field(compare=False)
    func: Callable = field(compare=False)


_registries: dict[str, list[Loader]] = {"reference": [], "demo": []}


def _register(kind, order):
    def decorator(func):
        registry = _registries[kind]
        name = f"{func.__module__}.{func.__name__}"
        if all(loader.name != name for loader in registry):
            registry.append(Loader(order, name, func))
        return func

    return decorator


def reference_loader(order: int = 100):
    """Register `func(log)` to run in `load_reference`; lower orders run first."""
    return _register("reference", order)


def demo_loader(order: int = 100):
    """Register `func(log)` to run in `seed_demo`; lower orders run first."""
    return _register("demo", order)


def run(kind: str, log: Callable[[str], None]) -> None:
    """Run every registered loader of `kind` in one transaction: all or nothing."""
    autodiscover_modules(kind)
    with transaction.atomic():
        for loader in sorted(_registries[kind]):
            loader.func(log)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]
