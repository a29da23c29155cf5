from django.db import migrations

from resources.migrations._frozen import taxonomy_id, term_id

# The supportdir:* vocabularies as this migration first seeded them: (name, description, terms),
# each term (code, name, description). Later migrations add to them (0008 descriptions, 0022 the
# Adults audience); the live list is resources/vocabulary.py.
VOCABULARY = [
    (
        "supportdir:support",
        "The seven kinds of social support a service gives.",
        [
            (
                "emotional",
                "Emotional support",
                "Someone who listens, understands and does not judge.",
            ),
            (
                "practical",
                "Practical help",
                "Hands-on help with daily tasks: meals, transport, childcare, forms, money, housing.",
            ),
            (
                "informational",
                "Information and advice",
                "Reliable information, guidance, and help finding the right service or treatment.",
            ),
            (
                "social-connection",
                "Social connection",
                "Company and community: groups, activities, a place to belong.",
            ),
            (
                "validation",
                "Validation and feedback",
                "Encouragement and honest feedback from people who have been there.",
            ),
            (
                "coping",
                "Coping strategies",
                "Skills and techniques for managing symptoms, stress and setbacks.",
            ),
            (
                "advocacy",
                "Advocacy and empowerment",
                "Help to speak up for your needs and rights, and to take part in decisions about your care.",
            ),
        ],
    ),
    (
        "supportdir:resource",
        "What kind of resource a service is.",
        [
            (
                "support-group",
                "Support group",
                "Peer-led or facilitated group that meets on a schedule, in person or online.",
            ),
            (
                "hotline",
                "Crisis line",
                "Crisis line, open around the clock or at set hours; call, text or chat.",
            ),
            ("warmline", "Warmline", "Peer-run line for when it is not (yet) a crisis."),
            (
                "counselling",
                "Counselling and therapy",
                "Counselling and therapy, including low-cost and sliding-scale clinics.",
            ),
            ("peer-support", "Peer support", "One-to-one peer workers, recovery coaches."),
            ("online-community", "Online community", "Moderated forums and chat groups."),
            (
                "community-organisation",
                "Community organisation",
                "Drop-in centres, clubhouses, charities, faith and cultural groups.",
            ),
            ("crisis-service", "Crisis service", "Walk-in crisis centres, mobile crisis teams."),
        ],
    ),
    (
        "supportdir:topic",
        "What a service helps with.",
        [
            ("depression", "Depression", ""),
            ("anxiety", "Anxiety", ""),
            ("ptsd-trauma", "PTSD and trauma", ""),
            ("bipolar", "Bipolar disorder", ""),
            ("psychosis", "Psychosis", ""),
            ("eating-disorders", "Eating disorders", ""),
            ("substance-use", "Substance use", ""),
            ("grief", "Grief and loss", ""),
            ("suicide-prevention", "Suicide prevention", ""),
            ("self-harm", "Self-harm", ""),
            ("perinatal", "Pregnancy and new parents", ""),
            ("loneliness", "Loneliness", ""),
            ("caring", "Caring for someone", ""),
        ],
    ),
    (
        "supportdir:audience",
        "The people a service is meant for.",
        [
            ("everyone", "Everyone", ""),
            ("young-people", "Young people", ""),
            ("students", "Students", ""),
            ("older-adults", "Older adults", ""),
            ("veterans", "Veterans", ""),
            ("lgbtq", "LGBTQ+ people", ""),
            ("families-carers", "Families and carers", ""),
            ("women", "Women", ""),
            ("men", "Men", ""),
            ("cultural-community", "Cultural communities", ""),
        ],
    ),
    (
        "supportdir:delivery",
        "How people take part: in person, by video, by phone, by text or chat.",
        [
            ("in-person", "In person", ""),
            ("online", "Online (video)", ""),
            ("phone", "Phone", ""),
            ("text-chat", "Text or chat", ""),
        ],
    ),
    (
        "supportdir:cost",
        "What it costs.",
        [
            ("free", "Free", ""),
            ("sliding-scale", "Low cost (sliding scale)", ""),
            ("insurance", "Insurance accepted", ""),
            ("fee", "Fee", ""),
        ],
    ),
]


def seed(apps, schema_editor):
    Taxonomy = apps.get_model("resources", "Taxonomy")
    TaxonomyTerm = apps.get_model("resources", "TaxonomyTerm")
    for taxonomy_name, description, terms in VOCABULARY:
        taxonomy, _created = Taxonomy.objects.update_or_create(
            id=taxonomy_id(taxonomy_name),
            defaults={"name": taxonomy_name, "description": description},
        )
        for position, (code, name, term_description) in enumerate(terms):
            TaxonomyTerm.objects.update_or_create(
                id=term_id(taxonomy_name, code),
                defaults={
                    "taxonomy": taxonomy,
                    "code": code,
                    "name": name,
                    "description": term_description,
                    "position": position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
