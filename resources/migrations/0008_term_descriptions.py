from django.db import migrations

from resources.migrations._frozen import term_id

# Every term's description as this migration had it: (taxonomy, [(code, description)]).
DESCRIPTIONS = [
    (
        "supportdir:support",
        [
            ("emotional", "Someone who listens, understands and does not judge."),
            (
                "practical",
                "Hands-on help with daily tasks: meals, transport, childcare, forms, money, housing.",
            ),
            (
                "informational",
                "Reliable information, guidance, and help finding the right service or treatment.",
            ),
            ("social-connection", "Company and community: groups, activities, a place to belong."),
            ("validation", "Encouragement and honest feedback from people who have been there."),
            ("coping", "Skills and techniques for managing symptoms, stress and setbacks."),
            (
                "advocacy",
                "Help to speak up for your needs and rights, and to take part in decisions about your care.",
            ),
        ],
    ),
    (
        "supportdir:resource",
        [
            (
                "support-group",
                "Peer-led or facilitated group that meets on a schedule, in person or online.",
            ),
            ("hotline", "Crisis line, open around the clock or at set hours; call, text or chat."),
            ("warmline", "Peer-run line for when it is not (yet) a crisis."),
            (
                "counselling",
                "Counselling and therapy, including low-cost and sliding-scale clinics.",
            ),
            ("peer-support", "One-to-one peer workers, recovery coaches."),
            ("online-community", "Moderated forums and chat groups."),
            (
                "community-organisation",
                "Drop-in centres, clubhouses, charities, faith and cultural groups.",
            ),
            ("crisis-service", "Walk-in crisis centres, mobile crisis teams."),
        ],
    ),
    (
        "supportdir:topic",
        [
            ("depression", "Low mood, loss of interest, feeling hopeless or numb."),
            ("anxiety", "Worry, fear or panic that gets in the way of daily life."),
            ("ptsd-trauma", "Living with the after-effects of frightening or harmful experiences."),
            ("bipolar", "Moods that swing between highs and lows, and living well with them."),
            (
                "psychosis",
                "Seeing, hearing or believing things others do not, and recovering from it.",
            ),
            ("eating-disorders", "A difficult relationship with food, eating or body image."),
            ("substance-use", "Alcohol or drug use that has become a worry, and recovery from it."),
            ("grief", "Living with the death of someone close, or another deep loss."),
            (
                "suicide-prevention",
                "Thoughts of suicide, and help for people worried about someone.",
            ),
            ("self-harm", "Hurting yourself to cope, and finding other ways through."),
            ("perinatal", "Mental health in pregnancy and the first years of parenthood."),
            ("loneliness", "Feeling alone or cut off, and finding company."),
            ("caring", "Support for people looking after someone who is unwell."),
        ],
    ),
    (
        "supportdir:audience",
        [
            ("everyone", "Open to anyone who needs it."),
            ("young-people", "For children, teenagers and young adults."),
            ("students", "For students at college or university."),
            ("older-adults", "For people in later life."),
            ("veterans", "For people who have served in the armed forces."),
            ("lgbtq", "For lesbian, gay, bisexual, transgender, queer and questioning people."),
            ("families-carers", "For family members and others who care for someone."),
            ("women", "Meant for women."),
            ("men", "Meant for men."),
            ("cultural-community", "For people of a particular culture, faith or community."),
        ],
    ),
    (
        "supportdir:delivery",
        [
            ("in-person", "Face to face, at a place you visit."),
            ("online", "By video call or online meeting."),
            ("phone", "By phone call."),
            ("text-chat", "By text message or online chat."),
        ],
    ),
    (
        "supportdir:cost",
        [
            ("free", "No charge."),
            ("sliding-scale", "Low cost: the fee depends on what you can pay."),
            ("insurance", "Accepts health insurance; check with your plan first."),
            ("fee", "Charges a fee."),
        ],
    ),
]


def describe_terms(apps, schema_editor):
    """HSDS requires a description for every term: ours that had none get the vocabulary's.

    A description a curator wrote is kept.
    """
    TaxonomyTerm = apps.get_model("resources", "TaxonomyTerm")
    for taxonomy_name, terms in DESCRIPTIONS:
        for code, description in terms:
            TaxonomyTerm.objects.filter(id=term_id(taxonomy_name, code), description="").update(
                description=description
            )


class Migration(migrations.Migration):
    dependencies = [("resources", "0007_service_history_terms")]

    operations = [migrations.RunPython(describe_terms, migrations.RunPython.noop)]
