"""Message → problems: the QA checks a translation must pass, like ``pofilter``.

Each check is a small function registered in :data:`CHECKS` under its name,
with a severity; its docstring is its title. A check takes the source text,
the translation, the Babel message and a :class:`CheckContext`, and returns
what is wrong as sentences ("expected X, found Y"), never raising.
:mod:`pipeline.qa.runner` runs them over catalogs and turns the sentences into
findings; what the checks look at in a text is :mod:`pipeline.qa.inspection`.

>>> check = CHECKS["numbers"]
>>> message = Message("Plus de 47 000 projets.", "More than 47 projects.")
>>> for problem in check.function(message.id, message.string, message, CheckContext("en", Glossary(), "a")):
...     print(f"[{check.severity.value}] {check.name}: {problem}")
[error] numbers: expected 47000 in the translation, found none
[error] numbers: expected no 47 in the translation (the source has none), found 47
"""

from __future__ import annotations

import enum
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from babel.messages.catalog import Message
from babel.numbers import format_decimal

from pipeline.apply import markup_problem
from pipeline.drafts.glossary import Glossary, contains_term
from pipeline.links import reference_problems
from pipeline.project import (
    SOURCE_LANGUAGE,
    UI_DOMAIN,
    cldr_locale,
    domain_source_language,
)
from pipeline.qa.inspection import (
    PLACEHOLDER,
    count_sentences,
    draft_origin,
    grouped_otherwise,
    inline_parts,
    number_values,
    placeholders,
)
from pipeline.qa.spelling import foreign_spellings, variety_of
from pipeline.qa.tables import QUOTATION_MARKS, QUOTE_CHARACTERS
from pipeline.render.fonts import describe_glyphs, missing_glyphs
from pipeline.text import base_language, excerpt


class Severity(enum.Enum):
    """How bad a finding is: an error fails ``jumelage check``, a warning asks a person to look."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def level(self) -> int:
        """The :mod:`logging` level to report a finding of this severity at."""
        return logging.ERROR if self is Severity.ERROR else logging.WARNING

    @property
    def rank(self) -> int:
        """0 for the most severe."""
        return list(Severity).index(self)


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at besides the message.

    ``domain`` is ``"ui"`` for the interface catalogs, else the article's slug.
    """

    lang: str
    glossary: Glossary
    domain: str
    glyphs: frozenset[int] | None = None
    """The characters the bundled fonts draw (:func:`pipeline.render.fonts.drawn_characters`);
    ``None`` leaves them unchecked."""

    @property
    def source_lang(self) -> str:
        """The language of the message ids: English for the interface, French for articles."""
        return domain_source_language(self.domain)

    @property
    def locale(self) -> str:
        """The CLDR locale of the catalog's numbers: ``en_GB`` for ``en`` (see ``CATALOG_LOCALES``)."""
        return cldr_locale(self.lang)

    @property
    def base_lang(self) -> str:
        """``pt`` for ``pt_BR``: the tables below are per language, not per country."""
        return base_language(self.lang)


CheckFunction = Callable[[str, str, Message, CheckContext], list[str]]


class Scope(enum.Enum):
    """Which texts a check reads: a language's translations, a regional catalog's overrides, or both.

    A regional catalog (``en_US``) holds overrides of its language's catalog;
    an empty entry inherits the language's translation (see
    :mod:`pipeline.catalogs.regions`).
    """

    #: A language's translations and a region's reviewed overrides.
    TRANSLATIONS = "translations"
    #: Those, and also the language's text a region prints where it does not override it.
    PRINTED = "printed"
    #: A language's catalogs only: a region's empty entry is no missing translation.
    LANGUAGE = "language"
    #: A regional catalog's overrides only.
    REGION = "region"


@dataclass(frozen=True)
class Check:
    """A registered check: its name, its severity, the function that runs it, and what it reads."""

    name: str
    severity: Severity
    function: CheckFunction
    #: A finding of this check makes the others meaningless (nothing reviewed to check).
    stops: bool = False
    scope: Scope = Scope.TRANSLATIONS

    @property
    def title(self) -> str:
        return (self.function.__doc__ or self.name).strip().splitlines()[0]


#: Every check, by name, in the order they run and are documented.
CHECKS: dict[str, Check] = {}


def register(
    name: str, severity: Severity, stops: bool = False, scope: Scope = Scope.TRANSLATIONS
) -> Callable[[CheckFunction], CheckFunction]:
    """Add the decorated function to :data:`CHECKS` under ``name``."""

    def add(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = Check(name, severity, function, stops, scope)
        return function

    return add


# --- the message's state ---------------------------------------------------------------------------


@register("untranslated", Severity.ERROR, stops=True, scope=Scope.LANGUAGE)
def check_untranslated(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """Every message has a translation."""
    return [] if target else [f"expected a translation of {excerpt(source)}, found none"]


@register("fuzzy", Severity.ERROR, stops=True, scope=Scope.LANGUAGE)
def check_fuzzy(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """No translation is left a draft (fuzzy): a person reviews it and removes the flag."""
    if not message.fuzzy or not target:
        return []
    origin = draft_origin(message)
    draft = f"a machine draft ({origin})" if origin else "a fuzzy draft"
    return [f"expected a reviewed translation of {excerpt(source)}, found {draft}"]


@register("fuzzy-override", Severity.WARNING, stops=True, scope=Scope.REGION)
def check_fuzzy_override(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """No regional override is left fuzzy: a release ignores it and prints the language's translation."""
    if not message.fuzzy or not target:
        return []
    return [
        f"expected a reviewed override of {excerpt(source)}, found a fuzzy one "
        f"(a release prints the {base_language(ctx.lang)} translation instead)"
    ]


# --- what must be carried over ---------------------------------------------------------------------


@register("unchanged", Severity.WARNING)
def check_unchanged(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The translation is not the source text left as it is."""
    if target.strip() != source.strip() or ctx.base_lang == base_language(ctx.source_lang):
        return []
    rest = PLACEHOLDER.sub(" ", source)
    for name in ctx.glossary.kept:
        rest = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", rest, flags=re.IGNORECASE)
    # Like pofilter: with no lower-case letter left (names, numbers, "PDF"), nothing needed translating.
    if not any(character.islower() for character in rest):
        return []
    return [f"expected a translation, found the source text unchanged: {excerpt(source)}"]


@register("numbers", Severity.ERROR)
def check_numbers(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The translation has the numbers of the source, in the target's format."""
    source_digits, source_words = number_values(inline_parts(source).prose, ctx.source_lang)
    target_digits, target_words = number_values(inline_parts(target).prose, ctx.locale)
    common = source_digits & target_digits
    # A number the other side spells out ("8 mois" → "eight months") counts as present.
    missing = (source_digits - common) - target_words
    extra = (target_digits - common) - source_words
    problems = []
    for value in sorted(missing):
        shown, found = _number(value), target_digits[value] + target_words[value]
        written = grouped_otherwise(inline_parts(target).prose, value)
        if written is not None:
            # "47 000" in English reads as 47 and 0: say what is wrong, not three things.
            expected = format_decimal(value, locale=ctx.locale)
            problems.append(f'expected {shown} written "{expected}" in {ctx.lang}, found "{written}"')
            extra -= number_values(written, ctx.locale)[0]
        elif found:
            problems.append(
                f"expected {shown} {source_digits[value]} times in the translation, found it {found} times"
            )
        else:
            problems.append(f"expected {shown} in the translation, found none")
    for value in sorted(extra):
        shown, found = _number(value), source_digits[value] + source_words[value]
        if found:
            problems.append(
                f"expected {shown} {found} times in the translation, found it {target_digits[value]} times"
            )
        else:
            problems.append(f"expected no {shown} in the translation (the source has none), found {shown}")
    return problems


@register("markup", Severity.ERROR)
def check_markup(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The translation keeps the inline Markdown of the source, and adds none (raw HTML included):
    the release's own judgement (:func:`pipeline.apply.markup_problem`), in its words."""
    problem = markup_problem(source, target)
    return [problem] if problem else []


@register("glyphs", Severity.ERROR)
def check_glyphs(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """Every character of the translation has a glyph in a bundled font (a box, or another
    machine's font, otherwise)."""
    missing = missing_glyphs(target, ctx.glyphs) if ctx.glyphs is not None else []
    return [glyphs_problem(missing)] if missing else []


def glyphs_problem(missing: list[str]) -> str:
    """What a text whose characters ``missing`` have no glyph is told, wherever it was written."""
    shown = describe_glyphs(missing)
    return f"expected characters the bundled fonts draw, found {shown}: no font of assets/fonts has them"


@register("urls", Severity.ERROR)
def check_urls(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The translation links to the same addresses."""
    wanted, got = inline_parts(source).urls, inline_parts(target).urls
    return [f"expected the URL {url} in the translation, found none" for url in sorted(wanted - got)] + [
        f"expected only the source's URLs, found {url}" for url in sorted(got - wanted)
    ]


@register("link-targets", Severity.ERROR)
def check_link_targets(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """Links lead to the web or inside the project, however their address is spelt (``&#106;avascript:``)."""
    found = [problem for _, problem in reference_problems(target)]
    # A message extracted before its source was refused: the French must change first.
    found += [f"{problem} in the source" for _, problem in reference_problems(source) if problem not in found]
    return found


@register("placeholders", Severity.ERROR)
def check_placeholders(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The translation has the ``{name}`` placeholders of the interface text, no more, no less."""
    if ctx.domain != UI_DOMAIN and "python-brace-format" not in message.flags:
        return []
    wanted = placeholders(source)
    if wanted is None:  # the source is not a format string after all
        return []
    got = placeholders(target)
    if got is None:
        return [f"expected placeholders like {{name}}, found unbalanced braces in {excerpt(target)}"]
    return [f"expected {name} in the translation, found none" for name in sorted(wanted - got)] + [
        f"expected only the placeholders {', '.join(sorted(wanted)) or '(none)'}, found {name}"
        for name in sorted(got - wanted)
    ]


@register("kept-names", Severity.ERROR)
def check_kept_names(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The names the glossary keeps (people, institutions) are in the translation."""
    return [
        f'expected "{term.french}" in the translation (a name kept as it is), found none'
        for term in ctx.glossary.found_in(source)
        if term.keep and not contains_term(target, term.french)
    ]


@register("glossary", Severity.WARNING)
def check_glossary(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The glossary's set translations are used."""
    problems = []
    for term in ctx.glossary.found_in(source):
        expected = term.target(ctx.lang)
        if not term.keep and expected and not contains_term(target, expected):
            problems.append(f'expected "{expected}" for "{term.french}" (glossary), found none')
    return problems


# --- typography of the target language ---------------------------------------------------------------


@register("quotes", Severity.ERROR)
def check_quotes(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """Quotation marks are the target language's, never straight ``"``."""
    allowed = QUOTATION_MARKS.get(ctx.base_lang, "")
    wrong = Counter(
        character
        for character in inline_parts(target).prose
        if character in QUOTE_CHARACTERS and character not in allowed
    )
    expected = f"the quotation marks of {ctx.lang} ({' '.join(allowed)})" if allowed else "typographic quotes"
    return [f"expected {expected}, found {mark} (U+{ord(mark):04X})" for mark in wrong]


_SPACE_BEFORE_MARK = re.compile(r"(\S*)[ \u00a0\u202f]+([;:!?])")


@register("french-spacing", Severity.ERROR)
def check_french_spacing(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """Outside French, no space before ``; : ! ?``."""
    if ctx.base_lang == SOURCE_LANGUAGE:
        return []
    return [
        f'expected no space before "{match[2]}" in {ctx.lang}, found one after "{match[1]}"'
        for match in _SPACE_BEFORE_MARK.finditer(inline_parts(target).prose)
    ]


_SPACES = re.compile(r"(\S*)([ \u00a0\u202f]{2,})")


@register("double-space", Severity.WARNING)
def check_double_space(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """No two spaces in a row."""
    return [
        f'expected one space, found {len(match[2])} in a row after "{match[1]}"'
        for match in _SPACES.finditer(inline_parts(target).prose)
    ]


@register("spelling", Severity.ERROR, scope=Scope.PRINTED)
def check_spelling(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """English keeps its variety's spelling: no British word in US English, no American one in British."""
    variety = variety_of(ctx.locale)
    if variety is None:
        return []
    allowed = ctx.glossary.written_as_is(ctx.lang)
    # An interface text's {fields} are names for the program, not words a reader sees.
    prose = PLACEHOLDER.sub(" ", inline_parts(target).prose)
    return [
        f'expected the {variety.name} spelling "{spelling}", found the {variety.other} "{word}"'
        for word, spelling in foreign_spellings(prose, ctx.locale, allowed)
    ]


# --- shape ------------------------------------------------------------------------------------------


@register("sentences", Severity.WARNING)
def check_sentences(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The translation has about as many sentences as the source."""
    expected = count_sentences(inline_parts(source).prose, ctx.source_lang)
    found = count_sentences(inline_parts(target).prose, ctx.lang)
    if abs(expected - found) <= max(1, expected / 4):
        return []
    return [f"expected about {expected} sentences, found {found}"]


MINIMUM_LENGTH = 20
LENGTH_RATIOS = (0.5, 2.0)


@register("length", Severity.WARNING)
def check_length(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The translation is between half and twice as long as the source."""
    if len(source) < MINIMUM_LENGTH:
        return []
    ratio = len(target) / len(source)
    low, high = LENGTH_RATIOS
    if low <= ratio <= high:
        return []
    return [
        f"expected between {low:g} and {high:g} times the source's {len(source)} characters, "
        f"found {len(target)} ({ratio:.2f} times)"
    ]


# --- helpers ---------------------------------------------------------------------------------------


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"
