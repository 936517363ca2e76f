"""The glossary ↔ TBX: export, import of v3 and v2, merges that fill, add and never overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline.drafts.glossary import parse_glossary
from pipeline.drafts.termbase import (
    KEPT_NOTE,
    TBX_NS,
    TbxError,
    export_tbx,
    glossary_csv,
    merge_tbx,
    parse_tbx,
)

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY_CSV = (ROOT / "locales" / "glossary.csv").read_text("utf-8")
COLUMNS = GLOSSARY_CSV.splitlines()[0].split(",")
LANGUAGES = ["en", "de", "pl", "cs"]
Q = f"{{{TBX_NS}}}"


def glossary():  # type: ignore[no-untyped-def]
    return parse_glossary(GLOSSARY_CSV, "glossary.csv")


def test_the_export_is_tbx_basic_v3_with_a_concept_per_term() -> None:
    data = export_tbx(glossary(), LANGUAGES)
    root = etree.fromstring(data)
    assert root.tag == Q + "tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    concepts = root.findall(f"{Q}text/{Q}body/{Q}conceptEntry")
    assert len(concepts) == len(glossary().terms)
    first = concepts[0]
    assert [s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in first.findall(Q + "langSec")] == [
        "fr",
        *LANGUAGES,
    ]
    assert first.find(f"{Q}langSec/{Q}termSec/{Q}term").text == "Rennes Métropole"  # type: ignore[union-attr]
    assert first.findall(f".//{Q}note")[1].text == KEPT_NOTE
    committee = next(c for c in concepts if "Comité européen des Régions" in etree.tostring(c, encoding=str))
    assert "Europejski Komitet Regionów" in etree.tostring(committee, encoding=str)
    assert export_tbx(glossary(), LANGUAGES) == data


def test_an_untouched_export_merges_to_the_same_glossary_bytes() -> None:
    report = merge_tbx(glossary(), parse_tbx(export_tbx(glossary(), LANGUAGES), "g.tbx"), LANGUAGES)
    assert (report.added, report.filled, report.conflicts) == ([], [], [])
    assert glossary_csv(report.glossary, COLUMNS).decode() == GLOSSARY_CSV


def test_a_term_base_fills_empty_cells_adds_terms_and_reports_conflicts() -> None:
    data = (
        b'<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="fr"><text><body>'
        b'<conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>Union</term></termSec></langSec>'
        b'<langSec xml:lang="de-DE"><termSec><term>EU</term></termSec></langSec></conceptEntry>'
        b'<conceptEntry id="b"><langSec xml:lang="fr"><termSec><term>jumelage</term></termSec></langSec>'
        b'<langSec xml:lang="pl"><termSec><term>partnerstwo miast</term></termSec></langSec></conceptEntry>'
        b"</body></text></tbx>"
    )
    report = merge_tbx(glossary(), parse_tbx(data, "agence.tbx"), LANGUAGES)
    assert report.added == ["jumelage"]
    assert report.conflicts == ["Union (de): the glossary says 'Europäische Union', the TBX 'EU'"]
    text = glossary_csv(report.glossary, COLUMNS).decode()
    assert text.startswith(GLOSSARY_CSV), "an existing row was changed"
    assert text.removeprefix(GLOSSARY_CSV) == "jumelage,,,,partnerstwo miast,,\n"


def test_a_tbx_v2_martif_reads_too() -> None:
    data = (
        b'<martif type="TBX" xml:lang="fr"><text><body><termEntry id="x">'
        b'<langSet xml:lang="fr"><tig><term>Eurocities</term></tig></langSet>'
        b'<langSet xml:lang="cs"><tig><term>Eurocities</term></tig></langSet>'
        b"</termEntry></body></text></martif>"
    )
    [concept] = parse_tbx(data, "old.tbx")
    assert concept.terms == {"fr": "Eurocities", "cs": "Eurocities"}
    report = merge_tbx(glossary(), [concept], LANGUAGES)
    assert (report.added, report.filled, report.conflicts) == ([], [], []), "a kept name stays kept"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<tbx", "expected TBX (XML), found malformed XML"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><tbx>&a;</tbx>', "expected plain TBX"),
        (b"<tmx/>", "expected a <tbx> (TBX v3) or <martif> (TBX v2) document, found <tmx>"),
        (b"<tbx/>", "expected TBX v3 in the namespace urn:iso:std:iso:30042:ed-2"),
    ],
)
def test_a_file_that_is_no_tbx_is_refused(data: bytes, expected: str) -> None:
    with pytest.raises(TbxError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        parse_tbx(data, "agence.tbx")
