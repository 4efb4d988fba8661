"""Writing the audit trail. Every part of the application records through `audit_record`."""

from django.http import HttpRequest

from .models import AuditEntry

# Query parameters that say how a list is shown, not which rows it holds.
NOT_FILTERS = ("export", "page")


def request_filters(request: HttpRequest) -> dict:
    """The query string as {name: value or [values]}, without paging and the export format."""
    filters = {}
    for name in request.GET:
        if name in NOT_FILTERS:
            continue
        values = [value for value in request.GET.getlist(name) if value != ""]
        if values:
            filters[name] = values[0] if len(values) == 1 else values
    return filters


def audit_record(
    *,
    action: str,
    request: HttpRequest | None = None,
    user=None,
    username: str = "",
    target: str = "",
    filters: dict | None = None,
    row_count: int | None = None,
) -> AuditEntry:
    if request is not None and user is None and request.user.is_authenticated:
        user = request.user
    return AuditEntry.objects.create(
        action=action,
        user=user,
        username=(username or (user.get_username() if user is not None else ""))[:150],
        target=target[:255],
        path=request.path[:500] if request is not None else "",
        filters=filters or {},
        row_count=row_count,
    )


def audit_export(request: HttpRequest, *, target: str, row_count: int, filters: dict | None = None) -> AuditEntry:
    """One row for a list exported as it was filtered."""
    return audit_record(
        action=AuditEntry.Action.LIST_EXPORT,
        request=request,
        target=target,
        filters=request_filters(request) if filters is None else filters,
        row_count=row_count,
    )
