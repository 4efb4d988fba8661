"""Reference data in the reader's language: SDGs, themes, states, countries and organisations."""

from django.core.management import call_command
from django.utils import translation
from django_countries.fields import Country

from contacts.models import Organisation
from liaison.reference.models import SDG, State, Theme, localised_name
from liaison.reference.reference import sdg_malay_titles


def test_every_sdg_has_its_malay_title_from_the_data_file(db):
    call_command("load_reference", verbosity=0)
    titles = dict(SDG.objects.values_list("number", "title_ms"))
    assert titles == sdg_malay_titles()
    assert len(titles) == 17 and all(titles.values())
    assert titles[11] == "Bandar dan Komuniti Mampan"


def test_sdgs_loaded_before_the_malay_column_get_it_on_the_next_load(db):
    call_command("load_reference", verbosity=0)
    SDG.objects.update(title_ms="")
    SDG.objects.filter(number=5).update(title_ms="Kesetaraan gender (edited)")
    call_command("load_reference", verbosity=0)
    assert SDG.objects.get(number=1).title_ms == "Tiada Kemiskinan"
    assert SDG.objects.get(number=5).title_ms == "Kesetaraan gender (edited)"  # an administrator's edit stays


def test_names_follow_the_active_language(db):
    call_command("load_reference", verbosity=0)
    sdg, theme = SDG.objects.get(number=13), Theme.objects.get(code="drr")
    territory = State.objects.get(iso_code="MY-14")
    with translation.override("en"):
        assert (str(sdg), sdg.label, str(theme), str(territory)) == (
            "SDG 13: Climate Action",
            "Climate Action",
            "Disaster risk management",
            "Federal Territory of Kuala Lumpur",
        )
    with translation.override("ms"):
        assert (str(sdg), str(theme)) == ("SDG 13: Tindakan Iklim", "Pengurusan risiko bencana")
        assert (str(territory), str(State.objects.get(iso_code="MY-04"))) == (
            "Wilayah Persekutuan Kuala Lumpur",
            "Melaka",
        )


def test_localised_name_orders_and_groups_in_the_database(db):
    call_command("load_reference", verbosity=0)
    with translation.override("ms"):
        names = list(State.objects.order_by(localised_name()).values_list(localised_name(), flat=True))
        assert names == sorted(str(state) for state in State.objects.all())
        assert "Pulau Pinang" in names
    with translation.override("en"):
        assert "Penang" in State.objects.values_list(localised_name(), flat=True)


def test_country_names_are_malay_for_malay_readers():
    with translation.override("ms"):
        assert (Country("DE").name, Country("US").name) == ("Jerman", "Amerika Syarikat")
    with translation.override("en"):
        assert Country("DE").name == "Germany"


def test_an_organisation_shows_its_malay_name_to_malay_readers(db):
    council = Organisation.objects.create(name="Penang Island City Council", name_local="Majlis Bandaraya Pulau Pinang")
    english_only = Organisation.objects.create(name="UN-Habitat", acronym="UN-Habitat")
    with translation.override("ms"):
        assert (str(council), council.other_name) == ("Majlis Bandaraya Pulau Pinang", "Penang Island City Council")
        assert str(english_only) == "UN-Habitat (UN-Habitat)"
    with translation.override("en"):
        assert (str(council), council.other_name) == ("Penang Island City Council", "Majlis Bandaraya Pulau Pinang")
