"""pipeline.workflow.rules: each edition's Makefile rule lists its own language's catalogs only;
the outputs of an edition no longer listed are removed."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.workflow.rules import edition_rules, write_edition_rules

from ..conftest import ROOT, SLUG


def rule_of(rules: str, edition: str) -> str:
    return next(line for line in rules.splitlines() if f"-{edition}.pdf " in line and "&:" in line)


def test_each_edition_depends_on_its_own_language_and_region() -> None:
    rules = edition_rules(Project(ROOT))
    erlangen = rule_of(rules, "erlangen")
    assert "locales/de/LC_MESSAGES/ui.po" in erlangen and f"locales/de/LC_MESSAGES/{SLUG}.po" in erlangen
    assert not re.search(r"locales/(en|pl|cs)(_\w+)?/", erlangen)
    rochester = rule_of(rules, "rochester")
    assert "locales/en_US/LC_MESSAGES/ui.po" in rochester and "locales/de/" not in rochester
    # The article's US overrides too: an edit of them rebuilds Rochester's three PDFs.
    assert f"$(wildcard locales/en_US/LC_MESSAGES/{SLUG}.po)" in rochester
    # And the manifest of English catalogs: deleting one of them rebuilds the brochure as well.
    assert "$(call catalog_manifest,en)" in rochester and "catalog_manifest,en" not in erlangen
    assert "en_US" not in rule_of(rules, "exeter")


def test_every_edition_has_its_three_pdfs_and_a_list_per_language() -> None:
    rules = edition_rules(Project(ROOT))
    for edition in ("exeter", "rochester", "cork", "erlangen", "poznan", "brno"):
        outputs = rule_of(rules, edition).split(" &:")[0].split()
        folder = f"$(OUT)/editions/{edition}"
        assert outputs == [f"{folder}/{SLUG}-{edition}{kind}.pdf" for kind in ("", "-print", "-booklet")]
    assert re.search(r"^EDITION_PDFS_de := .*-erlangen\.pdf", rules, re.MULTILINE)


def test_a_second_article_gets_rules_of_its_own(project_copy: Path) -> None:
    source = project_copy / "source"
    (source / "second.md").write_text((source / f"{SLUG}.md").read_text(encoding="utf-8"), encoding="utf-8")
    rules = edition_rules(Project(project_copy))
    assert "$(JOB) edition source/second.md --edition brno" in rules


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
