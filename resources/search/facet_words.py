"""Words of a query that name a facet value: `free`, `online`, `Spanish`, `veterans`, `in person`.

The search page offers each as a filter, one tap, in place of the words: the filter finds every
service with that value, where the word finds only those whose text happens to use it.
"""

import re

from resources.search.query import WORD_CHARACTERS
from resources.search.synonyms import lookup_key

# The facets whose values people type among their words (topics and kinds are what the words
# themselves search for).
NAMED_FACETS = ("cost", "delivery", "audience", "language")
# Other words for facet values than their names and slugs, in English and Spanish.
OTHER_NAMES = {
    "gratis": ("cost", "free"),
    "gratuito": ("cost", "free"),
    "no cost": ("cost", "free"),
    "free of charge": ("cost", "free"),
    "cheap": ("cost", "sliding-scale"),
    "affordable": ("cost", "sliding-scale"),
    "video": ("delivery", "online"),
    "virtual": ("delivery", "online"),
    "zoom": ("delivery", "online"),
    "en línea": ("delivery", "online"),
    "en linea": ("delivery", "online"),
    "face to face": ("delivery", "in-person"),
    "en persona": ("delivery", "in-person"),
    "telephone": ("delivery", "phone"),
    "teléfono": ("delivery", "phone"),
    "text": ("delivery", "text-chat"),
    "chat": ("delivery", "text-chat"),
    "vets": ("audience", "veterans"),
    "veteran": ("audience", "veterans"),
    "veteranos": ("audience", "veterans"),
    "lgbt": ("audience", "lgbtq"),
    "teens": ("audience", "young-people"),
    "teenagers": ("audience", "young-people"),
    "youth": ("audience", "young-people"),
    "jóvenes": ("audience", "young-people"),
    "seniors": ("audience", "older-adults"),
    "elderly": ("audience", "older-adults"),
    "mujeres": ("audience", "women"),
    "hombres": ("audience", "men"),
    "carers": ("audience", "families-carers"),
    "español": ("language", "es"),
    "espanol": ("language", "es"),
    "en español": ("language", "es"),
}
LONGEST_NAME = 3
PARENTHESES = re.compile(r"\s*\([^)]*\)")


def _key(text):
    return lookup_key(" ".join(WORD_CHARACTERS.findall(PARENTHESES.sub("", text).lower())))


def facet_names(options):
    """{key: (parameter, value)} of `options`, (parameter, value, label) triples: each value by
    its label, its slug and the other names above."""
    names = {}
    offered = {(parameter, value) for parameter, value, _label in options}
    for parameter, value, label in options:
        names.setdefault(_key(label), (parameter, value))
        names.setdefault(_key(value.replace("-", " ")), (parameter, value))
    for name, named in OTHER_NAMES.items():
        if named in offered:
            names.setdefault(_key(name), named)
    return names


def facet_values_named(query, names):
    """[(parameter, value, the query without the words that name it)], in the order typed.

    Quoted and excluded words name nothing: they say what to search for or not, exactly."""
    words = query.split()
    named, index = [], 0
    while index < len(words):
        for size in range(min(LONGEST_NAME, len(words) - index), 0, -1):
            run = words[index : index + size]
            if any(word.startswith("-") or '"' in word for word in run):
                continue
            value = names.get(_key(" ".join(run)))
            if value and value not in [(parameter, code) for parameter, code, _rest in named]:
                named.append((*value, " ".join(words[:index] + words[index + size :])))
                index += size - 1
                break
        index += 1
    return named
