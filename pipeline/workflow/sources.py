"""Project on disk → the inputs of every stage.

Articles, catalogs (with their region's overrides, and which regions have
catalogs), interface words, editions.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from babel.messages.catalog import Catalog

from pipeline.apply import Translation, apply_catalog, require_release
from pipeline.catalogs.po import message_string, messages, read_catalog
from pipeline.catalogs.regions import overlay_region
from pipeline.collection import Collection, parse_collection
from pipeline.document import Document, parse_document
from pipeline.drafts.glossary import load_glossary
from pipeline.errors import CatalogError, JumelageError, Problem, SourceError
from pipeline.extract import extract_template, slug_of
from pipeline.fileio import WriteError, cache_folder, read_text, write_bytes
from pipeline.press.editions import EditionsConfig, load_editions
from pipeline.press.map import Topology, pack_topology, packed_topology_key, parse_topology, unpack_topology
from pipeline.press.prepress import PRINT_PROFILE, OutputIntent
from pipeline.project import SOURCE_LANGUAGE, UI_DOMAIN, Project, regional_catalog
from pipeline.render.figures import WebImage, image_sources
from pipeline.render.fonts import describe_glyphs, drawn_characters, missing_glyphs
from pipeline.render.images import (
    FIT_VERSION,
    WEB_WIDTHS,
    WIDTHS,
    ImageFileError,
    fit,
    inspect,
    resolution_problem,
    svg_problem,
)
from pipeline.render.palette import PALETTE_STYLESHEET, Palette, parse_palette
from pipeline.render.ui import (
    Interface,
    interface_from_catalog,
    misplaced_fields,
    refuse_or_warn,
    ui_template,
)
from pipeline.render.wide import SourceText
from pipeline.text import base_language
from pipeline.typography import typeset_document

log = logging.getLogger(__name__)


def load_document(project: Project, source: Path) -> Document:
    """Read and parse one French article; an image it names that cannot be published is an error
    at the image's line (:mod:`pipeline.render.images`)."""
    document = parse_document(read_text(source), project.relative(source))
    check_images(project, document)
    return document


def figure_files(project: Project, document: Document) -> list[tuple[str, Path, int]]:
    """Each image file ``document`` names that exists: its name as written, its path, its line."""
    lines = document.body.split("\n")
    found = []
    for name in image_sources(document.body):
        path = project.source_dir / name
        if path.is_file():
            line = document.body_line + next((index for index, text in enumerate(lines) if name in text), 0)
            found.append((name, path, line))
    return found


def low_resolution_images(project: Project) -> list[Problem]:
    """An image too coarse to print sharp in the brochures, at its line (:func:`resolution_problem`)."""
    problems = []
    for source in project.sources():
        try:
            document = load_document(project, source)
        except SourceError:
            continue  # the check names a source the build refuses; preflight follows a build
        for name, path, line in figure_files(project, document):
            if path.suffix.lower() != ".svg":
                problem = resolution_problem(name, inspect(path))
                if problem is not None:
                    problems.append(Problem(document.path, line, problem))
    return problems


def check_images(project: Project, document: Document) -> None:
    """Raise :class:`SourceError` at its line for the first image of ``document`` that cannot be
    published: unreadable, too large, or an SVG that does more than draw. A missing file is the
    renderer's to name."""
    for name, path, line in figure_files(project, document):
        if path.suffix.lower() == ".svg":
            problem = svg_problem(path.read_bytes())
            if problem is not None:
                raise SourceError(document.path, line, f"{name}: {problem}")
            continue
        try:
            inspect(path)
        except ImageFileError as exc:
            raise SourceError(document.path, line, f"{name}: {exc}") from None


def templates(project: Project) -> list[tuple[str, Catalog]]:
    templates = [
        (slug_of(document), extract_template(document))
        for document in (load_document(project, source) for source in project.translated_sources())
    ]
    templates.append((UI_DOMAIN, ui_template()))
    return templates


def load_catalog(project: Project, lang: str, slug: str) -> Catalog | None:
    """The catalog of ``slug`` in ``lang``, or ``None`` when it does not exist yet."""
    path = project.catalog_path(lang, slug)
    if lang == SOURCE_LANGUAGE and slug != UI_DOMAIN:
        return None
    if not path.exists():
        return None
    return read_catalog(path, lang, project.relative(path))


_REGION_FOLDER = re.compile(r"^[a-z]{2,3}_[A-Z]{2}$")


def regions(project: Project, languages: Iterable[str] | None = None) -> list[str]:
    """The regional catalogs' codes (``en_US``), each after its language, in LINGUAS order.

    A region is every edition's locale that its language's catalogs are not
    written for (:func:`pipeline.project.regional_catalog`: Rochester's
    ``en_US``, not Exeter's ``en_GB``), and every regional folder already in
    ``locales/``. With ``languages``, only the regions of those languages, or
    named among them.
    """
    targets = project.target_languages()
    found: set[str] = set()
    if (project.source_dir / "editions.yml").exists():
        for edition in load_editions_config(project).editions:
            region = regional_catalog(edition.language)
            if region is not None:
                found.add(region)
    if project.locales_dir.is_dir():
        found.update(
            folder.name
            for folder in project.locales_dir.iterdir()
            if folder.is_dir() and _REGION_FOLDER.match(folder.name)
        )
    chosen = set(languages) if languages is not None else None
    return sorted(
        (
            region
            for region in found
            if base_language(region) in targets
            and (chosen is None or region in chosen or base_language(region) in chosen)
        ),
        key=lambda region: (targets.index(base_language(region)), region),
    )


def catalog_languages(slug: str, languages: Iterable[str] | None, project: Project) -> list[str]:
    """French needs interface words too, but its articles need no catalog."""
    chosen = list(languages) if languages is not None else list(project.languages())
    if slug != UI_DOMAIN:
        return [lang for lang in chosen if lang != SOURCE_LANGUAGE]
    return chosen


def load_interface(
    project: Project, lang: str, draft: bool, region: str | None = None
) -> tuple[Interface, list[Problem]]:
    """The interface words of ``lang`` (with its region's) and, for a release, what is missing.

    A regional override whose ``{name}`` fields are not its message's is
    refused where it is written; a draft prints the language's text instead.
    """
    path = project.catalog_path(lang, UI_DOMAIN)
    catalog = load_catalog(project, lang, UI_DOMAIN)
    problems: list[Problem] = []
    if catalog is not None and region is not None:
        overrides = load_catalog(project, region, UI_DOMAIN)
        display = project.relative(project.catalog_path(region, UI_DOMAIN))
        if overrides is not None:
            for message_id, problem in misplaced_fields(overrides, display, draft).items():
                problems.extend(refuse_or_warn(problem, draft, f"the {lang} text"))
                overrides[message_id].string = ""  # an empty override inherits the language's text
        catalog = overlay_region(catalog, overrides, draft)
    interface, language_problems = interface_from_catalog(lang, catalog, project.relative(path), draft)
    if region is not None:
        interface = Interface(region.replace("_", "-"), interface.translations)
    return interface, [*problems, *language_problems]


def translated_article(
    project: Project, source: Path, lang: str, draft: bool, region: str | None = None
) -> tuple[Translation, Interface]:
    """Translate one article into ``lang``; a release raises on any missing message.

    ``region`` (``en_US``) names catalogs whose reviewed messages override the
    language's own, for the few words a region says otherwise.
    """
    document = load_document(project, source)
    slug = slug_of(document)
    path = project.catalog_path(lang, slug)
    catalog = _with_region(load_catalog(project, lang, slug), project, region, slug, draft)
    if catalog is None and lang != document.lang and not draft:
        raise CatalogError(
            project.relative(path),
            None,
            f"expected the {lang} catalog of {slug}, found none (run 'make catalogs')",
        )
    translation = apply_catalog(document, catalog, lang, project.relative(path), draft)
    meta, body = typeset_document(
        translation.meta, translation.body, document.path, proper_names(project, document)
    )
    if draft:
        warn_of_missing_glyphs(project, catalog, project.relative(path))
    for problem in translation.french:
        log.warning(
            "%s",
            f"printed in French in the {lang} draft: {problem.message}",
            extra={"location": problem.location},
        )
    translation = Translation(meta, body, translation.problems, translation.french)
    interface, ui_problems = load_interface(project, lang, draft, region)
    if not draft:
        require_release([*translation.problems, *ui_problems])
    return translation, interface


def warn_of_missing_glyphs(project: Project, catalog: Catalog | None, display: str) -> None:
    """In a draft, a warning for each translation with a character no bundled font draws (a
    release refuses it: :func:`pipeline.qa.checks.check_glyphs`)."""
    fonts = project.assets_dir / "fonts"
    if catalog is None or not fonts.is_dir():
        return
    drawn = drawn_characters(fonts)
    for message in messages(catalog):
        missing = missing_glyphs(message_string(message), drawn)
        if missing:
            location = f"{display}:{message.lineno}" if message.lineno else display
            log.warning(
                "%s", f"no bundled font draws {describe_glyphs(missing)}", extra={"location": location}
            )


def _with_region(
    catalog: Catalog | None, project: Project, region: str | None, slug: str, draft: bool
) -> Catalog | None:
    """``catalog`` with its regional catalog's overrides, if any (:mod:`pipeline.catalogs.regions`)."""
    if catalog is None or region is None:
        return catalog
    return overlay_region(catalog, load_catalog(project, region, slug), draft)


def proper_names(project: Project, document: Document) -> list[str]:
    """Names the layout must never hyphenate: the glossary's kept terms and the article's people."""
    glossary = load_glossary(project.glossary_path, project.relative(project.glossary_path))
    people = [document.meta.get("interviewee"), *(document.meta.get("interviewers") or [])]
    return [*glossary.kept, *(str(person) for person in people if person)]


def load_editions_config(project: Project) -> EditionsConfig:
    path = project.source_dir / "editions.yml"
    return load_editions(path, project.relative(path))


def load_collection(project: Project, source: Path) -> Collection:
    """One collection of ``source/collections/``, checked against the project's articles and editions."""
    articles = [path.stem for path in project.sources()]
    has_editions = (project.source_dir / "editions.yml").exists()
    editions = [edition.key for edition in load_editions_config(project).editions] if has_editions else []
    return parse_collection(load_document(project, source), articles, editions)


def load_collections(project: Project) -> list[Collection]:
    """Every collection of ``source/collections/``, in file-name order."""
    return [load_collection(project, source) for source in project.collection_sources()]


def collection_editions(project: Project) -> list[tuple[Path, tuple[str, ...]]]:
    """Each collection's source and the editions that print it; one whose source is in error, every
    edition (a release refuses it, saying why; a draft fails on it)."""
    every = tuple(edition.key for edition in load_editions_config(project).editions)
    found = []
    for source in project.collection_sources():
        try:
            found.append((source, load_collection(project, source).editions))
        except JumelageError:
            found.append((source, every))
    return found


def load_palette(project: Project) -> Palette:
    """The house colours, as the article stylesheet declares them."""
    path = project.assets_dir / "css" / PALETTE_STYLESHEET
    return parse_palette(read_text(path), project.relative(path))


def load_output_intent(project: Project) -> OutputIntent:
    """The printing condition the print files are separated for, with its vendored ICC profile."""
    path = project.assets_dir / PRINT_PROFILE
    try:
        return OutputIntent(profile=path.read_bytes())
    except OSError as exc:
        raise SourceError(
            project.relative(path), None, f"expected the print ICC profile, found: {exc}"
        ) from None


def read_images(project: Project, body: str, target: str = "web") -> dict[str, bytes]:
    """The bytes each image the body names is embedded with in a ``target`` format (a key of
    :data:`~pipeline.render.images.WIDTHS`), read below ``source/`` where the article lives.

    The parser already refused any image outside the project; a name with no
    file is left out, and the renderer says which one is missing.
    """
    images = {}
    for name in image_sources(body):
        path = project.source_dir / name
        if path.is_file():
            images[name] = fitted_image(project, path, WIDTHS[target])
    return images


#: A fitted image's file extension, by the bytes it opens with (a photo saved as PNG is now a JPEG).
_EXTENSIONS = ((b"\xff\xd8\xff", ".jpg"), (b"\x89PNG", ".png"), (b"GIF8", ".gif"), (b"RIFF", ".webp"))


def web_images(project: Project, body: str, folder: Path, page: Path) -> dict[str, WebImage]:
    """The files a web page shows each image of its body with, written into ``folder`` (the outputs'
    ``images/``): one for each of :data:`~pipeline.render.images.WEB_WIDTHS` the image is wider
    than (and one at its own width), named after the image, its width and its bytes (a changed
    image gets a new address, which no browser has cached).

    Every language writes the same files (same bytes, :func:`~pipeline.fileio.write_bytes` writes
    a file only when they change, in one rename).
    """
    images: dict[str, WebImage] = {}

    def written(name: str, data: bytes, width: int) -> tuple[str, int]:
        extension = next((ext for magic, ext in _EXTENSIONS if data.startswith(magic)), ".svg")
        digest = hashlib.sha256(data).hexdigest()[:10]
        file = folder / f"{PurePosixPath(name).stem}-{width}-{digest}{extension}"
        write_bytes(file, data)
        return os.path.relpath(file, page.parent).replace(os.sep, "/"), width

    for name in image_sources(body):
        path = project.source_dir / name
        if not path.is_file():
            continue
        if path.suffix.lower() == ".svg":  # drawn at any width: one file, its size the SVG's own
            images[name] = WebImage((written(name, path.read_bytes(), 0),), 0)
            continue
        files: list[tuple[str, int]] = []
        height = 0
        for width in WEB_WIDTHS:
            data = fitted_image(project, path, width)
            info = inspect(data)
            if files and info.width <= files[-1][1]:
                break  # the image is narrower than this width: its own is already offered
            height = height or info.height
            files.append(written(name, data, info.width))
        images[name] = WebImage(tuple(files), height)
    return images


def fitted_image(project: Project, path: Path, width: int) -> bytes:
    """The image at ``path`` as :func:`~pipeline.render.images.fit` makes it for ``width``, from the
    build's cache (``outputs/.build/images/``, keyed by the bytes, the width and the code) when it
    is there: a camera's photo is decoded once, not once per format, language and edition."""
    data = path.read_bytes()
    if path.suffix.lower() == ".svg":
        return data  # checked as it is when its article was read (check_images)
    import PIL

    key = hashlib.sha256(data)
    key.update(f"{width} {FIT_VERSION} {PIL.__version__}".encode())
    cached = project.outputs_dir / ".build" / "images" / f"{key.hexdigest()[:40]}{path.suffix.lower()}"
    with contextlib.suppress(OSError):
        return cached.read_bytes()
    try:
        fitted = fit(data, width)
    except ImageFileError as exc:
        raise SourceError(project.relative(path), None, str(exc)) from None
    write_bytes(cached, fitted)
    return fitted


#: The countries the brochures' cover maps are drawn from (Natural Earth, via world-atlas).
MAP_DATA = "maps/countries-50m.json"


def load_topology(project: Project) -> Topology:
    """The cover maps' countries, decoded once per process and file version (workers render many covers)."""
    path = project.assets_dir / MAP_DATA
    version = path.stat().st_mtime_ns if path.exists() else 0
    return _decoded_topology(path, version, project.relative(path))


@functools.cache
def _decoded_topology(path: Path, version: int, display: str) -> Topology:
    """The topology, read back from the cache folder (:func:`pack_topology`) when it was decoded before."""
    text = read_text(path)
    packed = cache_folder() / f"topology-{packed_topology_key(text)}.marshal"
    with contextlib.suppress(OSError, ValueError):
        return unpack_topology(packed.read_bytes())
    topology = parse_topology(text, display)
    with contextlib.suppress(WriteError, OSError):  # a read-only environment: no cache, same map
        write_bytes(packed, pack_topology(topology))
    return topology


def source_text(project: Project, slug: str, catalogs: Iterable[str] = ()) -> SourceText | None:
    """Where an article's outputs came from, to name a line in warnings: its source, and the
    catalogs of ``catalogs`` (languages or regions) that exist; none when the source is gone."""
    source = project.source_dir / f"{slug}.md"
    if not source.is_file():
        return None
    paths = [project.catalog_path(lang, slug) for lang in dict.fromkeys(catalogs) if lang != SOURCE_LANGUAGE]
    return SourceText.read(
        read_text(source),
        project.relative(source),
        [(project.relative(path), read_text(path)) for path in paths if path.is_file()],
    )
