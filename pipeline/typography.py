"""Translated inline Markdown → the same text set by its language's typographic rules.

Rules work on prose only (markup, URLs and code are placeholders meanwhile,
see :mod:`pipeline.placeholders`) and are looked up per language in
:data:`RULES`:

* French: a narrow no-break space (U+202F) before ``; ! ?`` and inside « »,
  a no-break space (U+00A0) before ``:``; thousands grouped with U+202F.
* English, German, Polish, Czech: no space before ``; : ! ?``.
* Polish and Czech: a one-letter preposition or conjunction is bound to the
  next word with U+00A0, so it never ends a line; thousands grouped with U+00A0.
* Everywhere: a number is bound to the word it counts ("8 měsíců",
  "2024 roku", "3 min") and a small number to the word it completes
  ("Rennes 1"), a title or abbreviation to the name after it
  ("M. Letonturier", "Herr Letonturier"), all with U+00A0 (:data:`TITLES`).
* Everywhere: straight quotes become the language's quotation marks, a
  straight apostrophe between letters becomes ’, and proper names are marked
  ``[name]{.name}`` so the layout never hyphenates them.

In the examples, ``~`` shows U+00A0 and ``^`` shows U+202F:

>>> def show(text): print(text.replace("\\u00a0", "~").replace("\\u202f", "^"))
>>> show(typeset('Il a dit "bonjour" : c\\'est tout !', "fr"))
Il a dit «^bonjour^»~: c’est tout^!
>>> show(typeset("Pojechał do Poznania w 2008 i z 47 000 osób", "pl"))
Pojechał do Poznania w~2008 i~z~47~000~osób
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pipeline.document import parse_document
from pipeline.front_matter import join_document
from pipeline.placeholders import protect, restore
from pipeline.text import base_language

NBSP = "\u00a0"
NNBSP = "\u202f"
_SPACES = f" {NBSP}{NNBSP}"
# Punctuation counts as "high" only before a space, the end, or a closing mark:
# "14:30" and "http://" are left alone.
_AFTER_HIGH = rf"(?=[\s{NBSP}{NNBSP}]|$|[»”“)\]{{])"

Rule = Callable[[str], str]

#: Opening and closing quotation marks, primary then secondary, per language.
QUOTES: dict[str, tuple[str, str, str, str]] = {
    "fr": ("«" + NNBSP, NNBSP + "»", "“", "”"),
    "en": ("“", "”", "‘", "’"),
    "de": ("„", "“", "‚", "‘"),
    "pl": ("„", "”", "«", "»"),
    "cs": ("„", "“", "‚", "‘"),
}

_ONE_LETTER_WORDS = {"pl": "aiouwzAIOUWZ", "cs": "aiouvkszAIOUVKSZ"}


def apostrophes(text: str) -> str:
    return re.sub(r"(?<=\w)'(?=\w)", "’", text)


def _straight_quotes(lang: str) -> Rule:
    opening, closing = QUOTES[lang][:2]

    def rule(text: str) -> str:
        parts = text.split('"')
        if len(parts) % 2 == 0:  # unbalanced: leave it for the QA check to report
            return text
        return (
            "".join(part + (opening if index % 2 == 0 else closing) for index, part in enumerate(parts[:-1]))
            + parts[-1]
        )

    return rule


def french_spacing(text: str) -> str:
    text = re.sub(rf"(?<=\S)[{_SPACES}]*([;!?]+){_AFTER_HIGH}", lambda m: NNBSP + m.group(1), text)
    text = re.sub(rf"(?<=[^\s{NBSP}{NNBSP}:])[{_SPACES}]*:{_AFTER_HIGH}", NBSP + ":", text)
    text = re.sub(rf"«[{_SPACES}]*", "«" + NNBSP, text)
    return re.sub(rf"[{_SPACES}]*»", NNBSP + "»", text)


def no_space_before_high_punctuation(text: str) -> str:
    return re.sub(rf"(?<=[\w\"”“»’)\]}}])[{_SPACES}]+([;:!?]+){_AFTER_HIGH}", r"\1", text)


def _one_letter_words(letters: str) -> Rule:
    pattern = re.compile(rf"(?<![\w{{}}\-])([{letters}])[ ]+(?=\S)")

    def rule(text: str) -> str:
        return pattern.sub(lambda match: match.group(1) + NBSP, text)

    return rule


def _thousands(separator: str) -> Rule:
    pattern = re.compile(rf"(?<![\d{{,.])\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![\d}}])")

    def rule(text: str) -> str:
        return pattern.sub(lambda match: re.sub(f"[{_SPACES}]", separator, match.group(0)), text)

    return rule


#: A number (digits, grouped or with a decimal mark) and the word after it; a year is not a count.
#: A number already bound to the word before it ("Rennes 1", "w 2008") is left alone.
_COUNT = re.compile(rf"(?<![\w{{.,:\-{NBSP}])(\d+(?:[.,{NBSP}{NNBSP}]\d+)*)[ ]+(?=([^\W\d_]+\.?))")
_YEAR = re.compile(r"1\d{3}|20\d{2}")
#: The words for "year" that follow one ("2024 roku"): a year is bound to them only.
YEAR_WORDS: dict[str, frozenset[str]] = {
    "pl": frozenset({"rok", "roku", "rokiem", "r."}),
    "cs": frozenset({"rok", "roku", "rokem", "r."}),
}
#: A proper name and the small number that completes it: "Rennes 1", "Paris 8".
_NUMBERED = re.compile(r"(?<![\w{])([^\W\d_]+)[ ]+(\d{1,2})(?![\d}]|[.,:]\d)")


def _bind_numbers(lang: str) -> Rule:
    year_words = YEAR_WORDS.get(lang, frozenset())

    def count(match: re.Match[str]) -> str:
        number, word = match.group(1), match.group(2)
        if _YEAR.fullmatch(number) and word not in year_words:
            return match.group(0)
        return number + NBSP

    def name(match: re.Match[str]) -> str:
        word, number = match.group(1), match.group(2)
        return word + NBSP + number if word[0].isupper() else match.group(0)

    def rule(text: str) -> str:
        return _COUNT.sub(count, _NUMBERED.sub(name, text))

    return rule


def bind_numbers(text: str, lang: str) -> str:
    """Bind a number to the word it counts, and a small number to the word it completes, with U+00A0.

    >>> bound = bind_numbers("na 8 měsíců, od marca 2024 roku, v 2008 a 3 min, Rennes 1", "cs")
    >>> print(bound.replace(NBSP, "~"))
    na 8~měsíců, od marca 2024~roku, v 2008 a 3~min, Rennes~1
    """
    return _bind_numbers(lang)(text)


#: Abbreviations and titles that go with the name after them, per language.
TITLES: dict[str, tuple[str, ...]] = {
    "fr": ("M.", "MM.", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me"),
    "en": ("Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof."),
    "de": ("Herr", "Herrn", "Frau", "Dr.", "Prof.", "Hr.", "Fr."),
    "pl": ("pan", "pana", "panem", "pani", "dr", "prof.", "mgr", "inż."),
    "cs": ("pan", "pana", "panem", "paní", "Dr.", "prof.", "Ing.", "Mgr."),
}


def _titles(titles: Sequence[str]) -> Rule:
    words = "|".join(re.escape(title) for title in sorted(titles, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.])({words})[ ]+(?=[A-ZÀ-ÖØ-ÞĀ-Ž])")

    def rule(text: str) -> str:
        return pattern.sub(lambda match: match.group(1) + NBSP, text)

    return rule


RULES: dict[str, tuple[Rule, ...]] = {
    "fr": (
        apostrophes,
        _straight_quotes("fr"),
        french_spacing,
        _thousands(NNBSP),
        _bind_numbers("fr"),
        _titles(TITLES["fr"]),
    ),
    "en": (
        apostrophes,
        _straight_quotes("en"),
        no_space_before_high_punctuation,
        _bind_numbers("en"),
        _titles(TITLES["en"]),
    ),
    "de": (
        apostrophes,
        _straight_quotes("de"),
        no_space_before_high_punctuation,
        _bind_numbers("de"),
        _titles(TITLES["de"]),
    ),
    "pl": (
        apostrophes,
        _straight_quotes("pl"),
        no_space_before_high_punctuation,
        _thousands(NBSP),
        _bind_numbers("pl"),
        _one_letter_words(_ONE_LETTER_WORDS["pl"]),
        _titles(TITLES["pl"]),
    ),
    "cs": (
        apostrophes,
        _straight_quotes("cs"),
        no_space_before_high_punctuation,
        _thousands(NBSP),
        _bind_numbers("cs"),
        _one_letter_words(_ONE_LETTER_WORDS["cs"]),
        _titles(TITLES["cs"]),
    ),
}


#: Place names never broken, in any language (a name the article does not list
#: among its people is not marked ``.name``; "Ren-nes" came out of the Czech patterns).
_UNBROKEN_NAMES = ("Rennes", "Brno", "Exeter", "Erlangen", "Poznań", "Rochester")

#: Where a word may be broken, when the language's patterns break it badly: each
#: word written with ``-`` at every allowed point (none: never broken). German
#: patterns split a compound's elements ("Zusamme-narbeit", "Her-ausforderungen",
#: "Ausland-spraktikum"); here a compound breaks between its elements and at
#: its elements' own syllables only. Every inflected form is listed: the
#: layout looks words up whole. Installed by :mod:`pipeline.render.hyphenation`.
HYPHENATION_EXCEPTIONS: dict[str, tuple[str, ...]] = {
    "de": (
        *_UNBROKEN_NAMES,
        "zu-sam-men-ar-beit",
        "zu-sam-men-ar-bei-ten",
        "Ent-wick-lungs-zu-sam-men-ar-beit",
        "heraus-for-de-rung",
        "heraus-for-de-run-gen",
        "heraus-ra-gen-de",
        "Aus-lands-prak-ti-kum",
        "Deutsch-land",
        "Po-li-tik-an-sät-ze",
        "Pro-jekt-ana-ly-se",
        "Stu-di-en-ab-schluss",
        "aus-zu-tau-schen",
        "fort-setz-te",
        "mit-ar-bei-te-te",
        "Bil-dungs-aus-tausch-pro-jekt",
    ),
    "cs": _UNBROKEN_NAMES,
    "pl": _UNBROKEN_NAMES,
    "en": _UNBROKEN_NAMES,
    "fr": _UNBROKEN_NAMES,
}


def hyphenation_points(word: str) -> tuple[str, list[int]]:
    """A word written with its allowed breaks → the word, and the offsets where it may break.

    >>> hyphenation_points("zu-sam-men-ar-beit")
    ('zusammenarbeit', [2, 5, 8, 10])
    """
    parts = word.split("-")
    offsets, length = [], 0
    for part in parts[:-1]:
        length += len(part)
        offsets.append(length)
    return "".join(parts), offsets


#: A two-word title's last word shorter than this many letters ("vor", "ici", "now") is bound to
#: the word before it; in a longer title, the last word always is.
SHORT_WORD_LETTERS = 5
_LAST_SPACE = re.compile(r"[ ]+(?=\S+\s*$)")


def balance_title(text: str) -> str:
    """Bind the last word to the one before with U+00A0: no title ends on a line of one word.

    A title of two words is bound only when its last word is short, so that a
    long pair can still break where its measure is narrow.

    >>> balance_title("Simon Letonturier stellt die Abteilung vor").endswith("Abteilung\u00a0vor")
    True
    >>> balance_title("Le service international")
    'Le service\xa0international'
    >>> balance_title("Internationale Beziehungen")
    'Internationale Beziehungen'
    """
    words = text.split()
    if len(words) < 2 or (
        len(words) == 2 and sum(character.isalnum() for character in words[-1]) >= SHORT_WORD_LETTERS
    ):
        return text
    return _LAST_SPACE.sub(NBSP, text, count=1)


def typeset(text: str, lang: str, names: Sequence[str] = (), title: bool = False) -> str:
    """Apply the rules of ``lang`` to one segment of inline Markdown.

    ``names`` are marked as spans of class ``name``; each word of a name may
    carry an inflected ending ("Simonem Letonturierem" in Polish). A ``title``
    is also balanced (:func:`balance_title`).
    """
    # Names already marked are unmarked first, so typesetting twice equals once.
    protected = protect(_MARKED_NAME.sub(r"\1", text))
    plain = protected.text
    for rule in RULES.get(base_language(lang), ()):
        plain = rule(plain)
    if title:
        plain = balance_title(plain)
    plain = mark_names(plain, names)
    restored = restore(plain, protected)
    return restored if restored is not None else text


_MARKED_NAME = re.compile(r"\[([^\[\]]+)\]\{\.name\}")
_NAME_GAP = r"\w*[ \u00a0]+"


def mark_names(text: str, names: Sequence[str]) -> str:
    """Wrap each proper name in ``[…]{.name}`` (longest names first, never twice)."""
    for name in sorted(set(names), key=len, reverse=True):
        words = [re.escape(word) for word in name.split()]
        if not words:
            continue
        joined = _NAME_GAP.join(words)
        pattern = rf"(?<![\w\[]){joined}\w*(?![\w\]])"
        text = re.sub(pattern, lambda match: f"[{match.group(0)}]{{.name}}", text)
    return text


#: The front matter field every format prints as the article's title.
TITLE_FIELD = "title"


def typeset_document(
    meta: Mapping[str, Any], body: str, path: str, names: Sequence[str]
) -> tuple[dict[str, Any], str]:
    """Typeset every segment of a translated document (front matter included), in its ``lang``."""
    document = parse_document(join_document(meta, body), path)
    lang = document.lang
    typeset_meta = dict(meta)
    for segment in document.segments:
        if segment.field is not None:
            typeset_meta[segment.field] = typeset(
                segment.text, lang, names, title=segment.field == TITLE_FIELD
            )
    typeset_body = document.rebuild(
        {segment.text: typeset(segment.text, lang, names) for segment in document.segments}
    )
    return typeset_meta, typeset_body
