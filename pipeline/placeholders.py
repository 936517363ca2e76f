"""Inline Markdown → plain text with numbered placeholders (``{0}``), and back.

Machine translation and typography both work on prose only: code spans,
images, link syntax and URLs, escapes, emphasis delimiters and (for machine
translation) the glossary's kept names are swapped for placeholders first,
then put back. A text whose placeholders come back lost, doubled or invented
is refused by :func:`restore`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{(\d+)\}")

# Markup is found by these patterns, not by the parser's tokens, because
# protection must cut the text as written: each original is a slice of the
# message put back byte for byte by restore(), and markdown-it's inline tokens
# carry no columns and keep no written form of a link's end (spaces, quotes,
# <…>). The patterns are wider than Markdown on purpose: a `*`, `[` or bare URL
# that is no markup is protected too, which costs the engine nothing, whereas a
# delimiter a stricter reading missed would reach the engine to be moved or lost.
_INLINE_MARKUP = [
    r"`+[^`]*`+",  # code span
    r"\[\^[^\]\s]+\]",  # a note's reference, its label kept
    r"\^[^\s^]+\^|(?<!~)~[^\s~]+~(?!~)",  # superscript, subscript: "1^er^", "H~2~O"
    r"!\[[^\]]*\]\([^)]*\)",  # image, alt included (alt texts are messages of their own)
    r"\]\([^)]*\)",  # the end of a link: "](url "title")"
    r"\[",  # the start of a link
    r"\]",
    r"<https?://[^>\s]+>",  # autolink
    r"https?://[^\s)>\]]+",  # bare URL
    r"\\[!-/:-@\[-`{-~]",  # backslash escape
    r"\*+|(?<!\w)_+|_+(?!\w)",  # emphasis delimiters
    r"\{[^{}\s]*\}",  # existing braces, so they cannot be confused with ours
]


@dataclass(frozen=True)
class Protected:
    """A text ready for an engine, and what its placeholders stand for."""

    text: str
    originals: tuple[str, ...]


def protect(text: str, kept_names: Sequence[str] = ()) -> Protected:
    """Swap markup, URLs and kept names for ``{0}``, ``{1}``…

    >>> text = "**Question :** voir [le site](https://a.fr) de Rennes Métropole"
    >>> protected = protect(text, ["Rennes Métropole"])
    >>> protected.text
    '{0}Question :{1} voir {2}le site{3} de {4}'
    >>> protected.originals
    ('**', '**', '[', '](https://a.fr)', 'Rennes Métropole')
    """
    names = [re.escape(name) for name in sorted(kept_names, key=len, reverse=True) if name]
    alternatives = [rf"(?<!\w)(?:{'|'.join(names)})(?!\w)"] if names else []
    pattern = re.compile("|".join([*_INLINE_MARKUP[:7], *alternatives, *_INLINE_MARKUP[7:]]))
    originals: list[str] = []

    def swap(match: re.Match[str]) -> str:
        originals.append(match.group(0))
        return "{" + str(len(originals) - 1) + "}"

    return Protected(pattern.sub(swap, text), tuple(originals))


def restore(draft: str, protected: Protected) -> str | None:
    """Put the originals back; ``None`` when a placeholder is lost, doubled or invented."""
    found = [int(number) for number in PLACEHOLDER.findall(draft)]
    if sorted(found) != list(range(len(protected.originals))):
        return None
    return PLACEHOLDER.sub(lambda match: protected.originals[int(match.group(1))], draft)
