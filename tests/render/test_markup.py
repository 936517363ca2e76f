"""HTML edited in place: what the parser finds, and that an edit leaves every other byte as it was."""

from __future__ import annotations

from pipeline.render import markup
from pipeline.render.hyphenation import mark_loose, mark_unhyphenated


def test_a_nested_table_is_one_element_inside_another() -> None:
    page = "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table><p>x</p>"
    tables = markup.elements(page, {"table"})
    assert [(table.start, table.end) for table in tables] == [(0, 67), (15, 49)]
    assert tables[1].parent is tables[0]


def test_a_greater_than_sign_in_an_attribute_or_a_comment_is_not_the_end_of_a_tag() -> None:
    page = '<p title="a > b">un</p><!-- <p> > --><p>deux</p>'
    assert [page[tag.start : tag.end] for tag in markup.start_tags(page, {"p"})] == [
        '<p title="a > b">',
        "<p>",
    ]
    assert [page[start:end] for start, end in markup.text_runs(page)] == ["un", "deux"]


def test_a_run_of_text_keeps_its_entities_as_written() -> None:
    page = "<p>Fish &amp; chips&#8239;!</p>"
    assert [page[start:end] for start, end in markup.text_runs(page)] == ["Fish &amp; chips&#8239;!"]


def test_classes_are_rewritten_in_their_place_and_the_other_attributes_kept() -> None:
    page = '<p id="a" class="lead" data-x="&quot;">'
    tag = markup.start_tags(page, {"p"})[0]
    assert (
        markup.with_classes(tag, ["lead", "tight", "lead"]) == '<p id="a" class="lead tight" data-x="&quot;">'
    )
    plain = markup.start_tags("<li>", {"li"})[0]
    assert markup.with_classes(plain, ["ragged"]) == '<li class="ragged">'


def test_mark_loose_counts_paragraphs_not_text_that_looks_like_one() -> None:
    page = '<body><!-- <p> --><p title="<p>">a</p><li class="tight">b</li><p>c</p></body>'
    assert mark_loose(page, [0, 1, 2]) == (
        '<body><!-- <p> --><p title="&lt;p&gt;" class="tight">a</p><li class="tight ragged">b</li>'
        '<p class="tight">c</p></body>'
    )


def test_mark_unhyphenated_touches_only_the_body_text() -> None:
    page = (
        '<head><title>Partenariat</title></head><body class="x"><p title="Partenariat">Partenariat</p></body>'
    )
    assert mark_unhyphenated(page, ["Partenariat"]) == (
        '<head><title>Partenariat</title></head><body class="x">'
        '<p title="Partenariat"><span class="nohyphen">Partenariat</span></p></body>'
    )
