"""Words visitors use for what entries call otherwise: `sad` finds depression services."""

import uuid

from django.core.cache import cache

from resources.search.query import Clause, Term
from resources.search.spanish import strip_accents
from resources.vocabulary import VOCABULARY_NAMESPACE

CACHE_KEY = "search-synonyms"
# Curators' edits clear the cache in this process at once; other processes see them within this.
CACHE_SECONDS = 60

# The starting list, which curators keep up in the admin: words visitors type in English (US and
# UK) and Spanish, mapped to the words entries and the vocabulary's term names use. The data
# migrations (0005, 0014, 0031) seed it, each from a frozen copy of the words it added: a word
# added here reaches databases only through a new data migration. Tests seed emptied tables
# from here.
STARTING_SYNONYMS = {
    "suicidal": "suicide prevention, suicide",
    "sad": "depression, low mood",
    "low": "depression",
    "depressed": "depression",
    "addiction": "substance use, recovery",
    "addicted": "substance use, recovery",
    "alcohol": "substance use",
    "drinking": "substance use",
    "drugs": "substance use",
    "bereavement": "grief",
    "bereaved": "grief",
    "loss": "grief",
    "carer": "caring, carers",
    "caregiver": "caring, carers",
    "worry": "anxiety",
    "worried": "anxiety",
    "panic": "anxiety",
    "stress": "anxiety, coping",
    "trauma": "ptsd",
    "lonely": "loneliness",
    "alone": "loneliness",
    "cutting": "self-harm",
    "gay": "lgbtq",
    "trans": "lgbtq, transgender",
    "teen": "young people",
    "teenager": "young people",
    "youth": "young people",
    "elderly": "older adults",
    "vet": "veterans",
    "anorexia": "eating disorders",
    "bulimia": "eating disorders",
    "postpartum": "perinatal, new parents",
    "therapy": "counselling, counseling",
    "therapist": "counselling, counseling",
    "counseling": "counselling",
    "counselling": "counseling",
    # Added with phrases (migration 0014).
    "anxious": "anxiety",
    "nervous": "anxiety",
    "nerves": "anxiety",
    "scared": "anxiety",
    "fear": "anxiety",
    "phobia": "anxiety",
    "overwhelmed": "anxiety, stress, coping",
    "ocd": "anxiety",
    "hopeless": "depression",
    "unhappy": "depression, low mood",
    "miserable": "depression, low mood",
    "isolated": "loneliness",
    "isolation": "loneliness",
    "friendless": "loneliness",
    "grieving": "grief",
    "widow": "grief, bereavement",
    "widowed": "grief, bereavement",
    "widower": "grief, bereavement",
    "death": "grief, bereavement",
    "died": "grief, bereavement",
    "pregnant": "perinatal, pregnancy",
    "pregnancy": "perinatal",
    "postnatal": "perinatal, postpartum, new parents",
    "antenatal": "perinatal, pregnancy",
    "prenatal": "perinatal, pregnancy",
    "newborn": "perinatal, new parents",
    "transgender": "lgbtq, trans",
    "nonbinary": "lgbtq, trans",
    "lesbian": "lgbtq",
    "bisexual": "lgbtq",
    "queer": "lgbtq",
    "lgbt": "lgbtq",
    "counselor": "counselling, counseling",
    "counsellor": "counselling, counseling",
    "psychologist": "counselling, counseling",
    "psychotherapy": "counselling, counseling",
    "psychotherapist": "counselling, counseling",
    "sober": "substance use, recovery",
    "sobriety": "substance use, recovery",
    "aa": "alcoholics anonymous, substance use",
    "alcoholic": "substance use",
    "drunk": "substance use",
    "relapse": "substance use, recovery",
    "schizophrenia": "psychosis",
    "paranoia": "psychosis",
    "manic": "bipolar",
    "mania": "bipolar",
    "binge": "eating disorders",
    "flashbacks": "ptsd, trauma",
    "abuse": "ptsd, trauma",
    "selfharm": "self-harm",
    "kids": "young people",
    "children": "young people",
    "adolescent": "young people",
    "seniors": "older adults",
    "helpline": "crisis line, warmline",
    "hotline": "crisis line",
    "organization": "organisation",
    "organisation": "organization",
    "center": "centre",
    "centre": "center",
    "program": "programme",
    "programme": "program",
    # A relative named is a family: services for families and carers say so.
    "mom": "mum, mother, family",
    "mum": "mom, mother, family",
    "mother": "family",
    "dad": "father, family",
    "father": "family",
    "husband": "partner, family",
    "wife": "partner, family",
    "son": "family",
    "daughter": "family",
    "cheap": "low cost, sliding scale",
    "affordable": "low cost, sliding scale",
    "virtual": "online, video",
    "zoom": "online, video",
    # Spanish. (An unaccented misspelling close to the English word, such as depresion, is
    # left to spelling help.)
    "ansiedad": "anxiety",
    "ansioso": "anxiety",
    "ansiosa": "anxiety",
    "nervioso": "anxiety",
    "nerviosa": "anxiety",
    "pánico": "anxiety, panic",
    "panico": "anxiety, panic",
    "preocupado": "anxiety",
    "preocupada": "anxiety",
    "estrés": "anxiety, stress, coping",
    "estres": "anxiety, stress, coping",
    "depresión": "depression",
    "deprimido": "depression",
    "deprimida": "depression",
    "triste": "depression, low mood",
    "tristeza": "depression, low mood",
    "duelo": "grief, bereavement",
    "luto": "grief, bereavement",
    "pérdida": "grief, loss",
    "viuda": "grief, bereavement",
    "viudo": "grief, bereavement",
    "soledad": "loneliness",
    "sola": "loneliness",
    "aislado": "loneliness",
    "aislada": "loneliness",
    "adicción": "substance use, recovery",
    "adiccion": "substance use, recovery",
    "alcoholismo": "substance use",
    "drogas": "substance use",
    "suicidio": "suicide prevention, suicide",
    "suicida": "suicide prevention, suicide",
    "autolesión": "self-harm",
    "autolesion": "self-harm",
    "embarazo": "perinatal, pregnancy",
    "embarazada": "perinatal, pregnancy",
    "posparto": "perinatal, postpartum",
    "postparto": "perinatal, postpartum",
    "bebé": "perinatal, new parents",
    "psicosis": "psychosis",
    "esquizofrenia": "psychosis",
    "trastorno": "disorder",
    "cuidador": "caring, carers",
    "cuidadora": "caring, carers",
    "terapia": "counselling, counseling",
    "terapeuta": "counselling, counseling",
    "psicólogo": "counselling, counseling",
    "psicologo": "counselling, counseling",
    "psicóloga": "counselling, counseling",
    "consejería": "counselling, counseling",
    "consejeria": "counselling, counseling",
    "apoyo": "support",
    "grupo": "group",
    "reunión": "meeting",
    "consejero": "counselling, counseling",
    "consejera": "counselling, counseling",
    "ayuda": "help, support",
    "veteranos": "veterans",
    "jóvenes": "young people",
    "jovenes": "young people",
    "adolescentes": "young people",
    "estudiantes": "students",
    "mayores": "older adults",
    "mujeres": "women",
    "hombres": "men",
    "familia": "families, carers",
    "gratis": "free",
    "gratuito": "free",
    "español": "spanish",
    "espanol": "spanish",
    "teléfono": "phone",
    "telefono": "phone",
}

# Spanish words and phrases added with Spanish search (issue 17, migration 0031):
# what people type for every kind of support, topic, audience, way of delivery and cost,
# mapped to the vocabulary's English names (every service's English document has them; on
# Spanish pages the Spanish document is searched as well). Accents, case and plural endings
# need no entry of their own (see lookup_key).
ADDED_WITH_SPANISH_SEARCH = {
    # Topics
    "angustia": "anxiety",
    "angustiado": "anxiety",
    "angustiada": "anxiety",
    "miedo": "anxiety",
    "fobia": "anxiety",
    "toc": "anxiety",
    "estresado": "anxiety, stress, coping",
    "estresada": "anxiety, stress, coping",
    "agobiado": "anxiety, stress, coping",
    "agobiada": "anxiety, stress, coping",
    "ataque de ansiedad": "anxiety, panic",
    "depresivo": "depression",
    "depresiva": "depression",
    "desesperanza": "depression",
    "desanimado": "depression, low mood",
    "desanimada": "depression, low mood",
    "infeliz": "depression, low mood",
    "melancolía": "depression, low mood",
    "me siento triste": "depression, low mood",
    "tept": "ptsd, trauma",
    "estrés postraumático": "ptsd, trauma",
    "abuso": "ptsd, trauma",
    "maltrato": "ptsd, trauma",
    "violencia": "ptsd, trauma",
    "violencia doméstica": "ptsd, trauma",
    "alcohólico": "substance use",
    "alcohólica": "substance use",
    "beber": "substance use",
    "adicciones": "substance use, recovery",
    "adicto": "substance use, recovery",
    "adicta": "substance use, recovery",
    "droga": "substance use",
    "sustancias": "substance use",
    "recuperación": "substance use, recovery",
    "sobriedad": "substance use, recovery",
    "rehabilitación": "substance use, recovery",
    "prevención del suicidio": "suicide prevention, suicide",
    "pensamientos suicidas": "suicide prevention, suicide",
    "ideas suicidas": "suicide prevention, suicide",
    "autolesiones": "self-harm",
    "autolesionarse": "self-harm",
    "lastimarme": "self-harm",
    "depresión posparto": "perinatal, postpartum, depression",
    "maternidad": "perinatal, pregnancy",
    "recién nacido": "perinatal, new parents",
    "bipolaridad": "bipolar",
    "voces": "psychosis",
    "escuchar voces": "psychosis",
    "oír voces": "psychosis",
    "atracones": "eating disorders",
    "trastornos de la alimentación": "eating disorders",
    "trastornos alimenticios": "eating disorders",
    "trastorno alimenticio": "eating disorders",
    "muerte": "grief, bereavement",
    "murió": "grief, bereavement",
    "falleció": "grief, bereavement",
    "perdí a mi madre": "grief, bereavement",
    "perdí a mi mamá": "grief, bereavement",
    "perdí a mi padre": "grief, bereavement",
    "perdí a mi papá": "grief, bereavement",
    "perdí a mi hijo": "grief, bereavement",
    "perdí a mi hija": "grief, bereavement",
    "perdí a mi bebé": "grief, bereavement, perinatal",
    "perdí a mi pareja": "grief, bereavement",
    "solitario": "loneliness",
    "solitaria": "loneliness",
    "aislamiento": "loneliness",
    "me siento solo": "loneliness",
    "me siento sola": "loneliness",
    "cuidar": "caring, carers",
    "cuidadores": "caring, carers",
    "salud mental": "mental health",
    # Audiences
    "familias": "families, carers",
    "familiares": "families, carers",
    "padres": "family, new parents",
    "madre": "family",
    "mamá": "family",
    "padre": "family",
    "papá": "family",
    "hijo": "family",
    "hija": "family",
    "esposo": "partner, family",
    "esposa": "partner, family",
    "pareja": "partner, family",
    "joven": "young people",
    "adolescente": "young people",
    "juventud": "young people",
    "niños": "young people",
    "niñas": "young people",
    "universitarios": "students",
    "universidad": "students",
    "estudiante": "students",
    "ancianos": "older adults",
    "adultos mayores": "older adults",
    "tercera edad": "older adults",
    "jubilados": "older adults",
    "veterano": "veterans",
    "veterana": "veterans",
    "militares": "veterans",
    "lesbiana": "lgbtq",
    "homosexual": "lgbtq",
    "transgénero": "lgbtq, transgender",
    "no binario": "lgbtq, trans",
    "mujer": "women",
    "hombre": "men",
    "inmigrantes": "cultural communities",
    "latinos": "cultural communities",
    "hispanos": "cultural communities",
    # Kinds of support
    "psicoterapia": "counselling, counseling",
    "psicoterapeuta": "counselling, counseling",
    "psiquiatra": "counselling, counseling",
    "asesoramiento": "counselling, counseling",
    "terapia de grupo": "support group",
    "información": "information, advice",
    "orientación": "information, advice",
    "asesoría": "information, advice",
    "consejo": "information, advice",
    "hablar con alguien": "emotional support, warmline",
    "alguien con quien hablar": "emotional support, warmline",
    "necesito hablar": "emotional support, warmline",
    "desahogarme": "emotional support, warmline",
    "escuchar": "emotional support",
    "apoyo emocional": "emotional support",
    "apoyo entre pares": "peer support",
    "apoyo de pares": "peer support",
    "compañerismo": "peer support, social connection",
    "compañía": "social connection, loneliness",
    "amigos": "social connection, loneliness",
    "comunidad": "community, social connection",
    "línea de ayuda": "crisis line, warmline",
    "línea directa": "crisis line",
    "línea de prevención": "crisis line, suicide prevention",
    "emergencia": "crisis service, crisis line",
    "urgencia": "crisis service, crisis line",
    "afrontar": "coping",
    "sobrellevar": "coping",
    "defensa": "advocacy",
    "derechos": "advocacy",
    "ayuda práctica": "practical help",
    # Ways of delivery
    "por teléfono": "phone",
    "llamar": "phone",
    "llamada": "phone",
    "mensaje de texto": "text, chat",
    "mensajes de texto": "text, chat",
    "mensaje": "text, chat",
    "texto": "text, chat",
    "whatsapp": "text, chat",
    "presencial": "in person",
    "cara a cara": "in person",
    "por internet": "online",
    "videollamada": "online, video",
    # Cost
    "gratuita": "free",
    "sin costo": "free",
    "sin cargo": "free",
    "sin pagar": "free",
    "barato": "low cost, sliding scale",
    "barata": "low cost, sliding scale",
    "económico": "low cost, sliding scale",
    "bajo costo": "low cost, sliding scale",
    "seguro": "insurance",
    "seguro médico": "insurance",
    "aseguranza": "insurance",
    "medicaid": "insurance, medicaid",
    "medicare": "insurance, medicare",
}

# Phrases of several words visitors type for one thing: the words are searched for what the
# phrase means instead, not one by one (lost, my and husband together mean grief; apart, they
# find little). Added with migration 0014, which first lets a synonym be a phrase.
STARTING_PHRASES = {
    "panic attack": "anxiety, panic",
    "panic attacks": "anxiety, panic",
    "feeling down": "depression, low mood",
    "feeling low": "depression, low mood",
    "feeling blue": "depression, low mood",
    "low mood": "depression, low mood",
    "no friends": "loneliness, social connection",
    "no one to talk to": "loneliness, emotional support",
    "lost my husband": "grief, bereavement",
    "lost my wife": "grief, bereavement",
    "lost my partner": "grief, bereavement",
    "lost my mom": "grief, bereavement",
    "lost my mum": "grief, bereavement",
    "lost my mother": "grief, bereavement",
    "lost my dad": "grief, bereavement",
    "lost my father": "grief, bereavement",
    "lost my son": "grief, bereavement",
    "lost my daughter": "grief, bereavement",
    "lost my child": "grief, bereavement",
    "lost my baby": "grief, bereavement, perinatal",
    "lost my friend": "grief, bereavement",
    "passed away": "grief, bereavement",
    "after the baby": "perinatal, postpartum, new parents",
    "after having a baby": "perinatal, postpartum, new parents",
    "new baby": "perinatal, postpartum, new parents",
    "new mom": "perinatal, postpartum, new parents",
    "new mum": "perinatal, postpartum, new parents",
    "new parent": "perinatal, new parents",
    "new parents": "perinatal, new parents",
    "baby blues": "perinatal, postpartum, depression",
    "post partum": "perinatal, postpartum",
    "drinking problem": "substance use",
    "drink problem": "substance use",
    "alcohol problem": "substance use",
    "drug problem": "substance use",
    "aa meeting": "alcoholics anonymous, substance use",
    "aa meetings": "alcoholics anonymous, substance use",
    "12 step": "substance use, recovery",
    "twelve step": "substance use, recovery",
    "non binary": "lgbtq, trans",
    "hearing voices": "psychosis",
    "mood swings": "bipolar",
    "self harm": "self-harm",
    "hurting myself": "self-harm",
    "kill myself": "suicide prevention, suicide",
    "end my life": "suicide prevention, suicide",
    "someone to talk to": "emotional support, warmline",
    "looking after": "caring, carers",
    "low cost": "low cost, sliding scale",
    "older people": "older adults",
    "old people": "older adults",
    "ataque de pánico": "anxiety, panic",
    "ataques de pánico": "anxiety, panic",
    "ataques de panico": "anxiety, panic",
    "perdí a mi esposo": "grief, bereavement",
    "perdi a mi esposo": "grief, bereavement",
    "perdí a mi esposa": "grief, bereavement",
    "sin amigos": "loneliness, social connection",
    "grupo de apoyo": "support group",
    "grupos de apoyo": "support group",
    "alcohólicos anónimos": "alcoholics anonymous, substance use",
    "alcoholicos anonimos": "alcoholics anonymous, substance use",
    "trastornos alimentarios": "eating disorders",
    "trastorno alimentario": "eating disorders",
    "trastorno bipolar": "bipolar",
    "línea de crisis": "crisis line",
    "linea de crisis": "crisis line",
    "en línea": "online",
    "en linea": "online",
    "en persona": "in person",
    "en español": "spanish",
    "en espanol": "spanish",
}


for _word, _means in ADDED_WITH_SPANISH_SEARCH.items():
    (STARTING_PHRASES if " " in _word else STARTING_SYNONYMS).setdefault(_word, _means)


def synonym_id(word):
    """The id a starting synonym is seeded with: the same in every database, so a dump of one
    loads into another that migrations seeded (see migration 0027)."""
    return uuid.uuid5(VOCABULARY_NAMESPACE, f"search-synonym:{word}")


def lookup_key(text):
    """What a word or phrase is looked up by: each word without accents and without a plural
    ending, so that `therapists` finds the synonym of `therapist`, `panic attack` that of
    `panic attacks` and `depresion` that of `depresión`."""
    return " ".join(_singular(word) for word in strip_accents(text.lower()).split())


def spanish_lookup_key(text):
    """The key of `text` read with Spanish plural endings (`adicciones`, `mujeres`, `luces`),
    tried when the usual one finds nothing: `adicciones` then finds `adicción`."""
    return " ".join(_spanish_singular(word) for word in strip_accents(text.lower()).split())


def _spanish_singular(word):
    if len(word) > 4 and word.endswith("ces"):
        return word[:-3] + "z"
    if len(word) > 4 and word.endswith("es") and word[-3] not in "aeiou":
        return word[:-2]
    return _singular(word)


def _meaning(mapping, text):
    return mapping.get(lookup_key(text)) or mapping.get(spanish_lookup_key(text))


def _singular(word):
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def synonym_map():
    """{key of a word or phrase: [what it means]}, from the curators' table."""
    mapping = cache.get(CACHE_KEY)
    if mapping is None:
        from resources.models import SearchSynonym

        mapping = {}
        for synonym in SearchSynonym.objects.all():
            alternatives = mapping.setdefault(lookup_key(synonym.word), [])
            alternatives += [a for a in synonym.alternatives if a not in alternatives]
        cache.set(CACHE_KEY, mapping, CACHE_SECONDS)
    return mapping


def forget_synonyms(**kwargs):
    cache.delete(CACHE_KEY)


# Shorter words must be typed as the table has them: one slip would reach too many others.
TYPO_MIN_LENGTH = 5


def misspelt_synonym(word):
    """(the word of the table `word` is one slip away from, what it means), or None: spelling
    help for the words people type, when the services' own words know none (`ansiedaad`,
    `depresoin` on a directory without Spanish text)."""
    from resources.search.crisis import _within_one_edit

    mapping = synonym_map()
    key = lookup_key(word)
    if len(key) < TYPO_MIN_LENGTH or _meaning(mapping, word):
        return None
    for known in sorted(mapping):
        if " " not in known and len(known) >= TYPO_MIN_LENGTH and _within_one_edit(key, known):
            return known, mapping[known]
    return None


def alternatives(texts):
    return [Term(text, is_phrase=" " in text) for text in texts]


def _join_phrases(parsed, mapping):
    """Replace the words of a phrase the table knows by what it means, longest phrase first.

    Only a run of single, unquoted words each a clause of its own can form a phrase. The
    clause left matches the phrase as typed or what it means: `hearing voices` finds a group
    that says "hear voices" as well as the psychosis services, and the phrase's words are not
    also searched one by one.
    """
    longest = max((key.count(" ") + 1 for key in mapping), default=1)
    clauses, index = parsed.clauses, 0
    while index < len(clauses):
        for size in range(min(longest, len(clauses) - index), 1, -1):
            run = clauses[index : index + size]
            if not all(len(c.terms) == 1 and not c.terms[0].is_phrase for c in run):
                continue
            typed = " ".join(c.terms[0].text for c in run)
            meaning = _meaning(mapping, typed)
            if meaning:
                clauses[index : index + size] = [
                    Clause([Term(typed, is_phrase=True)], alternatives(meaning))
                ]
                break
        index += 1


def expand_synonyms(parsed):
    """Let the query mean what the visitor meant: phrases the synonym table knows first (their
    words may be stop words: `after the baby`), then stop words left out, then each remaining
    plain word may also match what it stands for."""
    if not parsed:
        return parsed
    mapping = synonym_map()
    _join_phrases(parsed, mapping)
    parsed.drop_stop_words()
    for clause in parsed.clauses:
        for term in clause.terms:
            if term.is_phrase:
                continue
            clause.alternatives += alternatives(_meaning(mapping, term.text) or ())
    return parsed
