"""The panel events add to a person's page in Contacts."""

PANEL_LIMIT = 20


def person_events(request, person):
    """The events the person took part in, latest first, with the organisation they came from then."""
    if not request.user.has_perm("events.view_participation"):
        return None
    participations = person.participations.select_related("event", "organisation").order_by("-event__start")
    rows = list(participations[: PANEL_LIMIT + 1])
    return {"participations": rows[:PANEL_LIMIT], "more": len(rows) > PANEL_LIMIT}
