import pytest
from django.core.management import call_command

from contacts.models import Organisation
from contacts.reference import parse_location

Kind = Organisation.Kind


def local_authorities():
    return Organisation.objects.local_governments().filter(reference_key__startswith="my-la:")


def test_load_reference_twice_leaves_158_local_authorities_and_keeps_an_edit(db):
    call_command("load_reference", verbosity=0)
    assert local_authorities().count() == 158
    total = Organisation.objects.count()
    mbsa = Organisation.objects.get(acronym="MBSA")
    mbsa.name = "Shah Alam City Council (MBSA)"
    mbsa.city = "Shah Alam"
    mbsa.save()

    call_command("load_reference", verbosity=0)

    assert local_authorities().count() == 158
    assert Organisation.objects.count() == total
    mbsa.refresh_from_db()
    assert (mbsa.name, mbsa.city) == ("Shah Alam City Council (MBSA)", "Shah Alam")


def test_local_authorities_carry_council_type_and_state(reference_data):
    counts = {
        council_type: local_authorities().filter(council_type=council_type).count()
        for council_type in Organisation.CouncilType.values
    }
    assert counts == {"city": 20, "municipal": 41, "district": 93, "special": 4}
    dbkl = Organisation.objects.get(acronym="DBKL")
    assert dbkl.state.iso_code == "MY-14"
    assert dbkl.name_local == "Dewan Bandaraya Kuala Lumpur"
    assert local_authorities().filter(state__name="Sarawak").count() == 29
    assert not local_authorities().filter(state__isnull=True).exists()


def test_reference_organisations_are_mapped_onto_kinds_and_countries(reference_data):
    def get(acronym):
        return Organisation.objects.get(acronym=acronym)

    assert (get("KPKT").kind, get("KPKT").country.code) == (Kind.NATIONAL_GOVERNMENT, "MY")
    assert (get("UNESCAP").kind, get("UNESCAP").country.code) == (Kind.UN_AGENCY, "TH")
    assert (get("ADB").kind, get("ADB").country.code) == (Kind.DEVELOPMENT_BANK, "PH")
    assert (get("JICA").kind, get("JICA").country.code) == (Kind.BILATERAL_AGENCY, "JP")
    assert get("MALA").kind == Kind.LG_ASSOCIATION
    assert get("UCLG ASPAC").kind == Kind.CITY_NETWORK
    pwdc = get("PWDC")
    assert (pwdc.kind, pwdc.country.code, pwdc.state.name) == (Kind.STATE_GOVERNMENT, "MY", "Penang")
    ascn = get("ASCN")
    assert ascn.country == ""
    assert "Location: ASEAN" in ascn.notes
    # DBKL is in both files: it is loaded once, as a local authority.
    assert Organisation.objects.filter(acronym="DBKL").count() == 1
    assert Organisation.objects.filter(reference_key__startswith="org:").count() == 39


def test_an_organisation_typed_in_before_loading_is_adopted_not_duplicated(officer):
    call_command("load_reference", verbosity=0)  # states first
    Organisation.objects.filter(acronym="ADB").delete()
    typed = Organisation.objects.create(name="Asian Development Bank", kind=Kind.OTHER, owner=officer)

    call_command("load_reference", verbosity=0)

    assert Organisation.objects.filter(name="Asian Development Bank").count() == 1
    typed.refresh_from_db()
    assert typed.kind == Kind.OTHER  # the officer's own values stay
    assert typed.reference_key == "org:adb"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Malaysia", ("MY", "")),
        ("Malaysia (Penang)", ("MY", "Penang")),
        ("International (Thailand)", ("TH", "")),
        ("International (HQ Kenya)", ("KE", "")),
        ("International (Malaysia country office)", ("MY", "")),
        ("Regional (secretariat Korea)", ("KR", "")),
        ("Regional", ("", "")),
        ("International", ("", "")),
        ("ASEAN", ("", "")),
    ],
)
def test_it_parses_the_country_column(text, expected):
    assert parse_location(text) == expected
