"""pipeline.render.sitemap: pages → sitemap.xml, validated against the sitemaps.org schema, and robots.txt."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from lxml import etree

from pipeline.render.sitemap import (
    SITEMAP_NAMESPACE,
    XHTML_NAMESPACE,
    SitemapPage,
    page_entry,
    page_url,
    render_robots,
    render_sitemap,
)

from ..project import ROOT

SCHEMAS = ROOT / "tests" / "schemas" / "sitemaps"
NAMES = {"s": SITEMAP_NAMESPACE, "x": XHTML_NAMESPACE}
SITE = "https://x.example/"


def sitemap_schema() -> etree.XMLSchema:
    """sitemaps.org's schema, unmodified, and the ``<xhtml:link>`` its strict wildcard asks for."""
    driver = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:import namespace="{SITEMAP_NAMESPACE}" schemaLocation="{(SCHEMAS / "sitemap.xsd").as_uri()}"/>
      <xsd:import namespace="{XHTML_NAMESPACE}" schemaLocation="{(SCHEMAS / "xhtml-link.xsd").as_uri()}"/>
    </xsd:schema>"""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser, base_url=SCHEMAS.as_uri() + "/"))


def validate(data: bytes) -> Any:
    schema = sitemap_schema()
    root = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    assert schema.validate(root), [str(error) for error in schema.error_log]
    return root


PAGE = """<!DOCTYPE html>
<html lang="de" xml:lang="de">
<head>
<link rel="canonical" href="https://x.example/de/a.html">
<link rel="alternate" hreflang="fr" href="https://x.example/fr/a.html">
<link rel="alternate" hreflang="de" href="https://x.example/de/a.html">
<link rel="alternate" hreflang="x-default" href="https://x.example/">
<link rel="alternate" type="application/atom+xml" hreflang="de" href="feed.xml">
<link rel="stylesheet" href="../assets/css/jumelage.css">
</head>
<body><a href="x.html" hreflang="pl">Polski</a></body>
</html>"""


def test_a_page_is_listed_as_its_head_declares_it() -> None:
    page = page_entry(PAGE, "de/a.html", SITE)
    assert page.url == "https://x.example/de/a.html"
    # The feed is another format, not a language version; a link in the body is no alternate.
    assert page.alternates == (
        ("fr", "https://x.example/fr/a.html"),
        ("de", "https://x.example/de/a.html"),
        ("x-default", "https://x.example/"),
    )


def test_a_page_without_canonical_is_listed_where_it_is_in_the_site() -> None:
    assert page_entry("<html lang='fr'><title>x</title>", "fr/collections/villes.html", SITE) == SitemapPage(
        "https://x.example/fr/collections/villes.html", ()
    )
    assert page_url("index.html", SITE) == SITE and page_url("de/index.html", SITE) == SITE + "de/"


def test_the_sitemap_validates_against_the_sitemaps_org_schema() -> None:
    pages = [page_entry(PAGE, "de/a.html", SITE), SitemapPage(SITE, ())]
    root = validate(render_sitemap(pages))
    assert [loc.text for loc in root.findall("s:url/s:loc", NAMES)] == [SITE, "https://x.example/de/a.html"]
    links = root.findall("s:url/x:link", NAMES)
    assert [(link.get("rel"), link.get("hreflang")) for link in links] == [
        ("alternate", "fr"),
        ("alternate", "de"),
        ("alternate", "x-default"),
    ]


def test_the_schema_refuses_what_the_protocol_refuses() -> None:
    # The validation can fail: a relative address, and an alternate without its language.
    schema = sitemap_schema()
    relative = render_sitemap([SitemapPage("de/a.html", ())])
    assert not schema.validate(etree.fromstring(relative))
    unnamed = render_sitemap([SitemapPage(SITE, (("", SITE),))])
    assert not schema.validate(etree.fromstring(unnamed))


def test_the_same_pages_give_the_same_bytes_whatever_their_order() -> None:
    pages = [page_entry(PAGE, "de/a.html", SITE), SitemapPage(SITE, ())]
    assert render_sitemap(pages) == render_sitemap(pages[::-1])


@pytest.mark.parametrize(
    ("site_url", "draft", "expected"),
    [
        (SITE, False, "User-agent: *\nDisallow:\n\nSitemap: https://x.example/sitemap.xml\n"),
        (SITE, True, "User-agent: *\nDisallow: /\n"),
        ("https://x.example/jumelage/", False, None),
    ],
)
def test_robots_names_the_sitemap_shuts_a_draft_and_needs_the_hosts_root(
    site_url: str, draft: bool, expected: str | None
) -> None:
    assert render_robots(site_url, draft) == expected


def test_the_vendored_schema_is_the_one_its_readme_names() -> None:
    data = (SCHEMAS / "sitemap.xsd").read_bytes()
    assert hashlib.sha256(data).hexdigest() in (SCHEMAS / "README.md").read_text(encoding="utf-8")
