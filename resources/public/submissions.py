"""Visitors' own contributions: suggest a service, report a problem with an entry."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from resources.models import Service
from resources.public import spam
from resources.public.forms import ProblemReportForm, SuggestionForm


@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request):
    if request.method == "POST":
        if refused := _refuse_too_many(request):
            return refused
        form = SuggestionForm(request.POST)
        if form.is_valid():
            try:
                form.save_once()
            except spam.AlreadySent:
                return render(request, "resources/already_received.html")
            return redirect("resources:suggestion_thanks")
    else:
        form = SuggestionForm()
    return render(request, "resources/suggest.html", {"form": form})


@require_safe
def suggestion_thanks(request):
    return render(request, "resources/suggestion_thanks.html")


@require_http_methods(["GET", "HEAD", "POST"])
def report_problem(request, slug):
    service = get_object_or_404(Service.objects.published(), slug=slug)
    if request.method == "POST":
        if refused := _refuse_too_many(request):
            return refused
        form = ProblemReportForm(request.POST)
        form.instance.service = service
        if form.is_valid():
            try:
                form.save_once()
            except spam.AlreadySent:
                return render(request, "resources/already_received.html", {"service": service})
            return redirect("resources:report_thanks", slug=service.slug)
    else:
        form = ProblemReportForm()
    return render(request, "resources/report_problem.html", {"form": form, "service": service})


@require_safe
def report_thanks(request, slug):
    service = get_object_or_404(Service.objects.published(), slug=slug)
    return render(request, "resources/report_thanks.html", {"service": service})


def csrf_failure(request, reason=""):
    """A refused form post, explained on a page that still shows the crisis line."""
    return render(request, "resources/form_refused.html", status=403)


def _refuse_too_many(request):
    try:
        spam.count_attempt(request)
    except spam.Refusal as refusal:
        return render(
            request, "resources/form_refused.html", {"refusal": refusal.message}, status=429
        )
    return None
