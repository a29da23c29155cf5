from django.shortcuts import get_object_or_404, render

from resources.models import Service, TaxonomyTerm


def home(request):
    kinds_of_support = TaxonomyTerm.objects.kinds_of_support()
    return render(request, "resources/home.html", {"kinds_of_support": kinds_of_support})


def service_detail(request, slug):
    service = get_object_or_404(Service.objects.published().for_detail_page(), slug=slug)
    return render(request, "resources/service_detail.html", {"service": service})
