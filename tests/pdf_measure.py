"""A PDF's pages → its text lines as a reader sees them, and the typographic measures taken on them.

Read with pypdfium2's character boxes: a line is a run of characters on one
baseline; a word space is measured as the gap between the words it separates
(the loose boxes: glyph advances), against the space glyph's own advance in
the same font and size, which is the font's normal space.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: What a line broken inside a word ends with: WeasyPrint's hyphen (U+2010), a hyphen-minus.
LINE_HYPHENS = ("\u2010", "-", "\u00ad")
#: A folio, alone on its line: digits, with or without a word ("Page 3").
_FOLIO = re.compile(r"^\D{0,8}\d+\D{0,4}$")
#: How close to the column's right edge a line must end to count as justified (pt).
_FULL_LINE_TOLERANCE = 1.0
#: Charis SIL's space, 0.293 em, at WeasyPrint's 0.75 pt a CSS px: where a line has no space glyph to measure.
_SPACE_SHARE = 0.293 * 0.75


@dataclass(frozen=True)
class Line:
    """One line of text on a page: its characters, baseline and horizontal extent (pt)."""

    text: str
    baseline: float
    left: float
    right: float
    spaces: tuple[float, ...]
    """Each word space's width relative to the font's normal space."""


def page_lines(pdf: Path) -> list[list[Line]]:
    """PDF → for each page, its lines in reading order."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf.read_bytes())
    pages = [_lines(document[index].get_textpage()) for index in range(len(document))]
    document.close()
    return pages


_Box = tuple[float, float, float, float]
_Char = tuple[str, _Box, float, float]  # character, loose box, baseline, font size


def _lines(text: Any) -> list[Line]:
    import pypdfium2.raw as pdfium_c

    x, y = ctypes.c_double(), ctypes.c_double()
    lines: list[list[_Char]] = []
    for index in range(text.count_chars()):
        char = text.get_text_range(index, 1)
        if char in "\r\n":
            continue
        pdfium_c.FPDFText_GetCharOrigin(text.raw, index, x, y)
        size = pdfium_c.FPDFText_GetFontSize(text.raw, index)
        box = text.get_charbox(index, loose=True)
        if lines and abs(lines[-1][-1][2] - y.value) < 1.0 and box[0] >= lines[-1][-1][1][0] - 0.5:
            lines[-1].append((char, box, y.value, size))
        else:
            lines.append([(char, box, y.value, size)])
    return [_line(chars) for chars in lines]


def _line(chars: list[_Char]) -> Line:
    # The font's normal space: a space glyph's advance; where PDFium made the
    # space up from a gap (an empty box), the line's size times the space's
    # share of the font size in the real space glyphs around it.
    glyphs = [char for char in chars if char[0] == " " and char[1][2] - char[1][0] > 0]
    shares = sorted((box[2] - box[0]) / size for _, box, _, size in glyphs if size > 0)
    share = shares[len(shares) // 2] if shares else _SPACE_SHARE
    spaces = []
    for index in range(1, len(chars) - 1):
        # A word space is a run of spaces (a no-break one among them) between two printed characters,
        # in the size of the word it leads to: PDFium gives the spaces it makes up a size of 1.
        if chars[index][0].isspace() and not chars[index - 1][0].isspace():
            after = next((char for char in chars[index:] if not char[0].isspace()), None)
            if after is not None:
                spaces.append((after[1][0] - chars[index - 1][1][2]) / (after[3] * share))
    printed = [box for char, box, _, _ in chars if not char.isspace()] or [chars[0][1]]
    return Line(
        text="".join(char for char, *_ in chars).strip(),
        baseline=chars[0][2],
        left=min(box[0] for box in printed),
        right=max(box[2] for box in printed),
        spaces=tuple(spaces),
    )


def ends_hyphenated(line: Line) -> bool:
    """A line broken inside a word: it ends with a hyphen after a letter."""
    return len(line.text) > 1 and line.text.endswith(LINE_HYPHENS) and line.text[-2].isalpha()


def longest_hyphen_run(pages: list[list[Line]]) -> int:
    """The most hyphenated lines in a row, on any page."""
    longest = 0
    for lines in pages:
        run = 0
        for line in lines:
            run = run + 1 if ends_hyphenated(line) else 0
            longest = max(longest, run)
    return longest


def page_final_hyphens(pages: list[list[Line]]) -> list[str]:
    """The last line of each page (its folio aside) that ends on a hyphen, as "p. N: text"."""
    found = []
    for number, lines in enumerate(pages, start=1):
        body = [line for line in lines if not _FOLIO.match(line.text)]
        if body:
            last = min(body, key=lambda line: line.baseline)
            if ends_hyphenated(last):
                found.append(f"p. {number}: {last.text}")
    return found


def widest_justified_space(pages: list[list[Line]]) -> tuple[float, str]:
    """The widest word space of a justified line, relative to the font's normal space, and where it is.

    A line counts as justified when it reaches the right edge of its page's
    widest lines: a paragraph's last line and ragged-right lines end short of
    it and set their spaces at the font's normal width anyway.
    """
    widest, where = 0.0, ""
    for number, lines in enumerate(pages, start=1):
        if not lines:
            continue
        edge = max(line.right for line in lines if line.spaces) if any(line.spaces for line in lines) else 0.0
        for line in lines:
            if line.spaces and line.right >= edge - _FULL_LINE_TOLERANCE and max(line.spaces) > widest:
                widest, where = max(line.spaces), f"p. {number}: {line.text}"
    return widest, where


def text_outside_page(pdf: Path, tolerance: float = 0.5) -> list[str]:
    """The characters whose box reaches past the page's edge (clipped, so unreadable), as "p. N: text"."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf.read_bytes())
    found = []
    try:
        for number, page in enumerate(document, start=1):
            width, height = page.get_size()
            text = page.get_textpage()
            outside = ""
            for index in range(text.count_chars()):
                left, bottom, right, top = text.get_charbox(index)
                if right > left and (
                    left < -tolerance
                    or bottom < -tolerance
                    or right > width + tolerance
                    or top > height + tolerance
                ):
                    outside += text.get_text_range(index, 1)
            if outside:
                found.append(f"p. {number}: {outside[:60]}")
    finally:
        document.close()
    return found


def cover_title_lines(pdf: Path) -> list[str]:
    """The lines of a brochure's cover title, read from the PDF's first page, top to bottom.

    The title is the cover's big type: its lines are the text segments taller
    than any other (24 pt; the rest is 12 pt or less), a line's segments
    sharing their baseline. A draft's watermark is big too, but set at an
    angle across the page's middle, so only the upper half of the cover counts.
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf.read_bytes())
    page = document[0]
    text = page.get_textpage()
    lines: dict[int, list[tuple[float, str]]] = {}
    for index in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(index)
        if top - bottom > 15 and bottom > page.get_height() / 2:
            lines.setdefault(round(bottom / 4), []).append(
                (left, text.get_text_bounded(left, bottom, right, top))
            )
    return [
        " ".join("".join(part for _, part in sorted(segments)).split())
        for _, segments in sorted(lines.items(), reverse=True)
    ]


#: A note's call and its marker are set smaller than any text they sit in (pt): brochure.css, jumelage.css.
NOTE_SIZE = 8.5
_NOTE_LINE = re.compile(r"^(\d+)\.\s")


def note_pages(pdf: Path) -> tuple[dict[int, int], dict[int, int]]:
    """A PDF → on which page (from 1) each note is called, and on which its text begins, by number.

    Read from the characters' positions and sizes: a call is a run of figures
    set smaller than the character before it and raised above its baseline; a
    note begins on a line in small type that opens with its number and a full stop.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    calls: dict[int, int] = {}
    notes: dict[int, int] = {}
    document = pdfium.PdfDocument(pdf.read_bytes())
    x, y = ctypes.c_double(), ctypes.c_double()
    for index in range(len(document)):
        text = document[index].get_textpage()
        chars = []
        for at in range(text.count_chars()):
            char = text.get_text_range(at, 1)
            pdfium_c.FPDFText_GetCharOrigin(text.raw, at, x, y)
            # PDFium gives the size WeasyPrint writes, in CSS px (under a 0.75 matrix): in pt, * 0.75.
            chars.append((char, pdfium_c.FPDFText_GetFontSize(text.raw, at) * 0.75, y.value))
        run = ""
        for (char, size, baseline), before in zip(chars, [("", 0.0, 0.0), *chars], strict=False):
            small = char.isdigit() and size <= NOTE_SIZE
            if small and (run or (before[0].strip() and size < 0.8 * before[1] and baseline > before[2] + 1)):
                run += char
                continue
            if run:
                calls.setdefault(int(run), index + 1)
            run = ""
        for line in _lines(text):
            found = _NOTE_LINE.match(line.text)
            if found and _small_line(chars, line):
                notes.setdefault(int(found.group(1)), index + 1)
    document.close()
    return calls, notes


def _small_line(chars: list[tuple[str, float, float]], line: Line) -> bool:
    """Whether the characters on ``line``'s baseline are in small type."""
    sizes = [size for char, size, baseline in chars if abs(baseline - line.baseline) < 0.5 and char.strip()]
    return bool(sizes) and max(sizes) <= NOTE_SIZE
