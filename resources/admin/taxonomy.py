from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from resources import vocabulary
from resources.admin import sidebar
from resources.admin.inlines import TaxonomyTermInline
from resources.models import Service, Taxonomy, TaxonomyTerm


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["label", "name", "term_count"]
    search_fields = ["name", "description"]
    fields = ["name", "description", "uri", "version"]
    inlines = [TaxonomyTermInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(term_count=Count("terms"))

    @admin.display(description=_("label"), ordering="name")
    def label(self, taxonomy):
        return taxonomy.label

    @admin.display(description=_("terms"), ordering="term_count")
    def term_count(self, taxonomy):
        return taxonomy.term_count


class FacetListFilter(admin.SimpleListFilter):
    """The terms of one of our facets, as the sidebar's "Kinds of support", "Topics"... list
    them (resources/admin/sidebar.py)."""

    title = _("facet")
    parameter_name = sidebar.FACET_PARAMETER

    def lookups(self, request, model_admin):
        return list(sidebar.FACET_ENTRIES.items())

    def queryset(self, request, queryset):
        if self.value() in sidebar.FACET_ENTRIES:
            return queryset.of(self.value())
        return queryset


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "taxonomy", "position"]
    list_select_related = ["taxonomy"]
    list_filter = [FacetListFilter, "taxonomy"]
    search_fields = ["name", "code", "taxonomy__name"]
    fieldsets = [
        (None, {"fields": ["taxonomy", "name", "code", "description", "parent", "position"]}),
        (
            _("More HSDS details"),
            {"classes": ["collapse"], "fields": ["language", "term_uri"]},
        ),
    ]
    prepopulated_fields = {"code": ["name"]}
    autocomplete_fields = ["parent"]

    def changelist_view(self, request, extra_context=None):
        # Opened from the sidebar's "Kinds of support", the list is called that.
        facet = sidebar.FACET_ENTRIES.get(request.GET.get(sidebar.FACET_PARAMETER))
        if facet is not None:
            extra_context = {"title": facet, "subtitle": None, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        # A term's name includes its taxonomy's label, in lists and autocomplete results.
        return super().get_queryset(request).select_related("taxonomy")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The service form picks our facets' terms with checkboxes; its autocomplete is for the
        # terms of every other taxonomy.
        if _is_autocomplete_for(request, Service, "terms"):
            queryset = queryset.exclude(taxonomy__name__in=vocabulary.FACETS)
        return queryset, may_have_duplicates


def _is_autocomplete_for(request, model, field_name):
    return (
        request.resolver_match is not None
        and request.resolver_match.url_name == "autocomplete"
        and request.GET.get("app_label") == model._meta.app_label
        and request.GET.get("model_name") == model._meta.model_name
        and request.GET.get("field_name") == field_name
    )
