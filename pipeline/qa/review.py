"""Catalogs + findings → a self-contained HTML page a reviewer reads: source and translation side by side.

One page per language, ``outputs/review/<lang>.html``: for each article and
for the interface words, a table with the source text, the translation, the
message's state ("reviewed", "machine draft", "missing") and what the QA
checks of :mod:`pipeline.qa.checks` found. The page needs no network (inline CSS,
no scripts, no fonts to fetch), escapes every text (translations are
untrusted), and is the same bytes for the same catalogs (no date).
Pure: :mod:`pipeline.workflow.qa` reads the catalogs and writes the page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from babel import Locale
from babel.messages.catalog import Catalog, Message

from pipeline.catalogs.po import message_id, message_string, messages
from pipeline.project import SOURCE_LANGUAGE, UI_DOMAIN
from pipeline.qa.checks import UI_SOURCE_LANGUAGE, Severity
from pipeline.qa.inspection import draft_origin
from pipeline.qa.runner import Finding, sort_findings
from pipeline.render.ui import endonym

REVIEWED = "reviewed"
MACHINE_DRAFT = "machine draft"
MISSING = "missing"
STATES = (REVIEWED, MACHINE_DRAFT, MISSING)


@dataclass(frozen=True)
class ReviewRow:
    """One message as the reviewer sees it."""

    domain: str
    path: str
    line: int | None
    source: str
    translation: str
    state: str
    origin: str | None = None
    note: str = ""
    findings: tuple[Finding, ...] = ()


def message_state(message: Message) -> str:
    """``missing`` without a translation, ``machine draft`` while fuzzy, else ``reviewed``."""
    if not message_string(message):
        return MISSING
    return MACHINE_DRAFT if message.fuzzy else REVIEWED


def review_rows(catalog: Catalog, domain: str, path: str, findings: Iterable[Finding]) -> list[ReviewRow]:
    """The rows of one catalog, each with the findings reported at its line of ``path``."""
    by_line: dict[int | None, list[Finding]] = {}
    for finding in sort_findings(finding for finding in findings if finding.path == path):
        by_line.setdefault(finding.line, []).append(finding)
    return [
        ReviewRow(
            domain=domain,
            path=path,
            line=message.lineno,
            source=message_id(message),
            translation=message_string(message),
            state=message_state(message),
            origin=draft_origin(message) if message.fuzzy else None,
            # A translator's comment is one paragraph wrapped over several "#" lines.
            note=" ".join(comment.strip() for comment in message.user_comments).strip(),
            findings=tuple(by_line.get(message.lineno, ())),
        )
        for message in messages(catalog)
    ]


@dataclass(frozen=True)
class ReviewedCatalog:
    """One catalog of the page: its domain, the path it is shown as, and its messages.

    ``catalog`` is ``None`` when it could be read neither from its own file nor
    from its template; its findings are then shown at the top of the page.
    """

    domain: str
    path: str
    catalog: Catalog | None


def review_page(lang: str, catalogs: Sequence[ReviewedCatalog], findings: Iterable[Finding]) -> str:
    """The review page of ``lang`` over ``catalogs``, in their order.

    ``findings`` may hold every language's: only those of ``catalogs`` are
    shown, beside their message, or at the top when they belong to none.
    """
    found = list(findings)  # read once per catalog: a generator would be spent after the first
    rows: list[ReviewRow] = []
    for reviewed in catalogs:
        if reviewed.catalog is not None:
            rows.extend(review_rows(reviewed.catalog, reviewed.domain, reviewed.path, found))
    paths = [reviewed.path for reviewed in catalogs]
    shown = {(row.path, row.line) for row in rows}
    loose = [
        finding for finding in found if finding.path in paths and (finding.path, finding.line) not in shown
    ]
    return render_review(lang, rows, loose)


def render_review(lang: str, rows: Sequence[ReviewRow], findings: Sequence[Finding] = ()) -> str:
    """The review page of ``lang``: counts, then one table per catalog, in the order of ``rows``.

    ``findings`` are those that belong to no message (a missing catalog, say);
    they are listed first.
    """
    all_findings = [*findings, *(finding for row in rows for finding in row.findings)]
    language = _english_name(lang)
    if endonym(lang) != language:
        language += f" ({endonym(lang)})"
    sections: dict[str, list[ReviewRow]] = {}
    for row in rows:
        sections.setdefault(row.path, []).append(row)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Translation review: {_escape(language)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<header lang="en">',
        f"<h1>Translation review: {_escape(language)}</h1>",
        _counts(rows, all_findings),
        "<p>Each table shows the source text on the left and its translation on the right. "
        "A <em>machine draft</em> was translated by a program and still needs a person to review it; "
        "<em>errors</em> must be fixed before publication, <em>warnings</em> are worth a look.</p>",
        _loose_findings(findings),
        "</header>",
        "<main>",
        *(_section(lang, path, section) for path, section in sections.items()),
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(part for part in parts if part is not None)


STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .25rem; }
.path { color: #555; font: .85rem ui-monospace, monospace; margin: 0 0 .5rem; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; }
.counts li { border: 1px solid #ccc; border-radius: 4px; padding: .25rem .6rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #ddd; padding: .4rem .5rem; vertical-align: top; text-align: left; }
td { overflow-wrap: anywhere; }
th { background: #f3f3f3; }
col.line { width: 4rem; } col.review { width: 24%; }
td.text { white-space: pre-wrap; }
td.line { color: #666; font: .85rem ui-monospace, monospace; }
.none { color: #999; font-style: italic; }
.state { display: inline-block; border-radius: 3px; padding: 0 .4rem; font-size: .85rem; }
.state-reviewed .state { background: #e3f4e1; color: #1e5b1a; }
.state-machine-draft .state { background: #fff1cc; color: #6b4b00; }
.state-missing .state { background: #fde2e1; color: #8a1c16; }
tr.state-missing td, tr.state-machine-draft td.text { background: #fffaf0; }
ul.findings { margin: .4rem 0 0; padding-left: 1.1rem; }
li.error { color: #8a1c16; } li.warning { color: #6b4b00; }
.note { color: #444; font-size: .85rem; margin: .4rem 0 0; }
""".strip()


def _counts(rows: Sequence[ReviewRow], findings: Sequence[Finding]) -> str:
    states = {state: sum(row.state == state for row in rows) for state in STATES}
    severities = {severity: sum(f.severity is severity for f in findings) for severity in Severity}
    items = [
        (len(rows), "messages"),
        (states[REVIEWED], "reviewed"),
        (states[MACHINE_DRAFT], "machine drafts"),
        (states[MISSING], "missing"),
        (severities[Severity.ERROR], "errors"),
        (severities[Severity.WARNING], "warnings"),
    ]
    return (
        '<ul class="counts">'
        + "".join(f"<li><strong>{count}</strong> {label}</li>" for count, label in items)
        + "</ul>"
    )


def _loose_findings(findings: Sequence[Finding]) -> str | None:
    if not findings:
        return None
    items = "".join(
        f'<li class="{finding.severity.value}">{_escape(str(finding))}</li>'
        for finding in sort_findings(findings)
    )
    return f'<ul class="findings">{items}</ul>'


def _section(lang: str, path: str, rows: Sequence[ReviewRow]) -> str:
    domain = rows[0].domain
    source_lang = UI_SOURCE_LANGUAGE if domain == UI_DOMAIN else SOURCE_LANGUAGE
    title = "Interface words" if domain == UI_DOMAIN else f"Article: {domain}"
    anchor = f"catalog-{domain}"
    head = (
        '<tr lang="en"><th scope="col">Line</th>'
        f'<th scope="col">{_escape(_english_name(source_lang))}</th>'
        f'<th scope="col">{_escape(_english_name(lang))}</th>'
        '<th scope="col">State and checks</th></tr>'
    )
    body = "\n".join(_row(source_lang, row) for row in rows)
    return (
        f'<section id="{_escape(anchor)}">\n<h2 lang="en">{_escape(title)}</h2>\n'
        f'<p class="path">{_escape(path)}</p>\n'
        '<table>\n<colgroup><col class="line"><col><col><col class="review"></colgroup>\n'
        f"<thead>{head}</thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</section>"
    )


def _row(source_lang: str, row: ReviewRow) -> str:
    state = row.state + (f" ({row.origin})" if row.origin else "")
    translation = (
        _escape(row.translation) if row.translation else '<span class="none" lang="en">no translation</span>'
    )
    findings = "".join(
        f'<li class="{finding.severity.value}"><strong>{finding.severity.value}</strong> '
        f"{_escape(finding.check)}: {_escape(finding.message)}</li>"
        for finding in row.findings
    )
    note = f'<p class="note"><strong>Translator’s note:</strong> {_escape(row.note)}</p>' if row.note else ""
    line = "" if row.line is None else str(row.line)
    css_class = "state-" + row.state.replace(" ", "-")
    return (
        f'<tr class="{css_class}"><td class="line">{line}</td>'
        f'<td class="text" lang="{_escape(source_lang)}">{_escape(row.source)}</td>'
        f'<td class="text">{translation}</td>'
        f'<td lang="en"><span class="state">{_escape(state)}</span>'
        + (f'<ul class="findings">{findings}</ul>' if findings else "")
        + note
        + "</td></tr>"
    )


def _english_name(lang: str) -> str:
    return Locale.parse(lang.replace("-", "_")).english_name or lang


def _escape(text: str) -> str:
    return html.escape(text, quote=True)
