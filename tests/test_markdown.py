"""pipeline.markdown: the one parser reads tables, fenced divs and any destination as pandoc does."""

from __future__ import annotations

from pipeline.markdown import markdown_parser


def test_the_parser_is_one_object_for_every_caller() -> None:
    assert markdown_parser() is markdown_parser()


def test_pipe_tables_and_fenced_divs_are_blocks() -> None:
    types = [token.type for token in markdown_parser().parse("| a |\n|---|\n| 1 |\n\n::: advice\nUn.\n:::\n")]
    assert "table_open" in types and "container_div_open" in types


def test_every_destination_is_a_link_kept_as_written() -> None:
    (inline,) = [
        token for token in markdown_parser().parse("[a](javascript:x()) [b](<a é>)") if token.children
    ]
    hrefs = [child.attrGet("href") for child in inline.children or [] if child.type == "link_open"]
    assert hrefs == ["javascript:x()", "a é"]
