"""What every page is told about the deployment, in the page's language."""

from django.test import RequestFactory
from django.utils import translation

from resources.public.context import site


def test_the_crisis_line_has_its_own_spanish_name_on_spanish_pages(settings):
    request = RequestFactory().get("/")
    with translation.override("es"):
        assert site(request)["crisis_line"]["name"] == settings.CRISIS_LINE_NAME_ES
    with translation.override("en"):
        assert site(request)["crisis_line"]["name"] == "988 Suicide & Crisis Lifeline"


def test_a_line_without_a_spanish_name_keeps_its_own_on_spanish_pages(settings):
    settings.CRISIS_LINE_NAME = "Dane County Crisis Line"
    settings.CRISIS_LINE_NAME_ES = ""
    with translation.override("es"):
        assert site(RequestFactory().get("/"))["crisis_line"]["name"] == "Dane County Crisis Line"
