"""Migrations 0001 to 0032 in one: every table made as the models are now, then what the
migrations seed (issue 18: a new database, and every test database, was migrated through the
32 steps, most of their 13 seconds of CPU spent rendering model states for AddField; this takes 4).

A database migrated step by step keeps its migrations: Django takes this one as applied there,
and applies it only where none of 0001 to 0032 has been. The result is the same database, rows
and all, with the same ids for the content types and permissions made here (in the order, and
under the names, the step-by-step migrations give them; `migrate` makes the rest afterwards).

Steps of the replaced migrations that only convert rows a new database cannot hold are left out:
0007 (terms of services' history), 0011 (counting the words of services), 0022's staff status of
curators already in a role (the roles are made here, empty), 0027 (stable ids of seeded rows,
which are seeded with them here), 0031's queue of services with Spanish text. The seeding of
0002, 0005, 0008, 0013, 0014, 0022 and 0031 is done once, with what they leave: 0005's
"postpartum" has 0014's meaning, the vocabulary 0008's descriptions and 0022's "Adults". Data is
frozen here or in _frozen.py, never read from the live code.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.core.validators
import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.text
import django.utils.timezone
import simple_history.models
import uuid
from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

import resources.languages
import resources.models.base
from resources.migrations._frozen import (
    SPANISH_CRISIS_PHRASES,
    SPANISH_SYNONYMS,
    STARTING_CRISIS_PHRASES,
    STARTING_PHRASES,
    STARTING_SYNONYMS,
    crisis_phrase_id,
    synonym_id,
    taxonomy_id,
    term_id,
)

# SQLite's search documents (0005, 0031).
FTS_TABLES = {
    "resources_service_fts": "porter unicode61 remove_diacritics 2",
    "resources_service_fts_es": "unicode61 remove_diacritics 2",
}

# The supportdir:* vocabularies as 0002, 0008 and 0022 leave them: (name, description, terms),
# each term (code, name, description) in its position.
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
            ("depression", "Depression", "Low mood, loss of interest, feeling hopeless or numb."),
            ("anxiety", "Anxiety", "Worry, fear or panic that gets in the way of daily life."),
            (
                "ptsd-trauma",
                "PTSD and trauma",
                "Living with the after-effects of frightening or harmful experiences.",
            ),
            (
                "bipolar",
                "Bipolar disorder",
                "Moods that swing between highs and lows, and living well with them.",
            ),
            (
                "psychosis",
                "Psychosis",
                "Seeing, hearing or believing things others do not, and recovering from it.",
            ),
            (
                "eating-disorders",
                "Eating disorders",
                "A difficult relationship with food, eating or body image.",
            ),
            (
                "substance-use",
                "Substance use",
                "Alcohol or drug use that has become a worry, and recovery from it.",
            ),
            (
                "grief",
                "Grief and loss",
                "Living with the death of someone close, or another deep loss.",
            ),
            (
                "suicide-prevention",
                "Suicide prevention",
                "Thoughts of suicide, and help for people worried about someone.",
            ),
            ("self-harm", "Self-harm", "Hurting yourself to cope, and finding other ways through."),
            (
                "perinatal",
                "Pregnancy and new parents",
                "Mental health in pregnancy and the first years of parenthood.",
            ),
            ("loneliness", "Loneliness", "Feeling alone or cut off, and finding company."),
            (
                "caring",
                "Caring for someone",
                "Support for people looking after someone who is unwell.",
            ),
        ],
    ),
    (
        "supportdir:audience",
        "The people a service is meant for.",
        [
            ("everyone", "Everyone", "Open to anyone who needs it."),
            ("adults", "Adults", "For adults, 18 and over."),
            ("young-people", "Young people", "For children, teenagers and young adults."),
            ("students", "Students", "For students at college or university."),
            ("older-adults", "Older adults", "For people in later life."),
            ("veterans", "Veterans", "For people who have served in the armed forces."),
            (
                "lgbtq",
                "LGBTQ+ people",
                "For lesbian, gay, bisexual, transgender, queer and questioning people.",
            ),
            (
                "families-carers",
                "Families and carers",
                "For family members and others who care for someone.",
            ),
            ("women", "Women", "Meant for women."),
            ("men", "Men", "Meant for men."),
            (
                "cultural-community",
                "Cultural communities",
                "For people of a particular culture, faith or community.",
            ),
        ],
    ),
    (
        "supportdir:delivery",
        "How people take part: in person, by video, by phone, by text or chat.",
        [
            ("in-person", "In person", "Face to face, at a place you visit."),
            ("online", "Online (video)", "By video call or online meeting."),
            ("phone", "Phone", "By phone call."),
            ("text-chat", "Text or chat", "By text message or online chat."),
        ],
    ),
    (
        "supportdir:cost",
        "What it costs.",
        [
            ("free", "Free", "No charge."),
            (
                "sliding-scale",
                "Low cost (sliding scale)",
                "Low cost: the fee depends on what you can pay.",
            ),
            (
                "insurance",
                "Insurance accepted",
                "Accepts health insurance; check with your plan first.",
            ),
            ("fee", "Fee", "Charges a fee."),
        ],
    ),
]

# The content types 0004, 0015, 0016, 0025 and 0028 made for their permissions, in that order.
CONTENT_TYPES = [
    "historicallocation",
    "historicalorganization",
    "historicalphone",
    "historicalproblemreport",
    "historicalschedule",
    "historicalservice",
    "historicalsuggestion",
    "language",
    "location",
    "organization",
    "phone",
    "problemreport",
    "schedule",
    "service",
    "servicearea",
    "serviceatlocation",
    "suggestion",
    "taxonomy",
    "taxonomyterm",
    "contact",
    "costoption",
    "crisisphrase",
    "funding",
    "historicalcontact",
    "historicalcostoption",
    "historicalfunding",
    "historicalorganizationidentifier",
    "historicalprogram",
    "historicalrequireddocument",
    "historicalservice_terms",
    "openingoccurrence",
    "openingspan",
    "organizationidentifier",
    "pendingsearchrefresh",
    "place",
    "program",
    "requireddocument",
    "searchsynonym",
    "searchword",
    "address",
    "historicaladdress",
    "failedsignin",
    "harvestsource",
    "importjob",
    "provenance",
    "usedformtoken",
    "historicallanguage",
    "historicalservicearea",
    "historicalserviceatlocation",
    "proposedchange",
]
# Their permissions in the order those migrations made them: each model's add, change, delete
# and view, named with the model's name of the day, then its own permissions.
PERMISSIONS = [
    ("organization", "organisation", []),
    ("taxonomy", "taxonomy", []),
    ("location", "location", []),
    (
        "service",
        "service",
        [
            ("publish_service", "Can publish and unpublish services"),
            ("verify_service", "Can mark services as verified"),
        ],
    ),
    ("schedule", "schedule", []),
    ("phone", "phone", []),
    ("language", "language", []),
    ("servicearea", "service area", []),
    ("serviceatlocation", "service at location", []),
    ("taxonomyterm", "taxonomy term", []),
    ("historicallocation", "historical location", []),
    ("historicalorganization", "historical organisation", []),
    ("historicalphone", "historical phone", []),
    ("historicalproblemreport", "historical problem report", []),
    ("historicalschedule", "historical schedule", []),
    ("historicalservice", "historical service", []),
    ("historicalsuggestion", "historical suggestion", []),
    ("problemreport", "problem report", []),
    ("suggestion", "suggestion", []),
    ("searchsynonym", "search synonym", []),
    ("place", "place", []),
    ("historicalservice_terms", "HistoricalService_terms", []),
    ("pendingsearchrefresh", "pending search refresh", []),
    ("searchword", "search word", []),
    ("openingoccurrence", "opening occurrence", []),
    ("openingspan", "opening span", []),
    ("crisisphrase", "crisis phrase", []),
    ("contact", "contact", []),
    ("costoption", "cost option", []),
    ("funding", "funding", []),
    ("historicalcontact", "historical contact", []),
    ("historicalcostoption", "historical cost option", []),
    ("historicalfunding", "historical funding", []),
    ("historicalorganizationidentifier", "historical organisation identifier", []),
    ("historicalprogram", "historical programme", []),
    ("historicalrequireddocument", "historical required document", []),
    ("organizationidentifier", "organisation identifier", []),
    ("program", "programme", []),
    ("requireddocument", "required document", []),
    ("address", "other address", []),
    ("historicaladdress", "historical other address", []),
    ("provenance", "provenance", []),
    ("harvestsource", "harvested feed", []),
    ("importjob", "HSDS import job", []),
    ("usedformtoken", "used form token", []),
    ("failedsignin", "failed sign-in", []),
    ("historicallanguage", "historical language", []),
    ("historicalservicearea", "historical service area", []),
    (
        "historicalserviceatlocation",
        "historical where a service is offered (HSDS service at location)",
        [],
    ),
    ("proposedchange", "proposed change", []),
]

# The curator roles (0004), with the records and rights 0015, 0016, 0025 and 0028 gave them.
DIRECTORY_MODELS = [
    "service",
    "organization",
    "location",
    "phone",
    "schedule",
    "serviceatlocation",
    "language",
    "servicearea",
]
CHILD_MODELS = ["phone", "schedule", "serviceatlocation", "language", "servicearea"]
READ_ONLY_MODELS = ["taxonomy", "taxonomyterm", "suggestion", "problemreport"]
NEW_CHILD_MODELS = [
    "contact",
    "program",
    "funding",
    "costoption",
    "requireddocument",
    "organizationidentifier",
    "address",
]
EDITOR_PERMISSIONS = [
    *(f"{action}_{model}" for model in DIRECTORY_MODELS for action in ("view", "add", "change")),
    *(f"delete_{model}" for model in CHILD_MODELS),
    *(f"view_{model}" for model in READ_ONLY_MODELS),
    *(
        f"{action}_{model}"
        for model in NEW_CHILD_MODELS
        for action in ("view", "add", "change", "delete")
    ),
    "view_proposedchange",
]
PUBLISHER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    "publish_service",
    "verify_service",
    "change_suggestion",
    "change_problemreport",
    "view_failedsignin",
    "delete_failedsignin",
]
ROLES = {"Editors": EDITOR_PERMISSIONS, "Publishers": PUBLISHER_PERMISSIONS}


def create_search_structures(apps, schema_editor):
    """What only one kind of database holds: FTS5 tables on SQLite (0005, 0031); on PostgreSQL,
    the search vectors stored in the row (0031). pg_trgm and the GIN indexes are operations and
    indexes of their own."""
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE resources_service "
            "ALTER COLUMN search_vector SET STORAGE MAIN, "
            "ALTER COLUMN search_vector_es SET STORAGE MAIN"
        )
    elif connection.vendor == "sqlite":
        for table, tokenize in FTS_TABLES.items():
            try:
                schema_editor.execute(
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
                    "service_id UNINDEXED, name, secondary, summary, body, "
                    f"tokenize = '{tokenize}')"
                )
            except Exception:  # noqa: BLE001
                # An SQLite built without FTS5: search falls back to matching every word.
                pass


def drop_search_structures(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table in FTS_TABLES:
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


def seed_vocabulary(apps, schema_editor):
    Taxonomy = apps.get_model("resources", "Taxonomy")
    TaxonomyTerm = apps.get_model("resources", "TaxonomyTerm")
    for taxonomy_name, description, terms in VOCABULARY:
        taxonomy = Taxonomy.objects.create(
            id=taxonomy_id(taxonomy_name), name=taxonomy_name, description=description
        )
        TaxonomyTerm.objects.bulk_create(
            TaxonomyTerm(
                id=term_id(taxonomy_name, code),
                taxonomy=taxonomy,
                code=code,
                name=name,
                description=term_description,
                position=position,
            )
            for position, (code, name, term_description) in enumerate(terms)
        )


def create_roles(apps, schema_editor):
    """The content types and permissions the roles need (`migrate` makes the others after all
    migrations have run), then the roles. Those already there are kept, as create_permissions
    keeps them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    existing = set(
        ContentType.objects.filter(app_label="resources").values_list("model", flat=True)
    )
    ContentType.objects.bulk_create(
        ContentType(app_label="resources", model=model)
        for model in CONTENT_TYPES
        if model not in existing
    )
    content_types = dict(
        ContentType.objects.filter(app_label="resources").values_list("model", "id")
    )
    existing = set(
        Permission.objects.filter(content_type__app_label="resources").values_list(
            "content_type_id", "codename"
        )
    )
    permissions = []
    for model, verbose_name, own_permissions in PERMISSIONS:
        for codename, name in [
            *(
                (f"{action}_{model}", f"Can {action} {verbose_name}")
                for action in ("add", "change", "delete", "view")
            ),
            *own_permissions,
        ]:
            if (content_types[model], codename) not in existing:
                permissions.append(
                    Permission(content_type_id=content_types[model], codename=codename, name=name)
                )
    Permission.objects.bulk_create(permissions)

    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="resources", codename__in=codenames
        )
        assert permissions.count() == len(set(codenames)), name
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


def seed_search_words(apps, schema_editor):
    """The synonyms as 0005 and 0014 leave them, then 0031's Spanish ones; the crisis phrases of
    0013, then 0031's. A word or phrase already there keeps its first meaning, as there."""
    SearchSynonym = apps.get_model("resources", "SearchSynonym")
    synonyms = {**STARTING_SYNONYMS, **STARTING_PHRASES}
    for word, means in SPANISH_SYNONYMS.items():
        synonyms.setdefault(word, means)
    SearchSynonym.objects.bulk_create(
        SearchSynonym(id=synonym_id(word), word=word, means=means)
        for word, means in synonyms.items()
    )
    CrisisPhrase = apps.get_model("resources", "CrisisPhrase")
    phrases = {}
    for phrase in [*STARTING_CRISIS_PHRASES, *SPANISH_CRISIS_PHRASES]:
        phrases.setdefault(phrase.lower(), phrase)
    CrisisPhrase.objects.bulk_create(
        CrisisPhrase(id=crisis_phrase_id(phrase), phrase=phrase) for phrase in phrases.values()
    )


class Migration(migrations.Migration):
    replaces = [
        ("resources", "0001_initial"),
        ("resources", "0002_seed_vocabulary"),
        ("resources", "0003_curation"),
        ("resources", "0004_curator_roles"),
        ("resources", "0005_search"),
        ("resources", "0006_places"),
        ("resources", "0007_service_history_terms"),
        ("resources", "0008_term_descriptions"),
        ("resources", "0009_organization_description_required"),
        ("resources", "0010_pending_search_refresh"),
        ("resources", "0011_search_words"),
        ("resources", "0012_opening_hours_rows"),
        ("resources", "0013_crisis_phrases"),
        ("resources", "0014_search_words_people_type"),
        ("resources", "0015_more_hsds_tables"),
        ("resources", "0016_more_hsds_fields"),
        ("resources", "0017_provenance"),
        ("resources", "0018_harvest_sources"),
        ("resources", "0019_import_jobs"),
        ("resources", "0020_more_kept_fields"),
        ("resources", "0021_approximate_coordinates"),
        ("resources", "0022_curators_words"),
        ("resources", "0023_service_status_assured_index"),
        ("resources", "0024_used_form_tokens"),
        ("resources", "0025_failed_sign_ins"),
        ("resources", "0026_history_change_sets"),
        ("resources", "0027_stable_seeded_ids"),
        ("resources", "0028_review"),
        ("resources", "0029_language_codes_iso_639_3"),
        ("resources", "0030_spanish_text"),
        ("resources", "0031_spanish_search"),
        ("resources", "0032_search_indexes_in_models"),
    ]

    # What the replaced migrations depended on in other apps.
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [
        # pg_trgm, for the search words' trigram index (0005, 0011); nothing but on PostgreSQL.
        TrigramExtension(),
        migrations.CreateModel(
            name="Organization",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "alternate_name",
                    models.CharField(blank=True, max_length=200, verbose_name="alternate name"),
                ),
                (
                    "description",
                    models.TextField(
                        help_text="What the organisation is, in a sentence or two.",
                        verbose_name="description",
                    ),
                ),
                (
                    "name_es",
                    models.CharField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        max_length=200,
                        verbose_name="name in Spanish",
                    ),
                ),
                (
                    "description_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="description in Spanish",
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "legal_status",
                    models.CharField(
                        blank=True,
                        help_text="E.g. charity, nonprofit.",
                        max_length=200,
                        verbose_name="legal status",
                    ),
                ),
                (
                    "tax_status",
                    models.CharField(blank=True, max_length=200, verbose_name="tax status"),
                ),
                ("tax_id", models.CharField(blank=True, max_length=100, verbose_name="tax id")),
                (
                    "year_incorporated",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="year incorporated"
                    ),
                ),
                (
                    "logo",
                    models.URLField(
                        blank=True, help_text="An image's URL.", max_length=500, verbose_name="logo"
                    ),
                ),
                (
                    "uri",
                    models.URLField(
                        blank=True,
                        help_text="A persistent identifier of it.",
                        max_length=500,
                        verbose_name="URI",
                    ),
                ),
                (
                    "parent_organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="child_organizations",
                        to="resources.organization",
                        verbose_name="parent organisation",
                    ),
                ),
                (
                    "is_sample",
                    models.BooleanField(
                        default=False,
                        help_text="Made-up entry that ships with the project; labelled as sample publicly.",
                        verbose_name="sample data",
                    ),
                ),
            ],
            options={
                "verbose_name": "organisation",
                "verbose_name_plural": "organisations",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("parent_organization", models.F("id")), _negated=True),
                        name="organization_not_its_own_parent",
                        violation_error_message="An organisation cannot be its own parent.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Location",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "location_type",
                    models.CharField(
                        choices=[
                            ("physical", "A place people can visit"),
                            ("virtual", "Online or by phone only"),
                            ("postal", "Postal address only"),
                        ],
                        default="physical",
                        max_length=10,
                        verbose_name="type",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="locations",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "alternate_name",
                    models.CharField(blank=True, max_length=200, verbose_name="alternate name"),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "url",
                    models.URLField(
                        blank=True, help_text="For online locations.", verbose_name="web address"
                    ),
                ),
                (
                    "external_identifier",
                    models.CharField(
                        blank=True,
                        help_text="Another register's id for this place, e.g. a UPRN.",
                        max_length=200,
                        verbose_name="external identifier",
                    ),
                ),
                (
                    "external_identifier_type",
                    models.CharField(
                        blank=True,
                        help_text="Which register the identifier is from.",
                        max_length=100,
                        verbose_name="external identifier type",
                    ),
                ),
                (
                    "address_id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, verbose_name="HSDS address id"
                    ),
                ),
                (
                    "attention",
                    models.CharField(
                        blank=True,
                        help_text="Attention line.",
                        max_length=200,
                        verbose_name="for the attention of",
                    ),
                ),
                (
                    "address_1",
                    models.CharField(blank=True, max_length=200, verbose_name="street address"),
                ),
                (
                    "address_2",
                    models.CharField(blank=True, max_length=200, verbose_name="address line 2"),
                ),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="city or town")),
                (
                    "region",
                    models.CharField(blank=True, max_length=100, verbose_name="county or region"),
                ),
                (
                    "state_province",
                    models.CharField(blank=True, max_length=100, verbose_name="state"),
                ),
                (
                    "postal_code",
                    models.CharField(blank=True, max_length=20, verbose_name="ZIP or postal code"),
                ),
                (
                    "country",
                    models.CharField(
                        default="US",
                        help_text="Two-letter code, e.g. US.",
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                (
                    "latitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        verbose_name="latitude",
                    ),
                ),
                (
                    "longitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        verbose_name="longitude",
                    ),
                ),
                (
                    "coordinates_approximate",
                    models.BooleanField(
                        default=False,
                        help_text="Set when the coordinates are the ZIP code's or the town's centre, not the address's own. Exact coordinates typed by a curator clear it.",
                        verbose_name="approximate position",
                    ),
                ),
                (
                    "transportation",
                    models.TextField(
                        blank=True,
                        help_text="Buses, parking, nearest stop.",
                        verbose_name="getting there",
                    ),
                ),
                (
                    "accessibility",
                    models.TextField(
                        blank=True,
                        help_text="Step-free access, accessible toilets, hearing loops, and the like.",
                        verbose_name="accessibility",
                    ),
                ),
                (
                    "accessibility_id",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="HSDS accessibility id"
                    ),
                ),
                (
                    "accessibility_details",
                    models.TextField(
                        blank=True,
                        help_text="More on the access, if any.",
                        verbose_name="accessibility details",
                    ),
                ),
                (
                    "accessibility_url",
                    models.URLField(
                        blank=True, max_length=500, verbose_name="accessibility web page"
                    ),
                ),
            ],
            options={
                "verbose_name": "location",
                "verbose_name_plural": "locations",
                "ordering": ["name"],
                "indexes": [
                    models.Index(fields=["latitude", "longitude"], name="location_coordinates")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("location_type__in", ["physical", "virtual", "postal"])
                        ),
                        name="location_type_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("latitude__isnull", True),
                            models.Q(("latitude__gte", -90), ("latitude__lte", 90)),
                            _connector="OR",
                        ),
                        name="location_latitude_in_range",
                        violation_error_message="Latitude must be between -90 and 90.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("longitude__isnull", True),
                            models.Q(("longitude__gte", -180), ("longitude__lte", 180)),
                            _connector="OR",
                        ),
                        name="location_longitude_in_range",
                        violation_error_message="Longitude must be between -180 and 180.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("latitude__isnull", True), ("longitude__isnull", True)),
                            models.Q(("latitude__isnull", False), ("longitude__isnull", False)),
                            _connector="OR",
                        ),
                        name="location_coordinates_together",
                        violation_error_message="Give both latitude and longitude, or neither.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("coordinates_approximate", False),
                            models.Q(("latitude__isnull", False), ("longitude__isnull", False)),
                            _connector="OR",
                        ),
                        name="location_approximate_has_coordinates",
                        violation_error_message="Only coordinates can be approximate.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="PendingSearchRefresh",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("service_id", models.UUIDField(verbose_name="service")),
                (
                    "queued_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="queued at"
                    ),
                ),
            ],
            options={
                "verbose_name": "pending search refresh",
                "verbose_name_plural": "pending search refreshes",
            },
        ),
        migrations.CreateModel(
            name="Taxonomy",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "name",
                    models.CharField(
                        help_text="Our facets are named supportdir:…; other taxonomies keep their own name.",
                        max_length=200,
                        unique=True,
                        verbose_name="name",
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("uri", models.URLField(blank=True, verbose_name="web address")),
                ("version", models.CharField(blank=True, max_length=50, verbose_name="version")),
            ],
            options={
                "verbose_name": "vocabulary (HSDS taxonomy)",
                "verbose_name_plural": "vocabularies (HSDS taxonomies)",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="UsedFormToken",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=64, unique=True, verbose_name="form token")),
                (
                    "used_at",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="used at"),
                ),
            ],
            options={
                "verbose_name": "used form token",
                "verbose_name_plural": "used form tokens",
            },
        ),
        migrations.CreateModel(
            name="FailedSignIn",
            fields=[],
            options={
                "verbose_name": "failed sign-in",
                "verbose_name_plural": "failed sign-ins",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("axes.accessattempt",),
        ),
        migrations.CreateModel(
            name="CrisisPhrase",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "phrase",
                    models.CharField(
                        help_text="As people type it, in any language, e.g. want to die or quiero morir. Case, accents, punctuation and a slip of the finger in longer words do not matter. Keep it specific: a search containing these words shows the crisis panel.",
                        max_length=100,
                        verbose_name="phrase",
                    ),
                ),
            ],
            options={
                "verbose_name": "crisis phrase",
                "verbose_name_plural": "crisis phrases",
                "ordering": ["phrase"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("phrase", ""), _negated=True),
                        name="crisis_phrase_is_not_empty",
                    ),
                    models.UniqueConstraint(
                        django.db.models.functions.text.Lower("phrase"),
                        name="crisis_phrase_unique",
                        violation_error_message="This phrase is already on the list.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HarvestSource",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="Whose directory this is, as curators know it, e.g. County helplines.",
                        max_length=100,
                        unique=True,
                        verbose_name="name",
                    ),
                ),
                (
                    "base_url",
                    models.URLField(
                        help_text="The root of the directory's HSDS 3.0 API, the address before /services, e.g. https://example.org/api.",
                        max_length=500,
                        unique=True,
                        validators=[django.core.validators.URLValidator(schemes=["http", "https"])],
                        verbose_name="API address",
                    ),
                ),
                (
                    "interval_hours",
                    models.PositiveIntegerField(
                        default=24,
                        help_text="How often the harvest timer takes this feed's changes. The timer itself must run (README: Harvesting other directories' feeds).",
                        verbose_name="every (hours)",
                    ),
                ),
                (
                    "enabled",
                    models.BooleanField(
                        default=True,
                        help_text="Untick to stop harvesting this feed.",
                        verbose_name="enabled",
                    ),
                ),
                (
                    "last_run_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="last run"
                    ),
                ),
                (
                    "last_success_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        help_text="When the last run that imported started: the next run asks only for the services changed since then.",
                        null=True,
                        verbose_name="last success",
                    ),
                ),
                (
                    "last_counts",
                    models.JSONField(
                        blank=True, default=dict, editable=False, verbose_name="last counts"
                    ),
                ),
                (
                    "last_error",
                    models.TextField(blank=True, editable=False, verbose_name="last error"),
                ),
                (
                    "last_report",
                    models.TextField(blank=True, editable=False, verbose_name="last report"),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
            ],
            options={
                "verbose_name": "harvested feed",
                "verbose_name_plural": "harvested feeds",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("name", ""), _negated=True),
                        name="harvest_source_name_is_not_empty",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("base_url__startswith", "http://"),
                            ("base_url__startswith", "https://"),
                            _connector="OR",
                        ),
                        name="harvest_source_url_is_http",
                        violation_error_message="The API address must start with http:// or https://.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("interval_hours__gte", 1), ("interval_hours__lte", 8784)
                        ),
                        name="harvest_source_interval_in_range",
                        violation_error_message="Harvest at most every hour and at least once a year.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("last_success_at__isnull", True),
                            ("last_run_at__gte", models.F("last_success_at")),
                            _connector="OR",
                        ),
                        name="harvest_source_success_is_a_run",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAddress",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                (
                    "address_type",
                    models.CharField(
                        choices=[
                            ("physical", "Physical"),
                            ("postal", "Postal"),
                            ("virtual", "Virtual"),
                        ],
                        default="postal",
                        max_length=10,
                        verbose_name="address type",
                    ),
                ),
                (
                    "attention",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="for the attention of"
                    ),
                ),
                (
                    "address_1",
                    models.CharField(blank=True, max_length=200, verbose_name="street address"),
                ),
                (
                    "address_2",
                    models.CharField(blank=True, max_length=200, verbose_name="address line 2"),
                ),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="city or town")),
                (
                    "region",
                    models.CharField(blank=True, max_length=100, verbose_name="county or region"),
                ),
                (
                    "state_province",
                    models.CharField(blank=True, max_length=100, verbose_name="state"),
                ),
                (
                    "postal_code",
                    models.CharField(blank=True, max_length=20, verbose_name="ZIP or postal code"),
                ),
                (
                    "country",
                    models.CharField(
                        default="US",
                        help_text="Two-letter code, e.g. US.",
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical other address",
                "verbose_name_plural": "historical other addresses",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProgram",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "alternate_name",
                    models.CharField(blank=True, max_length=200, verbose_name="alternate name"),
                ),
                (
                    "description",
                    models.TextField(
                        help_text="What the programme is for.", verbose_name="description"
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical programme",
                "verbose_name_plural": "historical programmes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOrganizationIdentifier",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "identifier_scheme",
                    models.CharField(
                        blank=True,
                        help_text="The register's code in org-id.guide, e.g. US-EIN.",
                        max_length=100,
                        verbose_name="scheme",
                    ),
                ),
                (
                    "identifier_type",
                    models.CharField(
                        help_text="In words, e.g. Employer Identification Number.",
                        max_length=200,
                        verbose_name="type",
                    ),
                ),
                ("identifier", models.CharField(max_length=200, verbose_name="identifier")),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical organisation identifier",
                "verbose_name_plural": "historical organisation identifiers",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOrganization",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "alternate_name",
                    models.CharField(blank=True, max_length=200, verbose_name="alternate name"),
                ),
                (
                    "description",
                    models.TextField(
                        help_text="What the organisation is, in a sentence or two.",
                        verbose_name="description",
                    ),
                ),
                (
                    "name_es",
                    models.CharField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        max_length=200,
                        verbose_name="name in Spanish",
                    ),
                ),
                (
                    "description_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="description in Spanish",
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "legal_status",
                    models.CharField(
                        blank=True,
                        help_text="E.g. charity, nonprofit.",
                        max_length=200,
                        verbose_name="legal status",
                    ),
                ),
                (
                    "tax_status",
                    models.CharField(blank=True, max_length=200, verbose_name="tax status"),
                ),
                ("tax_id", models.CharField(blank=True, max_length=100, verbose_name="tax id")),
                (
                    "year_incorporated",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="year incorporated"
                    ),
                ),
                (
                    "logo",
                    models.URLField(
                        blank=True, help_text="An image's URL.", max_length=500, verbose_name="logo"
                    ),
                ),
                (
                    "uri",
                    models.URLField(
                        blank=True,
                        help_text="A persistent identifier of it.",
                        max_length=500,
                        verbose_name="URI",
                    ),
                ),
                (
                    "is_sample",
                    models.BooleanField(
                        default=False,
                        help_text="Made-up entry that ships with the project; labelled as sample publicly.",
                        verbose_name="sample data",
                    ),
                ),
                (
                    "parent_organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.organization",
                        verbose_name="parent organisation",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical organisation",
                "verbose_name_plural": "historical organisations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalLocation",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                (
                    "location_type",
                    models.CharField(
                        choices=[
                            ("physical", "A place people can visit"),
                            ("virtual", "Online or by phone only"),
                            ("postal", "Postal address only"),
                        ],
                        default="physical",
                        max_length=10,
                        verbose_name="type",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "alternate_name",
                    models.CharField(blank=True, max_length=200, verbose_name="alternate name"),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "url",
                    models.URLField(
                        blank=True, help_text="For online locations.", verbose_name="web address"
                    ),
                ),
                (
                    "external_identifier",
                    models.CharField(
                        blank=True,
                        help_text="Another register's id for this place, e.g. a UPRN.",
                        max_length=200,
                        verbose_name="external identifier",
                    ),
                ),
                (
                    "external_identifier_type",
                    models.CharField(
                        blank=True,
                        help_text="Which register the identifier is from.",
                        max_length=100,
                        verbose_name="external identifier type",
                    ),
                ),
                (
                    "address_id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, verbose_name="HSDS address id"
                    ),
                ),
                (
                    "attention",
                    models.CharField(
                        blank=True,
                        help_text="Attention line.",
                        max_length=200,
                        verbose_name="for the attention of",
                    ),
                ),
                (
                    "address_1",
                    models.CharField(blank=True, max_length=200, verbose_name="street address"),
                ),
                (
                    "address_2",
                    models.CharField(blank=True, max_length=200, verbose_name="address line 2"),
                ),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="city or town")),
                (
                    "region",
                    models.CharField(blank=True, max_length=100, verbose_name="county or region"),
                ),
                (
                    "state_province",
                    models.CharField(blank=True, max_length=100, verbose_name="state"),
                ),
                (
                    "postal_code",
                    models.CharField(blank=True, max_length=20, verbose_name="ZIP or postal code"),
                ),
                (
                    "country",
                    models.CharField(
                        default="US",
                        help_text="Two-letter code, e.g. US.",
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                (
                    "latitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        verbose_name="latitude",
                    ),
                ),
                (
                    "longitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        verbose_name="longitude",
                    ),
                ),
                (
                    "coordinates_approximate",
                    models.BooleanField(
                        default=False,
                        help_text="Set when the coordinates are the ZIP code's or the town's centre, not the address's own. Exact coordinates typed by a curator clear it.",
                        verbose_name="approximate position",
                    ),
                ),
                (
                    "transportation",
                    models.TextField(
                        blank=True,
                        help_text="Buses, parking, nearest stop.",
                        verbose_name="getting there",
                    ),
                ),
                (
                    "accessibility",
                    models.TextField(
                        blank=True,
                        help_text="Step-free access, accessible toilets, hearing loops, and the like.",
                        verbose_name="accessibility",
                    ),
                ),
                (
                    "accessibility_id",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="HSDS accessibility id"
                    ),
                ),
                (
                    "accessibility_details",
                    models.TextField(
                        blank=True,
                        help_text="More on the access, if any.",
                        verbose_name="accessibility details",
                    ),
                ),
                (
                    "accessibility_url",
                    models.URLField(
                        blank=True, max_length=500, verbose_name="accessibility web page"
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical location",
                "verbose_name_plural": "historical locations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Program",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="programs",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "alternate_name",
                    models.CharField(blank=True, max_length=200, verbose_name="alternate name"),
                ),
                (
                    "description",
                    models.TextField(
                        help_text="What the programme is for.", verbose_name="description"
                    ),
                ),
            ],
            options={
                "verbose_name": "programme",
                "verbose_name_plural": "programmes",
                "ordering": ["name", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("name", ""), _negated=True), name="program_has_name"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("description", ""), _negated=True),
                        name="program_has_description",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TaxonomyTerm",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "taxonomy",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="terms",
                        to="resources.taxonomy",
                        verbose_name="taxonomy",
                    ),
                ),
                (
                    "code",
                    models.SlugField(
                        allow_unicode=True,
                        help_text="Used in web addresses and exported data; never rename a published one.",
                        max_length=100,
                        verbose_name="code",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="What a visitor gets, in one plain sentence.",
                        verbose_name="description",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="children",
                        to="resources.taxonomyterm",
                        verbose_name="parent term",
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Order in which the term is listed.",
                        verbose_name="position",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        help_text="The language of the term's name (ISO 639-1 or 639-2), if given.",
                        max_length=20,
                        verbose_name="language",
                    ),
                ),
                (
                    "term_uri",
                    models.URLField(blank=True, max_length=500, verbose_name="term's web address"),
                ),
            ],
            options={
                "verbose_name": "vocabulary term (HSDS taxonomy term)",
                "verbose_name_plural": "vocabulary terms (HSDS taxonomy terms)",
                "ordering": ["taxonomy__name", "position", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("taxonomy", "code"), name="taxonomy_term_code_unique_in_taxonomy"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("code", ""), _negated=True),
                        name="taxonomy_term_has_code",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Service",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="services",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        blank=True,
                        help_text="The organisation's programme this service is part of, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="services",
                        to="resources.program",
                        verbose_name="programme",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "name_es",
                    models.CharField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        max_length=200,
                        verbose_name="name in Spanish",
                    ),
                ),
                (
                    "alternate_name",
                    models.CharField(blank=True, max_length=200, verbose_name="alternate name"),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="Part of the page's address, e.g. /services/grief-support-group/. Lowercase, hyphens.",
                        max_length=200,
                        unique=True,
                        verbose_name="web address name",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("published", "Published"),
                            ("inactive", "Inactive"),
                            ("temporarily_closed", "Temporarily closed"),
                            ("defunct", "Defunct (closed for good)"),
                        ],
                        db_index=True,
                        default="draft",
                        help_text="Only published services are shown to the public. Temporarily closed and defunct are HSDS's statuses: not shown, but exported as such.",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        help_text="What the service offers, in plain words.",
                        verbose_name="description",
                    ),
                ),
                (
                    "eligibility_description",
                    models.TextField(
                        blank=True,
                        help_text="Who can use it, and any conditions.",
                        verbose_name="who it is for",
                    ),
                ),
                (
                    "application_process",
                    models.TextField(
                        blank=True,
                        help_text="What to do first: call, drop in, fill in a form, get a referral…",
                        verbose_name="how to get it",
                    ),
                ),
                (
                    "fees_description",
                    models.TextField(
                        blank=True,
                        help_text="What it costs, and whether insurance is accepted.",
                        verbose_name="cost",
                    ),
                ),
                (
                    "description_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="description in Spanish",
                    ),
                ),
                (
                    "eligibility_description_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="who it is for, in Spanish",
                    ),
                ),
                (
                    "application_process_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="how to get it, in Spanish",
                    ),
                ),
                (
                    "fees_description_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="cost, in Spanish",
                    ),
                ),
                ("url", models.URLField(blank=True, verbose_name="website")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                ("fees", models.TextField(blank=True, verbose_name="fees (HSDS, deprecated)")),
                (
                    "interpretation_services",
                    models.TextField(
                        blank=True,
                        help_text="E.g. interpreters on request.",
                        verbose_name="interpretation services",
                    ),
                ),
                ("wait_time", models.TextField(blank=True, verbose_name="wait time")),
                ("accreditations", models.TextField(blank=True, verbose_name="accreditations")),
                ("licenses", models.TextField(blank=True, verbose_name="licences")),
                (
                    "assurer_email",
                    models.EmailField(
                        blank=True,
                        help_text="Who verified it, as the source says.",
                        max_length=254,
                        verbose_name="verifier's email",
                    ),
                ),
                (
                    "alert",
                    models.TextField(
                        blank=True,
                        help_text="Temporary notice shown at the top of the page, e.g. closed for holidays.",
                        verbose_name="alert",
                    ),
                ),
                (
                    "alert_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="alert in Spanish",
                    ),
                ),
                (
                    "minimum_age",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="minimum age"
                    ),
                ),
                (
                    "maximum_age",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="maximum age"
                    ),
                ),
                (
                    "assured_date",
                    models.DateField(
                        blank=True,
                        help_text="The day a curator last checked this entry with the provider.",
                        null=True,
                        verbose_name="last verified",
                    ),
                ),
                (
                    "assured_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="verified by",
                    ),
                ),
                (
                    "is_sample",
                    models.BooleanField(
                        default=False,
                        help_text="Made-up entry that ships with the project; labelled as sample publicly.",
                        verbose_name="sample data",
                    ),
                ),
                ("search_text", models.TextField(blank=True, default="", editable=False)),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "search_vector_es",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="Counts the saves; a save that started from an older version is refused.",
                        verbose_name="version",
                    ),
                ),
                (
                    "terms",
                    models.ManyToManyField(
                        blank=True,
                        related_name="services",
                        to="resources.taxonomyterm",
                        verbose_name="taxonomy terms",
                    ),
                ),
            ],
            options={
                "verbose_name": "service",
                "verbose_name_plural": "services",
                "ordering": ["name"],
                "permissions": [
                    ("publish_service", "Can publish and unpublish services"),
                    ("verify_service", "Can mark services as verified"),
                ],
                "indexes": [
                    models.Index(
                        fields=["status", "assured_date"], name="service_status_assured_idx"
                    ),
                    resources.models.base.PostgresOnlyGinIndex(
                        fields=["search_vector"], name="resources_service_search_vector_gin"
                    ),
                    resources.models.base.PostgresOnlyGinIndex(
                        fields=["search_vector_es"], name="service_search_vector_es_gin"
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "status__in",
                                ["draft", "published", "inactive", "temporarily_closed", "defunct"],
                            )
                        ),
                        name="service_status_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("slug", ""), _negated=True), name="service_has_slug"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("name", ""), _negated=True), name="service_has_name"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("minimum_age__isnull", True),
                            ("maximum_age__isnull", True),
                            ("minimum_age__lte", models.F("maximum_age")),
                            _connector="OR",
                        ),
                        name="service_minimum_age_not_above_maximum",
                        violation_error_message="The minimum age cannot be above the maximum age.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ServiceAtLocation",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="service_at_locations",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="service_at_locations",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="Anything particular to this service at this place.",
                        verbose_name="notes",
                    ),
                ),
            ],
            options={
                "verbose_name": "where a service is offered (HSDS service at location)",
                "verbose_name_plural": "where services are offered (HSDS services at locations)",
                "ordering": ["location__name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("service", "location"), name="service_at_location_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Contact",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contacts",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contacts",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "service_at_location",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contacts",
                        to="resources.serviceatlocation",
                        verbose_name="service at location",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contacts",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                (
                    "title",
                    models.CharField(
                        blank=True,
                        help_text="Their role, e.g. intake coordinator.",
                        max_length=200,
                        verbose_name="title",
                    ),
                ),
                (
                    "department",
                    models.CharField(blank=True, max_length=200, verbose_name="department"),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
            ],
            options={
                "verbose_name": "contact",
                "verbose_name_plural": "contacts",
                "ordering": ["name", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("organization__isnull", False),
                            ("service__isnull", False),
                            ("service_at_location__isnull", False),
                            ("location__isnull", False),
                            _connector="OR",
                        ),
                        name="contact_belongs_to_something",
                        violation_error_message="A contact belongs to a service, a location or an organisation.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="OrganizationIdentifier",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="organization_identifiers",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "identifier_scheme",
                    models.CharField(
                        blank=True,
                        help_text="The register's code in org-id.guide, e.g. US-EIN.",
                        max_length=100,
                        verbose_name="scheme",
                    ),
                ),
                (
                    "identifier_type",
                    models.CharField(
                        help_text="In words, e.g. Employer Identification Number.",
                        max_length=200,
                        verbose_name="type",
                    ),
                ),
                ("identifier", models.CharField(max_length=200, verbose_name="identifier")),
            ],
            options={
                "verbose_name": "organisation identifier",
                "verbose_name_plural": "organisation identifiers",
                "ordering": ["identifier_type", "identifier", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("identifier_type", ""), _negated=True),
                        name="organization_identifier_has_type",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("identifier", ""), _negated=True),
                        name="organization_identifier_has_identifier",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Place",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "country",
                    models.CharField(
                        help_text="Two-letter code, e.g. US.", max_length=2, verbose_name="country"
                    ),
                ),
                ("postcode", models.CharField(blank=True, max_length=20, verbose_name="postcode")),
                ("name", models.CharField(max_length=200, verbose_name="town or place")),
                (
                    "region",
                    models.CharField(
                        blank=True,
                        help_text="As written in addresses, e.g. WI.",
                        max_length=100,
                        verbose_name="state or region",
                    ),
                ),
                ("county", models.CharField(blank=True, max_length=100, verbose_name="county")),
                (
                    "latitude",
                    models.DecimalField(decimal_places=6, max_digits=9, verbose_name="latitude"),
                ),
                (
                    "longitude",
                    models.DecimalField(decimal_places=6, max_digits=9, verbose_name="longitude"),
                ),
                ("timezone", models.CharField(blank=True, max_length=64, verbose_name="time zone")),
            ],
            options={
                "verbose_name": "gazetteer entry (ZIP code or town)",
                "verbose_name_plural": "gazetteer (ZIP codes and towns)",
                "ordering": ["country", "postcode", "name"],
                "indexes": [
                    models.Index(fields=["postcode"], name="place_postcode"),
                    models.Index(fields=["name", "region"], name="place_name_region"),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("country", "postcode", "name"),
                        name="place_unique_postcode_and_name",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("latitude__gte", -90), ("latitude__lte", 90)),
                        name="place_latitude_in_range",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("longitude__gte", -180), ("longitude__lte", 180)),
                        name="place_longitude_in_range",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("name", ""), _negated=True), name="place_has_name"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalService",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "name_es",
                    models.CharField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        max_length=200,
                        verbose_name="name in Spanish",
                    ),
                ),
                (
                    "alternate_name",
                    models.CharField(blank=True, max_length=200, verbose_name="alternate name"),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="Part of the page's address, e.g. /services/grief-support-group/. Lowercase, hyphens.",
                        max_length=200,
                        verbose_name="web address name",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("published", "Published"),
                            ("inactive", "Inactive"),
                            ("temporarily_closed", "Temporarily closed"),
                            ("defunct", "Defunct (closed for good)"),
                        ],
                        db_index=True,
                        default="draft",
                        help_text="Only published services are shown to the public. Temporarily closed and defunct are HSDS's statuses: not shown, but exported as such.",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        help_text="What the service offers, in plain words.",
                        verbose_name="description",
                    ),
                ),
                (
                    "eligibility_description",
                    models.TextField(
                        blank=True,
                        help_text="Who can use it, and any conditions.",
                        verbose_name="who it is for",
                    ),
                ),
                (
                    "application_process",
                    models.TextField(
                        blank=True,
                        help_text="What to do first: call, drop in, fill in a form, get a referral…",
                        verbose_name="how to get it",
                    ),
                ),
                (
                    "fees_description",
                    models.TextField(
                        blank=True,
                        help_text="What it costs, and whether insurance is accepted.",
                        verbose_name="cost",
                    ),
                ),
                (
                    "description_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="description in Spanish",
                    ),
                ),
                (
                    "eligibility_description_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="who it is for, in Spanish",
                    ),
                ),
                (
                    "application_process_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="how to get it, in Spanish",
                    ),
                ),
                (
                    "fees_description_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="cost, in Spanish",
                    ),
                ),
                ("url", models.URLField(blank=True, verbose_name="website")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                ("fees", models.TextField(blank=True, verbose_name="fees (HSDS, deprecated)")),
                (
                    "interpretation_services",
                    models.TextField(
                        blank=True,
                        help_text="E.g. interpreters on request.",
                        verbose_name="interpretation services",
                    ),
                ),
                ("wait_time", models.TextField(blank=True, verbose_name="wait time")),
                ("accreditations", models.TextField(blank=True, verbose_name="accreditations")),
                ("licenses", models.TextField(blank=True, verbose_name="licences")),
                (
                    "assurer_email",
                    models.EmailField(
                        blank=True,
                        help_text="Who verified it, as the source says.",
                        max_length=254,
                        verbose_name="verifier's email",
                    ),
                ),
                (
                    "alert",
                    models.TextField(
                        blank=True,
                        help_text="Temporary notice shown at the top of the page, e.g. closed for holidays.",
                        verbose_name="alert",
                    ),
                ),
                (
                    "alert_es",
                    models.TextField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        verbose_name="alert in Spanish",
                    ),
                ),
                (
                    "minimum_age",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="minimum age"
                    ),
                ),
                (
                    "maximum_age",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="maximum age"
                    ),
                ),
                (
                    "assured_date",
                    models.DateField(
                        blank=True,
                        help_text="The day a curator last checked this entry with the provider.",
                        null=True,
                        verbose_name="last verified",
                    ),
                ),
                (
                    "is_sample",
                    models.BooleanField(
                        default=False,
                        help_text="Made-up entry that ships with the project; labelled as sample publicly.",
                        verbose_name="sample data",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="Counts the saves; a save that started from an older version is refused.",
                        verbose_name="version",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The organisation's programme this service is part of, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.program",
                        verbose_name="programme",
                    ),
                ),
                (
                    "assured_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="verified by",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical service",
                "verbose_name_plural": "historical services",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Provenance",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "kind",
                    models.CharField(
                        help_text="The HSDS table: service, location, …",
                        max_length=50,
                        verbose_name="kind of record",
                    ),
                ),
                ("record_id", models.UUIDField(verbose_name="record's HSDS id")),
                (
                    "source",
                    models.CharField(
                        help_text="A file upload, the command line, a harvested feed's name, or the curators.",
                        max_length=200,
                        verbose_name="source",
                    ),
                ),
                (
                    "set_values",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="The fields this source last set, with the values it gave them.",
                        verbose_name="values set",
                    ),
                ),
            ],
            options={
                "verbose_name": "provenance",
                "verbose_name_plural": "provenance",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "record_id", "source"), name="provenance_one_row_per_source"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", ""), _negated=True),
                            models.Q(("source", ""), _negated=True),
                        ),
                        name="provenance_kind_and_source_given",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "word",
                    models.CharField(
                        help_text="One word or a short phrase, lower case, with single spaces, e.g. sad or lost my husband. A phrase is searched for what it means instead of word by word.",
                        max_length=100,
                        unique=True,
                        verbose_name="visitors type",
                    ),
                ),
                (
                    "means",
                    models.CharField(
                        help_text="What entries call it; several with commas, e.g. depression, low mood.",
                        max_length=200,
                        verbose_name="also search for",
                    ),
                ),
            ],
            options={
                "verbose_name": "search synonym",
                "verbose_name_plural": "search synonyms",
                "ordering": ["word"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("word__regex", "^[^\\sA-Z]+( [^\\sA-Z]+)*$")),
                        name="search_synonym_word_is_lower_case_words",
                        violation_error_message="Give one word or a phrase in lower case, with single spaces.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("means", ""), _negated=True),
                        name="search_synonym_has_meaning",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=100, unique=True, verbose_name="word")),
                (
                    "service_count",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="How many published services used it, when counted.",
                        verbose_name="services",
                    ),
                ),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
                "indexes": [
                    resources.models.base.PostgresOnlyGinIndex(
                        django.contrib.postgres.indexes.OpClass("word", name="gin_trgm_ops"),
                        name="resources_searchword_word_trgm",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Schedule",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="schedules",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="schedules",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                (
                    "service_at_location",
                    models.ForeignKey(
                        blank=True,
                        help_text="Hours of the service at one of its places only.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="schedules",
                        to="resources.serviceatlocation",
                        verbose_name="service at location",
                    ),
                ),
                (
                    "valid_from",
                    models.DateField(
                        blank=True,
                        help_text="The first day these hours apply; before it they are not current.",
                        null=True,
                        verbose_name="valid from",
                    ),
                ),
                (
                    "valid_to",
                    models.DateField(
                        blank=True,
                        help_text="The last day these hours apply; after it they are past.",
                        null=True,
                        verbose_name="valid to",
                    ),
                ),
                (
                    "freq",
                    models.CharField(
                        choices=[("WEEKLY", "Weekly"), ("MONTHLY", "Monthly")],
                        default="WEEKLY",
                        max_length=7,
                        verbose_name="repeats",
                    ),
                ),
                (
                    "interval",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="1 = every week (or month), 2 = every other week, and so on.",
                        verbose_name="every",
                    ),
                ),
                (
                    "byday",
                    models.CharField(
                        blank=True,
                        help_text="MO,TU,WE,TH,FR,SA,SU. Monthly: 2TU = second Tuesday, -1FR = last Friday.",
                        max_length=100,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)(,([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU))*$",
                                "Use day codes separated by commas: MO,TU,WE. For the 2nd Tuesday write 2TU, for the last Friday -1FR.",
                            )
                        ],
                        verbose_name="days",
                    ),
                ),
                (
                    "bymonthday",
                    models.CharField(
                        blank=True,
                        help_text="Monthly only: 1,15 = the 1st and 15th; -1 = the last day.",
                        max_length=100,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^-?[0-9]{1,2}(,-?[0-9]{1,2})*$",
                                "Use numbers separated by commas: 1,15.",
                            )
                        ],
                        verbose_name="days of the month",
                    ),
                ),
                (
                    "dtstart",
                    models.DateField(
                        blank=True,
                        help_text="First date; sets the every-other-week rhythm.",
                        null=True,
                        verbose_name="starting",
                    ),
                ),
                (
                    "until",
                    models.DateField(
                        blank=True,
                        help_text="Last date, if it ends.",
                        null=True,
                        verbose_name="until",
                    ),
                ),
                (
                    "opens_at",
                    models.TimeField(
                        blank=True,
                        help_text="Leave both times empty for all day.",
                        null=True,
                        verbose_name="opens at / starts at",
                    ),
                ),
                (
                    "closes_at",
                    models.TimeField(
                        blank=True,
                        help_text="Earlier than the opening time means it runs past midnight.",
                        null=True,
                        verbose_name="closes at / ends at",
                    ),
                ),
                (
                    "description",
                    models.CharField(
                        blank=True,
                        help_text="Anything the rule cannot say, e.g. closed on public holidays.",
                        max_length=300,
                        verbose_name="note",
                    ),
                ),
                (
                    "description_es",
                    models.CharField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        max_length=300,
                        verbose_name="note in Spanish",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "attending_type",
                    models.CharField(
                        blank=True,
                        help_text="How people attend at these times, e.g. in person, online, by phone.",
                        max_length=200,
                        verbose_name="attending type",
                    ),
                ),
                (
                    "timezone",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="As the source gave it, e.g. -5; hours are read in the directory's zone.",
                        max_digits=4,
                        null=True,
                        verbose_name="time zone (UTC offset)",
                    ),
                ),
                (
                    "wkst",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("MO", "MO"),
                            ("TU", "TU"),
                            ("WE", "WE"),
                            ("TH", "TH"),
                            ("FR", "FR"),
                            ("SA", "SA"),
                            ("SU", "SU"),
                        ],
                        max_length=2,
                        verbose_name="week starts on",
                    ),
                ),
                (
                    "count",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="RFC 5545 COUNT.",
                        null=True,
                        verbose_name="number of occurrences",
                    ),
                ),
                (
                    "byweekno",
                    models.CharField(blank=True, max_length=200, verbose_name="weeks of the year"),
                ),
                (
                    "byyearday",
                    models.CharField(blank=True, max_length=200, verbose_name="days of the year"),
                ),
                (
                    "schedule_link",
                    models.URLField(
                        blank=True,
                        help_text="A page with the timetable.",
                        max_length=500,
                        verbose_name="schedule link",
                    ),
                ),
            ],
            options={
                "verbose_name": "schedule",
                "verbose_name_plural": "schedules",
                "ordering": ["dtstart", "opens_at", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("freq__in", ["WEEKLY", "MONTHLY"])),
                        name="schedule_freq_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("interval__gte", 1)), name="schedule_interval_positive"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("byday", ""),
                            (
                                "byday__regex",
                                "^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)(,([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU))*$",
                            ),
                            _connector="OR",
                        ),
                        name="schedule_byday_rfc5545",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("bymonthday", ""),
                            ("bymonthday__regex", "^-?[0-9]{1,2}(,-?[0-9]{1,2})*$"),
                            _connector="OR",
                        ),
                        name="schedule_bymonthday_rfc5545",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("closes_at__isnull", True), ("opens_at__isnull", True)),
                            models.Q(("closes_at__isnull", False), ("opens_at__isnull", False)),
                            _connector="OR",
                        ),
                        name="schedule_times_together",
                        violation_error_message="Give both the opening and the closing time, or neither.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("dtstart__isnull", True),
                            ("until__isnull", True),
                            ("until__gte", models.F("dtstart")),
                            _connector="OR",
                        ),
                        name="schedule_until_not_before_start",
                        violation_error_message="The last date cannot be before the first.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("service__isnull", False),
                            ("location__isnull", False),
                            ("service_at_location__isnull", False),
                            _connector="OR",
                        ),
                        name="schedule_belongs_to_service_or_location",
                        violation_error_message="A schedule belongs to a service, a location or a service at a location.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_from__isnull", True),
                            ("valid_to__isnull", True),
                            ("valid_to__gte", models.F("valid_from")),
                            _connector="OR",
                        ),
                        name="schedule_valid_to_not_before_valid_from",
                        violation_error_message="“Valid to” cannot be before “valid from”.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("wkst__in", ["", "MO", "TU", "WE", "TH", "FR", "SA", "SU"])
                        ),
                        name="schedule_wkst_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="RequiredDocument",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="required_documents",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "document",
                    models.TextField(
                        help_text="E.g. photo ID, proof of address.", verbose_name="document"
                    ),
                ),
                ("uri", models.URLField(blank=True, max_length=500, verbose_name="web address")),
            ],
            options={
                "verbose_name": "required document",
                "verbose_name_plural": "required documents",
                "ordering": ["document", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("document", ""), _negated=True),
                        name="required_document_has_document",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ProposedChange",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposed_changes",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("change", "Change to a published service"),
                            ("draft", "Draft ready for review"),
                        ],
                        default="change",
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for review"),
                            ("published", "Published"),
                            ("sent_back", "Sent back"),
                            ("closed", "Closed without review"),
                        ],
                        db_index=True,
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="proposed by",
                    ),
                ),
                (
                    "data",
                    models.JSONField(blank=True, default=dict, verbose_name="the form as sent"),
                ),
                (
                    "base_version",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="version it started from"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="proposed"),
                ),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewed by",
                    ),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reviewed at"),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        help_text="Required when sending a change back: what to change, or why not.",
                        verbose_name="note to the editor",
                    ),
                ),
            ],
            options={
                "verbose_name": "proposed change",
                "verbose_name_plural": "proposed changes",
                "ordering": ["-created"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "pending")),
                        fields=("service",),
                        name="proposed_change_one_pending_per_service",
                        violation_error_message="A change to this service is already waiting for review.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("status__in", ["pending", "published", "sent_back", "closed"])
                        ),
                        name="proposed_change_status_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["change", "draft"])),
                        name="proposed_change_kind_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "sent_back"), _negated=True),
                            models.Q(("note", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="proposed_change_sent_back_has_note",
                        violation_error_message="Say why it is sent back.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "change"), _negated=True),
                            ("base_version__isnull", False),
                            _connector="OR",
                        ),
                        name="proposed_change_has_base_version",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ProblemReport",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "New"),
                            ("accepted", "Accepted"),
                            ("rejected", "Rejected"),
                        ],
                        db_index=True,
                        default="new",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "rejection_reason",
                    models.TextField(
                        blank=True,
                        help_text="Required when rejecting; kept for the other curators.",
                        verbose_name="reason for rejecting",
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="received"),
                ),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "handled_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="handled by",
                    ),
                ),
                (
                    "handled_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="handled at"),
                ),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="problem_reports",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("wrong-phone", "The phone number is wrong"),
                            ("closed", "It has closed or stopped"),
                            ("moved", "It has moved"),
                            ("other", "Something else"),
                        ],
                        max_length=12,
                        verbose_name="problem",
                    ),
                ),
                ("details", models.TextField(blank=True, verbose_name="details")),
                (
                    "reporter_email",
                    models.EmailField(
                        blank=True,
                        help_text="Only for questions about this report.",
                        max_length=254,
                        verbose_name="reporter's email",
                    ),
                ),
            ],
            options={
                "verbose_name": "problem report",
                "verbose_name_plural": "problem reports",
                "ordering": ["-created"],
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["new", "accepted", "rejected"])),
                        name="problem_report_status_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "rejected"), _negated=True),
                            models.Q(("rejection_reason", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="problem_report_rejection_has_reason",
                        violation_error_message="Give a reason for rejecting it.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("status", "new"), ("handled_at__isnull", False), _connector="OR"
                        ),
                        name="problem_report_handled_when_decided",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("kind__in", ["wrong-phone", "closed", "moved", "other"])
                        ),
                        name="problem_report_kind_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Phone",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="phones",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="phones",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="phones",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "service_at_location",
                    models.ForeignKey(
                        blank=True,
                        help_text="The number of the service at one of its places only.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="phones",
                        to="resources.serviceatlocation",
                        verbose_name="service at location",
                    ),
                ),
                (
                    "contact",
                    models.ForeignKey(
                        blank=True,
                        help_text="The person or role this number reaches, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="phones",
                        to="resources.contact",
                        verbose_name="contact",
                    ),
                ),
                (
                    "number",
                    models.CharField(
                        help_text="As people dial it, e.g. 988 or 608-555-0100.",
                        max_length=50,
                        verbose_name="number",
                    ),
                ),
                (
                    "extension",
                    models.CharField(blank=True, max_length=20, verbose_name="extension"),
                ),
                (
                    "type",
                    models.CharField(
                        choices=[
                            ("voice", "Call"),
                            ("cell", "Call (mobile)"),
                            ("sms", "Text (SMS)"),
                            ("tty", "TTY"),
                            ("fax", "Fax"),
                            ("video", "Video call"),
                            ("pager", "Pager"),
                        ],
                        default="voice",
                        max_length=5,
                        verbose_name="type",
                    ),
                ),
                (
                    "description",
                    models.CharField(
                        blank=True,
                        help_text="E.g. press 1 for veterans; Spanish line.",
                        max_length=200,
                        verbose_name="description",
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="The first number is shown as the main one.",
                        verbose_name="position",
                    ),
                ),
            ],
            options={
                "verbose_name": "phone",
                "verbose_name_plural": "phones",
                "ordering": ["position", "type", "number"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("type__in", ["voice", "cell", "sms", "tty", "fax", "video", "pager"])
                        ),
                        name="phone_type_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("number", ""), _negated=True), name="phone_has_number"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("service__isnull", False),
                            ("location__isnull", False),
                            ("organization__isnull", False),
                            ("service_at_location__isnull", False),
                            ("contact__isnull", False),
                            _connector="OR",
                        ),
                        name="phone_belongs_to_something",
                        violation_error_message="A phone number belongs to a service, a location, an organisation, a service at a location or a contact.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="OpeningSpan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="resources.service",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="resources.location",
                    ),
                ),
                (
                    "schedule",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opening_spans",
                        to="resources.schedule",
                    ),
                ),
                ("start_minute", models.PositiveIntegerField()),
                ("end_minute", models.PositiveIntegerField()),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["start_minute", "end_minute", "service", "location"],
                        name="resources_o_start_m_310da5_idx",
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("end_minute__lte", 10080), ("start_minute__gte", 0)),
                        name="opening_span_within_week",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("start_minute__lt", models.F("end_minute"))),
                        name="opening_span_start_before_end",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "end_minute__lte",
                                django.db.models.expressions.CombinedExpression(
                                    django.db.models.expressions.CombinedExpression(
                                        django.db.models.expressions.CombinedExpression(
                                            models.F("start_minute"), "/", models.Value(1440)
                                        ),
                                        "*",
                                        models.Value(1440),
                                    ),
                                    "+",
                                    models.Value(1440),
                                ),
                            )
                        ),
                        name="opening_span_within_one_day",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="OpeningOccurrence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="resources.service",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="resources.location",
                    ),
                ),
                (
                    "schedule",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opening_occurrences",
                        to="resources.schedule",
                    ),
                ),
                ("starts_at", models.DateTimeField()),
                ("ends_at", models.DateTimeField()),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["starts_at", "ends_at"], name="resources_o_starts__23bc70_idx"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("starts_at__lt", models.F("ends_at"))),
                        name="opening_occurrence_start_before_end",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Language",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="languages",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        help_text="A language the service is given in: its ISO 639-1 code (es), or its ISO 639-3 code where it has no two-letter one (hmn for Hmong, ase for American Sign Language).",
                        max_length=3,
                        validators=[resources.languages.validate_language_code],
                        verbose_name="language",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="E.g. interpreter on request.",
                        max_length=200,
                        verbose_name="note",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        help_text="The place where this language is spoken, if only one.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="languages",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                (
                    "phone",
                    models.ForeignKey(
                        blank=True,
                        help_text="The phone line on which this language is spoken, if only one.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="languages",
                        to="resources.phone",
                        verbose_name="phone",
                    ),
                ),
            ],
            options={
                "verbose_name": "language",
                "verbose_name_plural": "languages",
                "ordering": ["code"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("service", "code"), name="language_unique_per_service"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("code__regex", "^[a-z]{2,3}$")),
                        name="language_code_iso_639",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalSuggestion",
            fields=[
                ("id", models.UUIDField(db_index=True, default=uuid.uuid4, editable=False)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "New"),
                            ("accepted", "Accepted"),
                            ("rejected", "Rejected"),
                        ],
                        db_index=True,
                        default="new",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "rejection_reason",
                    models.TextField(
                        blank=True,
                        help_text="Required when rejecting; kept for the other curators.",
                        verbose_name="reason for rejecting",
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(
                        blank=True, db_index=True, editable=False, verbose_name="received"
                    ),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "handled_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="handled at"),
                ),
                (
                    "name",
                    models.CharField(max_length=200, verbose_name="name of the service or group"),
                ),
                (
                    "organization_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="organisation that runs it"
                    ),
                ),
                ("description", models.TextField(verbose_name="what it offers")),
                ("phone", models.CharField(blank=True, max_length=50, verbose_name="phone")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "email",
                    models.EmailField(
                        blank=True, max_length=254, verbose_name="email of the service"
                    ),
                ),
                (
                    "address",
                    models.CharField(blank=True, max_length=200, verbose_name="street address"),
                ),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="city or town")),
                (
                    "postal_code",
                    models.CharField(blank=True, max_length=20, verbose_name="ZIP or postal code"),
                ),
                ("when", models.TextField(blank=True, verbose_name="when it is open or meets")),
                (
                    "suggester_email",
                    models.EmailField(
                        blank=True,
                        help_text="Only for questions about this suggestion.",
                        max_length=254,
                        verbose_name="suggester's email",
                    ),
                ),
                (
                    "handled_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="handled by",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                        verbose_name="draft service created from it",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical suggestion",
                "verbose_name_plural": "historical suggestions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalServiceAtLocation",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="Anything particular to this service at this place.",
                        verbose_name="notes",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical where a service is offered (HSDS service at location)",
                "verbose_name_plural": "historical where services are offered (HSDS services at locations)",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalServiceArea",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="Who it reaches: a state (Wisconsin or WI), a county, or United States.",
                        max_length=200,
                        verbose_name="name",
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "extent",
                    models.TextField(
                        blank=True,
                        help_text="The area's outline, as its extent type says.",
                        verbose_name="extent",
                    ),
                ),
                (
                    "extent_type",
                    models.CharField(
                        blank=True,
                        help_text="The extent's format: geojson, topojson, kml or text.",
                        max_length=50,
                        verbose_name="extent type",
                    ),
                ),
                (
                    "uri",
                    models.CharField(
                        blank=True,
                        help_text="A persistent address naming the area.",
                        max_length=500,
                        verbose_name="identifier (URI)",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical service area",
                "verbose_name_plural": "historical service areas",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRequiredDocument",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                (
                    "document",
                    models.TextField(
                        help_text="E.g. photo ID, proof of address.", verbose_name="document"
                    ),
                ),
                ("uri", models.URLField(blank=True, max_length=500, verbose_name="web address")),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical required document",
                "verbose_name_plural": "historical required documents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProblemReport",
            fields=[
                ("id", models.UUIDField(db_index=True, default=uuid.uuid4, editable=False)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "New"),
                            ("accepted", "Accepted"),
                            ("rejected", "Rejected"),
                        ],
                        db_index=True,
                        default="new",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "rejection_reason",
                    models.TextField(
                        blank=True,
                        help_text="Required when rejecting; kept for the other curators.",
                        verbose_name="reason for rejecting",
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(
                        blank=True, db_index=True, editable=False, verbose_name="received"
                    ),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "handled_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="handled at"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("wrong-phone", "The phone number is wrong"),
                            ("closed", "It has closed or stopped"),
                            ("moved", "It has moved"),
                            ("other", "Something else"),
                        ],
                        max_length=12,
                        verbose_name="problem",
                    ),
                ),
                ("details", models.TextField(blank=True, verbose_name="details")),
                (
                    "reporter_email",
                    models.EmailField(
                        blank=True,
                        help_text="Only for questions about this report.",
                        max_length=254,
                        verbose_name="reporter's email",
                    ),
                ),
                (
                    "handled_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="handled by",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical problem report",
                "verbose_name_plural": "historical problem reports",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalLanguage",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        help_text="A language the service is given in: its ISO 639-1 code (es), or its ISO 639-3 code where it has no two-letter one (hmn for Hmong, ase for American Sign Language).",
                        max_length=3,
                        validators=[resources.languages.validate_language_code],
                        verbose_name="language",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="E.g. interpreter on request.",
                        max_length=200,
                        verbose_name="note",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The place where this language is spoken, if only one.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                (
                    "phone",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The phone line on which this language is spoken, if only one.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.phone",
                        verbose_name="phone",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical language",
                "verbose_name_plural": "historical languages",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalFunding",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                (
                    "source",
                    models.TextField(
                        help_text="E.g. county grant, donations.", verbose_name="source"
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical funding",
                "verbose_name_plural": "historical funding",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCostOption",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                ("valid_from", models.DateField(blank=True, null=True, verbose_name="valid from")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="valid to")),
                (
                    "option",
                    models.TextField(
                        blank=True,
                        help_text="Who or what this price is for, e.g. per session.",
                        verbose_name="option",
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        blank=True,
                        help_text="Three-letter code (ISO 4217), e.g. USD.",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=14,
                        null=True,
                        verbose_name="amount",
                    ),
                ),
                (
                    "amount_description",
                    models.TextField(
                        blank=True,
                        help_text="E.g. sliding scale from $10.",
                        verbose_name="amount description",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical cost option",
                "verbose_name_plural": "historical cost options",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Funding",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="funding",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="funding",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "source",
                    models.TextField(
                        help_text="E.g. county grant, donations.", verbose_name="source"
                    ),
                ),
            ],
            options={
                "verbose_name": "funding",
                "verbose_name_plural": "funding",
                "ordering": ["source", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("source", ""), _negated=True), name="funding_has_source"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("organization__isnull", False),
                            ("service__isnull", False),
                            _connector="OR",
                        ),
                        name="funding_belongs_to_something",
                        violation_error_message="Funding belongs to a service or an organisation.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="CostOption",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="cost_options",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                ("valid_from", models.DateField(blank=True, null=True, verbose_name="valid from")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="valid to")),
                (
                    "option",
                    models.TextField(
                        blank=True,
                        help_text="Who or what this price is for, e.g. per session.",
                        verbose_name="option",
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        blank=True,
                        help_text="Three-letter code (ISO 4217), e.g. USD.",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=14,
                        null=True,
                        verbose_name="amount",
                    ),
                ),
                (
                    "amount_description",
                    models.TextField(
                        blank=True,
                        help_text="E.g. sliding scale from $10.",
                        verbose_name="amount description",
                    ),
                ),
            ],
            options={
                "verbose_name": "cost option",
                "verbose_name_plural": "cost options",
                "ordering": ["valid_from", "option", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_from__isnull", True),
                            ("valid_to__isnull", True),
                            ("valid_from__lte", models.F("valid_to")),
                            _connector="OR",
                        ),
                        name="cost_option_valid_from_not_after_valid_to",
                        violation_error_message="The first valid day cannot be after the last.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("amount__isnull", True), ("amount__gte", 0), _connector="OR"
                        ),
                        name="cost_option_amount_not_negative",
                        violation_error_message="An amount cannot be negative.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("currency", ""),
                            ("currency__regex", "^[A-Z][A-Z][A-Z]$"),
                            _connector="OR",
                        ),
                        name="cost_option_currency_iso_4217",
                        violation_error_message="A currency is three capital letters, e.g. USD.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ServiceArea",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="service_areas",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="Who it reaches: a state (Wisconsin or WI), a county, or United States.",
                        max_length=200,
                        verbose_name="name",
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "extent",
                    models.TextField(
                        blank=True,
                        help_text="The area's outline, as its extent type says.",
                        verbose_name="extent",
                    ),
                ),
                (
                    "extent_type",
                    models.CharField(
                        blank=True,
                        help_text="The extent's format: geojson, topojson, kml or text.",
                        max_length=50,
                        verbose_name="extent type",
                    ),
                ),
                (
                    "uri",
                    models.CharField(
                        blank=True,
                        help_text="A persistent address naming the area.",
                        max_length=500,
                        verbose_name="identifier (URI)",
                    ),
                ),
            ],
            options={
                "verbose_name": "service area",
                "verbose_name_plural": "service areas",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("name", ""), _negated=True),
                        name="service_area_has_name",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalSchedule",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                (
                    "valid_from",
                    models.DateField(
                        blank=True,
                        help_text="The first day these hours apply; before it they are not current.",
                        null=True,
                        verbose_name="valid from",
                    ),
                ),
                (
                    "valid_to",
                    models.DateField(
                        blank=True,
                        help_text="The last day these hours apply; after it they are past.",
                        null=True,
                        verbose_name="valid to",
                    ),
                ),
                (
                    "freq",
                    models.CharField(
                        choices=[("WEEKLY", "Weekly"), ("MONTHLY", "Monthly")],
                        default="WEEKLY",
                        max_length=7,
                        verbose_name="repeats",
                    ),
                ),
                (
                    "interval",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="1 = every week (or month), 2 = every other week, and so on.",
                        verbose_name="every",
                    ),
                ),
                (
                    "byday",
                    models.CharField(
                        blank=True,
                        help_text="MO,TU,WE,TH,FR,SA,SU. Monthly: 2TU = second Tuesday, -1FR = last Friday.",
                        max_length=100,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)(,([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU))*$",
                                "Use day codes separated by commas: MO,TU,WE. For the 2nd Tuesday write 2TU, for the last Friday -1FR.",
                            )
                        ],
                        verbose_name="days",
                    ),
                ),
                (
                    "bymonthday",
                    models.CharField(
                        blank=True,
                        help_text="Monthly only: 1,15 = the 1st and 15th; -1 = the last day.",
                        max_length=100,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^-?[0-9]{1,2}(,-?[0-9]{1,2})*$",
                                "Use numbers separated by commas: 1,15.",
                            )
                        ],
                        verbose_name="days of the month",
                    ),
                ),
                (
                    "dtstart",
                    models.DateField(
                        blank=True,
                        help_text="First date; sets the every-other-week rhythm.",
                        null=True,
                        verbose_name="starting",
                    ),
                ),
                (
                    "until",
                    models.DateField(
                        blank=True,
                        help_text="Last date, if it ends.",
                        null=True,
                        verbose_name="until",
                    ),
                ),
                (
                    "opens_at",
                    models.TimeField(
                        blank=True,
                        help_text="Leave both times empty for all day.",
                        null=True,
                        verbose_name="opens at / starts at",
                    ),
                ),
                (
                    "closes_at",
                    models.TimeField(
                        blank=True,
                        help_text="Earlier than the opening time means it runs past midnight.",
                        null=True,
                        verbose_name="closes at / ends at",
                    ),
                ),
                (
                    "description",
                    models.CharField(
                        blank=True,
                        help_text="Anything the rule cannot say, e.g. closed on public holidays.",
                        max_length=300,
                        verbose_name="note",
                    ),
                ),
                (
                    "description_es",
                    models.CharField(
                        blank=True,
                        help_text="Shown on Spanish pages. Leave empty to show the English text there, marked as English.",
                        max_length=300,
                        verbose_name="note in Spanish",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "attending_type",
                    models.CharField(
                        blank=True,
                        help_text="How people attend at these times, e.g. in person, online, by phone.",
                        max_length=200,
                        verbose_name="attending type",
                    ),
                ),
                (
                    "timezone",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="As the source gave it, e.g. -5; hours are read in the directory's zone.",
                        max_digits=4,
                        null=True,
                        verbose_name="time zone (UTC offset)",
                    ),
                ),
                (
                    "wkst",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("MO", "MO"),
                            ("TU", "TU"),
                            ("WE", "WE"),
                            ("TH", "TH"),
                            ("FR", "FR"),
                            ("SA", "SA"),
                            ("SU", "SU"),
                        ],
                        max_length=2,
                        verbose_name="week starts on",
                    ),
                ),
                (
                    "count",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="RFC 5545 COUNT.",
                        null=True,
                        verbose_name="number of occurrences",
                    ),
                ),
                (
                    "byweekno",
                    models.CharField(blank=True, max_length=200, verbose_name="weeks of the year"),
                ),
                (
                    "byyearday",
                    models.CharField(blank=True, max_length=200, verbose_name="days of the year"),
                ),
                (
                    "schedule_link",
                    models.URLField(
                        blank=True,
                        help_text="A page with the timetable.",
                        max_length=500,
                        verbose_name="schedule link",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                (
                    "service_at_location",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Hours of the service at one of its places only.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.serviceatlocation",
                        verbose_name="service at location",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical schedule",
                "verbose_name_plural": "historical schedules",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPhone",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                (
                    "number",
                    models.CharField(
                        help_text="As people dial it, e.g. 988 or 608-555-0100.",
                        max_length=50,
                        verbose_name="number",
                    ),
                ),
                (
                    "extension",
                    models.CharField(blank=True, max_length=20, verbose_name="extension"),
                ),
                (
                    "type",
                    models.CharField(
                        choices=[
                            ("voice", "Call"),
                            ("cell", "Call (mobile)"),
                            ("sms", "Text (SMS)"),
                            ("tty", "TTY"),
                            ("fax", "Fax"),
                            ("video", "Video call"),
                            ("pager", "Pager"),
                        ],
                        default="voice",
                        max_length=5,
                        verbose_name="type",
                    ),
                ),
                (
                    "description",
                    models.CharField(
                        blank=True,
                        help_text="E.g. press 1 for veterans; Spanish line.",
                        max_length=200,
                        verbose_name="description",
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="The first number is shown as the main one.",
                        verbose_name="position",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "service_at_location",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The number of the service at one of its places only.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.serviceatlocation",
                        verbose_name="service at location",
                    ),
                ),
                (
                    "contact",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The person or role this number reaches, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.contact",
                        verbose_name="contact",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical phone",
                "verbose_name_plural": "historical phones",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalContact",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="HSDS id"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "modified",
                    models.DateTimeField(blank=True, editable=False, verbose_name="modified"),
                ),
                (
                    "history_change_set",
                    models.UUIDField(
                        blank=True, editable=False, null=True, verbose_name="change set"
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                (
                    "title",
                    models.CharField(
                        blank=True,
                        help_text="Their role, e.g. intake coordinator.",
                        max_length=200,
                        verbose_name="title",
                    ),
                ),
                (
                    "department",
                    models.CharField(blank=True, max_length=200, verbose_name="department"),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.organization",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                        verbose_name="service",
                    ),
                ),
                (
                    "service_at_location",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.serviceatlocation",
                        verbose_name="service at location",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical contact",
                "verbose_name_plural": "historical contacts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Suggestion",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "New"),
                            ("accepted", "Accepted"),
                            ("rejected", "Rejected"),
                        ],
                        db_index=True,
                        default="new",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "rejection_reason",
                    models.TextField(
                        blank=True,
                        help_text="Required when rejecting; kept for the other curators.",
                        verbose_name="reason for rejecting",
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="received"),
                ),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "handled_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="handled by",
                    ),
                ),
                (
                    "handled_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="handled at"),
                ),
                (
                    "name",
                    models.CharField(max_length=200, verbose_name="name of the service or group"),
                ),
                (
                    "organization_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="organisation that runs it"
                    ),
                ),
                ("description", models.TextField(verbose_name="what it offers")),
                ("phone", models.CharField(blank=True, max_length=50, verbose_name="phone")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "email",
                    models.EmailField(
                        blank=True, max_length=254, verbose_name="email of the service"
                    ),
                ),
                (
                    "address",
                    models.CharField(blank=True, max_length=200, verbose_name="street address"),
                ),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="city or town")),
                (
                    "postal_code",
                    models.CharField(blank=True, max_length=20, verbose_name="ZIP or postal code"),
                ),
                ("when", models.TextField(blank=True, verbose_name="when it is open or meets")),
                (
                    "suggester_email",
                    models.EmailField(
                        blank=True,
                        help_text="Only for questions about this suggestion.",
                        max_length=254,
                        verbose_name="suggester's email",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="suggestions",
                        to="resources.service",
                        verbose_name="draft service created from it",
                    ),
                ),
                (
                    "kinds_of_support",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="resources.taxonomyterm",
                        verbose_name="kinds of support",
                    ),
                ),
            ],
            options={
                "verbose_name": "suggestion",
                "verbose_name_plural": "suggestions",
                "ordering": ["-created"],
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["new", "accepted", "rejected"])),
                        name="suggestion_status_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "rejected"), _negated=True),
                            models.Q(("rejection_reason", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="suggestion_rejection_has_reason",
                        violation_error_message="Give a reason for rejecting it.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("status", "new"), ("handled_at__isnull", False), _connector="OR"
                        ),
                        name="suggestion_handled_when_decided",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalService_terms",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.service",
                    ),
                ),
                (
                    "taxonomyterm",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.taxonomyterm",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="resources.historicalservice",
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalService_terms",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ImportJob",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="curator",
                    ),
                ),
                ("filename", models.CharField(max_length=255, verbose_name="file name")),
                (
                    "token",
                    models.CharField(
                        help_text="The name the upload is kept under.",
                        max_length=64,
                        verbose_name="saved upload",
                    ),
                ),
                (
                    "dry_run",
                    models.BooleanField(
                        help_text="Checked only, nothing written.", verbose_name="dry run"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True, max_length=16, verbose_name="language of the report"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("queued", "Waiting for the worker"),
                            ("running", "Running"),
                            ("finished", "Finished"),
                            ("failed", "Stopped by an unexpected error"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                ("report", models.JSONField(blank=True, null=True, verbose_name="report")),
                (
                    "created",
                    models.DateTimeField(auto_now_add=True, verbose_name="started by the curator"),
                ),
                (
                    "started",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="started by the worker"
                    ),
                ),
                ("finished", models.DateTimeField(blank=True, null=True, verbose_name="finished")),
            ],
            options={
                "verbose_name": "HSDS import job",
                "verbose_name_plural": "HSDS import jobs",
                "ordering": ["-created"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("state__in", ["queued", "running", "finished", "failed"])
                        ),
                        name="import_job_state_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("state__in", ["queued", "running"]),
                            ("finished__isnull", False),
                            _connector="OR",
                        ),
                        name="import_job_finished_when_done",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("state", "finished"), _negated=True),
                            ("report__isnull", False),
                            _connector="OR",
                        ),
                        name="import_job_finished_has_report",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Address",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                        verbose_name="HSDS id",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("modified", models.DateTimeField(auto_now=True, verbose_name="modified")),
                (
                    "location",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="addresses",
                        to="resources.location",
                        verbose_name="location",
                    ),
                ),
                (
                    "address_type",
                    models.CharField(
                        choices=[
                            ("physical", "Physical"),
                            ("postal", "Postal"),
                            ("virtual", "Virtual"),
                        ],
                        default="postal",
                        max_length=10,
                        verbose_name="address type",
                    ),
                ),
                (
                    "attention",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="for the attention of"
                    ),
                ),
                (
                    "address_1",
                    models.CharField(blank=True, max_length=200, verbose_name="street address"),
                ),
                (
                    "address_2",
                    models.CharField(blank=True, max_length=200, verbose_name="address line 2"),
                ),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="city or town")),
                (
                    "region",
                    models.CharField(blank=True, max_length=100, verbose_name="county or region"),
                ),
                (
                    "state_province",
                    models.CharField(blank=True, max_length=100, verbose_name="state"),
                ),
                (
                    "postal_code",
                    models.CharField(blank=True, max_length=20, verbose_name="ZIP or postal code"),
                ),
                (
                    "country",
                    models.CharField(
                        default="US",
                        help_text="Two-letter code, e.g. US.",
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
            ],
            options={
                "verbose_name": "other address",
                "verbose_name_plural": "other addresses",
                "ordering": ["position", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("address_type__in", ["physical", "postal", "virtual"])),
                        name="address_type_valid",
                    )
                ],
            },
        ),
        migrations.RunPython(create_search_structures, drop_search_structures),
        migrations.RunPython(seed_vocabulary, migrations.RunPython.noop),
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunPython(seed_search_words, migrations.RunPython.noop),
    ]
