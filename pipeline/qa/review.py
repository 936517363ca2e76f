"""Catalogs + findings → a self-contained HTML page a reviewer reads: source and translation side by side.

One page per language, ``outputs/review/<lang>.html``: for each article and
for the interface words, a table with the source text, the translation, the
message's state ("reviewed", "machine draft", "missing") and what the QA
checks of :mod:`pipeline.qa.checks` found. A region's page
(``outputs/review/en_US.html``) puts each override beside the French and the
language's text it replaces ("override", "fuzzy override", "inherited").
The page needs no network (inline CSS, no scripts, no fonts to fetch),
escapes every text (translations are untrusted), and is the same bytes for
the same catalogs (no date).
Pure: :mod:`pipeline.workflow.qa` reads the catalogs and writes the page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from babel import Locale
from babel.messages.catalog import Catalog, Message

from pipeline.catalogs.po import message_id, message_string, messages
from pipeline.project import SOURCE_LANGUAGE, UI_DOMAIN, language_tag
from pipeline.qa.checks import UI_SOURCE_LANGUAGE, Severity
from pipeline.qa.inspection import draft_origin
from pipeline.qa.runner import Finding, sort_findings
from pipeline.render.ui import endonym
from pipeline.text import base_language

REVIEWED = "reviewed"
MACHINE_DRAFT = "machine draft"
MISSING = "missing"
STATES = (REVIEWED, MACHINE_DRAFT, MISSING)
# A regional catalog's messages (see pipeline.catalogs.regions): overrides, not translations.
OVERRIDE = "override"
FUZZY_OVERRIDE = "fuzzy override"
INHERITED = "inherited"
REGIONAL_STATES = (OVERRIDE, FUZZY_OVERRIDE, INHERITED)


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
    #: A regional catalog's row: the language's text it inherits or overrides (``None`` otherwise).
    inherited: str | None = None


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


def regional_state(message: Message | None) -> str:
    """``inherited`` without an override, ``fuzzy override`` (a release ignores it), else ``override``."""
    if message is None or not message_string(message):
        return INHERITED
    return FUZZY_OVERRIDE if message.fuzzy else OVERRIDE


def regional_rows(
    regional: Catalog | None,
    language: Catalog,
    domain: str,
    paths: tuple[str, str],
    findings: Iterable[Finding],
) -> list[ReviewRow]:
    """The rows of a regional catalog, in its language's order: each override beside the language's text.

    ``paths`` are the regional catalog's and the language's; a finding shows
    beside the regional entry, or beside the language's entry where the
    regional catalog lacks the message.
    """
    path, language_path = paths
    by_place: dict[tuple[str, int | None], list[Finding]] = {}
    for finding in sort_findings(finding for finding in findings if finding.path in paths):
        by_place.setdefault((finding.path, finding.line), []).append(finding)
    rows = []
    for base in messages(language):
        entry = regional.get(base.id) if regional is not None else None
        place = (path, entry.lineno) if entry is not None else (language_path, base.lineno)
        rows.append(
            ReviewRow(
                domain=domain,
                path=path,
                line=entry.lineno if entry is not None else None,
                source=message_id(base),
                translation=message_string(entry) if entry is not None else "",
                state=regional_state(entry),
                note=" ".join(comment.strip() for comment in entry.user_comments).strip() if entry else "",
                findings=tuple(by_place.get(place, ())),
                # An interface message the language leaves empty prints its English id.
                inherited=message_string(base) or (message_id(base) if domain == UI_DOMAIN else ""),
            )
        )
    return rows


@dataclass(frozen=True)
class ReviewedCatalog:
    """One catalog of the page: its domain, the path it is shown as, and its messages.

    ``catalog`` is ``None`` when it could be read neither from its own file nor
    from its template; its findings are then shown at the top of the page. A
    regional catalog (``en_US``) comes with its language's, ``inherited``,
    shown at ``inherited_path``: its rows put each override beside it.
    """

    domain: str
    path: str
    catalog: Catalog | None
    inherited: Catalog | None = None
    inherited_path: str = ""


def review_page(lang: str, catalogs: Sequence[ReviewedCatalog], findings: Iterable[Finding]) -> str:
    """The review page of ``lang`` over ``catalogs``, in their order.

    ``findings`` may hold every language's: only those of ``catalogs`` are
    shown, beside their message, or at the top when they belong to none.
    """
    found = list(findings)  # read once per catalog: a generator would be spent after the first
    rows: list[ReviewRow] = []
    for reviewed in catalogs:
        if reviewed.inherited is not None:
            pair = (reviewed.path, reviewed.inherited_path)
            rows.extend(regional_rows(reviewed.catalog, reviewed.inherited, reviewed.domain, pair, found))
        elif reviewed.catalog is not None:
            rows.extend(review_rows(reviewed.catalog, reviewed.domain, reviewed.path, found))
    paths = [reviewed.path for reviewed in catalogs]
    shown = {(row.path, row.line) for row in rows}
    shown.update((finding.path, finding.line) for row in rows for finding in row.findings)
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
        f'<html lang="{_escape(language_tag(lang))}">',
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
        _regional_note(lang) if rows and rows[0].inherited is not None else None,
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


#: The states a page counts, and their labels: a language's page, or a region's.
COUNTED = ((REVIEWED, "reviewed"), (MACHINE_DRAFT, "machine drafts"), (MISSING, "missing"))
REGIONAL_COUNTED = ((OVERRIDE, "overrides"), (FUZZY_OVERRIDE, "fuzzy overrides"), (INHERITED, "inherited"))


def _counts(rows: Sequence[ReviewRow], findings: Sequence[Finding]) -> str:
    counted = REGIONAL_COUNTED if rows and rows[0].inherited is not None else COUNTED
    severities = {severity: sum(f.severity is severity for f in findings) for severity in Severity}
    items = [
        (len(rows), "messages"),
        *((sum(row.state == state for row in rows), label) for state, label in counted),
        (severities[Severity.ERROR], "errors"),
        (severities[Severity.WARNING], "warnings"),
    ]
    return (
        '<ul class="counts">'
        + "".join(f"<li><strong>{count}</strong> {label}</li>" for count, label in items)
        + "</ul>"
    )


def _regional_note(region: str) -> str:
    language = base_language(region)
    return (
        f"<p>A regional catalog overrides the {_escape(language)} translation (middle column) where "
        f"{_escape(_english_name(region))} says otherwise. An empty override <em>inherits</em> it; "
        "a <em>fuzzy override</em> is ignored by a release, which prints the inherited text.</p>"
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
    # A region's table shows its language's text between the source and the override.
    language = base_language(lang) if rows[0].inherited is not None else None
    inherited = f'<th scope="col">{_escape(_english_name(language))} ({language})</th>' if language else ""
    head = (
        '<tr lang="en"><th scope="col">Line</th>'
        f'<th scope="col">{_escape(_english_name(source_lang))}</th>'
        f"{inherited}"
        f'<th scope="col">{_escape(_english_name(lang))}</th>'
        '<th scope="col">State and checks</th></tr>'
    )
    body = "\n".join(_row(source_lang, row, language) for row in rows)
    columns = "<col>" * (3 if language else 2)
    return (
        f'<section id="{_escape(anchor)}">\n<h2 lang="en">{_escape(title)}</h2>\n'
        f'<p class="path">{_escape(path)}</p>\n'
        f'<table>\n<colgroup><col class="line">{columns}<col class="review"></colgroup>\n'
        f"<thead>{head}</thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</section>"
    )


def _row(source_lang: str, row: ReviewRow, language: str | None = None) -> str:
    state = row.state + (f" ({row.origin})" if row.origin else "")
    if row.translation:
        translation = _escape(row.translation)
    elif language:
        translation = f'<span class="none" lang="en">as in {_escape(language)}</span>'
    else:
        translation = '<span class="none" lang="en">no translation</span>'
    inherited = (
        f'<td class="text" lang="{_escape(language_tag(language))}">{_escape(row.inherited)}</td>'
        if language and row.inherited is not None
        else ""
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
        f"{inherited}"
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
