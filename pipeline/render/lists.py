"""An HTML page about to be laid out on paper → its ordered lists counting from their ``start``.

pandoc writes a list that starts at 7 (``7. item`` in Markdown) as
``<ol start="7">``; browsers and reading systems count from there, but
WeasyPrint 70 ignores the attribute and would print 1, 2, 3. On paper each
such list says it in CSS, as ``counter-reset: list-item 6``.

>>> print_list_starts('<ol start="7" type="1">\\n<li>sept</li>\\n</ol><ol><li>un</li></ol>')
'<ol start="7" type="1" style="counter-reset: list-item 6">\\n<li>sept</li>\\n</ol><ol><li>un</li></ol>'
"""

from __future__ import annotations

from pipeline.render import markup


def print_list_starts(page: str) -> str:
    """``page`` with each ``<ol start="N">`` (N ≠ 1) counting from N in WeasyPrint, other lists unchanged."""
    if "<ol start=" not in page:
        return page
    edits = []
    for tag in markup.start_tags(page, {"ol"}):
        start = str(tag.attributes.get("start") or "")
        if start.lstrip("-").isdigit() and int(start) != 1 and "style" not in tag.attributes:
            at = tag.end - 1
            edits.append((at, at, f' style="counter-reset: list-item {int(start) - 1}"'))
    return markup.splice(page, edits)
