"""HTML page → PDF bytes, through WeasyPrint, with the bundled fonts only.

WeasyPrint reads the page's print stylesheet (A5 pages, folios, hyphenation
by the page's ``lang``), lays it out through the brochures' limit on
hyphenation (:mod:`pipeline.render.hyphenation`), wide tables and long
words fitted (:mod:`pipeline.render.wide`), and writes a tagged
PDF/UA-1 file, whose tags :func:`finish_tags` completes where WeasyPrint 70
stops short. Its ``url_fetcher`` serves only files below the folders it is
given, so a document cannot make the build read elsewhere on disk or reach
the network.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pipeline.errors import RenderError
from pipeline.render.boxes import tag_notes
from pipeline.render.hyphenation import limit_hyphenation
from pipeline.render.lists import print_list_starts
from pipeline.render.notes import NOTE_ELEMENT, print_footnotes
from pipeline.render.wide import SourceText, log_wide_content, prepare_wide_content, wide_content_findings

PDF_VARIANT = "pdf/ua-1"
"""Readers get the PDF they download tagged (structure tree, ``/MarkInfo``, ``/Lang``,
PDF/UA identification in XMP, the title displayed), as the brochures' screen PDFs are."""

PAGINATION = {"Type": "/Pagination"}
"""The artifact's kind for running heads and folios (ISO 32000-1, 14.8.2.2)."""


def local_fetcher(allowed: Sequence[Path]) -> Any:
    """A WeasyPrint URL fetcher that serves ``file:`` URLs below ``allowed`` only."""
    from weasyprint.urls import URLFetcher

    roots = [root.resolve() for root in allowed]

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not any(path.is_relative_to(root) for root in roots):
                    raise ValueError(f"refused to read {path}: outside the outputs folder")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"}, timeout=5)


def render_pdf(
    html_path: Path, allowed: Sequence[Path], display: str, source: SourceText | None = None
) -> bytes:
    """Render the HTML file at ``html_path`` (and its linked assets) as PDF.

    Wide tables and long words are fitted to the page (:mod:`pipeline.render.wide`);
    what did not fit as written is a warning at its line of ``source``.
    """
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = local_fetcher(allowed)

    def lay_out(source: str) -> Any:
        page = HTML(string=source, base_url=str(html_path), url_fetcher=fetcher)
        return page.render(font_config=fonts)

    try:
        # The layout step the brochures share: hyphenation limited (pipeline/render/hyphenation.py).
        html, document = limit_hyphenation(paper_page(html_path.read_text(encoding="utf-8")), lay_out)
        data = document.write_pdf(uncompressed_pdf=False, pdf_variant=PDF_VARIANT, finisher=finish_tags)
        log_wide_content(wide_content_findings(html, document), source, display)
    except (OSError, ValueError) as exc:
        raise RenderError(display, None, f"expected WeasyPrint to render the page, found: {exc}") from None
    if not isinstance(data, bytes):
        raise RenderError(display, None, "expected PDF bytes from WeasyPrint, found nothing")
    return data


def paper_page(page: str) -> str:
    """An HTML page → the page WeasyPrint lays out, for the A5 PDF and the brochures alike: each
    note at its call (:mod:`pipeline.render.notes`, tagged a ``Note``), each ordered list counting
    from its start (:mod:`pipeline.render.lists`), wide content marked (:mod:`pipeline.render.wide`)."""
    tag_notes(NOTE_ELEMENT)
    return prepare_wide_content(print_list_starts(print_footnotes(page)))


def finish_tags(document: Any, pdf: Any) -> None:
    """A tagged PDF being written (pydyf) → what WeasyPrint 70 leaves short of PDF/UA-1, mended.

    Used as ``write_pdf``'s ``finisher``, before the bytes are written: the
    page margins' content becomes artifacts, every link annotation sits in a
    Link element, and each describes itself by its link's text. An untagged
    PDF is left as it is.
    """
    if "StructTreeRoot" not in pdf.catalog:
        return
    root = _resolve(pdf, pdf.catalog["StructTreeRoot"])
    nums = _resolve(pdf, root["ParentTree"])["Nums"]
    margins_as_artifacts(pdf, nums, _reachable(pdf, root["K"]))
    join_split_sections(pdf, root, nums)
    scope_table_headers(pdf, root)
    _drop_annotations(pdf, nested_link_annotations(pdf, nums))
    describe_links(document)
    tie_notes(pdf, root)


def tie_notes(pdf: Any, root: Any) -> None:
    """The structure tree → each ``Note`` moved beside its ``Reference``, with an ``/ID``.

    WeasyPrint tags the footnote area of each page apart, after the page's
    text (:func:`pipeline.render.boxes.tag_notes` names its notes): a reader
    would meet every note of a page after the page. PDF/UA-1 (7.9) wants notes
    tagged ``Note`` with an ID; here each comes right after its reference, in
    the reading order (the n-th note is the n-th reference's: notes are numbered
    in the order of their calls). Every ID of the tree (WeasyPrint gives table
    headers one) is listed in the ``/IDTree``, which WeasyPrint leaves out.
    """
    import pydyf

    references, notes, identified = [], [], []
    pending = list(reversed([kid for kid in root["K"] if isinstance(kid, bytes)]))
    while pending:
        reference = pending.pop()
        element = _resolve(pdf, reference)
        if not isinstance(element, dict) or element.get("Type") != "/StructElem":
            continue
        if element["S"] == "/Reference":
            references.append(reference)
        elif element["S"] == "/Note":
            notes.append(reference)
        if "ID" in element:
            identified.append((str(element["ID"].string), reference))
        pending += reversed([kid for kid in element.get("K", []) if isinstance(kid, bytes)])
    if len(references) != len(notes):
        raise ValueError(f"found {len(references)} note calls and {len(notes)} notes")
    for number, (call, note) in enumerate(zip(references, notes, strict=True), start=1):
        element, reference = _resolve(pdf, note), _resolve(pdf, call)
        area = _resolve(pdf, element["P"])
        area["K"].remove(note)
        parent = _resolve(pdf, reference["P"])
        parent["K"].insert(parent["K"].index(call) + 1, note)
        element["P"] = reference["P"]
        identifier = f"note-{number:04d}"  # zero-padded: the ID tree lists names in byte order
        element["ID"] = pydyf.String(identifier)
        identified.append((identifier, note))
        if not area["K"]:
            _resolve(pdf, area["P"])["K"].remove(area.reference)
    if identified:
        names = [item for name, kid in sorted(identified) for item in (pydyf.String(name), kid)]
        tree = pydyf.Dictionary({"Names": pydyf.Array(names)})
        pdf.add_object(tree)
        root["IDTree"] = tree.reference


def join_split_sections(pdf: Any, root: Any, nums: list[Any]) -> None:
    """The structure tree → each article of a collection one ``Sect``, not one a page.

    WeasyPrint 70 tags an element laid out over several pages as one structure
    element a page: a collection's article (a ``<section>``,
    :mod:`pipeline.press.collection`) would read as a ``Sect`` a page. A run
    of ``Sect`` elements of the document, the first holding a level-1 heading
    (the article's title) and the others none, is joined into the first: their
    kids move to it (content they mark directly, as references to its page),
    and the parent tree names it. A draft's watermark, a ``Div`` on every
    page, does not end the run.
    """
    import pydyf

    joined: dict[bytes, bytes] = {}
    for document in (_resolve(pdf, kid) for kid in root["K"] if isinstance(kid, bytes)):
        if not isinstance(document, dict) or not isinstance(document.get("K"), list):
            continue
        kept: list[Any] = []
        group: tuple[bytes, Any] | None = None
        for kid in document["K"]:
            element: Any = _resolve(pdf, kid) if isinstance(kid, bytes) else {}
            is_section = isinstance(element, dict) and element.get("S") == "/Sect"
            titled = is_section and _holds_role(pdf, element, "/H1")
            if not is_section and group is not None and _is_plain_div(pdf, element):
                kept.append(kid)  # a draft's watermark, on every page: the article goes on after it
                continue
            if is_section and not titled and group is not None:
                reference, target = group
                for child in element.get("K", []):
                    if isinstance(child, int):
                        child = pydyf.Dictionary({"Type": "/MCR", "Pg": element["Pg"], "MCID": child})
                    elif isinstance(child, bytes) and _resolve(pdf, child).get("Type") == "/StructElem":
                        _resolve(pdf, child)["P"] = reference
                    target["K"].append(child)
                joined[kid] = reference
                continue
            group = (kid, element) if titled and isinstance(element.get("K"), list) else None
            kept.append(kid)
        document["K"] = pydyf.Array(kept)
    if not joined:
        return
    for index in range(1, len(nums), 2):
        if isinstance(nums[index], bytes):
            nums[index] = joined.get(nums[index], nums[index])
        elif isinstance(nums[index], list):
            nums[index][:] = [
                joined.get(item, item) if isinstance(item, bytes) else item for item in nums[index]
            ]


def scope_table_headers(pdf: Any, root: Any) -> None:
    """The structure tree → each table header cell's scope, which WeasyPrint 70 leaves out.

    PDF/UA-1 (7.5) wants a ``TH`` tied to its cells: ``/Scope /Column`` for
    a header of the table's head (``THead``), ``/Row`` for one that opens a row
    of its body. WeasyPrint writes the table attributes' owner only; a scope
    already there is kept.
    """
    import pydyf

    pending: list[tuple[Any, bool]] = [
        (_resolve(pdf, kid), False) for kid in root["K"] if isinstance(kid, bytes)
    ]
    while pending:
        element, in_head = pending.pop()
        if not isinstance(element, dict) or element.get("Type") != "/StructElem":
            continue
        attributes = element.get("A")
        if element.get("S") == "/TH" and (attributes is None or attributes.get("O") == "/Table"):
            scope = "/Column" if in_head else "/Row"
            if attributes is None:
                element["A"] = attributes = pydyf.Dictionary({"O": "/Table"})
            attributes.setdefault("Scope", scope)
        head = in_head or element.get("S") == "/THead"
        pending += [(_resolve(pdf, kid), head) for kid in element.get("K", []) if isinstance(kid, bytes)]


def _is_plain_div(pdf: Any, element: Any) -> bool:
    """Whether a structure element is a ``Div`` with no heading below it (a draft's watermark)."""
    return (
        isinstance(element, dict)
        and element.get("S") == "/Div"
        and not any(_holds_role(pdf, element, f"/H{level}") for level in range(1, 7))
    )


def _holds_role(pdf: Any, element: Any, role: str) -> bool:
    """Whether a structure element, or one below it, has the role ``role`` (``/H1``)."""
    pending = [element]
    while pending:
        current = pending.pop()
        if current.get("S") == role:
            return True
        pending += [
            kid
            for kid in (_resolve(pdf, child) for child in current.get("K", []) if isinstance(child, bytes))
            if isinstance(kid, dict) and kid.get("Type") == "/StructElem"
        ]
    return False


def margins_as_artifacts(pdf: Any, nums: list[Any], reachable: set[bytes]) -> None:
    """The pages' parent tree → the page margins' content marked as pagination artifacts.

    WeasyPrint 70 tags the text of the page-margin boxes (running heads,
    folios) as spans whose structure elements hang outside the structure tree
    (PDF 1.7 has no artifact element): a reader cannot reach them, yet they
    are not artifacts, which PDF/UA-1 (7.1) asks of pagination. Their marked
    content becomes ``/Artifact <</Type /Pagination>>`` and the parent tree
    forgets them.
    """
    for page_number, page_reference in enumerate(pdf.page_references):
        elements = nums[nums.index(page_number) + 1]
        orphans = {mcid for mcid, reference in enumerate(elements) if reference not in reachable}
        if not orphans:
            continue
        stream = _resolve(pdf, _resolve(pdf, page_reference)["Contents"]).stream
        missing = orphans - _mark_artifacts(stream, orphans)
        if missing:
            raise ValueError(f"page {page_number + 1}: marked content {sorted(missing)} is not in its stream")
        for mcid in orphans:
            elements[mcid] = "null"


def nested_link_annotations(pdf: Any, nums: list[Any]) -> set[bytes]:
    """The parent tree → the link annotations of elements inside a link, taken out of the tree.

    An element inside ``<a>`` (a name kept on one line) gets its own link
    annotation, over part of its link's, tagged under a Span: PDF/UA-1 (7.18.5)
    wants every link annotation in a Link element. Its link's annotations
    already cover it, so it is dropped: the references returned leave the pages.
    """
    dropped = set()
    for index in range(1, len(nums), 2):
        if not isinstance(nums[index], bytes):
            continue  # a page's marked content, not an annotation
        element = _resolve(pdf, nums[index])
        if element["S"] == "/Link" or not _inside_link(pdf, element):
            continue
        for kid in list(element["K"]):
            reference = _resolve(pdf, kid)["Obj"] if _is_objr(pdf, kid) else None
            if reference is not None and _resolve(pdf, reference).get("StructParent") == nums[index - 1]:
                element["K"].remove(kid)
                dropped.add(reference)
        nums[index] = "null"
    return dropped


def describe_links(document: Any) -> None:
    """A laid-out document → each link annotation's ``/Contents``, its link's text.

    WeasyPrint writes the link's target (a URL, or a fragment like
    ``le-parcours-de-simon-letonturier``); a reader is better served by the words linked.
    """
    for page in document.pages:
        for *_, box in page.links:
            annotation = getattr(box, "link_annotation", None)
            text = _link_text(box.element) if box.element is not None else ""
            if annotation is not None and text:
                annotation["Contents"] = _pdf_string(text)


def _drop_annotations(pdf: Any, dropped: set[bytes]) -> None:
    """The PDF being written → its pages' annotations without those ``dropped``."""
    for page_reference in pdf.page_references:
        page = _resolve(pdf, page_reference)
        if "Annots" in page:
            page["Annots"] = _pdf_array([kept for kept in page["Annots"] if kept not in dropped])


def _link_text(element: Any) -> str:
    """An HTML element → its text, runs of ordinary white space as one space (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", "".join(element.itertext())).strip()


def _inside_link(pdf: Any, element: Any) -> bool:
    """A structure element → whether a Link element holds it."""
    while "P" in element:
        element = _resolve(pdf, element["P"])
        if element.get("S") == "/Link":
            return True
    return False


def _is_objr(pdf: Any, kid: Any) -> bool:
    return isinstance(kid, bytes) and _resolve(pdf, kid).get("Type") == "/OBJR"


def _pdf_array(items: list[Any]) -> Any:
    import pydyf

    return pydyf.Array(items)


def _pdf_string(text: str) -> Any:
    import pydyf

    return pydyf.String(text)


def _mark_artifacts(stream: list[Any], mcids: set[int]) -> set[int]:
    """A page's content (pydyf items) → the MCIDs in ``mcids`` turned into pagination artifacts, in place.

    ``/Span <</MCID 3>> BDC`` becomes ``/Artifact <</Type /Pagination>> BDC``.
    """
    import pydyf

    marked = set()
    for index, item in enumerate(stream):
        if isinstance(item, pydyf.Dictionary) and item.get("MCID") in mcids and stream[index + 1] == b"BDC":
            marked.add(item["MCID"])
            stream[index - 1 : index + 1] = ["/Artifact", pydyf.Dictionary(PAGINATION)]
    return marked


def _resolve(pdf: Any, reference: bytes) -> Any:
    """``b"12 0 R"`` → object 12 of the pydyf PDF being written."""
    return pdf.objects[int(reference.split()[0])]


def _reachable(pdf: Any, kids: Any) -> set[bytes]:
    """A structure element's ``/K`` → the references of every structure element below it."""
    found: set[bytes] = set()
    pending = [kid for kid in kids if isinstance(kid, bytes)]
    while pending:
        reference = pending.pop()
        if reference in found:
            continue
        found.add(reference)
        kid = _resolve(pdf, reference)
        if isinstance(kid, dict) and kid.get("Type") == "/StructElem":
            pending += [child for child in kid.get("K", []) if isinstance(child, bytes)]
    return found
