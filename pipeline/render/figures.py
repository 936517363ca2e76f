"""Translated Markdown + image bytes → Markdown whose figures pandoc sets with caption, alt text and image.

In an article a figure is an image alone in its paragraph, its caption as
the image's title: ``![alt text](images/x.png "Caption")``. pandoc would
take the alt text for the caption, so each figure is rewritten
``![Caption](data:…){alt="alt text"}``: pandoc's implicit figure then
gives ``<figure><img alt="alt text"><figcaption>Caption</figcaption>``.
An image without a caption stays an image (an empty caption makes no figure).

In the e-book and the brochures the image travels inside the text as a
``data:`` URI: pandoc runs sandboxed and reads no file, and the EPUB writer
stores a data URI's bytes as a file of the book. A web page instead links
its image's files (a :class:`WebImage`): a ``srcset`` of widths, its size
stated (no reflow as it arrives) and loaded lazily, so that a reader
downloads the one width their screen shows, when they reach it.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from pipeline.errors import RenderError
from pipeline.inline import plain_text
from pipeline.markdown import markdown_parser
from pipeline.render import markup

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


#: The width a web page's column takes at most (``body`` in jumelage.css: 38rem), for ``sizes``.
WEB_SIZES = "(min-width: 38rem) 38rem, 100vw"


@dataclass(frozen=True)
class WebImage:
    """An image as a web page links it: its files, each with its width in pixels, narrowest first."""

    files: tuple[tuple[str, int], ...]
    """Each file's address from the page, and its width."""
    height: int
    """The narrowest file's height (with its width, the page reserves the image's place)."""

    def attributes(self) -> str:
        """The image's pandoc attributes after its alt text: size, ``srcset`` and lazy loading.

        >>> WebImage((("a-800.jpg", 800),), 600).attributes()
        ' width="800" height="600" loading="lazy" decoding="async"'
        >>> WebImage((("a-800.jpg", 800), ("a-1600.jpg", 1600)), 600).attributes().split(" sizes")[0]
        ' width="800" height="600" srcset="a-800.jpg 800w, a-1600.jpg 1600w"'
        """
        width = self.files[0][1]
        if not width:  # an SVG: its own size
            return ' loading="lazy" decoding="async"'
        srcset = ", ".join(f"{href} {size}w" for href, size in self.files)
        offered = f' srcset="{srcset}" sizes="{WEB_SIZES}"' if len(self.files) > 1 else ""
        return f' width="{width}" height="{self.height}"{offered} loading="lazy" decoding="async"'


def linked_images(page: str) -> list[str]:
    """The files a web page's images link (``src`` and ``srcset``), each once; not ``data:`` ones.

    >>> linked_images('<img src="a-800.png" srcset="a-800.png 800w, a-1600.png 1600w"><img src="data:,">')
    ['a-800.png', 'a-1600.png']
    """
    found: list[str] = []
    for tag in markup.start_tags(page, {"img"}):
        found.append(tag.attributes.get("src") or "")
        found += [item.split()[0] for item in (tag.attributes.get("srcset") or "").split(",") if item.strip()]
    return [href for href in dict.fromkeys(found) if href and not href.startswith("data:")]


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


def embed_figures(body: str, images: Mapping[str, bytes | WebImage], display: str) -> str:
    """Rewrite each image with its bytes, and each captioned image alone in its paragraph as a figure.

    ``images`` maps a source as written (``images/x.png``) to its bytes (a web
    page: to its files); an image the mapping lacks, or of a type no format
    can show, is an error.

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


def _rewrite(match: re.Match[str], images: Mapping[str, bytes | WebImage], display: str, alone: bool) -> str:
    source, alt, caption = match.group("src"), match.group("alt"), match.group("caption")
    if source not in images:
        raise RenderError(display, None, f"expected the image file {source!r} beside the article, found none")
    if PurePosixPath(source).suffix.lower() not in MEDIA_TYPES:
        known = ", ".join(MEDIA_TYPES)
        raise RenderError(display, None, f"expected an image of type {known}, found {source!r}")
    image = images[source]
    uri, attributes = (
        (image.files[0][0], image.attributes())
        if isinstance(image, WebImage)
        else (data_uri(source, image), "")
    )
    if not alone:
        return f"![{alt}]({uri}){{{attributes.strip()}}}" if attributes else f"![{alt}]({uri})"
    text = caption.replace('\\"', '"') if caption else ""
    return f'![{text}]({uri}){{alt="{_attribute(plain_text(alt))}"{attributes}}}'


def _attribute(text: str) -> str:
    """Text as the value of a pandoc attribute between double quotes."""
    return text.replace("&", "&amp;").replace('"', "&quot;")
