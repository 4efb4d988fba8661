"""What Partnerships adds to other apps' pages (see liaison.panels)."""

from .selectors import organisation_partnerships


def organisation_panel(request, organisation):
    """An organisation's partnerships (with its role) and agreements, for those who may read them."""
    if not request.user.has_perm("partnerships.view_partnership"):
        return None
    return organisation_partnerships(organisation)
