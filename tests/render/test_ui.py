"""pipeline.render.ui and pipeline.render.metadata: interface words and CLDR data."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from babel.messages.catalog import Catalog

from pipeline.render import metadata
from pipeline.render.metadata import css_string, edition_metadata, folio_css
from pipeline.render.ui import UI_MESSAGES, Interface, endonym, interface_from_catalog, ui_template


@pytest.mark.parametrize(
    ("code", "name"),
    [("fr", "Français"), ("en", "English"), ("de", "Deutsch"), ("pl", "Polski"), ("cs", "Čeština")],
)
def test_each_language_is_named_in_itself(code: str, name: str) -> None:
    assert endonym(code) == name


def test_names_dates_and_lists_come_from_cldr() -> None:
    german = Interface("de", {"Translated from {language}": "Originalsprache: {language}"})
    assert (
        german.text("translated_from", language=german.language_name("fr")) == "Originalsprache: Französisch"
    )
    assert german.format_date(datetime(2026, 11, 25, tzinfo=UTC)) == "25. November 2026"
    assert german.format_list(["A", "B"]) == "A und B"
    assert Interface("cs").format_list(["A", "B"]) == "A a\u00a0B"  # CLDR binds the one-letter "a"


def test_untranslated_interface_words_fall_back_to_english() -> None:
    assert Interface("pl").text("contents") == "Contents"


def test_folios_are_bare_numbers_on_the_outer_edge() -> None:
    css = folio_css(Interface("de", {"Page {number}": "Seite {number} von"}))
    assert "@page :right { @bottom-right { content: counter(page); } }" in css
    assert "@page :left { @bottom-left { content: counter(page); } }" in css
    assert "Seite" not in css


def test_a_language_whose_custom_is_a_worded_folio_puts_the_counter_where_the_number_goes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(metadata, "WORDED_FOLIOS", frozenset({"de"}))
    css = folio_css(Interface("de", {"Page {number}": "Seite {number} von"}))
    assert 'content: "Seite " counter(page) " von"' in css
    assert css_string('a"b\\c') == '"a\\"b\\\\c"'  # quotes and backslashes escaped


def test_edition_metadata_formats_the_numbers_of_its_language() -> None:
    meta = {"interviewers": ["A", "B"], "reading-time": 3, "publisher": "P", "translated-from": "fr"}
    words = edition_metadata(meta, Interface("en"), None)
    assert words["byline"] == "Interview by A and B"
    assert words["reading-time-text"] == "Reading time: 3\u00a0min"  # the number bound to its unit
    assert words["translated-from-text"] == "Translated from French"
    assert "edition-text" not in words  # no date known, none invented


def test_the_ui_template_has_every_message_once() -> None:
    ids = [message.id for message in ui_template() if message.id]
    assert len(ids) == len(set(ids)) == len(UI_MESSAGES)


def test_interface_words_linking_to_javascript_are_refused_with_their_line() -> None:
    catalog = Catalog(locale="de")
    catalog.add("By {names}", "Von [{names}](JaVaScRiPt:alert())", lineno=12)
    interface, problems = interface_from_catalog("de", catalog, "ui.po", draft=True)
    assert interface.text("by_author", names="A") == "By A"
    assert [str(problem) for problem in problems if "expected a link" in problem.message] == [
        "ui.po:12: expected a link to the web or inside the project, found 'JaVaScRiPt:alert()'"
    ]


def german_catalog(*entries: tuple[str, str, set[str]]) -> Catalog:
    catalog = Catalog(locale="de")
    for line, (english, german, flags) in enumerate(entries, start=10):
        catalog.add(english, german, flags=flags, lineno=line)
    return catalog


@pytest.mark.parametrize(
    ("translation", "found"),
    [
        ("Interview: {namen}", "expected the placeholders of the msgid ({names}), found {namen}"),
        ("Interview", "expected the placeholders of the msgid ({names}), found none"),
        (
            "Interview: {names} {page}",
            "expected the placeholders of the msgid ({names}), found {names}, {page}",
        ),
        ("Interview: {names!r}", "expected the placeholders of the msgid ({names}), found {names!r}"),
        (
            "Interview: {names",
            "expected the placeholders of the msgid ({names}), found braces that do not pair",
        ),
    ],
    ids=["renamed", "dropped", "added", "converted", "unpaired"],
)
def test_a_release_refuses_an_interface_translation_whose_fields_differ(translation: str, found: str) -> None:
    catalog = german_catalog(("Interview by {names}", translation, set()))
    _, problems = interface_from_catalog("de", catalog, "locales/de/LC_MESSAGES/ui.po", draft=False)
    assert f"locales/de/LC_MESSAGES/ui.po:10: {found}" in [str(problem) for problem in problems]


def test_a_draft_prints_the_english_text_of_such_a_message_and_warns(
    caplog: pytest.LogCaptureFixture,
) -> None:
    catalog = german_catalog(
        ("Interview by {names}", "Interview: {namen}", set()),
        ("Page {number}", "Seite", {"fuzzy"}),  # a draft prints fuzzy translations: checked too
        ("Contents", "Inhalt", set()),
    )
    interface, _ = interface_from_catalog("de", catalog, "ui.po", draft=True)
    assert interface.text("interview_by", names="A und B") == "Interview by A und B"  # no KeyError
    assert interface.text("page", number="2") == "Page\u00a02"  # never "Seite2"
    assert interface.text("contents") == "Inhalt"
    assert sorted(record.getMessage() for record in caplog.records if record.levelname == "WARNING") == [
        "ui.po:10: expected the placeholders of the msgid ({names}), found {namen}"
        "; the draft prints the English text",
        "ui.po:11: expected the placeholders of the msgid ({number}), found none"
        "; the draft prints the English text",
    ]


def test_a_fuzzy_translation_is_refused_by_a_release_as_fuzzy_whatever_its_fields() -> None:
    catalog = german_catalog(("Page {number}", "Seite", {"fuzzy"}))
    _, problems = interface_from_catalog("de", catalog, "ui.po", draft=False)
    assert [str(problem) for problem in problems if "Page" in str(problem)] == [
        'ui.po:10: fuzzy: "Page {number}"'
    ]
