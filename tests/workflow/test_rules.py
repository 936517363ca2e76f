"""pipeline.workflow.rules: the Makefile's list of each language's brochures; the outputs of an
edition no longer listed are removed."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.workflow.rules import edition_rules, write_edition_rules

from ..project import ROOT, SLUG

COLLECTION = "rennes-international"


def pdfs_of(rules: str, lang: str) -> list[str]:
    return next(line for line in rules.splitlines() if line.startswith(f"EDITION_PDFS_{lang} := ")).split()[
        2:
    ]


def test_each_language_lists_the_three_pdfs_of_its_own_editions() -> None:
    rules = edition_rules(Project(ROOT))
    cities = {"en": ["exeter", "rochester", "cork"], "de": ["erlangen"], "pl": ["poznan"], "cs": ["brno"]}
    for lang, keys in cities.items():
        # Each edition's article, then the collection it prints.
        assert pdfs_of(rules, lang) == [
            f"$(OUT)/editions/{key}/{name}-{key}{kind}.pdf"
            for key in keys
            for name in (SLUG, COLLECTION)
            for kind in ("", "-print", "-booklet")
        ]
        for key in keys:
            assert f"COLLECTION_PDFS_{key} := $(OUT)/editions/{key}/{COLLECTION}-{key}.pdf " in rules
    assert "EDITION_PDFS_fr" not in rules


def test_a_collection_is_printed_in_the_editions_it_names_only(project_copy: Path) -> None:
    path = project_copy / "source" / "collections" / f"{COLLECTION}.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("---\n\n", "editions: [brno]\n---\n\n", 1), encoding="utf-8"
    )
    rules = edition_rules(Project(project_copy))
    assert f"$(OUT)/editions/brno/{COLLECTION}-brno.pdf" in pdfs_of(rules, "cs")
    assert not any(COLLECTION in pdf for pdf in pdfs_of(rules, "de"))
    assert "COLLECTION_PDFS_erlangen := \n" in rules


def test_a_second_article_gets_brochures_of_its_own(project_copy: Path) -> None:
    source = project_copy / "source"
    (source / "second.md").write_text((source / f"{SLUG}.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert "$(OUT)/editions/brno/second-brno-booklet.pdf" in pdfs_of(
        edition_rules(Project(project_copy)), "cs"
    )


def test_the_rules_are_written_whole_and_nothing_else_is_left(project_copy: Path) -> None:
    project = Project(project_copy)
    output = project_copy / "outputs" / ".build" / "editions.mk"
    assert write_edition_rules(project, output) == []
    assert output.read_text(encoding="utf-8") == edition_rules(project)
    assert [path.name for path in output.parent.iterdir()] == ["editions.mk"]  # no temporary file


def test_the_outputs_of_an_edition_taken_out_of_the_file_are_removed_and_said(
    project_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = Project(project_copy)
    editions = project_copy / "outputs" / "editions"
    for key in ("exeter", "lyon"):  # lyon: a city an earlier editions.yml listed
        (editions / key).mkdir(parents=True)
        (editions / key / f"{SLUG}-{key}.pdf").write_bytes(b"%PDF-1.7\n")
    (project_copy / "outputs" / "draft" / "editions" / "lyon").mkdir(parents=True)
    with caplog.at_level(logging.INFO, logger="pipeline"):
        removed = write_edition_rules(project, project_copy / "outputs" / ".build" / "editions.mk")
    assert removed == [editions / "lyon"] and not (editions / "lyon").exists()
    assert (editions / "exeter" / f"{SLUG}-exeter.pdf").is_file()
    assert (project_copy / "outputs" / "draft" / "editions" / "lyon").is_dir()  # a release leaves drafts
    assert caplog.messages == [
        "removed outputs/editions/lyon/: lyon is no longer an edition of source/editions.yml"
    ]


def test_the_outputs_of_a_language_or_an_article_taken_out_are_removed_and_said(
    project_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = Project(project_copy)
    outputs = project_copy / "outputs"
    kept = [
        outputs / "de" / f"{SLUG}.pdf",
        outputs / ".build" / "de" / f"{SLUG}.md",
        outputs / ".build" / "de" / "check.stamp",
    ]
    gone = [
        outputs / "de" / "old-article.html",
        outputs / "de" / "old-article-cover.png",
        outputs / ".build" / "de" / "old-article.md",
    ]
    for path in [
        *kept,
        *gone,
        outputs / "ja" / f"{SLUG}.html",
        outputs / ".build" / "ja" / f"{SLUG}.md",
        outputs / "site" / "x.html",
    ]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    with caplog.at_level(logging.INFO, logger="pipeline"):
        removed = write_edition_rules(project, outputs / ".build" / "editions.mk")
    assert sorted(removed) == sorted([outputs / "ja", outputs / ".build" / "ja", *gone])
    assert all(path.is_file() for path in kept) and (outputs / "site" / "x.html").is_file()
    assert not any(path.exists() for path in removed)
    assert "removed outputs/ja/: ja is no longer in locales/LINGUAS" in caplog.messages
    assert "removed outputs/de/old-article.html: no article old-article in source/" in caplog.messages
