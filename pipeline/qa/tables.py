"""Language code → what its texts look like: quotation marks, numbers in words, abbreviations.

Data only, read by :mod:`pipeline.qa.inspection` and the checks of
:mod:`pipeline.qa.checks`, one table per convention, keyed by base language
(``pt`` for ``pt_BR``: the conventions are per language, not per country).
Where each table comes from is said above it.
"""

from __future__ import annotations

import re

#: Quotation marks each language uses, outer and inner pairs (CLDR's, with the inner
#: pairs the house style sets: “ ” inside « » in French, « » inside „ ” in Polish).
QUOTATION_MARKS = {
    "fr": "«»“”",
    "en": "“”‘’",
    "de": "„“‚‘",
    "pl": "„”«»",
    "cs": "„“‚‘",
}
#: Every character that may open or close a quotation, in any language (Unicode's quotation marks).
# ’ (U+2019) is left out: it is the apostrophe of every language here, so it is never a wrong quote.
QUOTE_CHARACTERS = frozenset('"«»“”„‟‘‚‛‹›')

# Numbers spelled out: style guides write small numbers in words ("eight months"),
# so a number the other side spells out is not missing. Polish and Czech decline them
# (the forms are those of each language's grammar tables, nominative to instrumental).
NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    # Item i holds the forms of the number i + 1, separated by spaces.
    "fr": (
        "un une",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "onze",
        "douze",
    ),
    "en": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
    "de": (
        "ein eine einer eines einem einen eins",
        "zwei zweier",
        "drei dreier",
        "vier",
        "fünf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwölf",
    ),
    "pl": (
        "jeden jedna jedno jednego jednej jednemu jednym jedną",
        "dwa dwie dwóch dwu dwom dwoma dwiema",
        "trzy trzech trzem trzema",
        "cztery czterech czterem czterema",
        "pięć pięciu pięcioma",
        "sześć sześciu sześcioma",
        "siedem siedmiu siedmioma",
        "osiem ośmiu ośmioma",
        "dziewięć dziewięciu dziewięcioma",
        "dziesięć dziesięciu dziesięcioma",
        "jedenaście jedenastu",
        "dwanaście dwunastu",
    ),
    "cs": (
        "jeden jedna jedno jednoho jedné jednomu jedním jednou jednu",
        "dva dvě dvou dvěma",
        "tři tří třem třemi",
        "čtyři čtyř čtyřem čtyřmi",
        "pět pěti",
        "šest šesti",
        "sedm sedmi",
        "osm osmi",
        "devět devíti",
        "deset deseti",
        "jedenáct jedenácti",
        "dvanáct dvanácti",
    ),
}

#: Words that multiply the number before them, by the start of the word (so declined forms match).
#: "billion" is 10⁹ in English only: in French and German it is 10¹² (the long scale).
SCALE_WORDS: dict[str, tuple[tuple[str, int], ...]] = {
    "fr": (("million", 10**6), ("milliard", 10**9)),
    "en": (("million", 10**6), ("billion", 10**9)),
    "de": (("million", 10**6), ("milliarde", 10**9)),
    "pl": (("milion", 10**6), ("miliard", 10**9)),
    "cs": (("milion", 10**6), ("miliard", 10**9)),
}

#: The spaces a thousands group may be set with: space, no-break space, narrow no-break space
#: (CLDR gives one of them per locale; on the page they look alike).
SPACE_LIKE = " \u00a0\u202f"

#: A number grouped in thousands with any language's separator (space, comma, point, apostrophe).
ANY_GROUPING = re.compile(r"(?<!\w)\d{1,3}(?:[ \u00a0\u202f,.'’]\d{3})+(?!\d)")

#: A sentence end: a word, its marks (. ! ? …), closing quotes or brackets, then a space or the end.
SENTENCE_END = re.compile(r"(?P<word>\w*)(?P<mark>[.!?…]+)[»”“’\"')\]*_]*(?=\s|$)")

#: Words an abbreviation point follows rather than a sentence end, per language
#: (the house style's list of the abbreviations the articles use; single letters,
#: initials such as "M. Letonturier", are always abbreviations).
ABBREVIATIONS: dict[str, str] = {
    "fr": "mm mme mmes mlle mgr cf env",
    "en": "mr mrs ms dr st prof cf vs",
    "de": "hr fr dr prof bzw usw vgl nr ca",
    "pl": "dr prof np tj tzn tzw itd ok",
    "cs": "dr prof tj tzv atd apod resp",
}
