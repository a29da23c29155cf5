from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resources import vocabulary
from resources.models.base import HSDSRecord


class TaxonomyQuerySet(models.QuerySet):
    def facets(self):
        """Our own supportdir:* vocabularies, in the order visitors meet them."""
        return self.filter(name__in=vocabulary.FACETS)


class Taxonomy(HSDSRecord):
    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        help_text=_("Our facets are named supportdir:…; other taxonomies keep their own name."),
    )
    description = models.TextField(_("description"), blank=True)
    uri = models.URLField(_("web address"), blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # Curators call them vocabularies; HSDS calls them taxonomies (the API's /taxonomies).
        verbose_name = _("vocabulary (HSDS taxonomy)")
        verbose_name_plural = _("vocabularies (HSDS taxonomies)")

    def __str__(self):
        return self.label

    @property
    def is_facet(self):
        return self.name in vocabulary.FACETS

    @property
    def label(self):
        facet = vocabulary.FACETS.get(self.name)
        return gettext(facet["label"]) if facet else self.name


class TaxonomyTermQuerySet(models.QuerySet):
    def of(self, taxonomy_name):
        return self.filter(taxonomy__name=taxonomy_name)

    def kinds_of_support(self):
        return self.of(vocabulary.SUPPORT)

    def giving(self, term):
        """Terms of this queryset found on published services that also have `term`, counted."""
        from resources.models.services import ServiceStatus

        return (
            self.filter(services__status=ServiceStatus.PUBLISHED, services__terms=term)
            .annotate(published_service_count=models.Count("services", distinct=True))
            .order_by("position", "name")
        )

    def facets_in_order(self):
        """Terms of our six facets, facet by facet as DOMAIN.md lists them, each in order."""
        facet_order = models.Case(
            *(
                models.When(taxonomy__name=name, then=models.Value(index))
                for index, name in enumerate(vocabulary.FACETS)
            ),
            output_field=models.IntegerField(),
        )
        return (
            self.filter(taxonomy__name__in=vocabulary.FACETS)
            .select_related("taxonomy")
            .order_by(facet_order, "position", "name")
        )

    def with_published_service_counts(self):
        """These terms in order, each with `published_service_count`, counted from the cache
        (resources.search.facet_cache) rather than over every service on each page."""
        from resources.search.facet_cache import published_term_counts

        counts = published_term_counts()
        terms = list(self.order_by("position", "name"))
        for term in terms:
            term.published_service_count = counts.get(term.pk, 0)
        return terms


class TaxonomyTerm(HSDSRecord):
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.PROTECT, related_name="terms", verbose_name=_("taxonomy")
    )
    code = models.SlugField(
        _("code"),
        max_length=100,
        allow_unicode=True,
        help_text=_("Used in web addresses and exported data; never rename a published one."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What a visitor gets, in one plain sentence.")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent term"),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in which the term is listed.")
    )
    language = models.CharField(
        _("language"),
        max_length=20,
        blank=True,
        help_text=_("The language of the term's name (ISO 639-1 or 639-2), if given."),
    )
    term_uri = models.URLField(_("term's web address"), max_length=500, blank=True)

    objects = TaxonomyTermQuerySet.as_manager()

    class Meta:
        ordering = ["taxonomy__name", "position", "name"]
        verbose_name = _("vocabulary term (HSDS taxonomy term)")
        verbose_name_plural = _("vocabulary terms (HSDS taxonomy terms)")
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "code"], name="taxonomy_term_code_unique_in_taxonomy"
            ),
            models.CheckConstraint(condition=~models.Q(code=""), name="taxonomy_term_has_code"),
        ]

    def __str__(self):
        return f"{self.taxonomy.label}: {self.label}"

    @property
    def label(self):
        return gettext(self.name)

    @property
    def explanation(self):
        return gettext(self.description) if self.description else ""
