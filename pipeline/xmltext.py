"""XML files from outside (TMX, TBX) → element trees, read safely; trees → deterministic bytes.

Agencies' files are read through defusedxml: an entity, a DTD or malformed
XML is refused with the file's name and, where the parser knows it, the line,
never a tree built from it. Written files carry one declaration, the same on
every machine.

>>> read_xml(b"<tmx/>", "a.tmx", "TMX", JumelageError).tag
'tmx'
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree

import defusedxml.ElementTree as SafeElementTree

from pipeline.errors import JumelageError

DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'


def read_xml(data: bytes, path: str, kind: str, error: type[JumelageError]) -> ElementTree.Element:
    """The root of ``data``; malformed XML, entities and DTDs raise ``error`` at the file (and line)."""
    try:
        root: ElementTree.Element = SafeElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise error(path, line, f"expected {kind} (XML), found malformed XML ({exc.msg})") from None
    except Exception as exc:  # defusedxml's refusals (entities, DTDs) share no base class
        raise error(path, None, f"expected plain {kind}, found {type(exc).__name__}") from None
    return root


def xml_bytes(root: ElementTree.Element) -> bytes:
    """``root`` as UTF-8 with a double-quoted declaration and a final newline."""
    buffer = io.BytesIO()
    ElementTree.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue().replace(b"<?xml version='1.0' encoding='utf-8'?>", DECLARATION, 1) + b"\n"
