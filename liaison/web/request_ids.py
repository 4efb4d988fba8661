"""Request ids: each request has one, on its response and on every log record written while it runs.

The id comes from the proxy's X-Request-ID when it is a sane token (so nginx's and Liaison's logs join up),
else it is made here. A server error's report and page carry it, so a user's "reference" finds the log lines.
"""

import contextvars
import logging
import re
import uuid

from django.utils.log import AdminEmailHandler

HEADER = "X-Request-ID"
# Letters, digits and a few separators, as proxies write them: nothing that could forge a log line.
SANE = re.compile(r"[A-Za-z0-9._:-]{8,128}")

current = contextvars.ContextVar("request_id", default="-")


def request_id_for(request) -> str:
    offered = request.META.get("HTTP_X_REQUEST_ID", "")
    return offered if SANE.fullmatch(offered) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Gives the request its id (request.request_id), for the logs and the X-Request-ID response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        token = current.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts the running request's id on every record as `request_id` ("-" outside a request)."""

    def filter(self, record):
        record.request_id = getattr(record, "request_id", None) or _from_record(record) or current.get()
        return True


def _from_record(record):
    # django.request's error records carry the request itself, which outlives the context variable.
    return getattr(getattr(record, "request", None), "request_id", None)


class RequestIdAdminEmailHandler(AdminEmailHandler):
    """The 500 e-mail to ADMINS names the request id in its subject (the body has it through the formatter)."""

    def format_subject(self, subject):
        request_id = current.get()
        return super().format_subject(f"[{request_id}] {subject}" if request_id != "-" else subject)
