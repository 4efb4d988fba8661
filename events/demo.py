"""Demo events: the urban forums that matter, a gender-budgeting programme at the DBKL hub, a mission.

Idempotent: records are found again by title (events, programme), name (people, organisations)
or destination and date (missions); nothing a user edited since is overwritten.
"""

from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.utils import timezone

from contacts.models import Affiliation, Organisation, Person
from contacts.services import organisation_find_or_create
from liaison.demo.registry import register
from liaison.reference.models import SDG, State, Theme
from liaison.reference.registry import Loader

from .feedback import feedback_submit
from .models import Event, FeedbackForm, FeedbackQuestion, FeedbackRequest, Mission, Participation, Programme
from .services import attendance_mark, participations_add

LG = Organisation.Kind.LOCAL_GOVERNMENT
REGISTERED, ATTENDED, NO_SHOW = (
    Participation.Status.REGISTERED,
    Participation.Status.ATTENDED,
    Participation.Status.NO_SHOW,
)
ORGANISATIONS = [
    # acronym, name, kind, state ISO code
    ("DBKL", "Dewan Bandaraya Kuala Lumpur", LG, "MY-14"),
    ("MBSA", "Majlis Bandaraya Shah Alam", LG, "MY-10"),
    ("MBPP", "Majlis Bandaraya Pulau Pinang", LG, "MY-07"),
    ("MBSP", "Majlis Bandaraya Seberang Perai", LG, "MY-07"),
    ("MPKj", "Majlis Perbandaran Kajang", LG, "MY-10"),
    ("MBKS", "Majlis Bandaraya Kuching Selatan", LG, "MY-13"),
    ("MBIP", "Majlis Bandaraya Iskandar Puteri", LG, "MY-01"),
    ("KPKT", "Ministry of Housing and Local Government", Organisation.Kind.NATIONAL_GOVERNMENT, ""),
    ("PLANMalaysia", "PLANMalaysia", Organisation.Kind.NATIONAL_GOVERNMENT, ""),
    ("PWDC", "Penang Women's Development Corporation", Organisation.Kind.STATE_GOVERNMENT, "MY-07"),
    ("UN-Habitat", "United Nations Human Settlements Programme", Organisation.Kind.UN_AGENCY, ""),
    (
        "UNESCAP",
        "United Nations Economic and Social Commission for Asia and the Pacific",
        Organisation.Kind.UN_AGENCY,
        "",
    ),
    ("UCLG ASPAC", "United Cities and Local Governments Asia-Pacific", Organisation.Kind.CITY_NETWORK, ""),
]

PEOPLE = [
    # full name, honorific, gender, organisation acronym, position
    ("Nurul Huda binti Ahmad", "Puan", "female", "DBKL", "Urban Planning Officer"),
    ("Siti Aminah binti Yusof", "Puan", "female", "DBKL", "Budget Officer"),
    ("Lim Mei Ling", "Cik", "female", "MBPP", "Senior Planner"),
    ("Kavitha a/p Raman", "Puan", "female", "MBPP", "Gender Focal Point"),
    ("Ahmad Faizal bin Hassan", "Encik", "male", "MBSA", "Deputy Director, Finance"),
    ("Tan Wei Jie", "Encik", "male", "MBSP", "Community Development Officer"),
    ("Noraini binti Ismail", "Dr.", "female", "MBSA", "Head of Planning"),
    ("Mohd Rizal bin Abdullah", "Ir.", "male", "MPKj", "Engineer"),
    ("Dayang Norliza binti Abang Ahmad", "Puan", "female", "MBKS", "Administrative Officer"),
    ("Jessica Wong Siew Lan", "Cik", "female", "MBIP", "Planning Officer"),
    ("Rajesh a/l Subramaniam", "Encik", "male", "MBIP", "Budget Analyst"),
    ("Farah Nadia binti Zulkifli", "Cik", "female", "MPKj", "Social Development Officer"),
    ("Chong Kah Wai", "Encik", "male", "MBKS", "Planner"),
    ("Aishah binti Mohamed", "Puan", "female", "PWDC", "Programme Manager"),
    ("Hafiz bin Omar", "Encik", "male", "PLANMalaysia", "Assistant Director"),
    ("Zuraida binti Kamal", "Dr.", "female", "KPKT", "Principal Assistant Secretary"),
]


# The seed's "awareness and perception survey" (the office's work with DBKL on the SDGs, the New Urban
# Agenda and the Sendai Framework), kept as the feedback form for events of any kind.
SURVEY = "Awareness and perception survey"
SURVEY_INTRO = (
    "This short survey asks how aware you now are of the global agendas cities work with, and what you "
    "think of the session. It takes about five minutes.",
    "Tinjauan ringkas ini bertanya sejauh mana kesedaran anda kini tentang agenda global yang digunakan oleh "
    "bandar, dan pendapat anda tentang sesi ini. Ia mengambil masa kira-kira lima minit.",
)
SURVEY_QUESTIONS = [
    # kind, English, Malay, required
    (
        "rating",
        "How aware are you now of the Sustainable Development Goals (SDGs) and what they ask of your council?",
        "Sejauh manakah kesedaran anda kini tentang Matlamat Pembangunan Mampan (SDG) dan apa yang diminta "
        "daripada majlis anda?",
        True,
    ),
    (
        "rating",
        "How aware are you now of the New Urban Agenda?",
        "Sejauh manakah kesedaran anda kini tentang Agenda Bandar Baharu?",
        True,
    ),
    (
        "rating",
        "How aware are you now of the Sendai Framework for Disaster Risk Reduction?",
        "Sejauh manakah kesedaran anda kini tentang Rangka Kerja Sendai bagi Pengurangan Risiko Bencana?",
        True,
    ),
    (
        "rating",
        "How useful was the session for your daily work?",
        "Sejauh manakah sesi ini berguna untuk kerja harian anda?",
        True,
    ),
    ("rating", "Your overall rating of the session", "Penilaian keseluruhan anda terhadap sesi ini", True),
    (
        "apply",
        "Would you apply what you learnt in your council's plans or budget?",
        "Adakah anda akan menggunakan apa yang anda pelajari dalam rancangan atau belanjawan majlis anda?",
        True,
    ),
    (
        "text",
        "What would help your council put it into practice?",
        "Apakah yang akan membantu majlis anda melaksanakannya?",
        False,
    ),
    ("text", "Any other comments", "Sebarang komen lain", False),
]
# Six of module 1's attendees answered: their ratings (in the order of the rating questions), yes/no, comments.
SURVEY_ANSWERS = [
    ([4, 3, 3, 5, 5], "yes", "A follow-up clinic on our own budget lines.", ""),
    ([5, 4, 3, 4, 4], "yes", "Sex-disaggregated data from the state.", "Very practical exercises."),
    ([3, 3, 2, 4, 4], "yes", "", ""),
    ([4, 4, 4, 5, 5], "yes", "Support from our mayor's office.", ""),
    ([3, 2, 2, 3, 3], "no", "More time for the budget exercise.", "The room was cold."),
    ([4, 3, 4, 4, 4], "yes", "", "Please repeat it for the finance department."),
]


def _survey():
    form, created = FeedbackForm.objects.get_or_create(
        name=SURVEY, defaults={"event_kind": "", "intro_en": SURVEY_INTRO[0], "intro_ms": SURVEY_INTRO[1]}
    )
    if created:
        FeedbackQuestion.objects.bulk_create(
            FeedbackQuestion(form=form, order=order, kind=kind, text_en=en, text_ms=ms, required=required)
            for order, (kind, en, ms, required) in enumerate(SURVEY_QUESTIONS, start=1)
        )
    return form


def _survey_answers(event, form):
    """Module 1's attendees were asked for feedback; six answered (only the first time the demo is loaded)."""
    if event.feedback_requests.exists():
        return
    questions = list(form.questions.order_by("order"))
    ratings = [q for q in questions if q.kind == "rating"]
    apply = next(q for q in questions if q.kind == "apply")
    texts = [q for q in questions if q.kind == "text"]
    for index, participation in enumerate(event.participations.attended().order_by("person__full_name")):
        request = FeedbackRequest.objects.create(
            event=event,
            participation=participation,
            form=form,
            state=FeedbackRequest.State.SENT,
            sent_at=event.end,
            message_id=f"<demo-feedback-{participation.pk}@liaison.example>",
        )
        if index < len(SURVEY_ANSWERS):
            scores, would_apply, practice, other = SURVEY_ANSWERS[index]
            answers = {**dict(zip(ratings, scores, strict=True)), apply: would_apply}
            answers.update({texts[0]: practice, texts[1]: other})
            feedback_submit(request=request, answers=answers)


def kl(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _organisation(acronym, name, kind, state_code):
    return organisation_find_or_create(
        name=name,
        acronym=acronym,
        kind=kind,
        state=State.objects.filter(iso_code=state_code).first() if state_code else None,
        country="MY",
    )


def _people(organisations, owner):
    people = []
    for index, (name, honorific, gender, acronym, position) in enumerate(PEOPLE, start=1):
        person, created = Person.objects.get_or_create(
            full_name=name,
            defaults={
                "honorific": honorific,
                "gender": gender,
                "email": f"demo.participant{index}@example.my",
                "owner": owner,
            },
        )
        if created:
            Affiliation.objects.create(person=person, organisation=organisations[acronym], position=position)
        people.append(person)
    return people


def _event(title, **fields):
    themes = fields.pop("themes", [])
    sdgs = fields.pop("sdgs", [])
    organisers = fields.pop("organisers", [])
    event, created = Event.objects.get_or_create(title=title, defaults=fields)
    if created:
        event.themes.set(Theme.objects.filter(code__in=themes))
        event.sdgs.set(SDG.objects.filter(number__in=sdgs))
        event.organisers.set(organisers)
    return event, created


@register
class SeedEvents(Loader):
    order = 50

    def load(self, log):
        officer = get_user_model().objects.filter(username="officer").first()
        orgs = {row[0]: _organisation(*row) for row in ORGANISATIONS}
        people = _people(orgs, officer)
        owned = {"owner": officer}

        forums = [
            _event(
                "Thirteenth session of the World Urban Forum (WUF13)",
                kind=Event.Kind.FORUM,
                level=Event.Level.INTERNATIONAL,
                start=kl(date(2026, 5, 17), 9),
                end=kl(date(2026, 5, 22), 18),
                city="Baku",
                country="AZ",
                office_role=Event.OfficeRole.SPEAKER,
                status=Event.Status.HELD,
                organisers=[orgs["UN-Habitat"]],
                themes=["prosperity", "sdg_localisation"],
                sdgs=[11, 17],
                outcomes="Side event on gender-responsive budgeting in Malaysian cities; three follow-up contacts.",
                **owned,
            ),
            _event(
                "2nd ASEAN Sustainable Urbanisation Forum (ASUF)",
                kind=Event.Kind.FORUM,
                level=Event.Level.REGIONAL,
                start=kl(date(2025, 8, 19), 9),
                end=kl(date(2025, 8, 21), 17),
                venue="Kuala Lumpur Convention Centre",
                city="Kuala Lumpur",
                office_role=Event.OfficeRole.PARTICIPANT,
                status=Event.Status.HELD,
                description="Held alongside the ASEAN Governors and Mayors Forum.",
                themes=["prosperity"],
                sdgs=[11],
                **owned,
            ),
            _event(
                "Malaysia Urban Forum 2027",
                kind=Event.Kind.FORUM,
                level=Event.Level.NATIONAL,
                start=kl(date(2027, 3, 23), 9),
                end=kl(date(2027, 3, 24), 17),
                city="Kuala Lumpur",
                office_role=Event.OfficeRole.SPEAKER,
                status=Event.Status.CONFIRMED,
                organisers=[orgs["KPKT"], orgs["PLANMalaysia"], orgs["DBKL"]],
                themes=["prosperity", "governance"],
                sdgs=[11],
                report_due=date(2027, 4, 7),
                **owned,
            ),
            _event(
                "Asia-Pacific Urban Forum (APUF-9)",
                kind=Event.Kind.FORUM,
                level=Event.Level.REGIONAL,
                start=kl(date(2027, 10, 12), 9),
                end=kl(date(2027, 10, 14), 17),
                city="Bangkok",
                country="TH",
                office_role=Event.OfficeRole.CO_ORGANISER,
                status=Event.Status.PLANNED,
                organisers=[orgs["UNESCAP"], orgs["UN-Habitat"]],
                description="Dates to be confirmed by UNESCAP.",
                themes=["sdg_localisation"],
                sdgs=[11, 17],
                **owned,
            ),
            _event(
                "High-Level Political Forum 2027: VLR-VSR Days",
                kind=Event.Kind.FORUM,
                level=Event.Level.INTERNATIONAL,
                start=kl(date(2027, 7, 13), 21),  # 09:00 in New York
                end=kl(date(2027, 7, 15), 6),
                city="New York",
                country="US",
                office_role=Event.OfficeRole.PARTICIPANT,
                status=Event.Status.PLANNED,
                themes=["sdg_localisation"],
                sdgs=[17],
                **owned,
            ),
        ]

        programme, _ = Programme.objects.get_or_create(
            title="Gender-responsive planning and budgeting 2027",
            defaults={
                "start_date": date(2026, 11, 1),
                "end_date": date(2027, 12, 31),
                "objectives": "Train planning and budget officers of Malaysian local governments to apply "
                "gender-responsive and participatory budgeting (GRPB) in their annual plans.",
                "target_people_trained": 120,
                "target_local_governments": 25,
                "target_women_share": 50,
                **owned,
            },
        )
        programme.themes.add(*Theme.objects.filter(code="gender"))
        hub = {
            "kind": Event.Kind.TRAINING,
            "level": Event.Level.NATIONAL,
            "venue": "DBKL training hub (Institut Latihan DBKL)",
            "city": "Kuala Lumpur",
            "at_training_hub": True,
            "office_role": Event.OfficeRole.ORGANISER,
            "programme": programme,
            "organisers": [orgs["UCLG ASPAC"], orgs["DBKL"]],
            "themes": ["gender"],
            "sdgs": [5, 11],
            **owned,
        }
        module1, created = _event(
            "GRPB module 1: gender analysis for local plans",
            start=kl(date(2026, 11, 10), 9),
            end=kl(date(2026, 11, 12), 17),
            status=Event.Status.HELD,
            outcomes="Each council drafted a gender analysis of one local plan.",
            report_due=date(2026, 11, 26),
            **hub,
        )
        if created:
            participations_add(
                event=module1, people=people[:14], role=Participation.Role.PARTICIPANT, status=REGISTERED
            )
            no_shows = {p.pk for p in module1.participations.all()[:2]}
            attendance_mark(
                event=module1,
                statuses={p.pk: NO_SHOW if p.pk in no_shows else ATTENDED for p in module1.participations.all()},
            )
        _survey_answers(module1, _survey())
        module2, created = _event(
            "GRPB module 2: participatory budgeting in practice",
            start=kl(date(2027, 3, 9), 9),
            end=kl(date(2027, 3, 11), 17),
            status=Event.Status.CONFIRMED,
            **hub,
        )
        if created:
            participations_add(
                event=module2, people=people[2:12], role=Participation.Role.PARTICIPANT, status=REGISTERED
            )
            participations_add(event=module2, people=people[13:14], role=Participation.Role.TRAINER, status=REGISTERED)

        if officer:
            mission, created = Mission.objects.get_or_create(
                traveller=officer,
                destination="Baku",
                start_date=date(2026, 5, 16),
                defaults={
                    "country": "AZ",
                    "end_date": date(2026, 5, 23),
                    "purpose": (
                        "Represent the office at WUF13 and speak at the side event on gender-responsive budgeting."
                    ),
                    "approval": Mission.Approval.APPROVED,
                    "report_due": date(2026, 6, 5),
                    "report_done": date(2026, 6, 3),
                },
            )
            if created:
                mission.events.add(forums[0][0])
            mission, created = Mission.objects.get_or_create(
                traveller=officer,
                destination="New York",
                start_date=date(2027, 7, 12),
                defaults={
                    "country": "US",
                    "end_date": date(2027, 7, 17),
                    "purpose": "Support Malaysian cities presenting their VLRs at the HLPF VLR-VSR Days.",
                    "approval": Mission.Approval.SUBMITTED,
                    "report_due": date(2027, 7, 31),
                },
            )
            if created:
                mission.events.add(forums[4][0])
        log(f"events: {Event.objects.count()} events, {Participation.objects.count()} participations")
