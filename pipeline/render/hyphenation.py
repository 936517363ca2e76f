"""A laid-out WeasyPrint document → the same document with short runs of hyphens, none at a page turn.

CSS has ``hyphenate-limit-lines`` and ``hyphenate-limit-last`` for this, but
WeasyPrint implements neither. So the layout is inspected: where a third line
in a row ends with a hyphen, or a page's last line does, or a paragraph's
last line holds only the tail of a broken word (a runt), the word broken
there is marked ``nohyphen`` and the page laid out again, until no such
break is left (or a few rounds have passed). Both the brochures and the A5
PDFs go through it.

The same rounds deal with loose lines: WeasyPrint justifies line by line, so
a long word that cannot be broken leaves the line before it with wide gaps.
A paragraph holding a line stretched past :data:`LOOSE_SPACE` is tightened,
then set ragged-right (:data:`LOOSE_CLASSES`, styled in both stylesheets).
And with tables wider than their column, set smaller, then split
(:mod:`pipeline.render.wide`).
Before the first round, pyphen learns the exceptions of
:data:`pipeline.typography.HYPHENATION_EXCEPTIONS` (German compounds, names).

The layout is read through :mod:`pipeline.render.boxes`. Pyphen gives no
public access to its per-word cache, which
:func:`install_hyphenation_exceptions` fills.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import marshal
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import RenderError
from pipeline.fileio import WriteError, cache_folder, write_bytes
from pipeline.render import boxes, markup
from pipeline.render.wide import fit_tables, overflowing_tables
from pipeline.typography import HYPHENATION_EXCEPTIONS, hyphenation_points

log = logging.getLogger(__name__)

HYPHEN = "\u2010"  # WeasyPrint's hyphenate-character
MAX_HYPHENATED_RUN = 2
_ROUNDS = 6
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")


def hyphenated_runs(document: Any, longest: int = MAX_HYPHENATED_RUN) -> list[str]:
    """The words broken at the third (and later) hyphenated line of a run, page by page."""
    words: list[str] = []
    for page in boxes.pages(document):
        for group in page.line_groups():
            lines = [line.texts() for line in group]
            run = 0
            for index, texts in enumerate(lines):
                if texts and texts[-1].endswith(HYPHEN):
                    run += 1
                    if run > longest:
                        # The word broken here, or, when its end is on the next page, the
                        # word broken on the line before (either way the run is cut).
                        word = (
                            _broken_word(texts[-1], lines[index + 1])
                            if index + 1 < len(lines)
                            else _broken_word(_last_text(lines[index - 1]), texts)
                        )
                        if word:
                            words.append(word)
                            run = 0
                else:
                    run = 0
    return words


def page_final_breaks(document: Any) -> list[str]:
    """The words broken across a page turn: a page's last line ends with a hyphen."""
    pages = [[line.texts() for line in page.body_lines()] for page in boxes.pages(document)]
    words = []
    for lines, following in itertools.pairwise(pages):
        if lines and following and _last_text(lines[-1]).endswith(HYPHEN):
            word = _broken_word(_last_text(lines[-1]), following[0])
            if word:
                words.append(word)
    return words


def runt_breaks(document: Any) -> list[str]:
    """The words whose broken tail is alone on a paragraph's last line (``solidar-`` / ``ity.``)."""
    words: list[str] = []
    for page in boxes.pages(document):
        for group in page.line_groups():
            if len(group) >= 2 and _last_text(before := group[-2].texts()).endswith(HYPHEN):
                last = group[-1].texts()
                word = _broken_word(_last_text(before), last)
                if len(_WORD.findall("".join(last))) == 1 and word:
                    words.append(word)
    return words


def _last_text(texts: Sequence[str]) -> str:
    return str(texts[-1]) if texts else ""


def _broken_word(end: str, next_line: Sequence[str]) -> str | None:
    """The word whose head ends ``end`` (a line's last text) and whose tail starts ``next_line``."""
    head = _WORD.findall(end.removesuffix(HYPHEN))
    tail = _WORD.findall(next_line[0]) if next_line else []
    if not head or not tail:
        return None
    return str(head[-1]) + str(tail[0])


def mark_unhyphenated(html: str, words: Sequence[str]) -> str:
    """Wrap each of ``words`` in the page's body text in ``<span class="nohyphen">``."""
    bodies = markup.start_tags(html, {"body"})
    runs = markup.text_runs(html, bodies[0].end if bodies else len(html))
    patterns = [(word, re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")) for word in set(words)]

    def marked(text: str) -> str:
        for word, pattern in patterns:
            text = pattern.sub(f'<span class="nohyphen">{word}</span>', text)
        return text

    return markup.splice(html, [(start, end, marked(html[start:end])) for start, end in runs])


#: The widest word space a justified line may have, relative to the font's
#: normal space (issue 12 allows twice; a little is kept in hand).
LOOSE_SPACE = 1.9
#: Charis SIL's space, in ems: the body text's normal word space.
SPACE_EM = 0.293
#: What a paragraph with a loose line becomes, in turn: its spaces a little
#: tighter (the shorter lines fit one more word), then set ragged-right.
LOOSE_CLASSES = ("tight", "ragged")
_PARAGRAPH_TAGS = ("p", "li")


def loose_paragraphs(document: Any, limit: float = LOOSE_SPACE) -> list[int]:
    """The paragraphs (``<p>`` and ``<li>``, by their rank in the page) holding a justified line
    whose word spaces justification stretched wider than ``limit`` times the normal space."""
    loose: set[int] = set()
    for page in boxes.pages(document):
        root = page.root_element()
        if root is None:
            continue
        ranks = {id(element): rank for rank, element in enumerate(_paragraph_elements(root))}
        for block in page.line_blocks():
            if id(block.element) in ranks and any(_stretch(line) > limit for line in block.lines):
                loose.add(ranks[id(block.element)])
    return sorted(loose)


def _paragraph_elements(root: Any) -> list[Any]:
    return [element for element in root.iter() if element.tag in _PARAGRAPH_TAGS]


def _stretch(line: boxes.Line) -> float:
    """A line's word space, relative to the normal one: 1 when justification added nothing."""
    widest = 1.0
    for spacing, font_size in line.word_spaces():
        widest = max(widest, 1 + spacing / (SPACE_EM * font_size))
    return widest


def mark_loose(html: str, ranks: Sequence[int]) -> str:
    """Give the paragraphs of ``ranks`` (their rank among the page's ``<p>`` and ``<li>``)
    the next class of :data:`LOOSE_CLASSES`; one that has the last keeps it."""
    tags = markup.start_tags(html, _PARAGRAPH_TAGS)
    edits = []
    for rank in sorted(set(ranks)):
        if rank < len(tags):
            tag = tags[rank]
            following = [name for name in LOOSE_CLASSES if name not in tag.classes()][:1]
            if following:
                edits.append((tag.start, tag.end, markup.with_classes(tag, tag.classes() + following)))
    return markup.splice(html, edits)


#: The pyphen versions (major, minor), lowest and highest, whose dictionaries' insides
#: :func:`_pyphen_internals` was written for.
PYPHEN_VERSIONS = ((0, 14), (0, 18))


def install_hyphenation_exceptions(exceptions: Mapping[str, Sequence[str]] = HYPHENATION_EXCEPTIONS) -> None:
    """Teach pyphen, which WeasyPrint breaks words with, the allowed breaks of ``exceptions``' words.

    Pyphen reads each language's patterns once and keeps the points it found
    for each word in its dictionary's ``cache``; a word put there in advance
    is broken only where the exception allows. Every dictionary of the
    language (``de``, ``de_DE``, ``de_AT``…) learns it, whatever tag a page
    carries. Installing twice equals once. The dictionaries are read through
    the cache of :func:`~pipeline.fileio.cache_folder` (:func:`load_dictionaries`).
    """
    pyphen = _pyphen_internals()
    load_dictionaries(exceptions, cache_folder())
    for lang, words in exceptions.items():
        for name in sorted(pyphen.LANGUAGES):
            if name == lang or name.startswith(lang + "_"):
                dictionary = pyphen.Pyphen(lang=name).hd
                for word in words:
                    plain, points = hyphenation_points(word)
                    dictionary.cache[plain.lower()] = [pyphen.DataInt(point) for point in points]


def load_dictionaries(languages: Iterable[str], cache: Path | None = None) -> list[str]:
    """Read pyphen's dictionaries of ``languages`` (and their regions) once, into pyphen's own cache.

    Without a ``cache`` folder, pyphen parses each dictionary (German's
    patterns take it about half a second). With one, the parsed patterns are
    kept there (``marshal``, keyed by the dictionary's bytes and pyphen's
    version) and read back in milliseconds; dictionaries whose patterns are
    the same (German's ``de_AT``, ``de_CH`` and ``de_DE`` differ only in their
    comments) share one table of them, each with its own cache of words. The
    patterns are the same either way, so the layout is too. A cache file that
    cannot be read is parsed again; one that cannot be written is skipped.
    Returns the dictionaries' names.
    """
    import pyphen

    bases = set(languages)
    names = sorted(name for name in pyphen.LANGUAGES if name.split("_")[0] in bases)
    tables: dict[bytes, tuple[dict[str, Any], int]] = {}
    for name in names:
        if cache is None:
            pyphen.Pyphen(lang=name)
        else:
            _load_stored_dictionary(pyphen.LANGUAGES[name], cache, tables)
    return names


def _load_stored_dictionary(path: Path, cache: Path, tables: dict[bytes, tuple[dict[str, Any], int]]) -> None:
    """Put the dictionary at ``path`` in pyphen's cache of dictionaries, its patterns read from
    ``cache`` when they were stored there, else parsed and stored."""
    pyphen = _pyphen_internals()
    if path in pyphen.hdcache:
        return
    key = hashlib.sha256(
        path.read_bytes() + f"pyphen {pyphen.__version__} marshal {marshal.version}".encode()
    ).hexdigest()
    stored = cache / f"{path.name.removesuffix('.dic')}-{key[:16]}.marshal"
    try:
        packed = stored.read_bytes()
        digest = hashlib.sha256(packed).digest()
        if digest not in tables:
            patterns, maxlen = marshal.loads(packed)
            tables[digest] = dict(patterns), int(maxlen)
        dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
        dictionary.patterns, dictionary.maxlen = tables[digest]
        dictionary.cache = {}
        pyphen.hdcache[path] = dictionary
        return
    except (OSError, EOFError, ValueError, TypeError):
        pass
    dictionary = pyphen.Pyphen(filename=path).hd
    values = [value for _, pattern in dictionary.patterns.values() for value in pattern]
    if all(type(value) is int for value in values):  # no pattern with a non-standard break (DataInt)
        with contextlib.suppress(WriteError, OSError):  # a read-only folder: no cache, same patterns
            stored.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(stored, marshal.dumps((dictionary.patterns, dictionary.maxlen)))


def _pyphen_internals() -> Any:
    """pyphen, once its version is one of :data:`PYPHEN_VERSIONS`.

    Pyphen has no public way to give a word its breaks, nor to hand it parsed
    patterns: the callers set a dictionary's ``cache``, ``patterns`` and
    ``maxlen`` and the module's ``hdcache``, which another version may lay out
    otherwise.
    """
    import pyphen

    check_pyphen_version(pyphen.__version__)
    return pyphen


def check_pyphen_version(version: str) -> None:
    """Raise :class:`RenderError` unless ``version`` is within :data:`PYPHEN_VERSIONS`.

    >>> check_pyphen_version("0.18.1")
    >>> check_pyphen_version("1.0.0")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pipeline.errors.RenderError: pipeline/render/hyphenation.py: expected pyphen 0.14 to 0.18, found 1.0.0...
    """
    parts = version.split(".")
    found = tuple(int(part) if part.isdigit() else -1 for part in parts[:2])
    (low_major, low_minor), (high_major, high_minor) = PYPHEN_VERSIONS
    if not PYPHEN_VERSIONS[0] <= found <= PYPHEN_VERSIONS[1]:
        raise RenderError(
            "pipeline/render/hyphenation.py",
            None,
            f"expected pyphen {low_major}.{low_minor} to {high_major}.{high_minor}, found {version}: "
            "check the dictionaries' insides used here, then widen PYPHEN_VERSIONS",
        )


def limit_hyphenation(html: str, render: Callable[[str], Any]) -> tuple[str, Any]:
    """Lay out ``html`` until no more than two hyphenated lines follow each other, no page ends on
    one, no paragraph ends on the broken tail of a word alone, and no table runs past its column
    (:mod:`pipeline.render.wide`: ``html`` has been through ``prepare_wide_content``)."""
    install_hyphenation_exceptions()
    document = render(html)
    for _ in range(_ROUNDS):
        words = hyphenated_runs(document) + page_final_breaks(document) + runt_breaks(document)
        loose = loose_paragraphs(document)
        wide = overflowing_tables(document)
        if not words and not loose and not wide:
            break
        log.debug("no hyphenation for %s (a long run of hyphens, or a page's last line)", words)
        log.debug("paragraphs %s tightened, then set ragged (loose justified lines)", loose)
        log.debug(
            "tables %s set smaller, or split (wider than their column)", [table.position for table in wide]
        )
        marked = fit_tables(mark_loose(mark_unhyphenated(html, words), loose), wide)
        if marked == html:  # every loose paragraph is ragged already, and no word is left to mark
            break
        html = marked
        document = render(html)
    return html, document
