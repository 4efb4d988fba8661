"""Reference data of the liaison package: themes, SDGs, Malaysia's states."""

from pathlib import Path

from .loading import read_csv, reference_loader
from .models import SDG, State, Theme

DATA = Path(__file__).resolve().parent / "data"


def _sync(model, key, rows, log):
    """Create the rows that are missing; rows already there are left as an administrator keeps them."""
    created = 0
    for values in rows:
        _, was_created = model.objects.get_or_create(**{key: values[key]}, defaults=values)
        created += was_created
    log(f"{model._meta.verbose_name_plural}: {created} created, {len(rows) - created} already present")


@reference_loader(order=10)
def load_sdgs(log):
    rows = [
        {"number": int(r["number"]), "title": r["short_title"], "colour": r["colour_hex"].upper()}
        for r in read_csv(DATA / "sdgs.csv")
    ]
    _sync(SDG, "number", rows, log)


@reference_loader(order=10)
def load_themes(log):
    rows = [{"code": r["code"], "name": r["name_en"], "name_ms": r["name_ms"]} for r in read_csv(DATA / "themes.csv")]
    _sync(Theme, "code", rows, log)


@reference_loader(order=10)
def load_states(log):
    rows = [
        {
            "iso_code": r["iso_code"],
            "name": r["name_en"],
            "name_ms": r["name_ms"],
            "kind": r["type"],
            "abbreviation": r["abbr3"],
            "capital": r["capital_or_admin_centre"],
        }
        for r in read_csv(DATA / "my_states.csv")
    ]
    _sync(State, "iso_code", rows, log)
