"""pandoc's notes → the notes each format wants: footnotes on paper, notes with back links in the e-book.

pandoc writes a Markdown footnote as a numbered reference
(``<a class="footnote-ref" href="#fn1" role="doc-noteref">``) and the note at
the end of the document: in the web page, a ``doc-endnotes`` section whose
notes link back to their references (kept as pandoc writes them); in the
e-book, one ``<aside epub:type="footnote">`` per note, with no number and no
way back, which :func:`epub_notes` adds.

On paper a note is set at the foot of the page of its reference:
:func:`print_footnotes` moves each note's text to where its reference is, in a
:data:`NOTE_ELEMENT` element the print stylesheets float to the page's
footnote area (CSS GCPM's ``float: footnote``, which WeasyPrint sets with its
``::footnote-call`` and ``::footnote-marker``). That element's own name lets
the tagged PDF call it a ``Note`` and its call a ``Reference``
(:func:`pipeline.render.boxes.tag_notes`).

>>> page = ('<main><p>Un mot<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref">'
...         '<sup>1</sup></a>.</p>\\n<section id="footnotes" class="footnotes" role="doc-endnotes">'
...         '<hr />\\n<ol>\\n<li id="fn1"><p>Une note.<a href="#fnref1" class="footnote-back" '
...         'role="doc-backlink">↩︎</a></p></li>\\n</ol>\\n</section>\\n</main>')
>>> print_footnotes(page)
'<main><p>Un mot<jumelage-note id="fn1">Une note.</jumelage-note>.</p>\\n</main>'
"""

from __future__ import annotations

import re

from pipeline.render import markup

#: The element a note is set in on paper (a custom element: phrasing content, so that the
#: HTML parser keeps it inside its paragraph, and a name of its own for the PDF's tags).
NOTE_ELEMENT = "jumelage-note"

_NOTE_ID = re.compile(r"^fn\d+$")
_PARAGRAPH = re.compile(r"^\s*<p>(?P<inner>.*?)</p>\s*$", re.DOTALL)
_BACK_LINK = re.compile(r'<a [^>]*class="footnote-back"[^>]*>.*?</a>', re.DOTALL)


def print_footnotes(page: str) -> str:
    """An HTML page → each note set at its reference, in a :data:`NOTE_ELEMENT`; the notes' section gone.

    A note of several paragraphs is one, its paragraphs separated by line breaks.
    A page without notes comes back unchanged.
    """
    if "footnote-ref" not in page:
        return page
    found = markup.elements(page, {"a", "section", "li", "p"})
    sections = [element for element in found if element.tag == "section" and _is_notes(element)]
    if not sections:
        return page
    section = sections[0]
    notes: dict[str, str] = {}
    for item in found:
        if item.tag == "li" and item.parent is section and _NOTE_ID.match(str(item.attributes.get("id"))):
            notes[f"#{item.attributes['id']}"] = _note_text(page, item)
    edits: list[tuple[int, int, str]] = []
    for link in found:
        if link.tag == "a" and "footnote-ref" in (link.attributes.get("class") or "").split():
            target = str(link.attributes.get("href"))
            if target in notes:
                identifier = target[1:]
                text = notes[target]
                edits.append(
                    (link.start, link.end, f'<{NOTE_ELEMENT} id="{identifier}">{text}</{NOTE_ELEMENT}>')
                )
    end = section.end + 1 if page[section.end : section.end + 1] == "\n" else section.end
    edits.append((section.start, end, ""))
    return markup.splice(page, sorted(edits))


def epub_notes(xhtml: str) -> str:
    """An e-book's XHTML document → each note opening with its number, a link back to its reference.

    >>> epub_notes('<aside epub:type="footnote" role="doc-footnote" id="fn2">\\n<p>Une note.</p>\\n</aside>')
    '<aside epub:type="footnote" role="doc-footnote" id="fn2">\\n<p><a href="#fnref2" \
class="footnote-back" role="doc-backlink">2</a>. Une note.</p>\\n</aside>'
    """
    if 'epub:type="footnote"' not in xhtml:
        return xhtml
    edits = []
    found = markup.elements(xhtml, {"aside", "p"})
    for aside in found:
        identifier = str(aside.attributes.get("id"))
        if (
            aside.tag != "aside"
            or aside.attributes.get("epub:type") != "footnote"
            or not _NOTE_ID.match(identifier)
        ):
            continue
        first = next((p for p in found if p.tag == "p" and p.parent is aside), None)
        at = first.open_end if first is not None else aside.open_end
        number = identifier[2:]
        edits.append(
            (at, at, f'<a href="#fnref{number}" class="footnote-back" role="doc-backlink">{number}</a>. ')
        )
    return markup.splice(xhtml, edits)


def _is_notes(element: markup.Element) -> bool:
    return (
        element.attributes.get("role") == "doc-endnotes"
        or "footnotes" in (element.attributes.get("class") or "").split()
    )


def _note_text(page: str, item: markup.Element) -> str:
    """A note's ``<li>`` → its content as phrasing content: no back link, paragraphs as lines."""
    inner = _BACK_LINK.sub("", page[item.open_end : item.close_start]).strip()
    paragraphs = re.split(r"(?<=</p>)\s*(?=<p>)", inner)
    return "<br />".join(
        (match.group("inner") if (match := _PARAGRAPH.match(part)) else part).strip() for part in paragraphs
    )
