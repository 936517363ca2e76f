"""pipeline.front_matter: the schema of the fields, each refused at its line; kinds, names, YAML back."""

from __future__ import annotations

import datetime

import pytest

from pipeline.errors import SourceError
from pipeline.front_matter import article_kind, join_document, names_of, parse_front_matter


@pytest.mark.parametrize(
    ("front", "kind"),
    [
        ("interviewee: A. B.\n", "interview"),
        ("author: A. B.\n", "report"),
        ("", "report"),
        ("kind: news\ninterviewee: A. B.\n", "news"),
    ],
)
def test_the_kind_is_given_or_follows_from_the_fields_present(front: str, kind: str) -> None:
    meta, _ = parse_front_matter(f"title: T\nlang: fr\n{front}", "a.md")
    assert article_kind(meta) == kind


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("kind: Interview\n", "a.md:4: expected a kind among interview, report, news, found 'Interview'"),
        ("interviewers: []\n", "a.md:4: expected 'interviewers' to be a name or a list of names, found []"),
        ("author: 3\n", "a.md:4: expected 'author' to be a name or a list of names, found 3"),
        ("date: 14 mars\n", "a.md:4: expected 'date' to be a date such as 2026-03-14, found '14 mars'"),
        ("date: 2026-02-30\n", "a.md:4: expected a date that exists, found '2026-02-30'"),
        (
            "author: &a Ana\ninterviewers: *a\n",
            "a.md:4: expected valid YAML front matter without anchors or aliases, found the anchor &a",
        ),
    ],
)
def test_a_bad_kind_or_name_field_is_reported_at_its_line(front: str, message: str) -> None:
    with pytest.raises(SourceError) as error:
        parse_front_matter(f"title: T\nlang: fr\n{front}", "a.md")
    assert str(error.value) == message


def test_each_field_has_its_line_in_the_file() -> None:
    meta, lines = parse_front_matter(
        "title: T\nlang: fr\ninterviewers:\n  - A\n  - B\ndate: 2026-03-14\n", "a.md"
    )
    assert lines == {"title": 2, "lang": 3, "interviewers": 4, "date": 7}
    assert names_of(meta, "interviewers") == ["A", "B"] and meta["date"] == datetime.date(2026, 3, 14)


def test_joined_fields_read_back_the_same() -> None:
    meta = {"title": "Un « titre » : long", "lang": "fr", "interviewers": ["A", "B"]}
    text = join_document(meta, "\nCorps.\n")
    assert text.startswith("---\n") and text.endswith("---\n\nCorps.\n")
    front = text.removeprefix("---\n").split("---\n")[0]
    assert parse_front_matter(front, "a.md")[0] == meta
