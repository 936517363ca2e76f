"""pipeline.catalogs.regions: a region's reviewed words override the language's, nothing else does."""

from __future__ import annotations

from babel.messages.catalog import Catalog

from pipeline.catalogs.regions import overlay_region


def english() -> Catalog:
    catalog = Catalog(locale="en")
    catalog.add("programme", "programme")
    catalog.add("ville jumelle", "twin town")
    catalog.add("collectivité", "local authority")
    return catalog


def strings(catalog: Catalog) -> dict[str, str]:
    return {str(message.id): str(message.string) for message in catalog if message.id}


def test_a_reviewed_regional_message_overrides_the_language() -> None:
    region = Catalog(locale="en_US")
    region.add("programme", "program")
    assert strings(overlay_region(english(), region)) == {
        "programme": "program",
        "ville jumelle": "twin town",
        "collectivité": "local authority",
    }


def test_fuzzy_and_empty_regional_entries_are_ignored() -> None:
    region = Catalog(locale="en_US")
    region.add("ville jumelle", "sister city", flags={"fuzzy"})
    region.add("collectivité", "")
    assert strings(overlay_region(english(), region)) == strings(english())


def test_a_regional_message_the_language_lacks_is_not_added() -> None:
    region = Catalog(locale="en_US")
    region.add("maire", "mayor")
    assert "maire" not in strings(overlay_region(english(), region))


def test_no_regional_catalog_leaves_the_catalog_as_it_is() -> None:
    catalog = english()
    assert overlay_region(catalog, None) is catalog
