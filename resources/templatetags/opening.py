"""Opening status and next meetings for templates, as of the moment the page is made."""

from django import template
from django.utils import timezone

from resources import languages
from resources.schedules import opening, words
from resources.schedules.words import in_calendar_order

register = template.Library()


@register.simple_tag
def opening_status(service):
    """{% opening_status service as status %}: "Open now · closes 5 p.m." and the like."""
    return opening.opening_status(service, timezone.now())


@register.simple_tag
def next_meetings(service, count=5):
    """{% next_meetings service as meetings %}: the next meetings, each with start and end."""
    return opening.next_meetings(service, timezone.now(), count=count)


@register.filter
def is_support_group(service):
    return opening.is_support_group(service)


@register.filter
def hours_in_words(service):
    """The schedules `service` goes by (its own, else its locations'), each in words, their
    notes in the page's language."""
    return [schedule.in_words_shown for schedule in opening.schedules_of(service)]


@register.filter
def calendar_order(schedules):
    """{% for schedule in service.schedules.all|calendar_order %}: weekday, week, time."""
    return in_calendar_order(schedules)


@register.filter
def meeting_when(meeting):
    """{{ meeting|meeting_when }}: "Thursday 3 December, 6 p.m.", "Jueves 3 de diciembre, 18:00"."""
    return opening.meeting_when(meeting)


@register.filter(expects_localtime=True)
def long_date(value):
    """{{ service.modified|long_date }}: "3 March 2026", "3 de marzo de 2026"."""
    return words.long_date(value) if value else ""


@register.filter
def by_name(service_languages):
    """Languages in the order of their names in the visitor's language."""
    return languages.by_name(service_languages)
