"""The site's HTML pages → ``sitemap.xml`` (sitemaps.org 0.9, with hreflang alternates) and ``robots.txt``.

A page is listed as it declares itself in its ``<head>``: its address is its
``<link rel="canonical">`` (else where it is in the site), and its language
versions are its ``<link rel="alternate" hreflang>`` links, ``x-default``
included, in the page's order. So the sitemap and the pages cannot disagree,
and a new kind of page enters the sitemap as it is written, its alternates
with it. A typed alternate (the front page's feeds, ``type="application/atom+xml"``)
is another format, not a language version, and is left out.

>>> page = page_entry('<html lang="de"><link rel="canonical" href="https://x.example/de/a.html">'
...                   '<link rel="alternate" hreflang="fr" href="https://x.example/fr/a.html">', "de/a.html",
...                   "https://x.example/")
>>> page.url, page.alternates
('https://x.example/de/a.html', (('fr', 'https://x.example/fr/a.html'),))
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from pipeline.render import markup
from pipeline.xmltext import xml_bytes

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
#: The sitemap's file name at the root of the site, where crawlers look for it beside ``robots.txt``.
SITEMAP_NAME = "sitemap.xml"


@dataclass(frozen=True)
class SitemapPage:
    """A page of the site: its public address and its language versions, ``(hreflang, address)``."""

    url: str
    alternates: tuple[tuple[str, str], ...]


def page_url(path: str, site_url: str) -> str:
    """The public address of the file at ``path`` in the site; a folder's ``index.html`` is the folder.

    >>> page_url("index.html", "https://x.example/"), page_url("de/a.html", "https://x.example/")
    ('https://x.example/', 'https://x.example/de/a.html')
    """
    folder, _, name = path.rpartition("/")
    return site_url + (f"{folder}/" if folder else "") + ("" if name == "index.html" else name)


def page_entry(page: str, path: str, site_url: str) -> SitemapPage:
    """A page's sitemap entry, from its ``<head>`` as written (``path``: where it is in the site)."""
    links = [tag.attributes for tag in markup.start_tags(page, {"link"})]
    canonical = next((link.get("href") for link in links if link.get("rel") == "canonical"), None)
    alternates = tuple(
        (str(link["hreflang"]), str(link["href"]))
        for link in links
        if link.get("rel") == "alternate"
        and link.get("hreflang")
        and link.get("href")
        and not link.get("type")
    )
    return SitemapPage(canonical or page_url(path, site_url), alternates)


def render_sitemap(pages: Sequence[SitemapPage]) -> bytes:
    """The pages → ``sitemap.xml``'s bytes, sorted by address, so the same site gives the same bytes.

    No ``lastmod``: the site knows no honest date a page last changed (a
    build's date is not one), and crawlers learn to ignore a sitemap whose
    dates are wrong.
    """
    # The namespaces written as attributes: ElementTree would otherwise name them ns0 and ns1.
    root = ElementTree.Element("urlset", {"xmlns": SITEMAP_NAMESPACE, "xmlns:xhtml": XHTML_NAMESPACE})
    for page in sorted(pages, key=lambda page: page.url):
        url = ElementTree.SubElement(root, "url")
        ElementTree.SubElement(url, "loc").text = page.url
        for lang, href in page.alternates:
            ElementTree.SubElement(url, "xhtml:link", {"rel": "alternate", "hreflang": lang, "href": href})
    ElementTree.indent(root)
    return xml_bytes(root)


def render_robots(site_url: str, draft: bool = False) -> str | None:
    """``robots.txt``: every crawler welcome and told where the sitemap is; a draft shut to all.

    ``None`` when the site is not at the root of its host (``https://x.example/jumelage/``):
    crawlers read ``robots.txt`` at the root only, which the site does not own.

    >>> print(render_robots("https://x.example/"), end="")
    User-agent: *
    Disallow:
    <BLANKLINE>
    Sitemap: https://x.example/sitemap.xml
    >>> render_robots("https://x.example/jumelage/") is None
    True
    """
    if urlsplit(site_url).path not in ("", "/"):
        return None
    if draft:
        return "User-agent: *\nDisallow: /\n"
    return f"User-agent: *\nDisallow:\n\nSitemap: {site_url}{SITEMAP_NAME}\n"
