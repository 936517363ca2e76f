"""A translation kit for one language, and reading it back (``make kit``, ``make kit-import``).

One zip per language, ``outputs/kits/jumelage-<lang>.zip``, as Okapi Rainbow's
kits hold what a translator needs and nothing to install:

- ``xliff/<slug>.xlf``: every catalog of the language (:mod:`pipeline.workflow.exchange`);
- ``reference/<slug>.pdf``: the draft edition's A5 PDF (a collection's: its draft brochure), to see
  the text in place;
- ``memory.tmx``: the reviewed translations of that language;
- ``glossary.tbx``: the names to keep and the set translations;
- ``README.txt``: how to work, in the language of the kit's reader;
- ``manifest.json``: the language and, per catalog, the version of the source the kit was made from.

The zip is the same bytes for the same inputs (entries sorted, a fixed date).
An import refuses a kit made from another version of the source, naming the
messages whose French changed since, and otherwise merges every XLIFF of it
at once, or none.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.catalogs.po import message_id, messages, read_catalog
from pipeline.catalogs.xliff import XliffError, parse_xliff, source_version
from pipeline.drafts.glossary import load_glossary
from pipeline.drafts.memory import TranslationMemory, export_tmx
from pipeline.drafts.termbase import export_tbx
from pipeline.errors import Problem
from pipeline.fileio import write_bytes
from pipeline.project import Project
from pipeline.text import base_language, excerpt
from pipeline.workflow.drafts import load_memory
from pipeline.workflow.editions import edition_paths
from pipeline.workflow.exchange import Exchange, ImportedCatalog, exchanges, import_xliff_data, xliff_bytes
from pipeline.workflow.sources import load_collection, load_editions_config

MANIFEST = "manifest.json"
KIT_FORMAT = 1
#: The zip's date for every entry: a kit's bytes must not depend on the clock.
_EPOCH = (2020, 1, 1, 0, 0, 0)
#: What an import reads from a kit at most, so a crafted zip cannot fill the disk or the memory.
MAX_ENTRY = 32 * 1024 * 1024


class KitError(XliffError):
    """A kit that cannot be read, or that was made from another version of the source."""


def kit_path(project: Project, lang: str) -> Path:
    return project.outputs_dir / "kits" / f"jumelage-{lang}.zip"


def reference_pdf(project: Project, lang: str, slug: str) -> Path | None:
    """The draft edition's A5 PDF of an article, or a collection's draft brochure in the first edition
    of ``lang`` that prints it (``make kit`` builds both first); none for a collection no edition of
    ``lang`` prints."""
    source = project.collections_dir / f"{slug}.md"
    if not source.exists():
        return project.output_path(lang, slug, "pdf", draft=True)
    collection = load_collection(project, source)
    for edition in load_editions_config(project).editions:
        if edition.key in collection.editions and lang in (edition.lang, edition.region_catalog):
            return edition_paths(project, slug, edition, draft=True)[0]
    return None


def build_kit(project: Project, lang: str) -> Path:
    """Write the kit of ``lang``; a reference PDF not built yet is a located error."""
    chosen = [exchange for exchange in exchanges(project, [lang]) if exchange.lang == lang]
    if not chosen:
        raise KitError(
            str(project.relative(project.locales_dir)), None, f"expected catalogs for {lang}, found none"
        )
    files: dict[str, bytes] = {}
    versions: dict[str, str] = {}
    for exchange in chosen:
        files[f"xliff/{exchange.slug}.xlf"] = xliff_bytes(project, exchange)
        catalog = read_catalog(exchange.path, exchange.lang, project.relative(exchange.path))
        versions[project.relative(exchange.path)] = source_version(catalog)
        pdf = reference_pdf(project, lang, exchange.slug) if exchange.slug != "ui" else None
        if pdf is not None:
            if not pdf.exists():
                raise KitError(
                    project.relative(pdf),
                    None,
                    "expected the draft's reference PDF, found none (make kit builds it)",
                )
            files[f"reference/{exchange.slug}.pdf"] = pdf.read_bytes()
    files["memory.tmx"] = export_tmx(_only(load_memory(project), base_language(lang)))
    glossary = load_glossary(project.glossary_path, project.relative(project.glossary_path))
    files["glossary.tbx"] = export_tbx(glossary, [lang])
    files["README.txt"] = readme(lang).encode("utf-8")
    manifest = {"format": KIT_FORMAT, "language": lang, "sources": versions, "files": sorted(files)}
    files[MANIFEST] = (json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()
    output = kit_path(project, lang)
    write_bytes(output, zip_bytes(files))
    return output


def _only(memory: TranslationMemory, lang: str) -> TranslationMemory:
    return TranslationMemory({lang: memory.entries[lang]} if lang in memory.entries else {})


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of ``files``, entries sorted, every date the same, compressed: same files, same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


@dataclass(frozen=True)
class KitImport:
    """What a kit brought back: per catalog, its merge report."""

    lang: str
    catalogs: list[ImportedCatalog]


def import_kit(project: Project, kit: Path, write: bool = True) -> KitImport:
    """Read a kit back: check its source versions, then merge its XLIFF files, all or none."""
    shown = project.relative(kit)
    files = read_kit(kit, shown)
    try:
        manifest = json.loads(files[MANIFEST])
        lang, sources = str(manifest["language"]), dict(manifest["sources"])
    except (KeyError, ValueError, TypeError):
        raise KitError(
            shown, None, f"expected a jumelage kit with a {MANIFEST}, found none readable"
        ) from None
    known = {project.relative(exchange.path): exchange for exchange in exchanges(project, [lang])}
    problems: list[Problem] = []
    xliffs = sorted(name for name in files if name.startswith("xliff/") and name.endswith(".xlf"))
    for name in xliffs:
        problems.extend(_version_problems(project, files[name], f"{shown}/{name}", sources, known))
    if problems:
        raise KitError(problems[0].path, problems[0].line, problems[0].message, problems)
    # Every file is checked before any is written: a kit is merged whole or not at all.
    for name in xliffs:
        import_xliff_data(project, files[name], f"{shown}/{name}", write=False)
    imported: list[ImportedCatalog] = []
    for name in xliffs:
        imported.extend(import_xliff_data(project, files[name], f"{shown}/{name}", write=write))
    return KitImport(lang, imported)


def read_kit(kit: Path, shown: str) -> dict[str, bytes]:
    """A kit's entries by name; a file that is no zip, or an entry too large or outside, is refused."""
    if not kit.is_file():
        raise KitError(shown, None, "expected a kit (a .zip file), found no such file")
    try:
        with zipfile.ZipFile(kit) as archive:
            files = {}
            for info in archive.infolist():
                if info.is_dir():
                    continue
                if info.filename.startswith(("/", "..")) or "/../" in info.filename or "\\" in info.filename:
                    raise KitError(shown, None, f"expected entries inside the kit, found {info.filename!r}")
                if info.file_size > MAX_ENTRY:
                    raise KitError(
                        shown,
                        None,
                        f"expected entries under 32 MB, found {info.filename} of {info.file_size} bytes",
                    )
                files[info.filename] = archive.read(info)
    except zipfile.BadZipFile:
        raise KitError(shown, None, "expected a kit (a .zip file), found a file that is no zip") from None
    return files


def _version_problems(
    project: Project, data: bytes, shown: str, sources: dict[str, str], known: dict[str, Exchange]
) -> list[Problem]:
    """Why an XLIFF of the kit no longer fits the source: its catalog's French changed since the kit."""
    try:
        [file] = parse_xliff(data, shown)
    except XliffError as error:
        return list(error.problems)
    except ValueError:
        return [Problem(shown, None, "expected one <file> per XLIFF of a kit, found several")]
    exchange = known.get(file.original)
    if exchange is None:
        return [Problem(shown, file.line, f"expected a catalog of this project, found {file.original!r}")]
    catalog = read_catalog(exchange.path, exchange.lang, project.relative(exchange.path))
    now = source_version(catalog)
    made_from = sources.get(file.original, file.build)
    if made_from == now:
        return []
    current = {message_id(message) for message in messages(catalog)}
    sent = {unit.source for unit in file.units}
    gone = sorted(sent - current)
    new = sorted(current - sent)
    said = [f"changed or removed since: {excerpt(text)}" for text in gone]
    said += [f"new since: {excerpt(text)}" for text in new]
    return [
        Problem(
            shown,
            file.line,
            f"expected a kit made from the source as it is now ({now}), found one made from {made_from}: "
            + "; ".join(said or ["the messages' order or context changed"])
            + " (make a new kit: make kit LANGS="
            + exchange.lang
            + ")",
        )
    ]


def describe_import(result: KitImport) -> Iterable[str]:
    """The import's report, a line per catalog, then what is still fuzzy."""
    for imported in result.catalogs:
        report = imported.report
        yield f"{report.path}: {len(report.changed)} changed, {len(report.fuzzy)} still fuzzy"


#: The kit's README, in the language of its reader (a region reads its language's).
READMES = {
    "en": """jumelage translation kit: {lang}

What is in this kit
- xliff/: the texts to translate, one XLIFF 1.2 file per article and one for the interface words.
  Open them in your CAT tool (Trados, memoQ, Phrase, OmegaT…).
- reference/: the draft edition as a PDF, to see each text in its place.
- memory.tmx: the translations already reviewed, for your translation memory.
- glossary.tbx: names to keep as they are written in French, and terms with a set translation.

How to work
- Translate the targets only; never change a source text.
- Keep every tag: tags stand for formatting, links and notes. Move them, do not delete them.
- A segment you have finished: status translated. A segment you are unsure of: leave it to be
  reviewed, and say why in a note.
- Send back the XLIFF files (or this kit with the XLIFF files replaced).

The kit was made from one version of the French; if the French changed since, the office will send
you a new kit rather than lose your work.
""",
    "fr": """Kit de traduction jumelage : {lang}

Contenu du kit
- xliff/ : les textes à traduire, un fichier XLIFF 1.2 par article et un pour les mots de l’interface.
  Ouvrez-les dans votre outil de TAO (Trados, memoQ, Phrase, OmegaT…).
- reference/ : l’édition provisoire en PDF, pour voir chaque texte à sa place.
- memory.tmx : les traductions déjà relues, pour votre mémoire de traduction.
- glossary.tbx : les noms à garder tels qu’ils s’écrivent en français et les termes à traduction fixée.

Méthode
- Traduisez les cibles seulement ; ne modifiez jamais un texte source.
- Gardez toutes les balises : elles représentent la mise en forme, les liens et les notes.
  Déplacez-les, ne les supprimez pas.
- Segment terminé : statut « traduit ». Segment incertain : laissez-le à relire et dites pourquoi
  dans une note.
- Renvoyez les fichiers XLIFF (ou ce kit, fichiers XLIFF remplacés).

Le kit a été fait sur une version du français ; si le français a changé depuis, le service vous
enverra un nouveau kit plutôt que de perdre votre travail.
""",
    "de": """jumelage-Übersetzungspaket: {lang}

Inhalt des Pakets
- xliff/: die zu übersetzenden Texte, eine XLIFF-1.2-Datei pro Artikel und eine für die
  Oberflächentexte. Öffnen Sie sie in Ihrem CAT-Tool (Trados, memoQ, Phrase, OmegaT …).
- reference/: die Entwurfsausgabe als PDF, um jeden Text an seinem Platz zu sehen.
- memory.tmx: die bereits geprüften Übersetzungen, für Ihr Translation Memory.
- glossary.tbx: Namen, die wie im Französischen geschrieben bleiben, und Begriffe mit festgelegter
  Übersetzung.

Arbeitsweise
- Übersetzen Sie nur die Zieltexte; ändern Sie nie einen Ausgangstext.
- Behalten Sie alle Tags: sie stehen für Formatierung, Links und Anmerkungen. Verschieben Sie sie,
  löschen Sie sie nicht.
- Fertiges Segment: Status „übersetzt“. Unsicheres Segment: zur Prüfung offen lassen und den Grund
  in einer Notiz angeben.
- Senden Sie die XLIFF-Dateien zurück (oder dieses Paket mit den ersetzten XLIFF-Dateien).

Das Paket wurde aus einer Fassung des französischen Textes erstellt; hat sich der französische
Text seither geändert, erhalten Sie ein neues Paket, damit Ihre Arbeit nicht verloren geht.
""",
    "pl": """Pakiet tłumaczeniowy jumelage: {lang}

Zawartość pakietu
- xliff/: teksty do przetłumaczenia, jeden plik XLIFF 1.2 na artykuł i jeden na teksty interfejsu.
  Proszę je otworzyć w narzędziu CAT (Trados, memoQ, Phrase, OmegaT…).
- reference/: wersja robocza w formacie PDF, aby zobaczyć każdy tekst na swoim miejscu.
- memory.tmx: tłumaczenia już zweryfikowane, do pamięci tłumaczeniowej.
- glossary.tbx: nazwy, które pozostają w pisowni francuskiej, i terminy o ustalonym tłumaczeniu.

Sposób pracy
- Proszę tłumaczyć tylko teksty docelowe; nigdy nie zmieniać tekstu źródłowego.
- Proszę zachować wszystkie znaczniki: oznaczają formatowanie, linki i przypisy. Można je
  przesuwać, nie wolno ich usuwać.
- Segment gotowy: status „przetłumaczony”. Segment niepewny: pozostawić do weryfikacji i podać
  powód w notatce.
- Proszę odesłać pliki XLIFF (albo ten pakiet z podmienionymi plikami XLIFF).

Pakiet przygotowano na podstawie jednej wersji tekstu francuskiego; jeśli tekst francuski się od
tego czasu zmienił, otrzymają Państwo nowy pakiet, aby praca nie przepadła.
""",
    "cs": """Překladatelský balíček jumelage: {lang}

Obsah balíčku
- xliff/: texty k překladu, jeden soubor XLIFF 1.2 na článek a jeden pro texty rozhraní.
  Otevřete je ve svém nástroji CAT (Trados, memoQ, Phrase, OmegaT…).
- reference/: pracovní verze ve formátu PDF, abyste viděli každý text na jeho místě.
- memory.tmx: již zkontrolované překlady pro vaši překladovou paměť.
- glossary.tbx: názvy, které se ponechávají ve francouzském znění, a termíny se stanoveným překladem.

Postup
- Překládejte pouze cílové texty; zdrojový text nikdy neměňte.
- Zachovejte všechny značky: představují formátování, odkazy a poznámky. Můžete je přesouvat,
  nemažte je.
- Hotový segment: stav „přeloženo“. Nejistý segment: ponechte ke kontrole a důvod uveďte
  v poznámce.
- Pošlete zpět soubory XLIFF (nebo tento balíček s nahrazenými soubory XLIFF).

Balíček vznikl z jedné verze francouzského textu; pokud se francouzský text mezitím změnil, pošleme
vám nový balíček, aby vaše práce nepřišla nazmar.
""",
}


def readme(lang: str) -> str:
    """The kit's README in its reader's language (English for a language without one)."""
    return READMES.get(base_language(lang), READMES["en"]).format(lang=lang)
