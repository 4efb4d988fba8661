"""Demo partnerships, agreements and the Malaysian SDG reviews, among the reference organisations.

Organisations are found by name or acronym (Contacts' reference data may have loaded them) and
created when missing. Every record is created once: a second run finds it and changes nothing.
"""

from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from contacts.models import Organisation
from contacts.services import organisation_find_or_create
from liaison.demo.registry import register
from liaison.reference.models import SDG, State, Theme
from liaison.reference.registry import Loader, read_csv
from liaison.work.models import Task

from .models import Agreement, PartnerRole, Partnership, VoluntaryReview
from .services import partnership_change_stage

DATA = Path(__file__).resolve().parent / "data"
Kind = Organisation.Kind
Role = PartnerRole.Role
Stage = Partnership.Stage

ORGANISATIONS = {
    # key: (name, acronym, kind, state name in Malay)
    "uclg_aspac": ("United Cities and Local Governments Asia-Pacific", "UCLG ASPAC", Kind.CITY_NETWORK, ""),
    "dbkl": ("Dewan Bandaraya Kuala Lumpur", "DBKL", Kind.LOCAL_GOVERNMENT, "Wilayah Persekutuan Kuala Lumpur"),
    "un_habitat": ("United Nations Human Settlements Programme", "UN-Habitat", Kind.UN_AGENCY, ""),
    "pwdc": ("Penang Women's Development Corporation", "PWDC", Kind.STATE_GOVERNMENT, "Pulau Pinang"),
    "mbpp": ("Majlis Bandaraya Pulau Pinang", "MBPP", Kind.LOCAL_GOVERNMENT, "Pulau Pinang"),
    "undp": ("United Nations Development Programme", "UNDP", Kind.UN_AGENCY, ""),
    "urbanice": ("Urbanice Malaysia", "Urbanice", Kind.THINK_TANK, ""),
    "economy": (
        "Ministry of Economy (Kementerian Ekonomi) - National SDG Centre",
        "MOE / KE",
        Kind.NATIONAL_GOVERNMENT,
        "",
    ),
}


def organisation(name, acronym="", kind=Kind.OTHER, state=""):
    """The organisation called `name` (or, failing that, with this acronym), created if missing."""
    return organisation_find_or_create(
        name=name,
        acronym=acronym,
        kind=kind,
        country="MY" if state or kind in (Kind.LOCAL_GOVERNMENT, Kind.NATIONAL_GOVERNMENT) else "",
        state=State.objects.filter(name_ms=state).first() if state else None,
    )


def _sdgs(numbers):
    return SDG.objects.filter(number__in=numbers)


def _themes(codes):
    return Theme.objects.filter(code__in=codes)


def _partnership(title, *, owner, partners, stages, themes=(), sdgs=(), **fields):
    """Create the partnership once, with its partners and its stage history (stage, date) in order."""
    partnership, created = Partnership.objects.get_or_create(title=title, defaults={"owner": owner, **fields})
    if not created:
        return partnership, False
    for org, role in partners:
        PartnerRole.objects.create(partnership=partnership, organisation=org, role=role)
    partnership.themes.set(_themes(themes))
    partnership.sdgs.set(_sdgs(sdgs))
    for stage, on in stages:
        partnership_change_stage(partnership=partnership, stage=stage, user=owner, on=on)
    return partnership, True


def _agreement(title, *, parties, **fields):
    agreement, created = Agreement.objects.get_or_create(title=title, defaults=fields)
    if created:
        agreement.parties.set(parties)
    return agreement, created


@register
class SeedPartnerships(Loader):
    order = 30

    def load(self, log):
        owner = get_user_model().objects.filter(username="officer").first()
        org = {key: organisation(*values) for key, values in ORGANISATIONS.items()}
        today = timezone.localdate()
        created = 0

        klrtc, new = _partnership(
            "Kuala Lumpur Regional Training Centre (KLRTC)",
            owner=owner,
            kind=Partnership.Kind.CAPACITY,
            partners=[(org["uclg_aspac"], Role.LEAD), (org["dbkl"], Role.HOST)],
            themes=["sdg_localisation", "governance"],
            sdgs=[11, 16, 17],
            objectives="Train local-government officials of Malaysia and Asia-Pacific at the DBKL training hub.",
            next_step="Agree the 2027 training calendar with the DBKL Institute",
            next_step_due=today + timedelta(days=12),
            start_date=date(2019, 1, 1),
            stages=[
                (Stage.EXPLORING, date(2018, 9, 1)),
                (Stage.AGREED, date(2019, 1, 1)),
                (Stage.ACTIVE, date(2019, 3, 1)),
            ],
        )
        created += new
        _agreement(
            "UCLG ASPAC - DBKL Letter of Intent (2019)",
            parties=[org["uclg_aspac"], org["dbkl"]],
            kind=Agreement.Kind.LOI,
            partnership=klrtc,
            status=Agreement.Status.RENEWED,
            notes="Signed in 2019 (day not recorded here); continued by the Letter of Intent of 15 April 2022.",
            owner=owner,
        )
        _agreement(
            "UCLG ASPAC - DBKL Letter of Intent: continuing partnership (2022)",
            parties=[org["uclg_aspac"], org["dbkl"]],
            kind=Agreement.Kind.LOI,
            partnership=klrtc,
            status=Agreement.Status.ACTIVE,
            signed_date=date(2022, 4, 15),
            effective_date=date(2022, 4, 15),
            owner=owner,
        )

        grpb, new = _partnership(
            "Gender-responsive and participatory budgeting in Penang",
            owner=owner,
            kind=Partnership.Kind.MULTILATERAL,
            partners=[
                (org["uclg_aspac"], Role.LEAD),
                (org["un_habitat"], Role.PARTNER),
                (org["pwdc"], Role.IMPLEMENTER),
                (org["mbpp"], Role.HOST),
            ],
            themes=["gender"],
            sdgs=[5, 10, 11],
            objectives=(
                "Share Penang's gender-responsive and participatory budgeting (GRPB) with other local governments."
            ),
            next_step="Decide on renewing the MOU with UN-Habitat and PWDC",
            next_step_due=today + timedelta(days=5),
            start_date=today - timedelta(days=700),
            stages=[(Stage.NEGOTIATING, today - timedelta(days=800)), (Stage.ACTIVE, today - timedelta(days=700))],
        )
        created += new
        _agreement(
            "UCLG ASPAC - UN-Habitat - PWDC Memorandum of Understanding",
            parties=[org["uclg_aspac"], org["un_habitat"], org["pwdc"]],
            kind=Agreement.Kind.MOU,
            partnership=grpb,
            status=Agreement.Status.ACTIVE,
            signed_date=today - timedelta(days=705),
            effective_date=today - timedelta(days=700),
            expiry_date=today + timedelta(days=75),
            renewal_notice_days=60,
            notes="Demo record: the dates are illustrative.",
            owner=owner,
        )

        vlr, new = _partnership(
            "VLR support for Selangor local authorities",
            owner=owner,
            kind=Partnership.Kind.SDG_REVIEW,
            partners=[
                (org["uclg_aspac"], Role.LEAD),
                (org["urbanice"], Role.IMPLEMENTER),
                (org["undp"], Role.OBSERVER),
            ],
            themes=["sdg_localisation"],
            sdgs=[11, 17],
            objectives="Help Selangor's councils prepare and present their Voluntary Local Reviews.",
            next_step="Share the VLR guidelines with the councils' SDG focal points",
            next_step_due=today - timedelta(days=3),
            stages=[(Stage.EXPLORING, today - timedelta(days=40))],
        )
        created += new
        _kl, new = _partnership(
            "Kuala Lumpur Voluntary Local Review",
            owner=owner,
            kind=Partnership.Kind.SDG_REVIEW,
            partners=[(org["dbkl"], Role.LEAD), (org["uclg_aspac"], Role.PARTNER), (org["un_habitat"], Role.OBSERVER)],
            themes=["sdg_localisation"],
            sdgs=[11],
            next_step="First meeting with the KL SDG Centre",
            stages=[],
        )
        created += new
        _vnr, new = _partnership(
            "Malaysia VNR 2025: local-government chapter",
            owner=owner,
            kind=Partnership.Kind.SDG_REVIEW,
            partners=[(org["economy"], Role.LEAD), (org["undp"], Role.FUNDER), (org["uclg_aspac"], Role.PARTNER)],
            sdgs=[11, 17],
            next_step="Send the local-government inputs to the National SDG Centre",
            next_step_due=today + timedelta(days=20),
            stages=[(Stage.EXPLORING, today - timedelta(days=90)), (Stage.NEGOTIATING, today - timedelta(days=30))],
        )
        created += new
        reviews = seed_reviews(owner, related={"vlr": vlr})
        if owner is not None:
            # A task about the training centre, as a colleague would give it (liaison.work).
            Task.objects.get_or_create(
                title="Send the DBKL Institute the draft 2027 training calendar",
                defaults={
                    "due_on": today + timedelta(days=5),
                    "assignee": owner,
                    "created_by": owner,
                    "content_type": ContentType.objects.get_for_model(klrtc),
                    "object_id": klrtc.pk,
                },
            )
        log(f"partnerships: {created} demo partnerships created; {reviews} voluntary reviews created")


def seed_reviews(owner, related):
    """The Malaysian VNRs, VLRs and the Selangor VSR listed in data/sdg_reviews.csv."""
    created = 0
    for row in read_csv(DATA / "sdg_reviews.csv"):
        government = organisation(row["government"], row["acronym"], row["government_kind"], row["state"])
        review, was_created = VoluntaryReview.objects.get_or_create(
            kind=row["kind"],
            government=government,
            year=int(row["year"]),
            defaults={
                "status": row["status"],
                "notes": row["note"],
                "owner": owner,
                "partnership": related.get(row["kind"]) if row["state"] == "Selangor" else None,
            },
        )
        if was_created:
            review.sdgs.set(_sdgs(int(n) for n in row["sdgs"].split()))
            created += 1
    return created
