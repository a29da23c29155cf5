"""The curators' dashboard on the admin's home page."""

from django import template

from resources.curation import review
from resources.models import ProblemReport, ProposedChange, Service, Suggestion

register = template.Library()

OVERDUE_SHOWN = 10


@register.inclusion_tag("admin/resources/includes/dashboard.html", takes_context=True)
def curator_dashboard(context):
    """Overdue verification first, then what waits: drafts, proposed changes and drafts ready
    for review, new suggestions, new reports.

    Each part is shown only to a curator allowed to see what it links to.
    """
    user = context["request"].user
    dashboard = {"overdue": None, "overdue_count": 0, "counts": {}}
    if user.has_perm("resources.view_service"):
        overdue = Service.objects.verification_queue().select_related("organization")
        dashboard["overdue"] = list(overdue[:OVERDUE_SHOWN])
        dashboard["overdue_count"] = overdue.count()
        dashboard["counts"]["drafts"] = Service.objects.drafts().count()
    if user.has_perm("resources.view_proposedchange"):
        dashboard["counts"].update(review.waiting_counts())
        dashboard["counts"]["sent_back"] = ProposedChange.objects.sent_back_to(user).count()
    if user.has_perm("resources.view_suggestion"):
        dashboard["counts"]["suggestions"] = Suggestion.objects.new().count()
    if user.has_perm("resources.view_problemreport"):
        dashboard["counts"]["reports"] = ProblemReport.objects.new().count()
    return {"dashboard": dashboard, "shown": user.has_perm("resources.view_service")}
