"""Reads shared by several pages: the board's columns and an organisation's partnerships panel."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.utils import timezone

from contacts.models import Interaction

from .models import Agreement, PartnerRole, Partnership

BOARD_CARDS_PER_STAGE = 20
PANEL_ROWS = 10
QUIET_DAYS = 90  # an open partnership with no interaction for this long needs attention


@dataclass
class Column:
    stage: str
    label: str
    count: int = 0
    cards: list = field(default_factory=list)

    @property
    def hidden(self):
        return self.count - len(self.cards)


def board_columns(queryset=None, per_stage=BOARD_CARDS_PER_STAGE) -> list[Column]:
    """One column per stage with its first cards (next step due first): three queries whatever the size."""
    queryset = Partnership.objects.all() if queryset is None else queryset
    counts = dict(queryset.order_by().values_list("stage").annotate(n=Count("pk")))
    columns = {value: Column(value, label, counts.get(value, 0)) for value, label in Partnership.Stage.choices}
    ranked = (
        queryset.select_related("owner")
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("stage")],
                order_by=[F("next_step_due").asc(nulls_last=True), F("title").asc(), F("pk").asc()],
            )
        )
        .filter(position__lte=per_stage)
        .order_by("stage", "position")
    )
    cards = list(ranked)
    prefetch_related_objects(cards, _partner_roles())
    for card in cards:
        columns[card.stage].cards.append(card)
    return list(columns.values())


def _partner_roles():
    return Prefetch("partner_roles", queryset=PartnerRole.objects.select_related("organisation"))


def organisation_partnerships(organisation, limit=PANEL_ROWS):
    """The organisation's roles in partnerships and the agreements it is party to, most recent first.

    Each list holds at most `limit` rows plus one, so the page can say there are more.
    """
    roles = list(
        PartnerRole.objects.filter(organisation=organisation)
        .select_related("partnership")
        .order_by("-partnership__updated_at", "-id")[: limit + 1]
    )
    agreements = list(
        Agreement.objects.filter(parties=organisation)
        .select_related("partnership")
        .order_by(F("expiry_date").desc(nulls_last=True), "-id")[: limit + 1]
    )
    return {
        "partner_roles": roles[:limit],
        "more_partnerships": len(roles) > limit,
        "agreements": agreements[:limit],
        "more_agreements": len(agreements) > limit,
    }


def quiet_partnerships(queryset, user, days=QUIET_DAYS):
    """Open partnerships with no interaction (that `user` may see) in the last `days` days."""
    since = timezone.now() - timedelta(days=days)
    recent = Interaction.objects.visible_to(user).filter(partnerships=OuterRef("pk"), occurred_at__gte=since)
    return queryset.open().exclude(Exists(recent))
