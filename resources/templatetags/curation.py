"""The curators' dashboard on the admin's home page."""

from django import template

from resources.models import ProblemReport, Service, Suggestion

register = template.Library()

OVERDUE_SHOWN = 10


@register.inclusion_tag("admin/resources/includes/dashboard.html", takes_context=True)
def curator_dashboard(context):
    """Overdue verification first, then what waits: drafts, new suggestions, new reports.

    Each part is shown only to a curator allowed to see what it links to.
    """
    user = context["request"].user
    dashboard = {"overdue": None, "overdue_count": 0, "counts": []}
    if user.has_perm("resources.view_service"):
        overdue = Service.objects.verification_queue().select_related("organization")
        dashboard["overdue"] = list(overdue[:OVERDUE_SHOWN])
        dashboard["overdue_count"] = overdue.count()
        dashboard["counts"].append(("drafts", Service.objects.drafts().count()))
    if user.has_perm("resources.view_suggestion"):
        dashboard["counts"].append(("suggestions", Suggestion.objects.new().count()))
    if user.has_perm("resources.view_problemreport"):
        dashboard["counts"].append(("reports", ProblemReport.objects.new().count()))
    dashboard["counts"] = dict(dashboard["counts"])
    return {"dashboard": dashboard, "shown": user.has_perm("resources.view_service")}
