"""The glossary ↔ TBX, for the term bases of CAT tools (memoQ, Trados MultiTerm, Phrase, OmegaT).

Export is TBX-Basic in TBX v3 (ISO 30042:2019, the DCA style): one
``<conceptEntry>`` per French term, a ``<langSec>`` per language that has the
term, a kept name marked in every language as a term written as in French, the
glossary's note as the concept's ``<note>``. Import reads
TBX v3 and the older TBX v2 (``<martif>``, ISO 30042:2008) that most tools
still write, and merges it into the glossary: a term a translator added fills
an empty cell, a different one is a conflict reported and left as it is.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pipeline.drafts.glossary import Glossary, GlossaryError, Term
from pipeline.project import SOURCE_LANGUAGE
from pipeline.text import base_language
from pipeline.xmltext import read_xml, xml_bytes

TBX_NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KEPT_NOTE = "kept as written in French"


class TbxError(GlossaryError):
    """A TBX file that cannot be read."""


def export_tbx(glossary: Glossary, languages: Sequence[str]) -> bytes:
    """The glossary as TBX-Basic (TBX v3), in the glossary's order, ``languages`` after French."""
    ElementTree.register_namespace("", TBX_NS)
    q = f"{{{TBX_NS}}}"
    root = ElementTree.Element(q + "tbx", {"type": "TBX-Basic", "style": "dca", _XML_LANG: SOURCE_LANGUAGE})
    header = ElementTree.SubElement(root, q + "tbxHeader")
    description = ElementTree.SubElement(header, q + "fileDesc")
    source = ElementTree.SubElement(description, q + "sourceDesc")
    ElementTree.SubElement(source, q + "p").text = "jumelage glossary, locales/glossary.csv"
    body = ElementTree.SubElement(ElementTree.SubElement(root, q + "text"), q + "body")
    for number, term in enumerate(sorted(glossary.terms, key=lambda t: t.line), start=1):
        concept = ElementTree.SubElement(body, q + "conceptEntry", {"id": f"c{number}"})
        if term.note:
            ElementTree.SubElement(concept, q + "note").text = term.note
        for lang in (SOURCE_LANGUAGE, *languages):
            written = term.french if lang == SOURCE_LANGUAGE else term.target(lang)
            if not written:
                continue
            section = ElementTree.SubElement(concept, q + "langSec", {_XML_LANG: lang.replace("_", "-")})
            entry = ElementTree.SubElement(section, q + "termSec")
            ElementTree.SubElement(entry, q + "term").text = written
            if term.keep and lang != SOURCE_LANGUAGE:
                ElementTree.SubElement(entry, q + "note").text = KEPT_NOTE
    ElementTree.indent(root)
    return xml_bytes(root)


@dataclass(frozen=True)
class TbxConcept:
    """One concept of a TBX file: its terms by base language (the first term of each)."""

    terms: dict[str, str]


def parse_tbx(data: bytes, path: str) -> list[TbxConcept]:
    """Read TBX v3 (``<tbx>``) or v2 (``<martif>``); entity tricks and malformed XML are refused."""
    root = read_xml(data, path, "TBX", TbxError)
    local = root.tag.rpartition("}")[2]
    if local == "tbx":
        q, concept_tag, section_tag, term_tag = f"{{{TBX_NS}}}", "conceptEntry", "langSec", "term"
        if not root.tag.startswith(f"{{{TBX_NS}}}"):
            raise TbxError(path, None, f"expected TBX v3 in the namespace {TBX_NS}, found {root.tag}")
    elif local == "martif":
        q, concept_tag, section_tag, term_tag = "", "termEntry", "langSet", "term"
    else:
        raise TbxError(
            path, None, f"expected a <tbx> (TBX v3) or <martif> (TBX v2) document, found <{local}>"
        )
    concepts = []
    for concept in root.iter(q + concept_tag):
        terms: dict[str, str] = {}
        for section in concept.iter(q + section_tag):
            lang = section.get(_XML_LANG) or section.get("lang") or ""
            found = next(section.iter(q + term_tag), None)
            text = "".join(found.itertext()).strip() if found is not None else ""
            if lang and text:
                terms.setdefault(base_language(lang), text)
        if terms:
            concepts.append(TbxConcept(terms))
    return concepts


@dataclass
class TermbaseMerge:
    """What an import did: terms added, cells filled, and the conflicts it left for a person."""

    glossary: Glossary
    added: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def merge_tbx(glossary: Glossary, concepts: Sequence[TbxConcept], languages: Sequence[str]) -> TermbaseMerge:
    """Merge TBX concepts into the glossary; a concept without French is skipped."""
    by_french = {term.french: term for term in glossary.terms}
    order = [term.french for term in sorted(glossary.terms, key=lambda t: t.line)]
    report = TermbaseMerge(glossary)
    for concept in concepts:
        french = concept.terms.get(SOURCE_LANGUAGE)
        if not french:
            continue
        term = by_french.get(french)
        if term is None:
            term = Term(french, keep=False, line=len(order) + 10_000)
            order.append(french)
            report.added.append(french)
        translations = dict(term.translations)
        for lang in languages:
            offered = concept.terms.get(lang)
            if not offered or (term.keep and offered == french):
                continue
            current = term.target(lang)
            if current is None:
                translations[lang] = offered
                if french not in report.added:
                    report.filled.append(f"{french} ({lang}): {offered}")
            elif current != offered:
                report.conflicts.append(
                    f"{french} ({lang}): the glossary says {current!r}, the TBX {offered!r}"
                )
        by_french[french] = replace(term, translations=translations)
    terms = [replace(by_french[french], line=index + 2) for index, french in enumerate(order)]
    report.glossary = Glossary(tuple(sorted(terms, key=lambda t: (-len(t.french), t.french))))
    return report


def glossary_csv(glossary: Glossary, columns: Sequence[str]) -> bytes:
    """The glossary as CSV, rows in file order, with ``columns`` (``fr``, ``keep``, languages, ``note``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for term in sorted(glossary.terms, key=lambda t: t.line):
        row = []
        for column in columns:
            if column == "fr":
                row.append(term.french)
            elif column == "keep":
                row.append("yes" if term.keep else "")
            elif column == "note":
                row.append(term.note)
            else:
                row.append(term.translations.get(column, ""))
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")
