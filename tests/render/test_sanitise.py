"""pipeline.render.sanitise: the allow-list keeps what pandoc and our templates write, byte for byte,
and takes out what a page or a book must never carry."""

from __future__ import annotations

import io
import zipfile

import pytest
from defusedxml import ElementTree

from pipeline.render.pandoc import run_pandoc
from pipeline.render.sanitise import Sanitised, sanitise_fragment, sanitise_page, sanitise_xhtml

from ..project import ROOT

#: Markdown that makes pandoc write most of what it can: tables, footnotes, code, lists, figures.
EVERYTHING = """\
# Titre {#t .c}

Une note[^1], ~~barré~~, H~2~O, x^2^, `code`, *em*, **fort**, [lien](https://a.fr "titre"),
<https://b.fr>, <a@b.fr>, [un nom]{.name lang=de}, [relatif](guide.md#partie).

| Gauche | Droite | Centre |
|:-------|-------:|:------:|
| a      | b      | c      |

Terme
: définition

```python
print("x")
```

> Citation

3. trois
4. quatre

---

![Légende](data:image/png;base64,iVBORw0KGgo=){alt="Texte"}

::: advice
Conseil
:::

[^1]: La note.
"""


@pytest.mark.parametrize(
    "arguments",
    [
        ["-t", "html5", "-s", "--toc", "--section-divs", "--wrap=none"],
        ["-t", "html5", f"--template={ROOT / 'templates' / 'article.html'}", "--toc", "--section-divs"],
    ],
    ids=["pandoc's page", "our page"],
)
def test_what_pandoc_writes_from_markdown_comes_back_byte_for_byte(arguments: list[str]) -> None:
    page = run_pandoc({"title": "T", "lang": "fr"}, EVERYTHING, arguments, "x.html").decode("utf-8")
    assert sanitise_page(page) == Sanitised(page)


def test_every_document_of_pandoc_s_book_comes_back_byte_for_byte() -> None:
    epub = run_pandoc({"title": "T", "lang": "fr"}, EVERYTHING, ["-t", "epub3", "--toc"], "x.epub")
    with zipfile.ZipFile(io.BytesIO(epub)) as book:
        documents = [book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xhtml")]
    assert len(documents) >= 3
    assert [sanitise_xhtml(document).removed for document in documents] == [()] * len(documents)


@pytest.mark.parametrize(
    ("fragment", "kept", "removed"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>", ("<script>",)),
        ('<iframe src="https://evil.example/"></iframe>', "", ("<iframe>",)),
        ('<img src="x" onerror="alert(1)">', '<img src="x">', ('<img onerror="alert(1)">',)),
        ("<p>a<!-- hidden -->b</p>", "<p>ab</p>", ("<!-- hidden -->",)),
        ("<style>p{display:none}</style>", "", ("<style>",)),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>", ('<a href="javascript:alert(1)">',)),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>", ('<a href="JaVaScRiPt:alert(1)">',)),
        ('<a href="java\tscript:alert(1)">x</a>', "<a>x</a>", ('<a href="java\tscript:alert(1)">',)),
        ('<a href="vbscript:x">x</a>', "<a>x</a>", ('<a href="vbscript:x">',)),
        ('<a href="data:text/html,x">x</a>', "<a>x</a>", ('<a href="data:text/html,x">',)),
        ('<img src="data:text/html,x">', "<img>", ('<img src="data:text/html,x">',)),
        ('<span style="position: fixed">x</span>', "<span>x</span>", ('<span style="position: fixed">',)),
        ('<form action="https://a.fr"><input name="q"></form>', "<input>", ("<form>", '<input name="q">')),
        ('<svg><a href="x">y</a></svg>', "", ("<a>", "<svg>")),  # foreign content goes whole
    ],
)
def test_what_must_never_reach_a_reader_is_taken_out_and_named(
    fragment: str, kept: str, removed: tuple[str, ...]
) -> None:
    cleaned = sanitise_fragment(fragment)
    assert (cleaned.html, cleaned.removed) == (kept, removed)


def test_only_the_body_of_a_page_is_sanitised() -> None:
    head = "<!DOCTYPE html>\n<html>\n<head>\n<style>p { color: red }</style>\n</head>\n"
    page = head + '<body class="draft">\n<p onclick="x()">Texte</p>\n</body>\n</html>\n'
    cleaned = sanitise_page(page)
    assert cleaned.html == head + '<body class="draft">\n<p>Texte</p>\n</body>\n</html>\n'
    assert cleaned.removed == ('<p onclick="x()">',)


def test_an_e_book_document_stays_xhtml_when_something_is_taken_out() -> None:
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops">\n<head><title>t</title></head>\n'
        '<body epub:type="bodymatter">\n<section epub:type="chapter"><p>a &amp; b<br />'
        '<script>x()</script><img src="i.png" alt="c" /></p></section>\n</body>\n</html>\n'
    )
    cleaned = sanitise_xhtml(document)
    assert cleaned.removed == ("<script>",)
    assert (
        '<section epub:type="chapter"><p>a &amp; b<br /><img alt="c" src="i.png" /></p></section>'
        in cleaned.html
    )
    ElementTree.fromstring(cleaned.html.encode("utf-8"))  # well-formed XML still


def test_a_page_without_a_body_is_sanitised_whole() -> None:
    assert sanitise_page("<p>a</p><script>x()</script>").html == "<p>a</p>"


@pytest.mark.parametrize(
    "srcset",
    ["javascript:alert(1) 800w", "https://example.org/x.jpg 800w", "data:image/png;base64,AA 1w", "a.jpg 2x"],
)
def test_an_image_s_srcset_is_kept_only_as_the_page_s_own_files(srcset: str) -> None:
    kept = sanitise_fragment('<img src="a.jpg" srcset="../images/a-800-1f.jpg 800w" alt="">')
    assert kept.removed == ()
    page = sanitise_fragment(f'<img src="a.jpg" srcset="{srcset}" alt="">')
    assert "srcset" not in page.html
