"""Print the services whose verification is overdue, e.g. for a weekly email from cron:

0 8 * * 1  cd /srv/supportdir && .venv/bin/python manage.py stale_report | mail -s ...
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resources.models import Service
from resources.models.services import verification_cutoff


class Command(BaseCommand):
    help = "Lists the services not verified with their provider within VERIFICATION_OVERDUE_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="Prefix for the admin links, e.g. https://support.example.org",
        )

    def handle(self, *args, base_url, **options):
        today = timezone.localdate()
        services = list(Service.objects.verification_queue(today).select_related("assured_by"))
        cutoff = verification_cutoff(today)
        if not services:
            self.stdout.write(
                _("No service is overdue for verification (all verified since %(date)s).")
                % {"date": cutoff.isoformat()}
            )
            return
        self.stdout.write(
            ngettext(
                "%(count)d service not verified since %(date)s (%(days)d days), "
                "never verified first:",
                "%(count)d services not verified since %(date)s (%(days)d days), "
                "never verified first:",
                len(services),
            )
            % {
                "count": len(services),
                "date": cutoff.isoformat(),
                "days": settings.VERIFICATION_OVERDUE_DAYS,
            }
        )
        self.stdout.write("")
        for service in services:
            if service.assured_date and service.assured_by:
                verified = _("last verified %(date)s by %(curator)s") % {
                    "date": service.assured_date.isoformat(),
                    "curator": service.assured_by.get_username(),
                }
            elif service.assured_date:
                verified = _("last verified %(date)s") % {"date": service.assured_date.isoformat()}
            else:
                verified = _("never verified")
            link = base_url.rstrip("/") + reverse(
                "admin:resources_service_change", args=[service.pk]
            )
            self.stdout.write(f"- {service.name} [{service.get_status_display()}]: {verified}")
            self.stdout.write(f"  {link}")
