"""pandoc's HTML → the same HTML, or what an allow-list (nh3) keeps of it: the second wall.

The first wall is in :mod:`pipeline.render.pandoc`: markup typed in a source
or a translation is read as text. This one looks at what reaches a reader: the
``<body>`` of the web page and of each of the e-book's XHTML documents goes
through nh3 (ammonia) with an allow-list of what pandoc and our templates
write (elements, attributes, ``http``/``https``/``mailto`` links and
``data:image/…`` images), so that a ``<script>``, an ``onclick=`` or a
``javascript:`` address that got past the first wall goes no further.

The body is the wall's whole field, our templates' part included, since
that part carries the article's title, lead and bylines (and interface words
from the ``ui`` catalogs); the ``<head>`` holds our stylesheet and only text
pandoc escapes. When the allow-list keeps everything, the document comes back
byte for byte (nh3 writes HTML in its own way, and XHTML not at all); when it
removes something, the body is nh3's, written as XHTML for the e-book, and
:attr:`Sanitised.removed` says what went, for a warning.

>>> sanitise_fragment('<p class="lead">Voir <a href="https://a.fr/">ici</a>.</p>').removed
()
>>> cleaned = sanitise_fragment('<p onclick="x()">a<script>b()</script> <a href="javascript:c()">d</a></p>')
>>> cleaned.html, cleaned.removed
('<p>a <a>d</a></p>', ('<a href="javascript:c()">', '<p onclick="x()">', '<script>'))
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

#: The elements a page or an e-book may hold: what pandoc writes from Markdown (tables,
#: figures, footnotes, task lists, highlighted code…), what our templates write around it,
#: and the e-book's sectioning.
ALLOWED_TAGS = frozenset(
    {
        *("a", "abbr", "article", "aside", "blockquote", "br", "caption", "cite", "code", "col"),
        *("colgroup", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "footer"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "input", "ins", "kbd", "label"),
        *("li", "main", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small"),
        *("span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr"),
        *("u", "ul", "var", "wbr"),
    }
)

#: The attributes each element may have; ``*``: any element.
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {
        *("class", "id", "lang", "xml:lang", "dir", "title", "role", "hidden", "epub:type"),
        *("aria-current", "aria-hidden", "aria-label", "aria-labelledby", "aria-describedby"),
    },
    "a": {"href", "hreflang", "type", "tabindex"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "col": {"span", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    "input": {"type", "checked", "disabled"},
    "blockquote": {"cite"},
    "q": {"cite"},
}

#: Where an address may lead; ``data:`` only as an image (:func:`_filter_attribute`).
URL_SCHEMES = frozenset({"http", "https", "mailto", "data"})

# The only styles pandoc writes: a table column's alignment and width.
_STYLE = re.compile(r"(?:text-align: (?:left|right|center|justify);|width: \d+(?:\.\d+)?%;?)")
_SRCSET = re.compile(r"[\w./-]+ \d+w(?:, [\w./-]+ \d+w)*")
_IMAGE_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp|svg\+xml)[;,]", re.IGNORECASE)
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = "</body>"
# Elements that have no end tag, written ``<br />`` in XHTML.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


@dataclass(frozen=True)
class Sanitised:
    """A document or fragment after the allow-list, and what it removed (nothing: the input's bytes)."""

    html: str
    removed: tuple[str, ...] = ()


def sanitise_fragment(fragment: str) -> Sanitised:
    """An HTML fragment as the allow-list keeps it: the same text when it keeps everything."""
    cleaned = nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={name: set(values) for name, values in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        attribute_filter=_filter_attribute,
        link_rel=None,
        strip_comments=True,
    )
    before, after = _events(fragment), _events(cleaned)
    if before == after:
        return Sanitised(fragment)
    return Sanitised(cleaned, _removed(before, after))


def sanitise_page(page: str) -> Sanitised:
    """A whole HTML page: its ``<body>``'s content goes through :func:`sanitise_fragment`."""
    return _sanitise_body(page, xhtml=False)


def sanitise_xhtml(document: str) -> Sanitised:
    """An XHTML document (one of an e-book's): its body is written back as XHTML if anything goes."""
    return _sanitise_body(document, xhtml=True)


def _sanitise_body(document: str, xhtml: bool) -> Sanitised:
    opening = _BODY_OPEN.search(document)
    closing = document.rfind(_BODY_CLOSE)
    if opening is None or closing < opening.end():
        # No body to find: all of it is the article's, and nothing of it is kept as it was.
        whole = sanitise_fragment(document)
        return Sanitised(_as_xhtml(whole.html) if xhtml and whole.removed else whole.html, whole.removed)
    body = sanitise_fragment(document[opening.end() : closing])
    if not body.removed:
        return Sanitised(document)
    text = _as_xhtml(body.html) if xhtml else body.html
    return Sanitised(document[: opening.end()] + text + document[closing:], body.removed)


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    """Keep ``data:`` addresses for images only, and styles only as pandoc writes them."""
    if attribute == "style":
        return value if _STYLE.fullmatch(value) else None
    if attribute == "srcset":  # the page's own image files (pipeline/render/figures.py), no address
        return value if _SRCSET.fullmatch(value) else None
    if attribute in ("href", "src", "cite") and value.strip().lower().startswith("data:"):
        return value if element == "img" and attribute == "src" and _IMAGE_DATA.match(value) else None
    return value


Event = tuple[str, str, tuple[tuple[str, str], ...]]


class _EventReader(HTMLParser):
    """HTML → its elements, attributes, text and comments, as a list to compare (spelling aside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, tuple(sorted((name, value or "") for name, value in attrs))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.events.append(("end", tag, ()))

    def handle_data(self, data: str) -> None:
        if self.events and self.events[-1][0] == "text":
            data = self.events.pop()[1] + data
        self.events.append(("text", data, ()))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", data, ()))

    def handle_decl(self, decl: str) -> None:
        self.events.append(("declaration", decl, ()))

    def handle_pi(self, data: str) -> None:
        self.events.append(("declaration", data, ()))

    def unknown_decl(self, data: str) -> None:
        self.events.append(("declaration", data, ()))


def _events(fragment: str) -> list[Event]:
    reader = _EventReader()
    reader.feed(fragment)
    reader.close()
    return reader.events


def _removed(before: list[Event], after: list[Event]) -> tuple[str, ...]:
    """What the allow-list took out: elements (with the attributes it dropped), comments, declarations."""

    def parts(events: list[Event]) -> Counter[str]:
        found: Counter[str] = Counter()
        for kind, name, attributes in events:
            if kind == "start":
                found[f"<{name}>"] += 1
                found.update(f'<{name} {key}="{value}">' for key, value in attributes)
            elif kind in ("comment", "declaration"):
                found[f"<!--{name}-->" if kind == "comment" else f"<!{name}>"] += 1
        return found

    lost = parts(before) - parts(after)
    # An element gone entirely is named once, not once more for each of its attributes.
    gone = {part for part in lost if " " not in part}
    return tuple(sorted(part for part in lost if " " not in part or f"{part.split(' ', 1)[0]}>" not in gone))


def _as_xhtml(fragment: str) -> str:
    """nh3's HTML → the same elements written as XHTML (void elements closed, text escaped)."""
    written = []
    for kind, name, attributes in _events(fragment):
        if kind == "text":
            written.append(html.escape(name, quote=False))
        elif kind == "end":
            written.append(f"</{name}>")
        elif kind == "start":
            values = "".join(f' {key}="{html.escape(value)}"' for key, value in attributes)
            written.append(f"<{name}{values} />" if name in _VOID else f"<{name}{values}>")
    return "".join(written)
