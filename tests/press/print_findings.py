"""A print PDF → what keeps it from being the PDF/X-4 file we promise, and its crop marks inside the bleed.

Measured on the file itself, with pikepdf and pypdfium2: by tests/press/test_prepress.py
on pipeline.press.prepress's output, and by tests/press/test_brochures.py on every edition built.
"""

from __future__ import annotations

import io

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium_c

RGB_SPACES = {"/DeviceRGB", "/CalRGB"}


def pdfx_findings(pdf: bytes, profile: bytes) -> list[str]:
    """What keeps ``pdf`` from being the PDF/X-4 print file we promise; empty when nothing does."""
    findings = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        intents = document.Root.get("/OutputIntents", [])
        if len(intents) != 1 or intents[0].get("/S") != "/GTS_PDFX":
            findings.append(f"expected one /GTS_PDFX output intent, found {len(intents)}")
        elif intents[0].DestOutputProfile.read_bytes() != profile or intents[0].DestOutputProfile.N != 4:
            findings.append("expected the vendored CMYK profile as the output intent's profile")
        with document.open_metadata(set_pikepdf_as_editor=False) as xmp:
            if xmp.get("pdfxid:GTS_PDFXVersion") != "PDF/X-4":
                findings.append(
                    f"expected pdfxid:GTS_PDFXVersion PDF/X-4, found {xmp.get('pdfxid:GTS_PDFXVersion')!r}"
                )
        info = document.docinfo
        for key in ("/Title", "/Author", "/CreationDate", "/ModDate"):
            if not str(info.get(key, "")):
                findings.append(f"expected {key} in the document information, found none")
        if info.get("/Trapped") != "/False":
            findings.append(f"expected /Trapped /False, found {info.get('/Trapped')}")
        if not str(document.Root.get("/Lang", "")):
            findings.append("expected the document's /Lang, found none")
        for number, page in enumerate(document.pages, 1):
            findings += [f"page {number}: {finding}" for finding in _box_findings(page)]
            findings += [f"page {number}: {finding}" for finding in _group_findings(page)]
            findings += [f"page {number}: {finding}" for finding in _rgb_operators(page.obj, set())]
    return findings


def _group_findings(page: pikepdf.Page) -> list[str]:
    """A page that blends transparency in RGB (or in no stated space) would shift its colours."""
    group = page.obj.get("/Group")
    if group is None or group.get("/CS") != "/DeviceCMYK":
        return [f"expected a transparency group blending in /DeviceCMYK, found {group}"]
    return []


def _box_findings(page: pikepdf.Page) -> list[str]:
    if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
        return ["expected a TrimBox and a BleedBox"]
    media, bleed, trim = (
        [float(value) for value in page.obj[key]] for key in ("/MediaBox", "/BleedBox", "/TrimBox")
    )
    inside = all(
        outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]
        for outer, inner in ((media, bleed), (bleed, trim))
    )
    return [] if inside else [f"expected MediaBox {media} ⊇ BleedBox {bleed} ⊇ TrimBox {trim}"]


def _rgb_operators(holder: pikepdf.Object, seen: set[tuple[int, int]]) -> list[str]:
    """Every RGB colour operator of a page or form, and of the forms it draws."""
    if holder.is_indirect and holder.objgen in seen:
        return []
    seen.add(holder.objgen)
    resources = holder.get("/Resources", pikepdf.Dictionary())
    spaces = resources.get("/ColorSpace", pikepdf.Dictionary())
    found, current = [], {"cs": "", "CS": ""}
    for operands, operator in pikepdf.parse_content_stream(holder):
        name = str(operator)
        if name in ("rg", "RG"):
            found.append(f"RGB colour operator {name} {[float(value) for value in operands]}")
        elif name in current:
            space = spaces.get(str(operands[0]), operands[0])
            family = str(space[0]) if isinstance(space, pikepdf.Array) else str(space)
            current[name] = family
            if family in RGB_SPACES or (family == "/ICCBased" and space[1].get("/N") == 3):
                found.append(f"RGB colour space {family} set by {name}")
    for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
        if xobject.get("/Subtype") == "/Form":
            found += _rgb_operators(xobject, seen)
        elif xobject.get("/ColorSpace") in ("/DeviceRGB",):
            found.append("an image in DeviceRGB")
    return found


def crop_marks_in_bleed(pdf: bytes) -> list[str]:
    """The crop marks (thin paths on the page itself) that touch the BleedBox; empty when none does."""
    document = pypdfium2.PdfDocument(pdf)
    touching = []
    try:
        for number in range(len(document)):
            page = document[number]
            bleed = page.get_bleedbox()
            bounds = [
                obj.get_bounds() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1)
            ]
            marks = [box for box in bounds if min(box[2] - box[0], box[3] - box[1]) < 1]
            if not marks:
                touching.append(f"page {number + 1}: no crop mark")
            for left, bottom, right, top in marks:
                apart = right <= bleed[0] or left >= bleed[2] or top <= bleed[1] or bottom >= bleed[3]
                if not apart:
                    touching.append(f"page {number + 1}: mark {(left, bottom, right, top)} in {bleed}")
    finally:
        document.close()
    return touching
