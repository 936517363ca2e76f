"""Catalog messages → findings: the QA checks a translation must pass, like ``pofilter``.

Each check is a small function registered in :data:`CHECKS` under its name,
with a severity; its docstring is its title. A check takes the source text,
the translation, the Babel message and a :class:`CheckContext`, and returns
what is wrong as sentences ("expected X, found Y"), never raising.
:func:`check_catalog` runs them all on one catalog (pure);
:func:`check_project` reads every catalog of a project and collects the
findings, so that they are shown together, most severe first.

>>> from babel.messages.catalog import Catalog
>>> catalog = Catalog(locale="en")
>>> message = catalog.add("Plus de 47 000 projets.", "More than 47 projects.", lineno=12)
>>> for finding in check_catalog(catalog, "en.po", CheckContext("en", Glossary(), "article")):
...     print(finding)
en.po:12: [error] numbers: expected 47000 in the translation, found none
en.po:12: [error] numbers: expected no 47 in the translation (the source has none), found 47
"""

from __future__ import annotations

import enum
import functools
import logging
import re
import string
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from babel.messages.catalog import Catalog, Message
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from markdown_it.token import Token

from pipeline.catalogs.po import messages, read_catalog
from pipeline.document import markdown_parser
from pipeline.drafts.glossary import Glossary, contains_term
from pipeline.drafts.policy import MACHINE_COMMENT, MEMORY_COMMENT
from pipeline.errors import CatalogError, Problem
from pipeline.project import SOURCE_LANGUAGE, UI_DOMAIN, Project
from pipeline.text import base_language, excerpt

#: The language of the ``ui`` message ids (the interface is written in English first).
UI_SOURCE_LANGUAGE = "en"


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
class Finding:
    """One problem a check found in a catalog: ``path:line: [severity] check: message``."""

    path: str
    line: int | None
    severity: Severity
    check: str
    message: str

    def __str__(self) -> str:
        return str(Problem(self.path, self.line, f"[{self.severity.value}] {self.check}: {self.message}"))


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at besides the message.

    ``domain`` is ``"ui"`` for the interface catalogs, else the article's slug.
    """

    lang: str
    glossary: Glossary
    domain: str

    @property
    def source_lang(self) -> str:
        """The language of the message ids: English for the interface, French for articles."""
        return UI_SOURCE_LANGUAGE if self.domain == UI_DOMAIN else SOURCE_LANGUAGE

    @property
    def base_lang(self) -> str:
        """``pt`` for ``pt_BR``: the tables below are per language, not per country."""
        return base_language(self.lang)


CheckFunction = Callable[[str, str, Message, CheckContext], list[str]]


@dataclass(frozen=True)
class Check:
    """A registered check: its name, its severity and the function that runs it."""

    name: str
    severity: Severity
    function: CheckFunction
    #: A finding of this check makes the others meaningless (nothing reviewed to check).
    stops: bool = False

    @property
    def title(self) -> str:
        return (self.function.__doc__ or self.name).strip().splitlines()[0]


#: Every check, by name, in the order they run and are documented.
CHECKS: dict[str, Check] = {}


def register(name: str, severity: Severity, stops: bool = False) -> Callable[[CheckFunction], CheckFunction]:
    """Add the decorated function to :data:`CHECKS` under ``name``."""

    def add(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = Check(name, severity, function, stops)
        return function

    return add


# --- the message's state ---------------------------------------------------------------------------


@register("untranslated", Severity.ERROR, stops=True)
def check_untranslated(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """Every message has a translation."""
    return [] if target else [f"expected a translation of {excerpt(source)}, found none"]


@register("fuzzy", Severity.ERROR, stops=True)
def check_fuzzy(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """No translation is left a draft (fuzzy): a person reviews it and removes the flag."""
    if not message.fuzzy or not target:
        return []
    origin = draft_origin(message)
    draft = f"a machine draft ({origin})" if origin else "a fuzzy draft"
    return [f"expected a reviewed translation of {excerpt(source)}, found {draft}"]


# --- what must be carried over ---------------------------------------------------------------------


@register("unchanged", Severity.WARNING)
def check_unchanged(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The translation is not the source text left as it is."""
    if target.strip() != source.strip() or ctx.base_lang == base_language(ctx.source_lang):
        return []
    rest = _PLACEHOLDER.sub(" ", source)
    for name in ctx.glossary.kept:
        rest = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", rest, flags=re.IGNORECASE)
    # Like pofilter: with no lower-case letter left (names, numbers, "PDF"), nothing needed translating.
    if not any(character.islower() for character in rest):
        return []
    return [f"expected a translation, found the source text unchanged: {excerpt(source)}"]


@register("numbers", Severity.ERROR)
def check_numbers(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The translation has the numbers of the source, in the target's format."""
    source_digits, source_words = number_values(_inline(source).prose, ctx.source_lang)
    target_digits, target_words = number_values(_inline(target).prose, ctx.lang)
    common = source_digits & target_digits
    # A number the other side spells out ("8 mois" → "eight months") counts as present.
    missing = (source_digits - common) - target_words
    extra = (target_digits - common) - source_words
    problems = []
    for value in sorted(missing):
        shown, found = _number(value), target_digits[value] + target_words[value]
        written = _grouped_otherwise(_inline(target).prose, value)
        if written is not None:
            # "47 000" in English reads as 47 and 0: say what is wrong, not three things.
            expected = format_decimal(value, locale=ctx.lang)
            problems.append(f'expected {shown} written "{expected}" in {ctx.lang}, found "{written}"')
            extra -= number_values(written, ctx.lang)[0]
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
    """The translation keeps the inline Markdown: emphasis, strong, code, images and links."""
    before, after = _inline(source), _inline(target)
    problems = [
        f"expected {expected} {what}, found {found}"
        for what, expected, found in (
            ("emphasis (*…*)", before.emphasis, after.emphasis),
            ("strong emphasis (**…**)", before.strong, after.strong),
            ("links ([…](…))", before.links, after.links),
        )
        if expected != found
    ]
    for what, wanted, got in (("code", before.code, after.code), ("image", before.images, after.images)):
        problems.extend(_compare_multisets(what, Counter(wanted), Counter(got)))
    return problems


@register("urls", Severity.ERROR)
def check_urls(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The translation links to the same addresses."""
    wanted, got = _inline(source).urls, _inline(target).urls
    return [f"expected the URL {url} in the translation, found none" for url in sorted(wanted - got)] + [
        f"expected only the source's URLs, found {url}" for url in sorted(got - wanted)
    ]


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

#: Quotation marks each language uses, outer and inner pairs (CLDR's, with the inner
#: pairs the house style sets: “ ” inside « » in French, « » inside „ ” in Polish).
QUOTATION_MARKS = {
    "fr": "«»“”",
    "en": "“”‘’",
    "de": "„“‚‘",
    "pl": "„”«»",
    "cs": "„“‚‘",
}
# ’ (U+2019) is left out: it is the apostrophe of every language here, so it is never a wrong quote.
_QUOTE_CHARACTERS = frozenset('"«»“”„‟‘‚‛‹›')


@register("quotes", Severity.ERROR)
def check_quotes(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """Quotation marks are the target language's, never straight ``"``."""
    allowed = QUOTATION_MARKS.get(ctx.base_lang, "")
    wrong = Counter(
        character
        for character in _inline(target).prose
        if character in _QUOTE_CHARACTERS and character not in allowed
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
        for match in _SPACE_BEFORE_MARK.finditer(_inline(target).prose)
    ]


_SPACES = re.compile(r"(\S*)([ \u00a0\u202f]{2,})")


@register("double-space", Severity.WARNING)
def check_double_space(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """No two spaces in a row."""
    return [
        f'expected one space, found {len(match[2])} in a row after "{match[1]}"'
        for match in _SPACES.finditer(_inline(target).prose)
    ]


# --- shape ------------------------------------------------------------------------------------------


@register("sentences", Severity.WARNING)
def check_sentences(source: str, target: str, message: Message, ctx: CheckContext) -> list[str]:
    """The translation has about as many sentences as the source."""
    expected = count_sentences(_inline(source).prose, ctx.source_lang)
    found = count_sentences(_inline(target).prose, ctx.lang)
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


# --- running the checks -----------------------------------------------------------------------------


def check_catalog(catalog: Catalog, path: str, ctx: CheckContext) -> list[Finding]:
    """Every finding of every check on every message of ``catalog``, in catalog order."""
    findings: list[Finding] = []
    for message in messages(catalog):
        findings.extend(check_message(message, path, ctx))
    return findings


def check_message(message: Message, path: str, ctx: CheckContext) -> list[Finding]:
    """The findings of one message; an untranslated or fuzzy one is only reported as such."""
    pairs = _pairs(message)

    def run(checks: Iterable[Check]) -> list[Finding]:
        found = [
            Finding(path, message.lineno, check.severity, check.name, problem)
            for check in checks
            for source, target in pairs
            for problem in check.function(source, target, message, ctx)
        ]
        # Plural forms can repeat the same finding; report it once.
        return list(dict.fromkeys(found))

    return run(check for check in CHECKS.values() if check.stops) or run(
        check for check in CHECKS.values() if not check.stops
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then by path and line, so a person reads the errors first."""
    return sorted(
        findings,
        # Stable: the findings of one line keep the order the checks gave them.
        key=lambda finding: (finding.severity.rank, finding.path, finding.line or 0),
    )


def check_project(project: Project, languages: Iterable[str], glossary: Glossary) -> list[Finding]:
    """Read every catalog of ``languages`` and check it; French has only the interface catalog.

    A catalog that is missing or unreadable is a finding too, so one run shows
    everything at once.
    """
    findings: list[Finding] = []
    for lang in languages:
        for domain in catalog_domains(project, lang):
            path = project.catalog_path(lang, domain)
            display = project.relative(path)
            if not path.exists():
                if catalog_required(lang, domain):
                    findings.append(
                        Finding(display, None, Severity.ERROR, "missing", "expected a catalog, found none")
                    )
                continue
            try:
                catalog = read_catalog(path, lang, display)
            except CatalogError as error:
                problem = error.problem
                findings.append(
                    Finding(problem.path, problem.line, Severity.ERROR, "unreadable", problem.message)
                )
                continue
            findings.extend(check_catalog(catalog, display, CheckContext(lang, glossary, domain)))
    return findings


def catalog_domains(project: Project, lang: str) -> list[str]:
    """The catalogs ``lang`` has: one per article and the interface's; French only the interface's."""
    if lang == SOURCE_LANGUAGE:
        return [UI_DOMAIN]
    return [*(source.stem for source in project.sources()), UI_DOMAIN]


def catalog_required(lang: str, domain: str) -> bool:
    """Whether a missing catalog is an error: the interface ids are English, so English may do without."""
    return not (domain == UI_DOMAIN and base_language(lang) == UI_SOURCE_LANGUAGE)


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


# --- what the checks look at --------------------------------------------------------------------------

# What a reader does not read as prose (code, URLs, inline HTML) is replaced by this
# object replacement character, so words on either side do not run together.
_ELSEWHERE = "\ufffc"
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]{}\"«»“”„]+")
_URL_TAIL = ".,;:!?’'"


@dataclass(frozen=True)
class _Inline:
    """The parts of one message's inline Markdown the checks compare."""

    prose: str
    emphasis: int
    strong: int
    links: int
    code: tuple[str, ...]
    images: tuple[str, ...]
    urls: frozenset[str]


@functools.lru_cache(maxsize=4096)
def _inline(text: str) -> _Inline:
    """Parse one message's inline Markdown (cached: every check looks at the same texts)."""
    tokens = markdown_parser().parseInline(text)
    children = [child for token in tokens for child in token.children or ()]
    prose = _prose(children)
    urls = {str(token.attrs["href"]) for token in children if token.type == "link_open"}
    urls.update(match.rstrip(_URL_TAIL) for match in _BARE_URL.findall(prose))
    types = Counter(token.type for token in children)
    return _Inline(
        prose=_BARE_URL.sub(_ELSEWHERE, prose),
        emphasis=types["em_open"],
        strong=types["strong_open"],
        links=types["link_open"],
        code=tuple(token.content for token in children if token.type == "code_inline"),
        images=tuple(str(token.attrs.get("src", "")) for token in children if token.type == "image"),
        urls=frozenset(urls),
    )


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


def _pairs(message: Message) -> list[tuple[str, str]]:
    """(source, translation) pairs: one, or one per plural form (form 0 against the singular)."""
    if isinstance(message.id, str):
        return [(message.id, message.string if isinstance(message.string, str) else "")]
    singular, plural = message.id[0], message.id[1]
    forms = list(message.string) if isinstance(message.string, tuple | list) else [message.string or ""]
    return [(singular if index == 0 else plural, form or "") for index, form in enumerate(forms)]


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


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


# Numbers spelled out: style guides write small numbers in words ("eight months"),
# so a number the other side spells out is not missing. Polish and Czech decline them.
NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    # Item i holds the forms of the number i + 1, separated by spaces.
    "fr": (
        "un une",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "onze",
        "douze",
    ),
    "en": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
    "de": (
        "ein eine einer eines einem einen eins",
        "zwei zweier",
        "drei dreier",
        "vier",
        "fünf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwölf",
    ),
    "pl": (
        "jeden jedna jedno jednego jednej jednemu jednym jedną",
        "dwa dwie dwóch dwu dwom dwoma dwiema",
        "trzy trzech trzem trzema",
        "cztery czterech czterem czterema",
        "pięć pięciu pięcioma",
        "sześć sześciu sześcioma",
        "siedem siedmiu siedmioma",
        "osiem ośmiu ośmioma",
        "dziewięć dziewięciu dziewięcioma",
        "dziesięć dziesięciu dziesięcioma",
        "jedenaście jedenastu",
        "dwanaście dwunastu",
    ),
    "cs": (
        "jeden jedna jedno jednoho jedné jednomu jedním jednou jednu",
        "dva dvě dvou dvěma",
        "tři tří třem třemi",
        "čtyři čtyř čtyřem čtyřmi",
        "pět pěti",
        "šest šesti",
        "sedm sedmi",
        "osm osmi",
        "devět devíti",
        "deset deseti",
        "jedenáct jedenácti",
        "dvanáct dvanácti",
    ),
}

#: Words that multiply the number before them, by the start of the word (so declined forms match).
#: "billion" is 10⁹ in English only: in French and German it is 10¹².
SCALE_WORDS: dict[str, tuple[tuple[str, int], ...]] = {
    "fr": (("million", 10**6), ("milliard", 10**9)),
    "en": (("million", 10**6), ("billion", 10**9)),
    "de": (("million", 10**6), ("milliarde", 10**9)),
    "pl": (("milion", 10**6), ("miliard", 10**9)),
    "cs": (("milion", 10**6), ("miliard", 10**9)),
}
_SPACE_LIKE = " \u00a0\u202f"


@functools.cache
def _number_pattern(lang: str) -> re.Pattern[str]:
    """Numbers as ``lang`` writes them (CLDR separators), or words."""
    group, decimal = get_group_symbol(lang), get_decimal_symbol(lang)
    # A locale that groups with a (no-break) space is read with any of them: they look alike.
    group_class = f"[{_SPACE_LIKE}]" if group in _SPACE_LIKE else f"[{re.escape(group)}]"
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
            digits = "".join(c for c in match["number"] if c not in _SPACE_LIKE and c != group)
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


_ANY_GROUPING = re.compile(r"(?<!\w)\d{1,3}(?:[ \u00a0\u202f,.'’]\d{3})+(?!\d)")


def _grouped_otherwise(text: str, value: Decimal) -> str | None:
    """The way ``text`` writes ``value`` with another language's thousands separator, if it does."""
    for match in _ANY_GROUPING.finditer(text):
        if Decimal(re.sub(r"\D", "", match[0])) == value:
            return match[0]
    return None


_SENTENCE_END = re.compile(r"(?P<word>\w*)(?P<mark>[.!?…]+)[»”“’\"')\]*_]*(?=\s|$)")
#: Words an abbreviation point follows rather than a sentence end, per language
#: (single letters, initials such as "M. Letonturier", are always abbreviations).
ABBREVIATIONS: dict[str, str] = {
    "fr": "mm mme mmes mlle mgr cf env",
    "en": "mr mrs ms dr st prof cf vs",
    "de": "hr fr dr prof bzw usw vgl nr ca",
    "pl": "dr prof np tj tzn tzw itd ok",
    "cs": "dr prof tj tzv atd apod resp",
}


def count_sentences(text: str, lang: str) -> int:
    """Sentences in ``text``: ends (. ! ? …) before a space or the end, and a last unfinished one.

    A point after an abbreviation, or before a lower-case word, ends nothing.

    >>> count_sentences("M. Letonturier arrive. Il parle, etc. et part ! Fin", "fr")
    3
    """
    abbreviations = ABBREVIATIONS.get(base_language(lang), "").split()
    count, last = 0, 0
    for match in _SENTENCE_END.finditer(text):
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


def _compare_multisets(what: str, wanted: Counter[str], got: Counter[str]) -> list[str]:
    return [
        f"expected the {what} {item!r} in the translation, found none" for item in sorted(wanted - got)
    ] + [f"expected only the source's {what}s, found {item!r}" for item in sorted(got - wanted)]


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"
