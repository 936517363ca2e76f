"""PO/POT bytes ↔ Babel :class:`Catalog`, and template + catalog → updated catalog.

Reading is strict: :mod:`pipeline.catalogs.strict` reads the text as gettext
does and holds it to ``msgfmt --check``'s rules, so a catalog is read as its
translator wrote it or refused with its line. Writing is deterministic and
valid gettext: wrapped at 76 columns like msgcat, previous msgids kept as
msgmerge writes them (``#| msgid ""`` and ``#| "…"``), obsolete messages kept
(``#~``), and no wall-clock date (the ``POT-Creation-Date`` header is left out).
What we write, we read back as the same catalog.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from textwrap import TextWrapper

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import normalize

from pipeline.catalogs.strict import Entry, read_entries
from pipeline.errors import CatalogError
from pipeline.fileio import read_text, write_bytes
from pipeline.project import domain_source_language

WIDTH = 76
HEADER_COMMENT = "# {title}\n# This file is distributed under the same license as the jumelage project.\n#"
# Neither the clock nor the installed Babel's version belongs in a catalog: the
# same sources must give the same bytes on every machine.
_VOLATILE_HEADERS = frozenset({"POT-Creation-Date", "Generated-By"})
# Babel guesses python-format from any "% d" in French prose ("20 % des
# dépenses"): msgfmt --check would then hold a correct translation ("20 %
# wydatków") to a format the text does not have. No message of ours is
# %-formatted, so the guess is never written.
_UNWRITTEN_FLAGS = frozenset({"python-format"})
#: The header naming the language a catalog's msgids are written in (French, or English for the
#: interface words): gettext has none, Translate Toolkit and Weblate read it as the file's own word.
SOURCE_LANGUAGE_HEADER = "X-Source-Language"
#: The automatic comments that say where a fuzzy draft comes from: an engine, or the memory.
MACHINE_COMMENT = "machine translation: "
MEMORY_COMMENT = "translation memory: "
#: First Strong Isolate and Pop Directional Isolate, around a file name with spaces in ``#:``.
_ISOLATE = "\u2068\u2069"
_COMMENTS = TextWrapper(width=WIDTH, break_long_words=False)
_HEADER_COMMENTS = TextWrapper(width=WIDTH, subsequent_indent="# ", break_long_words=False)


def parse_catalog(text: str, path: str, locale: str | None = None) -> Catalog:
    """Parse PO text as strictly as ``msgfmt --check`` (:mod:`pipeline.catalogs.strict`).

    Any fault is a :class:`CatalogError` with its line, never a catalog built from a misreading.
    """
    catalog = Catalog(locale=locale, charset="utf-8")
    for entry in read_entries(text, path):
        message = _message(entry)
        if entry.obsolete:
            catalog.obsolete[_key(message)] = message
        else:
            catalog[message.id] = message
    return catalog


def _message(entry: Entry) -> Message:
    msgid: str | tuple[str, str] = entry.msgid or ""
    string: str | tuple[str, ...] = entry.msgstr[0]
    if entry.msgid_plural is not None:
        msgid, string = (entry.msgid or "", entry.msgid_plural), tuple(entry.msgstr)
    previous = [entry.previous[key] for key in ("msgid", "msgid_plural") if key in entry.previous]
    return Message(
        msgid,
        string,
        # Babel's own reader stores (name, None) for a reference without a line, as we do.
        locations=entry.locations,  # type: ignore[arg-type]
        flags=entry.flags,
        auto_comments=entry.auto_comments,
        user_comments=entry.user_comments,
        previous_id=previous,
        lineno=entry.line,
        context=entry.msgctxt,
    )


def _key(message: Message) -> str | tuple[str, str]:
    """The key Babel files a message under (its singular msgid, with its context if any)."""
    msgid = message_id(message)
    return msgid if message.context is None else (msgid, message.context)


def read_catalog(path: Path, locale: str | None = None, display: str | None = None) -> Catalog:
    """Read a PO or POT file (strict UTF-8, no byte-order mark: gettext refuses one)."""
    shown = display or str(path)
    text = read_text(path, CatalogError)
    with path.open("rb") as file:
        if file.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8:
            raise CatalogError(
                shown, 1, "expected a PO entry, found a byte-order mark (save as UTF-8 without BOM)"
            )
    return parse_catalog(text, shown, locale)


def serialize_catalog(catalog: Catalog) -> bytes:
    """Catalog → PO bytes, deterministic for the same messages, and valid for ``msgfmt --check``."""
    return "".join(_po_lines(catalog)).encode("utf-8")


def _po_lines(catalog: Catalog) -> Iterator[str]:
    """The PO text of ``catalog``, line by line, as Babel's ``write_po`` writes it but for three things.

    A previous msgid is written as msgmerge writes it, ``#| msgid ""`` then one
    ``#| "…"`` line per wrapped line (Babel wraps the quoted string as a comment,
    which no gettext tool can read); the volatile headers and Babel's guess of
    ``python-format`` are left out.
    """
    for message in catalog:
        if not message.id:
            lines = [
                line for text in catalog.header_comment.splitlines() for line in _HEADER_COMMENTS.wrap(text)
            ]
            yield "\n".join(lines) + "\n"
            header = [(name, value) for name, value in catalog.mime_headers if name not in _VOLATILE_HEADERS]
            header.append((SOURCE_LANGUAGE_HEADER, domain_source_language(catalog.project)))
            message = Message(
                "", "".join(f"{name}: {value}\n" for name, value in header), flags=message.flags
            )
        yield from _comment_lines(message.user_comments)
        yield from _comment_lines(message.auto_comments, ".")
        yield from _comment_lines([" ".join(_locations(message))], ":")
        flags = sorted(message.flags - _UNWRITTEN_FLAGS)
        if flags:
            yield f"#, {', '.join(flags)}\n"
        for keyword, previous in zip(("msgid", "msgid_plural"), message.previous_id, strict=False):
            yield f"#| {keyword} {_quoted(previous, '#| ')}\n"
        yield from _message_lines(message, catalog.num_plurals)
        yield "\n"
    for message in catalog.obsolete.values():
        yield from _comment_lines(message.user_comments)
        yield from _message_lines(message, catalog.num_plurals, "#~ ")
        yield "\n"


def _comment_lines(comments: list[str], kind: str = "") -> Iterator[str]:
    for comment in comments:
        for line in _COMMENTS.wrap(comment):
            yield f"#{kind} {line.strip()}\n"


def _locations(message: Message) -> list[str]:
    """``#:`` references sorted by file and line, names with spaces isolated as gettext does."""
    try:
        locations = sorted(message.locations, key=lambda location: (location[0], location[1] or -1))
    except TypeError:  # a mix of numbered and unnumbered references cannot be sorted
        locations = list(message.locations)
    written: dict[str, None] = {}
    for filename, lineno in locations:
        name = filename.replace(os.sep, "/")
        if " " in name or "\t" in name:
            name = _ISOLATE[0] + name.strip(_ISOLATE) + _ISOLATE[1]
        written[f"{name}:{lineno:d}" if lineno else name] = None
    return list(written)


def _message_lines(message: Message, plurals: int, prefix: str = "") -> Iterator[str]:
    def field(keyword: str, text: str) -> str:
        return f"{prefix}{keyword} {_quoted(text, prefix)}\n"

    if message.context:
        yield field("msgctxt", message.context)
    if isinstance(message.id, (list, tuple)):
        yield field("msgid", message.id[0])
        yield field("msgid_plural", message.id[1])
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string or "",)
        for index in range(plurals):
            yield field(f"msgstr[{index}]", strings[index] if index < len(strings) else "")
    else:
        yield field("msgid", message.id)
        yield field("msgstr", message_string(message))


def _quoted(text: str, prefix: str = "") -> str:
    """``text`` as PO strings, wrapped so that each line, ``prefix`` included, fits in 76 columns.

    Babel's ``normalize`` counts the prefix once per word, not once per line, so
    a ``#| `` or ``#~ `` line would be cut at half the width: the text is wrapped
    in the width the prefix leaves, then every line but the first is prefixed.
    """
    first, *rest = normalize(text, width=WIDTH - len(prefix)).split("\n")
    return "\n".join([first, *(prefix + line for line in rest)])


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog atomically; return whether its bytes changed."""
    return write_bytes(path, serialize_catalog(catalog))


def new_template(project: str, title: str) -> Catalog:
    """An empty POT for ``project`` with a header that holds no date."""
    return Catalog(
        project=project,
        header_comment=HEADER_COMMENT.format(title=title),
        charset="utf-8",
        fuzzy=False,
        msgid_bugs_address="",
    )


def new_catalog(template: Catalog, lang: str) -> Catalog:
    """A catalog for ``lang`` with every message of ``template`` untranslated."""
    name = Locale.parse(lang).english_name
    catalog = Catalog(
        locale=lang,
        project=template.project,
        header_comment=HEADER_COMMENT.format(title=f"{name} translation of {template.project}."),
        charset="utf-8",
        fuzzy=False,
        msgid_bugs_address="",
        language_team=f"{name}",
    )
    catalog.update(template, no_fuzzy_matching=True)
    return catalog


def update_catalog(catalog: Catalog, template: Catalog) -> Catalog:
    """Bring ``catalog`` in line with ``template`` (Babel's fuzzy matching), as msgmerge would.

    Unchanged messages keep their translation; changed ones come back fuzzy
    with the previous msgid; removed ones become obsolete. Two things Babel's
    ``Catalog.update`` does not do, msgmerge does, and a valid catalog needs:
    a message still fuzzy keeps the previous msgid it had (so a second update
    changes nothing), and an obsolete message whose French comes back is
    revived with its translation (Babel would keep it obsolete beside a new,
    empty one: the same msgid twice, which gettext refuses).
    """
    for message in template:
        key = _key(message)
        if (
            message.id
            and catalog.get(message_id(message), message.context) is None
            and key in catalog.obsolete
        ):
            catalog[message.id] = catalog.obsolete.pop(key)
    previous = {_key(message): message.previous_id for message in messages(catalog) if message.fuzzy}
    origins = {
        _key(message): [comment for comment in message.auto_comments if is_origin_comment(comment)]
        for message in messages(catalog)
        if message.fuzzy
    }
    catalog.update(template, update_header_comment=False, update_creation_date=False)
    for message in messages(catalog):
        if message.fuzzy and not message.previous_id:
            message.previous_id = list(previous.get(_key(message)) or [])
        if message.fuzzy:
            # Babel takes the template's comments: a draft still awaiting review keeps its origin.
            old = _key(message) if _key(message) in origins else _previous_key(message)
            for comment in origins.get(old, []) if old is not None else []:
                if comment not in message.auto_comments:
                    message.auto_comments.append(comment)
    for message in messages(catalog):
        catalog.obsolete.pop(_key(message), None)
    return catalog


def _previous_key(message: Message) -> str | tuple[str, str] | None:
    if not message.previous_id:
        return None
    return message.previous_id[0] if message.context is None else (message.previous_id[0], message.context)


def is_origin_comment(comment: str) -> bool:
    """Whether an automatic comment names a draft's origin (an engine, the translation memory)."""
    return comment.startswith((MACHINE_COMMENT, MEMORY_COMMENT))


@dataclass(frozen=True)
class CatalogStats:
    """Counts of one catalog, for ``jumelage stats``."""

    translated: int
    fuzzy: int
    untranslated: int
    source_words: int
    translated_words: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated


def count_catalog(catalog: Catalog) -> CatalogStats:
    """Messages translated, fuzzy and untranslated, and words on each side."""
    translated = fuzzy = untranslated = source_words = translated_words = 0
    for message in messages(catalog):
        source_words += _words(message_id(message))
        if not message_string(message):
            untranslated += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            translated += 1
            translated_words += _words(message_string(message))
    return CatalogStats(translated, fuzzy, untranslated, source_words, translated_words)


def messages(catalog: Catalog) -> list[Message]:
    """The catalog's messages without the header entry."""
    return [message for message in catalog if message.id]


def message_id(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def message_string(message: Message) -> str:
    return message.string if isinstance(message.string, str) else "".join(message.string or ())


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:[’'-]\w+)*", text))
