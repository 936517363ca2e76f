"""make kit and make kit-import on a copy of the project: contents, round trip, source versions, bad zips."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.catalogs.xliff import NS
from pipeline.project import Project
from pipeline.workflow.catalogs import update_catalogs
from pipeline.workflow.kit import KitError, build_kit, import_kit, kit_path, reference_pdf

from ..project import copy_catalogs, run_make, tree_digests

ARTICLE = "simon-letonturier-service-international"
COLLECTION = "rennes-international"
Q = f"{{{NS}}}"


@pytest.fixture
def catalogs(tmp_path: Path) -> Project:
    """The sources and catalogs, copied, with a stand-in for the reference PDF (built by make kit)."""
    project = copy_catalogs(tmp_path)
    for lang in ("de", "pl", "en_US"):
        for slug in (ARTICLE, COLLECTION):
            pdf = reference_pdf(project, lang, slug)
            assert pdf is not None
            pdf.parent.mkdir(parents=True, exist_ok=True)
            pdf.write_bytes(b"%PDF-1.7 reference " + lang.encode())
    return project


def entries(kit: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(kit) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(kit: Path, files: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    kit.write_bytes(buffer.getvalue())


def translate(data: bytes, french_start: str, text: str, state: str = "translated") -> bytes:
    """What a CAT tool does to one segment."""
    root = etree.fromstring(data)
    for unit in root.iter(Q + "trans-unit"):
        if "".join(unit.find(Q + "source").itertext()).startswith(french_start):  # type: ignore[union-attr]
            target = unit.find(Q + "target")
            for child in list(target):  # type: ignore[arg-type]
                target.remove(child)  # type: ignore[union-attr]
            target.text = text  # type: ignore[union-attr]
            target.set("state", state)  # type: ignore[union-attr]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_a_kit_holds_what_a_translator_needs_in_the_same_bytes_each_time(catalogs: Project) -> None:
    kit = build_kit(catalogs, "de")
    assert kit == kit_path(catalogs, "de")
    files = entries(kit)
    assert sorted(files) == [
        "README.txt",
        "glossary.tbx",
        "manifest.json",
        "memory.tmx",
        # A collection's reference is its draft brochure, Erlangen's in German.
        f"reference/{COLLECTION}.pdf",
        f"reference/{ARTICLE}.pdf",
        f"xliff/{COLLECTION}.xlf",
        f"xliff/{ARTICLE}.xlf",
        "xliff/ui.xlf",
    ]
    assert reference_pdf(catalogs, "de", COLLECTION) == (
        catalogs.output_base(True) / "editions" / "erlangen" / f"{COLLECTION}-erlangen.pdf"
    )
    assert files[f"reference/{ARTICLE}.pdf"] == b"%PDF-1.7 reference de"
    assert "Übersetzungspaket" in files["README.txt"].decode()
    assert (
        'xml:lang="de"' in files["memory.tmx"].decode()
        and 'xml:lang="pl"' not in files["memory.tmx"].decode()
    )
    assert "<term>Rennes Métropole</term>" in files["glossary.tbx"].decode()
    manifest = json.loads(files["manifest.json"])
    assert manifest["language"] == "de"
    assert set(manifest["sources"]) == {
        f"locales/de/LC_MESSAGES/{ARTICLE}.po",
        f"locales/de/LC_MESSAGES/{COLLECTION}.po",
        "locales/de/LC_MESSAGES/ui.po",
    }
    first = kit.read_bytes()
    assert build_kit(catalogs, "de").read_bytes() == first


def test_a_region_reads_its_languages_readme_and_its_kit_inherits(catalogs: Project) -> None:
    files = entries(build_kit(catalogs, "en_US"))
    assert files["README.txt"].decode().startswith("jumelage translation kit: en_US")
    assert "leveraged-inherited" in files[f"xliff/{ARTICLE}.xlf"].decode()


def test_a_kit_comes_back_with_one_change_and_every_other_translation_byte_identical(
    catalogs: Project,
) -> None:
    kit = build_kit(catalogs, "pl")
    files = entries(kit)
    name = f"xliff/{ARTICLE}.xlf"
    files[name] = translate(files[name], "Simon Letonturier présente", "Simon Letonturier o swoim wydziale")
    files["xliff/ui.xlf"] = translate(
        files["xliff/ui.xlf"], "Contents", "Spis rzeczy", "needs-review-translation"
    )
    rezip(kit, files)
    before = (catalogs.root / f"locales/pl/LC_MESSAGES/{ARTICLE}.po").read_text("utf-8")
    result = import_kit(catalogs, kit)
    reports = {imported.report.path.rpartition("/")[2]: imported.report for imported in result.catalogs}
    assert reports[f"{ARTICLE}.xlf"].changed == ["Simon Letonturier présente le service international"]
    assert reports["ui.xlf"].fuzzy == ["Contents"]
    after = (catalogs.root / f"locales/pl/LC_MESSAGES/{ARTICLE}.po").read_text("utf-8")
    old_blocks, new_blocks = before.split("\n\n"), after.split("\n\n")
    changed = [new for old, new in zip(old_blocks, new_blocks, strict=True) if old != new]
    assert len(changed) == 1 and "Simon Letonturier o swoim wydziale" in changed[0]


def test_a_kit_made_from_another_french_is_refused_naming_what_changed(catalogs: Project) -> None:
    kit = build_kit(catalogs, "de")
    source = catalogs.root / "source" / f"{ARTICLE}.md"
    text = source.read_text("utf-8")
    assert "présente le service international" in text
    source.write_text(text.replace("présente le service international", "présente son service", 1), "utf-8")
    update_catalogs(catalogs, ["de"])
    before = tree_digests(catalogs.root / "locales")
    with pytest.raises(KitError) as caught:
        import_kit(catalogs, kit)
    said = str(caught.value)
    assert f"jumelage-de.zip/xliff/{ARTICLE}.xlf:" in said
    assert "expected a kit made from the source as it is now" in said
    assert 'changed or removed since: "Simon Letonturier présente le service' in said
    assert 'new since: "Simon Letonturier présente son service"' in said
    assert "make kit LANGS=de" in said
    assert tree_digests(catalogs.root / "locales") == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not a zip", "found a file that is no zip"),
        (
            {"../evil.txt": b"x", "manifest.json": b"{}"},
            "expected entries inside the kit, found '../evil.txt'",
        ),
        ({"README.txt": b"x"}, "expected a jumelage kit with a manifest.json"),
    ],
)
def test_a_bad_kit_is_refused_and_nothing_written(
    catalogs: Project, content: bytes | dict[str, bytes], expected: str
) -> None:
    kit = catalogs.root / "kit.zip"
    if isinstance(content, bytes):
        kit.write_bytes(content)
    else:
        rezip(kit, content)
    before = tree_digests(catalogs.root / "locales")
    with pytest.raises(KitError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        import_kit(catalogs, kit)
    assert tree_digests(catalogs.root / "locales") == before


def test_make_kit_builds_the_reference_pdf_then_the_kit(project_copy: Path) -> None:
    run_make(project_copy, "kit", "LANGS=cs")
    files = entries(project_copy / "outputs" / "kits" / "jumelage-cs.zip")
    assert files[f"reference/{ARTICLE}.pdf"].startswith(b"%PDF-")
    assert "Překladatelský balíček" in files["README.txt"].decode()
    result = run_make(project_copy, "kit-import", f"FILE={project_copy / 'outputs/kits/jumelage-cs.zip'}")
    assert "0 changed" in result.stderr
