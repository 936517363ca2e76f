"""XLIFF 1.2 export, checked against the OASIS schema; import as a CAT tool sends it back; every refusal."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from lxml import etree

from pipeline.catalogs.po import parse_catalog, read_catalog, serialize_catalog
from pipeline.catalogs.xliff import (
    NS,
    XliffError,
    export_xliff,
    merge_xliff,
    parse_xliff,
    source_version,
    unit_id,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "tests" / "schemas" / "xliff"
ARTICLE = "simon-letonturier-service-international"
Q = f"{{{NS}}}"


class _LocalSchemas(etree.Resolver):
    """The XLIFF schema imports W3C's xml.xsd by its web address: answer with the vendored copy."""

    def resolve(self, url: str, pubid: str, context: object) -> object:
        if url == "http://www.w3.org/2001/xml.xsd":
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


def _schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


SCHEMA = _schema()


def valid(data: bytes) -> None:
    document = etree.fromstring(data)
    assert SCHEMA.validate(document), SCHEMA.error_log


def repo_catalog(lang: str, slug: str = ARTICLE) -> Catalog:
    path = ROOT / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"
    return read_catalog(path, lang, f"locales/{lang}/LC_MESSAGES/{slug}.po")


def original(lang: str, slug: str = ARTICLE) -> str:
    return f"locales/{lang}/LC_MESSAGES/{slug}.po"


def sample() -> Catalog:
    """One message of each state, with markup."""
    catalog = Catalog(locale="de", charset="utf-8")
    catalog.add(
        "Voir **le** [site](https://rennes.fr)",
        "Siehe **die** [Website](https://rennes.fr)",
        auto_comments=["paragraph"],
        user_comments=["checked with Erlangen"],
        locations=[("source/a.md", 3)],
    )
    catalog.add(
        "Bonjour",
        "Hallo",
        flags={"fuzzy"},
        auto_comments=["paragraph", "machine translation: libretranslate"],
    )
    catalog.add("Au revoir", "Tschüss", flags={"fuzzy"}, previous_id=["Adieu"])
    catalog.add("Merci", "")
    catalog.add("Page {number}", "Seite {number}")
    catalog.obsolete["Ancien"] = Message("Ancien", "Alt")
    return catalog


def units(data: bytes) -> dict[str, etree._Element]:
    root = etree.fromstring(data)
    return {
        "".join(unit.find(Q + "source").itertext()): unit  # type: ignore[union-attr]
        for unit in root.iter(Q + "trans-unit")
    }


def rewrite(data: bytes, source: str, edit: object) -> bytes:
    """Edit one unit as a CAT tool would, through the XML tree."""
    root = etree.fromstring(data)
    for unit in root.iter(Q + "trans-unit"):
        if "".join(unit.find(Q + "source").itertext()) == source:  # type: ignore[union-attr]
            edit(unit)  # type: ignore[operator]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def merged(catalog: Catalog, data: bytes, parent: Catalog | None = None) -> Catalog:
    files = parse_xliff(data, "kit.xlf")
    merge_xliff(catalog, files[0], "kit.xlf", parent)
    return catalog


def entries(catalog: Catalog) -> dict[str, bytes]:
    """Each message's PO text, by French."""
    text = serialize_catalog(catalog).decode()
    blocks = text.split("\n\n")
    found = {}
    for block in blocks:
        match = re.search(r'^msgid "(.*)"$', block, re.M)
        if match:
            found[match.group(1)] = block.encode()
    return found


# --- export ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "slug", "parent"),
    [("de", ARTICLE, None), ("pl", ARTICLE, None), ("cs", "ui", None), ("en_US", ARTICLE, "en")],
)
def test_every_catalog_exports_as_valid_xliff_1_2(lang: str, slug: str, parent: str | None) -> None:
    catalog = repo_catalog(lang, slug)
    data = export_xliff(
        catalog, original(lang, slug), lang, repo_catalog(parent, slug) if parent else None, parent
    )
    valid(data)
    root = etree.fromstring(data)
    file = root.find(Q + "file")
    assert file is not None
    assert file.get("source-language") == ("en" if slug == "ui" else "fr")
    assert file.get("build-num") == source_version(catalog)
    assert len(list(root.iter(Q + "trans-unit"))) == len([m for m in catalog if m.id])


def test_the_sample_exports_valid_with_each_state_mapped() -> None:
    data = export_xliff(sample(), original("de"), "de")
    valid(data)
    found = units(data)
    reviewed = found["Voir **le** [site](https://rennes.fr)"]
    assert reviewed.get("approved") == "yes"
    assert reviewed.find(Q + "target").get("state") == "final"  # type: ignore[union-attr]
    notes = {note.get("from"): note.text for note in reviewed.iter(Q + "note")}
    assert notes == {"translator": "checked with Erlangen", "developer": "paragraph"}
    draft = found["Bonjour"].find(Q + "target")
    assert draft is not None
    assert (draft.get("state"), draft.get("state-qualifier")) == ("needs-review-translation", "mt-suggestion")
    assert "machine translation: libretranslate" in [n.text for n in found["Bonjour"].iter(Q + "note")]
    changed = found["Au revoir"]
    previous = changed.find(Q + "alt-trans")
    assert previous is not None and previous.get("alttranstype") == "previous-version"
    assert previous.find(Q + "source").text == "Adieu"  # type: ignore[union-attr]
    assert found["Merci"].find(Q + "target") is None
    assert "Ancien" not in found


def test_markup_becomes_ph_tags_numbered_as_in_the_source() -> None:
    data = export_xliff(sample(), original("de"), "de")
    text = data.decode()
    assert '<source>Voir <ph id="1">**</ph>le<ph id="2">**</ph> <ph id="3">[</ph>site' in text
    assert (
        '<target state="final">Siehe <ph id="1">**</ph>die<ph id="2">**</ph> <ph id="3">[</ph>Website' in text
    )
    assert '<source>Page <ph id="1">{number}</ph></source>' in text


def test_an_export_is_the_same_bytes_every_time() -> None:
    assert export_xliff(sample(), original("de"), "de") == export_xliff(sample(), original("de"), "de")


# --- import ---------------------------------------------------------------------------------------


def test_an_untouched_export_imports_to_the_same_catalog_bytes() -> None:
    for lang in ("de", "pl", "cs", "en"):
        catalog = repo_catalog(lang)
        before = serialize_catalog(catalog)
        assert serialize_catalog(merged(catalog, export_xliff(catalog, original(lang), lang))) == before


def test_a_cat_edit_changes_that_message_only() -> None:
    catalog = repo_catalog("de")
    before = entries(catalog)
    data = export_xliff(catalog, original("de"), "de")
    french = "Simon Letonturier présente le service international"

    def edit(unit: etree._Element) -> None:
        target = unit.find(Q + "target")
        target.text = "Simon Letonturier stellt seine Abteilung vor"
        target.set("state", "translated")

    after = entries(merged(catalog, rewrite(data, french, edit)))
    assert catalog[french].string == "Simon Letonturier stellt seine Abteilung vor"
    assert not catalog[french].fuzzy
    assert {key for key in before if before[key] != after[key]} == {french}


def test_a_moved_tag_is_put_back_from_the_french_whatever_the_tool_left_in_it() -> None:
    catalog = sample()
    data = export_xliff(catalog, original("de"), "de")

    def edit(unit: etree._Element) -> None:
        target = unit.find(Q + "target")
        for ph in target:
            ph.text = "?"  # a tool that keeps the tag but loses its content
        target.set("state", "translated")

    merged(catalog, rewrite(data, "Page {number}", edit))
    assert catalog["Page {number}"].string == "Seite {number}"


def test_a_machine_draft_keeps_its_engine_until_reviewed() -> None:
    catalog = sample()
    data = export_xliff(catalog, original("de"), "de")
    merged(catalog, data)
    assert "machine translation: libretranslate" in catalog["Bonjour"].auto_comments
    assert catalog["Bonjour"].fuzzy

    def review(unit: etree._Element) -> None:
        unit.find(Q + "target").set("state", "translated")

    merged(catalog, rewrite(data, "Bonjour", review))
    assert not catalog["Bonjour"].fuzzy
    assert catalog["Bonjour"].auto_comments == ["paragraph"]


def test_a_needs_review_state_comes_back_fuzzy_and_an_empty_target_keeps_the_translation() -> None:
    catalog = sample()
    data = export_xliff(catalog, original("de"), "de")

    def doubt(unit: etree._Element) -> None:
        unit.find(Q + "target").set("state", "needs-review-translation")

    def empty(unit: etree._Element) -> None:
        target = unit.find(Q + "target")
        for child in list(target):
            target.remove(child)
        target.text = ""

    merged(
        catalog,
        rewrite(rewrite(data, "Page {number}", doubt), "Voir **le** [site](https://rennes.fr)", empty),
    )
    assert catalog["Page {number}"].fuzzy
    assert (
        catalog["Voir **le** [site](https://rennes.fr)"].string
        == "Siehe **die** [Website](https://rennes.fr)"
    )


def test_a_translator_note_travels_back_and_an_untouched_one_keeps_its_wrapping() -> None:
    catalog = repo_catalog("de")
    french = "Simon Letonturier présente le service international"
    comments = list(catalog[french].user_comments)
    data = export_xliff(catalog, original("de"), "de")
    merged(catalog, data)
    assert catalog[french].user_comments == comments

    def note(unit: etree._Element) -> None:
        for element in unit.iter(Q + "note"):
            if element.get("from") == "translator":
                element.text = "Abteilung: checked with Erlangen."

    merged(catalog, rewrite(data, french, note))
    assert catalog[french].user_comments == ["Abteilung: checked with Erlangen."]


def test_an_inherited_regional_entry_stays_inherited() -> None:
    parent = repo_catalog("en")
    region = repo_catalog("en_US")
    before = serialize_catalog(region)
    data = export_xliff(region, original("en_US"), "en_US", parent, "en")
    assert "leveraged-inherited" in data.decode()
    assert serialize_catalog(merged(region, data, parent)) == before
    inherited = next(m for m in region if m.id and not m.string)

    def edit(unit: etree._Element) -> None:
        unit.find(Q + "target").text = "A US wording"

    merged(region, rewrite(data, str(inherited.id), edit), parent)
    assert region[inherited.id].string == "A US wording"


def test_an_obsolete_unit_is_not_revived() -> None:
    catalog = sample()
    data = export_xliff(catalog, original("de"), "de")
    ancient = Message("Ancien", "Alt")

    def rename(unit: etree._Element) -> None:
        unit.set("id", unit_id(ancient))
        unit.find(Q + "source").text = "Ancien"

    files = parse_xliff(rewrite(data, "Merci", rename), "kit.xlf")
    report = merge_xliff(catalog, files[0], "kit.xlf")
    assert report.obsolete == ["Ancien"]
    assert "Ancien" in catalog.obsolete
    assert catalog.get("Ancien") is None


# --- refusals -------------------------------------------------------------------------------------


def refused(catalog: Catalog, data: bytes) -> str:
    before = serialize_catalog(catalog)
    with pytest.raises(XliffError) as caught:
        merged(catalog, data)
    assert serialize_catalog(catalog) == before, "a refused import changed the catalog"
    return str(caught.value)


def _line(data: bytes, french: str) -> int:
    for number, line in enumerate(data.decode().splitlines(), start=1):
        if "<trans-unit" in line:
            unit = number
        if f"<source>{french}" in line:
            return unit
    raise AssertionError(french)


def test_a_lost_tag_is_refused_at_its_unit() -> None:
    catalog = sample()

    def lose(unit: etree._Element) -> None:
        target = unit.find(Q + "target")
        target.remove(target[0])

    data = rewrite(export_xliff(catalog, original("de"), "de"), "Page {number}", lose)
    message = refused(catalog, data)
    assert message.startswith(f"kit.xlf:{_line(data, 'Page ')}: ")
    assert "lost <ph id=1>" in message


def test_a_doubled_or_invented_tag_is_refused() -> None:
    catalog = sample()

    def double(unit: etree._Element) -> None:
        target = unit.find(Q + "target")
        copy = etree.SubElement(target, Q + "ph", id="1")
        copy.text = "{number}"

    def invent(unit: etree._Element) -> None:
        etree.SubElement(unit.find(Q + "target"), Q + "ph", id="7").text = "**"

    data = export_xliff(catalog, original("de"), "de")
    assert "doubled <ph id=1>" in refused(catalog, rewrite(data, "Page {number}", double))
    assert "invented <ph id=7>" in refused(catalog, rewrite(data, "Page {number}", invent))


def test_an_unknown_unit_and_a_changed_source_are_refused_and_nothing_is_merged() -> None:
    catalog = sample()
    data = export_xliff(catalog, original("de"), "de")

    def unknown(unit: etree._Element) -> None:
        unit.set("id", "0123456789abcdef")

    def source(unit: etree._Element) -> None:
        unit.find(Q + "source").text = "Bonsoir"

    def good(unit: etree._Element) -> None:
        unit.find(Q + "target").set("state", "translated")

    message = refused(catalog, rewrite(rewrite(data, "Merci", unknown), "Bonjour", good))
    assert "unknown unit '0123456789abcdef'" in message
    assert "expected the unit's <source> to be the catalog's French 'Bonjour', found 'Bonsoir'" in refused(
        catalog, rewrite(data, "Bonjour", source)
    )
    assert catalog["Bonjour"].fuzzy, "the good unit of a refused file was merged"


def test_a_unit_exported_before_the_french_changed_is_refused_with_the_new_french() -> None:
    old = Catalog(locale="de")
    old.add("Adieu", "Lebwohl")
    data = export_xliff(old, original("de"), "de")
    catalog = sample()  # "Au revoir", fuzzy, previous msgid "Adieu"
    message = refused(catalog, data)
    assert "the source changed since the export, it now reads 'Au revoir'" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"<xliff", "expected XLIFF (XML), found malformed XML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><xliff version="1.2" '
            b'xmlns="urn:oasis:names:tc:xliff:document:1.2"/>',
            "found a DOCTYPE",
        ),
        (
            b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>',
            "expected XLIFF 1.2, found XLIFF 2",
        ),
        (b"<tmx version='1.4'/>", "expected an XLIFF 1.2 <xliff> document, found <tmx>"),
        (
            b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>',
            "expected a <file>, found none",
        ),
    ],
)
def test_a_document_that_is_not_xliff_1_2_is_refused(text: bytes, expected: str) -> None:
    with pytest.raises(XliffError) as caught:
        parse_xliff(text, "kit.xlf")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("kit.xlf:")


def test_a_tag_other_than_ph_is_refused_at_its_line() -> None:
    catalog = sample()

    def wrap(unit: etree._Element) -> None:
        target = unit.find(Q + "target")
        etree.SubElement(target, Q + "g", id="9").text = "x"

    data = rewrite(export_xliff(catalog, original("de"), "de"), "Merci", lambda unit: None)
    data = rewrite(data, "Bonjour", wrap)
    with pytest.raises(
        XliffError, match=r"kit.xlf:\d+: expected text and <ph> tags in a <target>, found <g>"
    ):
        parse_xliff(data, "kit.xlf")


# --- Translate Toolkit ----------------------------------------------------------------------------


def test_translate_toolkit_reads_our_export_as_the_same_catalog(tmp_path: Path) -> None:
    xliff2po = shutil.which("xliff2po") or str(Path(__import__("sys").executable).parent / "xliff2po")
    if not Path(xliff2po).exists():
        pytest.skip("Translate Toolkit is not installed (requirements/validate.txt; .ci/run installs it)")
    catalog = repo_catalog("de")
    sample_file = tmp_path / "de.xlf"
    sample_file.write_bytes(export_xliff(catalog, original("de"), "de"))
    po = tmp_path / "de.po"
    subprocess.run([xliff2po, str(sample_file), str(po)], check=True, capture_output=True)
    theirs = parse_catalog(po.read_text("utf-8"), str(po), "de")
    ours = {m.id: (m.string, m.fuzzy, " ".join(m.user_comments).split()) for m in catalog if m.id}
    read = {m.id: (m.string, m.fuzzy, " ".join(m.user_comments).split()) for m in theirs if m.id}
    assert read == ours
    assert theirs.fuzzy, "xliff2po marks its header fuzzy (make catalogs clears it)"
