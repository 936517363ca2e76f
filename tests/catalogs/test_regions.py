"""pipeline.catalogs.regions: a region's reviewed words override the language's; its catalog kept like any."""

from __future__ import annotations

from babel.messages.catalog import Catalog

from pipeline.catalogs.po import message_string
from pipeline.catalogs.regions import (
    OverrideStats,
    count_overrides,
    new_regional_catalog,
    overlay_region,
    update_regional_catalog,
)


def english() -> Catalog:
    catalog = Catalog(locale="en")
    catalog.add("programme", "programme")
    catalog.add("ville jumelle", "twin town")
    catalog.add("collectivité", "local authority")
    return catalog


def strings(catalog: Catalog) -> dict[str, str]:
    return {str(message.id): message_string(message) for message in catalog if message.id}


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


def test_a_draft_takes_a_fuzzy_override_and_stays_marked_a_draft() -> None:
    region = Catalog(locale="en_US")
    region.add("ville jumelle", "sister city", flags={"fuzzy"})
    overlaid = overlay_region(english(), region, draft=True)
    assert strings(overlaid)["ville jumelle"] == "sister city"
    assert overlaid["ville jumelle"].fuzzy  # a release would refuse it; a draft prints it marked


def template(*messages: str) -> Catalog:
    catalog = Catalog(project="article")
    for message in messages:
        catalog.add(message)
    return catalog


def test_a_new_regional_catalog_holds_every_message_each_inheriting() -> None:
    catalog = new_regional_catalog(template("programme", "ville jumelle"), "en_US")
    assert strings(catalog) == {"programme": "", "ville jumelle": ""}
    assert str(catalog.locale) == "en_US"
    assert 'An empty msgstr means "use locales/en"' in (catalog.header_comment or "")
    assert count_overrides(catalog) == OverrideStats(overrides=0, fuzzy=0, inherited=2)


def test_updating_a_regional_catalog_is_updating_any_catalog_and_drops_what_carried_nothing() -> None:
    catalog = new_regional_catalog(
        template("Le programme européen", "ville jumelle", "collectivité"), "en_US"
    )
    catalog["Le programme européen"].string = "The European program"
    catalog["ville jumelle"].string = "sister city"
    updated = update_regional_catalog(catalog, template("Le programme européen des villes", "maire"))
    changed = updated["Le programme européen des villes"]
    assert changed.fuzzy and changed.previous_id == ["Le programme européen"]
    assert changed.string == "The European program"  # kept for review, ignored by a release
    assert message_string(updated["maire"]) == ""
    # The removed override is kept obsolete (#~); the removed empty entry carried nothing.
    assert list(updated.obsolete) == ["ville jumelle"]
    assert count_overrides(updated) == OverrideStats(overrides=0, fuzzy=1, inherited=1)
    assert str(count_overrides(updated)) == "0 overrides, 1 fuzzy, 1 inherited"
