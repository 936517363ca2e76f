"""pipeline.render.metadata: front matter + interface words → byline, reading time, colophon."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.render.metadata import css_string, edition_metadata
from pipeline.render.ui import Interface


def test_the_byline_lists_the_interviewers_the_way_the_language_does() -> None:
    meta = {"interviewers": ["Anna", "Jan", "Eva"]}
    assert edition_metadata(meta, Interface("en"), None)["byline"] == "Interview by Anna, Jan, and Eva"
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


def test_the_edition_date_is_formatted_by_cldr() -> None:
    words = edition_metadata({}, Interface("en"), datetime(2026, 11, 25, tzinfo=UTC))
    assert "November 25, 2026" in words["edition-text"]


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
