"""Translated Markdown + image bytes → Markdown whose figures pandoc sets with caption, alt text and image.

In an article a figure is an image alone in its paragraph, its caption as
the image's title: ``![alt text](images/x.png "Caption")``. pandoc would
take the alt text for the caption, so each figure is rewritten
``![Caption](data:…){alt="alt text"}``: pandoc's implicit figure then
gives ``<figure><img alt="alt text"><figcaption>Caption</figcaption>``.
An image without a caption stays an image (an empty caption makes no figure).

The image travels inside the text as a ``data:`` URI: pandoc runs sandboxed
and reads no file, WeasyPrint reads only the outputs folder, and the EPUB
writer stores a data URI's bytes as a file of the book. So every format
gets the same bytes from one value, and nothing needs copying beside a page.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Mapping
from pathlib import PurePosixPath

from pipeline.errors import RenderError
from pipeline.inline import plain_text
from pipeline.markdown import markdown_parser

#: The media type of an image, by its file's extension.
MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}

# The alt text may hold balanced brackets ("[…]", as pseudo-localisation writes), one level deep.
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r'\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+"(?P<caption>(?:[^"\\]|\\.)*)")?\s*\)'
)


def image_sources(body: str) -> list[str]:
    """The files the body's images name, each once, in order of appearance.

    >>> image_sources('![a](images/x.png "X")\\n\\nVoir ![b](images/y.jpg) et ![c](images/x.png).')
    ['images/x.png', 'images/y.jpg']
    """
    return list(dict.fromkeys(match.group("src") for match in _IMAGE.finditer(body)))


#: The media type of an image by the bytes it opens with: a fitted photo may be a JPEG named .png.
_SIGNATURES = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG", "image/png"), (b"GIF8", "image/gif"))


def data_uri(source: str, data: bytes) -> str:
    """An image's bytes as a ``data:`` URI, typed by its bytes, else by its file's extension.

    >>> data_uri("images/x.png", b"\\xff\\xd8\\xff\\xe0")[:30]
    'data:image/jpeg;base64,/9j/4A='
    """
    found = [kind for signature, kind in _SIGNATURES if data.startswith(signature)]
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        found.append("image/webp")
    media_type = found[0] if found else MEDIA_TYPES[PurePosixPath(source).suffix.lower()]
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def embed_figures(body: str, images: Mapping[str, bytes], display: str) -> str:
    """Rewrite each image with its bytes, and each captioned image alone in its paragraph as a figure.

    ``images`` maps a source as written (``images/x.png``) to its bytes; an
    image the mapping lacks, or of a type no format can show, is an error.

    >>> embed_figures('![Une frise](a.png "La *légende*")', {"a.png": b"P"}, "x")
    '![La *légende*](data:image/png;base64,UA==){alt="Une frise"}'
    """
    lines = body.split("\n")
    # An image the pattern below misses would keep its file name and show nowhere: refuse it instead.
    parsed = sum(
        child.type == "image" for token in markdown_parser().parse(body) for child in token.children or []
    )
    if parsed != sum(len(_IMAGE.findall(line)) for line in lines):
        form = '![alt](file "caption")'
        raise RenderError(
            display, None, f"expected each image written {form} on one line, found another form"
        )
    for index, line in enumerate(lines):
        if "![" not in line:
            continue
        rewrite = functools.partial(
            _rewrite, images=images, display=display, alone=_IMAGE.fullmatch(line.strip()) is not None
        )
        lines[index] = _IMAGE.sub(rewrite, line)
    return "\n".join(lines)


def _rewrite(match: re.Match[str], images: Mapping[str, bytes], display: str, alone: bool) -> str:
    source, alt, caption = match.group("src"), match.group("alt"), match.group("caption")
    if source not in images:
        raise RenderError(display, None, f"expected the image file {source!r} beside the article, found none")
    if PurePosixPath(source).suffix.lower() not in MEDIA_TYPES:
        known = ", ".join(MEDIA_TYPES)
        raise RenderError(display, None, f"expected an image of type {known}, found {source!r}")
    uri = data_uri(source, images[source])
    if not alone:
        return f"![{alt}]({uri})"
    text = caption.replace('\\"', '"') if caption else ""
    return f'![{text}]({uri}){{alt="{_attribute(plain_text(alt))}"}}'


def _attribute(text: str) -> str:
    """Text as the value of a pandoc attribute between double quotes."""
    return text.replace("&", "&amp;").replace('"', "&quot;")
