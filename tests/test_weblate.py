"""docs/weblate.yml, the Weblate set-up the translator's guide documents, against the repository."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from pipeline.catalogs.po import SOURCE_LANGUAGE_HEADER
from pipeline.project import Project
from pipeline.workflow.exchange import exchanges

ROOT = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "docs" / "weblate.yml").read_text("utf-8"))


def matched(component: dict[str, str]) -> list[Path]:
    """The files a component's file mask and language filter select, as Weblate would."""
    mask = component["filemask"]
    assert mask.count("*") == 1, f"{component['slug']}: a file mask has one * for the language"
    language = re.compile(component["language_regex"])
    prefix, suffix = mask.split("*")
    return sorted(
        path
        for path in ROOT.glob(mask)
        if language.fullmatch(path.relative_to(ROOT).as_posix().removeprefix(prefix).removesuffix(suffix))
    )


def test_every_catalog_is_in_exactly_one_component() -> None:
    catalogs = sorted(exchange.path.resolve() for exchange in exchanges(Project(ROOT)))
    found = sorted(path.resolve() for component in CONFIG["components"] for path in matched(component))
    assert found == catalogs


def test_every_component_has_its_template_and_the_source_language_its_catalogs_name() -> None:
    for component in CONFIG["components"]:
        assert component["file_format"] == "po" and component["template"] == ""
        assert (ROOT / component["new_base"]).is_file(), component["new_base"]
        for path in matched(component):
            header = f'"{SOURCE_LANGUAGE_HEADER}: {component["source_language"]}\\n"'
            assert header in path.read_text("utf-8"), f"{path}: {component['source_language']}"


def test_component_discovery_finds_the_articles_and_collections_and_leaves_the_interface_words_out() -> None:
    [discovery] = [addon for addon in CONFIG["addons"] if addon["id"] == "weblate.discovery.discovery"]
    match = re.compile(discovery["configuration"]["match"])
    components = {
        found["component"]
        for path in ROOT.glob("locales/*/LC_MESSAGES/*.po")
        if (found := match.fullmatch(path.relative_to(ROOT).as_posix()))
    }
    # The collections' catalogs are found as the articles' are (their names are no article's).
    assert components == {source.stem for source in Project(ROOT).translated_sources()}
    assert all((ROOT / f"locales/{slug}.pot").is_file() for slug in components)
    assert "weblate.gettext.msgmerge" not in {addon["id"] for addon in CONFIG["addons"]}
