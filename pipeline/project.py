"""Project root → where everything lives: sources, catalogs, outputs, languages and their locales.

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

from babel import Locale
from babel.core import get_global

from pipeline.errors import CatalogError, SourceError
from pipeline.fileio import read_text

SOURCE_LANGUAGE = "fr"
UI_DOMAIN = "ui"
#: The language of the ``ui`` message ids (the interface is written in English first).
UI_SOURCE_LANGUAGE = "en"


def domain_source_language(domain: str) -> str:
    """The language a domain's msgids are written in: French for an article, English for the interface.

    >>> domain_source_language("ui"), domain_source_language("un-article")
    ('en', 'fr')
    """
    return UI_SOURCE_LANGUAGE if domain == UI_DOMAIN else SOURCE_LANGUAGE


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
#: An article's slug, its file name: its outputs, catalogs and web address are named after it
#: (the Makefile refuses another name too, before any rule).
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: The locales a catalog language is written for, where CLDR's default for its
#: bare code is not the one: the first is the CLDR locale of that language's web
#: page, PDF and e-book (dates, numbers, the ``lang`` of the page), the others
#: are varieties its catalogs serve as they are. Babel's ``en`` is US English;
#: our ``en`` catalogs are British English (Exeter's edition), which Cork's
#: edition (``en-IE``) reads too. A language not listed is written for CLDR's
#: likely locale of its code (``de`` → ``de_DE``) and keeps the bare code.
#: An edition in a locale its language is not written for (``en-US``,
#: Rochester) reads a regional catalog, ``locales/en_US/``, over the language's.
CATALOG_LOCALES: dict[str, tuple[str, ...]] = {"en": ("en_GB", "en_IE")}


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
        """The French articles, sorted by file name; a name that is no slug (:data:`SLUG`) is an error."""
        found = sorted(self.source_dir.glob("*.md"))
        for path in found:
            if not SLUG.fullmatch(path.stem):
                raise SourceError(
                    self.relative(path),
                    None,
                    "expected an article file name of lowercase letters, digits and hyphens (its slug), "
                    f"found {path.name!r}",
                )
        return found

    @property
    def collections_dir(self) -> Path:
        return self.source_dir / "collections"

    def collection_sources(self) -> list[Path]:
        """The French collections (``source/collections/*.md``), sorted; a name that is no slug is an
        error."""
        found = sorted(self.collections_dir.glob("*.md"))
        for path in found:
            if not SLUG.fullmatch(path.stem):
                raise SourceError(
                    self.relative(path),
                    None,
                    "expected a collection file name of lowercase letters, digits and hyphens, "
                    f"found {path.name!r}",
                )
        return found

    def is_collection(self, source: Path) -> bool:
        """Whether ``source`` is a collection's (``source/collections/``), not an article's."""
        return source.parent.resolve() == self.collections_dir.resolve()

    def translated_sources(self) -> list[Path]:
        """Every French source that has a catalog: the articles, then the collections."""
        return [*self.sources(), *self.collection_sources()]

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


def cldr_locale(lang: str) -> str:
    """The CLDR locale that formats the dates and numbers of catalog language or locale ``lang``.

    >>> [cldr_locale(lang) for lang in ("en", "en-US", "en_IE", "de", "de-AT")]
    ['en_GB', 'en_US', 'en_IE', 'de', 'de_AT']
    """
    code = lang.replace("-", "_")
    written_for = CATALOG_LOCALES.get(code)
    return written_for[0] if written_for else code


def language_tag(lang: str) -> str:
    """The BCP 47 tag a page in ``lang`` declares (HTML ``lang``, ``hreflang``, the e-book's language).

    >>> [language_tag(lang) for lang in ("en", "en_US", "de", "fr")]
    ['en-GB', 'en-US', 'de', 'fr']
    """
    return cldr_locale(lang).replace("_", "-")


def regional_catalog(language: str) -> str | None:
    """The regional catalog an edition in ``language`` reads over its language's, if it needs one.

    ``None`` when the language's catalogs are written for that locale: its
    own variety, or one listed with it in :data:`CATALOG_LOCALES`.

    >>> [regional_catalog(lang) for lang in ("en-US", "en-GB", "en-IE", "de-DE", "de-AT", "pl")]
    ['en_US', None, None, None, 'de_AT', None]
    """
    locale = Locale.parse(language.replace("-", "_"))
    if locale.territory is None:
        return None
    code = f"{locale.language}_{locale.territory}"
    written_for = CATALOG_LOCALES.get(locale.language)
    if written_for is None:
        likely = str(get_global("likely_subtags").get(locale.language, ""))
        written_for = (f"{locale.language}_{likely.rpartition('_')[2]}",)
    return None if code in written_for else code


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
