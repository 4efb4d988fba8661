import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from liaison.reference.models import SDG, State, Theme


def test_load_reference_loads_17_sdgs_themes_and_states(db):
    call_command("load_reference", verbosity=0)
    assert SDG.objects.count() == 17
    assert SDG.objects.get(number=11).title == "Sustainable Cities and Communities"
    assert SDG.objects.get(number=1).colour == "#E5243B"
    assert Theme.objects.count() == 8
    assert State.objects.count() == 16
    assert State.objects.filter(kind="federal_territory").count() == 3


def test_load_reference_is_idempotent_and_keeps_edits(db):
    call_command("load_reference", verbosity=0)
    theme = Theme.objects.get(code="drr")
    theme.name = "Disaster risk reduction (Sendai)"
    theme.save()
    call_command("load_reference", verbosity=0)
    assert SDG.objects.count() == 17
    assert Theme.objects.count() == 8
    assert State.objects.count() == 16
    assert Theme.objects.get(code="drr").name == "Disaster risk reduction (Sendai)"


def test_seed_demo_creates_one_user_per_role(db):
    call_command("seed_demo", force=True, verbosity=0)
    users = get_user_model().objects.filter(username__in=["officer", "supervisor", "admin"])
    assert {(u.username, u.groups.get().name) for u in users} == {
        ("officer", "Officer"),
        ("supervisor", "Supervisor"),
        ("admin", "Administrator"),
    }
    assert users.get(username="admin").is_staff
    call_command("seed_demo", force=True, verbosity=0)  # again: nothing doubles
    assert users.count() == 3


def test_seed_demo_refuses_to_run_with_debug_off(db, monkeypatch):
    monkeypatch.setattr(settings, "DEBUG", False)
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="officer").exists()


def test_every_sdg_badge_meets_wcag_aa_contrast(db):
    from liaison.reference.models import contrast_ratio

    call_command("load_reference", verbosity=0)
    sdgs = list(SDG.objects.all())
    assert len(sdgs) == 17
    for sdg in sdgs:
        assert contrast_ratio(sdg.colour, sdg.text_colour) >= 4.5, f"{sdg}: {sdg.colour} on {sdg.text_colour}"
    # SDG 7's yellow, 1.6:1 under white text, takes black.
    assert SDG.objects.get(number=7).text_colour == "#000000"
    assert "color: #000000" in SDG.objects.get(number=7).badge_style


def test_contrast_ratio_follows_wcag_2():
    from liaison.reference.models import contrast_ratio

    assert round(contrast_ratio("#FFFFFF", "#000000"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#FFFFFF"), 2) == 4.48
