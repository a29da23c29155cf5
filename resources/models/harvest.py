"""Other directories' HSDS feeds that this directory takes services from (harvest_hsds)."""

from datetime import timedelta

from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MAX_INTERVAL_HOURS = 24 * 366


class HarvestSourceQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(enabled=True)

    def due(self, now):
        """The enabled sources never run, or last run at least their interval before `now`.

        A failed run counts as a run: a broken feed is tried again after its interval, not at
        every tick of the timer."""
        return [source for source in self.enabled().order_by("name") if source.is_due(now)]


class HarvestSource(models.Model):
    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        help_text=_("Whose directory this is, as curators know it, e.g. County helplines."),
    )
    base_url = models.URLField(
        _("API address"),
        max_length=500,
        unique=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_(
            "The root of the directory's HSDS 3.0 API, the address before /services, e.g. "
            "https://example.org/api."
        ),
    )
    interval_hours = models.PositiveIntegerField(
        _("every (hours)"),
        default=24,
        help_text=_(
            "How often the harvest timer takes this feed's changes. The timer itself must run "
            "(README: Harvesting other directories' feeds)."
        ),
    )
    enabled = models.BooleanField(
        _("enabled"), default=True, help_text=_("Untick to stop harvesting this feed.")
    )
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(
        _("last success"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the last run that imported started: the next run asks only for the services "
            "changed since then."
        ),
    )
    last_counts = models.JSONField(_("last counts"), default=dict, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    last_report = models.TextField(_("last report"), blank=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    objects = HarvestSourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("harvested feed")
        verbose_name_plural = _("harvested feeds")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="harvest_source_name_is_not_empty"),
            models.CheckConstraint(
                condition=Q(base_url__startswith="http://") | Q(base_url__startswith="https://"),
                name="harvest_source_url_is_http",
                violation_error_message=_("The API address must start with http:// or https://."),
            ),
            models.CheckConstraint(
                condition=Q(interval_hours__gte=1) & Q(interval_hours__lte=MAX_INTERVAL_HOURS),
                name="harvest_source_interval_in_range",
                violation_error_message=_("Harvest at most every hour and at least once a year."),
            ),
            models.CheckConstraint(
                condition=Q(last_success_at__isnull=True)
                | Q(last_run_at__gte=F("last_success_at")),
                name="harvest_source_success_is_a_run",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.base_url = self.base_url.rstrip("/")
        super().save(*args, **kwargs)

    def clean(self):
        # Before the form checks that the address is not taken: with and without a final slash
        # it is the same feed.
        self.base_url = self.base_url.rstrip("/")

    def is_due(self, now):
        if not self.enabled:
            return False
        if self.last_run_at is None:
            return True
        return self.last_run_at + timedelta(hours=self.interval_hours) <= now
