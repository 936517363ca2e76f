"""Glossary CSV → :class:`Glossary`: terms to keep as they are, terms with a set translation.

``locales/glossary.csv`` has one row a French term, a column per language,
``keep`` (``yes`` for a name that is never translated: Rennes Métropole,
Eurocities, people's names…) and ``note``. Machine translation protects the
kept names; the QA checks use both kinds of term.

A column may name a region (``en_US``): its cell is the term in that
region's catalogs, where the language's cell (``en``) says otherwise. The
spelling check (:mod:`pipeline.qa.spelling`) accepts every kept name and set
translation of a catalog's language as written ("World Health Organization"
in an ``en`` cell allows that American spelling in British English, in that
name only).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import JumelageError
from pipeline.fileio import read_text
from pipeline.text import base_language

REQUIRED_COLUMNS = ("fr", "keep")


class GlossaryError(JumelageError):
    """A glossary file that cannot be read."""


@dataclass(frozen=True)
class Term:
    """One glossary row."""

    french: str
    keep: bool
    translations: dict[str, str] = field(default_factory=dict)
    note: str = ""
    line: int = 0

    def target(self, lang: str) -> str | None:
        """The term in ``lang``: itself when kept, the set translation, or none."""
        if self.keep:
            return self.french
        return self.translations.get(lang) or self.translations.get(base_language(lang))


@dataclass(frozen=True)
class Glossary:
    """Every term of the project, longest first (so longer names protect first)."""

    terms: tuple[Term, ...] = ()

    @property
    def kept(self) -> tuple[str, ...]:
        return tuple(term.french for term in self.terms if term.keep)

    def written_as_is(self, lang: str) -> tuple[str, ...]:
        """What ``lang``'s catalogs write as the glossary says: kept names and set translations.

        >>> term = Term("Organisation mondiale de la santé", False, {"en": "World Health Organization"})
        >>> Glossary((term, Term("Eurocities", True))).written_as_is("en_US")
        ('World Health Organization', 'Eurocities')
        """
        return tuple(target for term in self.terms if (target := term.target(lang)))

    def found_in(self, text: str) -> list[Term]:
        """The terms that occur in ``text`` (whole words, case-insensitive)."""
        return [term for term in self.terms if _word_pattern(term.french).search(text)]


def parse_glossary(text: str, path: str) -> Glossary:
    """Parse the glossary CSV; a malformed row is a located error."""
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            raise GlossaryError(path, 1, f"expected a column '{name}', found columns {columns}")
    terms = []
    for row in reader:
        line = reader.line_num
        french = (row.get("fr") or "").strip()
        keep = (row.get("keep") or "").strip().lower()
        if not french:
            raise GlossaryError(path, line, "expected a French term in column 'fr', found nothing")
        if keep not in ("", "yes", "no"):
            raise GlossaryError(path, line, f"expected 'yes' or nothing in column 'keep', found {keep!r}")
        translations = {
            name: value.strip()
            for name, value in row.items()
            if name not in ("fr", "keep", "note") and name is not None and value and value.strip()
        }
        terms.append(Term(french, keep == "yes", translations, (row.get("note") or "").strip(), line))
    terms.sort(key=lambda term: (-len(term.french), term.french))
    return Glossary(tuple(terms))


def load_glossary(path: Path, display: str) -> Glossary:
    """The project's glossary, or an empty one when the file does not exist."""
    if not path.exists():
        return Glossary()
    return parse_glossary(read_text(path, GlossaryError), display)


def _word_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)


def contains_term(text: str, term: str) -> bool:
    """Whether ``text`` holds ``term``, each word allowed an inflected ending.

    Polish and Czech decline names ("z Simonem Letonturierem"), so a word
    counts when a word of ``text`` starts with its stem: all but its last two
    letters ("Komitet" → "Komitetu"), all but one for a four-letter word
    ("Unia" → "Unii"), the whole of a shorter one.

    >>> contains_term("rozmowa z Simonem Letonturierem", "Simon Letonturier")
    True
    >>> contains_term("Europejskiego Komitetu Regionów", "Europejski Komitet Regionów")
    True
    >>> contains_term("sprawy Unii", "Unia")
    True
    >>> contains_term("Rennes", "Eurocities")
    False
    """
    words = re.findall(r"\w+", text.lower())
    for part in re.findall(r"\w+", term.lower()):
        stem = part if len(part) <= 3 else part[: max(len(part) - 2, min(4, len(part) - 1))]
        if not any(word.startswith(stem) for word in words):
            return False
    return True
