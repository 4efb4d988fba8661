"""Malaysian honorifics, kept apart from the name so that sorting and searching use the name."""

import re

# As people are addressed in Malaysia; the longest forms first so "Tan Sri" wins over "Tan".
HONORIFICS = [
    "Tun",
    "Toh Puan",
    "Tan Sri",
    "Puan Sri",
    "Dato' Sri",
    "Datuk Seri",
    "Dato' Seri",
    "Datin Seri",
    "Datin Paduka",
    "Dato'",
    "Datuk",
    "Datin",
    "YAB",
    "YB",
    "YBhg.",
    "YBrs.",
    "Prof.",
    "Assoc. Prof.",
    "Dr.",
    "Ir.",
    "Ar.",
    "Sr.",
    "Ts.",
    "Haji",
    "Hajah",
    "Tuan",
    "Puan",
    "Encik",
    "Cik",
    "Mr.",
    "Mrs.",
    "Ms.",
]

_FORMS = sorted(HONORIFICS, key=len, reverse=True)


APOSTROPHES = "'\u2019"  # typed straight or curly


def _pattern(honorific: str) -> str:
    # "Dato'" also matches "Dato", "Dr." also "Dr"; any spacing between words.
    core = re.escape(honorific.rstrip(".'")).replace(r"\ ", r"\s+").replace("'", f"[{APOSTROPHES}]?")
    return rf"{core}[.{APOSTROPHES}]?"


_LEADING = re.compile(rf"^(?:{'|'.join(_pattern(h) for h in _FORMS)})(?=\s)", re.IGNORECASE)


def split_honorific(text: str) -> tuple[str, str]:
    """ "Dato' Dr. Ahmad bin Ismail" → ("Dato' Dr.", "Ahmad bin Ismail"); a name without one is left alone."""
    words, rest = [], " ".join(text.split())
    while match := _LEADING.match(rest):
        words.append(match.group(0))
        rest = rest[match.end() :].lstrip()
    if not rest:  # only honorifics: that was the name after all
        return "", " ".join(text.split())
    return " ".join(words), rest
