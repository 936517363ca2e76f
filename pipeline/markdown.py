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

from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin


@functools.cache
def markdown_parser() -> MarkdownIt:
    """CommonMark with pipe tables and pandoc's fenced divs, destinations kept as written."""
    parser = MarkdownIt("commonmark").enable("table")
    # pandoc's fenced divs (`::: name`) carry the layout's structure; any name is fine.
    parser.use(container_plugin, name="div", validate=lambda params, *rest: True)
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return parser
