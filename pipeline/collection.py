"""A collection's French source → :class:`Collection`: several articles as one publication.

A collection is configuration, ``source/collections/<name>.md``: front matter
naming its ``title``, ``subtitle`` (both translated through its catalog, like
an article's), the ordered ``articles`` (their slugs) and, optionally, the
``editions`` that print it (default: every edition); the body is its
introduction, Markdown translated message by message. Its catalog is
``locales/<lang>/LC_MESSAGES/<name>.po``, so a name may not be an article's.

>>> from pipeline.document import parse_document
>>> text = "---\\ntitle: Dossier\\nlang: fr\\narticles: [a, b]\\n---\\nPour les délégations.\\n"
>>> collection = parse_collection(parse_document(text, "source/collections/dossier.md"), ["a", "b"], ["brno"])
>>> collection.name, collection.articles, collection.editions
('dossier', ('a', 'b'), ('brno',))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from pipeline.document import Document
from pipeline.errors import SourceError

#: Front-matter fields a collection reads besides the translated ones and ``lang``.
COLLECTION_FIELDS = ("articles", "editions")
#: Fields an article has that a collection has not: its articles carry them.
ARTICLE_ONLY_FIELDS = ("lead", "kind", "author", "interviewee", "interviewers", "date", "reading-time")


@dataclass(frozen=True)
class Collection:
    """A publication of several articles, in the order it prints them."""

    name: str
    path: str
    title: str
    articles: tuple[str, ...]
    editions: tuple[str, ...]
    """The editions that print it, in ``editions.yml``'s order."""
    subtitle: str = ""

    def holds(self, slug: str) -> bool:
        return slug in self.articles


def parse_collection(document: Document, articles: Sequence[str], editions: Sequence[str]) -> Collection:
    """A parsed collection source → its :class:`Collection`, checked against the project's ``articles``
    (slugs) and ``editions`` (keys); a field that breaks the schema is an error at its line."""
    meta, lines = document.meta, document.meta_lines
    name = PurePosixPath(document.path).stem
    if name in articles:
        raise SourceError(
            document.path, 1, f"expected a collection name no article has, found {name!r}, an article's slug"
        )
    for field in ARTICLE_ONLY_FIELDS:
        if field in meta:
            raise SourceError(
                document.path,
                lines.get(field),
                f"expected a collection's fields (title, subtitle, articles, editions), found {field!r}, "
                "which its articles carry",
            )
    chosen = _names(document, "articles", articles, required=True)
    keys = _names(document, "editions", editions, required=False)
    return Collection(
        name=name,
        path=document.path,
        title=str(meta["title"]).strip(),
        articles=chosen,
        editions=tuple(key for key in editions if key in keys),
        subtitle=str(meta.get("subtitle") or "").strip(),
    )


def _names(document: Document, field: str, known: Sequence[str], required: bool) -> tuple[str, ...]:
    """The list of names ``field`` holds, each one of ``known``, none twice."""
    value = document.meta.get(field)
    line = document.meta_lines.get(field, 2)
    what = "article slugs" if field == "articles" else "edition names (editions.yml)"
    if value is None and not required:
        return tuple(known)
    if not isinstance(value, list) or not value or not all(isinstance(item, str) for item in value):
        raise SourceError(document.path, line, f"expected '{field}' to be a list of {what}, found {value!r}")
    for item in value:
        if item not in known:
            raise SourceError(
                document.path, line, f"expected '{field}' to name one of {', '.join(known)}, found {item!r}"
            )
    twice = sorted({item for item in value if value.count(item) > 1})
    if twice:
        raise SourceError(
            document.path, line, f"expected each of '{field}' once, found {', '.join(twice)} twice"
        )
    return tuple(value)
