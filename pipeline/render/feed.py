"""The articles a language publishes → its Atom feed (RFC 4287), ``<lang>/feed.xml`` in the site.

One entry per article: its translated title, its lead as the summary (plain
text), its writers as authors, a link to its page and its date. Ids are
URNs derived from where the file is in the site (:func:`site_identifier`),
not from the site's address: ``site-url`` is still provisional, and a feed
reader that met an entry under one id takes the same entry under another for
a new article, so the address can be confirmed without every reader seeing
the whole feed again.

>>> entry = FeedEntry("urn:uuid:1", "https://x.example/de/a.html", "Titel", "Vorspann",
...                   datetime(2026, 3, 14, tzinfo=UTC), ("A. B.",), "de")
>>> feed = Feed("urn:uuid:2", "https://x.example/de/feed.xml", "https://x.example/", "Site (Deutsch)",
...             "de", ("Rennes Métropole",), (entry,), datetime(2025, 11, 25, tzinfo=UTC))
>>> print(render_feed(feed).decode().splitlines()[4])
  <updated>2026-03-14T00:00:00Z</updated>
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from pipeline.render.site import SITE_TITLE
from pipeline.render.ui import endonym
from pipeline.xmltext import xml_bytes

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
#: ElementTree's name of ``xml:lang``, which it writes with the ``xml`` prefix every XML parser knows.
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The media types of the links: the feed's own, and the pages it points to.
ATOM_TYPE = "application/atom+xml"
PAGE_TYPE = "text/html"
#: The feed's file name in each language's folder of the site.
FEED_NAME = "feed.xml"


@dataclass(frozen=True)
class FeedEntry:
    """One article in one language, as its feed entry says it; ``url`` is its page's public address."""

    id: str
    url: str
    title: str
    summary: str
    updated: datetime
    authors: tuple[str, ...]
    lang: str
    """The page's BCP 47 tag, as the page declares it (``en-GB``)."""


@dataclass(frozen=True)
class Feed:
    """A language's feed: where it is, what it is called, who publishes it, its entries.

    ``authors`` are the feed's, which RFC 4287 asks for when an entry names
    none (a report without ``author``). ``updated`` is the latest entry's
    date; ``built`` stands in for it in a feed without entries.
    """

    id: str
    url: str
    home_url: str
    title: str
    lang: str
    authors: tuple[str, ...]
    entries: tuple[FeedEntry, ...]
    built: datetime

    @property
    def updated(self) -> datetime:
        return max((entry.updated for entry in self.entries), default=self.built)


def feed_title(lang: str) -> str:
    """A language's feed's title: the site's name and the language's, in itself (CLDR).

    >>> feed_title("de"), feed_title("en")
    ('Rennes Métropole (Deutsch)', 'Rennes Métropole (English)')
    """
    return f"{SITE_TITLE} ({endonym(lang)})"


def site_identifier(path: str) -> str:
    """A permanent id for the file at ``path`` in the site, whatever address the site is given.

    >>> site_identifier("de/a.html") == site_identifier("de/a.html") != site_identifier("fr/a.html")
    True
    >>> site_identifier("de/a.html").startswith("urn:uuid:")
    True
    """
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'jumelage:site:{path}')}"


def entry_date(written: object, built: datetime) -> datetime:
    """When an entry was last updated: the front matter's ``date`` (midnight UTC for a bare date),
    else ``built``, the build's ``SOURCE_DATE_EPOCH``; never the clock.

    >>> entry_date(date(2026, 3, 14), datetime(2025, 1, 1, tzinfo=UTC)).isoformat()
    '2026-03-14T00:00:00+00:00'
    >>> entry_date(None, datetime(2025, 1, 1, tzinfo=UTC)).isoformat()
    '2025-01-01T00:00:00+00:00'
    """
    if isinstance(written, datetime):
        return written if written.tzinfo else written.replace(tzinfo=UTC)
    if isinstance(written, date):
        return datetime(written.year, written.month, written.day, tzinfo=UTC)
    return built


def atom_date(moment: datetime) -> str:
    """RFC 3339 in UTC, to the second, as Atom's date constructs are written.

    >>> atom_date(datetime(2025, 11, 25, 1, 2, 3, 456, tzinfo=UTC))
    '2025-11-25T01:02:03Z'
    """
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(parent: ElementTree.Element, name: str, text: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, name)
    element.text = text
    return element


def _people(parent: ElementTree.Element, names: Sequence[str]) -> None:
    for name in names:
        _text(ElementTree.SubElement(parent, "author"), "name", name)


def _link(parent: ElementTree.Element, rel: str, href: str, media_type: str, lang: str = "") -> None:
    attributes = {"rel": rel, "href": href, "type": media_type}
    if lang:
        attributes["hreflang"] = lang
    ElementTree.SubElement(parent, "link", attributes)


def feed_tree(feed: Feed) -> ElementTree.Element:
    """The feed as an element tree, its elements in RFC 4287's order of mention, entries as given."""
    # The default namespace written as an attribute: ElementTree would otherwise prefix every name.
    root = ElementTree.Element("feed", {"xmlns": ATOM_NAMESPACE, XML_LANG: feed.lang})
    _text(root, "id", feed.id)
    _text(root, "title", feed.title)
    _text(root, "updated", atom_date(feed.updated))
    _people(root, feed.authors)
    _link(root, "self", feed.url, ATOM_TYPE)
    _link(root, "alternate", feed.home_url, PAGE_TYPE)
    for item in feed.entries:
        entry = ElementTree.SubElement(root, "entry", {XML_LANG: item.lang})
        _text(entry, "id", item.id)
        _text(entry, "title", item.title)
        _text(entry, "updated", atom_date(item.updated))
        _people(entry, item.authors)
        _link(entry, "alternate", item.url, PAGE_TYPE, item.lang)
        if item.summary:
            _text(entry, "summary", item.summary)
    ElementTree.indent(root)
    return root


def render_feed(feed: Feed) -> bytes:
    """The feed → its file's bytes (UTF-8, indented): the same feed gives the same bytes."""
    return xml_bytes(feed_tree(feed))
