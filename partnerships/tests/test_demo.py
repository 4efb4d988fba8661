import pytest

from liaison.demo.registry import registry as demo
from liaison.reference.registry import registry as reference
from liaison.reference.registry import run
from partnerships.models import Agreement, PartnerRole, Partnership, StageChange, VoluntaryReview

pytestmark = pytest.mark.django_db


def seed():
    run(reference, log=lambda line: None)
    run(demo, log=lambda line: None)


def snapshot():
    return [m.objects.count() for m in (Partnership, PartnerRole, Agreement, StageChange, VoluntaryReview)]


def test_the_demo_has_the_dbkl_letter_of_intent_the_penang_mou_and_the_malaysian_reviews():
    seed()

    loi = Agreement.objects.get(title__contains="Letter of Intent (2019)")
    assert loi.kind == Agreement.Kind.LOI
    assert {p.acronym for p in loi.parties.all()} == {"UCLG ASPAC", "DBKL"}
    mou = Agreement.objects.get(kind=Agreement.Kind.MOU)
    assert {p.acronym for p in mou.parties.all()} == {"UCLG ASPAC", "UN-Habitat", "PWDC"}
    assert set(mou.partnership.partner_roles.values_list("role", flat=True)) >= {"lead", "partner", "implementer"}
    reviews = VoluntaryReview.objects.all()
    assert {(r.kind, r.year) for r in reviews.filter(government__acronym="MOE / KE")} == {
        ("vnr", 2017),
        ("vnr", 2021),
        ("vnr", 2025),
    }
    mbsa = reviews.get(government__acronym="MBSA")
    assert sorted(mbsa.sdgs.values_list("number", flat=True)) == [1, 11, 12, 13, 15]
    assert reviews.filter(kind="vsr", year=2022).exists()
    assert StageChange.objects.filter(partnership__title__startswith="Kuala Lumpur Regional").count() == 3


def test_seeding_twice_changes_nothing():
    seed()
    before = snapshot()

    seed()

    assert snapshot() == before
