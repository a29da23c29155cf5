from django import template

from resources.models.phones import dial_string

register = template.Library()


@register.filter
def dial(number):
    """A phone number as tel: and sms: links want it."""
    return dial_string(str(number))
