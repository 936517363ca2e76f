"""pipeline.yamltext: the YAML people edit, read strictly, every mistake at its line."""

from __future__ import annotations

import datetime

import pytest

from pipeline.errors import SourceError
from pipeline.yamltext import load_yaml


def test_plain_yaml_gives_its_data_and_its_nodes_lines() -> None:
    data, node = load_yaml("title: T\ndate: 2026-03-14\n", "a.md", 2)
    assert data == {"title": "T", "date": datetime.date(2026, 3, 14)}
    assert node is not None and [key.start_mark.line + 2 for key, _ in node.value] == [2, 3]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: 1\nb: &x [1, 2]\nc: *x\n",
            "a.md:3: expected YAML without anchors or aliases, found the anchor &x",
        ),
        ("a: 1\nb: *x\n", "a.md:3: expected YAML without anchors or aliases, found the alias *x"),
        ("a: 1\nday: 2026-02-30\n", "a.md:3: expected a date that exists, found '2026-02-30'"),
        ("a: [1\n", "a.md:3: expected YAML, found: expected ',' or ']', but got '<stream end>'"),
    ],
)
def test_anchors_aliases_impossible_dates_and_broken_syntax_are_refused_at_their_line(
    text: str, message: str
) -> None:
    with pytest.raises(SourceError) as error:
        load_yaml(text, "a.md", 2)
    assert str(error.value) == message
