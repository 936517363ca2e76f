"""pipeline.drafts.translate and pipeline.drafts.memory: drafts through the real deep-translator client
against a LibreTranslate-compatible server on 127.0.0.1, memory, TMX, protection."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from pipeline.catalogs.po import parse_catalog, read_catalog
from pipeline.drafts.memory import export_tmx, parse_tmx
from pipeline.drafts.translate import DraftOptions, PseudoEngine, TranslateError, make_engine, redact
from pipeline.errors import JumelageError
from pipeline.placeholders import PLACEHOLDER, protect, restore
from pipeline.project import Project
from pipeline.workflow.drafts import draft_translations, export_memory, import_memory, load_memory

from .conftest import DATA, SLUG, jumelage_argv
from .fake_libretranslate import Behaviour, fake_translation, running_server

NEW = "rencontre-erlangen"


def options(url: str, **changes: object) -> DraftOptions:
    values: dict[str, object] = {"engine": "libretranslate", "url": url, "timeout": 2.0, "backoff": 0.01}
    values.update(changes)
    return DraftOptions(**values)  # type: ignore[arg-type]


def with_new_article(project_copy: Path) -> Project:
    shutil.copy(DATA / f"{NEW}.md", project_copy / "source")
    return Project(project_copy)


def german(project: Project, slug: str = NEW) -> Catalog:
    return read_catalog(project.catalog_path("de", slug), "de")


# --- protection -------------------------------------------------------------------------------------


def test_protection_round_trips_markup_urls_and_kept_names() -> None:
    text = "**Question :** voir [le site](https://a.fr/x) de `Rennes Métropole` et Eurocities\\!"
    protected = protect(text, ["Eurocities"])
    assert "Eurocities" not in protected.text and "https" not in protected.text and "*" not in protected.text
    assert restore(protected.text, protected) == text


@pytest.mark.parametrize(
    "damage", ["{0}Question{1} {2}site{3} {5} {6}", "Question {1}{2}{3}{4}{5}{6}", "{0}{0}{1}{2}{3}{4}{5}{6}"]
)
def test_a_draft_with_damaged_placeholders_is_refused(damage: str) -> None:
    protected = protect(
        "**Question :** voir [le site](https://a.fr/x) de `code` et Eurocities\\!", ["Eurocities"]
    )
    assert len(protected.originals) == 7
    assert restore(damage, protected) is None


def test_pseudo_localisation_is_deterministic_longer_and_keeps_markup() -> None:
    source = "Un [lien](https://a.fr) et du **gras** pour la métropole de Rennes."
    protected = protect(source, [])
    first = PseudoEngine().translate(protected.text)
    assert first == PseudoEngine().translate(protected.text)
    restored = restore(first, protected)
    assert (
        restored is not None and "[lien](https://a.fr)" not in restored
    )  # the link text is pseudo-translated
    assert "](https://a.fr)" in restored and "**" in restored

    def visible(text: str) -> int:
        return len(PLACEHOLDER.sub("", text))

    assert 1.3 <= visible(first) / visible(protected.text) <= 1.45  # the readable text, markup aside


# --- engines ----------------------------------------------------------------------------------------


def test_an_unknown_engine_is_a_user_error() -> None:
    with pytest.raises(
        TranslateError, match="expected one of google, deepl, microsoft, mymemory, libretranslate, pseudo"
    ):
        make_engine("babelfish", "fr", "de", None)


def test_a_paid_engine_without_its_key_says_which_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    with pytest.raises(TranslateError, match="DEEPL_API_KEY"):
        make_engine("deepl", "fr", "de", None)


def test_libretranslate_needs_a_server_url() -> None:
    with pytest.raises(TranslateError, match="expected --url"):
        make_engine("libretranslate", "fr", "de", None)


def test_redact_hides_keys_in_text() -> None:
    environment = {"LIBRE_API_KEY": "s3cret-canary"}
    assert redact("http://h/translate?q=x&api_key=s3cret-canary failed", environment) == (
        "http://h/translate?q=x&api_key=*** failed"
    )


# --- against the local server -----------------------------------------------------------------------


def test_drafts_land_fuzzy_with_the_engine_named_and_reviewed_entries_untouched(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    reviewed_before = project.catalog_path("de", SLUG).read_bytes()
    behaviour = Behaviour()
    with running_server(behaviour) as url:
        reports = draft_translations(project, ["de"], options(url))
    catalog = german(project)
    drafted = [message for message in catalog if message.id]
    assert drafted and all(message.fuzzy for message in drafted)
    for message in drafted:
        assert "machine translation: libretranslate" in message.auto_comments
        assert message.string == fake_translation(message.id, "de")  # markup restored exactly
    assert project.catalog_path("de", SLUG).read_bytes() == reviewed_before
    assert reports["de"].drafted == len(drafted) and reports["de"].requests == behaviour.requests


def test_a_second_run_sends_no_request(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    behaviour = Behaviour()
    with running_server(behaviour) as url:
        draft_translations(project, ["de"], options(url))
        first = behaviour.requests
        after = draft_translations(project, ["de"], options(url))
    assert first > 0 and behaviour.requests == first and after["de"].requests == 0


def test_memory_reuses_reviewed_sentences_of_another_article(project_copy: Path) -> None:
    (project_copy / "source" / "suite.md").write_text(
        "---\ntitle: Suite\nlang: fr\n---\n\n## Le parcours de Simon Letonturier\n\n"
        "## Les réseaux et partenariats de la métropole\n\nUne phrase toute neuve.\n",
        encoding="utf-8",
    )
    project = Project(project_copy)
    behaviour = Behaviour()
    with running_server(behaviour) as url:
        report = draft_translations(project, ["de"], options(url))["de"]
    catalog = german(project, "suite")
    exact = catalog.get("Le parcours de Simon Letonturier")
    reviewed = read_catalog(project.catalog_path("de", SLUG), "de").get("Le parcours de Simon Letonturier")
    assert exact is not None and reviewed is not None
    assert exact.string == reviewed.string and not exact.fuzzy
    assert any(comment.startswith("translation memory: reviewed in") for comment in exact.auto_comments)
    close = catalog.get("Les réseaux et partenariats de la métropole")
    assert close is not None and close.fuzzy and close.string
    assert any("% match from" in comment for comment in close.auto_comments)
    assert report.from_memory == 2 and behaviour.requests == 2  # "Suite" and the new sentence only


def test_429_500_and_broken_json_are_retried(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    behaviour = Behaviour(script=[429, 500, "broken", 503])
    with running_server(behaviour) as url:
        report = draft_translations(project, ["de"], options(url, workers=1))["de"]
    assert not report.failed
    assert behaviour.requests == behaviour.answered + 4
    assert all(message.fuzzy and message.string for message in german(project) if message.id)


def test_a_hanging_server_is_cut_off_by_the_timeout(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    behaviour = Behaviour(always="hang", hang_seconds=5)
    started = time.monotonic()
    with running_server(behaviour) as url:
        report = draft_translations(project, ["de"], options(url, timeout=0.3, retries=1, workers=4))["de"]
    assert time.monotonic() - started < 60  # a sanity bound, not a benchmark
    assert report.drafted == 0 and report.failed
    assert all("Timeout" in failure for failure in report.failed)
    assert all(not message.string for message in german(project) if message.id)


def test_damaged_placeholders_leave_the_message_untranslated(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    with running_server(Behaviour(always="damage")) as url:
        report = draft_translations(project, ["de"], options(url))["de"]
    catalog = german(project)
    link = next(message for message in catalog if message.id and "](https://www.erlangen.de/)" in message.id)
    assert not link.string
    assert any("placeholders damaged" in failure for failure in report.failed)


def test_an_authentication_error_stops_at_once_without_showing_the_key(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = with_new_article(project_copy)
    monkeypatch.setenv("LIBRE_API_KEY", "canary-key-0451")
    behaviour = Behaviour(api_key="the-right-key")
    with running_server(behaviour) as url, pytest.raises(JumelageError) as caught:
        draft_translations(project, ["de"], options(url, workers=1))
    assert "refused our credentials" in str(caught.value) and "LIBRE_API_KEY" in str(caught.value)
    assert "canary-key-0451" not in str(caught.value)
    assert behaviour.requests <= 2  # no retries on an authentication error
    german(project)  # the catalog still parses


def big_article(count: int) -> str:
    paragraphs = "\n\n".join(f"Paragraphe numéro {index} du long article de test." for index in range(count))
    return f"---\ntitle: Long\nlang: fr\n---\n\n{paragraphs}\n"


def test_an_interrupted_run_keeps_every_finished_draft(project_copy: Path) -> None:
    (project_copy / "source" / "long.md").write_text(big_article(120), encoding="utf-8")
    project = Project(project_copy)
    path = project.catalog_path("de", "long")
    behaviour = Behaviour(latency=0.1)
    with running_server(behaviour) as url:
        process = subprocess.Popen(
            jumelage_argv(
                project_copy,
                "translate",
                "--engine",
                "libretranslate",
                "--url",
                url,
                "--lang",
                "de",
                "--jobs",
                "2",
            ),
            stderr=subprocess.PIPE,
            text=True,
            # A shell that starts jobs in the background hands them SIGINT ignored;
            # the test stands for a person pressing Ctrl-C, so the child gets the default.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if path.exists() and path.read_text(encoding="utf-8").count("#, fuzzy") >= 10:
                break
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        answered = behaviour.answered
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    catalog = parse_catalog(path.read_text(encoding="utf-8"), str(path), "de")
    drafts = [message for message in catalog if message.id and message.string]
    assert all(message.fuzzy and message.string == fake_translation(message.id, "de") for message in drafts)
    assert 10 <= len(drafts) < 121
    assert len(drafts) >= answered - 2  # at most the requests in flight are lost


# --- TMX --------------------------------------------------------------------------------------------


def test_tmx_export_and_import_round_trip(project_copy: Path, tmp_path: Path) -> None:
    project = Project(project_copy)
    tmx = tmp_path / "memory.tmx"
    units = export_memory(project, tmx)
    assert units == 18
    memory, original = parse_tmx(tmx.read_bytes(), "memory.tmx"), load_memory(project)
    assert export_tmx(memory) == export_tmx(original)  # origins are not written: same units, same bytes
    catalog_path = project.catalog_path("pl", SLUG)
    blank = catalog_path.read_text(encoding="utf-8")
    cleared = parse_catalog(blank, "pl.po", "pl")
    for message in cleared:
        if message.id:
            message.string = ""
    from pipeline.catalogs.po import write_catalog

    write_catalog(catalog_path, cleared)
    assert import_memory(project, tmx) == 18
    refilled = read_catalog(catalog_path, "pl")
    assert all(message.fuzzy and message.string for message in refilled if message.id)
    assert all("translation memory: imported from memory.tmx" in m.auto_comments for m in refilled if m.id)


def test_a_tmx_with_an_entity_bomb_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx><body>&a;</body></tmx>'
    with pytest.raises(JumelageError, match="expected plain TMX"):
        parse_tmx(bomb, "bomb.tmx")


def test_translate_cli_reports_a_bad_engine_in_one_line(project_copy: Path) -> None:
    done = subprocess.run(
        jumelage_argv(project_copy, "translate", "--engine", "nope"),
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )
    assert done.returncode == 2
    engines = "google, deepl, microsoft, mymemory, libretranslate, pseudo"
    assert done.stderr.strip() == f"--engine: expected one of {engines}, found 'nope'"
