"""PO text → checked entries, read as GNU gettext reads them and held to ``msgfmt --check``'s rules.

Babel's reader is lenient, and some of what it lets through it misreads: the
string ``"b\\q"`` becomes ``b\\q``, a string that never ends an empty one,
``"say "hi""`` becomes ``say "hi"``, ``msgid "a" "b"`` becomes ``a" "b``, a
``msgid`` with no ``msgstr`` an untranslated message, a previous msgid (``#|``)
a translator comment, and a header line it cannot parse drops every header
field after it (the language, the plural forms). This module reads every line
itself, so a catalog is either read as gettext reads it, or refused with every
problem it has, one ``path:line: expected …, found …`` each
(:class:`~pipeline.errors.CatalogError`).

Refused as ``msgfmt --check`` refuses them: a string left open, an unknown
escape, text outside any entry, a keyword out of place (``msgstr`` before
``msgid``, a missing ``msgstr``, ``msgstr[n]`` without ``msgid_plural`` or the
other way round, plural forms out of order or not ``nplurals`` of them),
``#~`` on some lines of an entry only, a message defined twice (obsolete ones
included), no header entry, a ``Plural-Forms`` that is not a valid expression
below ``nplurals``, and, in a translated entry, ``python-format`` or
``python-brace-format`` placeholders that differ from the msgid's, or a line
break (``\\n``) that begins or ends one side only.

Refused although msgfmt lets them pass, because they would be misread here or
downstream: a missing charset or any but UTF-8 (our files are UTF-8; msgfmt
would decode the bytes with the declared one), a header line that is not
``Name: value``, an unknown ``Language``, octal and hex escapes (msgfmt reads
them as bytes), a keyword whose string is not on its own line, and format
flags other than the two we check.

Like msgfmt, fuzzy entries (drafts) are held to the grammar but not to the
placeholder and line-break rules, and obsolete entries (``#~``) to the
grammar and to being unique only.

The problems are listed most severe first (:class:`Fault`), then by line: a
broken header spoils every message, a line the grammar refuses one entry, a
wrong translation one message. After a refused line the reader drops its
entry and reads on after the next blank line, as every PO tool separates
entries, so one mistake is reported once, not again at each line it
unsettles; nor is a message checked against a header that could not be read.
"""

from __future__ import annotations

import bisect
import enum
import functools
import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from string import Formatter

from babel import Locale, UnknownLocaleError

from pipeline.errors import CatalogError, Problem
from pipeline.text import excerpt

#: The escapes gettext reads and writes; octal and hex escapes are bytes to it, so they are refused.
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\", '"': '"'}
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:[ \t]*\[[ \t]*(\d+)[ \t]*\])?(?![\w\[])")
_BLANK = " \t\r\f\v"
_HEADER_FIELD = re.compile(r"([A-Za-z][\w-]*):[ \t]*(.*)")
_CONTENT_TYPE = re.compile(r"text/plain\s*;\s*charset\s*=\s*(\S+?)\s*", re.IGNORECASE)
_PLURAL_FORMS = re.compile(r"\s*nplurals\s*=\s*(\S*?)\s*;\s*plural\s*=\s*(.*?)\s*;?\s*")
#: ``%(name)s``, ``%-5.2f``, ``%%``: a Python %-directive, its conversion last (empty when missing).
_PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?[hlL]?(?P<type>.?)"
)
_PERCENT_KINDS = {**dict.fromkeys("diouxX", "integer"), **dict.fromkeys("eEfFgG", "float"), "c": "character"}
_PERCENT_KINDS.update(dict.fromkeys("sra", "any"))
#: The format flags whose placeholders are compared; a translated entry with any other is refused.
CHECKED_FORMATS = ("python-format", "python-brace-format")
#: How far a Plural-Forms expression is evaluated to prove its values stay below ``nplurals``.
_PLURAL_PROBE = (*range(1001), 10**4, 10**5, 10**6, 10**9)


class Fault(enum.IntEnum):
    """How much of a catalog a problem spoils, most severe first: the order problems are listed in."""

    #: Every message: no header, or its charset, language or plural forms.
    HEADER = 1
    #: One entry, whose lines gettext cannot read as written.
    GRAMMAR = 2
    #: One message, read but wrong: defined twice, its plural forms, placeholders or line breaks.
    MESSAGE = 3


#: A problem and how severe it is.
Found = tuple[Fault, Problem]


@dataclass
class Entry:
    """One entry as written: its strings, comments and flags, and the 1-based lines they start on."""

    msgid: str | None = None
    msgid_plural: str | None = None
    msgctxt: str | None = None
    #: One string, or one per plural form.
    msgstr: list[str] = field(default_factory=list)
    #: ``#|`` lines: ``msgctxt``, ``msgid`` and ``msgid_plural`` before the last change of the French.
    previous: dict[str, str] = field(default_factory=dict)
    user_comments: list[str] = field(default_factory=list)
    auto_comments: list[str] = field(default_factory=list)
    locations: list[tuple[str, int | None]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    obsolete: bool = False
    #: The line of the msgid (Babel's ``Message.lineno``), of the first msgstr, of the flags.
    line: int = 0
    msgstr_line: int = 0
    flags_line: int = 0
    #: Each string of the msgstr with its line, so that a header field can be located.
    msgstr_parts: list[tuple[int, str]] = field(default_factory=list)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


@dataclass(frozen=True)
class Header:
    """The header entry's fields; ``nplurals`` when it declares plural forms that can be read."""

    fields: dict[str, str]
    nplurals: int | None


def read_entries(text: str, path: str) -> list[Entry]:
    r"""PO text → its entries, the header first; any departure from the rules is a :class:`CatalogError`
    that lists them all.

    >>> header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    >>> entries = read_entries(header + '#, fuzzy\nmsgid "a" "b"\nmsgstr "\\"c\\""\n', "de.po")
    >>> [(entry.msgid, entry.msgstr, entry.flags, entry.line) for entry in entries[1:]]
    [('ab', ['"c"'], ['fuzzy'], 5)]
    >>> read_entries(header + 'msgid "a"\n', "de.po")
    Traceback (most recent call last):
    pipeline.errors.CatalogError: de.po:4: expected msgstr for the msgid of line 4, found the end of the file
    """
    reader = _Reader(path)
    entries = reader.read(text)
    found = [(Fault.GRAMMAR, problem) for problem in reader.problems]
    found += check_entries(entries, path, header_lost=reader.header_lost)
    if found:
        ordered = sorted(found, key=lambda pair: (pair[0], pair[1].line or 0))
        raise CatalogError.of([problem for _, problem in ordered])
    return entries


class _LineError(Exception):
    """A line the grammar refuses; the reader notes its problem and drops the entry."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _Reader:
    """The PO grammar, line by line: comments, ``#|`` and ``#~`` lines, keywords and their strings."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.entries: list[Entry] = []
        self.entry = Entry()
        #: Where a string on a line of its own goes: the entry's last keyword, or a ``#|`` one.
        self.target: str | None = None
        self.previous_target: str | None = None
        self.line = 0
        #: Every line refused, in the order of the file.
        self.problems: list[Problem] = []
        #: Whether the lines up to the next blank one are skipped, after a refused line.
        self.skipping = False
        #: Whether an entry was dropped before any was read: it may have been the header.
        self.header_lost = False

    def fail(self, message: str) -> _LineError:
        return _LineError(Problem(self.path, self.line, message))

    def read(self, text: str) -> list[Entry]:
        for self.line, raw in enumerate(text.split("\n"), 1):
            line = raw.strip(_BLANK)
            if not line:
                self.skipping = False
            elif not self.skipping:
                self.attempt(functools.partial(self.read_line, line))
        last_line = text.count("\n") + (0 if text.endswith("\n") else 1)
        self.attempt(functools.partial(self.end_of_file, last_line))
        return self.entries

    def read_line(self, line: str) -> None:
        if line.startswith("#~|"):
            self.previous_line(line[3:], obsolete=True)
        elif line.startswith("#~"):
            self.message_line(line[2:].lstrip(_BLANK), obsolete=True)
        elif line.startswith("#|"):
            self.previous_line(line[2:], obsolete=False)
        elif line.startswith("#"):
            self.comment(line)
        else:
            self.message_line(line, obsolete=False)

    def attempt(self, step: Callable[[], None]) -> None:
        """Run ``step``; a refusal is noted, and its entry dropped up to the next blank line."""
        try:
            step()
        except _LineError as refused:
            self.problems.append(refused.problem)
            self.header_lost = self.header_lost or not self.entries
            self.entry = Entry()
            self.target = self.previous_target = None
            self.skipping = True

    # -- comments ---------------------------------------------------------------------------

    def open_entry(self, found: str) -> Entry:
        """The entry a comment or ``#|`` line belongs to: the next one, the current one being complete."""
        entry = self.entry
        if entry.msgid is not None and not entry.msgstr:
            raise self.fail(f"expected msgstr for the msgid of line {entry.line}, found {found}")
        if entry.msgctxt is not None and entry.msgid is None:
            raise self.fail(f"expected msgid after msgctxt, found {found}")
        if entry.msgid is not None:
            self.finish()
        self.target = None
        return self.entry

    def comment(self, line: str) -> None:
        if line.startswith("#-#-#-#-#"):
            raise self.fail(f"expected one translation, found a conflict marker of msgcat: {_shown(line)}")
        entry = self.open_entry("a comment")
        self.previous_target = None
        kind, text = line[:2], line[2:].strip()
        if kind == "#:":
            entry.locations += _locations(text)
        elif kind == "#,":
            entry.flags += [flag.strip() for flag in text.split(",") if flag.strip()]
            entry.flags_line = entry.flags_line or self.line
        elif kind == "#.":
            if text:
                entry.auto_comments.append(text)
        else:
            entry.user_comments.append(line[1:].strip())

    def previous_line(self, line: str, obsolete: bool) -> None:
        """A ``#|`` line: the msgid (or msgctxt, msgid_plural) the translation was made for."""
        entry = self.open_entry("a previous msgid (#|)")
        line = line.strip(_BLANK)
        if line.startswith('"'):
            if self.previous_target is None:
                raise self.fail(f"expected msgid after #|, found a string on its own: {_shown(line)}")
            entry.previous[self.previous_target] += self.strings(line)
            return
        match = _KEYWORD.match(line)
        if match is None or match.group(1) == "msgstr" or match.group(2) is not None:
            raise self.fail(f"expected msgctxt, msgid or msgid_plural after #|, found {_shown(line)}")
        keyword = match.group(1)
        if keyword in entry.previous:
            raise self.fail(f"expected one previous {keyword} (#|), found a second")
        entry.previous[keyword] = self.strings(self.after_keyword(line, match))
        self.previous_target = keyword
        entry.obsolete = obsolete

    # -- keywords and strings -----------------------------------------------------------------

    def message_line(self, line: str, obsolete: bool) -> None:
        self.previous_target = None
        if line.startswith('"'):
            if self.target is None:
                raise self.fail(f"expected a keyword (msgid, msgstr…) before a string, found {_shown(line)}")
            self.check_obsolete(obsolete)
            text = self.strings(line)
            self.append(self.target, text)
            return
        match = _KEYWORD.match(line)
        if match is None:
            raise self.fail(
                f"expected a keyword (msgctxt, msgid, msgid_plural, msgstr), a string or a comment, "
                f"found {_shown(line)}"
            )
        keyword, index = match.group(1), match.group(2)
        text = self.strings(self.after_keyword(line, match))
        self.keyword(keyword, None if index is None else int(index), text, obsolete)

    def after_keyword(self, line: str, match: re.Match[str]) -> str:
        rest = line[match.end() :].lstrip(_BLANK)
        if not rest.startswith('"'):
            found = _shown(rest) if rest else "none"
            raise self.fail(f"expected a string after {match.group(0)} on its line, found {found}")
        return rest

    def keyword(self, keyword: str, index: int | None, text: str, obsolete: bool) -> None:
        entry = self.entry
        if keyword in ("msgctxt", "msgid"):
            if entry.msgid is not None and not entry.msgstr:
                raise self.fail(f"expected msgstr for the msgid of line {entry.line}, found {keyword}")
            if entry.msgid is not None:
                self.finish()
                entry = self.entry
            if keyword == "msgctxt" and entry.msgctxt is not None:
                raise self.fail("expected msgid after msgctxt, found a second msgctxt")
            if keyword == "msgid" and entry.msgctxt is not None:
                self.check_obsolete(obsolete)
            else:
                entry.obsolete = obsolete
            if keyword == "msgid":
                entry.line = self.line
            setattr(entry, keyword, text)
        elif keyword == "msgid_plural":
            if entry.msgid is None or entry.msgstr:
                raise self.fail("expected msgid before msgid_plural, found none")
            if entry.msgid_plural is not None:
                raise self.fail("expected msgstr[0] after msgid_plural, found a second msgid_plural")
            self.check_obsolete(obsolete)
            entry.msgid_plural = text
        else:
            self.msgstr(entry, index, text, obsolete)
        self.target = keyword

    def msgstr(self, entry: Entry, index: int | None, text: str, obsolete: bool) -> None:
        written = "msgstr" if index is None else f"msgstr[{index}]"
        if entry.msgid is None:
            raise self.fail(f"expected msgid before {written}, found none")
        if index is None and entry.msgid_plural is not None:
            raise self.fail(f"expected msgstr[0] after msgid_plural, found {written}")
        if index is None and entry.msgstr:
            raise self.fail(
                f"expected msgid before msgstr, found none (line {entry.line}'s msgid has its msgstr)"
            )
        if index is not None and entry.msgid_plural is None:
            raise self.fail(f"expected msgstr after msgid (no msgid_plural), found {written}")
        if index is not None and index != len(entry.msgstr):
            raise self.fail(f"expected msgstr[{len(entry.msgstr)}], found {written}")
        self.check_obsolete(obsolete)
        entry.msgstr.append(text)
        entry.msgstr_line = entry.msgstr_line or self.line
        entry.msgstr_parts.append((self.line, text))

    def append(self, target: str, text: str) -> None:
        entry = self.entry
        if target == "msgstr":
            entry.msgstr[-1] += text
            entry.msgstr_parts.append((self.line, text))
        else:
            setattr(entry, target, getattr(entry, target) + text)

    def check_obsolete(self, obsolete: bool) -> None:
        """``#~`` on every line of an entry's keywords and strings, or on none."""
        entry = self.entry
        started = entry.msgctxt is not None or entry.msgid is not None
        if started and obsolete != entry.obsolete:
            kind = "obsolete (#~)" if entry.obsolete else "active"
            found = "a line with #~" if obsolete else "a line without #~"
            raise self.fail(f"expected every line of the {kind} entry to match, found {found}")

    def strings(self, line: str) -> str:
        """``"a" "b"`` → ``ab``: one or more quoted strings up to the end of the line, escapes read."""
        parts: list[str] = []
        position = 0
        while True:
            position += 1  # past the opening quote
            chunk: list[str] = []
            while True:
                if position >= len(line):
                    hint = " (a backslash is written \\\\)" if line.endswith('\\"') else ""
                    raise self.fail(f"expected the string's closing quote, found the end of the line{hint}")
                char = line[position]
                if char == '"':
                    position += 1
                    break
                if char == "\\":
                    escaped = line[position + 1 : position + 2]
                    if escaped not in ESCAPES:
                        found = f"\\{escaped}" if escaped else "a backslash at the end of the line"
                        if escaped and escaped in "x01234567":
                            found += " (gettext reads it as a byte, not a character: write the character)"
                        raise self.fail(
                            f'expected an escape gettext reads (\\n, \\t, \\" or \\\\), found {found}'
                        )
                    chunk.append(ESCAPES[escaped])
                    position += 2
                    continue
                chunk.append(char)
                position += 1
            parts.append("".join(chunk))
            rest = line[position:].lstrip(_BLANK)
            if not rest:
                return "".join(parts)
            if not rest.startswith('"'):
                raise self.fail(
                    f"expected the end of the line after the string, found {_shown(rest)}"
                    + (' (a quote inside a string is written \\")' if '"' in rest else "")
                )
            position = len(line) - len(rest)

    def finish(self) -> None:
        self.entries.append(self.entry)
        self.entry = Entry()
        self.target = None

    def end_of_file(self, last_line: int) -> None:
        entry, self.line = self.entry, max(last_line, 1)
        if entry.msgid is not None and not entry.msgstr:
            raise self.fail(f"expected msgstr for the msgid of line {entry.line}, found the end of the file")
        if entry.msgid is None and entry.msgctxt is not None:
            raise self.fail("expected msgid after msgctxt, found the end of the file")
        if entry.msgid is None and entry.previous:
            raise self.fail("expected the msgid of the previous msgid (#|), found the end of the file")
        if entry.msgid is not None:
            self.finish()
        # Comments after the last entry belong to nothing; gettext ignores them too.


def check_entries(entries: list[Entry], path: str, header_lost: bool = False) -> list[Found]:
    """The rules beyond the grammar: each message once, a header first, plural forms, placeholders.

    ``header_lost``: the reader dropped an entry before any other, which may
    have been the header; its absence is then not reported again, and no
    message is held to a header that was not read.
    """
    found: list[Found] = []
    seen: set[tuple[str | None, str | None]] = set()
    for entry in entries:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            message = f"expected each msgid once, found a duplicate of {excerpt(entry.msgid or '')}"
            found.append((Fault.MESSAGE, Problem(path, entry.line, message)))
        seen.add(key)
    first = entries[0] if entries else None
    header: Header | None = None
    if (
        first is None
        or first.msgid != ""
        or first.msgid_plural is not None
        or first.msgctxt is not None
        or first.obsolete
    ):
        if not header_lost:
            shown = f"msgid {excerpt(first.msgid or '')}" if first is not None else "no entry"
            message = f'expected the header entry (msgid "") first, found {shown}'
            found.append((Fault.HEADER, Problem(path, first.line if first else 1, message)))
    else:
        header, problems = read_header(first, path)
        found += [(Fault.HEADER, problem) for problem in problems]
    messages = entries[1:] if header is not None else [entry for entry in entries if entry.msgid]
    for entry in messages:
        if entry.obsolete:
            continue
        problems = _check_flags(entry, path)
        if header is not None:
            problems += _check_plural_forms(entry, header, path)
        if not entry.fuzzy:
            problems += _check_translation(entry, path)
        found += [(Fault.MESSAGE, problem) for problem in problems]
    return found


def read_header(entry: Entry, path: str) -> tuple[Header, list[Problem]]:
    """The header's ``Name: value`` lines, and what is wrong with them: a ``Content-Type`` that is not
    UTF-8, an unknown ``Language``, an invalid ``Plural-Forms`` (whose ``nplurals`` is then ``None``)."""
    text = "".join(entry.msgstr)
    starts = [0]
    for _, part in entry.msgstr_parts:
        starts.append(starts[-1] + len(part))

    def line_of(offset: int) -> int:
        index = bisect.bisect_right(starts, offset) - 1
        parts = entry.msgstr_parts
        return parts[min(max(index, 0), len(parts) - 1)][0] if parts else entry.line

    problems: list[Problem] = []
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    offset = 0
    # Babel parses the header as e-mail headers: an indented line would continue
    # the field above, and an empty line would end them, dropping every field after.
    header_lines = text.split("\n")
    for index, line in enumerate(header_lines):
        if line or index < len(header_lines) - 1:
            match = _HEADER_FIELD.fullmatch(line)
            if match is None:
                found = _shown(line) if line.strip() else "an empty line"
                problems.append(
                    Problem(path, line_of(offset), f'expected a header field "Name: value", found {found}')
                )
            else:
                fields[match.group(1).lower()] = match.group(2).strip()
                lines[match.group(1).lower()] = line_of(offset)
        offset += len(line) + 1
    content_type = fields.get("content-type")
    charset = _CONTENT_TYPE.fullmatch(content_type) if content_type is not None else None
    if content_type is None:
        message = 'expected a header field "Content-Type: text/plain; charset=UTF-8", found none'
        problems.append(Problem(path, entry.msgstr_line, message))
    elif charset is None:
        message = f'expected "text/plain; charset=UTF-8" as Content-Type, found {_shown(content_type)}'
        problems.append(Problem(path, lines["content-type"], message))
    elif charset.group(1).lower() != "utf-8":
        message = f"expected charset=UTF-8, found charset={charset.group(1)}"
        problems.append(Problem(path, lines["content-type"], message))
    language = fields.get("language")
    if language:
        try:
            Locale.parse(language.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            message = f"expected a language code (de, en_US…) as Language, found {_shown(language)}"
            problems.append(Problem(path, lines["language"], message))
    nplurals = plural_forms(fields["plural-forms"]) if "plural-forms" in fields else None
    if isinstance(nplurals, str):
        problems.append(Problem(path, lines["plural-forms"], nplurals))
        nplurals = None
    return Header(fields, nplurals), problems


@functools.lru_cache(maxsize=32)
def plural_forms(value: str) -> int | str:
    """A ``Plural-Forms`` value → its ``nplurals``, or what is wrong with it (every catalog reads one).

    >>> plural_forms("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")
    3
    >>> plural_forms("nplurals=2; plural=(n > 1 ? 2 : 0);")
    'expected plural forms below nplurals=2, found 2 for n=2'
    """
    match = _PLURAL_FORMS.fullmatch(value)
    if match is None:
        return f'expected "Plural-Forms: nplurals=N; plural=EXPRESSION;", found {_shown(value)}'
    count, expression = match.groups()
    if not count.isdigit() or int(count) < 1:
        return f"expected a whole number of plural forms, found nplurals={count}"
    try:
        plural = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError):
        return f"expected a C expression in n as plural, found {_shown(expression)}"
    for number in _PLURAL_PROBE:
        try:
            form = plural(number)
        except ArithmeticError:
            return f"expected a plural expression defined for every n, found none for n={number}"
        if not 0 <= form < int(count):
            return f"expected plural forms below nplurals={count}, found {form} for n={number}"
    return int(count)


def _check_plural_forms(entry: Entry, header: Header, path: str) -> list[Problem]:
    # A Plural-Forms that could not be read is the header's problem, not each plural message's.
    if entry.msgid_plural is None or (header.nplurals is None and "plural-forms" in header.fields):
        return []
    if header.nplurals is None:
        return [
            Problem(path, entry.line, "expected a Plural-Forms header for this plural message, found none")
        ]
    if len(entry.msgstr) != header.nplurals:
        message = (
            f"expected {header.nplurals} plural forms (nplurals={header.nplurals}), found {len(entry.msgstr)}"
        )
        return [Problem(path, entry.msgstr_line, message)]
    return []


def _check_flags(entry: Entry, path: str) -> list[Problem]:
    return [
        Problem(
            path, entry.flags_line, f"expected python-format or python-brace-format, found the flag {flag}"
        )
        for flag in entry.flags
        if flag.endswith("-format") and not flag.startswith("no-") and flag not in CHECKED_FORMATS
    ]


def _check_translation(entry: Entry, path: str) -> list[Problem]:
    """A translated entry's line breaks and placeholders are its msgid's (``msgid_plural``'s after form 0)."""
    problems: list[Problem] = []
    for index, target in enumerate(entry.msgstr):
        source = entry.msgid if index == 0 or entry.msgid_plural is None else entry.msgid_plural
        if not target or source is None:
            continue
        for where, has_break in (("beginning", str.startswith), ("end", str.endswith)):
            if has_break(source, "\n") != has_break(target, "\n"):
                wanted = "a line break (\\n)" if has_break(source, "\n") else "no line break (\\n)"
                found = "one" if has_break(target, "\n") else "none"
                message = (
                    f"expected {wanted} at the {where} of the translation, like the msgid, found {found}"
                )
                problems.append(Problem(path, entry.msgstr_line, message))
        for flag in CHECKED_FORMATS:
            if flag in entry.flags:
                problem = _FORMAT_CHECKS[flag](source, target)
                if problem:
                    problems.append(Problem(path, entry.msgstr_line, problem))
    return problems


def _brace_fields(text: str) -> set[str] | None:
    """``"{n} min {m:>3}"`` → ``{"{n}", "{m:>3}"}``; ``None`` when the braces do not pair."""
    try:
        return {
            "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            for _, name, spec, conversion in Formatter().parse(text)
            if name is not None
        }
    except ValueError:
        return None


def compare_brace_fields(source: str, target: str) -> str | None:
    """What is wrong with the ``{name}`` fields of ``target``, or ``None`` when they are ``source``'s.

    >>> compare_brace_fields("By {names}", "Von {namen}")
    'expected the placeholders of the msgid ({names}), found {namen}'
    """
    wanted = _brace_fields(source)
    if wanted is None:  # not a format string after all: msgfmt does not compare either
        return None
    found = _brace_fields(target)
    if found is None:
        return f"expected the placeholders of the msgid ({_listed(wanted)}), found braces that do not pair"
    if found != wanted:
        return f"expected the placeholders of the msgid ({_listed(wanted)}), found {_listed(found)}"
    return None


@dataclass(frozen=True)
class _Percent:
    """The %-directives of a string: named ones' kinds, positional ones' kinds, and as written."""

    named: dict[str, str]
    positional: list[str]
    written: list[str] = field(compare=False)


def _percent_directives(text: str) -> _Percent | None:
    """``"%(n)d %%"`` → its directives (``%%`` is none); ``None`` when a ``%`` starts no directive."""
    named: dict[str, str] = {}
    positional: list[str] = []
    written: list[str] = []
    for match in _PERCENT.finditer(text):
        kind = match.group("type")
        if kind == "%":
            continue
        written.append(match.group(0))
        if kind not in _PERCENT_KINDS:
            return None
        stars = [group for group in ("width", "precision") if match.group(group) == "*"]
        if match.group("name") is not None:
            if stars or named.get(match.group("name"), _PERCENT_KINDS[kind]) != _PERCENT_KINDS[kind]:
                return None
            named[match.group("name")] = _PERCENT_KINDS[kind]
        else:
            positional += ["integer"] * len(stars) + [_PERCENT_KINDS[kind]]
    if named and positional:
        return None
    return _Percent(named, positional, written)


def _compare_percent(source: str, target: str) -> str | None:
    wanted = _percent_directives(source)
    if wanted is None:
        return None
    found = _percent_directives(target)
    if found is None:
        return "expected %-placeholders like the msgid's, found a % that starts none (a % sign is written %%)"
    if found != wanted:
        return (
            f"expected the placeholders of the msgid ({', '.join(wanted.written) or 'none'}), "
            f"found {', '.join(found.written) or 'none'}"
        )
    return None


_FORMAT_CHECKS: dict[str, Callable[[str, str], str | None]] = {
    "python-format": _compare_percent,
    "python-brace-format": compare_brace_fields,
}


def _listed(fields: set[str]) -> str:
    return ", ".join(sorted(fields)) or "none"


def _locations(text: str) -> list[tuple[str, int | None]]:
    """``a.md:3 ⁨b c.md⁩:4`` → ``[("a.md", 3), ("b c.md", 4)]`` (gettext isolates names with spaces)."""
    locations: list[tuple[str, int | None]] = []
    for isolated, suffix, plain in re.findall(r"\u2068([^\u2069]*)\u2069(\S*)|(\S+)", text):
        location = isolated + suffix if isolated or suffix else plain
        name, colon, number = location.rpartition(":")
        if colon and number.isdigit():
            locations.append((name, int(number)))
        else:
            locations.append((location, None))
    return locations


def _shown(text: str) -> str:
    """A line as the error shows it: quoted, on one line, cut when long."""
    text = text.strip()
    return repr(text if len(text) <= 60 else text[:59] + "…")
