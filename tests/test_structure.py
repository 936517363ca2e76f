"""The package's shape: every subpackage built, hashed and packaged; imports point down only."""

from __future__ import annotations

import ast
import fnmatch
import tomllib
from pathlib import Path

from .project import ROOT

PACKAGE = ROOT / "pipeline"

#: The layers of the pipeline, lowest first. A module may import from its own
#: layer or a lower one, never a higher one, so the package has no cycles and
#: each stage can be read (and tested) without the ones that come after it.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"errors", "fileio", "project", "text", "xmltext", "yamltext"}),
    frozenset({"markdown", "front_matter"}),
    frozenset({"links", "inline", "placeholders"}),
    frozenset({"document", "collection"}),
    frozenset({"typography", "catalogs"}),
    frozenset({"extract", "apply"}),
    frozenset({"drafts"}),
    frozenset({"render"}),
    frozenset({"press"}),
    frozenset({"qa"}),
    frozenset({"workflow"}),
    frozenset({"cli", "__main__"}),
)


def layer_of(module: str) -> int:
    """The layer of ``pipeline.a.b`` (by its first part, ``a``)."""
    top = module.split(".")[1]
    for index, layer in enumerate(LAYERS):
        if top in layer:
            return index
    raise AssertionError(f"pipeline.{top} is in no layer of tests/test_structure.py: place it")


def imported_modules(path: Path) -> set[str]:
    """Every ``pipeline.…`` module that ``path`` imports, at any depth of its code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline."):
            found.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.module == "pipeline":
            found.update(f"pipeline.{alias.name}" for alias in node.names if alias.name != "__version__")
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("pipeline."))
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}:{node.lineno}: expected an absolute import, found a relative one")
    return found


def module_name(path: Path) -> str:
    return ".".join(("pipeline", *path.relative_to(PACKAGE).with_suffix("").parts))


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if path.name != "__init__.py")


def test_imports_point_down_only() -> None:
    upward = [
        f"{module_name(path)} (layer {layer_of(module_name(path))}) imports {imported} "
        f"(layer {layer_of(imported)})"
        for path in modules()
        for imported in sorted(imported_modules(path))
        if layer_of(imported) > layer_of(module_name(path))
    ]
    assert upward == []


def test_an_import_going_up_is_caught(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def f() -> None:\n    from pipeline.workflow import articles\n", encoding="utf-8")
    (imported,) = imported_modules(wrong)
    assert layer_of(imported) > layer_of("pipeline.document")


def subpackages() -> list[str]:
    return sorted(
        module_name(init.parent / "x.py").rpartition(".")[0] for init in PACKAGE.rglob("__init__.py")
    )


def test_every_subpackage_is_packaged() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    assert len(subpackages()) > 1
    assert [name for name in subpackages() if not any(fnmatch.fnmatch(name, p) for p in include)] == []


#: Modules tested elsewhere than their mirrored test module, and why.
TESTED_ELSEWHERE = {
    "pipeline/__main__.py": "two lines handing over to cli.main, run by tests/test_cli.py",
    "pipeline/errors.py": "exception classes; every bad-input case tests their text (test_bad_input.py)",
    "pipeline/qa/tables.py": "language tables, data only; tested through tests/qa/test_inspection.py",
    "pipeline/render/article.py": "one frozen dataclass, the inputs the HTML and EPUB renderers share",
}


def mirrored_test(module: Path) -> Path:
    """``pipeline/render/epub.py`` → ``tests/render/test_epub.py``."""
    relative = module.relative_to(PACKAGE)
    return ROOT / "tests" / relative.parent / f"test_{relative.name}"


def test_every_module_has_its_mirrored_test_module() -> None:
    untested = [
        module.relative_to(ROOT).as_posix()
        for module in modules()
        if module.relative_to(ROOT).as_posix() not in TESTED_ELSEWHERE and not mirrored_test(module).exists()
    ]
    assert untested == []
    folders = {mirrored_test(module).parent for module in modules()}
    assert [folder for folder in folders if folder.exists() and not (folder / "__init__.py").exists()] == []
