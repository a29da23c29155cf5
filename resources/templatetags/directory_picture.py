"""The admin home's picture of the directory: totals by status and two charts."""

from django import template

from resources.admin import home

register = template.Library()


@register.inclusion_tag("admin/resources/includes/directory_picture.html", takes_context=True)
def directory_picture(context):
    user = context["request"].user
    shown = user.has_perm("resources.view_service")
    picture = {"totals": home.totals(user), "shown": shown}
    if shown:
        picture["kinds"] = home.chart(home.kinds_of_support())
        picture["ages"] = home.chart(home.verification_ages())
    return picture
