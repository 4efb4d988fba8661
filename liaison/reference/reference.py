"""The reference room's own data: themes, SDGs, Malaysia's states."""

from pathlib import Path

from .models import SDG, State, Theme
from .registry import Loader, fill_blanks, read_csv, register, sync_rows

DATA = Path(__file__).resolve().parent / "data"


@register
class SDGs(Loader):
    order = 10

    def load(self, log):
        malay = sdg_malay_titles()
        rows = [
            {
                "number": int(r["number"]),
                "title": r["short_title"],
                "title_ms": malay.get(int(r["number"]), ""),
                "colour": r["colour_hex"].upper(),
            }
            for r in read_csv(DATA / "sdgs.csv")
        ]
        sync_rows(SDG, "number", rows, log)
        fill_blanks(SDG, "number", rows, ["title_ms"], log)


def sdg_malay_titles() -> dict[int, str]:
    """{number: Malay short title} from data/sdgs_ms.csv (its source: data/README.md)."""
    return {int(r["number"]): r["short_title_ms"] for r in read_csv(DATA / "sdgs_ms.csv")}


@register
class Themes(Loader):
    order = 10

    def load(self, log):
        rows = [
            {"code": r["code"], "name": r["name_en"], "name_ms": r["name_ms"]} for r in read_csv(DATA / "themes.csv")
        ]
        sync_rows(Theme, "code", rows, log)
        fill_blanks(Theme, "code", rows, ["name_ms"], log)


@register
class States(Loader):
    order = 10

    def load(self, log):
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
        sync_rows(State, "iso_code", rows, log)
