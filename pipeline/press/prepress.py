"""An imposed PDF (RGB, from PDFium) → PDF/X-4: CMYK colours, output intent, XMP identification, metadata.

The print shop's file and the booklet are assembled by PDFium from the screen
PDF's pages (:mod:`pipeline.press.impose`), which WeasyPrint writes in RGB
(the screen PDF stays PDF/UA-1 in RGB). Laying the brochure out a second time
with CMYK colours would cost a layout per edition; the brochure draws flat
colours (no gradient), so the colour operators are rewritten instead: every
``rg``/``RG`` becomes ``k``/``K`` with the CMYK value stated for that colour in
:data:`PRINT_COLOURS` (body text 100 % K, never four-colour black). Its figures
are separated with the output intent's profile (:mod:`pipeline.press.images`).
WeasyPrint's ``pdf/x-4`` variant is not used for the same reason, and
because it stamps the wall clock; this module writes what it would (output
intent, ``/Trapped``, XMP with ``pdfxid:GTS_PDFXVersion``, media-management
keys), reproducibly, and strokes the crop marks in the registration colour
(``/Separation /All``) so that they print on every plate.

>>> print_cmyk((0x1D / 255, 0x1D / 255, 0x1B / 255))
(0.0, 0.0, 0.0, 1.0)
>>> print_cmyk((0.5, 0.5, 0.5))
(0.0, 0.0, 0.0, 0.5)
"""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

import pikepdf

from pipeline.errors import RenderError
from pipeline.press.images import separate_images

#: The CMYK characterisation, below ``assets/``: print only, kept out of the web outputs.
PRINT_PROFILE = "icc/FOGRA39L-coated.icc"

#: The CMYK value (0–1) each house colour prints with; other colours are separated by
#: :func:`separate`. Body text, black and the two text greys in black ink only: the
#: running heads, folios, colophon and captions are small text, and a second ink on
#: them shows as a coloured fringe when the plates are off register (the print shop's
#: K-only text rule, ``docs/print-shop.md``). The greys' K is the one of the same
#: lightness in the vendored FOGRA39 profile (L* of 0/0/5/72 is that of K 72): dropping
#: their 5 % Y loses about one unit of b*, a warmth no one sees at 7.5 pt. The red and
#: the light tints are read off the same profile (relative colorimetric), then rounded,
#: their grey component moved to K; the red stays two inks, the brand's colour.
PRINT_COLOURS: dict[str, tuple[float, float, float, float]] = {
    "#000000": (0.0, 0.0, 0.0, 1.0),
    "#1d1d1b": (0.0, 0.0, 0.0, 1.0),  # --ink: text, 100 % K
    "#3b3b38": (0.0, 0.0, 0.0, 0.85),  # the colophon's text
    "#5b5b57": (0.0, 0.0, 0.0, 0.72),  # --muted: running heads, folios, captions
    "#9b1d20": (0.0, 0.93, 0.8, 0.38),  # --accent, Rennes red
    "#d8d2c6": (0.0, 0.03, 0.09, 0.17),  # --rule
    "#f4efe6": (0.0, 0.02, 0.06, 0.04),  # --tint
    "#ffffff": (0.0, 0.0, 0.0, 0.0),
}

#: The operators that set an RGB colour, and the CMYK ones that replace them.
_RGB_TO_CMYK = {"rg": "k", "RG": "K"}


@dataclass(frozen=True)
class OutputIntent:
    """The printing condition the file is separated for, and its ICC characterisation."""

    profile: bytes
    """The CMYK ICC profile (``assets/icc/``)."""
    identifier: str = "FOGRA39"
    """The characterisation's name in the ICC registry."""
    condition: str = "Offset printing, coated paper (ISO 12647-2:2004), FOGRA39L data"


@dataclass(frozen=True)
class PrintInfo:
    """What the print files say about themselves (the screen PDF's metadata and the edition's date)."""

    title: str
    author: str
    subject: str
    lang: str
    date: datetime


def print_cmyk(rgb: tuple[float, float, float]) -> tuple[float, float, float, float]:
    """An RGB colour (0–1) → its stated CMYK value, or its separation when none is stated."""
    hexa = "#" + "".join(f"{round(channel * 255):02x}" for channel in rgb)
    return PRINT_COLOURS.get(hexa) or separate(rgb)


def separate(rgb: tuple[float, float, float]) -> tuple[float, float, float, float]:
    """An RGB colour → CMYK with full grey replacement: a grey is black ink only."""
    black = 1 - max(rgb)
    if black >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    cyan, magenta, yellow = (round((1 - channel - black) / (1 - black), 3) for channel in rgb)
    return (cyan + 0.0, magenta + 0.0, yellow + 0.0, round(black, 3))


def read_print_info(pdf: bytes, date: datetime | None, display: str) -> PrintInfo:
    """The screen PDF's title, author, subject and language, with the edition's date (else 1970)."""
    try:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            info = document.docinfo
            return PrintInfo(
                title=str(info.get("/Title", "")),
                author=str(info.get("/Author", "")),
                subject=str(info.get("/Subject", "")),
                lang=str(document.Root.get("/Lang", "")),
                date=date or datetime.fromtimestamp(0, tz=UTC),
            )
    except pikepdf.PdfError as exc:
        raise RenderError(display, None, f"expected the screen PDF, found: {exc}") from None


def to_pdfx(
    pdf: bytes,
    info: PrintInfo,
    intent: OutputIntent,
    display: str,
    separated: dict[str, bytes] | None = None,
) -> bytes:
    """An imposed RGB PDF → the same pages as PDF/X-4 in CMYK, dated and described by ``info``.

    Its images are separated with the intent's profile (:func:`~pipeline.press.images.separate_images`;
    ``separated`` keeps each separation for the next file made from the same pages), and the fonts
    and images that the imposer copied once for each page it placed are kept once.
    """
    try:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            deduplicate_resources(document)
            separate_images(document, intent.profile, display, {} if separated is None else separated)
            seen: set[tuple[int, int]] = set()
            for page in document.pages:
                _convert(page.obj, document, seen)
                _register_marks(page.obj, document)
                # the brochure's map and tints are transparent: they blend in the output's CMYK
                page.obj.Group = pikepdf.Dictionary(
                    Type=pikepdf.Name.Group, S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceCMYK
                )
            _identify(document, info, intent, hashlib.sha256(pdf).digest())
            buffer = io.BytesIO()
            document.save(buffer, deterministic_id=True, force_version="1.6", compress_streams=True)
            return buffer.getvalue()
    except pikepdf.PdfError as exc:
        raise RenderError(display, None, f"expected an imposed PDF to make PDF/X-4, found: {exc}") from None


#: The resource categories whose entries the imposer copies for each page it places.
_SHARED_RESOURCES = ("/Font", "/XObject", "/ExtGState", "/ColorSpace", "/Pattern", "/Shading")


def deduplicate_resources(document: pikepdf.Pdf) -> int:
    """Point every resource entry at one object among those equal to it; returns how many went.

    PDFium's ``page_as_xobject`` copies a page's resources into the form it
    makes, and WeasyPrint gives all the pages of a document one resource
    dictionary: a brochure of 8 pages imposed becomes 8 copies of each font
    and image. Equal objects are found by their content (a stream's bytes and
    dictionary, down through the objects they refer to); those no entry points
    at any more are not written (qpdf writes what is reachable).
    """
    keys: dict[tuple[int, int], str] = {}
    kept: dict[str, pikepdf.Object] = {}
    replaced = 0

    def visit(resources: pikepdf.Object | None) -> None:
        nonlocal replaced
        if resources is None:
            return
        for category in _SHARED_RESOURCES:
            entries = resources.get(category)
            if not isinstance(entries, pikepdf.Dictionary):
                continue
            for name in list(entries.keys()):
                value = entries[name]
                if not value.is_indirect:
                    continue
                if value.get("/Subtype") == "/Form":
                    visit(value.get("/Resources"))
                key = _content_key(value, keys, set())
                first = kept.setdefault(key, value)
                if first.objgen != value.objgen:
                    entries[name] = first
                    replaced += 1

    for page in document.pages:
        visit(page.obj.get("/Resources"))
    return replaced


def _content_key(value: pikepdf.Object, keys: dict[tuple[int, int], str], path: set[tuple[int, int]]) -> str:
    """A digest of what an object holds, the objects it refers to included (a cycle: by identity)."""
    if not isinstance(value, pikepdf.Object):
        return repr(value)  # a number or a boolean, as pikepdf gives them
    if value.is_indirect:
        objgen = value.objgen
        if objgen in keys:
            return keys[objgen]
        if objgen in path:
            return f"ref {objgen}"
        path = path | {objgen}
    digest = hashlib.sha256()
    if isinstance(value, pikepdf.Stream):
        digest.update(b"stream" + value.read_raw_bytes())
    if isinstance(value, (pikepdf.Dictionary, pikepdf.Stream)):
        for name in sorted(value.keys()):
            if name != "/Length":
                digest.update(f"{name}:{_content_key(value[name], keys, path)};".encode())
    elif isinstance(value, pikepdf.Array):
        digest.update(b"[" + ",".join(_content_key(item, keys, path) for item in value).encode() + b"]")
    else:
        digest.update(repr(value).encode())
    key = digest.hexdigest()
    if value.is_indirect:
        keys[value.objgen] = key
    return key


def _convert(holder: pikepdf.Object, document: pikepdf.Pdf, seen: set[tuple[int, int]]) -> None:
    """Rewrite the colours of a page or form XObject, then of the forms it draws, each once."""
    if holder.is_indirect:
        if holder.objgen in seen:
            return
        seen.add(holder.objgen)
    instructions = [_in_cmyk(instruction) for instruction in pikepdf.parse_content_stream(holder)]
    content = pikepdf.unparse_content_stream(instructions)
    if isinstance(holder, pikepdf.Stream):
        holder.write(content)
    else:
        holder.Contents = document.make_stream(content)
    group = holder.get("/Group")
    if group is not None and "/CS" in group:
        group.CS = pikepdf.Name.DeviceCMYK  # transparency blends in the output's space
    resources = holder.get("/Resources")
    for xobject in (resources.get("/XObject", {}) if resources is not None else {}).values():
        if xobject.get("/Subtype") == "/Form":
            _convert(xobject, document, seen)


def _register_marks(page: pikepdf.Object, document: pikepdf.Pdf) -> None:
    """Strokes drawn on the page itself → the registration colour, printed on every plate.

    On the page itself (the brochure's pages are placed as forms) the imposer
    strokes only the crop marks, so each stroke colour there is a mark's.
    """
    instructions: list[Any] = []
    page_instructions = pikepdf.parse_content_stream(page)
    for instruction in page_instructions:
        if str(getattr(instruction, "operator", "")) == "K":
            instructions += [
                pikepdf.ContentStreamInstruction([pikepdf.Name.Registration], pikepdf.Operator("CS")),
                pikepdf.ContentStreamInstruction([1], pikepdf.Operator("SCN")),
            ]
        else:
            instructions.append(instruction)
    page.Contents = document.make_stream(pikepdf.unparse_content_stream(instructions))
    if len(instructions) == len(page_instructions):
        return  # no mark: the booklet's sheets
    resources = page.Resources
    if "/ColorSpace" not in resources:
        resources.ColorSpace = pikepdf.Dictionary()
    resources.ColorSpace.Registration = pikepdf.Array(
        [
            pikepdf.Name.Separation,
            pikepdf.Name.All,
            pikepdf.Name.DeviceCMYK,
            pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1),
        ]
    )


def _in_cmyk(instruction: Any) -> Any:
    """An ``rg``/``RG`` instruction → ``k``/``K`` with the colour's print value; any other, as it is."""
    operator = str(getattr(instruction, "operator", ""))
    if operator not in _RGB_TO_CMYK:
        return instruction
    red, green, blue = (float(value) for value in instruction.operands)
    return pikepdf.ContentStreamInstruction(
        list(print_cmyk((red, green, blue))), pikepdf.Operator(_RGB_TO_CMYK[operator])
    )


def _identify(document: pikepdf.Pdf, info: PrintInfo, intent: OutputIntent, digest: bytes) -> None:
    """Output intent, document information, language and XMP: what makes the file PDF/X-4."""
    date = _pdf_date(info.date)
    document.docinfo = document.make_indirect(
        pikepdf.Dictionary(
            Title=pikepdf.String(info.title),
            Author=pikepdf.String(info.author),
            Subject=pikepdf.String(info.subject),
            Creator=pikepdf.String("jumelage"),
            Producer=pikepdf.String("jumelage (WeasyPrint, PDFium, pikepdf)"),
            CreationDate=pikepdf.String(date),
            ModDate=pikepdf.String(date),
            Trapped=pikepdf.Name("/False"),
        )
    )
    if info.lang:
        document.Root.Lang = pikepdf.String(info.lang)
    profile = document.make_stream(intent.profile, N=4)
    document.Root.OutputIntents = pikepdf.Array(
        [
            pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent,
                S=pikepdf.Name.GTS_PDFX,
                OutputConditionIdentifier=pikepdf.String(intent.identifier),
                OutputCondition=pikepdf.String(intent.condition),
                RegistryName=pikepdf.String("http://www.color.org"),
                Info=pikepdf.String(intent.condition),
                DestOutputProfile=profile,
            )
        ]
    )
    metadata = document.make_stream(_xmp(info, uuid.UUID(bytes=digest[:16])).encode())
    metadata.Type, metadata.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
    document.Root.Metadata = metadata


def _pdf_date(date: datetime) -> str:
    return date.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


def _xmp(info: PrintInfo, document_id: uuid.UUID) -> str:
    """The XMP packet: Dublin Core, dates, and the PDF/X and media-management keys PDF/X-4 requires."""
    iso = info.date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    language = _xmp_list("dc:language", "Bag", info.lang) if info.lang else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">\n'
        "<dc:format>application/pdf</dc:format>\n"
        f"{_xmp_list('dc:title', 'Alt', info.title)}\n"
        f"{_xmp_list('dc:creator', 'Seq', info.author)}\n"
        f"{_xmp_list('dc:description', 'Alt', info.subject)}\n"
        f"{language}\n"
        f"<xmp:CreateDate>{iso}</xmp:CreateDate>\n"
        f"<xmp:ModifyDate>{iso}</xmp:ModifyDate>\n"
        f"<xmp:MetadataDate>{iso}</xmp:MetadataDate>\n"
        "<xmp:CreatorTool>jumelage</xmp:CreatorTool>\n"
        "<pdf:Producer>jumelage (WeasyPrint, PDFium, pikepdf)</pdf:Producer>\n"
        "<pdf:Trapped>False</pdf:Trapped>\n"
        "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n"
        f"<xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>\n"
        "<xmpMM:VersionID>1</xmpMM:VersionID>\n"
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


def _xmp_list(name: str, kind: str, value: str) -> str:
    """An XMP property holding one value in an RDF container (``Alt`` ones in the default language)."""
    language = ' xml:lang="x-default"' if kind == "Alt" else ""
    return f"<{name}><rdf:{kind}><rdf:li{language}>{escape(value)}</rdf:li></rdf:{kind}></{name}>"
