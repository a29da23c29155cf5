"""What every page's template is given (settings.TEMPLATES names these): the site's name and
region, the crisis line and the quick exit, and the page in the other interface languages."""

from django.conf import settings
from django.utils.translation import get_language

from resources.public.language_links import page_versions, suggested_version


def site(request):
    """What every page shows: the site's name and region, the crisis line and the quick exit."""
    return {
        "site_name": settings.SITE_NAME,
        "site_region": settings.SITE_REGION,
        "crisis_line": {
            "name": crisis_line_name(),
            "phone": settings.CRISIS_LINE_PHONE,
            "text": settings.CRISIS_LINE_TEXT,
            "chat_url": settings.CRISIS_LINE_CHAT_URL,
        },
        "emergency_number": settings.EMERGENCY_NUMBER,
        "quick_exit_url": settings.QUICK_EXIT_URL,
    }


def crisis_line_name():
    """The crisis line's own name in the page's language (Spanish pages: its Spanish name)."""
    if get_language() == "es" and settings.CRISIS_LINE_NAME_ES:
        return settings.CRISIS_LINE_NAME_ES
    return settings.CRISIS_LINE_NAME


def languages(request):
    """The page in the other interface languages: the header's link to each, the hreflang
    alternates (x-default: the English page), and the one the browser prefers, if any
    (resources/public/language_links.py)."""
    versions = page_versions(request)
    current = get_language()
    return {
        "page_versions": versions,
        "other_versions": [version for version in versions if version.code != current],
        "default_version": next(
            (version for version in versions if version.code == settings.LANGUAGE_CODE), None
        ),
        "suggested_version": suggested_version(request, versions),
    }
