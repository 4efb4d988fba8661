"""`?ordering=name` or `?ordering=-created_at`: the fields each viewset allows, then the id, under cursor pages.

Cursor pagination places a page after the last record's value of the first field, so only fields
that are never empty are offered (a date that may be missing would have no place); the id after
it makes the order total, so a page never repeats or skips a record that shares the value.
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions, filters


class Ordering(filters.OrderingFilter):
    ordering_param = "ordering"

    def get_ordering(self, request, queryset, view):
        allowed = list(getattr(view, "ordering_fields", None) or [])
        sent = request.query_params.get(self.ordering_param, "").strip()
        if not sent:
            return ("pk",)
        if "," in sent:
            raise exceptions.ValidationError({self.ordering_param: [_("Sort by one field only.")]})
        if sent.lstrip("-") not in allowed:
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        _("Sort by one of: %(fields)s (with “-” before it for descending).")
                        % {"fields": ", ".join(allowed) or "—"}
                    ]
                }
            )
        return (sent, "-pk" if sent.startswith("-") else "pk")

    def get_schema_operation_parameters(self, view):
        allowed = list(getattr(view, "ordering_fields", None) or [])
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "One of: " + ", ".join(allowed) + " (prefix “-” for descending); default: id.",
                "schema": {"type": "string", "enum": [*allowed, *(f"-{name}" for name in allowed)]},
            }
        ]
