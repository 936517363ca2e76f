"""pipeline.workflow.sources: articles, catalogs and regional overrides read from a project on disk."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from PIL import Image

from pipeline.catalogs.po import read_catalog, write_catalog
from pipeline.errors import CatalogError, SourceError
from pipeline.project import Project
from pipeline.workflow.catalogs import update_catalogs
from pipeline.workflow.sources import (
    load_catalog,
    load_document,
    load_interface,
    low_resolution_images,
    read_images,
    regions,
    source_text,
    translated_article,
    web_images,
)

from ..project import ROOT, SLUG
from ..render.test_images import png_header_only

TITLE = "Simon Letonturier présente le service international"


def source_of(project: Project) -> Path:
    return project.source_dir / f"{SLUG}.md"


def test_a_french_article_needs_no_catalog(project_copy: Path) -> None:
    project = Project(project_copy)
    assert load_catalog(project, "fr", SLUG) is None
    assert load_catalog(project, "de", SLUG) is not None


def test_a_regional_catalog_overrides_only_its_reviewed_messages(project_copy: Path) -> None:
    project = Project(project_copy)
    region = Catalog(locale="en_US")
    region.add(TITLE, "Simon Letonturier introduces the international program")
    region.add("Le parcours de Simon Letonturier", "Simon Letonturier's path", flags={"fuzzy"})
    write_catalog(project.catalog_path("en_US", SLUG), region)

    british, _ = translated_article(project, source_of(project), "en", draft=False)
    american, interface = translated_article(project, source_of(project), "en", draft=False, region="en_US")
    # Typography marks the name as one the layout must not hyphenate.
    assert british.meta["title"] == "[Simon Letonturier]{.name} introduces the international\u00a0department"
    assert american.meta["title"] == "[Simon Letonturier]{.name} introduces the international\u00a0program"
    assert "Simon Letonturier's path" not in american.body  # a fuzzy override is no translation
    assert interface.lang == "en-US"


def test_a_release_without_the_catalog_says_which_and_what_to_run(project_copy: Path) -> None:
    project = Project(project_copy)
    project.catalog_path("de", SLUG).unlink()
    with pytest.raises(CatalogError) as raised:
        translated_article(project, source_of(project), "de", draft=False)
    assert str(raised.value) == (
        f"locales/de/LC_MESSAGES/{SLUG}.po: "
        f"expected the de catalog of {SLUG}, found none (run 'make catalogs')"
    )
    draft, _ = translated_article(project, source_of(project), "de", draft=True)
    assert draft.meta["title"] == "[Simon Letonturier]{.name} présente le service\u00a0international"


def test_the_interface_of_a_language_comes_with_what_a_release_misses(project_copy: Path) -> None:
    project = Project(project_copy)
    interface, problems = load_interface(project, "de", draft=False)
    assert interface.lang == "de" and problems == []
    project.catalog_path("de", "ui").unlink()
    _, problems = load_interface(project, "de", draft=False)
    assert problems and all("ui.po" in str(problem) or "untranslated" in str(problem) for problem in problems)


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 40)).save(out, "PNG")
    return out.getvalue()


def test_the_images_an_article_names_are_read_below_source_fitted_and_cached(project_copy: Path) -> None:
    (project_copy / "source" / "images").mkdir()
    (project_copy / "source" / "images" / "a.png").write_bytes(png(3000, 1000))
    body = '![a](images/a.png "A")\n\n![b](images/absent.png)\n'
    # The missing one is left out: the renderer names it in its error.
    images = read_images(Project(project_copy), body, "epub")
    assert list(images) == ["images/a.png"]
    with Image.open(io.BytesIO(images["images/a.png"])) as image:
        assert image.size == (1200, 400)
    (cached,) = (project_copy / "outputs" / ".build" / "images").iterdir()
    assert cached.read_bytes() == images["images/a.png"]
    cached.write_bytes(b"from the cache")
    assert read_images(Project(project_copy), body, "epub") == {"images/a.png": b"from the cache"}


def test_a_web_page_s_images_are_files_at_each_width_the_image_reaches(project_copy: Path) -> None:
    images = project_copy / "source" / "images"
    images.mkdir()
    for name, width in (("large.png", 3000), ("middle.png", 1000), ("small.png", 600)):
        (images / name).write_bytes(png(width, width // 2))
    (images / "plan.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    body = "\n\n".join(
        f"![{name}](images/{name})" for name in ("large.png", "middle.png", "small.png", "plan.svg")
    )
    folder = project_copy / "outputs" / "images"
    page = project_copy / "outputs" / "fr" / "a.html"
    found = web_images(Project(project_copy), body, folder, page)
    widths = {name: [width for _, width in image.files] for name, image in found.items()}
    assert widths == {
        "images/large.png": [800, 1600],
        "images/middle.png": [800, 1000],
        "images/small.png": [600],
        "images/plan.svg": [0],
    }
    assert found["images/large.png"].height == 400
    for image in found.values():
        for href, width in image.files:
            assert href.startswith("../images/")
            written = folder / href.removeprefix("../images/")
            if width:
                with Image.open(written) as opened:
                    assert opened.width == width
    # named by image, width and bytes: the same image gives the same names, another one others
    assert web_images(Project(project_copy), body, folder, page) == found
    (images / "small.png").write_bytes(png(600, 200))
    again = web_images(Project(project_copy), body, folder, page)
    assert again["images/small.png"].files != found["images/small.png"].files
    assert again["images/large.png"] == found["images/large.png"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "bomb.png",
            png_header_only(30_000, 30_000),
            "images/bomb.png: expected an image of at most 40,000,000 px",
        ),
        (
            "bad.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
            "images/bad.svg: expected an SVG that only draws",
        ),
        ("broken.jpg", b"not a JPEG", "images/broken.jpg: expected an image Pillow can read"),
    ],
)
def test_an_image_that_cannot_be_published_stops_its_article_at_its_line(
    project_copy: Path, name: str, data: bytes, message: str
) -> None:
    (project_copy / "source" / "images").mkdir()
    (project_copy / "source" / "images" / name).write_bytes(data)
    source = source_of(Project(project_copy))
    lines = source.read_text(encoding="utf-8").split("\n")
    source.write_text("\n".join([*lines, f'![Une image](images/{name} "Légende")', ""]), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load_document(Project(project_copy), source)
    assert str(error.value).startswith(f"source/{SLUG}.md:{len(lines) + 1}: {message}")


def test_an_image_too_coarse_for_print_is_named_at_its_line(project_copy: Path) -> None:
    (project_copy / "source" / "images").mkdir()
    (project_copy / "source" / "images" / "fine.png").write_bytes(png(1400, 700))
    (project_copy / "source" / "images" / "coarse.png").write_bytes(png(600, 300))
    source = source_of(Project(project_copy))
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text + '\n![Fine](images/fine.png "A")\n\n![Coarse](images/coarse.png "B")\n', encoding="utf-8"
    )
    line = len(text.split("\n")) + 3
    assert [str(problem) for problem in low_resolution_images(Project(project_copy))] == [
        f"source/{SLUG}.md:{line}: images/coarse.png is 600 × 300 px: 129 ppi as a brochure prints it, "
        "below the 200 ppi print needs"
    ]


def test_a_draft_prints_a_fuzzy_override_a_release_the_language(project_copy: Path) -> None:
    project = Project(project_copy)
    region = Catalog(locale="en_US")
    region.add(TITLE, "Simon Letonturier introduces the international program", flags={"fuzzy"})
    write_catalog(project.catalog_path("en_US", SLUG), region)
    release, _ = translated_article(project, source_of(project), "en", draft=False, region="en_US")
    draft, _ = translated_article(project, source_of(project), "en", draft=True, region="en_US")
    assert "program" not in release.meta["title"]
    assert draft.meta["title"].endswith("introduces the international\u00a0program")


def test_the_regions_are_the_editions_own_varieties_and_the_folders_there_are(project_copy: Path) -> None:
    project = Project(project_copy)
    # Rochester's en-US; Exeter's en-GB and Cork's en-IE read the en catalogs as they are.
    assert regions(project) == ["en_US"]
    (project.locales_dir / "de_AT").mkdir()
    (project.locales_dir / "it_CH").mkdir()  # no Italian in LINGUAS: no region of it
    assert regions(project) == ["en_US", "de_AT"]
    assert regions(project, ["de"]) == ["de_AT"] and regions(project, ["en_US"]) == ["en_US"]


def test_a_release_reads_a_regional_catalog_of_empty_entries_as_the_language(project_copy: Path) -> None:
    project = Project(project_copy)
    project.catalog_path("en_US", SLUG).unlink()
    update_catalogs(project)  # creates the en_US article catalog: every message there, every msgstr empty
    assert project.catalog_path("en_US", SLUG).exists()
    british, _ = translated_article(project, source_of(project), "en", draft=False)
    american, interface = translated_article(project, source_of(project), "en", draft=False, region="en_US")
    assert american.meta == british.meta and american.body == british.body
    assert interface.text("twinned_since", year="1958") == "Sister city of Rennes since 1958"


def test_the_source_text_of_an_output_names_the_source_and_the_catalogs_that_exist(
    project_copy: Path,
) -> None:
    project = Project(project_copy)
    source = source_text(project, SLUG, ["de_DE", "de", "fr"])
    assert source is not None
    assert source.path == f"source/{SLUG}.md"
    assert [path for path, _ in source.catalogs] == [f"locales/de/LC_MESSAGES/{SLUG}.po"]  # no de_DE, no fr
    assert source.word_location("Werdegang")[0] == f"locales/de/LC_MESSAGES/{SLUG}.po"
    assert source_text(project, "no-such-article", ["de"]) is None


def test_a_regional_override_whose_fields_differ_is_refused_where_it_is_written(
    project_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = Project(project_copy)
    path = project.catalog_path("en_US", "ui")
    text = path.read_text(encoding="utf-8")
    # Without its python-brace-format flag (a hand edit), the reader does not compare the fields.
    entry = 'msgid "Twinned with Rennes since {year}"\nmsgstr "Sister city of Rennes since {year}"'
    edited = entry.removesuffix('{year}"') + '{years}"'
    assert f"#, python-brace-format\n{entry}" in text
    text = text.replace(f"#, python-brace-format\n{entry}", edited)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(edited)].count("\n") + 1
    _, problems = load_interface(project, "en", draft=False, region="en_US")
    assert [str(problem) for problem in problems] == [
        f"locales/en_US/LC_MESSAGES/ui.po:{line}: "
        "expected the placeholders of the msgid ({year}), found {years}"
    ]
    interface, problems = load_interface(project, "en", draft=True, region="en_US")
    assert problems == [] and interface.text("twinned_since", year="1958") == "Twinned with Rennes since 1958"
    assert "; the draft prints the en text" in caplog.text


def test_the_cover_maps_countries_are_decoded_once_then_read_back_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.workflow import sources

    project, cache = Project(ROOT), tmp_path / "cache"
    monkeypatch.setattr(sources, "cache_folder", lambda: cache)
    decode = sources.parse_topology

    def load(parse: object) -> object:
        monkeypatch.setattr(sources, "parse_topology", parse)
        sources._decoded_topology.cache_clear()  # as a new process would
        return sources.load_topology(project)

    decoded = load(decode)
    [packed] = cache.glob("topology-*.marshal")

    def refuse(text: str, display: str) -> None:
        raise AssertionError("decoded again, not read back")

    assert load(refuse) == decoded
    # A damaged pack is decoded again (and replaced), never trusted.
    packed.write_bytes(b"damaged")
    assert load(decode) == decoded
    assert packed.read_bytes() != b"damaged"
    sources._decoded_topology.cache_clear()


def test_a_draft_warns_of_each_character_no_bundled_font_draws(
    project_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = Project(project_copy)
    path = project.catalog_path("de", SLUG)
    catalog = read_catalog(path, "de")
    catalog["Le parcours de Simon Letonturier"].string = "Der Werdegang von Simon Letonturier in Վան"
    write_catalog(path, catalog)
    line = next(entry for entry in read_catalog(path, "de") if "Վան" in str(entry.string)).lineno
    with caplog.at_level(logging.WARNING, logger="pipeline"):
        translated_article(project, source_of(project), "de", draft=True)
    assert [(record.location, record.getMessage()) for record in caplog.records] == [  # type: ignore[attr-defined]
        (
            f"locales/de/LC_MESSAGES/{SLUG}.po:{line}",
            "no bundled font draws Վ (U+054E), ա (U+0561), ն (U+0576)",
        )
    ]
