"""Translated inline Markdown → the same text set by its language's typographic rules.

Rules work on prose only (markup, URLs and code are placeholders meanwhile,
see :mod:`pipeline.placeholders`) and are looked up per language in
:data:`RULES`:

* French: a narrow no-break space (U+202F) before ``; ! ?`` and inside « »,
  a no-break space (U+00A0) before ``:``; thousands grouped with U+202F.
* English, German, Polish, Czech: no space before ``; : ! ?``.
* Polish and Czech: a one-letter preposition or conjunction is bound to the
  next word with U+00A0, so it never ends a line; thousands grouped with U+00A0.
* Everywhere: straight quotes become the language's quotation marks, a
  straight apostrophe between letters becomes ’, and proper names are marked
  ``[name]{.name}`` so the layout never hyphenates them.

In the examples, ``~`` shows U+00A0 and ``^`` shows U+202F:

>>> def show(text): print(text.replace("\\u00a0", "~").replace("\\u202f", "^"))
>>> show(typeset('Il a dit "bonjour" : c\\'est tout !', "fr"))
Il a dit «^bonjour^»~: c’est tout^!
>>> show(typeset("Pojechał do Poznania w 2008 i z 47 000 osób", "pl"))
Pojechał do Poznania w~2008 i~z~47~000 osób
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pipeline.document import join_document, parse_document
from pipeline.placeholders import protect, restore
from pipeline.text import base_language

NBSP = "\u00a0"
NNBSP = "\u202f"
_SPACES = f" {NBSP}{NNBSP}"
# Punctuation counts as "high" only before a space, the end, or a closing mark:
# "14:30" and "http://" are left alone.
_AFTER_HIGH = rf"(?=[\s{NBSP}{NNBSP}]|$|[»”“)\]{{])"

Rule = Callable[[str], str]

#: Opening and closing quotation marks, primary then secondary, per language.
QUOTES: dict[str, tuple[str, str, str, str]] = {
    "fr": ("«" + NNBSP, NNBSP + "»", "“", "”"),
    "en": ("“", "”", "‘", "’"),
    "de": ("„", "“", "‚", "‘"),
    "pl": ("„", "”", "«", "»"),
    "cs": ("„", "“", "‚", "‘"),
}

_ONE_LETTER_WORDS = {"pl": "aiouwzAIOUWZ", "cs": "aiouvkszAIOUVKSZ"}


def apostrophes(text: str) -> str:
    return re.sub(r"(?<=\w)'(?=\w)", "’", text)


def _straight_quotes(lang: str) -> Rule:
    opening, closing = QUOTES[lang][:2]

    def rule(text: str) -> str:
        parts = text.split('"')
        if len(parts) % 2 == 0:  # unbalanced: leave it for the QA check to report
            return text
        return (
            "".join(part + (opening if index % 2 == 0 else closing) for index, part in enumerate(parts[:-1]))
            + parts[-1]
        )

    return rule


def french_spacing(text: str) -> str:
    text = re.sub(rf"(?<=\S)[{_SPACES}]*([;!?]+){_AFTER_HIGH}", lambda m: NNBSP + m.group(1), text)
    text = re.sub(rf"(?<=[^\s{NBSP}{NNBSP}:])[{_SPACES}]*:{_AFTER_HIGH}", NBSP + ":", text)
    text = re.sub(rf"«[{_SPACES}]*", "«" + NNBSP, text)
    return re.sub(rf"[{_SPACES}]*»", NNBSP + "»", text)


def no_space_before_high_punctuation(text: str) -> str:
    return re.sub(rf"(?<=[\w\"”“»’)\]}}])[{_SPACES}]+([;:!?]+){_AFTER_HIGH}", r"\1", text)


def _one_letter_words(letters: str) -> Rule:
    pattern = re.compile(rf"(?<![\w{{}}\-])([{letters}])[ ]+(?=\S)")

    def rule(text: str) -> str:
        return pattern.sub(lambda match: match.group(1) + NBSP, text)

    return rule


def _thousands(separator: str) -> Rule:
    pattern = re.compile(rf"(?<![\d{{,.])\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![\d}}])")

    def rule(text: str) -> str:
        return pattern.sub(lambda match: re.sub(f"[{_SPACES}]", separator, match.group(0)), text)

    return rule


RULES: dict[str, tuple[Rule, ...]] = {
    "fr": (apostrophes, _straight_quotes("fr"), french_spacing, _thousands(NNBSP)),
    "en": (apostrophes, _straight_quotes("en"), no_space_before_high_punctuation),
    "de": (apostrophes, _straight_quotes("de"), no_space_before_high_punctuation),
    "pl": (
        apostrophes,
        _straight_quotes("pl"),
        no_space_before_high_punctuation,
        _thousands(NBSP),
        _one_letter_words(_ONE_LETTER_WORDS["pl"]),
    ),
    "cs": (
        apostrophes,
        _straight_quotes("cs"),
        no_space_before_high_punctuation,
        _thousands(NBSP),
        _one_letter_words(_ONE_LETTER_WORDS["cs"]),
    ),
}


#: A title's last word shorter than this many letters ("vor", "ici", "now")
#: is bound to the word before it, so it never stands alone on the last line.
SHORT_WORD_LETTERS = 5
_LAST_SPACE = re.compile(r"[ ]+(?=\S+\s*$)")


def balance_title(text: str) -> str:
    """Bind a short last word to the one before with U+00A0: no lone short word ends a title.

    >>> balance_title("Simon Letonturier stellt die Abteilung vor").endswith("Abteilung\u00a0vor")
    True
    >>> balance_title("Le service international")
    'Le service international'
    """
    words = text.split()
    if len(words) < 2 or sum(character.isalnum() for character in words[-1]) >= SHORT_WORD_LETTERS:
        return text
    return _LAST_SPACE.sub(NBSP, text, count=1)


def typeset(text: str, lang: str, names: Sequence[str] = (), title: bool = False) -> str:
    """Apply the rules of ``lang`` to one segment of inline Markdown.

    ``names`` are marked as spans of class ``name``; each word of a name may
    carry an inflected ending ("Simonem Letonturierem" in Polish). A ``title``
    is also balanced (:func:`balance_title`).
    """
    # Names already marked are unmarked first, so typesetting twice equals once.
    protected = protect(_MARKED_NAME.sub(r"\1", text))
    plain = protected.text
    for rule in RULES.get(base_language(lang), ()):
        plain = rule(plain)
    if title:
        plain = balance_title(plain)
    plain = mark_names(plain, names)
    restored = restore(plain, protected)
    return restored if restored is not None else text


_MARKED_NAME = re.compile(r"\[([^\[\]]+)\]\{\.name\}")
_NAME_GAP = r"\w*[ \u00a0]+"


def mark_names(text: str, names: Sequence[str]) -> str:
    """Wrap each proper name in ``[…]{.name}`` (longest names first, never twice)."""
    for name in sorted(set(names), key=len, reverse=True):
        words = [re.escape(word) for word in name.split()]
        if not words:
            continue
        joined = _NAME_GAP.join(words)
        pattern = rf"(?<![\w\[]){joined}\w*(?![\w\]])"
        text = re.sub(pattern, lambda match: f"[{match.group(0)}]{{.name}}", text)
    return text


#: The front matter field every format prints as the article's title.
TITLE_FIELD = "title"


def typeset_document(
    meta: Mapping[str, Any], body: str, path: str, names: Sequence[str]
) -> tuple[dict[str, Any], str]:
    """Typeset every segment of a translated document (front matter included), in its ``lang``."""
    document = parse_document(join_document(meta, body), path)
    lang = document.lang
    typeset_meta = dict(meta)
    for segment in document.segments:
        if segment.field is not None:
            typeset_meta[segment.field] = typeset(
                segment.text, lang, names, title=segment.field == TITLE_FIELD
            )
    typeset_body = document.rebuild(
        {segment.text: typeset(segment.text, lang, names) for segment in document.segments}
    )
    return typeset_meta, typeset_body
