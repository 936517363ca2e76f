"""Inline Markdown → its words (:func:`plain_text`) and what its markup does (:func:`inline_skeleton`).

Both read the tokens of the pipeline's parser (:mod:`pipeline.markdown`), after
unwrapping pandoc's bracketed spans (``[name]{.name}``), which CommonMark does
not know.
"""

from __future__ import annotations

import re
from collections import Counter

from markdown_it.common.normalize_url import normalizeLink
from markdown_it.token import Token

from pipeline.markdown import markdown_parser

# Line breaks and ASCII spaces fold into one space; no-break spaces are meant.
_WHITESPACE = re.compile(r"[ \t\r\n]+")
# A bracketed span's content is a text of its own, its attributes are the layout's.
_BRACKETED_SPAN = re.compile(r"\[([^\[\]]*)\]\{[^{}]*\}")


def inline_skeleton(text: str) -> Counter[str]:
    """What inline Markdown does besides its words: emphasis, links and their targets, images,
    code, raw HTML, note references. A translation must do the same things (in any order):
    it keeps each note's reference, under its label, so it can neither lose nor renumber one.

    An address is compared percent-encoded, as a browser sends it, so that
    ``é`` and ``%C3%A9`` are the same target.

    >>> sorted(inline_skeleton("**Question :** voir [ici](https://a.fr/é) et `x`[^2]").elements())
    ['code `x`', 'link https://a.fr/%C3%A9', 'note [^2]', 'strong']
    """
    skeleton: Counter[str] = Counter()
    for token in _inline_tokens(text):
        if token.type in ("strong_open", "em_open"):
            skeleton[token.type.removesuffix("_open")] += 1
        elif token.type == "link_open":
            skeleton[f"link {normalizeLink(str(token.attrGet('href')))}"] += 1
        elif token.type == "image":
            skeleton[f"image {normalizeLink(str(token.attrGet('src')))}"] += 1
        elif token.type == "code_inline":
            skeleton[f"code `{token.content}`"] += 1
        elif token.type == "html_inline":
            skeleton[f"raw HTML {token.content}"] += 1
        elif token.type == "footnote_ref":
            skeleton[f"note [^{token.meta.get('label', '…')}]"] += 1
        elif token.type == "s_open":
            skeleton["strikeout"] += 1
    return skeleton


def plain_text(markdown: str) -> str:
    """The words of inline Markdown, markup gone (for ``<title>`` and metadata).

    >>> plain_text("[Simon Letonturier]{.name} *présente* le [service](https://a.fr)")
    'Simon Letonturier présente le service'
    """
    words = []
    for token in _inline_tokens(markdown):
        if token.type in ("text", "code_inline"):
            words.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            words.append(" ")
    return one_line("".join(words))


def one_line(text: str) -> str:
    """``text`` with its line breaks and runs of ASCII spaces folded into one space, trimmed.

    >>> one_line(" Un\\n  paragraphe\\u00a0! ")
    'Un paragraphe\\xa0!'
    """
    return _WHITESPACE.sub(" ", text).strip()


def _inline_tokens(markdown: str) -> list[Token]:
    unwrapped = _BRACKETED_SPAN.sub(r"\1", markdown)
    return markdown_parser().parseInline(unwrapped)[0].children or []
