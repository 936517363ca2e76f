"""Project root → where everything lives: sources, catalogs, outputs, languages.

One frozen :class:`Project` is built by the CLI from ``--root`` and handed to
the stages, so no code depends on the current directory.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import CatalogError
from pipeline.fileio import read_text

SOURCE_LANGUAGE = "fr"
UI_DOMAIN = "ui"
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


@dataclass(frozen=True)
class Project:
    """The folders of a jumelage checkout."""

    root: Path
    # Another catalog tree and output tree, for the pseudo-localised edition.
    locales: Path | None = None
    outputs: Path | None = None

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    @property
    def locales_dir(self) -> Path:
        return self.locales or self.root / "locales"

    @property
    def outputs_dir(self) -> Path:
        return self.outputs or self.root / "outputs"

    @property
    def glossary_path(self) -> Path:
        return self.root / "locales" / "glossary.csv"

    @property
    def assets_dir(self) -> Path:
        return self.root / "assets"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    def sources(self) -> list[Path]:
        """The French articles, sorted by file name."""
        return sorted(self.source_dir.glob("*.md"))

    def target_languages(self) -> tuple[str, ...]:
        """The languages listed in ``locales/LINGUAS``."""
        path = self.root / "locales" / "LINGUAS"
        if not path.is_file():
            raise CatalogError(path, None, "expected the list of target languages, found no file")
        return parse_linguas(read_text(path, CatalogError), path)

    def languages(self) -> tuple[str, ...]:
        """French first, then every target language."""
        return (SOURCE_LANGUAGE, *self.target_languages())

    def template_path(self, slug: str, domain: str | None = None) -> Path:
        return self.locales_dir / f"{domain or slug}.pot"

    def catalog_path(self, lang: str, slug: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{slug}.po"

    def output_base(self, draft: bool = False) -> Path:
        """Drafts live in their own tree, so a draft can never pass for a release."""
        return self.outputs_dir / "draft" if draft else self.outputs_dir

    def output_path(self, lang: str, slug: str, extension: str, draft: bool = False) -> Path:
        if extension == "md":
            return self.output_base(draft) / ".build" / lang / f"{slug}.md"
        return self.output_base(draft) / lang / f"{slug}.{extension}"

    def relative(self, path: Path) -> str:
        """``path`` relative to the root when it is inside, for messages and locations."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def parse_linguas(text: str, path: Path) -> tuple[str, ...]:
    r"""A LINGUAS file → its language codes, one or more a line (``#`` starts a comment).

    >>> parse_linguas("# targets\nen de  # Erlangen\npl\n", Path("LINGUAS"))
    ('en', 'de', 'pl')
    """
    languages: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for code in line.split("#", 1)[0].split():
            if not _LANGUAGE_CODE.match(code):
                raise CatalogError(path, number, f"expected a language code such as 'de', found {code!r}")
            languages.append(code)
    return tuple(languages)


def source_date(root: Path) -> datetime | None:
    """The date outputs carry: ``SOURCE_DATE_EPOCH``, else the last commit, else none.

    Never the wall clock, so that two builds of one commit give the same bytes.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        try:
            value = subprocess.run(
                ["git", "log", "-1", "--format=%ct"],
                cwd=root,
                capture_output=True,
                text=True,
                check=True,
                timeout=10,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)
