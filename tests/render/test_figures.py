"""pipeline.render.figures: Markdown + image bytes → figures pandoc sets with caption and alt text."""

from __future__ import annotations

import re

import pytest

from pipeline.errors import RenderError
from pipeline.render.figures import WebImage, embed_figures, image_sources, linked_images
from pipeline.render.pandoc import KEPT_ATTRIBUTES, run_pandoc
from pipeline.render.sanitise import sanitise_page

PNG = b"\x89PNG\r\n\x1a\n"


def test_a_captioned_image_alone_in_its_paragraph_becomes_a_figure_with_its_alt_text() -> None:
    body = embed_figures(
        '![Une frise, de 1956 à 1998](images/x.png "La *légende*")', {"images/x.png": PNG}, "x"
    )
    html = run_pandoc({"title": "T"}, body, ["-t", "html5"], "x").decode("utf-8")
    assert "<figure>" in html
    assert 'alt="Une frise, de 1956 à 1998"' in html
    assert "<figcaption>La <em>légende</em></figcaption>" in html
    assert 'src="data:image/png;base64,' in html


def test_quotes_and_markup_in_the_alt_text_stay_plain_text_in_the_attribute() -> None:
    body = embed_figures('![Le *mot* "juste" & co](a.png "Légende")', {"a.png": PNG}, "x")
    html = run_pandoc({"title": "T"}, body, ["-t", "html5"], "x").decode("utf-8")
    assert 'alt="Le mot &quot;juste&quot; &amp; co"' in html


def test_an_image_without_a_caption_or_inside_a_sentence_is_no_figure() -> None:
    body = embed_figures("![Seule](a.png)\n\nVoir ![ici](a.png) aussi.", {"a.png": PNG}, "x")
    html = run_pandoc({"title": "T"}, body, ["-t", "html5"], "x").decode("utf-8")
    assert "<figure>" not in html
    assert html.count('src="data:image/png;base64,') == 2


def test_an_escaped_quote_in_a_caption_comes_back_as_a_quote() -> None:
    body = embed_figures('![a](a.png "Le \\"bon\\" mot")', {"a.png": PNG}, "x")
    assert body.startswith('![Le "bon" mot](data:image/png')


def test_a_missing_image_is_an_error_that_names_it() -> None:
    with pytest.raises(RenderError, match=re.escape("'images/absent.png'")):
        embed_figures('![a](images/absent.png "b")', {}, "outputs/fr/a.html")


def test_an_image_type_no_format_shows_is_an_error() -> None:
    with pytest.raises(RenderError, match="expected an image of type"):
        embed_figures('![a](images/x.tiff "b")', {"images/x.tiff": b"II*"}, "x")


def test_the_sources_are_listed_once_in_order() -> None:
    assert image_sources('![a](b.png "c")\n\n![d](e.jpg)\n\n![f](b.png)') == ["b.png", "e.jpg"]


def test_an_alt_text_in_brackets_as_pseudo_localisation_writes_it_is_still_a_figure() -> None:
    body = embed_figures('![[Ŝîx ·····]](a.png "[Çáptîõñ ··]")', {"a.png": PNG}, "x")
    assert body.startswith("![[Çáptîõñ ··]](data:image/png;base64,")
    assert body.endswith('{alt="[Ŝîx ·····]"}')


def test_an_image_in_a_form_the_figures_do_not_read_is_an_error_not_a_broken_link() -> None:
    with pytest.raises(RenderError, match="on one line"):
        embed_figures("![Une\nfrise](a.png)", {"a.png": PNG}, "x")


def test_a_web_page_s_figure_links_its_files_with_their_widths_its_size_and_lazy_loading() -> None:
    image = WebImage((("../images/x-800-ab.jpg", 800), ("../images/x-1600-cd.jpg", 1600)), 533)
    body = embed_figures('![Une frise](images/x.png "Légende")', {"images/x.png": image}, "x")
    html = run_pandoc({"title": "T"}, body, ["-t", "html5"], "x").decode("utf-8")
    assert {"srcset", "sizes", "loading", "width", "height"} <= set(KEPT_ATTRIBUTES)
    page = sanitise_page(html)
    assert page.removed == ()
    (img,) = re.findall(r"<img [^>]*>", page.html.replace("\n", " "))
    assert 'src="../images/x-800-ab.jpg"' in img
    assert 'srcset="../images/x-800-ab.jpg 800w, ../images/x-1600-cd.jpg 1600w"' in img
    assert 'width="800" height="533"' in img and 'loading="lazy"' in img and 'alt="Une frise"' in img
    assert linked_images(page.html) == ["../images/x-800-ab.jpg", "../images/x-1600-cd.jpg"]


def test_an_svg_on_a_web_page_is_one_file_at_its_own_size() -> None:
    body = embed_figures(
        "![Plan](images/p.svg)", {"images/p.svg": WebImage((("../images/p-0-ab.svg", 0),), 0)}, "x"
    )
    assert body == '![](../images/p-0-ab.svg){alt="Plan" loading="lazy" decoding="async"}'
