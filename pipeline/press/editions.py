"""``source/editions.yml`` → :class:`Edition` list: the partner cities' printed editions.

An edition is configuration only: city, country (a CLDR territory code, named
in each language by Babel), language and region, year of twinning, paper.
Adding a city is an entry in the file, and a catalog if its language is new.
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
    twinned: int
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


@dataclass(frozen=True)
class EditionsConfig:
    """Every edition, and the address of the web edition printed in each colophon."""

    site_url: str
    editions: tuple[Edition, ...]

    def get(self, key: str) -> Edition:
        for edition in self.editions:
            if edition.key == key:
                return edition
        raise EditionError("source/editions.yml", None, f"expected an edition named {key!r}, found none")


def parse_editions(text: str, path: str) -> EditionsConfig:
    """Parse and validate the editions file; every mistake names its line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise EditionError(
            path, mark.line + 1 if mark else None, f"expected YAML, found: {exc.problem}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("editions"), dict):
        raise EditionError(path, 1, "expected a mapping with 'site-url' and 'editions', found something else")
    lines = _key_lines(node)
    site_url = data.get("site-url")
    if not isinstance(site_url, str) or not site_url.startswith(("https://", "http://")):
        raise EditionError(path, lines.get(("site-url",)), f"expected an http(s) address, found {site_url!r}")
    editions = tuple(
        _edition(key, value, path, lines.get(("editions", key))) for key, value in data["editions"].items()
    )
    return EditionsConfig(site_url if site_url.endswith("/") else site_url + "/", editions)


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
    language = str(value["language"])
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise EditionError(path, line, f"expected a language such as 'de-DE', found {language!r}") from None
    territory = str(value["territory"])
    if territory not in locale.territories:
        raise EditionError(path, line, f"expected a CLDR territory code such as 'DE', found {territory!r}")
    twinned = value["twinned"]
    if not isinstance(twinned, int) or not 1900 <= twinned <= 2100:
        raise EditionError(path, line, f"expected the year of twinning, found {twinned!r}")
    return Edition(key, str(value["city"]), territory, language, twinned, paper)


def _key_lines(node: yaml.Node | None) -> dict[tuple[str, ...], int]:
    """1-based lines of top-level keys and of each edition's key."""
    lines: dict[tuple[str, ...], int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        lines[(str(key.value),)] = key.start_mark.line + 1
        if key.value == "editions" and isinstance(value, yaml.MappingNode):
            for edition_key, _ in value.value:
                lines[("editions", str(edition_key.value))] = edition_key.start_mark.line + 1
    return lines
