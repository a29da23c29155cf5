from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from resources import vocabulary
from resources.context_processors import site
from resources.models import Service, TaxonomyTerm


@require_safe
def home(request):
    kinds_of_support = TaxonomyTerm.objects.kinds_of_support().with_published_service_counts()
    return render(request, "resources/home.html", {"kinds_of_support": kinds_of_support})


@require_safe
def kind_of_support(request, slug):
    kind = get_object_or_404(TaxonomyTerm.objects.kinds_of_support(), code=slug)
    services = Service.objects.published().with_terms_of(vocabulary.SUPPORT, [slug]).for_cards()
    return render(request, "resources/kind_of_support.html", {"kind": kind, "services": services})


@require_safe
def service_detail(request, slug):
    service = get_object_or_404(Service.objects.published().for_detail_page(), slug=slug)
    return render(request, "resources/service_detail.html", {"service": service})


def server_error(request):
    """The 500 page, with the crisis line but without touching the database."""
    return HttpResponseServerError(loader.render_to_string("500.html", site(request)))


@require_safe
def favicon(request):
    # Not permanent: the static file's hashed name changes with its content.
    return redirect(static("img/favicon.svg"))
