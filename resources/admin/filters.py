"""List filters for the services changelist: one per supportdir facet, and verification age."""

from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resources import vocabulary
from resources.models import TaxonomyTerm
from resources.models.services import verification_age_limits


class FacetListFilter(admin.SimpleListFilter):
    """Services that have a given term of one facet; subclasses name the facet."""

    taxonomy_name = None

    def lookups(self, request, model_admin):
        return [(term.code, term.label) for term in TaxonomyTerm.objects.of(self.taxonomy_name)]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.with_terms_of(self.taxonomy_name, [self.value()])


def facet_list_filter(taxonomy_name):
    """`supportdir:topic` -> a filter titled "Topic" with the query parameter `topic`."""
    return type(
        f"{taxonomy_name.split(':')[-1].title()}ListFilter",
        (FacetListFilter,),
        {
            "taxonomy_name": taxonomy_name,
            "title": _(vocabulary.FACETS[taxonomy_name]["label"]),
            "parameter_name": taxonomy_name.split(":")[-1],
        },
    )


FACET_LIST_FILTERS = [facet_list_filter(taxonomy_name) for taxonomy_name in vocabulary.FACETS]


def _months(days):
    return round(days * 12 / 365)


class LastVerifiedListFilter(admin.SimpleListFilter):
    """How long ago a curator last checked a service; the overdue limit is a setting."""

    title = _("last verified")
    parameter_name = "verified"

    NEEDS_VERIFYING = "due"
    NEVER = "never"
    RECENT = "recent"
    MIDDLE = "middle"
    OVERDUE = "overdue"

    def lookups(self, request, model_admin):
        return [(self.NEEDS_VERIFYING, _("Needs verifying (never, or overdue)")), *self.ages()]

    @classmethod
    def ages(cls):
        """The verification ages, each (value, label): never, recent, in between, overdue."""
        overdue_months = _months(settings.VERIFICATION_OVERDUE_DAYS)
        recent_months = _months(settings.VERIFICATION_OVERDUE_DAYS // 2)
        return [
            (cls.NEVER, _("Never verified")),
            (
                cls.RECENT,
                ngettext("Within %(months)d month", "Within %(months)d months", recent_months)
                % {"months": recent_months},
            ),
            (
                cls.MIDDLE,
                ngettext(
                    "%(recent)d to %(months)d month ago",
                    "%(recent)d to %(months)d months ago",
                    overdue_months,
                )
                % {"recent": recent_months, "months": overdue_months},
            ),
            (
                cls.OVERDUE,
                ngettext("Over %(months)d month ago", "Over %(months)d months ago", overdue_months)
                % {"months": overdue_months},
            ),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        recent_from, overdue_from = verification_age_limits(today)
        match self.value():
            case self.NEEDS_VERIFYING:
                return queryset.verification_overdue(today)
            case self.NEVER:
                return queryset.filter(assured_date__isnull=True)
            case self.RECENT:
                return queryset.filter(assured_date__gte=recent_from)
            case self.MIDDLE:
                return queryset.filter(assured_date__gte=overdue_from, assured_date__lt=recent_from)
            case self.OVERDUE:
                return queryset.verification_overdue(today).filter(assured_date__isnull=False)
        return queryset
