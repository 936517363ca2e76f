"""Markdown text + arguments → pandoc's output bytes, run sandboxed, never from the network.

pandoc comes from the ``pypandoc-binary`` wheel, so no system pandoc is
needed. It reads CommonMark with pandoc's extensions for fenced divs, pipe
tables and YAML front matter, and without those that would let a source or a
translation inject raw HTML, LaTeX or smart-quote rewrites.

pandoc's CommonMark reader does not honour ``-raw_html`` (jgm/pandoc#8305):
raw HTML in the text still comes out as HTML. A translation cannot add any,
since :func:`pipeline.apply.markup_problem` requires the markup of the French.
"""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from pipeline.errors import RenderError

# implicit_figures: an image alone in its paragraph is a figure (see pipeline.render.figures).
READER = (
    "commonmark_x-smart-raw_html-raw_attribute-tex_math_dollars-emoji-alerts-implicit_header_references"
    "+implicit_figures"
)


@functools.cache
def pandoc_path() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def run_pandoc(
    meta: Mapping[str, Any],
    body: str,
    arguments: Sequence[str],
    display: str,
    environment: Mapping[str, str] | None = None,
) -> bytes:
    """Run pandoc on front matter + body read from stdin; return what it wrote to stdout."""
    front = yaml.safe_dump(dict(meta), allow_unicode=True, sort_keys=True)
    text = f"---\n{front}---\n\n{body}"
    env = dict(os.environ)
    env.update(environment or {})
    try:
        done = subprocess.run(
            [pandoc_path(), "--sandbox", "-f", READER, *arguments, "-o", "-"],
            input=text.encode("utf-8"),
            capture_output=True,
            env=env,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError(display, None, f"expected pandoc to run, found: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(display, None, f"pandoc failed: {message[-1] if message else done.returncode}")
    return done.stdout
