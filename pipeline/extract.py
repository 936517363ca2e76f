"""Document → template catalog (POT): one message per translatable segment.

The message id is the segment's inline Markdown on one line; its location is
the source file and 1-based line; an automatic comment says what kind of
block it comes from, so a translator knows a heading from a list item.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from babel.messages.catalog import Catalog

from pipeline.catalogs.po import new_template
from pipeline.document import Document


def slug_of(document: Document) -> str:
    """The article's slug: its file name without ``.md``."""
    return PurePosixPath(document.path).stem


def extract_template(document: Document) -> Catalog:
    """Make the POT of one article.

    >>> from pipeline.document import parse_document
    >>> doc = parse_document("---\\ntitle: Titre\\nlang: fr\\n---\\nUn *mot*.\\n", "source/a.md")
    >>> for message in extract_template(doc):
    ...     if message.id:
    ...         print(message.id, message.locations, message.auto_comments)
    Titre [('source/a.md', 2)] ['front matter: title']
    Un *mot*. [('source/a.md', 5)] ['paragraph']
    """
    slug = slug_of(document)
    catalog = new_template(slug, f"Messages of the article {slug}.")
    for segment in document.segments:
        catalog.add(segment.text, locations=[(document.path, segment.line)], auto_comments=[segment.kind])
    return catalog
