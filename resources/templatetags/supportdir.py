from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from resources.models.phones import dial_string
from resources.places.geo import KM_PER_MILE
from resources.search import MARK_END, MARK_START

register = template.Library()


@register.filter
def dial(number):
    """A phone number as tel: and sms: links want it."""
    return dial_string(str(number))


@register.filter
def highlight(snippet):
    """A search snippet, escaped, with the matched words in <mark>."""
    text = escape(snippet or "")
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


@register.filter
def distance(kilometres):
    """2.3 mi or 3.7 km, in the deployment's unit; "2.3 millas" in Spanish, whose decimal point
    is US Spanish's (supportdir/formats/es)."""
    if kilometres is None:
        return ""
    if settings.DISTANCE_UNIT == "mi":
        return pgettext("how far a service is, on its card", "%(distance)s mi") % {
            "distance": number_format(kilometres / KM_PER_MILE, 1)
        }
    return pgettext("how far a service is, on its card", "%(distance)s km") % {
        "distance": number_format(kilometres, 1)
    }
