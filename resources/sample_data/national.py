"""Real national US lines. Their numbers, websites and hours are public facts, so they are not
marked as sample data.

Only facts published by the providers themselves are here. A curator should still verify each
entry with the provider before relying on it. The crisis lines load as verified on the day they
are loaded: their numbers are checked against the providers' own pages for each release, and the
page someone in crisis opens must not greet them with "not yet verified" (issue 12). The other
lines load without a "last verified" date, waiting for a curator.
Hours given in another time zone carry it in `time_zone`; the loader converts them to the site's.
"""

from datetime import time

from resources.sample_data.records import WEEKDAYS, around_the_clock, call, text, tty, weekly

UNITED_STATES = "United States"
# Verified when loaded: see above.
CRISIS_LINE_VERIFIED_DAYS_AGO = 0

ORGANIZATIONS = [
    {
        "key": "988-lifeline",
        "name": "988 Suicide & Crisis Lifeline",
        "alternate_name": "988 Lifeline",
        "description": (
            "A national network of local crisis centres, funded by the U.S. Substance Abuse and "
            "Mental Health Services Administration (SAMHSA)."
        ),
        "website": "https://988lifeline.org",
    },
    {
        "key": "crisis-text-line",
        "name": "Crisis Text Line",
        "description": (
            "A nonprofit offering free, confidential text support with trained volunteer crisis "
            "counsellors."
        ),
        "website": "https://www.crisistextline.org",
    },
    {
        "key": "samhsa",
        "name": "Substance Abuse and Mental Health Services Administration",
        "alternate_name": "SAMHSA",
        "description": (
            "The agency of the U.S. Department of Health and Human Services that leads public "
            "health efforts on mental health and substance use."
        ),
        "website": "https://www.samhsa.gov",
    },
    {
        "key": "nami",
        "name": "National Alliance on Mental Illness",
        "alternate_name": "NAMI",
        "description": (
            "The largest grassroots mental-health organisation in the United States, with "
            "education, support and advocacy for people with mental illness and their families."
        ),
        "website": "https://www.nami.org",
    },
    {
        "key": "va",
        "name": "U.S. Department of Veterans Affairs",
        "alternate_name": "VA",
        "description": "The federal department that provides health care and benefits to veterans.",
        "website": "https://www.va.gov",
    },
    {
        "key": "trevor-project",
        "name": "The Trevor Project",
        "description": (
            "A nonprofit offering crisis support and suicide prevention for LGBTQ+ young people."
        ),
        "website": "https://www.thetrevorproject.org",
    },
    {
        "key": "trans-lifeline",
        "name": "Trans Lifeline",
        "description": "A nonprofit run by and for trans people, offering peer support.",
        "website": "https://translifeline.org",
    },
]

SERVICES = [
    {
        "slug": "988-suicide-and-crisis-lifeline",
        "verified_days_ago": CRISIS_LINE_VERIFIED_DAYS_AGO,
        "organization": "988-lifeline",
        "name": "988 Suicide & Crisis Lifeline",
        "alternate_name": "988 Lifeline",
        "description": (
            "Free, confidential support any time of the day or night, for anyone in emotional "
            "distress, a suicidal crisis, or a mental-health or substance-use crisis. A trained "
            "crisis counsellor listens, helps you through the moment, and can connect you with "
            "help near you. You can also reach out if you are worried about someone else."
        ),
        "eligibility_description": (
            "Anyone in the United States, of any age. You do not have to be suicidal to reach out."
        ),
        "application_process": (
            "Call or text 988, or chat at 988lifeline.org. When you call, press 2 for Spanish, or "
            "press 1 for the Veterans Crisis Line. If you are Deaf or hard of hearing, use your "
            "preferred relay service, or dial 711 and then 988."
        ),
        "fees_description": "Free and confidential.",
        "url": "https://988lifeline.org",
        "support": ["emotional", "coping", "informational"],
        "resource": ["hotline"],
        "topic": ["suicide-prevention", "self-harm", "depression", "anxiety", "substance-use"],
        "audience": ["everyone"],
        "delivery": ["phone", "text-chat"],
        "cost": ["free"],
        "languages": {"en": "", "es": "Press 2 when you call."},
        "service_areas": [UNITED_STATES],
        "phones": [
            call("988", "Press 1 for veterans, 2 for Spanish"),
            text("988", "Text 988"),
            tty("711", "Dial 711, then 988 (relay service)"),
        ],
        "schedules": [around_the_clock()],
    },
    {
        "slug": "crisis-text-line",
        "verified_days_ago": CRISIS_LINE_VERIFIED_DAYS_AGO,
        "organization": "crisis-text-line",
        "name": "Crisis Text Line",
        "description": (
            "Free, confidential support by text message, any time. A trained volunteer crisis "
            "counsellor texts back and helps you move from a hot moment to a cooler one, whatever "
            "is hurting: stress, loneliness, anxiety, self-harm or thoughts of suicide."
        ),
        "eligibility_description": "Anyone in the United States who can send a text message.",
        "application_process": "Text HOME to 741741.",
        "fees_description": "Free and confidential.",
        "url": "https://www.crisistextline.org",
        "support": ["emotional", "coping"],
        "resource": ["hotline"],
        "topic": ["suicide-prevention", "self-harm", "anxiety", "depression", "loneliness"],
        "audience": ["everyone"],
        "delivery": ["text-chat"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [UNITED_STATES],
        "phones": [text("741741", "Text HOME")],
        "schedules": [around_the_clock()],
    },
    {
        "slug": "samhsa-national-helpline",
        "verified_days_ago": CRISIS_LINE_VERIFIED_DAYS_AGO,
        "organization": "samhsa",
        "name": "SAMHSA National Helpline",
        "alternate_name": "Treatment Referral Routing Service",
        "description": (
            "A free, confidential treatment referral and information service, open 24 hours a "
            "day, 365 days a year, in English and Spanish, for people and families facing "
            "mental-health or substance-use conditions. Information specialists refer you to "
            "treatment, support groups and community organisations near you. It does not offer "
            "counselling: in a crisis, call or text 988."
        ),
        "eligibility_description": (
            "Anyone in the United States, for themselves or for someone they care about."
        ),
        "application_process": (
            "Call 1-800-662-4357 (1-800-662-HELP). TTY users can call 1-800-487-4889."
        ),
        "fees_description": (
            "Free and confidential. If you have no insurance or too little, they can refer you to "
            "state-funded treatment or to places that charge on a sliding scale."
        ),
        "url": "https://www.samhsa.gov/find-help/helplines/national-helpline",
        "support": ["informational"],
        "resource": ["hotline"],
        "topic": ["substance-use", "depression", "anxiety", "caring"],
        "audience": ["everyone", "families-carers"],
        "delivery": ["phone"],
        "cost": ["free"],
        "languages": {"en": "", "es": ""},
        "service_areas": [UNITED_STATES],
        "phones": [
            call("1-800-662-4357", "1-800-662-HELP"),
            tty("1-800-487-4889"),
        ],
        "schedules": [around_the_clock("365 days a year")],
    },
    {
        "slug": "nami-helpline",
        "organization": "nami",
        "name": "NAMI HelpLine",
        "description": (
            "A free, nationwide peer-support line from the National Alliance on Mental Illness. "
            "Trained staff and volunteers offer information, resource referrals and support to "
            "people living with a mental-health condition, their families and caregivers. It is "
            "not a crisis line: in a crisis, call or text 988."
        ),
        "eligibility_description": (
            "People living with a mental-health condition, family members, caregivers, and "
            "anyone with a question about mental health."
        ),
        "application_process": (
            'Call 1-800-950-6264 (1-800-950-NAMI), text "helpline" to 62640, chat at '
            "nami.org/help, or email helpline@nami.org, Monday to Friday, 10 a.m. to 10 p.m. "
            "Eastern time."
        ),
        "fees_description": "Free.",
        "url": "https://www.nami.org/help",
        "email": "helpline@nami.org",
        "support": ["informational", "emotional", "validation"],
        # A warmline, not a crisis line: NAMI sends people in crisis to 988.
        "resource": ["warmline"],
        "topic": ["caring", "depression", "anxiety", "bipolar", "psychosis"],
        "audience": ["everyone", "families-carers"],
        "delivery": ["phone", "text-chat"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [UNITED_STATES],
        "phones": [
            call("1-800-950-6264", "1-800-950-NAMI"),
            text("62640", 'Text "helpline"'),
        ],
        "schedules": [
            weekly(
                WEEKDAYS,
                time(10),
                time(22),
                time_zone="America/New_York",
                description="10 a.m. to 10 p.m. Eastern time",
            )
        ],
    },
    {
        "slug": "veterans-crisis-line",
        "verified_days_ago": CRISIS_LINE_VERIFIED_DAYS_AGO,
        "organization": "va",
        "name": "Veterans Crisis Line",
        "description": (
            "Free, confidential support any time of the day or night for veterans, service "
            "members, National Guard and Reserve members, and the people who care about them. "
            "You do not have to be enrolled in VA benefits or health care to reach out."
        ),
        "eligibility_description": (
            "Veterans, service members, National Guard and Reserve members, and their family "
            "and friends."
        ),
        "application_process": (
            "Dial 988 and then press 1, text 838255, or chat at veteranscrisisline.net."
        ),
        "fees_description": "Free and confidential.",
        "url": "https://www.veteranscrisisline.net",
        "support": ["emotional", "coping", "informational"],
        "resource": ["hotline"],
        "topic": ["suicide-prevention", "ptsd-trauma", "depression", "substance-use"],
        "audience": ["veterans", "families-carers"],
        "delivery": ["phone", "text-chat"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [UNITED_STATES],
        "phones": [call("988", "Dial 988, then press 1"), text("838255")],
        "schedules": [around_the_clock()],
    },
    {
        "slug": "the-trevor-project",
        "verified_days_ago": CRISIS_LINE_VERIFIED_DAYS_AGO,
        "organization": "trevor-project",
        "name": "The Trevor Project",
        "description": (
            "Free, confidential crisis support for LGBTQ+ young people, any time of the day or "
            "night, from trained counsellors who understand. Call, text, or chat online."
        ),
        "eligibility_description": "LGBTQ+ young people under 25.",
        "application_process": (
            "Call 1-866-488-7386, text START to 678-678, or chat at thetrevorproject.org."
        ),
        "fees_description": "Free and confidential.",
        "url": "https://www.thetrevorproject.org",
        "maximum_age": 24,
        "support": ["emotional", "coping"],
        "resource": ["hotline"],
        "topic": ["suicide-prevention", "self-harm", "depression", "anxiety"],
        "audience": ["lgbtq", "young-people"],
        "delivery": ["phone", "text-chat"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [UNITED_STATES],
        "phones": [call("1-866-488-7386"), text("678-678", "Text START")],
        "schedules": [around_the_clock()],
    },
    {
        "slug": "trans-lifeline",
        "verified_days_ago": CRISIS_LINE_VERIFIED_DAYS_AGO,
        "organization": "trans-lifeline",
        "name": "Trans Lifeline",
        "description": (
            "Peer support by phone, run by and for trans people, for trans and questioning "
            "callers. The person who answers is trans too. Trans Lifeline does not call the "
            "police or emergency services without your consent."
        ),
        "eligibility_description": "Trans and questioning people.",
        "application_process": (
            "Call 877-565-8860. The line is not staffed around the clock: check translifeline.org "
            "for the current hours."
        ),
        "fees_description": "Free.",
        "url": "https://translifeline.org",
        "support": ["emotional", "validation"],
        "resource": ["hotline", "peer-support"],
        "topic": ["suicide-prevention", "depression", "anxiety", "loneliness"],
        "audience": ["lgbtq"],
        "delivery": ["phone"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [UNITED_STATES],
        "phones": [call("877-565-8860")],
        # No schedule: its hours change, and the website is the place to check them.
        "schedules": [],
    },
]
