"""pipeline.render.wide: tables wrapped, numbered, shrunk and split; long words marked; lines named.

The rewriting is tested on inline HTML; the layout (does a table overflow,
does a marked word run over a line) on small pages WeasyPrint lays out.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest

from pipeline.render.hyphenation import limit_hyphenation
from pipeline.render.wide import (
    LONG_WORD,
    TABLE_BREAK,
    TABLE_PART,
    TABLE_STEPS,
    SourceText,
    TableFit,
    broken_long_words,
    column_groups,
    fit_tables,
    log_wide_content,
    overflowing_tables,
    prepare_wide_content,
    wide_content_findings,
    wrap_tables,
)

from ..project import ROOT


def table(columns: int, rows: int = 2, attributes: str = "", caption: str = "") -> str:
    """A table as pandoc writes one: a header row and ``rows`` rows of ``columns`` cells."""
    head = "".join(f"<th>Colonne {number}</th>\n" for number in range(1, columns + 1))
    body = "".join(
        '<tr class="odd">\n'
        + "".join(f"<td>{row}.{number}</td>\n" for number in range(1, columns + 1))
        + "</tr>\n"
        for row in range(1, rows + 1)
    )
    caption = f"<caption>{caption}</caption>\n" if caption else ""
    header = f"<thead>\n<tr>\n{head}</tr>\n</thead>\n"
    return f"<table{attributes}>\n{caption}{header}<tbody>\n{body}</tbody>\n</table>"


def cells(element: str) -> list[list[str]]:
    """Each row's cells' text."""
    return [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        for row in re.findall(r"<tr\b.*?</tr>", element, re.S)
    ]


def tables_of(page: str) -> list[str]:
    return re.findall(r"<table\b.*?</table>", page, re.S)


def test_each_table_is_wrapped_in_a_box_that_scrolls_and_nothing_else() -> None:
    page = f"<main><p>Texte</p>{table(3)}<p>Suite</p>{table(2)}</main>"
    wrapped = wrap_tables(page)
    assert wrapped.count('<div class="table-scroll" tabindex="0"><table>') == 2
    assert wrapped.count("</table></div>") == 2
    assert re.sub(r'<div class="table-scroll" tabindex="0">|</div>', "", wrapped) == page


def test_tables_are_numbered_and_long_words_marked_in_the_article_only() -> None:
    word = "x" * LONG_WORD
    page = (
        f'<body><p class="address">{word}</p><main class="article">'
        f'<p>Un mot {word} et <a href="https://a.example/{word}">un lien</a>, '
        f"{'y' * (LONG_WORD - 1)}.</p>"
        f"{table(2)}{table(3)}</main></body>"
    )
    prepared = prepare_wide_content(page)
    assert (
        prepared.count(f'<span class="long-word">{word}</span>') == 1
    )  # not in the colophon, nor in an href
    assert f'<p class="address">{word}</p>' in prepared
    assert f'href="https://a.example/{word}"' in prepared
    assert "y" * (LONG_WORD - 1) + "." in prepared  # shorter: a word like others
    assert re.findall(r'<table data-table="(\d+)"', prepared) == ["0", "1"]


def test_a_table_too_wide_goes_straight_to_the_size_that_would_fit() -> None:
    page = table(5, attributes=' data-table="0"')
    # 9 pt wide 110 % of its column: 9 / 1.1 = 8.2 pt would fit, the first step (8 pt) is the one.
    fitted = fit_tables(page, [TableFit(0, 110, 100, (22,) * 5, 12)])
    assert '<table data-table="0" class="table-small">' in fitted
    # Twice too wide: below the floor, the floor.
    fitted = fit_tables(page, [TableFit(0, 200, 100, (40,) * 5, 12)])
    assert f'class="{TABLE_STEPS[-1][0]}"' in fitted
    assert fit_tables(page, []) == page


def test_at_the_floor_a_table_is_split_in_parts_that_repeat_its_first_column_and_its_header() -> None:
    floor = TABLE_STEPS[-1][0]
    page = (
        "<p>avant</p>"
        + table(7, attributes=f' data-table="3" class="{floor}"', caption="Élèves")
        + "<p>après</p>"
    )
    # Six columns of 30 beside a first column of 20, in a measure of 100: two beside it fit.
    fitted = fit_tables(page, [TableFit(0, 200, 100, (20, 30, 30, 30, 30, 30, 30), 6.5 / 0.75)])
    parts = tables_of(fitted)
    assert len(parts) == 3
    assert (
        [row[0] for row in cells(parts[0])]
        == [row[0] for row in cells(parts[2])]
        == ["Colonne 1", "1.1", "2.1"]
    )
    assert [cells(part)[0] for part in parts] == [
        ["Colonne 1", "Colonne 2", "Colonne 3"],
        ["Colonne 1", "Colonne 4", "Colonne 5"],
        ["Colonne 1", "Colonne 6", "Colonne 7"],
    ]
    assert [part.count("<caption>") for part in parts] == [1, 0, 0]
    assert all(part.startswith('<table data-table="3" class="') and TABLE_PART in part[:60] for part in parts)
    assert fitted.startswith("<p>avant</p>") and fitted.endswith("<p>après</p>")


def test_split_parts_are_set_as_large_as_their_width_allows() -> None:
    floor = TABLE_STEPS[-1][0]
    page = table(4, attributes=f' data-table="0" class="{floor}"')
    # Parts at most 75 wide in a column of 100 at 6.5 pt: 6.5 / 0.75 = 8.7 pt would fit, so 8 pt.
    fitted = fit_tables(page, [TableFit(0, 115, 100, (15, 30, 30, 30, 10), 6.5 / 0.75)])
    classes = {tag for part in tables_of(fitted) for tag in re.findall(r'<table [^>]*class="([^"]*)"', part)}
    assert classes == {f"{TABLE_STEPS[0][0]} {TABLE_PART}"}


def test_a_table_that_cannot_be_split_further_has_its_words_broken() -> None:
    floor = TABLE_STEPS[-1][0]
    page = table(2, attributes=f' data-table="0" class="{floor}"')
    fitted = fit_tables(page, [TableFit(0, 150, 100, (70, 80), 6.5 / 0.75)])
    assert f'class="{floor} {TABLE_BREAK}"' in fitted
    assert fit_tables(fitted, [TableFit(0, 150, 100, (70, 80), 6.5 / 0.75)]) == fitted  # nothing left to try


def test_columns_are_shared_out_evenly_between_the_fewest_parts() -> None:
    # Greedy would give 3 + 3 + 1 columns; the same three parts, even, give 3 + 2 + 2.
    assert column_groups([10] + [30] * 7, 100) == [[1, 2, 3], [4, 5], [6, 7]]
    assert column_groups([10, 95, 30, 30], 100) == [[1], [2, 3]]  # a column too wide, alone in its part
    assert column_groups([10, 200], 100) == [[1]]  # one column: no split


def test_the_source_names_a_table_s_line_and_a_word_s_line_there_or_in_the_catalog() -> None:
    text = "---\ntitle: Titre\nlang: fr\n---\n\nUn mot.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|---|\n"
    catalog = 'msgid "Un mot."\nmsgstr "Ein Wort und Donaudampfschifffahrt."\n'
    source = SourceText.read(text, "source/a.md", [("locales/de/LC_MESSAGES/a.po", catalog)])
    assert source.tables == (8, 12)
    assert source.table_location(1) == ("source/a.md", 12)
    assert source.table_location(5) == ("source/a.md", None)
    assert source.word_location("mot") == ("source/a.md", 6)
    assert source.word_location("Donaudampfschifffahrt") == ("locales/de/LC_MESSAGES/a.po", 2)
    assert source.word_location("absent") == ("source/a.md", None)


def test_a_finding_is_a_warning_at_its_source_line_naming_the_output(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from pipeline.render.wide import WideFinding

    source = SourceText.read("---\ntitle: T\nlang: fr\n---\n\n| a |\n|---|\n", "source/a.md")
    with caplog.at_level(logging.WARNING, logger="pipeline.render.wide"):
        log_wide_content([WideFinding("a table of 40 columns …", table=0)], source, "outputs/fr/a.pdf")
        log_wide_content([WideFinding("a word …", word="zzz")], None, "outputs/fr/a.pdf")
    first, second = caplog.records
    assert (getattr(first, "location", None), first.getMessage()) == (
        "source/a.md:6",
        "outputs/fr/a.pdf: a table of 40 columns …",
    )
    assert (getattr(second, "location", None), second.getMessage()) == ("outputs/fr/a.pdf", "a word …")


# --- laid out by WeasyPrint ---------------------------------------------------------------------------

STYLE = (
    "@page { size: 100mm 150mm; margin: 10mm } body { font: 10pt serif } table { border-collapse: collapse }"
    "th, td { padding: 1mm 2mm } .table-small { font-size: 8pt } .table-smaller { font-size: 7.25pt }"
    ".table-smallest { font-size: 6.5pt } .table-part { margin-bottom: 2mm }"
    ".table-break td, .table-break th { overflow-wrap: anywhere }"
    ".long-word { hyphens: manual; word-break: break-all }"
)


def lay_out(html: str) -> Any:
    from weasyprint import HTML

    return HTML(string=f"<html><head><style>{STYLE}</style></head><body>{html}</body></html>").render()


def fit(html: str) -> tuple[str, Any]:
    """``html`` laid out in the rounds every PDF goes through, as the A5 PDFs and brochures are."""
    page, document = limit_hyphenation(prepare_wide_content(f"<main>{html}</main>"), lay_out)
    return str(page), document


def test_a_narrow_table_is_left_alone() -> None:
    page, document = fit(table(3))
    assert overflowing_tables(document) == []
    assert "class=" not in tables_of(page)[0][:40]
    assert wide_content_findings(page, document) == []


def test_a_table_of_forty_columns_ends_in_parts_that_fit_and_is_reported() -> None:
    page, document = fit(table(40, rows=3))
    assert overflowing_tables(document) == []
    parts = tables_of(page)
    assert len(parts) > 2
    assert sorted({cell for part in parts for cell in cells(part)[0]}) == sorted(
        f"Colonne {number}" for number in range(1, 41)
    )
    (finding,) = wide_content_findings(page, document)
    assert finding.table == 0
    assert finding.message.startswith(
        f"a table of 40 columns is wider than the page even in 6.5 pt type: set in {len(parts)} parts"
    )


def test_a_long_word_breaks_at_the_line_s_end_and_is_reported() -> None:
    word = "anticonstitutionnellement" * 40
    page, document = fit(f"<p>Un mot de mille lettres : {word} et la suite.</p>")
    assert broken_long_words(document) == [word]
    (finding,) = wide_content_findings(page, document)
    assert finding.word == word
    assert finding.message.startswith("a word of 1000 characters is longer than a line")


def test_the_stylesheets_set_every_class_the_fitting_gives() -> None:
    for name in ("jumelage.css", "brochure.css"):
        css = (ROOT / "assets" / "css" / name).read_text(encoding="utf-8")
        for class_name in [step for step, _ in TABLE_STEPS] + [TABLE_BREAK, "long-word"]:
            assert f".{class_name}" in css, (name, class_name)
        for step, size in TABLE_STEPS:
            assert f"table.{step} {{ font-size: {size:g}pt; }}" in css, (name, step)
    assert ".table-scroll" in (ROOT / "assets" / "css" / "epub.css").read_text(encoding="utf-8")
    assert (
        Path(ROOT / "assets" / "css" / "jumelage.css").read_text(encoding="utf-8").count(".table-scroll") == 2
    )


NESTED = (
    "<table>\n<tr>\n<td>a</td>\n<td><table><tr><td>x</td><td>y</td></tr></table></td>\n"
    "<td>c</td>\n<td>d</td>\n</tr>\n</table>"
)


def test_a_table_inside_a_table_is_wrapped_and_numbered_with_it() -> None:
    page = f"<main>{NESTED}<p>entre</p>{table(2)}</main>"
    wrapped = wrap_tables(page)
    assert wrapped.count('<div class="table-scroll"') == 2  # the outer table and the last one
    assert f'<div class="table-scroll" tabindex="0">{NESTED}</div>' in wrapped
    prepared = prepare_wide_content(page)
    assert re.findall(r'<table data-table="(\d+)"', prepared) == ["0", "1", "2"]


def test_a_table_holding_a_table_is_split_by_its_own_rows_and_cells() -> None:
    floor = TABLE_STEPS[-1][0]
    outer = NESTED.replace("<table>", f'<table class="{floor}">', 1)
    page = prepare_wide_content(f"<main>{outer}{table(3)}</main>")
    # The table after it is the third <table> of the page: position 2, left alone here.
    fitted = fit_tables(page, [TableFit(0, 200, 100, (20, 60, 60, 60), 6.5 / 0.75)])
    assert fitted.endswith(table(3).replace("<table>", '<table data-table="2">') + "</main>")
    inner = '<table data-table="1"><tr><td>x</td><td>y</td></tr></table>'
    assert fitted.count(inner) == 1  # in the first part only, whole
    parts = fitted.split('<table data-table="0"')[1:]
    assert len(parts) == 3
    assert "<td>a</td>\n<td>" + inner + "</td>" in parts[0]
    assert "<td>a</td>\n<td>c</td>" in parts[1] and "<td>a</td>\n<td>d</td>" in parts[2]
    # The last table is fitted by its position among all the page's tables, the inner one counted.
    shrunk = fit_tables(page, [TableFit(2, 110, 100, (30, 30, 30), 12)])
    assert '<table data-table="2" class="table-small">' in shrunk
    assert shrunk.count('class="table-small"') == 1 and shrunk.startswith(page[:60])
