"""Celery tasks of the webhooks: one attempt at a delivery (retried with back-off), and the catch-up."""

from celery import shared_task

from . import webhooks


@shared_task(bind=True, ignore_result=True, max_retries=None)
def deliver_webhook(self, delivery_id):
    """One attempt; a failure schedules the next through Celery after the delay WEBHOOK_RETRY_DELAYS gives.

    The row, not the message, says whether a delivery is due: a message that comes early, twice, or
    after the delivery went out claims nothing and sends nothing.
    """
    delay = webhooks.attempt(delivery_id)
    if delay is not None and not self.request.is_eager:
        raise self.retry(countdown=delay)


@shared_task(ignore_result=True)
def send_due_webhooks():
    """Beat's catch-up (every minute): deliveries due whose message was lost (Redis down, a worker killed)."""
    for delivery_id in webhooks.due_deliveries():
        deliver_webhook.delay(delivery_id)
