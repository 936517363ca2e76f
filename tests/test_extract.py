"""pipeline.extract: document → template, deterministic."""

from __future__ import annotations

from pipeline.catalogs.po import serialize_catalog
from pipeline.document import parse_document
from pipeline.extract import extract_template

TEXT = "---\ntitle: Titre\nlang: fr\n---\n\n## Titre\n\nUn *mot*.\n\nUn *mot*.\n"


def test_messages_carry_locations_and_the_kind_of_block() -> None:
    template = extract_template(parse_document(TEXT, "source/a.md"))
    titre = template.get("Titre")
    assert titre is not None
    assert titre.locations == [("source/a.md", 2), ("source/a.md", 6)]
    assert titre.auto_comments == ["front matter: title", "heading"]
    mot = template.get("Un *mot*.")
    assert mot is not None and mot.locations == [("source/a.md", 8), ("source/a.md", 10)]


def test_extracting_twice_gives_the_same_bytes_and_no_clock_time() -> None:
    first = serialize_catalog(extract_template(parse_document(TEXT, "source/a.md")))
    second = serialize_catalog(extract_template(parse_document(TEXT, "source/a.md")))
    assert first == second
    assert b"POT-Creation-Date" not in first
    assert b"YEAR-MO-DA" in first  # the revision date stays gettext's placeholder


def test_each_note_of_a_report_is_one_message_with_its_reference_in_the_text() -> None:
    source = (
        "---\ntitle: T\nlang: fr\n---\n\nDouze agents[^1] et des programmes[^2].\n\n"
        "[^1]: Chiffre établi au 1^er^ janvier\n    2025.\n"
        "[^2]: Programme Erasmus+ et\n    Europe créative.\n"
    )
    catalog = extract_template(parse_document(source, "source/r.md"))
    found = [(message.id, message.auto_comments, message.locations) for message in catalog if message.id]
    assert found[1:] == [
        ("Douze agents[^1] et des programmes[^2].", ["paragraph"], [("source/r.md", 6)]),
        ("Chiffre établi au 1^er^ janvier 2025.", ["footnote"], [("source/r.md", 8)]),
        ("Programme Erasmus+ et Europe créative.", ["footnote"], [("source/r.md", 10)]),
    ]
