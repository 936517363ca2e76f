"""A message's text → what the checks compare: inline Markdown, prose, URLs, placeholders, numbers, sentences.

Pure functions over one text (or one Babel message), shared by the checks of
:mod:`pipeline.qa.checks`; the per-language conventions they follow are the
tables of :mod:`pipeline.qa.tables`.
"""

from __future__ import annotations

import functools
import re
import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from babel.messages.catalog import Message
from babel.numbers import get_decimal_symbol, get_group_symbol
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.token import Token

from pipeline.catalogs.po import MACHINE_COMMENT, MEMORY_COMMENT
from pipeline.markdown import markdown_parser
from pipeline.qa.tables import (
    ABBREVIATIONS,
    ANY_GROUPING,
    NUMBER_WORDS,
    SCALE_WORDS,
    SENTENCE_END,
    SPACE_LIKE,
)
from pipeline.text import base_language

# What a reader does not read as prose (code, URLs, inline HTML) is replaced by this
# object replacement character, so words on either side do not run together.
_ELSEWHERE = "\ufffc"
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]{}\"«»“”„]+")
_URL_TAIL = ".,;:!?’'"

#: A ``{name}`` field of an interface text.
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class Inline:
    """The parts of one message's inline Markdown the checks compare."""

    prose: str
    urls: frozenset[str]


@functools.lru_cache(maxsize=4096)
def inline_parts(text: str) -> Inline:
    """Parse one message's inline Markdown (cached: every check looks at the same texts).

    >>> parts = inline_parts("**Voir** [le site](https://a.fr) et `make`")
    >>> parts.prose, sorted(parts.urls)
    ('Voir le site et \ufffc', ['https://a.fr'])
    """
    tokens = markdown_parser().parseInline(text)
    children = [child for token in tokens for child in token.children or ()]
    prose = _prose(children)
    # Percent-encoded as a browser sends them, so that "é" and "%C3%A9" are one address.
    urls = {normalizeLink(str(token.attrs["href"])) for token in children if token.type == "link_open"}
    urls.update(match.rstrip(_URL_TAIL) for match in _BARE_URL.findall(prose))
    return Inline(prose=_BARE_URL.sub(_ELSEWHERE, prose), urls=frozenset(urls))


def _prose(tokens: Iterable[Token]) -> str:
    parts = []
    for token in tokens:
        if token.type in ("text", "text_special"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(_prose(token.children or ()))
        elif token.type in ("code_inline", "html_inline"):
            parts.append(_ELSEWHERE)
    return "".join(parts)


def placeholders(text: str) -> frozenset[str] | None:
    """The ``str.format`` fields of ``text`` ("{names}"), or ``None`` when its braces are unbalanced."""
    try:
        fields = [
            (name, conversion, spec)
            for _, name, spec, conversion in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError:
        return None
    return frozenset(
        "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        for name, conversion, spec in fields
    )


@functools.cache
def _number_pattern(lang: str) -> re.Pattern[str]:
    """Numbers as ``lang`` writes them (CLDR separators), or words."""
    group, decimal = get_group_symbol(lang), get_decimal_symbol(lang)
    # A locale that groups with a (no-break) space is read with any of them: they look alike.
    group_class = f"[{SPACE_LIKE}]" if group in SPACE_LIKE else f"[{re.escape(group)}]"
    return re.compile(
        rf"(?<!\w)(?P<number>(?:\d{{1,3}}(?:{group_class}\d{{3}})+(?!\d)|\d+)(?:{re.escape(decimal)}\d+)?)"
        rf"|(?P<word>[^\W\d_]+)"
    )


def number_values(text: str, lang: str) -> tuple[Counter[Decimal], Counter[Decimal]]:
    """The numbers in ``text``: those written in digits, and those spelled out.

    >>> digits, words = number_values("plus de 47 000 projets, un milliard d’euros", "fr")
    >>> sorted(map(int, digits)), sorted(map(int, words))
    ([47000], [1000000000])
    >>> sorted(map(int, number_values("€1 billion, 47,000 projects", "en")[0]))
    [47000, 1000000000]
    """
    base = base_language(lang)
    words = {
        word: number
        for number, forms in enumerate(NUMBER_WORDS.get(base, ()), start=1)
        for word in forms.split()
    }
    scales = SCALE_WORDS.get(base, ())
    group, decimal = get_group_symbol(lang), get_decimal_symbol(lang)
    found: list[tuple[Decimal, bool, int]] = []  # value, spelled out, where it ends
    for match in _number_pattern(lang).finditer(text):
        if match["number"]:
            digits = "".join(c for c in match["number"] if c not in SPACE_LIKE and c != group)
            found.append((Decimal(digits.replace(decimal, ".")), False, match.end()))
            continue
        word = match["word"].lower()
        scale = next((value for prefix, value in scales if word.startswith(prefix)), None)
        if scale is None:
            if word in words:
                found.append((Decimal(words[word]), True, match.end()))
            continue
        if found and not text[found[-1][2] : match.start()].strip():
            value, spelled, _ = found.pop()
            found.append((value * scale, spelled, match.end()))
        else:
            found.append((Decimal(scale), True, match.end()))
    digits_counter = Counter(value for value, spelled, _ in found if not spelled)
    words_counter = Counter(value for value, spelled, _ in found if spelled)
    return digits_counter, words_counter


def grouped_otherwise(text: str, value: Decimal) -> str | None:
    """The way ``text`` writes ``value`` with another language's thousands separator, if it does.

    >>> grouped_otherwise("more than 47 000 projects", Decimal(47000))
    '47 000'
    """
    for match in ANY_GROUPING.finditer(text):
        if Decimal(re.sub(r"\D", "", match[0])) == value:
            return match[0]
    return None


def count_sentences(text: str, lang: str) -> int:
    """Sentences in ``text``: ends (. ! ? …) before a space or the end, and a last unfinished one.

    A point after an abbreviation, or before a lower-case word, ends nothing.

    >>> count_sentences("M. Letonturier arrive. Il parle, etc. et part ! Fin", "fr")
    3
    """
    abbreviations = ABBREVIATIONS.get(base_language(lang), "").split()
    count, last = 0, 0
    for match in SENTENCE_END.finditer(text):
        word = match["word"].lower()
        if match["mark"] == "." and ((len(word) == 1 and word.isalpha()) or word in abbreviations):
            continue
        following = text[match.end() :].lstrip()
        if following[:1].islower():
            continue
        count, last = count + 1, match.end()
    if re.search(r"\w", text[last:]):
        count += 1
    return count


def draft_origin(message: Message) -> str | None:
    """Where a draft comes from, by its automatic comment: the engine, or the translation memory.

    >>> draft_origin(Message("Bonjour", "Hello", auto_comments=["machine translation: google"]))
    'google'
    """
    for comment in message.auto_comments:
        if comment.startswith(MACHINE_COMMENT):
            return comment.removeprefix(MACHINE_COMMENT).strip() or None
        if comment.startswith(MEMORY_COMMENT):
            return comment.strip()
    return None
