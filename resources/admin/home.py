"""A picture of the directory on the admin's home page: the totals by status, and two charts
(published services by kind of support, and by how long ago they were verified).

Each part is one aggregate query however many services there are; each links to the services
list filtered to what it counts. The charts are drawn here as SVG bars, the templates in
templates/admin/resources/includes/ only place them.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from resources.admin.filters import LastVerifiedListFilter
from resources.models import ProposedChange, Service, TaxonomyTerm
from resources.models.services import verification_age_limits

# What a status is called in the totals, in the order shown: what visitors see, then what they
# do not.
STATUS_TOTALS = [
    (Service.Status.PUBLISHED, _("published")),
    (Service.Status.DRAFT, _("drafts")),
    (Service.Status.INACTIVE, _("inactive")),
    (Service.Status.TEMPORARILY_CLOSED, _("temporarily closed")),
    (Service.Status.DEFUNCT, _("defunct (closed for good)")),
]

# The charts' drawing, in the SVG's own units; the viewBox scales it to the page's width.
CHART_WIDTH = 400
BAR_MAX = 330
ROW_HEIGHT = 40
LABEL_BASELINE = 15
BAR_TOP = 21
BAR_HEIGHT = 14


@dataclass
class Figure:
    """One number of the picture: what it counts, how many, and where they are listed."""

    label: str
    count: int
    url: str


@dataclass
class Bar:
    figure: Figure
    top: int
    width: int

    @property
    def label_y(self):
        return self.top + LABEL_BASELINE

    @property
    def bar_y(self):
        return self.top + BAR_TOP

    @property
    def count_y(self):
        return self.bar_y + BAR_HEIGHT - 2


@dataclass
class Chart:
    bars: list
    width: int = CHART_WIDTH
    bar_max: int = BAR_MAX
    bar_height: int = BAR_HEIGHT
    row_height: int = ROW_HEIGHT

    @property
    def height(self):
        return len(self.bars) * ROW_HEIGHT


def services_url(**filters):
    url = reverse("admin:resources_service_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def totals(user):
    """The totals shown to `user`, as Figures in order.

    Another kind of record waiting for curators gets its entry here, behind its own view
    permission, and the template shows it with the others.
    """
    figures = []
    if user.has_perm("resources.view_service"):
        counts = dict(
            # COUNT(*) rather than of a column: PostgreSQL counts from the status index alone.
            Service.objects.order_by().values_list("status").annotate(services=Count("*"))
        )
        figures += [
            Figure(
                label,
                counts.get(status, 0),
                services_url(status__exact=status),
            )
            for status, label in STATUS_TOTALS
        ]
    if user.has_perm("resources.view_proposedchange"):
        figures.append(
            Figure(
                _("proposed changes"),
                ProposedChange.objects.waiting().changes().count(),
                reverse("admin:resources_proposedchange_changelist") + "?waiting=changes",
            )
        )
    return figures


def kinds_of_support():
    """Published services by kind of support, one Figure a term in the vocabulary's order.

    Counted as the search pages count them (resources.search.facet_cache): one query for every term,
    kept until a service changes, and usually already counted for the public pages."""
    return [
        Figure(
            term.label,
            term.published_service_count,
            services_url(status__exact=Service.Status.PUBLISHED, support=term.code),
        )
        for term in TaxonomyTerm.objects.kinds_of_support().with_published_service_counts()
    ]


def verification_ages(today=None):
    """Published services by how long ago they were verified, with the services list's own
    verification filter: recent, in between, overdue, never."""
    recent_from, overdue_from = verification_age_limits(today)
    filter_ = LastVerifiedListFilter
    # Counting a column an index on (status, assured_date) would hold (never null), so that
    # PostgreSQL could count from such an index alone.
    counts = Service.objects.published().aggregate(
        **{
            filter_.RECENT: Count("status", filter=Q(assured_date__gte=recent_from)),
            filter_.MIDDLE: Count(
                "status", filter=Q(assured_date__gte=overdue_from, assured_date__lt=recent_from)
            ),
            filter_.OVERDUE: Count("status", filter=Q(assured_date__lt=overdue_from)),
            filter_.NEVER: Count("status", filter=Q(assured_date__isnull=True)),
        }
    )
    labels = dict(filter_.ages())
    return [
        Figure(
            labels[age],
            counts[age],
            services_url(status__exact=Service.Status.PUBLISHED, **{filter_.parameter_name: age}),
        )
        for age in [filter_.RECENT, filter_.MIDDLE, filter_.OVERDUE, filter_.NEVER]
    ]


def chart(figures):
    """Horizontal bars for `figures`, the longest as wide as the chart allows."""
    most = max((figure.count for figure in figures), default=0)
    return Chart(
        [
            Bar(
                figure,
                top=index * ROW_HEIGHT,
                width=_bar_width(figure.count, most),
            )
            for index, figure in enumerate(figures)
        ]
    )


def _bar_width(count, most):
    if not count:
        return 0
    # A bar for any count at all, however small beside the others.
    return max(1, round(count * BAR_MAX / most))
