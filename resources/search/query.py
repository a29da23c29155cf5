"""What a visitor typed, parsed once into a structure every search backend can render.

The syntax is the web-search one people know: words must all match, "a quoted phrase" matches
as a phrase, -word excludes, and `or` between two terms accepts either.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD_CHARACTERS = re.compile("[\\w'\u2019-]+")


@dataclass(frozen=True)
class Term:
    text: str
    is_phrase: bool = False

    @property
    def words(self):
        return self.text.split()


@dataclass
class Clause:
    """Terms of which any one may match; `alternatives` were added by synonyms or corrections."""

    terms: list
    alternatives: list = field(default_factory=list)

    @property
    def all_terms(self):
        return [*self.terms, *self.alternatives]


@dataclass
class ParsedQuery:
    clauses: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.clauses or self.excluded)

    @property
    def plain_words(self):
        """Single words typed without quotes: the ones synonyms and spelling help can replace."""
        return [term.text for clause in self.clauses for term in clause.terms if not term.is_phrase]


def clean_query_text(raw):
    """Printable text only, at most MAX_QUERY_LENGTH characters: control characters (NUL
    among them, which PostgreSQL refuses) become spaces."""
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in (raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _normalise(text):
    return " ".join(WORD_CHARACTERS.findall(text.lower()))


def parse_query(raw):
    parsed = ParsedQuery()
    pending_or = False
    for match in TOKEN.finditer(clean_query_text(raw)):
        negated_phrase, phrase, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            pending_or = bool(parsed.clauses)
            continue
        negated = bool(negated_phrase) or (bare is not None and bare.startswith("-"))
        text = _normalise(phrase if phrase is not None else bare.lstrip("-"))
        if not text:
            continue
        term = Term(text, is_phrase=phrase is not None)
        if negated:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.clauses[-1].terms.append(term)
        else:
            parsed.clauses.append(Clause([term]))
        pending_or = False
        if len(parsed.clauses) + len(parsed.excluded) >= MAX_TERMS:
            break
    return parsed
