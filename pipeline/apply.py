"""Document + catalog → translated document, under the release or the draft policy.

A release accepts only reviewed translations: an untranslated or fuzzy message
is a :class:`~pipeline.errors.Problem`, and :func:`require_release` turns the
whole list into one :class:`~pipeline.errors.ReleaseError`. A draft uses fuzzy
(machine) translations, falls back to the French block where nothing exists,
and marks the document ``draft: true`` so every format shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from babel.messages.catalog import Catalog

from pipeline.catalogs.po import message_string
from pipeline.document import Document
from pipeline.errors import Problem, ReleaseError
from pipeline.front_matter import join_document
from pipeline.inline import inline_skeleton
from pipeline.links import reference_problems
from pipeline.text import excerpt


@dataclass(frozen=True)
class Translation:
    """A translated article: its front matter, its body and what is missing."""

    meta: dict[str, Any]
    body: str
    problems: tuple[Problem, ...]
    french: tuple[Problem, ...] = ()
    """In a draft, each message printed in French instead, and why (untranslated, or refused)."""

    def to_markdown(self) -> str:
        return join_document(self.meta, self.body)


def apply_catalog(
    document: Document, catalog: Catalog | None, lang: str, catalog_path: str, draft: bool = False
) -> Translation:
    """Translate every segment of ``document`` that ``catalog`` translates.

    ``catalog`` is ``None`` for the source language, or when no catalog exists
    yet (then every message is untranslated).
    """
    translations: dict[str, str] = {}
    problems: list[Problem] = []
    french: list[Problem] = []
    for segment in document.segments:
        if segment.text in translations or lang == document.lang:
            continue
        entry = catalog.get(segment.text) if catalog is not None else None
        string = message_string(entry) if entry is not None else ""
        broken = translation_problem(segment.text, string) if string else None
        if broken is not None and entry is not None:
            # Broken markup, injected HTML or a link to javascript: never reaches an
            # output: a release stops on it, a draft shows the French block instead.
            problems.append(Problem(catalog_path, entry.lineno, broken))
            french.append(problems[-1])
            continue
        if entry is not None and string and not entry.fuzzy:
            translations[segment.text] = string
            continue
        if entry is None:
            where = Problem(
                document.path, segment.line, f"untranslated: {excerpt(segment.text)} (not in {catalog_path})"
            )
        else:
            state = "fuzzy" if string else "untranslated"
            where = Problem(catalog_path, entry.lineno, f"{state}: {excerpt(segment.text)}")
        if where not in problems:
            problems.append(where)
        if draft and string:
            translations[segment.text] = string
        elif where not in french:
            french.append(where)
    meta = dict(document.meta)
    for segment in document.segments:
        if segment.field is not None and segment.text in translations:
            meta[segment.field] = translations[segment.text].strip()
    meta["lang"] = lang
    if lang != document.lang:
        meta["translated-from"] = document.lang
    if draft:
        meta["draft"] = True
    return Translation(meta, document.rebuild(translations), tuple(problems), tuple(french) if draft else ())


def translation_problem(source: str, translation: str) -> str | None:
    """What keeps a translation out of every output: a link leading where none may
    (:func:`~pipeline.links.reference_problem`), or markup the French does not have.

    >>> translation_problem("Un mot.", "A [word](&#106;avascript:alert(1)).")
    "expected a link to the web or inside the project, found '&#106;avascript:alert(1)' (javascript:alert(1))"
    """
    for _, problem in reference_problems(translation)[:1]:
        return problem
    return markup_problem(source, translation)


def markup_problem(source: str, translation: str) -> str | None:
    """What a translation does to the inline Markdown that the French does not, if anything.

    >>> markup_problem("Un **mot**.", "A **word.")
    'expected the markup of the French (strong), found another (none)'
    >>> markup_problem("Un mot.", "A <script>alert(1)</script> word.")
    'expected the markup of the French (none), found another (raw HTML </script>, raw HTML <script>)'
    """
    wanted, found = inline_skeleton(source), inline_skeleton(translation)
    if wanted == found:
        return None
    return (
        f"expected the markup of the French ({', '.join(sorted(wanted.elements())) or 'none'}), "
        f"found another ({', '.join(sorted(found.elements())) or 'none'})"
    )


def require_release(problems: Iterable[Problem]) -> None:
    """Raise one :class:`ReleaseError` naming every problem, if there is any."""
    found = list(problems)
    if found:
        raise ReleaseError(found)
