"""The public pages: home, search, browse by kind of support or topic, the chooser, guides, a
service's page and its meetings calendar, and the error pages. Each asks one function for its
content (search.page.find, chooser, guides) and renders it."""

import copy

from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from resources import vocabulary
from resources.models import Service, TaxonomyTerm
from resources.models.services import prefetch_for_cards, prefetch_for_detail_page
from resources.public import chooser, guides
from resources.public.context import languages, site
from resources.schedules import calendar
from resources.search.facet_cache import cached_result
from resources.search.page import SORTS, SearchForm, find
from supportdir.outages import unavailable_response


@require_safe
def home(request):
    kinds_of_support = TaxonomyTerm.objects.kinds_of_support().with_published_service_counts()
    return render(
        request,
        "resources/home.html",
        {
            "kinds_of_support": kinds_of_support,
            "recently_verified": _get_recently_verified(),
            "search_form": SearchForm(),
        },
    )


def _get_recently_verified():
    """The four services verified last, from the cache until the directory changes; their
    cards' details read afresh."""
    services = cached_result(
        "recently-verified",
        (),
        lambda: list(
            Service.objects.published().recently_verified().select_related("organization")[:4]
        ),
    )
    return prefetch_for_cards(services)


@require_safe
def search_page(request):
    return render(request, "resources/search.html", {"results": find(request.GET), "sorts": SORTS})


@require_safe
def choose(request):
    """What would help right now? A few questions, each one skippable."""
    return render(
        request,
        "resources/choose.html",
        {"questions": chooser.QUESTIONS, "languages": chooser.languages_offered()},
    )


@require_safe
def chooser_results(request):
    """The chooser's answers, as the search they lead to: nothing is kept but the address."""
    return redirect(reverse("resources:search") + chooser.search_query(request.GET))


@require_safe
def guide_index(request):
    return render(request, "resources/guides/index.html", {"guides": guides.GUIDES})


@require_safe
def guide(request, slug):
    found = guides.GUIDES_BY_SLUG.get(slug)
    if found is None:
        raise Http404
    return render(
        request,
        found.template_name,
        {"guide": found, "guides": guides.GUIDES, "links": guides.search_links()},
    )


def _browse(request, term, parameter, extra=None):
    """A kind of support or a topic: what it is, where to find it, and the search fixed to it."""
    return render(
        request,
        "resources/browse.html",
        {
            "term": term,
            "parameter": parameter,
            "results": find(request.GET, preset={parameter: [term.code]}),
            "sorts": SORTS,
            "resource_kinds": cached_result(
                "resource-kinds",
                (term.pk,),
                lambda: list(TaxonomyTerm.objects.of(vocabulary.RESOURCE).giving(term)),
            ),
            **(extra or {}),
        },
    )


@require_safe
def kind_of_support(request, slug):
    kind = get_object_or_404(TaxonomyTerm.objects.kinds_of_support(), code=slug)
    return _browse(request, kind, "support", {"in_practice": guides.IN_PRACTICE.get(kind.code)})


@require_safe
def topic(request, slug):
    term = get_object_or_404(TaxonomyTerm.objects.of(vocabulary.TOPIC), code=slug)
    return _browse(request, term, "topic")


@require_safe
def service_detail(request, slug):
    service = get_object_or_404(
        Service.objects.published().select_related("organization"), slug=slug
    )
    similar = _get_similar(service)
    prefetch_for_detail_page(service, similar)
    return render(
        request, "resources/service_detail.html", {"service": service, "similar": similar}
    )


def _get_similar(service):
    """Services like `service` (ServiceQuerySet.similar_to), kept in the cache until the
    directory changes; the cards' details of the kept ones are read afresh."""
    found = []

    def similar():
        found.extend(Service.objects.published().similar_to(service))
        kept = [copy.copy(candidate) for candidate in found]
        for candidate in kept:
            candidate.__dict__.pop("_prefetched_objects_cache", None)
        return kept

    kept = cached_result("similar-services", (service.pk,), similar)
    return found or kept


def bad_request(request, exception):
    """A query string Django refuses outright (thousands of fields): a calm page, not a 500."""
    return render(request, "400.html", {"search_form": SearchForm()}, status=400)


def server_error(request):
    """The 500 page, with the crisis line but without touching the database; the 503 page when
    the error is a database that cannot be reached."""
    unavailable = unavailable_response(request)
    if unavailable is not None:
        return unavailable
    context = site(request) | languages(request)
    return HttpResponseServerError(loader.render_to_string("500.html", context))


@require_safe
def favicon(request):
    # Not permanent: the static file's hashed name changes with its content.
    return redirect(static("img/favicon.svg"))


@require_safe
def meetings_calendar(request, slug):
    """A published service's meetings (or hours) as an .ics file for calendar apps."""
    service = get_object_or_404(Service.objects.published().for_detail_page(), slug=slug)
    url = request.build_absolute_uri(service.get_absolute_url())
    ics = calendar.meetings_calendar(service, timezone.now(), url=url)
    if ics is None:
        raise Http404
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{service.slug}.ics"'
    return response
