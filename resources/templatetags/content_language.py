"""Visitors' text in the page's language (resources.content_language) for templates."""

from django import template

from resources.content_language import shown_text

register = template.Library()


@register.filter
def in_language(record, field):
    """{{ service|in_language:"description" }}: the text of `field` to show on this page.

    Printed as it is, it is the text inline: English shown on a Spanish page comes inside
    <span lang="en"> followed by "(in English)". For a block, take its parts:
    `<div{{ text.lang_attribute }}>{{ text.text|linebreaks }}</div>` and `text.marked`."""
    return shown_text(record, field)
