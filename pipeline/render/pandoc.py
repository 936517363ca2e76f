"""Markdown text (or a document in pandoc's JSON form) + arguments → pandoc's output bytes, run
sandboxed, never from the network.

pandoc comes from the ``pypandoc-binary`` wheel, so no system pandoc is
needed. It reads CommonMark with pandoc's extensions for fenced divs, pipe
tables and YAML front matter, and without those that would let a source or a
translation inject raw HTML, LaTeX or smart-quote rewrites.

Markup typed in the text stays text. pandoc's CommonMark reader does not
honour ``-raw_html`` (jgm/pandoc#8305): it still reads ``<script>``, an HTML
comment or an ``onerror=`` attribute as raw HTML, in the body and in the
front matter alike. So every run goes through :data:`UNTRUSTED_MARKUP`, a Lua
filter that turns each raw element back into the text that was typed, shown
as such, and drops every attribute but the few the layout uses (a
``{onclick=…}`` on a span would reach the page too). The web page and the
e-book are then held to an allow-list (:mod:`pipeline.render.sanitise`);
where links may lead is checked on the Markdown, with its line
(:func:`pipeline.links.reference_problems`).
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import RenderError

# implicit_figures: an image alone in its paragraph is a figure (see pipeline.render.figures).
READER = (
    "commonmark_x-smart-raw_html-raw_attribute-tex_math_dollars-emoji-alerts-implicit_header_references"
    "+implicit_figures"
)

#: The attributes (``{key=value}``) pandoc may write from the text: a figure's ``alt`` text and a
#: web image's size, files and loading (:mod:`pipeline.render.figures` writes them; the HTML
#: allow-list checks them again), a language or a direction, a title.
KEPT_ATTRIBUTES = ("alt", "dir", "lang", "title", "width", "height", "srcset", "sizes", "loading", "decoding")

#: The Lua filter every run applies: raw markup (of any format) becomes the text that was
#: typed, a raw block its own paragraph, line by line; other attributes than the kept ones go;
#: a paragraph ``: Caption`` after a table becomes its caption.
UNTRUSTED_MARKUP = """\
local KEPT = {@KEPT@}

local function raw_inline(raw)
  return pandoc.Str(raw.text)
end

local function raw_block(raw)
  local inlines = pandoc.Inlines({})
  for line in (raw.text:gsub("%s+$", "") .. "\\n"):gmatch("([^\\n]*)\\n") do
    if #inlines > 0 then
      inlines:insert(pandoc.SoftBreak())
    end
    inlines:insert(pandoc.Str(line))
  end
  return pandoc.Para(inlines)
end

local function keep_attributes(element)
  if element.attr == nil then
    return nil
  end
  local kept, dropped = {}, false
  for key, value in pairs(element.attributes) do
    if KEPT[key] then
      kept[key] = value
    else
      dropped = true
    end
  end
  if not dropped then
    return nil
  end
  element.attributes = kept
  return element
end

-- A paragraph ": Caption" right after a table is the table's caption (pipeline/document.py
-- makes its text a message of its own); CommonMark's pipe tables have no caption syntax.
local function table_captions(blocks)
  local kept = pandoc.Blocks({})
  for _, block in ipairs(blocks) do
    local previous = kept[#kept]
    local inlines = block.t == "Para" and block.content or nil
    if previous and previous.t == "Table" and inlines and #inlines > 2
        and inlines[1].t == "Str" and inlines[1].text == ":" and inlines[2].t == "Space" then
      previous.caption.long = pandoc.Blocks({ pandoc.Plain({ table.unpack(inlines, 3) }) })
    else
      kept:insert(block)
    end
  end
  return kept
end

return {
  { RawInline = raw_inline, RawBlock = raw_block },
  { Inline = keep_attributes, Block = keep_attributes },
  { Blocks = table_captions },
}
""".replace("@KEPT@", ", ".join(f'["{name}"] = true' for name in KEPT_ATTRIBUTES))


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
    return _run(READER, text.encode("utf-8"), arguments, display, environment)


def run_pandoc_document(
    document: Mapping[str, Any],
    arguments: Sequence[str],
    display: str,
    environment: Mapping[str, str] | None = None,
) -> bytes:
    """Run pandoc on a document in its own JSON form (what a run with ``-t json`` wrote, put
    together by the caller); return what it wrote to stdout. The same filter runs on it."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    return _run("json", text.encode("utf-8"), arguments, display, environment)


def _run(
    reader: str,
    data: bytes,
    arguments: Sequence[str],
    display: str,
    environment: Mapping[str, str] | None,
) -> bytes:
    env = dict(os.environ)
    env.update(environment or {})
    # pandoc reads a Lua filter from a file only: the filter lives for the length of the run.
    with tempfile.TemporaryDirectory(prefix="jumelage-pandoc-") as folder:
        lua = Path(folder) / "untrusted-markup.lua"
        lua.write_text(UNTRUSTED_MARKUP, encoding="utf-8")
        try:
            done = subprocess.run(
                [pandoc_path(), "--sandbox", "-f", reader, f"--lua-filter={lua}", *arguments, "-o", "-"],
                input=data,
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
