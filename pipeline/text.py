"""Small text helpers every stage shares: an excerpt quoted in a message, a locale's language."""

from __future__ import annotations

#: The longest excerpt of a text quoted in a message, in characters.
EXCERPT_LENGTH = 40


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """``text`` quoted on one line, cut at a word boundary after at most ``limit`` characters.

    >>> excerpt("Premier   paragraphe\\nassez long pour être cité en entier")
    '"Premier paragraphe assez long pour être…"'
    >>> excerpt("Court.")
    '"Court."'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return f'"{text}"'
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return f'"{cut}…"'


def base_language(lang: str) -> str:
    """``de-DE``, ``en_US``, ``PL`` → ``de``, ``en``, ``pl``: catalogs and rules are per language.

    >>> [base_language(lang) for lang in ("de-DE", "en_US", "PL", "fr")]
    ['de', 'en', 'pl', 'fr']
    """
    return lang.replace("_", "-").split("-")[0].lower()
