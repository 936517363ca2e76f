"""``source/editions.yml`` → :class:`EditionsConfig`: the partner cities' editions and their publisher.

An edition is configuration only: city, country (a CLDR territory code, named
in each language by Babel), language and region, year of twinning, paper.
Adding a city is an entry in the file, and a catalog if its language is new.

The publisher's block (name, department, postal address, email, printer) and
the web edition's address are printed on every back cover. A value not yet
confirmed is a **placeholder**, written ``TO CONFIRM: <what is awaited>``; the
site address keeps a provisional address after the colon, since links and QR
codes need one meanwhile. Placeholders are printed as such, warned about by
``jumelage check`` and refused by ``jumelage preflight``.

>>> value = parse_value("TO CONFIRM: https://jumelage.example.org/")
>>> value.text, value.confirmed
('https://jumelage.example.org/', False)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from pipeline.errors import JumelageError
from pipeline.fileio import read_text
from pipeline.text import base_language
from pipeline.yamltext import load_yaml


class EditionError(JumelageError):
    """An editions file that cannot be used."""


@dataclass(frozen=True)
class Paper:
    """A trim size, and the sheet two pages are imposed on for saddle stitching."""

    name: str
    width_mm: float
    height_mm: float
    sheet: str
    sheet_width_mm: float
    sheet_height_mm: float

    @property
    def css_size(self) -> str:
        return f"{self.width_mm}mm {self.height_mm}mm"


PAPERS: dict[str, Paper] = {
    "A5": Paper("A5", 148, 210, "A4 landscape", 297, 210),
    # Half letter is 5.5 × 8.5 in; two of them make a US Letter sheet, landscape.
    "half-letter": Paper("half-letter", 139.7, 215.9, "US Letter landscape", 279.4, 215.9),
}


@dataclass(frozen=True)
class Edition:
    """One partner city's edition."""

    key: str
    city: str
    territory: str
    language: str
    #: The year of twinning; ``None`` while it is a placeholder (``twinned: "TO CONFIRM: …"``).
    twinned: int | None
    paper: Paper

    @property
    def lang(self) -> str:
        """The catalog language: ``en`` for ``en-GB``."""
        return base_language(self.language)

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.language.replace("-", "_"))

    @property
    def region_catalog(self) -> str:
        """The gettext name of a regional catalog that may override a few messages (``en_US``)."""
        return self.language.replace("-", "_")

    def country(self) -> str:
        """The partner city's country, named by CLDR in the edition's language."""
        return str(self.locale.territories.get(self.territory, self.territory))


#: A value starting with this marker is a placeholder, not yet confirmed.
TO_CONFIRM = "TO CONFIRM:"


@dataclass(frozen=True)
class Value:
    """A printed value of the editions file; ``text`` is what follows the marker in a placeholder."""

    text: str
    confirmed: bool = True


def parse_value(raw: str) -> Value:
    """``"TO CONFIRM: printer"`` → a placeholder; anything else → a confirmed value."""
    if raw.startswith(TO_CONFIRM):
        return Value(raw[len(TO_CONFIRM) :].strip(), confirmed=False)
    return Value(raw.strip())


#: The publisher's fields, in the order the back cover prints them; all required.
PUBLISHER_FIELDS = ("name", "department", "address", "email", "printer")


@dataclass(frozen=True)
class Publisher:
    """The publishing service's block, printed on every back cover."""

    name: Value
    department: Value
    address: Value
    email: Value
    printer: Value


@dataclass(frozen=True)
class Placeholder:
    """A value of the editions file still to confirm: where it is and which field it is."""

    line: int | None
    field: str
    """``site-url`` or ``publisher.address`` …"""
    note: str


@dataclass(frozen=True)
class EditionsConfig:
    """Every edition, the publisher, and the address of the web edition printed in each colophon."""

    site_url: str
    editions: tuple[Edition, ...]
    publisher: Publisher = Publisher(*(Value("") for _ in PUBLISHER_FIELDS))
    site_url_confirmed: bool = True
    placeholders: tuple[Placeholder, ...] = ()

    def get(self, key: str) -> Edition:
        for edition in self.editions:
            if edition.key == key:
                return edition
        raise EditionError("source/editions.yml", None, f"expected an edition named {key!r}, found none")


def parse_editions(text: str, path: str) -> EditionsConfig:
    """Parse and validate the editions file; every mistake names its line."""
    data, node = load_yaml(text, path, 1, EditionError)
    if not isinstance(data, dict) or not isinstance(data.get("editions"), dict):
        raise EditionError(path, 1, "expected a mapping with 'site-url' and 'editions', found something else")
    lines = _key_lines(node)
    raw_url = data.get("site-url")
    site = parse_value(raw_url) if isinstance(raw_url, str) else Value("")
    if not site.text.startswith(("https://", "http://")):
        raise EditionError(path, lines.get(("site-url",)), f"expected an http(s) address, found {raw_url!r}")
    editions = tuple(
        _edition(key, value, path, lines.get(("editions", key))) for key, value in data["editions"].items()
    )
    publisher = _publisher(data.get("publisher"), path, lines)
    placeholders = [
        Placeholder(lines.get(("publisher", name)), f"publisher.{name}", getattr(publisher, name).text)
        for name in PUBLISHER_FIELDS
        if not getattr(publisher, name).confirmed
    ]
    if not site.confirmed:
        placeholders.append(Placeholder(lines.get(("site-url",)), "site-url", site.text))
    for edition in editions:
        if edition.twinned is None:
            note = parse_value(str(data["editions"][edition.key]["twinned"])).text
            placeholders.append(
                Placeholder(lines.get(("editions", edition.key, "twinned")), f"{edition.key}.twinned", note)
            )
    url = site.text if site.text.endswith("/") else site.text + "/"
    return EditionsConfig(
        url,
        editions,
        publisher,
        site.confirmed,
        tuple(sorted(placeholders, key=lambda placeholder: placeholder.line or 0)),
    )


def _publisher(value: Any, path: str, lines: dict[tuple[str, ...], int]) -> Publisher:
    if not isinstance(value, dict):
        raise EditionError(
            path,
            lines.get(("publisher",), 1),
            f"expected a 'publisher' mapping with {', '.join(PUBLISHER_FIELDS)}, found {value!r}",
        )
    fields: dict[str, Value] = {}
    for name in PUBLISHER_FIELDS:
        raw = value.get(name)
        if not isinstance(raw, str) or not raw.strip():
            raise EditionError(
                path,
                lines.get(("publisher", name), lines.get(("publisher",))),
                f"expected the publisher's {name} (or 'TO CONFIRM: {name}'), found {raw!r}",
            )
        fields[name] = parse_value(raw)
    return Publisher(**fields)


def load_editions(path: Path, display: str) -> EditionsConfig:
    return parse_editions(read_text(path, EditionError), display)


def _edition(key: Any, value: Any, path: str, line: int | None) -> Edition:
    if not isinstance(key, str) or not key.isascii() or not key.replace("-", "").isalnum():
        raise EditionError(path, line, f"expected an edition name in ASCII letters, found {key!r}")
    if not isinstance(value, dict):
        raise EditionError(path, line, f"expected the fields of edition {key!r}, found {value!r}")
    for field in ("city", "territory", "language", "twinned", "paper"):
        if field not in value:
            raise EditionError(path, line, f"expected a field '{field}' in edition {key!r}, found none")
    paper = PAPERS.get(str(value["paper"]))
    if paper is None:
        raise EditionError(path, line, f"expected paper {' or '.join(PAPERS)}, found {value['paper']!r}")
    for field in ("city", "territory", "language", "paper"):
        if not isinstance(value[field], str) or not value[field].strip():
            raise EditionError(
                path, line, f"expected the {field} of edition {key!r} as text, found {value[field]!r}"
            )
    language = str(value["language"])
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise EditionError(path, line, f"expected a language such as 'de-DE', found {language!r}") from None
    territory = str(value["territory"])
    if territory not in locale.territories:
        raise EditionError(path, line, f"expected a CLDR territory code such as 'DE', found {territory!r}")
    twinned = value["twinned"]
    pending = isinstance(twinned, str) and not parse_value(twinned).confirmed
    if not pending and (not isinstance(twinned, int) or not 1900 <= twinned <= 2100):
        raise EditionError(
            path,
            line,
            f"expected the year of twinning (or 'TO CONFIRM: year of twinning'), found {twinned!r}",
        )
    return Edition(key, str(value["city"]), territory, language, None if pending else twinned, paper)


def _key_lines(node: yaml.Node | None) -> dict[tuple[str, ...], int]:
    """1-based lines of the keys, by their path: top-level keys, the editions and the publisher's
    fields, each edition's fields."""
    lines: dict[tuple[str, ...], int] = {}

    def walk(mapping: yaml.Node, path: tuple[str, ...]) -> None:
        if not isinstance(mapping, yaml.MappingNode) or len(path) > 2:
            return
        for key, value in mapping.value:
            lines[(*path, str(key.value))] = key.start_mark.line + 1
            walk(value, (*path, str(key.value)))

    if node is not None:
        walk(node, ())
    return lines
