"""YAML front matter → checked fields and the line of each, and fields → YAML again.

The schema: ``title`` and ``lang`` are required text, ``lang`` a language
Babel knows; ``title``, ``subtitle`` and ``lead`` are text for readers
(:data:`TRANSLATABLE_FIELDS`); ``author``, ``interviewee`` and
``interviewers`` name people; ``date`` is a date; ``kind`` is one of
:data:`KINDS`. A field that breaks it is a :class:`~pipeline.errors.SourceError`
at the field's line.

>>> meta, lines = parse_front_matter("title: Titre\\nlang: fr\\n", "a.md")
>>> meta["title"], lines
('Titre', {'title': 2, 'lang': 3})
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from pipeline.errors import SourceError
from pipeline.yamltext import load_yaml

#: Front-matter fields whose values are text for readers, hence messages.
TRANSLATABLE_FIELDS = ("title", "subtitle", "lead")

#: What an article can be; the layout prints the kind's kicker and byline.
#: Without ``kind:``, an article with an ``interviewee`` is an interview, any other a report.
KINDS = ("interview", "report", "news")

#: Front-matter fields that name people (or an organisation): one name, or a list of names.
NAME_FIELDS = ("author", "interviewee", "interviewers")


def parse_front_matter(text: str, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The fields of the YAML between the fences (which starts on the file's line 2), and the
    1-based file line of each field."""
    meta, node = load_yaml(text, path, 2, SourceError, "valid YAML front matter")
    if not isinstance(meta, dict) or not isinstance(node, yaml.MappingNode):
        found = type(meta).__name__ if meta is not None else "nothing"
        raise SourceError(path, 2, f"expected front matter fields (key: value), found {found}")
    meta_lines = {str(key.value): key.start_mark.line + 2 for key, _ in node.value}
    for name in ("title", "lang"):
        if not isinstance(meta.get(name), str) or not meta[name].strip():
            raise SourceError(
                path, meta_lines.get(name, 2), f"expected a text field '{name}', found {meta.get(name)!r}"
            )
    for name in TRANSLATABLE_FIELDS:
        if name in meta and not isinstance(meta[name], str):
            raise SourceError(path, meta_lines[name], f"expected '{name}' to be text, found {meta[name]!r}")
    for name in NAME_FIELDS:
        if name in meta and not _is_names(meta[name]):
            raise SourceError(
                path,
                meta_lines[name],
                f"expected '{name}' to be a name or a list of names, found {meta[name]!r}",
            )
    if "date" in meta and not isinstance(meta["date"], datetime.date):
        expected = "expected 'date' to be a date such as 2026-03-14"
        raise SourceError(path, meta_lines["date"], f"{expected}, found {meta['date']!r}")
    if "kind" in meta and meta["kind"] not in KINDS:
        raise SourceError(
            path,
            meta_lines["kind"],
            f"expected a kind among {', '.join(KINDS)}, found {meta['kind']!r}",
        )
    try:
        Locale.parse(meta["lang"].replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise SourceError(
            path, meta_lines["lang"], f"expected a language code such as 'fr', found {meta['lang']!r}"
        ) from None
    return meta, meta_lines


def join_document(meta: Mapping[str, Any], body: str) -> str:
    """Serialise front matter and body back into one Markdown text."""
    front = yaml.safe_dump(dict(meta), allow_unicode=True, sort_keys=False, width=76)
    return f"---\n{front}---\n{body}"


def article_kind(meta: Mapping[str, Any]) -> str:
    """The article's kind: ``kind:`` if given, else interview when it names an interviewee, else report.

    >>> article_kind({"interviewee": "A. B."}), article_kind({}), article_kind({"kind": "news"})
    ('interview', 'report', 'news')
    """
    if meta.get("kind"):
        return str(meta["kind"])
    return "interview" if meta.get("interviewee") else "report"


def names_of(meta: Mapping[str, Any], name: str) -> list[str]:
    """A name field as a list, whether the front matter gives one name or several.

    >>> names_of({"author": "A"}, "author"), names_of({"interviewers": ["A", "B"]}, "interviewers")
    (['A'], ['A', 'B'])
    """
    value = meta.get(name) or []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def _is_names(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, str) and item.strip() for item in value)
    )
