"""PO/POT bytes ↔ Babel :class:`Catalog`, and template + catalog → updated catalog.

Reading is strict (a syntax error or a duplicate message is a
:class:`CatalogError` with its line); writing is deterministic: wrapped at 76
columns like msgcat, previous msgids kept (``#|``), obsolete messages kept
(``#~``), and no wall-clock date (the ``POT-Creation-Date`` header is left out).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, write_po

from pipeline.errors import CatalogError
from pipeline.fileio import read_text, write_bytes
from pipeline.text import excerpt

WIDTH = 76
HEADER_COMMENT = "# {title}\n# This file is distributed under the same license as the jumelage project.\n#"
# Neither the clock nor the installed Babel's version belongs in a catalog: the
# same sources must give the same bytes on every machine.
_VOLATILE_HEADER = re.compile(rb'^"(?:POT-Creation-Date|Generated-By): [^"]*\\n"\n', re.MULTILINE)


class _DuplicateMessageError(Exception):
    def __init__(self, msgid: str, lineno: int) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.lineno = lineno


class _StrictParser(PoFileParser):
    """Babel's parser, which also refuses a message defined twice."""

    def _add_message(self) -> None:
        obsolete = self.obsolete
        lineno = self.offset + 1
        before = len(self.catalog)
        msgid = self.messages[0].denormalize() if self.messages else ""
        super()._add_message()
        if not obsolete and msgid and len(self.catalog) == before:
            raise _DuplicateMessageError(msgid, lineno)


def parse_catalog(text: str, path: str, locale: str | None = None) -> Catalog:
    """Parse PO text; any syntax error becomes a located :class:`CatalogError`."""
    catalog = Catalog(locale=locale, charset="utf-8")
    parser = _StrictParser(catalog, ignore_obsolete=False, abort_invalid=True)
    try:
        parser.parse(io.StringIO(text))
    except PoFileError as exc:
        found = exc.line.strip() or "a message it cannot complete"
        raise CatalogError(
            path,
            exc.lineno + 1,
            f"expected a PO entry, found {found[:60]!r} ({exc.args[0].rsplit(' on ', 1)[0]})",
        ) from None
    except _DuplicateMessageError as exc:
        raise CatalogError(
            path, exc.lineno, f"expected each msgid once, found a duplicate of {excerpt(exc.msgid)}"
        ) from None
    except (ValueError, IndexError) as exc:
        raise CatalogError(path, None, f"expected a PO file, found text Babel cannot read ({exc})") from None
    return catalog


def read_catalog(path: Path, locale: str | None = None, display: str | None = None) -> Catalog:
    """Read a PO or POT file (strict UTF-8)."""
    return parse_catalog(read_text(path, CatalogError), display or str(path), locale)


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
