"""E-mail backends that fail the way SMTP servers do, for the retry tests."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class TemporaryFailureBackend(BaseEmailBackend):
    """The server drops the connection: worth trying again later."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class PermanentFailureBackend(BaseEmailBackend):
    """The server refuses the mailbox for good."""

    def send_messages(self, messages):
        raise smtplib.SMTPDataError(550, b"5.1.1 Mailbox does not exist")
