"""pipeline.workflow.rules: each edition's Makefile rule lists its own language's catalogs only."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.project import Project
from pipeline.workflow.rules import edition_rules

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
