"""Reviewed catalogs → translation memory; memory ↔ TMX 1.4 for agencies and CAT tools.

Only reviewed translations (filled, not fuzzy) enter the memory. An exact
match is reused as it is; a close one (difflib ratio ≥ 0.8) is offered as a
fuzzy suggestion.
"""

from __future__ import annotations

import difflib
import io
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog

from pipeline.catalogs.po import message_string
from pipeline.errors import JumelageError
from pipeline.project import SOURCE_LANGUAGE
from pipeline.text import base_language
from pipeline.xmltext import read_xml

CLOSE_MATCH = 0.8
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class TmxError(JumelageError):
    """A TMX file that cannot be read."""


@dataclass(frozen=True)
class MemoryEntry:
    """A reviewed translation and where it comes from (an article's slug, a TMX file)."""

    source: str
    target: str
    origin: str


@dataclass
class TranslationMemory:
    """Reviewed translations by language, then by French text."""

    entries: dict[str, dict[str, MemoryEntry]] = field(default_factory=dict)

    def add(self, lang: str, entry: MemoryEntry) -> None:
        self.entries.setdefault(lang, {}).setdefault(entry.source, entry)

    def exact(self, lang: str, source: str) -> MemoryEntry | None:
        return self.entries.get(lang, {}).get(source)

    def close(self, lang: str, source: str, cutoff: float = CLOSE_MATCH) -> tuple[MemoryEntry, float] | None:
        """The closest reviewed French text above ``cutoff``, with its similarity."""
        known = self.entries.get(lang, {})
        best = difflib.get_close_matches(source, sorted(known), n=1, cutoff=cutoff)
        if not best:
            return None
        ratio = difflib.SequenceMatcher(None, source, best[0]).ratio()
        return known[best[0]], ratio

    def __len__(self) -> int:
        return sum(len(entries) for entries in self.entries.values())


def memory_from_catalogs(catalogs: Iterable[tuple[str, str, Catalog]]) -> TranslationMemory:
    """Build the memory from ``(origin, lang, catalog)`` triples, reviewed entries only."""
    memory = TranslationMemory()
    for origin, lang, catalog in catalogs:
        for message in catalog:
            string = message_string(message)
            if message.id and isinstance(message.id, str) and string and not message.fuzzy:
                memory.add(lang, MemoryEntry(message.id, string, origin))
    return memory


def export_tmx(memory: TranslationMemory) -> bytes:
    """The memory as TMX 1.4: one translation unit per French text, sorted, no date."""
    root = ElementTree.Element("tmx", version="1.4")
    ElementTree.SubElement(
        root,
        "header",
        {
            "creationtool": "jumelage",
            "creationtoolversion": "1",
            "segtype": "block",
            "o-tmf": "PO",
            "adminlang": "en",
            "srclang": SOURCE_LANGUAGE,
            "datatype": "plaintext",
        },
    )
    body = ElementTree.SubElement(root, "body")
    sources = sorted({source for entries in memory.entries.values() for source in entries})
    for source in sources:
        unit = ElementTree.SubElement(body, "tu")
        variant = ElementTree.SubElement(unit, "tuv", {_XML_LANG: SOURCE_LANGUAGE})
        ElementTree.SubElement(variant, "seg").text = source
        for lang in sorted(memory.entries):
            entry = memory.entries[lang].get(source)
            if entry is not None:
                variant = ElementTree.SubElement(unit, "tuv", {_XML_LANG: lang})
                ElementTree.SubElement(variant, "seg").text = entry.target
    ElementTree.indent(root)
    buffer = io.BytesIO()
    ElementTree.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


def parse_tmx(data: bytes, path: str) -> TranslationMemory:
    """Read a TMX file (any version 1.x); entity tricks and malformed XML are refused."""
    root = read_xml(data, path, "TMX", TmxError)
    if root.tag != "tmx":
        raise TmxError(path, None, f"expected a <tmx> document, found <{root.tag}>")
    header = root.find("header")
    source_lang = base_language(
        header.get("srclang", SOURCE_LANGUAGE) if header is not None else SOURCE_LANGUAGE
    )
    if source_lang != SOURCE_LANGUAGE:
        raise TmxError(
            path,
            None,
            f'expected a memory translated from French (srclang="{SOURCE_LANGUAGE}"), '
            f'found srclang="{header.get("srclang") if header is not None else ""}"',
        )
    memory = TranslationMemory()
    for unit in root.iter("tu"):
        segments: dict[str, str] = {}
        for variant in unit.iter("tuv"):
            lang = variant.get(_XML_LANG) or variant.get("lang") or ""
            segment = variant.find("seg")
            if lang and segment is not None:
                segments[base_language(lang)] = "".join(segment.itertext()).strip()
        source = segments.pop(source_lang, "")
        for lang, target in segments.items():
            if source and target:
                memory.add(lang, MemoryEntry(source, target, path))
    return memory
