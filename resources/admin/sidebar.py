"""The admin's list of records (its sidebar, and its home page) in the curators' words and the
order they work in: the directory first, then its vocabulary, a service's details, and upkeep.

Django lists an app's models alphabetically under the app's name, so "Contacts" came first and a
curator looking for the kinds of support found "Vocabulary terms (HSDS taxonomy terms)". Each
facet of the vocabulary gets its own entry here, a link to the terms list filtered to it.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from resources import vocabulary

APP_LABEL = "resources"
FACET_PARAMETER = "vocabulary"

# Each facet as the sidebar names its terms.
FACET_ENTRIES = {
    vocabulary.SUPPORT: _("Kinds of support"),
    vocabulary.TOPIC: _("Topics"),
    vocabulary.AUDIENCE: _("Who it is for"),
    vocabulary.DELIVERY: _("How it is delivered"),
    vocabulary.COST: _("Costs"),
    vocabulary.RESOURCE: _("Kinds of resource"),
}
FACETS_HERE = "facets"

# Sections of the app's models, by model name; FACETS_HERE is where the facets' entries go.
SECTIONS = [
    (
        _("The directory"),
        ["service", "organization", "location", "proposedchange", "suggestion", "problemreport"],
    ),
    (
        _("Vocabulary and search"),
        [FACETS_HERE, "taxonomyterm", "taxonomy", "searchsynonym", "crisisphrase"],
    ),
    (
        _("A service's details"),
        [
            "phone",
            "schedule",
            "contact",
            "language",
            "servicearea",
            "costoption",
            "requireddocument",
            "funding",
            "program",
            "organizationidentifier",
            "address",
            "serviceatlocation",
        ],
    ),
    # Anything not named above lands here too, so no record is ever left out of the list.
    (_("Data and upkeep"), ["harvestsource", "provenance", "place", "failedsignin"]),
]


def arrange(app_list):
    """Django's app list with the directory's app split into SECTIONS, in their order, first;
    the other apps (users and groups, sign-in devices, tasks) after them."""
    arranged, others = [], []
    for app in app_list:
        if app["app_label"] != APP_LABEL:
            others.append(app)
            continue
        models = {entry["model"]._meta.model_name: entry for entry in app["models"]}
        sections = []
        for title, names in SECTIONS:
            entries = []
            for name in names:
                if name == FACETS_HERE:
                    entries += _facet_entries(models.get("taxonomyterm"))
                elif name in models:
                    entries.append(models.pop(name))
            sections.append({**app, "name": title, "models": entries})
        # A model added later and not yet placed: shown, at the end.
        sections[-1]["models"] += sorted(models.values(), key=lambda entry: str(entry["name"]))
        arranged += [section for section in sections if section["models"]]
    return arranged + others


def facet_list_url(taxonomy_name):
    changelist = reverse("admin:resources_taxonomyterm_changelist")
    return f"{changelist}?{urlencode({FACET_PARAMETER: taxonomy_name})}"


def _facet_entries(terms_entry):
    if terms_entry is None or not terms_entry["admin_url"]:
        return []
    return [
        {
            **terms_entry,
            "name": name,
            "admin_url": facet_list_url(taxonomy_name),
            # A new term is added from the terms list, where its facet is chosen.
            "add_url": None,
        }
        for taxonomy_name, name in FACET_ENTRIES.items()
    ]
