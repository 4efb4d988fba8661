"""No query runs longer than STATEMENT_TIMEOUT, and one that is stopped is a clear page, not a killed worker.

PostgreSQL cancels any statement of the application's connections after `STATEMENT_TIMEOUT` milliseconds (set as a
connection option in settings), well inside the web server's own timeout. A request whose query was cancelled gets
a 503 page that says so and suggests narrowing the search; the error is logged with the request. Migrations, which
may build indexes over millions of rows, lift the limit for their own connection.
"""

import logging

from django.db import connections
from django.db.utils import OperationalError
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement stopped by statement_timeout


def was_cancelled(error: BaseException) -> bool:
    cause = error.__cause__ or error
    return isinstance(error, OperationalError) and getattr(cause, "pgcode", None) == QUERY_CANCELED


def lift_for_migrations(sender=None, using="default", **kwargs):
    """pre_migrate: index builds and data migrations on big tables may take longer than a page may."""
    with connections[using].cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")


class StatementTimeoutMiddleware:
    """A request whose query PostgreSQL cancelled for taking too long: a 503 page with what to do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not was_cancelled(exception):
            return None
        logger.warning("Query cancelled after the statement timeout: %s %s", request.method, request.path)
        message = _(
            "This took too long and was stopped so that the application stays quick for everyone. "
            "Narrow the search or the filters (fewer words, a shorter period) and try again."
        )
        response = render(request, "503.html", {"message": message}, status=503)
        response["Retry-After"] = "10"
        return response
