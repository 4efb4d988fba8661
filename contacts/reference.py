"""Reference organisations: Malaysia's 158 local authorities and the office's key partners.

Each row is found again by `Organisation.reference_key`, so a second run creates nothing
twice and leaves alone whatever an officer has changed since.
"""

import re
from pathlib import Path

from django.utils.text import slugify

from liaison.reference.models import State
from liaison.reference.registry import Loader, read_csv, register

from .models import Organisation

DATA = Path(__file__).resolve().parent / "data"
Kind = Organisation.Kind

COUNCIL_TYPES = {
    "city_council": Organisation.CouncilType.CITY,
    "municipal_council": Organisation.CouncilType.MUNICIPAL,
    "district_council": Organisation.CouncilType.DISTRICT,
    "modified_local_authority": Organisation.CouncilType.SPECIAL,
}

# organisations.csv's `type` codes are finer than our kinds.
KINDS = {
    "local_government": Kind.LOCAL_GOVERNMENT,
    "local_government_association": Kind.LG_ASSOCIATION,
    "national_ministry": Kind.NATIONAL_GOVERNMENT,
    "national_agency": Kind.NATIONAL_GOVERNMENT,
    "national_agency_think_tank": Kind.NATIONAL_GOVERNMENT,
    "national_training_institute": Kind.NATIONAL_GOVERNMENT,
    "regional_development_authority": Kind.NATIONAL_GOVERNMENT,  # IRDA is a federal statutory body
    "state_ministry": Kind.STATE_GOVERNMENT,
    "state_agency": Kind.STATE_GOVERNMENT,
    "think_tank": Kind.THINK_TANK,
    "think_tank_urban_regeneration": Kind.THINK_TANK,
    "professional_body": Kind.NGO,
    "parliamentary_group_cso": Kind.NGO,
    "civil_society_network": Kind.NGO,
    "university_research_centre": Kind.RESEARCH,
    "training_network": Kind.RESEARCH,
    "un_agency": Kind.UN_AGENCY,
    "un_regional_commission": Kind.UN_AGENCY,
    "multilateral_development_bank": Kind.DEVELOPMENT_BANK,
    # The EU's cooperation instruments fund partners as a donor government's agency would.
    "multilateral_funder": Kind.BILATERAL_AGENCY,
    "bilateral_agency": Kind.BILATERAL_AGENCY,
    "local_government_network": Kind.CITY_NETWORK,
    "city_network": Kind.CITY_NETWORK,
    "regional_network": Kind.CITY_NETWORK,
}

# Country names as the file writes them; anything else is not a country (International, ASEAN…).
COUNTRIES = {
    "malaysia": "MY",
    "thailand": "TH",
    "kenya": "KE",
    "switzerland": "CH",
    "philippines": "PH",
    "usa": "US",
    "japan": "JP",
    "germany": "DE",
    "belgium": "BE",
    "spain": "ES",
    "indonesia": "ID",
    "korea": "KR",
}


def parse_location(text: str) -> tuple[str, str]:
    """ "Malaysia (Penang)" → ("MY", "Penang"); "International (HQ Kenya)" → ("KE", ""); "ASEAN" → ("", "")."""
    outer, _, inner = text.partition("(")
    inner = inner.rstrip(")").strip()
    outer_code = COUNTRIES.get(outer.strip().lower(), "")
    if outer_code:
        return outer_code, inner  # the parenthesis names a place inside the country
    for word in re.findall(r"[A-Za-z]+", inner):
        if code := COUNTRIES.get(word.lower()):
            return code, ""
    return "", ""


def _state_lookup():
    states = {}
    for state in State.objects.all():
        states[state.name.lower()] = state
        states[state.name_ms.lower()] = state
    return states


def _sync(rows, log, label):
    """Create each organisation not loaded before; an existing one (loaded or typed by hand) is left as it is."""
    created = adopted = 0
    for key, values in rows:
        if Organisation.objects.filter(reference_key=key).exists():
            continue
        # An organisation an officer typed in before the reference data was loaded: adopt it, change nothing else.
        same = Organisation.objects.filter(reference_key__isnull=True, name__iexact=values["name"]).first()
        if same is not None:
            Organisation.objects.filter(pk=same.pk).update(reference_key=key)
            adopted += 1
            continue
        Organisation.objects.create(reference_key=key, **values)
        created += 1
    present = len(rows) - created - adopted
    log(f"{label}: {created} created, {adopted} matched to existing records, {present} already loaded")


def local_authority_key(name_ms: str) -> str:
    return f"my-la:{slugify(name_ms)}"


@register
class LoadLocalAuthorities(Loader):
    order = 20

    def load(self, log):
        states = _state_lookup()
        rows = []
        for row in read_csv(DATA / "my_local_authorities.csv"):
            values = {
                "name": row["name_en_if_known"] or row["name_ms"],
                "name_local": row["name_ms"],
                "acronym": row["acronym"],
                "kind": Kind.LOCAL_GOVERNMENT,
                "council_type": COUNCIL_TYPES[row["type"]],
                "state": states[row["state"].lower()],
                "country": "MY",
                "notes": row["notes"],
            }
            rows.append((local_authority_key(row["name_ms"]), values))
        _sync(rows, log, "local authorities")


@register
class LoadOrganisations(Loader):
    order = 21

    def load(self, log):
        states = _state_lookup()
        local_authorities = dict(
            Organisation.objects.filter(reference_key__startswith="my-la:")
            .exclude(acronym="")
            .values_list("acronym", "reference_key")
        )
        rows = []
        for row in read_csv(DATA / "organisations.csv"):
            if row["type"] == "local_government" and row["acronym"] in local_authorities:
                continue  # DBKL and the like are already there as local authorities
            country, place = parse_location(row["country"])
            state = states.get(place.lower()) if country == "MY" and place else None
            notes = [row["notes"]]
            if row["country"].lower() not in COUNTRIES and state is None:
                notes.append(f"Location: {row['country']}")  # "Regional", "International (HQ Kenya)"…
            if row["evidence_source"]:
                notes.append(f"Source: {row['evidence_source']}")
            values = {
                "name": row["name"],
                "acronym": row["acronym"],
                "kind": KINDS[row["type"]],
                "country": country,
                "state": state,
                "notes": "\n".join(n for n in notes if n),
            }
            rows.append((f"org:{slugify(row['acronym'] or row['name'])[:100]}", values))
        _sync(rows, log, "reference organisations")
