"""Translated document + interface words + edition date → what every renderer of an article reads.

The HTML page and the EPUB are made from the same article: its front matter
and body, its language's interface words, the edition's date, and the name
an error should show. :class:`ArticleInputs` carries them as one value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pipeline.render.figures import WebImage
from pipeline.render.ui import Interface


@dataclass(frozen=True)
class Part:
    """One translated article of a collection, as its brochure (:mod:`pipeline.press.collection`) and its
    e-book (:mod:`pipeline.render.book`) read it: slug, front matter, Markdown body, images' bytes."""

    slug: str
    meta: Mapping[str, Any]
    body: str
    display: str
    """The article's name in error messages."""
    images: Mapping[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleInputs:
    """One translated article, ready to render.

    ``date`` is the edition's date (``SOURCE_DATE_EPOCH``), or ``None`` for
    an undated build; ``display`` is the output's project-relative name,
    which errors show; ``images`` maps each image the body names (as
    written, ``images/x.png``) to its bytes, or, for a web page, to its files.
    """

    meta: Mapping[str, Any]
    body: str
    interface: Interface
    date: datetime | None
    display: str
    images: Mapping[str, bytes | WebImage] = field(default_factory=dict)
