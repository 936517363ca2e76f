"""pipeline.render.lists: an ordered list starting at N is numbered from N on paper too."""

from __future__ import annotations

import io

from pypdf import PdfReader
from weasyprint import HTML

from pipeline.render.lists import print_list_starts


def printed(html: str) -> str:
    return str(PdfReader(io.BytesIO(HTML(string=html).write_pdf())).pages[0].extract_text())


def test_a_list_starting_at_seven_is_printed_from_seven() -> None:
    page = '<ol><li>un</li></ol><ol start="7" type="1"><li>sept</li><li>huit</li></ol>'
    assert "7." not in printed(page)  # what WeasyPrint 70 does with the attribute alone
    text = printed(print_list_starts(page))
    assert "1." in text and "7." in text and "8." in text


def test_lists_from_one_and_pages_without_a_start_are_left_as_they_are() -> None:
    for page in ('<ol start="1"><li>un</li></ol>', "<ol><li>un</li></ol>", "<p>Rien.</p>"):
        assert print_list_starts(page) == page
