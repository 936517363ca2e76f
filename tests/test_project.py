"""pipeline.project: where things live, and the list of languages read strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import CatalogError, SourceError
from pipeline.project import (
    CATALOG_LOCALES,
    Project,
    cldr_locale,
    language_tag,
    parse_linguas,
    regional_catalog,
)


def test_linguas_lists_codes_with_comments_and_regions() -> None:
    text = "en de # Erlangen\n\n# none\npl en_US\n"
    assert parse_linguas(text, Path("LINGUAS")) == ("en", "de", "pl", "en_US")


def test_a_bad_code_in_linguas_is_reported_at_its_line() -> None:
    with pytest.raises(CatalogError) as raised:
        parse_linguas("en\nde\nDeutsch\n", Path("locales/LINGUAS"))
    assert str(raised.value) == "locales/LINGUAS:3: expected a language code such as 'de', found 'Deutsch'"


def test_a_project_without_linguas_says_what_it_expected(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as raised:
        Project(tmp_path).target_languages()
    assert "expected the list of target languages, found no file" in str(raised.value)


def test_french_comes_first_then_the_target_languages(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "LINGUAS").write_text("de cs\n", encoding="utf-8")
    assert Project(tmp_path).languages() == ("fr", "de", "cs")


def test_drafts_live_in_their_own_tree() -> None:
    project = Project(Path("/p"))
    assert project.output_path("de", "a", "pdf") == Path("/p/outputs/de/a.pdf")
    assert project.output_path("de", "a", "pdf", draft=True) == Path("/p/outputs/draft/de/a.pdf")
    assert project.output_path("de", "a", "md") == Path("/p/outputs/.build/de/a.md")
    assert project.catalog_path("en_US", "ui") == Path("/p/locales/en_US/LC_MESSAGES/ui.po")


def test_paths_are_shown_relative_to_the_root_when_inside(tmp_path: Path) -> None:
    project = Project(tmp_path)
    assert project.relative(tmp_path / "source" / "a.md") == "source/a.md"
    assert project.relative(Path("/elsewhere/b.md")) == "/elsewhere/b.md"


@pytest.mark.parametrize(
    ("lang", "locale", "tag"),
    [
        ("en", "en_GB", "en-GB"),  # the en catalogs are British English
        ("en-US", "en_US", "en-US"),  # Rochester's edition
        ("en_IE", "en_IE", "en-IE"),  # Cork's
        ("de", "de", "de"),  # CLDR's de is Germany's German already
        ("cs", "cs", "cs"),
    ],
)
def test_one_table_decides_the_locale_and_tag_of_a_catalog_language(lang: str, locale: str, tag: str) -> None:
    assert cldr_locale(lang) == locale
    assert language_tag(lang) == tag


def test_only_an_edition_its_language_is_not_written_for_reads_a_regional_catalog() -> None:
    assert CATALOG_LOCALES["en"][0] == "en_GB"
    assert regional_catalog("en-US") == "en_US"
    assert [regional_catalog(lang) for lang in ("en-GB", "en-IE", "de-DE", "pl-PL", "cs-CZ")] == [None] * 5


@pytest.mark.parametrize("name", ["mon article.md", "Été.md", "a_b.md"])
def test_an_article_file_name_that_is_no_slug_is_an_error_naming_it(tmp_path: Path, name: str) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "bon-article.md").write_text("", encoding="utf-8")
    (tmp_path / "source" / name).write_text("", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        Project(tmp_path).sources()
    assert str(error.value) == (
        f"source/{name}: expected an article file name of lowercase letters, digits and hyphens (its slug), "
        f"found {name!r}"
    )
