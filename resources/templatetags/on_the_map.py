"""The admin home's list of published in-person services that are not (exactly) on the map."""

from django import template

from resources.places.placing import published_services_off_the_map

register = template.Library()


@register.inclusion_tag("admin/resources/includes/on_the_map.html", takes_context=True)
def on_the_map_dashboard(context):
    user = context["request"].user
    if not (user.has_perm("resources.view_service") and user.has_perm("resources.view_location")):
        return {"shown": False}
    return {"shown": True, "counts": published_services_off_the_map()}
