"""The words of a generated directory: the domain's own (English and Spanish), names, streets,
and a made-up vocabulary whose words are drawn with a Zipf skew, so that a keyword matches from
a handful of services to tens of thousands of them."""

import itertools
import random

# The made-up vocabulary is the same for every seed (only the draws change), so benchmarks can
# name a common word and a rare one.
VOCABULARY_SEED = 20261130
VOCABULARY_SIZE = 5000
# Zipf exponent of the made-up words: the first matches most services, the last a handful.
VOCABULARY_SKEW = 1.1

ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st"]
NUCLEI = ["a", "e", "i", "o", "u", "ai", "ou"]
CODAS = ["", "", "", "n", "r", "l", "s", "m"]


class Zipf:
    """Draws from `items`, the first most often: the item of rank r has weight 1 / r**skew."""

    def __init__(self, items, skew):
        self.items = list(items)
        weights = [1 / rank**skew for rank in range(1, len(self.items) + 1)]
        self.cum_weights = list(itertools.accumulate(weights))

    def draw(self, rng, k=1):
        return rng.choices(self.items, cum_weights=self.cum_weights, k=k)

    def one(self, rng):
        return self.draw(rng)[0]


def made_up_words(size=VOCABULARY_SIZE, seed=VOCABULARY_SEED):
    """`size` distinct pronounceable non-words of two to four syllables, in a fixed order."""
    rng = random.Random(seed)  # noqa: S311
    words, seen = [], set()
    while len(words) < size:
        word = "".join(
            rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS)
            for _syllable in range(rng.choice((2, 2, 3, 3, 4)))
        )
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


# What a description says about a topic (term code of supportdir:topic), in English and Spanish.
TOPIC_WORDS = {
    "depression": ("depression and low mood", "depresión y ánimo bajo"),
    "anxiety": ("anxiety, worry and panic", "ansiedad, preocupación y pánico"),
    "ptsd-trauma": ("trauma and PTSD", "trauma y estrés postraumático"),
    "bipolar": ("bipolar disorder and mood swings", "trastorno bipolar"),
    "psychosis": ("psychosis and hearing voices", "psicosis y escuchar voces"),
    "eating-disorders": ("eating disorders and body image", "trastornos alimentarios"),
    "substance-use": ("substance use and recovery", "consumo de sustancias y recuperación"),
    "grief": ("grief, loss and bereavement", "duelo y pérdida"),
    "suicide-prevention": ("suicidal thoughts and suicide prevention", "prevención del suicidio"),
    "self-harm": ("self-harm", "autolesiones"),
    "perinatal": ("perinatal and postpartum mental health", "salud mental perinatal y posparto"),
    "loneliness": ("loneliness and isolation", "soledad y aislamiento"),
    "caring": ("caring for someone with a mental illness", "cuidar a un ser querido"),
}

# What a description says the service is (term code of supportdir:resource).
RESOURCE_WORDS = {
    "support-group": ("support group", "grupo de apoyo"),
    "hotline": ("crisis line", "línea de crisis"),
    "warmline": ("warmline", "línea de apoyo"),
    "counselling": ("counselling service", "servicio de consejería"),
    "peer-support": ("peer support service", "apoyo entre pares"),
    "online-community": ("online community", "comunidad en línea"),
    "community-organisation": ("drop-in centre", "centro comunitario"),
    "crisis-service": ("crisis service", "servicio de crisis"),
}

# The name a service goes by, from its kind of resource.
RESOURCE_NAMES = {
    "support-group": ["Support Group", "Circle", "Peer Group", "Recovery Group"],
    "hotline": ["Crisis Line", "Helpline", "Crisis Text and Call Line"],
    "warmline": ["Warmline", "Peer Warmline", "Listening Line"],
    "counselling": ["Counselling", "Counseling Clinic", "Therapy Program", "Counselling Centre"],
    "peer-support": ["Peer Support", "Recovery Coaching", "Peer Mentors"],
    "online-community": ["Online Community", "Online Forum", "Virtual Meetup"],
    "community-organisation": ["Drop-in Centre", "Clubhouse", "Community Hub"],
    "crisis-service": ["Crisis Center", "Mobile Crisis Team", "Walk-in Crisis Care"],
}

TOPIC_NAMES = {
    "depression": "Depression",
    "anxiety": "Anxiety",
    "ptsd-trauma": "Trauma",
    "bipolar": "Bipolar",
    "psychosis": "Psychosis",
    "eating-disorders": "Eating Disorders",
    "substance-use": "Recovery",
    "grief": "Grief",
    "suicide-prevention": "Suicide Prevention",
    "self-harm": "Self-Harm",
    "perinatal": "New Parents",
    "loneliness": "Friendship",
    "caring": "Carers",
}

AUDIENCE_WORDS = {
    "everyone": "adults of any background",
    "adults": "adults",
    "young-people": "young people and teenagers",
    "students": "college and university students",
    "older-adults": "older adults",
    "veterans": "veterans and their families",
    "lgbtq": "LGBTQ+ people",
    "families-carers": "families and carers",
    "women": "women",
    "men": "men",
    "cultural-community": "people of the community, in their own language and culture",
}

SUPPORT_WORDS = {
    "emotional": "someone who listens without judging",
    "practical": "practical help with forms, housing and transport",
    "informational": "information and advice about treatment options",
    "social-connection": "company, activities and a place to belong",
    "validation": "encouragement from people who have been there",
    "coping": "coping skills, mindfulness and stress management",
    "advocacy": "advocacy and help to speak up for your rights",
}

# The same in the Spanish text of the services given in Spanish (usted; the words of locale/es).
SUPPORT_WORDS_ES = {
    "emotional": "alguien que le escucha sin juzgarle",
    "practical": "ayuda práctica con trámites, vivienda y transporte",
    "informational": "información y orientación sobre opciones de tratamiento",
    "social-connection": "compañía, actividades y un lugar al que pertenecer",
    "validation": "el ánimo de personas que han pasado por lo mismo",
    "coping": "estrategias para afrontar el estrés y atención plena",
    "advocacy": "defensa de derechos y ayuda para hacer valer su voz",
}

AUDIENCE_WORDS_ES = {
    "everyone": "personas adultas de cualquier origen",
    "adults": "personas adultas",
    "young-people": "jóvenes y adolescentes",
    "students": "estudiantes universitarios",
    "older-adults": "personas mayores",
    "veterans": "veteranos y sus familias",
    "lgbtq": "personas LGBTQ+",
    "families-carers": "familias y cuidadores",
    "women": "mujeres",
    "men": "hombres",
    "cultural-community": "personas de la comunidad, en su propio idioma y cultura",
}

COST_WORDS = {
    "free": "Free of charge.",
    "sliding-scale": "Sliding-scale fees based on income.",
    "insurance": "Most insurance accepted, including Medicaid.",
    "fee": "A fee per session; ask about reduced rates.",
}

COST_WORDS_ES = {
    "free": "Gratis.",
    "sliding-scale": "Costo en escala móvil, según sus ingresos.",
    "insurance": "Acepta la mayoría de los seguros médicos, incluido Medicaid.",
    "fee": "Tiene un costo por sesión; pregunte por tarifas reducidas.",
}

HOW_TO_START = {
    "in-person": ["Drop in during opening hours.", "Call to book a first conversation."],
    "online": ["Register online before your first meeting.", "Join by video; a link is sent."],
    "phone": ["Call at any time during the hours shown.", "Call; no referral needed."],
    "text-chat": ["Text or chat during the hours shown."],
}

# Each of HOW_TO_START's sentences in Spanish.
HOW_TO_START_ES = {
    "Drop in during opening hours.": "Venga durante el horario de atención.",
    "Call to book a first conversation.": "Llame para acordar una primera conversación.",
    "Register online before your first meeting.": (
        "Inscríbase en línea antes de su primera reunión."
    ),
    "Join by video; a link is sent.": "Participe por video; le enviamos un enlace.",
    "Call at any time during the hours shown.": "Llame en cualquier momento del horario indicado.",
    "Call; no referral needed.": "Llame; no necesita una referencia.",
    "Text or chat during the hours shown.": (
        "Envíe un mensaje de texto o chatee durante el horario indicado."
    ),
}

ENGLISH_OPENINGS = [
    "A {resource} for {audience} living with {topic}.",
    "We offer {support} to {audience} dealing with {topic}.",
    "Peer support and counselling for {topic}, open to {audience}.",
    "Confidential {resource} about {topic}: {support}.",
    "A safe place to talk about {topic}, with {support}.",
]

SPANISH_OPENINGS = [
    "Un {resource} para personas que viven con {topic}.",
    "Ofrecemos {resource} en español sobre {topic}.",
    "Apoyo emocional y consejería para {topic}, en español.",
]

ORGANIZATION_WORDS = [
    "Lakeside", "Harbor", "Northside", "New Dawn", "Bridges", "Open Door", "Hope", "Compass",
    "Beacon", "Riverbend", "Cedar", "Willow", "Summit", "Common Ground", "Safe Harbor",
    "Pathways", "Crossroads", "Horizon", "Evergreen", "Sunrise", "Kindred", "Anchor",
    "Harmony", "Meadow", "Lighthouse", "Journey", "Oak Grove", "Fresh Start", "Mosaic",
]  # fmt: skip

ORGANIZATION_KINDS = [
    "Counseling Center", "Community Services", "Wellness Collective", "Recovery Alliance",
    "Family Services", "Mental Health Clinic", "Peer Network", "Foundation", "Behavioral Health",
    "Support Network", "Health Center", "Friendship House",
]  # fmt: skip

STREETS = [
    "Main", "Oak", "Maple", "Park", "Washington", "Lake", "Hill", "Elm", "Pine", "Cedar",
    "Lincoln", "Jefferson", "Madison", "Church", "Spring", "River", "Mill", "Center", "Walnut",
    "Franklin", "Highland", "Union", "Prospect", "Market", "Water", "Grove", "Chestnut",
]  # fmt: skip
STREET_KINDS = ["St", "Ave", "Rd", "Blvd", "Dr", "Ln", "Way", "Ct"]

AREA_CODES = [
    "202", "212", "213", "215", "305", "312", "313", "404", "412", "503", "512", "602", "608",
    "612", "614", "617", "702", "713", "720", "773", "802", "808", "816", "907", "919", "971",
]  # fmt: skip

# Languages besides English and Spanish, the most spoken first (ISO 639-1).
OTHER_LANGUAGES = ["zh", "vi", "tl", "ar", "fr", "ko", "ru", "ht", "so", "pl", "hi", "pt", "de"]
