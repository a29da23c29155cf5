"""The curators' decisions on what visitors send in; each one is a single transaction.

Accepting a suggestion turns it into a draft service, pre-filled from what the visitor wrote, for
a curator to check and publish. Accepting a report marks it as being fixed; the fix itself is an
ordinary edit of the service. Rejecting always records a reason.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from resources.models import (
    Location,
    Organization,
    Phone,
    ProblemReport,
    Service,
    ServiceAtLocation,
    Suggestion,
)
from resources.places.placing import place_approximately


class AlreadyHandled(Exception):
    """Another curator decided on this submission first."""

    def __init__(self, submission):
        self.submission = submission
        super().__init__(
            _("“%(submission)s” was already %(status)s.")
            % {"submission": submission, "status": submission.get_status_display().lower()}
        )


def accept_suggestion(suggestion, user):
    """Create a draft service from a suggestion and mark the suggestion accepted."""
    with transaction.atomic():
        suggestion = _lock_new(Suggestion, suggestion.pk)
        organization = _organization_for(suggestion, user)
        service = Service(
            organization=organization,
            name=suggestion.name,
            slug=unique_service_slug(suggestion.name),
            status=Service.Status.DRAFT,
            description=suggestion.description,
            url=suggestion.website,
            email=suggestion.email,
        )
        _save_as(service, user, _("Made from a visitor's suggestion"))
        service.terms.set(suggestion.kinds_of_support.all())
        if suggestion.phone:
            _save_as(Phone(service=service, number=suggestion.phone), user)
        if suggestion.address or suggestion.city or suggestion.postal_code:
            location = Location(
                name=suggestion.name,
                organization=organization,
                address_1=suggestion.address,
                city=suggestion.city,
                postal_code=suggestion.postal_code,
            )
            place_approximately(location)
            _save_as(location, user)
            ServiceAtLocation.objects.create(service=service, location=location)
        suggestion.service = service
        _decide(suggestion, user, Suggestion.Status.ACCEPTED)
    return service


def accept_report(report, user):
    """Take on a problem report: the curator goes on to fix the service it is about."""
    with transaction.atomic():
        report = _lock_new(ProblemReport, report.pk)
        _decide(report, user, ProblemReport.Status.ACCEPTED)
    return report


def reject(submission, user, reason):
    """Reject a suggestion or a report; the reason is required and kept."""
    reason = reason.strip()
    if not reason:
        raise ValueError("A rejection needs a reason.")
    with transaction.atomic():
        submission = _lock_new(type(submission), submission.pk)
        submission.rejection_reason = reason
        _decide(submission, user, submission.Status.REJECTED)
    return submission


def unique_service_slug(name):
    base = slugify(name)[:190] or "service"
    slug, number = base, 1
    while Service.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _lock_new(model, pk):
    submission = model.objects.select_for_update().get(pk=pk)
    if not submission.is_new:
        raise AlreadyHandled(submission)
    return submission


def _organization_for(suggestion, user):
    name = suggestion.organization_name or suggestion.name
    organization = Organization.objects.filter(name__iexact=name).first()
    if organization is None:
        organization = Organization(name=name, website=suggestion.website)
        _save_as(organization, user)
    return organization


def _decide(submission, user, status):
    submission.status = status
    submission.handled_by = user
    submission.handled_at = timezone.now()
    _save_as(submission, user, submission.get_status_display())


def _save_as(obj, user, reason=""):
    # The history rows name the curator even when no request is around (a shell, a command).
    obj._history_user = user
    obj._change_reason = reason
    obj.save()
