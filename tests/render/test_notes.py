"""pipeline.render.notes: pandoc's notes as footnotes on paper and as noted asides in the e-book."""

from __future__ import annotations

from pipeline.render.notes import NOTE_ELEMENT, epub_notes, print_footnotes
from pipeline.render.pandoc import run_pandoc

MARKDOWN = """\
Un mot[^1] et un autre[^b].

[^1]: Une *note*.
[^b]: Une note en deux paragraphes.

    Le second.
"""


def html_of(markdown: str) -> str:
    return run_pandoc({"title": "T"}, markdown, ["-t", "html5"], "test").decode("utf-8")


def test_each_note_is_set_at_its_reference_and_the_notes_section_goes() -> None:
    page = print_footnotes(html_of(MARKDOWN))
    assert page.startswith(
        f'<p>Un mot<{NOTE_ELEMENT} id="fn1">Une <em>note</em>.</{NOTE_ELEMENT}> et un autre'
        f'<{NOTE_ELEMENT} id="fn2">Une note en deux paragraphes.<br />Le second.</{NOTE_ELEMENT}>.</p>'
    )
    assert "footnotes" not in page and "footnote-back" not in page and "↩" not in page


def test_a_page_without_notes_is_left_as_it_is() -> None:
    page = html_of("Un mot[1] et [un lien](https://a.fr).\n")
    assert print_footnotes(page) == page


def test_each_e_book_note_opens_with_its_number_linking_back_to_its_call() -> None:
    xhtml = (
        '<p>Un mot<a href="#fn1" class="footnote-ref" id="fnref1" epub:type="noteref" '
        'role="doc-noteref">1</a>.</p>\n'
        '<section id="footnotes" class="footnotes footnotes-end-of-document" epub:type="footnotes">\n<hr />\n'
        '<aside epub:type="footnote" role="doc-footnote" id="fn1">\n'
        "<p>Une note.</p>\n<p>Suite.</p>\n</aside>\n"
        "</section>\n"
    )
    assert epub_notes(xhtml) == xhtml.replace(
        "<p>Une note.", '<p><a href="#fnref1" class="footnote-back" role="doc-backlink">1</a>. Une note.'
    )
    assert epub_notes("<p>Sans note.</p>") == "<p>Sans note.</p>"


def test_the_print_stylesheets_number_notes_from_one_in_each_article() -> None:
    import io

    from pypdf import PdfReader
    from weasyprint import CSS, HTML

    from ..project import ROOT

    article = '<main class="article"><p>Un{0}<{1}>note {0}a</{1}> deux<{1}>note {0}b</{1}>.</p></main>'
    page = "<html><body>" + "".join(article.format(name, NOTE_ELEMENT) for name in "AB") + "</body></html>"
    for sheet in ("brochure.css", "jumelage.css"):
        css = CSS(filename=str(ROOT / "assets" / "css" / sheet), media_type="print")
        pdf = PdfReader(io.BytesIO(HTML(string=page).write_pdf(stylesheets=[css])))
        text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
        assert "1. note Aa 2. note Ab" in text and "1. note Ba 2. note Bb" in text, (sheet, text)
