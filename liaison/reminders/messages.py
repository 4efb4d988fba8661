"""Texts kept as a message id and its parameters, and rendered in the reader's language when shown.

A notification or a reminder stores `message_of(text)`: {"msgid": "Deadline: %(title)s", "params": {...}}, each
parameter either plain text {"s": "UNDP call"}, a message id of its own {"t": "to be decided"}, a date written in
the reader's format {"d": "2027-03-01"}, or a nested message {"m": {...}}. `message_render` translates the message
id with the active language, so the same row reads in Malay to a Malay reader and in English to an English one,
on the page and in the e-mail, whatever language its writer read when it was created.
"""

from datetime import date

from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, ngettext

OVERDUE = -1  # a reminder's offset once the due date has passed (Reminder.OVERDUE)


class ReaderDate:
    """A date written in the reader's format when the text is shown: `reader_text(..., date=ReaderDate(day))`."""

    def __init__(self, day: date):
        self.day = day

    def __call__(self) -> str:
        return date_format(self.day)


def _msgid(value) -> str | None:
    """The message id of a gettext_lazy() string, None for anything else."""
    args = getattr(value, "_args", None)
    if isinstance(value, Promise) and isinstance(args, tuple) and len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return None


def _param(value) -> dict:
    if isinstance(value, ReaderDate):
        return {"d": value.day.isoformat()}
    if (nested := message_of(value)) is not None:
        return {"m": nested}
    if (msgid := _msgid(value)) is not None:
        return {"t": msgid}
    return {"s": str(value() if callable(value) else value)}


def reader_text(message, **values) -> str:
    """`message % values`, translated when it is shown, so each recipient reads it in their own language.

    `message` is a lazy translation; a value may be lazy too, a `ReaderDate`, or a callable run at that moment.
    The result is a lazy string that also remembers its message id and values, so that it can be stored
    (`message_of`) and rendered again later in another reader's language.
    """

    def render():
        return str(message) % {key: value() if callable(value) else str(value) for key, value in values.items()}

    text = lazy(render, str)()
    msgid = _msgid(message)
    if msgid is not None:
        text.reader_message = {"msgid": msgid, "params": {key: _param(value) for key, value in values.items()}}
    return text


def message_of(text) -> dict | None:
    """What to store to render `text` again in any language; None when it is plain text (store the text)."""
    return getattr(text, "reader_message", None)


def _render_param(param: dict) -> str:
    if "t" in param:
        return gettext(param["t"])
    if "d" in param:
        day = parse_date(param["d"])
        return date_format(day) if day else param["d"]
    if "m" in param:
        return message_render(param["m"])
    return str(param.get("s", ""))


def message_render(message: dict) -> str:
    """The stored message in the active language."""
    params = {key: _render_param(param) for key, param in (message.get("params") or {}).items()}
    try:
        return gettext(message["msgid"]) % params
    except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder: the English text then
        return message["msgid"] % params


def due_phrase(offset: int, due_on: date, today: date) -> str:
    if offset == OVERDUE:
        return gettext("Overdue since %(date)s") % {"date": date_format(due_on)}
    days = (due_on - today).days
    if days <= 0:
        return gettext("Due today")
    if days == 1:
        return gettext("Due tomorrow")
    return ngettext("Due in %(days)d day", "Due in %(days)d days", days) % {"days": days}
