"""Agreement expiries, renewal notices and partnerships' next steps in the calendar (see liaison.calendar)."""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.calendar.registry import CalendarEntry, CalendarSource, register

from .models import MAX_RENEWAL_NOTICE_DAYS, Agreement, Partnership


@register
class AgreementDates(CalendarSource):
    permission = "partnerships.view_agreement"
    kinds = {"agreement": gettext_lazy("Agreements")}

    def entries(self, start, end, user):
        # Expiries in the range, and agreements whose renewal notice falls in it (up to the longest notice ahead).
        agreements = Agreement.objects.in_force().filter(
            expiry_date__range=(start, end + timedelta(days=MAX_RENEWAL_NOTICE_DAYS))
        )
        for agreement in agreements.order_by("expiry_date"):
            if start <= agreement.expiry_date <= end:
                yield CalendarEntry(
                    title=_("Expires: %(agreement)s") % {"agreement": agreement},
                    start=agreement.expiry_date,
                    url=agreement.get_absolute_url(),
                    kind="agreement",
                    uid=f"agreement-expiry-{agreement.pk}",
                )
            notice = agreement.renewal_notice_date
            if notice != agreement.expiry_date and start <= notice <= end:
                yield CalendarEntry(
                    title=_("Renewal notice: %(agreement)s") % {"agreement": agreement},
                    start=notice,
                    url=agreement.get_absolute_url(),
                    kind="agreement",
                    uid=f"agreement-notice-{agreement.pk}",
                )


@register
class NextSteps(CalendarSource):
    permission = "partnerships.view_partnership"
    kinds = {"partnership": gettext_lazy("Partnerships' next steps")}

    def entries(self, start, end, user):
        partnerships = Partnership.objects.open().filter(next_step_due__range=(start, end))
        for partnership in partnerships.order_by("next_step_due"):
            yield CalendarEntry(
                title=_("Next step: %(step)s (%(partnership)s)")
                % {"step": partnership.next_step or _("to be decided"), "partnership": partnership.title},
                start=partnership.next_step_due,
                url=partnership.get_absolute_url(),
                kind="partnership",
                uid=f"partnership-next-step-{partnership.pk}",
            )
