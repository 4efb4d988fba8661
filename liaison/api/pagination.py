from rest_framework.pagination import CursorPagination


class CursorPage(CursorPagination):
    """Stable pages however the table grows; `?page_size=` up to 200."""

    ordering = "pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
