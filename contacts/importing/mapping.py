"""Which field each column fills: proposed from the headers (English, Malay, Outlook), changeable by the user."""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

PEOPLE = "people"
ORGANISATIONS = "organisations"
KINDS = {PEOPLE: _("People"), ORGANISATIONS: _("Organisations")}

# The fields a column can fill, per kind, in the order the mapping form lists them.
FIELDS = {
    PEOPLE: {
        "honorific": _("Honorific"),
        "full_name": _("Full name"),
        "first_name": _("First name"),
        "middle_name": _("Middle name"),
        "last_name": _("Last name"),
        "name_other_script": _("Name in another script"),
        "gender": _("Gender"),
        "email": _("E-mail"),
        "email_other": _("Other e-mail"),
        "phone": _("Phone"),
        "mobile": _("Mobile"),
        "organisation": _("Organisation"),
        "position": _("Position"),
        "department": _("Department"),
        "state": _("State (of a new organisation)"),
        "country": _("Country"),
        "languages": _("Languages spoken"),
        "preferred_language": _("Preferred language"),
        "notes": _("Notes"),
    },
    ORGANISATIONS: {
        "name": _("Name"),
        "name_local": _("Local name"),
        "acronym": _("Acronym"),
        "kind": _("Kind"),
        "state": _("State"),
        "country": _("Country"),
        "city": _("City"),
        "address": _("Address"),
        "website": _("Website"),
        "email": _("E-mail"),
        "phone": _("Phone"),
        "notes": _("Notes"),
    },
}

# Headers as spreadsheets, Outlook, phones and Malaysian offices write them, compared without case,
# accents, punctuation or spaces.
SYNONYMS = {
    PEOPLE: {
        "honorific": [
            "honorific",
            "title",
            "salutation",
            "prefix",
            "gelaran",
            "panggilan",
            "pangkat",
            "gelaran/pangkat",
        ],
        "full_name": ["full name", "name", "display name", "nama", "nama penuh", "contact name", "nama pegawai"],
        "first_name": ["first name", "given name", "forename", "nama pertama", "nama depan"],
        "middle_name": ["middle name", "additional name"],
        "last_name": ["last name", "surname", "family name", "nama akhir", "nama keluarga"],
        "name_other_script": ["name in another script", "other script", "chinese name", "tamil name", "jawi"],
        "gender": ["gender", "sex", "jantina"],
        "email": [
            "email",
            "e-mail",
            "e-mail address",
            "email address",
            "emel",
            "e-mel",
            "alamat emel",
            "alamat e-mel",
            "mel",
        ],
        "email_other": ["e-mail 2", "e-mail 2 address", "email 2", "other e-mail", "other email", "emel 2"],
        "phone": [
            "phone",
            "telephone",
            "business phone",
            "work phone",
            "office phone",
            "tel",
            "no. tel",
            "no tel",
            "no. telefon",
            "no telefon",
            "telefon",
            "telefon pejabat",
            "no. tel pejabat",
        ],
        "mobile": [
            "mobile",
            "mobile phone",
            "cell",
            "cell phone",
            "cellphone",
            "handphone",
            "h/p",
            "hp",
            "no. hp",
            "no. h/p",
            "telefon bimbit",
            "no. telefon bimbit",
            "bimbit",
        ],
        "organisation": [
            "organisation",
            "organization",
            "company",
            "agency",
            "employer",
            "agensi",
            "organisasi",
            "syarikat",
            "kementerian",
            "pbt",
            "pihak berkuasa tempatan",
        ],
        "position": ["position", "job title", "title/position", "post", "designation", "jawatan"],
        "department": ["department", "division", "unit", "jabatan", "bahagian"],
        "state": ["state", "business state", "negeri"],
        "country": ["country", "business country/region", "country/region", "negara"],
        "languages": ["languages", "languages spoken", "bahasa"],
        "preferred_language": ["preferred language", "bahasa pilihan"],
        "notes": ["notes", "note", "remarks", "comments", "catatan", "nota", "ulasan"],
    },
    ORGANISATIONS: {
        "name": ["name", "organisation", "organization", "company", "agency", "nama", "agensi", "organisasi"],
        "name_local": ["local name", "name in bahasa malaysia", "nama tempatan", "nama (bm)", "nama bm", "nama melayu"],
        "acronym": ["acronym", "abbreviation", "short name", "singkatan", "akronim"],
        "kind": ["kind", "type", "category", "jenis", "kategori"],
        "state": ["state", "business state", "negeri"],
        "country": ["country", "business country/region", "country/region", "negara"],
        "city": ["city", "town", "business city", "bandar", "daerah"],
        "address": ["address", "business street", "street", "alamat"],
        "website": ["website", "web page", "web site", "url", "laman web", "laman sesawang"],
        "email": ["email", "e-mail", "e-mail address", "email address", "emel", "e-mel"],
        "phone": ["phone", "telephone", "business phone", "tel", "no. tel", "no. telefon", "telefon"],
        "notes": ["notes", "remarks", "comments", "catatan", "nota"],
    },
}


def header_key(header: str) -> str:
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]", "", text)


_LOOKUP = {
    kind: {header_key(s): f for f, words in synonyms.items() for s in words} for kind, synonyms in SYNONYMS.items()
}


def propose(headers: list[str], kind: str) -> list[str]:
    """A field for each header ("" to ignore it); a field is proposed for one column only, the first."""
    taken, columns = set(), []
    for header in headers:
        field = _LOOKUP[kind].get(header_key(header), "")
        if field in taken:
            field = ""
        taken.add(field)
        columns.append(field)
    return columns


def apply_saved(headers: list[str], kind: str, saved: dict[str, str]) -> list[str]:
    """A saved mapping ({header: field}) on a file of the same shape; unknown headers are proposed."""
    proposed = propose(headers, kind)
    by_key = {header_key(h): f for h, f in saved.items()}
    return [
        by_key[header_key(h)] if header_key(h) in by_key and by_key[header_key(h)] in FIELDS[kind] | {"": ""} else p
        for h, p in zip(headers, proposed, strict=True)
    ]


def check(columns: list[str], kind: str) -> list[str]:
    """What is wrong with a mapping, as messages (empty when it can be planned)."""
    errors = []
    chosen = [c for c in columns if c]
    for field in sorted({c for c in chosen if chosen.count(c) > 1}):
        errors.append(_("“%(field)s” is chosen for more than one column.") % {"field": FIELDS[kind][field]})
    names = {"full_name", "first_name", "last_name"} if kind == PEOPLE else {"name"}
    if not names & set(chosen):
        errors.append(
            _("Choose the column holding the name (full name, or first and last name).")
            if kind == PEOPLE
            else _("Choose the column holding the organisation's name.")
        )
    return errors
