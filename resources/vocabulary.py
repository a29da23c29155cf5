"""The supportdir:* vocabularies of DOMAIN.md: the facets visitors filter on.

Slugs are never renamed once published: URLs and exported data use them. Curators may add terms
in the admin. The data migrations (0002, 0008, 0022) seed these, each from a frozen copy of what
it added: a term added here reaches databases only through a new data migration. Names are marked
for translation and shown through `TaxonomyTerm.label`.
"""

import uuid

from django.utils.translation import gettext_noop as _

# Stable ids, so every deployment exports the same HSDS ids for the same vocabulary.
VOCABULARY_NAMESPACE = uuid.UUID("5b0f0f3e-6d5c-4c2b-9a35-0c6f3f7f5e10")

SUPPORT = "supportdir:support"
RESOURCE = "supportdir:resource"
TOPIC = "supportdir:topic"
AUDIENCE = "supportdir:audience"
DELIVERY = "supportdir:delivery"
COST = "supportdir:cost"

# The kinds of resource someone in danger needs now: shown first after a crisis search.
CRISIS_RESOURCES = ["hotline", "crisis-service"]

FACETS = {
    SUPPORT: {
        "label": _("Kind of support"),
        "description": _("The seven kinds of social support a service gives."),
        "terms": [
            (
                "emotional",
                _("Emotional support"),
                _("Someone who listens, understands and does not judge."),
            ),
            (
                "practical",
                _("Practical help"),
                _(
                    "Hands-on help with daily tasks: meals, transport, childcare, forms, money, "
                    "housing."
                ),
            ),
            (
                "informational",
                _("Information and advice"),
                _(
                    "Reliable information, guidance, and help finding the right service or "
                    "treatment."
                ),
            ),
            (
                "social-connection",
                _("Social connection"),
                _("Company and community: groups, activities, a place to belong."),
            ),
            (
                "validation",
                _("Validation and feedback"),
                _("Encouragement and honest feedback from people who have been there."),
            ),
            (
                "coping",
                _("Coping strategies"),
                _("Skills and techniques for managing symptoms, stress and setbacks."),
            ),
            (
                "advocacy",
                _("Advocacy and empowerment"),
                _(
                    "Help to speak up for your needs and rights, and to take part in decisions "
                    "about your care."
                ),
            ),
        ],
    },
    RESOURCE: {
        "label": _("Kind of resource"),
        "description": _("What kind of resource a service is."),
        "terms": [
            (
                "support-group",
                _("Support group"),
                _("Peer-led or facilitated group that meets on a schedule, in person or online."),
            ),
            (
                "hotline",
                _("Crisis line"),
                _("Crisis line, open around the clock or at set hours; call, text or chat."),
            ),
            ("warmline", _("Warmline"), _("Peer-run line for when it is not (yet) a crisis.")),
            (
                "counselling",
                _("Counselling and therapy"),
                _("Counselling and therapy, including low-cost and sliding-scale clinics."),
            ),
            ("peer-support", _("Peer support"), _("One-to-one peer workers, recovery coaches.")),
            ("online-community", _("Online community"), _("Moderated forums and chat groups.")),
            (
                "community-organisation",
                _("Community organisation"),
                _("Drop-in centres, clubhouses, charities, faith and cultural groups."),
            ),
            (
                "crisis-service",
                _("Crisis service"),
                _("Walk-in crisis centres, mobile crisis teams."),
            ),
        ],
    },
    TOPIC: {
        "label": _("Topic"),
        "description": _("What a service helps with."),
        "terms": [
            (
                "depression",
                _("Depression"),
                _("Low mood, loss of interest, feeling hopeless or numb."),
            ),
            (
                "anxiety",
                _("Anxiety"),
                _("Worry, fear or panic that gets in the way of daily life."),
            ),
            (
                "ptsd-trauma",
                _("PTSD and trauma"),
                _("Living with the after-effects of frightening or harmful experiences."),
            ),
            (
                "bipolar",
                _("Bipolar disorder"),
                _("Moods that swing between highs and lows, and living well with them."),
            ),
            (
                "psychosis",
                _("Psychosis"),
                _("Seeing, hearing or believing things others do not, and recovering from it."),
            ),
            (
                "eating-disorders",
                _("Eating disorders"),
                _("A difficult relationship with food, eating or body image."),
            ),
            (
                "substance-use",
                _("Substance use"),
                _("Alcohol or drug use that has become a worry, and recovery from it."),
            ),
            (
                "grief",
                _("Grief and loss"),
                _("Living with the death of someone close, or another deep loss."),
            ),
            (
                "suicide-prevention",
                _("Suicide prevention"),
                _("Thoughts of suicide, and help for people worried about someone."),
            ),
            (
                "self-harm",
                _("Self-harm"),
                _("Hurting yourself to cope, and finding other ways through."),
            ),
            (
                "perinatal",
                _("Pregnancy and new parents"),
                _("Mental health in pregnancy and the first years of parenthood."),
            ),
            ("loneliness", _("Loneliness"), _("Feeling alone or cut off, and finding company.")),
            (
                "caring",
                _("Caring for someone"),
                _("Support for people looking after someone who is unwell."),
            ),
        ],
    },
    AUDIENCE: {
        "label": _("Who it is for"),
        "description": _("The people a service is meant for."),
        "terms": [
            ("everyone", _("Everyone"), _("Open to anyone who needs it.")),
            ("adults", _("Adults"), _("For adults, 18 and over.")),
            ("young-people", _("Young people"), _("For children, teenagers and young adults.")),
            ("students", _("Students"), _("For students at college or university.")),
            ("older-adults", _("Older adults"), _("For people in later life.")),
            ("veterans", _("Veterans"), _("For people who have served in the armed forces.")),
            (
                "lgbtq",
                _("LGBTQ+ people"),
                _("For lesbian, gay, bisexual, transgender, queer and questioning people."),
            ),
            (
                "families-carers",
                _("Families and carers"),
                _("For family members and others who care for someone."),
            ),
            ("women", _("Women"), _("Meant for women.")),
            ("men", _("Men"), _("Meant for men.")),
            (
                "cultural-community",
                _("Cultural communities"),
                _("For people of a particular culture, faith or community."),
            ),
        ],
    },
    DELIVERY: {
        "label": _("How it is delivered"),
        "description": _("How people take part: in person, by video, by phone, by text or chat."),
        "terms": [
            ("in-person", _("In person"), _("Face to face, at a place you visit.")),
            ("online", _("Online (video)"), _("By video call or online meeting.")),
            ("phone", _("Phone"), _("By phone call.")),
            ("text-chat", _("Text or chat"), _("By text message or online chat.")),
        ],
    },
    COST: {
        "label": _("Cost"),
        "description": _("What it costs."),
        "terms": [
            ("free", _("Free"), _("No charge.")),
            (
                "sliding-scale",
                _("Low cost (sliding scale)"),
                _("Low cost: the fee depends on what you can pay."),
            ),
            (
                "insurance",
                _("Insurance accepted"),
                _("Accepts health insurance; check with your plan first."),
            ),
            ("fee", _("Fee"), _("Charges a fee.")),
        ],
    },
}


def taxonomy_id(taxonomy_name):
    return uuid.uuid5(VOCABULARY_NAMESPACE, taxonomy_name)


def term_id(taxonomy_name, code):
    return uuid.uuid5(VOCABULARY_NAMESPACE, f"{taxonomy_name}/{code}")


def seed_vocabulary(taxonomy_model, term_model):
    """Create or refresh our taxonomies and their starting terms; curators' own terms stay.
    For tests whose database was emptied: databases are seeded by the data migrations."""
    for taxonomy_name, facet in FACETS.items():
        taxonomy, _created = taxonomy_model.objects.update_or_create(
            id=taxonomy_id(taxonomy_name),
            defaults={"name": taxonomy_name, "description": facet["description"]},
        )
        for position, (code, name, description) in enumerate(facet["terms"]):
            term_model.objects.update_or_create(
                id=term_id(taxonomy_name, code),
                defaults={
                    "taxonomy": taxonomy,
                    "code": code,
                    "name": name,
                    "description": description,
                    "position": position,
                },
            )
