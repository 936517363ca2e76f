"""pipeline.render.metadata: front matter + interface words → byline, reading time, colophon."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.render.metadata import css_string, edition_metadata, markdown_words
from pipeline.render.pandoc import run_pandoc
from pipeline.render.ui import Interface


def test_the_byline_lists_the_interviewers_the_way_the_language_does() -> None:
    meta = {"interviewers": ["Anna", "Jan", "Eva"]}
    # The en catalogs are British English: no serial comma; a US edition has one.
    assert edition_metadata(meta, Interface("en"), None)["byline"] == "Interview by Anna, Jan and Eva"
    assert edition_metadata(meta, Interface("en-US"), None)["byline"] == "Interview by Anna, Jan, and Eva"
    german = Interface("de", {"Interview by {names}": "Interview: {names}"})
    assert edition_metadata(meta, german, None)["byline"] == "Interview: Anna, Jan und Eva"


@pytest.mark.parametrize("meta", [{}, {"interviewers": []}, {"interviewers": None}])
def test_no_interviewers_no_byline(meta: dict[str, object]) -> None:
    assert "byline" not in edition_metadata(meta, Interface("en"), None)


def test_the_reading_time_is_a_number_of_the_language() -> None:
    words = edition_metadata({"reading-time": 1234}, Interface("de"), None)
    assert "1.234" in words["reading-time-text"]


@pytest.mark.parametrize("minutes", [0, -3, "5", 2.5])
def test_a_reading_time_that_is_not_a_positive_whole_number_is_left_out(minutes: object) -> None:
    assert "reading-time-text" not in edition_metadata({"reading-time": minutes}, Interface("en"), None)


@pytest.mark.parametrize(
    ("lang", "date"),
    [
        ("en", "25 November 2026"),  # the en catalogs are British English (en_GB)
        ("en-GB", "25 November 2026"),  # Exeter's edition
        ("en-IE", "25 November 2026"),  # Cork's
        ("en-US", "November 25, 2026"),  # Rochester's
        ("de", "25. November 2026"),
        ("pl", "25 listopada 2026"),
    ],
)
def test_the_edition_date_is_formatted_by_cldr_in_the_catalogs_locale(lang: str, date: str) -> None:
    words = edition_metadata({}, Interface(lang), datetime(2026, 11, 25, tzinfo=UTC))
    # Babel 2.19's CLDR binds "November 25" with a no-break space, 2.18's does not (issue 14 pins versions).
    assert date in words["edition-text"].replace("\u00a0", " ").replace("\u202f", " ")


def test_plain_title_and_lead_lose_their_markup() -> None:
    words = edition_metadata(
        {"title": "Un *mot*", "lead": "Voir [ici](https://example.org)."}, Interface("fr"), None
    )
    assert words["title-plain"] == "Un mot"
    assert words["lead-plain"] == "Voir ici."


def test_every_interface_word_without_a_field_is_given_to_the_templates() -> None:
    ui = edition_metadata({}, Interface("en"), None)["ui"]
    assert ui["contents"] == "Contents"
    assert all("{" not in text for text in ui.values())


def test_a_css_string_keeps_to_one_line() -> None:
    assert css_string("a\nb") == '"a b"'


@pytest.mark.parametrize(
    ("meta", "kicker"),
    [({"interviewee": "A"}, "Interview"), ({}, "Report"), ({"kind": "news", "author": "A"}, "News")],
)
def test_the_kicker_comes_from_the_kind(meta: dict[str, object], kicker: str) -> None:
    assert edition_metadata(meta, Interface("en"), None)["kicker"] == kicker


def test_an_interview_credits_the_interviewee_as_such_and_its_interviewers_as_its_writers() -> None:
    meta = {"interviewee": "Simon", "interviewers": ["Alan", "Martin"], "publisher": "Asso"}
    words = edition_metadata(meta, Interface("en"), None)
    assert words["interviewee-text"] == "An interview with Simon"
    assert words["byline"] == "Interview by Alan and Martin"
    assert words["author"] == "Alan and Martin"  # never the interviewee, never the publisher


def test_a_report_is_by_its_author_in_the_language_s_words() -> None:
    polish = Interface("pl", {"By {names}": "Tekst: {names}"})
    words = edition_metadata({"author": ["Anna", "Jan"]}, polish, None)
    assert words["byline"] == "Tekst: Anna i\u00a0Jan"  # a one-letter conjunction binds to the next word
    assert words["author"] == "Anna i Jan"


def test_absent_fields_leave_no_key_for_a_template_to_print_empty() -> None:
    words = edition_metadata({"title": "T"}, Interface("en"), None)
    for key in ("byline", "interviewee-text", "subtitle-plain", "date-text", "image-credits-text"):
        assert key not in words
    assert words["author"] == ""


def test_the_article_s_date_and_image_credits_are_printed_in_the_language() -> None:
    meta = {"date": datetime(2026, 3, 14).date(), "image-credits": "Rennes Métropole"}
    words = edition_metadata(meta, Interface("de", {"Images: {credits}": "Bilder: {credits}"}), None)
    assert words["date-text"] == "14. März 2026"
    assert words["image-credits-text"] == "Bilder: Rennes Métropole"


#: The locales a date is printed in: each catalog language and Rochester's region.
DATE_LOCALES = ("fr", "en", "en-US", "de", "pl", "cs")


@pytest.mark.parametrize("lang", DATE_LOCALES)
def test_a_date_keeps_its_day_in_every_language_on_the_first_of_each_month(lang: str) -> None:
    """German and Czech dates open on the day and a full stop ("1. Januar 2026"), which Markdown, as
    pandoc reads the metadata, took for a list numbered 1: the day was lost (issue 26)."""
    interface = Interface(lang)
    days = [datetime(2026, month, 1, tzinfo=UTC) for month in range(1, 13)]
    days.append(datetime(2026, 10, 14, tzinfo=UTC))
    printed = [edition_metadata({"date": day.date()}, interface, None)["date-text"] for day in days]
    template = Path(__file__).parent / "dates.html"
    html = run_pandoc(
        {"dates": [markdown_words({"date-text": text})["date-text"] for text in printed]},
        "",
        ["-t", "html5", f"--template={template}"],
        "dates",
    ).decode("utf-8")
    assert html.split("\n")[: len(days)] == printed
    for day, text in zip(days, printed, strict=True):
        assert re.search(rf"(?<!\d){day.day}(?!\d)", text) and "2026" in text, text
