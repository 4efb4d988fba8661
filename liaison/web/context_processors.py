from .roles import ADMINISTRATOR, OFFICER, ROLE_LABELS, SUPERVISOR, role_of


def roles(request):
    """The user's role, for templates that adapt their navigation."""
    role = role_of(request.user) if hasattr(request, "user") else None
    return {
        "user_role": role,
        "user_role_label": ROLE_LABELS.get(role, ""),
        "is_officer": role == OFFICER,
        "is_supervisor": role == SUPERVISOR,
        "is_administrator": role == ADMINISTRATOR,
    }
