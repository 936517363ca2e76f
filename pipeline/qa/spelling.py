"""English text + its locale → the words spelled the other variety's way: British in US English, and back.

The word lists are those of `breame <https://pypi.org/project/breame/>`_
(Apache-2.0; 0.1.2): ``breame.data.spelling_constants`` holds
``AMERICAN_ENGLISH_SPELLINGS`` (an American spelling → the British one,
"program" → "programme", 1,706 forms) and ``BRITISH_ENGLISH_SPELLINGS`` (the
reverse, "organisation" → "organization", 1,730 forms), each inflected form
listed on its own; ``breame.spelling``'s functions look words up in them one
at a time. :func:`foreign_spellings` looks up every word of a text
(lower-cased, split at hyphens and apostrophes) in the other variety's list.

What breame cannot say, and what is done about it:

* **Sense.** Some words are one variety's spelling in one sense only:
  British English writes "program" for software, "practice" for the noun,
  "license" for the verb, "draft" for a document; American English writes
  "dialogue", "gauge", "buses". breame lists them without their sense, so
  they would be false errors. :data:`ALSO_WRITTEN` lists, per variety, the
  words of the other list that the variety writes too in some sense or as an
  accepted spelling; they are not checked (an American "practice" used as a
  British verb goes unseen: reliable before complete).
* **-ise / -ize.** breame treats -ise as British and -ize as American. The
  ``en`` catalogs spell -ise (organisation, specialising), like Exeter's and
  Cork's readers; Oxford spelling (-ize in British English) would be errors.
* **Terms** ("sidewalk", "twin town", "Mr" without a full stop) are no
  spelling: breame's ``terminology`` lists mix slang and phrases, and do not
  hold ours, so they are not used. The US catalog's reviewers choose terms.
* **Names** keep their own spelling (World Health Organization in British
  English, a Theatre in Rochester): the glossary allows them (``allowed``).

>>> foreign_spellings("The programme and its organisation", "en_US")
[('programme', 'program'), ('organisation', 'organization')]
>>> foreign_spellings("A computer program; its Organization", "en_GB")
[('Organization', 'Organisation')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS


@dataclass(frozen=True)
class Variety:
    """A spelling variety of English, and the other variety's spellings it does not write."""

    name: str
    other: str
    #: The other variety's spelling → this variety's (breame's list).
    foreign: Mapping[str, str]
    #: Words of ``foreign`` this variety writes too, in some sense or as an accepted spelling.
    also_written: frozenset[str]


def _words(*lines: str) -> frozenset[str]:
    """The words of ``lines``: a word list reads best as words, not as quoted items."""
    return frozenset(" ".join(lines).split())


#: Words of breame's other-variety list that a variety writes too, and why.
ALSO_WRITTEN: dict[str, frozenset[str]] = {
    "British": _words(
        # Software; the noun (the verb is practise); the verb (the noun is licence); a document;
        "program programs practice practices license licenses licensed licensing draft drafts",
        # computing; to tire; the imperial ton; a measuring device; electronics; a software dialog;
        "disk disks tire tires ton tons meter meters analog analogs dialog dialogs",
        # and standard British spellings (Oxford, Collins) that breame counts as American only.
        "install installs judgment connection connections inflection inflections medieval primeval",
        "biased biasing encyclopedia encyclopedias encyclopedic yogurt yogurts aging gluing",
        "siphon siphons siphoned siphoning sheik griffin griffins groin groins likable misspelled",
        "almanac almanacs balk balked balking balks busses bussing gasses",
        "gram grams kilogram kilograms milligram milligrams centigram centigrams",
    ),
    "American": _words(
        # Standard American spellings (Merriam-Webster's first or equal) breame counts as British only.
        "dialogue dialogues monologue monologues epilogue epilogues prologue prologues",
        "analogue analogues travelogue travelogues buses busing gases gauge gauged gauges gauging",
        "fillet fillets filleted filleting cancellation cancellations woolly woollies",
        "worshipped worshipper worshipping tranquillity likeable",
    ),
}

BRITISH = Variety("British", "American", AMERICAN_ENGLISH_SPELLINGS, ALSO_WRITTEN["British"])
AMERICAN = Variety("American", "British", BRITISH_ENGLISH_SPELLINGS, ALSO_WRITTEN["American"])

#: The spelling variety of each English locale (CLDR), as the catalogs are written.
VARIETIES: dict[str, Variety] = {"en_GB": BRITISH, "en_IE": BRITISH, "en_US": AMERICAN}

_WORD = re.compile(r"[^\W\d_]+")
_HIDDEN = "\ufffc"


def variety_of(locale: str) -> Variety | None:
    """The spelling variety of a CLDR locale (``en_US``), or ``None`` when it has no list here."""
    return VARIETIES.get(locale.replace("-", "_"))


def foreign_spellings(text: str, locale: str, allowed: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Each word of ``text`` spelled the other variety's way, and the spelling of ``locale``.

    ``allowed`` are phrases written as they are (names, glossary terms), with
    any ending ("World Health Organization's"); case is ignored.
    """
    variety = variety_of(locale)
    if variety is None:
        return []
    for phrase in sorted(allowed, key=len, reverse=True):
        if phrase.strip():
            text = re.sub(rf"(?<!\w){re.escape(phrase)}\w*", _HIDDEN, text, flags=re.IGNORECASE)
    found = []
    for word in _WORD.findall(text):
        key = word.lower()
        spelling = variety.foreign.get(key)
        if spelling is not None and key not in variety.also_written:
            found.append((word, _same_case(spelling, word)))
    return list(dict.fromkeys(found))


def _same_case(spelling: str, word: str) -> str:
    """``spelling`` in the case of ``word``: "Program" → "Programme", "DRAFT" → "DRAUGHT"."""
    if word.isupper() and len(word) > 1:
        return spelling.upper()
    if word[:1].isupper():
        return spelling[:1].upper() + spelling[1:]
    return spelling
