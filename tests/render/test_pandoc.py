"""pipeline.render.pandoc: Markdown + metadata → pandoc's output, with no raw HTML let through."""

from __future__ import annotations

import pytest

from pipeline.errors import RenderError
from pipeline.render import pandoc
from pipeline.render.pandoc import run_pandoc


def html_of(body: str) -> str:
    return run_pandoc({"title": "t"}, body, ["-t", "html5"], "outputs/x.html").decode("utf-8")


def test_markdown_becomes_html() -> None:
    assert html_of("Ein *Wort*.\n") == "<p>Ein <em>Wort</em>.</p>\n"


@pytest.mark.xfail(
    strict=True,
    reason="pandoc's commonmark reader ignores -raw_html (jgm/pandoc#8305): raw HTML passes through; "
    "apply's markup check is what keeps it out of translations",
)
def test_raw_html_in_the_input_comes_out_as_text() -> None:
    html = html_of('Vorher <script>alert("x")</script> nachher.\n\n<div onclick="x()">Block</div>\n')
    assert "<script>" not in html and "<div onclick" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;div onclick=" in html


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
