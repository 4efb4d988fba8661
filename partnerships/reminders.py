"""What Partnerships asks the reminder engine to remind: renewal notices and next steps."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from liaison.reminders.registry import DueItem, ReaderDate, ReminderSource, reader_text, register

from .models import MAX_RENEWAL_NOTICE_DAYS, Agreement, Partnership


@register
class AgreementRenewalSource(ReminderSource):
    """An agreement in force must be renewed (or let go) by its expiry date minus its renewal notice period."""

    key = "partnerships.agreement_renewal"
    label = _("Agreement renewals")
    models = ("partnerships.Agreement",)

    def items(self, start, end):
        # The notice date is computed here rather than in SQL (date minus a per-row number of days is not
        # portable); the expiry window is widened by the longest notice period allowed.
        candidates = (
            Agreement.objects.in_force()
            .filter(expiry_date__range=(start, end + timedelta(days=MAX_RENEWAL_NOTICE_DAYS)))
            .select_related("owner")
        )
        for agreement in candidates:
            due = agreement.renewal_notice_date
            if start <= due <= end:
                yield DueItem(
                    obj=agreement,
                    due=due,
                    recipients=(agreement.owner,),
                    title=reader_text(
                        _("Renewal notice: %(agreement)s expires on %(date)s"),
                        agreement=agreement,
                        date=ReaderDate(agreement.expiry_date),
                    ),
                    url=agreement.get_absolute_url(),
                )


@register
class NextStepSource(ReminderSource):
    """A partnership's next step, while the partnership is neither completed nor dropped."""

    key = "partnerships.next_step"
    label = _("Partnership next steps")
    models = ("partnerships.Partnership",)

    def items(self, start, end):
        partnerships = Partnership.objects.open().filter(next_step_due__range=(start, end)).select_related("owner")
        for partnership in partnerships:
            yield DueItem(
                obj=partnership,
                due=partnership.next_step_due,
                recipients=(partnership.owner,),
                title=reader_text(
                    _("Next step: %(step)s (%(partnership)s)"),
                    step=partnership.next_step or _("to be decided"),
                    partnership=partnership,
                ),
                url=partnership.get_absolute_url(),
            )
