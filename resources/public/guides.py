"""The guides under /guides/, and the searches their advice links to.

The guides' words are in their templates (templates/resources/guides/), through gettext. Here is
what they point at: each link is a search of the directory with the filters it names, and says
how many services it finds, counted once per link and kept until the directory changes.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from resources import vocabulary
from resources.public.chooser import terms
from resources.search.facet_cache import cached_result


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    summary: str

    @property
    def template_name(self):
        return f"resources/guides/{self.slug}.html"


GUIDES = (
    Guide(
        "building-your-support-network",
        _("Building your support network"),
        _("The different kinds of help, and how to find a few people and places to lean on."),
    ),
    Guide(
        "when-it-feels-like-you-have-no-one",
        _("When it feels like you have no one"),
        _("Small, gentle first steps toward other people, at your own pace."),
    ),
    Guide(
        "supporting-someone-you-care-about",
        _("Supporting someone you care about"),
        _("How to help someone who is struggling, and how to look after yourself too."),
    ),
)
GUIDES_BY_SLUG = {guide.slug: guide for guide in GUIDES}

# The searches the guides link to: {name: (what the link says, the search's filters)}.
SEARCHES = {
    "support_groups": (_("Support groups"), terms(vocabulary.RESOURCE, "support-group")),
    "social_connection": (
        _("Places to meet people"),
        terms(vocabulary.SUPPORT, "social-connection"),
    ),
    "warm_lines": (_("Warm lines"), terms(vocabulary.RESOURCE, "warmline")),
    "peer_support": (_("Peer support"), terms(vocabulary.RESOURCE, "peer-support")),
    "online_communities": (
        _("Online groups"),
        terms(vocabulary.RESOURCE, "online-community"),
    ),
    "carers_groups": (
        _("Groups for families and carers"),
        terms(vocabulary.AUDIENCE, "families-carers") + terms(vocabulary.RESOURCE, "support-group"),
    ),
    "emotional": (_("Someone to listen"), terms(vocabulary.SUPPORT, "emotional")),
    "practical": (_("Help with everyday things"), terms(vocabulary.SUPPORT, "practical")),
    "informational": (_("Information and advice"), terms(vocabulary.SUPPORT, "informational")),
    "coping": (_("Ways to cope"), terms(vocabulary.SUPPORT, "coping")),
}


@dataclass(frozen=True)
class SearchLink:
    label: str
    query: str
    count: int


def search_links():
    """{name: SearchLink} of every search the guides link to, each counted over the published
    services by the search page's own filters: a query a link, kept until the directory changes."""
    from resources.models import Service
    from resources.search.filters import ServiceFilterSet

    links = {}
    for name, (label, filters) in SEARCHES.items():
        query = urlencode(filters)

        def count(query=query):
            filterset = ServiceFilterSet(QueryDict(query), queryset=Service.objects.published())
            return filterset.apply(Service.objects.published()).count()

        links[name] = SearchLink(label, f"?{query}", cached_result("guide-link", (query,), count))
    return links


# What each kind of support looks like in practice, on its page.
IN_PRACTICE = {
    "emotional": _(
        "It might be a phone call with someone who lets you talk for as long as you need. It "
        "might be a group where you can say how you really feel, and no one tries to fix you. "
        "It is about being heard."
    ),
    "practical": _(
        "It might be a lift to an appointment, a hot meal, or someone who sits with you to fill "
        "in a form. It might be help with rent, bills or finding a safe place to live. Small "
        "things like these can take a lot of weight off."
    ),
    "informational": _(
        "It might be a clear answer about what a diagnosis means, or what help is out there. It "
        "might be someone who helps you choose a service and shows you how to get in touch."
    ),
    "social-connection": _(
        "It might be a weekly group, a drop-in centre with a cup of tea, or an online chat in "
        "the evening. It is about having people to be with, and a place where you belong."
    ),
    "validation": _(
        "It might be a peer worker who has lived through something like you have. It might be "
        "a group where others say, “me too”. They can tell you honestly what helped them."
    ),
    "coping": _(
        "It might be a class on calming your breathing, or a group that shares ways to handle "
        "hard days. You learn things to try, and you keep the ones that work for you."
    ),
    "advocacy": _(
        "It might be someone who comes with you to a meeting about your care and helps you say "
        "what you want. It might be help to know your rights, and to use them."
    ),
}
