"""PO/POT bytes ↔ Babel :class:`Catalog`, and template + catalog → updated catalog.

Reading is strict: :mod:`pipeline.catalogs.strict` reads the text as gettext
does and holds it to ``msgfmt --check``'s rules, so a catalog is read as its
translator wrote it or refused with its line. Writing is deterministic:
wrapped at 76 columns like msgcat, previous msgids kept (``#|``), obsolete
messages kept (``#~``), and no wall-clock date (the ``POT-Creation-Date``
header is left out).
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po

from pipeline.catalogs.strict import Entry, read_entries
from pipeline.errors import CatalogError
from pipeline.fileio import read_text, write_bytes

WIDTH = 76
HEADER_COMMENT = "# {title}\n# This file is distributed under the same license as the jumelage project.\n#"
# Neither the clock nor the installed Babel's version belongs in a catalog: the
# same sources must give the same bytes on every machine.
_VOLATILE_HEADER = re.compile(rb'^"(?:POT-Creation-Date|Generated-By): [^"]*\\n"\n', re.MULTILINE)


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
    """Catalog → PO bytes, deterministic for the same messages."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_previous=True, sort_output=False)
    return _VOLATILE_HEADER.sub(b"", buffer.getvalue())


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
    """Bring ``catalog`` in line with ``template`` (Babel's fuzzy matching).

    Unchanged messages keep their translation; changed ones come back fuzzy
    with the previous msgid; removed ones become obsolete.
    """
    catalog.update(template, update_header_comment=False, update_creation_date=False)
    return catalog


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
