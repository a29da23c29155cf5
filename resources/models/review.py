"""Editors' changes waiting for a publisher: a published service's proposed change, or a draft
its editor marks ready for review (resources/curation/review.py applies, compares and previews
them)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposedChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ProposedChange.Status.PENDING)

    def waiting(self):
        """What waits for a publisher: pending changes, and drafts marked ready that are still
        drafts (publishing a draft some other way answers its request)."""
        from resources.models.services import Service

        return self.pending().filter(
            models.Q(kind=ProposedChange.Kind.CHANGE)
            | models.Q(kind=ProposedChange.Kind.DRAFT, service__status=Service.Status.DRAFT)
        )

    def changes(self):
        return self.filter(kind=ProposedChange.Kind.CHANGE)

    def drafts(self):
        return self.filter(kind=ProposedChange.Kind.DRAFT)

    def sent_back_to(self, user):
        return self.filter(status=ProposedChange.Status.SENT_BACK, proposed_by=user)


class ProposedChangeKind(models.TextChoices):
    CHANGE = "change", _("Change to a published service")
    DRAFT = "draft", _("Draft ready for review")


class ProposedChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    SENT_BACK = "sent_back", _("Sent back")
    CLOSED = "closed", _("Closed without review")


class ProposedChange(models.Model):
    """One editor's save of a published service, kept until a publisher publishes it or sends it
    back; or a draft the editor says is ready for review.

    A change holds the change form as it was sent (`data`) and the service's version it started
    from: applying it saves that form again, as the editor would have, so there is one way of
    saving a service. At most one waits for review for each service at a time.
    """

    # Outside the class, where its Meta's constraints can read them too.
    Kind = ProposedChangeKind
    Status = ProposedChangeStatus

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "resources.Service",
        on_delete=models.CASCADE,
        related_name="proposed_changes",
        verbose_name=_("service"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CHANGE)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    data = models.JSONField(_("the form as sent"), default=dict, blank=True)
    base_version = models.PositiveIntegerField(_("version it started from"), null=True, blank=True)
    created = models.DateTimeField(_("proposed"), auto_now_add=True, db_index=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    decided_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    note = models.TextField(
        _("note to the editor"),
        blank=True,
        help_text=_("Required when sending a change back: what to change, or why not."),
    )

    objects = ProposedChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        constraints = [
            # One at a time for each service: a publisher reviews each against the published
            # version, and a second would be stale the moment the first is published.
            models.UniqueConstraint(
                fields=["service"],
                condition=models.Q(status=ProposedChangeStatus.PENDING),
                name="proposed_change_one_pending_per_service",
                violation_error_message=_(
                    "A change to this service is already waiting for review."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ProposedChangeStatus.values),
                name="proposed_change_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ProposedChangeKind.values),
                name="proposed_change_kind_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ProposedChangeStatus.SENT_BACK) | ~models.Q(note=""),
                name="proposed_change_sent_back_has_note",
                violation_error_message=_("Say why it is sent back."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ProposedChangeKind.CHANGE)
                | models.Q(base_version__isnull=False),
                name="proposed_change_has_base_version",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.service}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_change(self):
        return self.kind == self.Kind.CHANGE

    @property
    def is_stale(self):
        """A change made from an older version than the service's own: publishing it would undo
        what was saved in between, so it is refused."""
        return self.is_change and self.base_version != self.service.version
