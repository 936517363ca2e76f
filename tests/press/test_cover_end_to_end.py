"""The built brochures: the cover's map, its balanced title, and the back cover's publisher block."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.typography import SHORT_WORD_LETTERS

from ..pdf_measure import cover_title_lines
from ..project import run_jumelage

SLUG = "simon-letonturier-service-international"
EDITIONS = ("exeter", "rochester", "erlangen", "brno", "cork", "poznan")


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_cover_title_never_ends_with_a_word_alone(built_project: Path, edition: str) -> None:
    pdf = built_project / "outputs" / "editions" / edition / f"{SLUG}-{edition}.pdf"
    title_lines = cover_title_lines(pdf)
    assert len(title_lines) >= 2, title_lines
    last = title_lines[-1].split()
    # A title of three words or more never ends on a line of one; a pair may, when the last is long.
    assert len(last) > 1 or (
        len(" ".join(title_lines).split()) == 2
        and sum(character.isalnum() for character in last[0]) >= SHORT_WORD_LETTERS
    ), title_lines


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_back_cover_carries_the_publisher_block_and_marks_placeholders(
    built_project: Path, edition: str
) -> None:
    pdf = built_project / "outputs" / "editions" / edition / f"{SLUG}-{edition}.pdf"
    document = pdfium.PdfDocument(pdf.read_bytes())
    back = document[len(document) - 1].get_textpage().get_text_range()
    assert "Rennes Métropole" in back
    assert "Service International et Europe" in back
    assert "Natural Earth" in back
    # Four values are still to confirm: each printed as a bracketed placeholder, none made up.
    assert back.count("[") == 4 and back.count("]") == 4, back
    assert "jumelage.example.org" in back.replace("\r\n", "").replace("\n", "")


def test_check_warns_and_preflight_refuses_placeholders_then_passes_once_confirmed(
    built_project: Path, built_copy: Path
) -> None:
    checked = run_jumelage(built_project, "check")
    assert checked.returncode == 0  # a warning: the build and the check go on
    assert "source/editions.yml:16: [warning] placeholder: site-url is still to confirm" in checked.stdout
    refused = run_jumelage(built_project, "preflight")
    assert refused.returncode == 1
    assert refused.stdout.splitlines() == [
        line for line in refused.stdout.splitlines() if line.startswith("source/editions.yml:")
    ]
    assert len(refused.stdout.splitlines()) == 4

    editions = built_copy / "source" / "editions.yml"
    text = editions.read_text(encoding="utf-8")
    for placeholder, value in {
        '"TO CONFIRM: https://jumelage.example.org/"': "https://test.invalid/",
        '"TO CONFIRM: postal address"': "TEST ADDRESS",
        '"TO CONFIRM: email address"': "test@test.invalid",
        '"TO CONFIRM: printer\'s name and town"': "TEST PRINTER",
    }.items():
        assert placeholder in text
        text = text.replace(placeholder, value)
    editions.write_text(text, encoding="utf-8")
    # The first run has preflighted every file (its only problems are the placeholders): one
    # edition's files are enough to show the confirmed values pass.
    passed = run_jumelage(built_copy, "preflight", "--lang", "de", "--edition", "erlangen")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert passed.stdout == ""


def figure_alternatives(pdf: Path) -> list[str]:
    """The alternative texts of the figures in a tagged PDF's structure tree, in reading order."""
    from pypdf import PdfReader

    found: list[str] = []

    def walk(node: object, depth: int) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if depth > 60:
            return
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"], depth + 1)
        elif isinstance(node, list):
            for child in node:
                walk(child, depth + 1)

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"], 0)
    return found


MAP_ALTERNATIVES = {
    "exeter": "Map: France and United Kingdom",
    "rochester": "Map: France and United States",
    "erlangen": "Karte: Frankreich und Deutschland",
    "brno": "Mapa: Francie a\u00a0Česko",
    "cork": "Map: France and Ireland",
    "poznan": "Mapa: Francja i\u00a0Polska",
}


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_cover_map_names_both_countries_in_the_edition_s_language(
    built_project: Path, edition: str
) -> None:
    pdf = built_project / "outputs" / "editions" / edition / f"{SLUG}-{edition}.pdf"
    assert figure_alternatives(pdf)[0] == MAP_ALTERNATIVES[edition]
