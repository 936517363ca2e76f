"""Catalogs + findings → a self-contained HTML page a reviewer reads: source and translation side by side.

One page per language, ``outputs/review/<lang>.html``: for each article and
for the interface words, a table with the source text, the translation, the
message's state ("reviewed", "machine draft", "missing") and what the QA
checks of :mod:`pipeline.qa.checks` found. A region's page
(``outputs/review/en_US.html``) puts each override beside the French and the
language's text it replaces ("override", "fuzzy override", "inherited").
The markup is ``templates/review.html``'s, filled by pandoc's template
engine as every other page is; this module turns the catalogs and findings
into its variables. The page needs no network (inline CSS, no scripts, no
fonts to fetch), escapes every text (translations are untrusted), and is the
same bytes for the same catalogs (no date). :mod:`pipeline.workflow.qa` reads
the catalogs and writes the page.
"""

from __future__ import annotations

import difflib
import html
import json
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog, Message

from pipeline.catalogs.po import MACHINE_COMMENT, message_id, message_string, messages
from pipeline.project import SOURCE_LANGUAGE, UI_DOMAIN, UI_SOURCE_LANGUAGE, language_tag
from pipeline.qa.checks import Severity
from pipeline.qa.inspection import draft_origin
from pipeline.qa.runner import Finding, accepted_checks, sort_findings
from pipeline.render.pandoc import run_pandoc
from pipeline.render.ui import endonym
from pipeline.text import base_language

REVIEWED = "reviewed"
MACHINE_DRAFT = "machine draft"
#: Fuzzy because its French changed since it was reviewed (the previous French is kept in ``#|``).
FRENCH_CHANGED = "French changed"
#: Fuzzy for another reason: a memory's close match, or marked so by a person or a tool.
FUZZY = "fuzzy"
MISSING = "missing"
STATES = (REVIEWED, MACHINE_DRAFT, FRENCH_CHANGED, FUZZY, MISSING)
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
    #: The French as it was when the translation was made, for a message whose French changed.
    previous: str | None = None
    #: The checks whose warnings a reviewer accepted here (``#, jumelage-ok:<check>``).
    accepted: tuple[str, ...] = ()


def message_state(message: Message) -> str:
    """``missing`` without a translation; while fuzzy, ``machine draft`` for an engine's draft, ``French
    changed`` for a translation whose French was edited, else ``fuzzy``; ``reviewed`` otherwise.

    >>> message_state(Message("Oui", "Ja", flags={"fuzzy"}, auto_comments=["machine translation: deepl"]))
    'machine draft'
    >>> message_state(Message("Oui !", "Ja", flags={"fuzzy"}, previous_id=["Oui"]))
    'French changed'
    """
    if not message_string(message):
        return MISSING
    if not message.fuzzy:
        return REVIEWED
    if any(comment.startswith(MACHINE_COMMENT) for comment in message.auto_comments):
        return MACHINE_DRAFT
    return FRENCH_CHANGED if message.previous_id else FUZZY


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
            previous=message.previous_id[0] if message.fuzzy and message.previous_id else None,
            accepted=tuple(sorted(accepted_checks(message))),
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


def review_page(
    lang: str, catalogs: Sequence[ReviewedCatalog], findings: Iterable[Finding], template: Path
) -> str:
    """The review page of ``lang`` over ``catalogs``, in their order, through ``template``.

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
    return render_review(lang, rows, template, loose)


def render_review(
    lang: str, rows: Sequence[ReviewRow], template: Path, findings: Sequence[Finding] = ()
) -> str:
    """The review page of ``lang``: counts, then one table per catalog, in the order of ``rows``.

    ``findings`` are those that belong to no message (a missing catalog, say);
    they are listed first. The variables go to pandoc in a defaults file, not
    on its command line, where a long catalog would pass the system's limit
    on one argument (128 KiB on Linux).
    """
    defaults = json.dumps({"variables": review_variables(lang, rows, findings)}, ensure_ascii=False)
    with tempfile.TemporaryDirectory(prefix="jumelage-review-") as folder:
        path = Path(folder) / "review.json"
        path.write_text(defaults, encoding="utf-8")
        arguments = ["-t", "html5", f"--template={template}", f"--defaults={path}"]
        return run_pandoc({}, "", arguments, f"review/{lang}.html").decode("utf-8")


#: The states a page counts, and their labels: a language's page, or a region's.
#: States counted on the page only when a message is in them.
_SHOWN_WHEN_FOUND = frozenset({FRENCH_CHANGED, FUZZY})
COUNTED = (
    (REVIEWED, "reviewed"),
    (MACHINE_DRAFT, "machine drafts"),
    (FRENCH_CHANGED, "French changed"),
    (FUZZY, "other fuzzy"),
    (MISSING, "missing"),
)
REGIONAL_COUNTED = ((OVERRIDE, "overrides"), (FUZZY_OVERRIDE, "fuzzy overrides"), (INHERITED, "inherited"))


def review_variables(
    lang: str, rows: Sequence[ReviewRow], findings: Sequence[Finding] = ()
) -> dict[str, Any]:
    """The page's rows and findings → the variables of ``templates/review.html``, every text escaped.

    pandoc copies a variable as it is, and translations are text from outside:
    no markup of theirs may reach the page as markup.

    >>> variables = review_variables("de", [ReviewRow("a", "de.po", 3, "Oui", "<b>Ja</b>", REVIEWED)])
    >>> variables["sections"][0]["rows"][0]["translation"]
    '&lt;b&gt;Ja&lt;/b&gt;'
    """
    all_findings = [*findings, *(finding for row in rows for finding in row.findings)]
    language = _english_name(lang)
    if endonym(lang) != language:
        language += f" ({endonym(lang)})"
    regional = bool(rows) and rows[0].inherited is not None
    sections: dict[str, list[ReviewRow]] = {}
    for row in rows:
        sections.setdefault(row.path, []).append(row)
    counted = REGIONAL_COUNTED if regional else COUNTED
    severities = {severity: sum(f.severity is severity for f in all_findings) for severity in Severity}
    counts = [
        (len(rows), "messages"),
        *(
            (count, label)
            for count, state, label in ((sum(row.state == s for row in rows), s, lab) for s, lab in counted)
            if count or state not in _SHOWN_WHEN_FOUND
        ),
        (severities[Severity.ERROR], "errors"),
        (severities[Severity.WARNING], "warnings"),
    ]
    return {
        "page-lang": _escape(language_tag(lang)),
        "language": _escape(language),
        "counts": [{"count": str(count), "label": label} for count, label in counts],
        "region": (
            {"language": _escape(base_language(lang)), "name": _escape(_english_name(lang))}
            if regional
            else None
        ),
        "findings": [
            {"severity": finding.severity.value, "text": _escape(str(finding))}
            for finding in sort_findings(findings)
        ],
        "sections": [_section(lang, path, section) for path, section in sections.items()],
    }


def _section(lang: str, path: str, rows: Sequence[ReviewRow]) -> dict[str, Any]:
    domain = rows[0].domain
    source_lang = UI_SOURCE_LANGUAGE if domain == UI_DOMAIN else SOURCE_LANGUAGE
    # A region's table shows its language's text between the source and the override.
    language = base_language(lang) if rows[0].inherited is not None else None
    return {
        "anchor": _escape(f"catalog-{domain}"),
        "title": _escape("Interface words" if domain == UI_DOMAIN else f"Article: {domain}"),
        "path": _escape(path),
        "source-name": _escape(_english_name(source_lang)),
        "language": {"name": _escape(_english_name(language)), "code": _escape(language)}
        if language
        else None,
        "name": _escape(_english_name(lang)),
        "rows": [_row(source_lang, row, language) for row in rows],
    }


def _row(source_lang: str, row: ReviewRow, language: str | None = None) -> dict[str, Any]:
    return {
        "state-class": row.state.replace(" ", "-"),
        "line": "" if row.line is None else str(row.line),
        "source-lang": _escape(source_lang),
        "source": _escape(row.source),
        "inherited": (
            {"lang": _escape(language_tag(language)), "text": _escape(row.inherited)}
            if language and row.inherited is not None
            else None
        ),
        "translation": _escape(row.translation),
        # An empty override shows the language it inherits from; an empty translation, that it has none.
        "as-in": _escape(language) if language else None,
        "state": _escape(row.state + (f" ({row.origin})" if row.origin else "")),
        "findings": [
            {
                "severity": finding.severity.value,
                "check": _escape(finding.check),
                "message": _escape(finding.message),
            }
            for finding in row.findings
        ],
        "note": _escape(row.note),
        "previous": french_diff(row.previous, row.source) if row.previous is not None else None,
        "accepted": _escape(", ".join(row.accepted)) if row.accepted else None,
    }


def french_diff(previous: str, current: str) -> str:
    """The French's edit, word by word, as escaped HTML: ``<del>`` what went, ``<ins>`` what came.

    >>> french_diff("Il est resté huit mois.", "Il est resté 8 mois.")
    'Il est resté <del>huit</del><ins>8</ins> mois.'
    """
    old, new = re.split(r"(\s+)", previous), re.split(r"(\s+)", current)
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(_escape("".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{_escape(''.join(old[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{_escape(''.join(new[j1:j2]))}</ins>")
    return "".join(parts)


def _english_name(lang: str) -> str:
    return Locale.parse(lang.replace("-", "_")).english_name or lang


def _escape(text: str) -> str:
    """``text`` as a template variable: HTML-escaped, and a final line break doubled, as pandoc's
    template engine drops the last line break of a value (a message may end with one)."""
    escaped = html.escape(text, quote=True)
    return escaped + "\n" if escaped.endswith("\n") else escaped
