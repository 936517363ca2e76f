"""Every accepted construct survives the catalogs: a property test over generated articles.

An article is generated from the constructs :data:`pipeline.document.ACCEPTED_CONSTRUCTS`
lists (headings, paragraphs with nested emphasis, links with titles, code,
superscripts and subscripts, note references, bullet and ordered lists, nested
and starting at any number, block quotes, tables with alignment and a caption,
the layout's fenced divs, footnotes, thematic breaks). Then:

* extracted, given an identity catalog (each msgstr its msgid) and applied,
  it is the same document for pandoc (its JSON AST) as the source itself;
* pseudo-translated (``make pseudo``'s engine, through the placeholders), it
  keeps every note, link, image and block: only the words change.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from babel.messages.catalog import Catalog
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.apply import apply_catalog
from pipeline.document import DIV_KINDS, parse_document
from pipeline.drafts.engines import PseudoEngine
from pipeline.extract import extract_template
from pipeline.placeholders import protect, restore
from pipeline.render.pandoc import run_pandoc

WORDS = ("mot", "ville", "Rennes", "été", "jumelage", "2025", "Brno", "l’accueil", "œuvre", "ça")

word = st.sampled_from(WORDS)


@st.composite
def inline(draw: st.DrawFn, depth: int = 0, notes: list[str] | None = None) -> str:
    """Inline Markdown: words, with emphasis (nested), links, code, superscripts and note references."""
    parts = [draw(word)]
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["word", "word", "em", "strong", "link", "code", "sup", "sub", "note"]))
        if kind in ("em", "strong") and depth < 2:
            mark = "*" if kind == "em" else "**"
            parts.append(f"{mark}{draw(inline(depth + 1))}{mark}")
        elif kind == "link":
            title = draw(st.sampled_from(["", ' "Un titre"']))
            parts.append(f"[{draw(word)} {draw(word)}](https://example.org/{draw(word)}{title})")
        elif kind == "code":
            parts.append(f"`{draw(word)}`")
        elif kind == "sup":
            parts.append(f"1^er^ {draw(word)}")
        elif kind == "sub":
            parts.append(f"H~2~O {draw(word)}")
        elif kind == "note" and notes is not None:
            label = str(len(notes) + 1)
            notes.append(label)
            parts[-1] += f"[^{label}]"
        else:
            parts.append(draw(word))
    return " ".join(parts)


@st.composite
def blocks(draw: st.DrawFn) -> str:
    """An article's body: blocks of every accepted kind, then the definitions of its notes."""
    notes: list[str] = []
    out = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(
            st.sampled_from(["heading", "paragraph", "bullets", "ordered", "quote", "table", "div", "rule"])
        )
        text = inline(notes=notes)
        if kind == "heading":
            out.append(f"{'#' * draw(st.integers(2, 3))} {draw(inline())}")
        elif kind == "paragraph":
            words = draw(text).split(" ")
            cut = draw(st.integers(0, len(words)))
            out.append(
                " ".join(words[:cut]) + ("\n" if 0 < cut < len(words) else " ") + " ".join(words[cut:])
            )
        elif kind == "bullets":
            items = [f"- {draw(text)}" for _ in range(draw(st.integers(1, 3)))]
            if draw(st.booleans()):
                items.insert(1, f"    - {draw(text)}")
            out.append("\n".join(items))
        elif kind == "ordered":
            start = draw(st.integers(1, 12))
            out.append("\n".join(f"{start + n}. {draw(text)}" for n in range(draw(st.integers(1, 3)))))
        elif kind == "quote":
            out.append(f"> {draw(text)}\n>\n> — {draw(word)}")
        elif kind == "table":
            columns = draw(st.integers(1, 3))
            rule = (
                "|"
                + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(columns))
                + "|"
            )
            rows = ["| " + " | ".join(draw(text) for _ in range(columns)) + " |" for _ in range(2)]
            caption = f"\n\n: {draw(text)}" if draw(st.booleans()) else ""
            out.append("\n".join([rows[0], rule, rows[1]]) + caption)
        elif kind == "div":
            out.append(f"::: {draw(st.sampled_from(DIV_KINDS))}\n{draw(text)}\n:::")
        else:
            out.append("---")
    for label in notes:
        out.append(f"[^{label}]: {draw(inline())}\n    {draw(word)}.")
    return "\n\n".join(out) + "\n"


def article(body: str) -> str:
    return f"---\ntitle: Un titre\nlang: fr\n---\n\n{body}"


def ast(body: str) -> Any:
    """pandoc's JSON AST of a body, a soft line break read as the space it is set as."""
    tree = json.loads(run_pandoc({"title": "Un titre"}, body, ["-t", "json"], "test"))
    return _soft_breaks_as_spaces(tree["blocks"])


def _soft_breaks_as_spaces(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get("t") == "SoftBreak":
            return {"t": "Space"}
        return {key: _soft_breaks_as_spaces(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_soft_breaks_as_spaces(item) for item in node]
    return node


def shape(node: Any) -> Any:
    """An AST without its words: what a translation must keep (blocks, marks, notes, targets)."""
    if isinstance(node, dict):
        if node.get("t") in ("Str", "Space", "SoftBreak"):
            return None
        if node.get("t") == "Header":  # its identifier is made of its words
            level, (_, classes, attributes), content = node["c"]
            return {"t": "Header", "c": [level, classes, attributes, shape(content)]}
        return {key: shape(value) for key, value in node.items()}
    if isinstance(node, list):
        kept = [shape(item) for item in node]
        return [item for item in kept if item is not None]
    return node


def elements(node: Any, found: Counter[str] | None = None) -> Counter[str]:
    """Every element type of an AST, counted."""
    found = Counter() if found is None else found
    if isinstance(node, dict):
        if "t" in node:
            found[node["t"]] += 1
        for value in node.values():
            elements(value, found)
    elif isinstance(node, list):
        for item in node:
            elements(item, found)
    return found


EXAMPLES = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@EXAMPLES
@given(blocks())
def test_an_identity_catalog_gives_back_the_same_document(body: str) -> None:
    document = parse_document(article(body), "source/a.md")
    catalog = Catalog(locale="en")
    for message in extract_template(document):
        if message.id:
            catalog.add(message.id, message.id)
    translation = apply_catalog(document, catalog, "en", "locales/en/a.po")
    assert not translation.problems
    assert ast(translation.body) == ast(body)


@EXAMPLES
@given(blocks())
def test_a_pseudo_translation_keeps_every_note_link_and_block(body: str) -> None:
    document = parse_document(article(body), "source/a.md")
    engine = PseudoEngine()
    catalog = Catalog(locale="en")
    for segment in document.segments:
        protected = protect(segment.text)
        drafted = restore(engine.translate(protected.text), protected)
        assert drafted is not None
        catalog.add(segment.text, drafted)
    translation = apply_catalog(document, catalog, "en", "locales/en/a.po")
    assert not translation.problems
    source, translated = ast(body), ast(translation.body)
    assert shape(translated) == shape(source)
    if "[^" in body:
        assert elements(translated)["Note"] == elements(source)["Note"] > 0
