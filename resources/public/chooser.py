"""What would help right now? The chooser's questions, and what each answer means in the
directory's own filters.

The mapping is data: every choice names the facet values it stands for (terms of the
supportdir:* vocabularies, checked against resources.vocabulary when this module loads) and
what the results page says about it. Answers travel in the address only: the chooser's form
is a GET, its answers become the search page's usual filters plus `chose` (the answers given,
so the page can say why), and nothing is kept anywhere.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from resources import vocabulary
from resources.languages import language_name, name_order
from resources.search.facet_cache import cached_result
from resources.search.filters import FACET_PARAMETERS

# The search page's parameter naming the chooser's answers, for the lines that say why.
CHOSE = "chose"
LANGUAGE = "language"
_PARAMETER_OF = {taxonomy_name: parameter for parameter, taxonomy_name in FACET_PARAMETERS.items()}


def terms(taxonomy_name, *codes):
    """(parameter, code) pairs of the search page for terms of one of our vocabularies; a code
    the vocabulary does not have stops the site from starting, rather than filtering on nothing."""
    known = {code for code, _name, _description in vocabulary.FACETS[taxonomy_name]["terms"]}
    unknown = set(codes) - known
    if unknown:
        raise LookupError(f"{taxonomy_name} has no term {', '.join(sorted(unknown))}")
    return tuple((_PARAMETER_OF[taxonomy_name], code) for code in codes)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    # What the results page says, before the filters it stands for: "You said ...: <filters>".
    said: str
    filters: tuple
    # Someone may be in danger: the crisis panel comes first.
    crisis: bool = False


@dataclass(frozen=True)
class Question:
    name: str
    legend: str
    hint: str
    choices: tuple
    multiple: bool = True


QUESTIONS = (
    Question(
        name="need",
        legend=_("What would help most right now?"),
        hint=_("Choose as many as you like."),
        choices=(
            Choice(
                "not-safe",
                _("I am not safe right now"),
                _("You said you are not safe right now"),
                terms(vocabulary.RESOURCE, *vocabulary.CRISIS_RESOURCES),
                crisis=True,
            ),
            Choice(
                "listen",
                _("Someone to listen"),
                _("You said you would like someone to listen"),
                terms(vocabulary.SUPPORT, "emotional"),
            ),
            Choice(
                "everyday",
                _("Help with everyday things, like meals, money, forms or a place to live"),
                _("You said you would like help with everyday things"),
                terms(vocabulary.SUPPORT, "practical"),
            ),
            Choice(
                "information",
                _("Information about what is going on"),
                _("You said you would like information about what is going on"),
                terms(vocabulary.SUPPORT, "informational"),
            ),
            Choice(
                "company",
                _("Company, and people to spend time with"),
                _("You said you would like company"),
                terms(vocabulary.SUPPORT, "social-connection"),
            ),
            Choice(
                "been-there",
                _("People who have been there"),
                _("You said you would like to meet people who have been there"),
                terms(vocabulary.SUPPORT, "validation"),
            ),
            Choice(
                "cope",
                _("Ways to cope"),
                _("You said you would like ways to cope"),
                terms(vocabulary.SUPPORT, "coping"),
            ),
            Choice(
                "on-my-side",
                _("Someone on my side, to help me speak up"),
                _("You said you would like someone on your side"),
                terms(vocabulary.SUPPORT, "advocacy"),
            ),
        ),
    ),
    Question(
        name="how",
        legend=_("How would you like to get it?"),
        hint=_("Choose as many as you like."),
        choices=(
            Choice(
                "in-person",
                _("In person"),
                _("You said in person"),
                terms(vocabulary.DELIVERY, "in-person"),
            ),
            Choice(
                "phone-text",
                _("By phone or text"),
                _("You said by phone or text"),
                terms(vocabulary.DELIVERY, "phone", "text-chat"),
            ),
            Choice(
                "online",
                _("Online"),
                _("You said online"),
                terms(vocabulary.DELIVERY, "online"),
            ),
        ),
    ),
    Question(
        name="about",
        legend=_("Is there anything about you that matters?"),
        hint=_("Choose any that fit. We look for services meant for you."),
        choices=(
            Choice(
                "someone-else",
                _("I am looking for help for someone I care about"),
                _("You said you are helping someone you care about"),
                terms(vocabulary.AUDIENCE, "families-carers"),
            ),
            Choice(
                "young",
                _("I am young (a teenager or young adult)"),
                _("You said you are young"),
                terms(vocabulary.AUDIENCE, "young-people"),
            ),
            Choice(
                "student",
                _("I am a student"),
                _("You said you are a student"),
                terms(vocabulary.AUDIENCE, "students"),
            ),
            Choice(
                "older",
                _("I am an older adult"),
                _("You said you are an older adult"),
                terms(vocabulary.AUDIENCE, "older-adults"),
            ),
            Choice(
                "veteran",
                _("I have served in the armed forces"),
                _("You said you have served in the armed forces"),
                terms(vocabulary.AUDIENCE, "veterans"),
            ),
            Choice(
                "lgbtq",
                _("I am LGBTQ+"),
                _("You said you are LGBTQ+"),
                terms(vocabulary.AUDIENCE, "lgbtq"),
            ),
        ),
    ),
)

CHOICES = {choice.value: choice for question in QUESTIONS for choice in question.choices}
# The language question's answer: the filter is the language itself.
IN_MY_LANGUAGE = "language"
SAID_OF_LANGUAGE = _("You said you would like help in your language")


def languages_offered():
    """[(code, name)] of the languages published services offer other than English, the
    languages' question's choices: one query, kept until the directory changes."""
    from resources.models import Language, Service

    def offered():
        languages = Language.objects.filter(service__status=Service.Status.PUBLISHED).exclude(
            code="en"
        )
        return list(languages.order_by().values_list("code", flat=True).distinct())

    codes = cached_result("chooser-languages", (), offered)
    # Choices are labels, so capitalised: "Vietnamita" (in running text Spanish says "vietnamita").
    return sorted(
        ((code, capfirst(language_name(code))) for code in codes),
        key=lambda item: name_order(item[1]),
    )


def search_parameters(answers):
    """The search page's parameters ([(name, value)]) for the chooser's answers (a QueryDict):
    each choice's filters, then `chose` naming the choices. Unknown answers are left out."""
    filters, chose = [], []
    for question in QUESTIONS:
        for value in dict.fromkeys(answers.getlist(question.name)):
            choice = CHOICES.get(value)
            if choice is None or choice not in question.choices:
                continue
            filters.extend(pair for pair in choice.filters if pair not in filters)
            chose.append(value)
    language = answers.get(LANGUAGE, "")
    if language in dict(languages_offered()):
        filters.append((LANGUAGE, language))
        chose.append(IN_MY_LANGUAGE)
    return [*filters, *((CHOSE, value) for value in chose)]


def search_query(answers):
    """The query string of the search the answers lead to ("" when every question was skipped)."""
    parameters = search_parameters(answers)
    return f"?{urlencode(parameters)}" if parameters else ""


def chosen(params):
    """The chooser's answers named in a search's parameters, known ones only, each once."""
    known = {*CHOICES, IN_MY_LANGUAGE}
    return [value for value in dict.fromkeys(params.getlist(CHOSE)) if value in known]


def points_at_crisis(chose):
    return any(CHOICES[value].crisis for value in chose if value in CHOICES)


@dataclass
class Reason:
    """A line of "why these results": what the visitor said, the filters it became that are still
    in force, and the address of the same search without them."""

    said: str
    labels: list
    remove_url: str

    @property
    def filters_text(self):
        return ", ".join(str(label) for label in self.labels)


def reasons(chose, active, labels, kept):
    """The Reasons for the answers `chose`, given the filters in force (`active`,
    {parameter: [values]}), their labels ({(parameter, value): label}) and the search's
    parameters (`kept`); an answer whose filters were all removed says nothing."""
    found = []
    for value in chose:
        if value == IN_MY_LANGUAGE:
            said = SAID_OF_LANGUAGE
            filters = [(LANGUAGE, code) for code in active.get(LANGUAGE, [])]
        else:
            said = CHOICES[value].said
            filters = [
                (parameter, code)
                for parameter, code in CHOICES[value].filters
                if code in active.get(parameter, [])
            ]
        if not filters:
            continue
        without = {
            parameter: [
                v
                for v in values
                if (parameter, v) not in filters and not (parameter == CHOSE and v == value)
            ]
            for parameter, values in kept.items()
        }
        remove_url = "?" + urlencode([(key, v) for key, values in without.items() for v in values])
        found.append(Reason(said, [labels.get(pair, pair[1]) for pair in filters], remove_url))
    return found
