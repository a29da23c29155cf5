"""Visitors' text in the page's language (resources.content_language) for templates."""

from django import template

from resources.content_language import in_english as english_text
from resources.content_language import shown_text

register = template.Library()


@register.filter
def in_language(record, field):
    """{{ service|in_language:"description" }}: the text of `field` to show on this page.

    Printed as it is, it is the text inline: English shown on a Spanish page comes inside
    <span lang="en"> followed by "(in English)". For a block, take its parts:
    `<div{{ text.lang_attribute }}>{{ text.text|linebreaks }}</div>` and `text.marked`."""
    return shown_text(record, field)


@register.filter
def in_english(text):
    """{{ phone.description|in_english }}: a curator's text kept in English only, marked as
    English on a page in another language, as `in_language` marks its fallbacks."""
    return english_text(text)
