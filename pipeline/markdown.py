"""Markdown text → markdown-it tokens: the pipeline's one configured Markdown parser.

Every stage that reads Markdown (segmentation, re-insertion, the link policy,
the checks, the renderers' look-ups) reads it through :func:`markdown_parser`,
so none can see a block or a link that another does not.

The parser reads Markdown as pandoc, the renderer, does: any link or image
destination is a link or an image, kept as written (markdown-it's own filter
would turn a ``javascript:`` link into text that pandoc still makes a link
of). Judging where a destination leads is the link policy's job
(:mod:`pipeline.links`).

>>> [child.attrGet("href") for child in markdown_parser().parseInline("[a](<java\\tscript:x>)")[0].children
...  if child.type == "link_open"]
['java\\tscript:x']
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

#: What CommonMark reads as markup in plain text: its ASCII punctuation, escaped with a backslash.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~^:-])")
#: A number and a full stop (or parenthesis) opening a text: an ordered list's item to CommonMark.
_LIST_MARK = re.compile(r"^(\s*\d{1,9})([.)])")


def literal_markdown(text: str) -> str:
    r"""Plain text (a name, a date, interface words) → Markdown that reads as that very text.

    Punctuation is escaped, and so is the full stop of a number that opens the text: German and
    Czech dates open on the day's ("14. Oktober 2026"), which CommonMark reads as a list's item
    numbered 14, and the day would be lost.

    >>> print(literal_markdown("14. Oktober 2026"), literal_markdown("1. ledna 2026 (Brno)"))
    14\. Oktober 2026 1\. ledna 2026 \(Brno\)
    """
    return _LIST_MARK.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", text))


@functools.cache
def markdown_parser() -> MarkdownIt:
    """CommonMark with what pandoc's ``commonmark_x`` adds to it, destinations kept as written.

    Pipe tables, fenced divs, footnotes, superscripts and subscripts are read
    as pandoc reads them. Strikeouts, definition lists and inline notes are
    read too, so that :mod:`pipeline.document` can refuse them at their line
    rather than let pandoc set what no message carries.
    """
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # pandoc's fenced divs (`::: name`) carry the layout's structure; the document judges the name.
    parser.use(container_plugin, name="div", validate=lambda params, *rest: True)
    # A reference is one even where its note is not defined (a message read on its own, a note
    # missing): the document refuses a missing note at its line.
    parser.use(footnote_plugin, always_match_refs=True)
    parser.use(deflist_plugin).use(superscript_plugin).use(sub_plugin)
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return parser
