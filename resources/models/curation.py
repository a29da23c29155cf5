"""What visitors send in: suggestions of new services and reports of problems with an entry.

Both wait in the curators' queue as "new" until a publisher accepts or rejects them; a rejection
always carries its reason. Nothing here records who the visitor is: an email address only when
they choose to give one for questions.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SubmissionQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=Submission.Status.NEW)


class Submission(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    rejection_reason = models.TextField(
        _("reason for rejecting"),
        blank=True,
        help_text=_("Required when rejecting; kept for the other curators."),
    )
    created = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created"]

    @property
    def is_new(self):
        return self.status == self.Status.NEW

    @classmethod
    def status_constraints(cls, prefix):
        return [
            models.CheckConstraint(
                condition=models.Q(status__in=cls.Status.values),
                name=f"{prefix}_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=cls.Status.REJECTED) | ~models.Q(rejection_reason=""),
                name=f"{prefix}_rejection_has_reason",
                violation_error_message=_("Give a reason for rejecting it."),
            ),
            models.CheckConstraint(
                condition=models.Q(status=cls.Status.NEW) | models.Q(handled_at__isnull=False),
                name=f"{prefix}_handled_when_decided",
            ),
        ]


class Suggestion(Submission):
    """A service a visitor thinks the directory should list."""

    name = models.CharField(_("name of the service or group"), max_length=200)
    organization_name = models.CharField(_("organisation that runs it"), max_length=200, blank=True)
    description = models.TextField(_("what it offers"))
    kinds_of_support = models.ManyToManyField(
        "resources.TaxonomyTerm",
        blank=True,
        related_name="+",
        verbose_name=_("kinds of support"),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email of the service"), blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city or town"), max_length=100, blank=True)
    postal_code = models.CharField(_("ZIP or postal code"), max_length=20, blank=True)
    when = models.TextField(_("when it is open or meets"), blank=True)
    suggester_email = models.EmailField(
        _("suggester's email"), blank=True, help_text=_("Only for questions about this suggestion.")
    )
    service = models.ForeignKey(
        "resources.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("draft service created from it"),
    )

    history = HistoricalRecords()

    class Meta(Submission.Meta):
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = Submission.status_constraints("suggestion")

    def __str__(self):
        return self.name


class ProblemReport(Submission):
    """A visitor's note that a published entry is wrong or out of date."""

    class Kind(models.TextChoices):
        WRONG_PHONE = "wrong-phone", _("The phone number is wrong")
        CLOSED = "closed", _("It has closed or stopped")
        MOVED = "moved", _("It has moved")
        OTHER = "other", _("Something else")

    service = models.ForeignKey(
        "resources.Service",
        on_delete=models.CASCADE,
        related_name="problem_reports",
        verbose_name=_("service"),
    )
    kind = models.CharField(_("problem"), max_length=12, choices=Kind.choices)
    details = models.TextField(_("details"), blank=True)
    reporter_email = models.EmailField(
        _("reporter's email"), blank=True, help_text=_("Only for questions about this report.")
    )

    history = HistoricalRecords()

    class Meta(Submission.Meta):
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        constraints = [
            *Submission.status_constraints("problem_report"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["wrong-phone", "closed", "moved", "other"]),
                name="problem_report_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.service}"


class UsedFormToken(models.Model):
    """A showing of a public form that has been sent: sent again, it stores nothing.

    `token` is the random part of the form's signed `started` field (resources/public/spam.py). The
    unique constraint, not a look-up before saving, is what makes a double click, a resend after
    a slow answer or a replayed post store one suggestion or report: of two posts of one form
    arriving at once, the second waits for the first and is refused. Rows older than a form's
    greatest age are removed as new ones come: such a form is refused as expired anyway.
    """

    token = models.CharField(_("form token"), max_length=64, unique=True)
    used_at = models.DateTimeField(_("used at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("used form token")
        verbose_name_plural = _("used form tokens")

    def __str__(self):
        return self.token
