"""pipeline.render.pandoc: Markdown + metadata → pandoc's output, with no raw HTML let through."""

from __future__ import annotations

import json

import pytest

from pipeline.errors import RenderError
from pipeline.render import pandoc
from pipeline.render.pandoc import run_pandoc, run_pandoc_document


def html_of(body: str) -> str:
    return run_pandoc({"title": "t"}, body, ["-t", "html5"], "outputs/x.html").decode("utf-8")


def test_markdown_becomes_html() -> None:
    assert html_of("Ein *Wort*.\n") == "<p>Ein <em>Wort</em>.</p>\n"


def test_raw_html_in_the_input_comes_out_as_text() -> None:
    html = html_of('Vorher <script>alert("x")</script> nachher.\n\n<div onclick="x()">Block</div>\n')
    assert "<script>" not in html and "<div onclick" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;div onclick=" in html


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("a <img src=x onerror=alert(1)> b", "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>"),
        ("a <!-- note --> b", "<p>a &lt;!-- note --&gt; b</p>"),
        ("<!-- note\non two lines -->", "<p>&lt;!-- note on two lines --&gt;</p>"),
        (
            '<iframe src="https://a.example/"></iframe>',
            '<p>&lt;iframe src="https://a.example/"&gt;&lt;/iframe&gt;</p>',
        ),
        ("<style>p { color: red }</style>", "<p>&lt;style&gt;p { color: red }&lt;/style&gt;</p>"),
        ("```{=html}\n<b>x</b>\n```", '<pre class="{=html}"><code>&lt;b&gt;x&lt;/b&gt;</code></pre>'),
        ("a `<b>`{=html} b", "<p>a <code>&lt;b&gt;</code>{=html} b</p>"),
    ],
    ids=["attribute", "comment", "block comment", "iframe", "style", "raw block", "raw inline"],
)
def test_raw_markup_of_every_kind_is_shown_as_typed(markdown: str, shown: str) -> None:
    assert html_of(markdown + "\n").strip() == shown


def test_raw_html_in_the_front_matter_is_text_too() -> None:
    page = run_pandoc({"title": "T <script>x()</script>"}, "x\n", ["-t", "html5", "-s"], "outputs/x.html")
    assert "<title>T &lt;script&gt;x()&lt;/script&gt;</title>" in page.decode("utf-8")
    assert "<script>" not in page.decode("utf-8")


def test_only_the_layouts_attributes_are_kept() -> None:
    html = html_of(
        '[a]{.name onclick="x()" lang=de style="position: fixed"} ![c](i.png){alt="d" onerror=x}\n'
    )
    assert html.strip() == '<p><span class="name" lang="de">a</span> <img src="i.png" alt="d" /></p>'


def test_front_matter_reaches_pandoc_as_metadata() -> None:
    done = run_pandoc({"title": "Żółw & co"}, "x\n", ["-t", "html5", "-s"], "outputs/x.html")
    assert "<title>Żółw &amp; co</title>" in done.decode("utf-8")


def test_a_pandoc_failure_names_the_output() -> None:
    with pytest.raises(RenderError, match=r"^outputs/x\.html: pandoc failed: .*nosuchformat"):
        run_pandoc({}, "x\n", ["-t", "nosuchformat"], "outputs/x.html")


def test_a_missing_pandoc_names_the_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pandoc, "pandoc_path", lambda: "/nonexistent/pandoc")
    with pytest.raises(RenderError, match=r"^outputs/x\.html: expected pandoc to run, found: "):
        run_pandoc({}, "x\n", ["-t", "html5"], "outputs/x.html")


def test_a_colon_paragraph_after_a_table_is_its_caption() -> None:
    html = html_of("| a |\n|--:|\n| 1 |\n\n: Les *projets*\n\nUn paragraphe.\n")
    assert "<caption>Les <em>projets</em></caption>" in html
    assert "</table>\n<p>Un paragraphe.</p>" in html
    assert "<caption>" not in html_of("| a |\n|--:|\n| 1 |\n\nUn paragraphe : sans légende.\n")


def test_a_document_pandoc_wrote_as_json_is_read_back_through_the_same_filter() -> None:
    document = json.loads(run_pandoc({"title": "t"}, "Ein *Wort*.\n", ["-t", "json"], "outputs/x.html"))
    # Raw markup put into the document by hand still comes out as the text that was typed.
    document["blocks"].append({"t": "RawBlock", "c": ["html", "<script>x()</script>"]})
    html = run_pandoc_document(document, ["-t", "html5"], "outputs/x.html").decode("utf-8")
    assert html == "<p>Ein <em>Wort</em>.</p>\n<p>&lt;script&gt;x()&lt;/script&gt;</p>\n"
