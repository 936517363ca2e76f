"""Markup injected by an editor's paste or a translator's slip, end to end: raw HTML in the French
source is published as the text that was typed, and a link leading anywhere but the web or the
project stops the build and ``make check`` at its line. Nothing of it reaches ``outputs/``.

The cases that must stop with their one line are in the bad-input corpus (``tests/bad/link-*.md``,
``tests/bad/po-raw-*.po``, ``tests/bad/po-link-*.po``); the units are tested in
tests/render/test_pandoc.py (the first wall), tests/render/test_sanitise.py (the second) and
tests/test_document.py (where links may lead)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from .project import SLUG, run_make

#: Paragraphs pasted into the French source, each shown as typed (escaped) in every format.
PASTED = """
Balise <script>alert("injected")</script> dans le texte.

<iframe src="https://evil.example/"></iframe>

Image <img src=x onerror=alert("injected")> piégée.

Commentaire <!-- injected --> caché.

<style>.injected { display: none }</style>

Lien <a href="javascript:alert('injected')">brut</a> collé.

```{=html}
<script>alert("raw block")</script>
```

Bloc `<b>injected</b>`{=html} brut.

Lien [coupé](java\tscript:alert(1)) par une tabulation.
"""

#: What would show that a pasted piece of markup is live in a page or a book.
LIVE = re.compile(
    r"<script|<iframe|<style>\.injected|<b>injected|<!-- injected"
    r"|<[a-z][^<>]*\s(?:onerror=|href=\"[^\"]*script:)",
    re.IGNORECASE,
)

#: The German title's translation, with a link hidden behind a character reference.
TITLE = 'msgstr "Simon Letonturier stellt die Abteilung Internationales vor"'
HIDDEN_LINK = "[vor](&#106;avascript:alert())"


def published_texts(outputs: Path) -> dict[str, str]:
    """Every web page and every XHTML document of every e-book under ``outputs``, by name."""
    texts = {path.as_posix(): path.read_text(encoding="utf-8") for path in outputs.rglob("*.html")}
    for path in outputs.rglob("*.epub"):
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as book:
            texts.update(
                {
                    f"{path}!{name}": book.read(name).decode("utf-8")
                    for name in book.namelist()
                    if ".xhtml" in name
                }
            )
    return texts


def test_injected_markup_is_published_as_text_or_stops_the_build_at_its_line(project_copy: Path) -> None:
    project = project_copy
    source = project / "source" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8") + PASTED, encoding="utf-8")
    catalog = project / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po"
    text = catalog.read_text(encoding="utf-8")
    line = text.splitlines().index(TITLE)  # 1-based, the line before: the msgid's, as gettext tools name it
    catalog.write_text(text.replace(TITLE, TITLE.replace(' vor"', f' {HIDDEN_LINK}"')), encoding="utf-8")
    where = f"locales/de/LC_MESSAGES/{SLUG}.po:{line}"
    problem = (
        "expected a link to the web or inside the project, "
        "found '&#106;avascript:alert()' (javascript:alert())"
    )

    # The French edition: a release build, to the web edition, with every pasted piece shown as text.
    build = run_make(project, "site", "LANGS=fr")
    assert "allow-list removed" not in build.stderr  # the first wall held: the second had nothing to do
    outputs = project / "outputs"
    texts = published_texts(outputs)
    assert any(name.endswith(".epub!EPUB/text/ch001.xhtml") for name in texts)
    assert any(name.endswith(f"site/fr/{SLUG}.html") for name in texts)
    assert {name: LIVE.findall(body) for name, body in texts.items() if LIVE.search(body)} == {}
    page = (outputs / "site" / "fr" / f"{SLUG}.html").read_text(encoding="utf-8")
    # (French typography has its way with the quotes: they are text.)
    for shown in (
        "&lt;script&gt;alert(",
        "&lt;iframe src=",
        "&lt;img src=x onerror=alert(",
        "&lt;!-- injected --&gt;",
        "&lt;style&gt;.injected { display: none }&lt;/style&gt;",
        "Lien &lt;a href=",
        "<code>&lt;b&gt;injected&lt;/b&gt;</code>",
        "Lien [coupé](java",
    ):
        assert shown in page

    # The German catalog's hidden link: make check and a release both name its line; nothing is written.
    check = run_make(project, "check", "LANGS=fr de", check=False)
    assert check.returncode != 0
    assert f"{where}: [error] link-targets: {problem}" in check.stdout.splitlines()
    german = run_make(project, f"outputs/de/{SLUG}.html", check=False)
    assert german.returncode != 0 and "Traceback" not in german.stderr
    # A release runs make check's errors first (outputs/.build/de/check.stamp): the line in its words.
    assert f"{where}: [error] link-targets: {problem}" in german.stderr.splitlines()
    assert not (outputs / "de" / f"{SLUG}.html").exists()

    # A draft shows the French title instead, and the link nowhere.
    draft = run_make(project, f"outputs/draft/de/{SLUG}.html", "DRAFT=1")
    assert "allow-list removed" not in draft.stderr
    page = (outputs / "draft" / "de" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "#106;" not in page and "[vor]" not in page and not LIVE.search(page)
    assert "Simon Letonturier présente le service\u00a0international" in page
