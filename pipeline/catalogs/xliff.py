"""A catalog ↔ XLIFF 1.2, for the agencies and CAT tools (Trados, memoQ, Phrase, OmegaT) that read it.

One ``<file>`` per catalog, ``source-language="fr"``, one ``<trans-unit>`` per
live message (obsolete ones are never exported, and never revived by an
import). A unit's ``id`` is a digest of its French, so an import finds its
message whatever the order, and knows when the French changed since the export.

Inline Markdown (emphasis, link syntax and URLs, note references, ``{fields}``)
is cut as :func:`pipeline.placeholders.protect` cuts it for machine
translation, and each piece becomes a ``<ph id="n">`` holding the code: a CAT
tool shows it as a tag the translator moves but cannot break. On import a
``<ph>`` is put back from the French, whatever text a tool left in it.

States, both ways (XLIFF 1.2 §2.3.1, ``state`` and ``state-qualifier``):

=============================  ============================================
catalog                        XLIFF
=============================  ============================================
reviewed (filled, not fuzzy)   ``state="final"``, ``approved="yes"``
fuzzy, machine draft           ``needs-review-translation``, ``mt-suggestion``,
                               and a note naming the engine
fuzzy, from the memory         ``needs-review-translation``, ``tm-suggestion``
fuzzy, French changed          ``needs-review-translation``, and the previous
                               French as ``<alt-trans alttranstype="previous-version">``
untranslated                   no ``<target>``
regional, inherited            the language's text, ``final``,
                               ``leveraged-inherited``
=============================  ============================================

An imported ``translated``, ``signed-off`` or ``final`` target is reviewed;
any ``needs-*`` or ``new`` state, or none, is fuzzy. An empty or missing target
keeps the catalog's translation. Translator comments travel as
``<note from="translator">``, extracted comments as ``<note from="developer">``
(read-only), references as a ``location`` context group, as Translate Toolkit's
``po2xliff`` writes them.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog, Message
from lxml import etree

from pipeline.catalogs.po import MACHINE_COMMENT, is_origin_comment, message_id, message_string, messages
from pipeline.errors import JumelageError, Problem
from pipeline.placeholders import PLACEHOLDER, protect
from pipeline.project import domain_source_language, language_tag
from pipeline.xmltext import xml_bytes

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
INHERITED_NOTE = "inherits the {language} translation: change it only where this region says it otherwise"
REVIEWED_STATES = frozenset({"translated", "signed-off", "final"})
FUZZY_STATES = frozenset(
    {
        "new",
        "needs-translation",
        "needs-adaptation",
        "needs-l10n",
        "needs-review-translation",
        "needs-review-adaptation",
        "needs-review-l10n",
    }
)
_Q = f"{{{NS}}}"


class XliffError(JumelageError):
    """An XLIFF file that cannot be read, or that does not fit its catalog: nothing is written.

    ``problems`` holds every problem found, so that a translator fixes them in one go.
    """

    def __init__(self, path: str, line: int | None, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(path, line, message)
        self.problems = list(problems) or [self.problem]
        if len(self.problems) > 1:
            self.args = ("\n".join(str(problem) for problem in self.problems),)


def unit_id(message: Message) -> str:
    """The unit's ``id``: a digest of the message's context and French, stable across exports.

    >>> unit_id(Message("Bonjour"))
    '9855cffbeb059d5a'
    """
    return _digest(message.context, message_id(message))


def _digest(context: str | None, msgid: str) -> str:
    return hashlib.sha256(f"{context or ''}\x04{msgid}".encode()).hexdigest()[:16]


def source_version(catalog: Catalog) -> str:
    """A digest of every live message's French: the version of the source an export was made from."""
    keys = sorted(f"{message.context or ''}\x04{message_id(message)}" for message in messages(catalog))
    return hashlib.sha256("\x00".join(keys).encode()).hexdigest()[:16]


# --- export ---------------------------------------------------------------------------------------


def export_xliff(
    catalog: Catalog,
    original: str,
    lang: str,
    parent: Catalog | None = None,
    parent_lang: str | None = None,
    source_language: str | None = None,
) -> bytes:
    """``catalog`` (of ``lang``, stored at ``original``) as an XLIFF 1.2 document; same catalog, same bytes.

    A regional catalog passes its language's catalog as ``parent``: an entry
    that inherits is exported with the language's text, marked as inherited.
    """
    ElementTree.register_namespace("", NS)
    root = ElementTree.Element(_Q + "xliff", {"version": "1.2"})
    file = ElementTree.SubElement(
        root,
        _Q + "file",
        {
            "original": original,
            "source-language": source_language or domain_source_language(catalog.project),
            "target-language": language_tag(lang),
            "datatype": "po",
            "product-name": "jumelage",
            "build-num": source_version(catalog),
        },
    )
    header = ElementTree.SubElement(file, _Q + "header")
    ElementTree.SubElement(header, _Q + "tool", {"tool-id": "jumelage", "tool-name": "jumelage"})
    body = ElementTree.SubElement(file, _Q + "body")
    for message in messages(catalog):
        if not isinstance(message.id, str):
            raise XliffError(original, message.lineno, "expected singular messages, found a plural one")
        inherited = None
        if parent is not None and not message_string(message):
            found = parent.get(message.id, message.context)
            if found is not None and message_string(found) and not found.fuzzy:
                inherited = message_string(found)
        body.append(_unit(message, inherited, parent_lang or ""))
    _indent(root)
    return xml_bytes(root)


def _unit(message: Message, inherited: str | None, parent_lang: str) -> ElementTree.Element:
    msgid = message_id(message)
    unit = ElementTree.Element(_Q + "trans-unit", {"id": unit_id(message)})
    if message.context:
        unit.set("resname", message.context)
    unit.set(XML_SPACE, "preserve")
    _inline(ElementTree.SubElement(unit, _Q + "source"), msgid, msgid)
    string = message_string(message)
    comments = [comment for comment in message.auto_comments if not is_origin_comment(comment)]
    origin = next((comment for comment in message.auto_comments if is_origin_comment(comment)), None)
    if string:
        target = _inline(ElementTree.SubElement(unit, _Q + "target"), string, msgid)
        if not message.fuzzy:
            target.set("state", "final")
            unit.set("approved", "yes")
        else:
            target.set("state", "needs-review-translation")
            if origin is not None and origin.startswith(MACHINE_COMMENT):
                target.set("state-qualifier", "mt-suggestion")
            elif origin is not None:
                target.set("state-qualifier", "tm-suggestion")
    elif inherited is not None:
        target = _inline(ElementTree.SubElement(unit, _Q + "target"), inherited, msgid)
        target.set("state", "final")
        target.set("state-qualifier", "leveraged-inherited")
    # A PO comment is one paragraph wrapped over "#" lines: a CAT tool shows it as one.
    if message.user_comments:
        _note(unit, " ".join(comment.strip() for comment in message.user_comments), "translator")
    if comments:
        _note(unit, " ".join(comment.strip() for comment in comments), "developer")
    if origin is not None:
        _note(unit, origin, "jumelage")
    if inherited is not None:
        _note(unit, INHERITED_NOTE.format(language=parent_lang), "jumelage")
    for filename, line in message.locations:
        group = ElementTree.SubElement(unit, _Q + "context-group", {"purpose": "location"})
        ElementTree.SubElement(group, _Q + "context", {"context-type": "sourcefile"}).text = filename
        if line:
            ElementTree.SubElement(group, _Q + "context", {"context-type": "linenumber"}).text = str(line)
    if message.fuzzy and message.previous_id and string:
        previous = ElementTree.SubElement(unit, _Q + "alt-trans", {"alttranstype": "previous-version"})
        _inline(
            ElementTree.SubElement(previous, _Q + "source"), message.previous_id[0], message.previous_id[0]
        )
        _inline(ElementTree.SubElement(previous, _Q + "target"), string, message.previous_id[0])
    return unit


def _note(unit: ElementTree.Element, text: str, author: str) -> None:
    ElementTree.SubElement(unit, _Q + "note", {"from": author}).text = text


def _inline(element: ElementTree.Element, text: str, source: str) -> ElementTree.Element:
    """Fill ``element`` with ``text``, its markup as ``<ph>``, numbered as in ``source``.

    A piece of markup the source has too takes the source's number (the first
    one not yet taken, so a translation may move its tags); one the source
    lacks (a link the translation points elsewhere) is numbered ``t1``, ``t2``…
    """
    numbers: dict[str, list[str]] = {}
    for index, original in enumerate(protect(source).originals, start=1):
        numbers.setdefault(original, []).append(str(index))
    protected = protect(text)
    pieces = PLACEHOLDER.split(protected.text)
    element.text = pieces[0]
    last: ElementTree.Element | None = None
    extra = 0
    for position in range(1, len(pieces), 2):
        original = protected.originals[int(pieces[position])]
        free = numbers.get(original)
        if free:
            number = free.pop(0)
        else:
            extra += 1
            number = f"t{extra}"
        last = ElementTree.SubElement(element, _Q + "ph", {"id": number})
        last.text = original
        last.tail = pieces[position + 1]
    return element


_STRUCTURE = frozenset(_Q + name for name in ("xliff", "file", "header", "body", "trans-unit", "alt-trans"))


def _indent(element: ElementTree.Element, level: int = 0) -> None:
    """Indent the document's structure, never the inside of a text (a source, a target, a note)."""
    if element.tag not in _STRUCTURE and element.tag != _Q + "context-group":
        return
    children = list(element)
    if not children:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in children:
        _indent(child, level + 1)
        child.tail = inner
    children[-1].tail = "\n" + "  " * level


# --- import ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class XliffUnit:
    """One ``<trans-unit>`` as a CAT tool sent it back."""

    id: str
    line: int
    source: str
    target: str | None
    """The target's text, markup put back; ``None`` when it is missing or empty."""
    state: str | None
    state_qualifier: str | None
    approved: bool
    translator_notes: str | None
    phs: tuple[str, ...] = ()
    """The ``<ph>`` ids of the target, in order."""


@dataclass(frozen=True)
class XliffFile:
    """One ``<file>``: which catalog, which languages, which source version, and its units."""

    original: str
    line: int
    source_language: str
    target_language: str
    build: str | None
    units: tuple[XliffUnit, ...]


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def parse_xliff(data: bytes, path: str) -> list[XliffFile]:
    """Read an XLIFF 1.2 document; malformed XML, a DTD or entity, another version or element is refused.

    Every problem of the file is reported at once, each at its line.
    """
    try:
        tree = etree.fromstring(data, _PARSER).getroottree()
    except etree.XMLSyntaxError as exc:
        raise XliffError(path, exc.lineno, f"expected XLIFF (XML), found malformed XML ({exc.msg})") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise XliffError(path, 1, "expected plain XLIFF, found a DOCTYPE (entities are refused)")
    root = tree.getroot()
    version = root.get("version")
    if root.tag == "{urn:oasis:names:tc:xliff:document:2.0}xliff":
        raise XliffError(path, root.sourceline, "expected XLIFF 1.2, found XLIFF 2 (export and import 1.2)")
    if root.tag != _Q + "xliff" or version != "1.2":
        raise XliffError(
            path, root.sourceline, f"expected an XLIFF 1.2 <xliff> document, found <{_name(root)}> {version}"
        )
    problems: list[Problem] = []
    files = []
    for file in root.iter(_Q + "file"):
        units = []
        for unit in file.iter(_Q + "trans-unit"):
            parsed = _parse_unit(unit, path, problems)
            if parsed is not None:
                units.append(parsed)
        files.append(
            XliffFile(
                original=file.get("original", ""),
                line=file.sourceline or 1,
                source_language=file.get("source-language", ""),
                target_language=file.get("target-language", ""),
                build=file.get("build-num"),
                units=tuple(units),
            )
        )
    if not files:
        problems.append(Problem(path, root.sourceline, "expected a <file>, found none"))
    if problems:
        raise XliffError(problems[0].path, problems[0].line, problems[0].message, problems)
    return files


def _name(element: etree._Element) -> str:
    return str(etree.QName(element).localname)


def _parse_unit(unit: etree._Element, path: str, problems: list[Problem]) -> XliffUnit | None:
    line = unit.sourceline or 1
    ident = unit.get("id", "")
    source = unit.find(_Q + "source")
    if source is None:
        problems.append(Problem(path, line, f"expected a <source> in unit {ident}, found none"))
        return None
    source_text, source_phs = _flatten(source, None, path, problems)
    target = unit.find(_Q + "target")
    target_text: str | None = None
    phs: tuple[str, ...] = ()
    state = qualifier = None
    if target is not None:
        originals = dict(zip(source_phs, _ph_texts(source), strict=True))
        text, phs = _flatten(target, originals, path, problems)
        target_text = text if text.strip() else None
        state, qualifier = target.get("state"), target.get("state-qualifier")
    notes = [
        "".join(note.itertext()) for note in unit.findall(_Q + "note") if note.get("from") == "translator"
    ]
    return XliffUnit(
        id=ident,
        line=line,
        source=source_text,
        target=target_text,
        state=state,
        state_qualifier=qualifier,
        approved=unit.get("approved") == "yes",
        translator_notes="\n".join(notes) if notes else None,
        phs=phs,
    )


def _ph_texts(element: etree._Element) -> list[str]:
    return ["".join(ph.itertext()) for ph in element if ph.tag == _Q + "ph"]


def _flatten(
    element: etree._Element, originals: dict[str, str] | None, path: str, problems: list[Problem]
) -> tuple[str, tuple[str, ...]]:
    """A source's or target's text, each ``<ph>`` as its code (a target's from the source's, by id)."""
    parts = [element.text or ""]
    ids: list[str] = []
    for child in element:
        if child.tag != _Q + "ph":
            problems.append(
                Problem(
                    path,
                    child.sourceline,
                    f"expected text and <ph> tags in a <{_name(element)}>, found <{_name(child)}>",
                )
            )
            return "", ()
        ident = child.get("id", "")
        ids.append(ident)
        if originals is not None and ident in originals:
            parts.append(originals[ident])
        else:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts), tuple(ids)


# --- merge ----------------------------------------------------------------------------------------


@dataclass
class MergeReport:
    """What one import did to one catalog."""

    path: str
    changed: list[str] = field(default_factory=list)
    """The French (excerpted by the caller) of every message whose translation or state changed."""
    fuzzy: list[str] = field(default_factory=list)
    """Messages still fuzzy after the import."""
    untranslated: int = 0
    obsolete: list[str] = field(default_factory=list)
    """Units whose French the catalog keeps only as obsolete: not revived."""


def merge_xliff(
    catalog: Catalog,
    file: XliffFile,
    path: str,
    parent: Catalog | None = None,
) -> MergeReport:
    """Merge the units' translations into ``catalog`` in place, or raise :class:`XliffError`, changing none.

    Refused, each at its unit's line: a unit the catalog does not know, one
    whose French changed since the export (the message is found by its
    previous French), a target that lost, doubled or invented a tag.
    """
    by_id = {unit_id(message): message for message in messages(catalog)}
    previous = {
        _digest(message.context, message.previous_id[0]): message
        for message in messages(catalog)
        if message.previous_id
    }
    obsolete = {unit_id(message): message for message in catalog.obsolete.values()}
    problems: list[Problem] = []
    report = MergeReport(path)
    updates: list[tuple[Message, XliffUnit]] = []
    seen: set[str] = set()
    for unit in file.units:
        if unit.id in seen:
            problems.append(Problem(path, unit.line, f"expected each unit once, found {unit.id} again"))
            continue
        seen.add(unit.id)
        message = by_id.get(unit.id)
        if message is None:
            if unit.id in previous:
                now = message_id(previous[unit.id])
                problems.append(
                    Problem(
                        path,
                        unit.line,
                        f"expected the French the catalog has, found the French of an earlier version: "
                        f"the source changed since the export, it now reads {_short(now)!r}",
                    )
                )
            elif unit.id in obsolete:
                report.obsolete.append(message_id(obsolete[unit.id]))
            else:
                problems.append(
                    Problem(
                        path, unit.line, f"expected a unit of this catalog, found unknown unit {unit.id!r}"
                    )
                )
            continue
        if unit.source != message_id(message):
            problems.append(
                Problem(
                    path,
                    unit.line,
                    "expected the unit's <source> to be the catalog's French "
                    f"{_short(message_id(message))!r}, found {_short(unit.source)!r}",
                )
            )
            continue
        problem = _tag_problem(message, unit)
        if problem is not None:
            problems.append(Problem(path, unit.line, problem))
            continue
        updates.append((message, unit))
    if problems:
        raise XliffError(problems[0].path, problems[0].line, problems[0].message, problems)
    for message, unit in updates:
        if _apply(message, unit, parent):
            report.changed.append(message_id(message))
    for message in messages(catalog):
        if message_string(message) and message.fuzzy:
            report.fuzzy.append(message_id(message))
        elif not message_string(message) and parent is None:
            report.untranslated += 1
    return report


def _tag_problem(message: Message, unit: XliffUnit) -> str | None:
    """Why the unit's target breaks the French's markup, or ``None``.

    Every tag of the source must be in the target once, unless the catalog's
    translation already did without it (then the export carried the same); a
    tag the source does not have is refused, but for the ``t`` ones the export
    numbered (markup of the translation's own).
    """
    if unit.target is None:
        return None
    count = len(protect(message_id(message)).originals)
    wanted = Counter(str(number) for number in range(1, count + 1))
    found = Counter(ident for ident in unit.phs if not ident.startswith("t"))
    invented = sorted(set(found) - set(wanted))
    if found == wanted:
        return None
    current = message_string(message)
    if (
        not invented
        and current
        and Counter(protect(current).originals) == Counter(protect(unit.target).originals)
    ):
        return None  # the catalog's translation does without a tag already: the export carried it so
    lost = sorted(set(wanted) - set(found), key=int)
    doubled = sorted(ident for ident, times in found.items() if times > 1 and ident in wanted)
    said = [
        f"lost <ph id={', '.join(lost)}>" if lost else "",
        f"doubled <ph id={', '.join(doubled)}>" if doubled else "",
        f"invented <ph id={', '.join(invented)}>" if invented else "",
    ]
    return (
        f"expected the target to keep every tag of the source once, found {'; '.join(s for s in said if s)}"
    )


def _apply(message: Message, unit: XliffUnit, parent: Catalog | None) -> bool:
    """Put the unit into the message; return whether anything changed."""
    before = (
        message_string(message),
        message.fuzzy,
        list(message.user_comments),
        list(message.auto_comments),
    )
    notes = unit.translator_notes
    if notes is not None and notes.split() != " ".join(message.user_comments).split():
        message.user_comments = [line for line in notes.splitlines() if line.strip()]
    if unit.target is not None:
        reviewed = unit.state in REVIEWED_STATES or (unit.state is None and unit.approved)
        inherited = None
        if parent is not None:
            found = parent.get(message_id(message), message.context)
            inherited = message_string(found) if found is not None and not found.fuzzy else None
        if unit.state_qualifier == "leveraged-inherited" and unit.target == inherited:
            pass  # still the language's text: the entry goes on inheriting
        elif unit.target != message_string(message) or reviewed == message.fuzzy:
            changed_text = unit.target != message_string(message)
            message.string = unit.target
            if reviewed:
                message.flags.discard("fuzzy")
                message.previous_id = []
                message.auto_comments = [c for c in message.auto_comments if not is_origin_comment(c)]
            else:
                message.flags.add("fuzzy")
                if changed_text:
                    message.auto_comments = [c for c in message.auto_comments if not is_origin_comment(c)]
    after = (message_string(message), message.fuzzy, list(message.user_comments), list(message.auto_comments))
    return before != after


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
