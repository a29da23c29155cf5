"""One organisation at a time: its services, with the locations, phones, hours, languages,
areas and terms a real directory's entries have, drawn from one seeded random generator."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils.text import slugify

from resources import vocabulary
from resources.models import (
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from resources.places.resolve import US_STATES
from resources.sample_data.generator import words
from resources.sample_data.generator.hours import schedules_for
from resources.sample_data.generator.ids import generated_id
from resources.sample_data.generator.words import Zipf

# Services an organisation runs: one to eight, most run one or two.
SERVICES_PER_ORGANIZATION = Zipf(range(1, 9), skew=1.3)
# Facet terms a service has, all facets together.
TERMS_PER_SERVICE = {5: 15, 6: 30, 7: 30, 8: 25}
# Skew of the terms within a facet, the first (in the facet's order) the most common.
TERM_SKEW = 1.4
# A town's weight is its size to this power: cities get the most services. Its size is the
# number of spots (about a kilometre apart) its ZIP codes are at: a count of ZIP codes would
# make giants of Washington's and the military post offices' ZIP codes of one building.
TOWN_SKEW = 1.5
SPOT = Decimal("0.01")
# The armed forces' post offices abroad (APO, FPO, DPO): no one walks in.
MILITARY_REGIONS = {"AA", "AE", "AP"}
REMOTE = {"phone", "online", "text-chat"}
COORDINATE = Decimal("0.000001")


@dataclass(frozen=True)
class Term:
    id: object
    code: str
    name: str


@dataclass
class Rows:
    """The records of a batch, by model, in the order they are inserted."""

    organizations: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    services: list = field(default_factory=list)
    service_at_locations: list = field(default_factory=list)
    terms: list = field(default_factory=list)
    phones: list = field(default_factory=list)
    schedules: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    service_areas: list = field(default_factory=list)

    def by_model(self):
        return [
            (Organization, self.organizations),
            (Location, self.locations),
            (Service, self.services),
            (ServiceAtLocation, self.service_at_locations),
            (Service.terms.through, self.terms),
            (Phone, self.phones),
            (Schedule, self.schedules),
            (Language, self.languages),
            (ServiceArea, self.service_areas),
        ]


class Towns:
    """The gazetteer's places grouped into towns, a town drawn by its size."""

    def __init__(self, places):
        towns = {}
        for place in places:
            if place["country"] == "US" and place["region"] in MILITARY_REGIONS:
                continue
            towns.setdefault((place["country"], place["name"], place["region"]), []).append(place)
        self.towns = list(towns.values())
        weights = [
            len(
                {
                    (place["latitude"].quantize(SPOT), place["longitude"].quantize(SPOT))
                    for place in town
                }
            )
            ** TOWN_SKEW
            for town in self.towns
        ]
        total, self.cum_weights = 0, []
        for weight in weights:
            total += weight
            self.cum_weights.append(total)

    def __bool__(self):
        return bool(self.towns)

    def draw(self, rng):
        return rng.choices(self.towns, cum_weights=self.cum_weights)[0]


class Builder:
    def __init__(self, rng, towns, terms, today):
        """`terms`: {taxonomy name: [Term, ...]} in each facet's order."""
        self.rng = rng
        self.towns = towns
        self.today = today
        self.facets = {name: Zipf(facet, TERM_SKEW) for name, facet in terms.items() if facet}
        self.delivery = {term.code: term for term in terms.get(vocabulary.DELIVERY, [])}
        self.made_up = Zipf(words.made_up_words(), words.VOCABULARY_SKEW)
        self.other_languages = Zipf(words.OTHER_LANGUAGES, 1.0)

    def organization(self, rows, at_most):
        """Add an organisation and its services (at most `at_most`) to `rows`; return how many
        services it has."""
        rng = self.rng
        town = self.towns.draw(rng)
        home = town[0]
        if rng.random() < 0.4:
            name = f"{home['name']} {rng.choice(words.ORGANIZATION_KINDS)}"
        else:
            name = f"{rng.choice(words.ORGANIZATION_WORDS)} {rng.choice(words.ORGANIZATION_KINDS)}"
        organization = Organization(
            id=generated_id(rng),
            name=name,
            description=(
                f"{name} gives mental-health support in {home['name']}, {home['region']}, "
                f"and around."
            ),
            is_sample=True,
        )
        domain = f"{slugify(name)}-{organization.id.hex[-6:]}.example.org"
        organization.website = f"https://{domain}/"
        organization.email = f"info@{domain}"
        rows.organizations.append(organization)
        if rng.random() < 0.4:
            rows.phones.append(self._phone(organization_id=organization.id))
        locations = []
        count = min(at_most, SERVICES_PER_ORGANIZATION.one(rng))
        for _service in range(count):
            self._service(rows, organization, town, locations)
        return count

    def _location(self, rows, organization, town, locations):
        rng = self.rng
        place = rng.choice(town)
        street = f"{rng.choice(words.STREETS)} {rng.choice(words.STREET_KINDS)}"
        location = Location(
            id=generated_id(rng),
            address_id=generated_id(rng),
            organization_id=organization.id,
            location_type=Location.Type.PHYSICAL,
            name=organization.name if not locations else f"{organization.name}, {street}",
            address_1=f"{rng.randint(1, 9999)} {street}",
            city=place["name"],
            region=place["county"],
            state_province=place["region"],
            postal_code=place["postcode"],
            country=place["country"],
            latitude=_nudge(place["latitude"], rng, 90),
            longitude=_nudge(place["longitude"], rng, 180),
        )
        if rng.random() < 0.3:
            location.accessibility = "Step-free entrance and an accessible restroom."
        rows.locations.append(location)
        locations.append(location)
        return location

    def _service(self, rows, organization, town, locations):
        rng = self.rng
        service_id = generated_id(rng)
        chosen = self._terms()
        resource = chosen.get(vocabulary.RESOURCE, [None])[0]
        topic = chosen.get(vocabulary.TOPIC, [None])[0]
        audience = chosen.get(vocabulary.AUDIENCE, [None])[0]
        support = chosen.get(vocabulary.SUPPORT, [None])[0]
        delivery = {term.code for term in chosen.get(vocabulary.DELIVERY, [])}
        spanish = rng.random() < 0.12
        name = _service_name(rng, resource, topic, audience, town[0]["name"])
        draw = rng.random()
        status = (
            Service.Status.INACTIVE
            if draw < 0.01
            else Service.Status.DRAFT
            if draw < 0.02
            else Service.Status.PUBLISHED
        )
        description, description_es = self._description(resource, topic, audience, support, spanish)
        how_to_start = [rng.choice(words.HOW_TO_START[code]) for code in sorted(delivery)]
        costs = [term.code for term in chosen.get(vocabulary.COST, [])]
        service = Service(
            id=service_id,
            organization_id=organization.id,
            name=name,
            slug=f"{slugify(name)[:150]}-{service_id.hex[-12:]}",
            status=status,
            description=description,
            eligibility_description=f"For {words.AUDIENCE_WORDS.get(_code(audience), 'anyone')}.",
            application_process=" ".join(how_to_start),
            fees_description=" ".join(words.COST_WORDS.get(code, "") for code in costs).strip(),
            url=f"{organization.website}{slugify(name)}/" if rng.random() < 0.5 else "",
            email=organization.email if rng.random() < 0.3 else "",
            assured_date=(
                None if rng.random() < 0.1 else self.today - timedelta(days=rng.randint(0, 540))
            ),
            is_sample=True,
            **_ages(rng, _code(audience)),
        )
        if spanish:
            _in_spanish(service, description_es, _code(audience), how_to_start, costs)
        rows.services.append(service)
        rows.terms.extend(
            Service.terms.through(service_id=service_id, taxonomyterm_id=term.id)
            for facet in chosen.values()
            for term in facet
        )
        if "in-person" in delivery and rng.random() < 0.93:
            wanted = 2 if rng.random() < 0.1 else 1
            if len(locations) < wanted or rng.random() < 0.15:
                self._location(rows, organization, town, locations)
            for location in rng.sample(locations, min(wanted, len(locations))):
                rows.service_at_locations.append(
                    ServiceAtLocation(
                        id=generated_id(rng), service_id=service_id, location_id=location.id
                    )
                )
        rows.phones.append(self._phone(service_id=service_id))
        if {"phone", "text-chat"} & delivery and rng.random() < 0.4:
            rows.phones.append(self._phone(service_id=service_id, type=Phone.Type.SMS, position=1))
        if rng.random() < 0.03:
            rows.phones.append(self._phone(service_id=service_id, type=Phone.Type.TTY, position=2))
        rows.schedules.extend(schedules_for(rng, service_id, _code(resource)))
        rows.languages.extend(self._languages(service_id, spanish, _code(audience)))
        if delivery & REMOTE and rng.random() < 0.9:
            rows.service_areas.append(
                ServiceArea(id=generated_id(rng), service_id=service_id, name=self._area(town[0]))
            )

    def _terms(self):
        """{taxonomy name: [Term]}: five to eight terms, a kind of resource, a way to take
        part, a kind of support, a topic and an audience first, then more of the skewed facets."""
        rng = self.rng
        chosen = {}

        def add(taxonomy, term):
            if term is not None and term not in chosen.setdefault(taxonomy, []):
                chosen[taxonomy].append(term)

        for taxonomy in (vocabulary.RESOURCE, vocabulary.SUPPORT, vocabulary.TOPIC):
            if taxonomy in self.facets:
                add(taxonomy, self.facets[taxonomy].one(rng))
        resource = chosen.get(vocabulary.RESOURCE, [None])[0]
        for code in _delivery(rng, _code(resource)):
            add(vocabulary.DELIVERY, self.delivery.get(code))
        if vocabulary.AUDIENCE in self.facets:
            add(vocabulary.AUDIENCE, self.facets[vocabulary.AUDIENCE].one(rng))
        wanted = rng.choices(list(TERMS_PER_SERVICE), weights=list(TERMS_PER_SERVICE.values()))[0]
        more = [
            taxonomy
            for taxonomy in (vocabulary.COST, vocabulary.TOPIC, vocabulary.SUPPORT)
            if taxonomy in self.facets
        ]
        for _attempt in range(20):
            if not more or sum(map(len, chosen.values())) >= wanted:
                break
            taxonomy = rng.choices(more, weights=(5, 3, 2)[: len(more)])[0]
            if taxonomy == vocabulary.COST and chosen.get(taxonomy):
                continue
            add(taxonomy, self.facets[taxonomy].one(rng))
        return chosen

    def _description(self, resource, topic, audience, support, spanish):
        """The English description (with a Spanish sentence for a service given in Spanish, as
        bilingual entries have) and, for those, the Spanish one; "" for the others."""
        rng = self.rng
        topic_words = words.TOPIC_WORDS.get(_code(topic), (_label(topic), _label(topic)))
        resource_words = words.RESOURCE_WORDS.get(
            _code(resource), (_label(resource), _label(resource))
        )
        sentences = [
            rng.choice(words.ENGLISH_OPENINGS).format(
                resource=resource_words[0],
                topic=topic_words[0],
                audience=words.AUDIENCE_WORDS.get(_code(audience), "anyone"),
                support=words.SUPPORT_WORDS.get(_code(support), "support"),
            )
        ]
        spanish_sentences = []
        if spanish:
            sentences.append(
                rng.choice(words.SPANISH_OPENINGS).format(
                    resource=resource_words[1], topic=topic_words[1]
                )
            )
            support_es = words.SUPPORT_WORDS_ES.get(_code(support), "apoyo")
            spanish_sentences = [sentences[-1], f"Le ofrecemos {support_es}."]
        made_up = self.made_up.draw(rng, rng.randint(4, 18))
        middle = len(made_up) // 2 or 1
        for part in (made_up[:middle], made_up[middle:]):
            if part:
                sentence = " ".join(part).capitalize() + "."
                sentences.append(sentence)
                spanish_sentences.append(sentence)
        return " ".join(sentences), " ".join(spanish_sentences) if spanish else ""

    def _phone(self, type=Phone.Type.VOICE, position=0, **owner):
        rng = self.rng
        return Phone(
            id=generated_id(rng),
            number=f"{rng.choice(words.AREA_CODES)}-555-01{rng.randint(0, 99):02d}",
            type=type,
            position=position,
            **owner,
        )

    def _languages(self, service_id, spanish, audience):
        rng = self.rng
        codes = ["en"] if rng.random() < 0.85 else []
        if spanish or rng.random() < 0.03:
            codes.append("es")
        if rng.random() < (0.4 if audience == "cultural-community" else 0.04):
            codes.append(self.other_languages.one(rng))
        return [
            Language(id=generated_id(rng), service_id=service_id, code=code)
            for code in dict.fromkeys(codes)
        ]

    def _area(self, home):
        """The whole country, the organisation's state, or its county."""
        draw = self.rng.random()
        state = US_STATES.get(home["region"].upper(), home["region"])
        if draw < 0.3 or not state:
            return "United States"
        if draw < 0.75 or not home["county"]:
            return state
        return home["county"]


def _in_spanish(service, description, audience, how_to_start, costs):
    """Give a service given in Spanish (about one in eight) its Spanish text, issue 17: from the
    draws its English text was made of, with no draw of its own, so a seed makes the same
    directory as before. Its name stays as it is, as most organisations' names do."""
    service.description_es = description
    service.eligibility_description_es = (
        f"Para {words.AUDIENCE_WORDS_ES.get(audience, 'cualquier persona')}."
    )
    service.application_process_es = " ".join(words.HOW_TO_START_ES[way] for way in how_to_start)
    service.fees_description_es = " ".join(words.COST_WORDS_ES.get(code, "") for code in costs)
    service.fees_description_es = service.fees_description_es.strip()


def _code(term):
    return term.code if term is not None else ""


def _label(term):
    return term.name.lower() if term is not None else "mental health"


def _delivery(rng, resource):
    """How people take part, by kind of resource: lines by phone (and text), online
    communities online, most of the rest in person, some also by phone or video."""
    if resource in {"hotline", "warmline"}:
        return ["phone", "text-chat"] if rng.random() < 0.4 else ["phone"]
    if resource == "online-community":
        return ["online"]
    first = rng.choices(["in-person", "online", "phone"], weights=(75, 15, 10))[0]
    if rng.random() < 0.25:
        return [first, rng.choice([code for code in ("online", "phone") if code != first])]
    return [first]


def _service_name(rng, resource, topic, audience, town):
    kind = rng.choice(words.RESOURCE_NAMES.get(_code(resource), ["Support"]))
    subject = words.TOPIC_NAMES.get(_code(topic), topic.name if topic else "")
    name = f"{subject} {kind}".strip()
    if audience is not None and audience.code != "everyone" and rng.random() < 0.4:
        name = f"{name} for {words.AUDIENCE_WORDS.get(audience.code, audience.name)}"
    if rng.random() < 0.4:
        name = f"{name} ({town})"
    return name[:200]


def _ages(rng, audience):
    if audience == "young-people":
        return {
            "minimum_age": rng.choice((12, 13, 14, 16)),
            "maximum_age": rng.choice((18, 24, 25)),
        }
    if audience == "older-adults":
        return {"minimum_age": rng.choice((55, 60, 65)), "maximum_age": None}
    if audience == "students":
        return {"minimum_age": 16, "maximum_age": None}
    return {"minimum_age": None, "maximum_age": None}


def _nudge(coordinate, rng, limit):
    """A coordinate moved by up to about a kilometre, so a town's services are not all on one
    spot."""
    moved = coordinate + Decimal(rng.uniform(-0.01, 0.01)).quantize(COORDINATE)
    return max(-Decimal(limit), min(Decimal(limit), moved))
