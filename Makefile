# jumelage: `make` builds every edition, `make test` runs the tests. `make help` lists the rest.
#
# Every output is a real file with real prerequisites, so a second `make`
# does nothing, editing one catalog rebuilds only that language, and `make -j2`
# is safe (each rule writes its own file, atomically, through the pipeline).

SHELL := /bin/bash
# -n, -t or -q: read from the command line's single-letter flags, before this file adds long ones.
dry_run := $(strip $(foreach flag,n t q,$(findstring $(flag),$(firstword -$(MAKEFLAGS)))))
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
# No `.SECONDARY:` without prerequisites: it would take any missing file for an intermediate one, and a
# deleted template or glossary would leave its outputs standing. The translated Markdown and the copied
# assets are kept between runs all the same: each is named as a target or a prerequisite below.
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules --no-builtin-variables

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every package .venv holds, pinned with its hashes (`make lock` writes it from pyproject.toml; for
# CPython 3.11 on Linux). requirements/validate.txt adds the validators .ci/run installs.
LOCK := requirements/lock.txt
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# The package of this folder (python -m puts it first on the path), not only the one .venv installed.
JUMELAGE := $(BIN)/python -m pipeline
# Python caches the package's bytecode in __pycache__/ even where the environment says not to (many
# containers): every recipe is a new process, which would otherwise compile the package again.
unexport PYTHONDONTWRITEBYTECODE

# Every core, unless -j was given; one recipe's output is printed in one piece. Only the top-level
# make sets them: a sub-make (`make draft`'s) shares its parent's job slots, and a -j of its own would
# make it drop them, with a warning ("-jN forced in makefile: resetting jobserver mode").
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
ifeq ($(MAKELEVEL),0)
MAKEFLAGS += -j$(JOBS) --output-sync=target
endif

# Dates printed in outputs come from the last commit, never from the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export SOURCE_DATE_EPOCH

SOURCES := $(wildcard source/*.md)
# An article's file name is its slug (its outputs, catalogs and web address are named after it), and
# make splits names at spaces: another name stops here, named, before a rule reads it in pieces.
misnamed := $(shell find source -maxdepth 1 -name '*.md' 2>/dev/null | LC_ALL=C grep -v -m1 -E '^source/[a-z0-9]+(-[a-z0-9]+)*\.md$$')
ifneq ($(misnamed),)
$(error $(misnamed): expected an article file name of lowercase letters, digits and hyphens (its slug), found '$(notdir $(misnamed))')
endif
SLUGS := $(patsubst source/%.md,%,$(SOURCES))
# The collections: several articles as one publication (pipeline/collection.py), named like articles.
COLLECTIONS := $(wildcard source/collections/*.md)
COLLECTION_NAMES := $(patsubst source/collections/%.md,%,$(COLLECTIONS))
misnamed_collection := $(shell find source/collections -maxdepth 1 -name '*.md' 2>/dev/null | LC_ALL=C grep -v -m1 -E '^source/collections/[a-z0-9]+(-[a-z0-9]+)*\.md$$')
ifneq ($(misnamed_collection),)
$(error $(misnamed_collection): expected a collection file name of lowercase letters, digits and hyphens, found '$(notdir $(misnamed_collection))')
endif
LINGUAS := $(shell sed -e 's/\#.*//' locales/LINGUAS)
LANGS ?= fr $(LINGUAS)

# `make draft` builds the same files under outputs/draft/, marked as drafts.
DRAFT ?=
OUT := outputs$(if $(DRAFT),/draft)
APPLY_FLAGS := $(if $(DRAFT),--draft)

# Make sees a file that changes, not one that goes: a rule whose prerequisites come from $(wildcard …)
# or find is not remade when one of them is deleted or renamed. So each such list is also written to a
# manifest, $(OUT)/.build/inputs/<name>.txt, and the rules depend on the manifest too: deleting
# locales/de/LC_MESSAGES/ui.po changes the list catalogs-de.txt holds, which rebuilds every German
# output (or fails, naming the missing catalog). Reading this file writes nothing: a manifest whose
# list changed is remade by the rule at the end of this file (so `make -n` only shows it).
manifest = $(OUT)/.build/inputs/$(1).txt
# The words of $(1) and $(2) differ (empty when they are the same).
differ = $(subst $(strip $(1)),,$(strip $(2)))$(subst $(strip $(2)),,$(strip $(1)))
# A language's catalogs, its regions' included (en brings en_US: Rochester's brochure reads both).
catalog_files = $(wildcard locales/$(1)/LC_MESSAGES/*.po locales/$(1)_*/LC_MESSAGES/*.po)
catalog_manifest = $(call manifest,catalogs-$(1))

# Every module of the package, subpackages included: an edit anywhere rebuilds.
CODE_FILES := $(shell find pipeline -name '*.py' | LC_ALL=C sort)
ASSET_FILES := $(shell find assets -type f | LC_ALL=C sort)
# The articles' figures (source/images/): embedded in every format, so each depends on them.
IMAGE_FILES := $(shell find source -mindepth 2 -type f -not -path 'source/collections/*' 2>/dev/null | LC_ALL=C sort)
CODE := $(CODE_FILES) $(call manifest,code)
ASSET_SOURCES := $(ASSET_FILES) $(call manifest,assets)
IMAGES := $(IMAGE_FILES) $(call manifest,images)

# Every language an output may be asked for in (LANGS narrows what `make` builds, not what it knows).
ALL_LANGS := $(sort fr $(LINGUAS) $(LANGS))
manifest_files_code := $(CODE_FILES)
manifest_files_images := $(IMAGE_FILES)
manifest_files_sources := $(SOURCES)
manifest_files_collections := $(COLLECTIONS)
manifest_files_assets := $(ASSET_FILES)
$(foreach lang,$(ALL_LANGS),$(eval manifest_files_catalogs-$(lang) := $(call catalog_files,$(lang))))
MANIFESTS := $(foreach name,code images sources collections assets $(foreach lang,$(ALL_LANGS),catalogs-$(lang)),$(call manifest,$(name)))
# The manifests whose list is not the one on disk: remade at every run until it is (read, never written, here).
STALE_MANIFESTS := $(foreach path,$(MANIFESTS),$(if $(or $(call differ,$(file < $(path)),$(manifest_files_$(basename $(notdir $(path))))),\
	$(if $(wildcard $(path)),,missing)),$(path)))

# A release builds what is ready and refuses the rest: each language's build judges each article and
# brochure by what `jumelage check` calls an error in what it reads, builds the others, and records
# the refused ones in $(OUT)/.build/<lang>/refused.txt (their outputs then missing, so the next make
# tries again). $(REPORT), made last, lists them all and fails if there is one: make ends non-zero,
# every ready output built, the web edition included.
# Asked for one file, make fails where the build refuses it, as for any file it cannot make.
refusals = $(if $(DRAFT)$(filter-out all html pdf epub editions site serve proof preflight,$(MAKECMDGOALS)),,\
	--refusals $(OUT)/.build/$(1)/refused.txt)
REPORT := $(if $(DRAFT),,$(OUT)/.build/refused.txt)

# The partner-city editions: rules generated from source/editions.yml, so that
# each brochure depends on its own language's catalogs only.
# Under -n, -t or -q make would still remake an included makefile for real: it reads the rules as they
# are then, and a dry run on a fresh clone shows no brochure (it says so).
ifeq ($(filter clean distclean help,$(MAKECMDGOALS)),)
ifeq ($(dry_run),)
-include $(OUT)/.build/editions.mk
else ifneq ($(wildcard $(OUT)/.build/editions.mk),)
include $(OUT)/.build/editions.mk
else
$(info $(OUT)/.build/editions.mk: no rules for the brochures yet, so this dry run shows none (make writes them))
endif
endif
# ARTICLE=<slug> and EDITION=<city> narrow every target as LANGS= does (each takes several words):
# `make ARTICLE=<slug>` releases one article, `make editions EDITION=erlangen` one city's brochures.
ARTICLE ?=
EDITION ?=
$(foreach name,$(ARTICLE),$(if $(filter $(name),$(SLUGS)),,$(error ARTICLE=$(name): expected one of $(SLUGS), found none by that name)))
CHOSEN_SLUGS := $(if $(ARTICLE),$(filter $(ARTICLE),$(SLUGS)),$(SLUGS))
# EDITION= without LANGS=: the languages of those editions only (make checks the names once it has
# the editions' rules).
ifneq ($(EDITION_KEYS),)
$(foreach city,$(EDITION),$(if $(filter $(city),$(EDITION_KEYS)),,$(error EDITION=$(city): expected one of $(EDITION_KEYS), found none by that name)))
ifeq ($(origin LANGS)$(if $(EDITION),,-all),file)
LANGS := $(foreach lang,$(ALL_LANGS),$(if $(filter $(EDITION),$(EDITION_KEYS_$(lang))),$(lang)))
endif
endif
# A collection's brochures come with every edition that prints it, unless ARTICLE= narrows to articles.
EDITION_PDFS = $(foreach lang,$(LANGS),$(foreach city,$(filter $(or $(EDITION),%),$(EDITION_KEYS_$(lang))),\
	$(foreach slug,$(CHOSEN_SLUGS),$(EDITION_PDFS_$(city)_$(slug))) $(if $(ARTICLE),,$(COLLECTION_PDFS_$(city)))))
# What a command that takes selectors is told (a language's build: the articles and editions only).
chosen_builds = $(foreach slug,$(ARTICLE),source/$(slug).md) $(foreach city,$(EDITION),--edition $(city))
selectors = $(foreach lang,$(LANGS),--lang $(lang)) $(foreach slug,$(ARTICLE),--article $(slug)) \
	$(foreach city,$(EDITION),--edition $(city))

outputs_of = $(foreach lang,$(LANGS),$(foreach slug,$(CHOSEN_SLUGS),$(OUT)/$(lang)/$(slug).$(1)))
HTML := $(call outputs_of,html)
PDF := $(call outputs_of,pdf)
EPUB := $(call outputs_of,epub) $(if $(ARTICLE),,$(foreach lang,$(LANGS),$(foreach name,$(COLLECTION_NAMES),$(OUT)/$(lang)/$(name).epub)))

.PHONY: all draft html pdf epub editions site serve proof catalogs stats translate xliff xliff-import kit kit-import tbx tbx-import pseudo check preflight review bench bench-translate bench-wide \
	test test-fast lockcheck lint pytest clean distclean help setup install sync lock

all: html pdf epub editions site $(REPORT) ## build every edition (release: what make check finds an error in is refused, the rest built)
html: $(HTML) $(REPORT) ## the web pages, outputs/<lang>/<slug>.html
pdf: $(PDF) $(EDITION_PDFS) $(REPORT) ## the PDFs: outputs/<lang>/<slug>.pdf and the partner-city brochures
epub: $(EPUB) $(REPORT) ## the e-books, outputs/<lang>/<slug>.epub, and a collection's, outputs/<lang>/<name>.epub
editions: $(EDITION_PDFS) $(REPORT) ## the brochures, outputs/editions/<city>/<slug>-<city>{,-print,-booklet}.pdf

site: $(OUT)/site/index.html $(REPORT) ## the web edition, one folder to copy to any server: outputs/site/

$(OUT)/site/index.html: templates/index.html templates/collection-page.html templates/languages-nav.html source/editions.yml $(HTML) $(EPUB) $(PDF) $(EDITION_PDFS) \
		$(ASSET_SOURCES) $(CODE) | $(STAMP)
	$(JUMELAGE) site $(APPLY_FLAGS)

PORT ?= 8000
serve: site ## serve outputs/site/ on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)
	@echo "Serving $(OUT)/site/ on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/python -u -m http.server --bind 127.0.0.1 --directory $(OUT)/site $(PORT)

proof: editions ## PNG proofs of every brochure page and a contact sheet per city, in outputs/proof/
	$(JUMELAGE) proof $(APPLY_FLAGS) $(selectors)

ifeq ($(dry_run),)
$(OUT)/.build/editions.mk: source/editions.yml locales/LINGUAS $(SOURCES) $(call manifest,sources) \
		$(COLLECTIONS) $(call manifest,collections) $(CODE) | $(STAMP)
	$(JUMELAGE) rules -o $@ $(APPLY_FLAGS)
endif

draft: ## build anyway, French where a translation is missing, marked DRAFT, in outputs/draft/
	@$(MAKE) --no-print-directory all DRAFT=1

setup: $(STAMP) ## create .venv: exactly the packages of requirements/lock.txt, and jumelage
	@: # (the stamp may have been made while make read editions.mk: nothing to say then)
install: setup ## the same as make setup

# Nothing is installed unpinned or unhashed: pip and setuptools come first from the lock, so
# that the one package published as source only (breame) and jumelage itself are built with them,
# without build isolation (which would fetch a build backend unhashed). pip-sync then removes what
# the lock does not list (a package installed by hand), jumelage included, installed again last.
$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jumelage needs Python 3.11 or newer")'
	@$(PYTHON) -c 'import sys; sys.version_info[:2] == (3, 11) or print("jumelage: warning: $(LOCK) is for CPython 3.11, not", \
		sys.version.split()[0] + ": the outputs may differ from those of CI, and make test fails", file=sys.stderr)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	awk '/^(pip|setuptools)==/ { keep = 1 } keep { print } !/\\$$/ { keep = 0 }' $(LOCK) > $(VENV)/bootstrap.txt
	$(PIP) install --require-hashes --no-deps -r $(VENV)/bootstrap.txt
	$(PIP) install --require-hashes --no-build-isolation -r $(LOCK)
	$(BIN)/pip-sync --quiet $(LOCK)
	@# -qq: setuptools' notices (editable install, licence table) are no news here; errors still show.
	$(PIP) --quiet install --no-deps --no-build-isolation --editable .
	@touch $@

sync: ## make .venv exactly requirements/lock.txt again (removes packages installed by hand)
	@rm -f $(STAMP)
	@$(MAKE) --no-print-directory setup

# `make lock UPGRADE="weasyprint babel"`: the newest versions pyproject.toml allows of those packages.
UPGRADE ?=
lock: | $(STAMP) ## rewrite requirements/*.txt from pyproject.toml (needs the package index; UPGRADE=pkg…)
	$(BIN)/python tools/lock.py compile $(foreach package,$(UPGRADE),--upgrade-package $(package))

catalogs: | $(STAMP) ## extract the templates and bring every catalog up to date, regional ones (en_US) too
	$(JUMELAGE) update $(foreach lang,$(LANGS),--lang $(lang))

stats: | $(STAMP) ## messages translated, fuzzy, untranslated, and words, per language; overrides per region
	@$(JUMELAGE) stats $(foreach lang,$(LANGS),--lang $(lang))

# Machine drafts never run by default: `make translate ENGINE=libretranslate URL=http://127.0.0.1:5000/`.
ENGINE ?=
URL ?=
# The run's progress shows as it comes: --output-sync=target holds a recipe's output back until
# it ends, except on a line GNU make takes for a recursive make, which `+` marks. Such a line runs
# even under -n, -t and -q, so there it is only shown (after `:`, the command that does nothing).
translate: | $(STAMP) ## fill untranslated messages with fuzzy drafts: ENGINE=… [URL=…] [LANGS=…] [TIMEOUT=s] [DEADLINE=s]
	@test -n "$(ENGINE)" || { echo 'make translate: expected ENGINE=google|deepl|microsoft|mymemory|libretranslate|pseudo' >&2; exit 2; }
	+$(if $(dry_run),: )$(JUMELAGE) translate --engine $(ENGINE) $(if $(URL),--url $(URL)) \
		$(strip $(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(DEADLINE),--deadline $(DEADLINE)) \
		$(foreach lang,$(filter-out fr,$(LANGS)),--lang $(lang)))

xliff: | $(STAMP) ## XLIFF 1.2 for agencies and CAT tools, outputs/xliff/<lang>/<slug>.xlf (LANGS=de: one language)
	$(JUMELAGE) xliff export $(foreach lang,$(LANGS),--lang $(lang))

xliff-import: | $(STAMP) ## merge an XLIFF back into its catalogs, all or nothing: FILE=… [DRY_RUN=1]
	@test -n "$(FILE)" || { echo 'make xliff-import: expected FILE=path/to/file.xlf' >&2; exit 2; }
	$(JUMELAGE) xliff import $(if $(DRY_RUN),--dry-run) $(FILE)

kit: | $(STAMP) ## a translation kit per language: XLIFF, the draft's PDF, TMX, TBX, a README: outputs/kits/jumelage-<lang>.zip (LANGS=de)
	@$(MAKE) --no-print-directory pdf DRAFT=1 LANGS="$(filter-out fr,$(LANGS))"
	$(JUMELAGE) kit export $(foreach lang,$(filter-out fr,$(LANGS)),--lang $(lang))

kit-import: | $(STAMP) ## read a kit back (refused if made from another French; all or nothing): FILE=… [DRY_RUN=1]
	@test -n "$(FILE)" || { echo 'make kit-import: expected FILE=path/to/jumelage-<lang>.zip' >&2; exit 2; }
	$(JUMELAGE) kit import $(if $(DRY_RUN),--dry-run) $(FILE)

tbx: | $(STAMP) ## the glossary as TBX-Basic (TBX v3) for CAT tools' term bases: outputs/glossary.tbx
	$(JUMELAGE) tbx export

tbx-import: | $(STAMP) ## merge a TBX (v3 or v2) into locales/glossary.csv: empty cells filled, conflicts reported: FILE=…
	@test -n "$(FILE)" || { echo 'make tbx-import: expected FILE=path/to/glossary.tbx' >&2; exit 2; }
	$(JUMELAGE) tbx import $(if $(DRY_RUN),--dry-run) $(FILE)

pseudo: | $(STAMP) ## a pseudo-localised draft edition (long, accented text) in outputs/pseudo/draft/en/
	$(JUMELAGE) pseudo

check: | $(STAMP) ## QA checks on the catalogs; fails on any error
	$(JUMELAGE) check $(foreach lang,$(LANGS),--lang $(lang))

preflight: all ## before the printer: no placeholder left, fonts embedded, trim/bleed boxes, house rules (source/preflight.yml); fails on any problem
	$(JUMELAGE) preflight $(selectors)

review: | $(STAMP) ## side-by-side review pages, outputs/review/<lang>.html (and <region>.html, e.g. en_US)
	$(JUMELAGE) review $(foreach lang,$(filter-out fr,$(LANGS)),--lang $(lang))

bench: | $(STAMP) ## build speed against the naive pandoc + weasyprint loop (SCALE=20: more articles)
	$(BIN)/python bench/build.py $(if $(SCALE),--scale $(SCALE))

bench-translate: | $(STAMP) ## drafting speed against a local server, beside deep-translator's batch call
	$(BIN)/python bench/translate.py

bench-wide: | $(STAMP) ## layout time of a 3000-character word and a 40-column table (A5 PDF, brochure)
	$(BIN)/python bench/wide.py

bench-images: | $(STAMP) ## build time of a news item with a 60 MB photo against a 200 kB image
	$(BIN)/python bench/images.py

.SECONDEXPANSION:


# Which articles each language publishes (what its release does not refuse): an article's language
# links and a brochure's languages page list those only. $(OUT)/.build/published.mk says it as a digest
# per language of what the others publish; a language's build depends on a file named for its digest,
# new only when the verdicts change: an edit of a German message lays out German again, a German page
# now refused every language's pages and brochures.
# Like editions.mk it is remade, then make reads it again; under -n, -t or -q it is read as it is.
PUBLISHED := $(OUT)/.build/published.mk
ifeq ($(DRAFT)$(filter clean distclean help,$(MAKECMDGOALS)),)
ifeq ($(dry_run),)
-include $(PUBLISHED)
$(PUBLISHED): $(SOURCES) $(call manifest,sources) $(foreach lang,$(ALL_LANGS),$(call catalog_files,$(lang)) \
		$(call catalog_manifest,$(lang))) locales/glossary.csv locales/LINGUAS source/editions.yml $(CODE) | $(STAMP)
	$(JUMELAGE) published -o $@
else ifneq ($(wildcard $(PUBLISHED)),)
include $(PUBLISHED)
endif
endif
verdicts = $(if $(DRAFT)$(if $(PUBLISHED_KEY_$(1)),,none),,$(OUT)/.build/verdicts/$(1)-$(PUBLISHED_KEY_$(1)))
# A digest's file: made once, the language's older ones removed.
$(OUT)/.build/verdicts/%:
	@mkdir -p $(@D) && rm -f $(@D)/$(firstword $(subst -, ,$*))-* && touch $@

# The brochures' templates: an article's, a collection's and the parts both include.
BROCHURE_TEMPLATES := $(addprefix templates/,brochure.html collection.html collection-part.html \
	back-cover-foot.html language-links.html twin-cities.html)

# One process a language writes all its outputs: each article's translated Markdown, web page, PDF
# printed from it and e-book, and the brochures of the language's editions (pipeline/workflow/build.py).
# Explicit rules, not patterns: a prerequisite that is missing (a template deleted or renamed) is an
# error that names it, where a pattern rule would quietly not apply and leave the old output standing.
language_outputs = $(foreach slug,$(SLUGS),$(OUT)/.build/$(1)/$(slug).md \
	$(foreach extension,html pdf epub,$(OUT)/$(1)/$(slug).$(extension))) $(EDITION_PDFS_$(1)) \
	$(foreach name,$(COLLECTION_NAMES),$(OUT)/$(1)/$(name).epub) \
	$(if $(DRAFT),,$(OUT)/.build/$(1)/refused.txt)
define language_rule
$(call language_outputs,$(1)) &: $(SOURCES) $(call manifest,sources) $(call catalog_files,$(1)) \
		$(call catalog_manifest,$(1)) locales/glossary.csv locales/LINGUAS source/editions.yml \
		$(COLLECTIONS) $(call manifest,collections) templates/article.html templates/languages-nav.html \
		$(if $(EDITION_PDFS_$(1)),$(BROCHURE_TEMPLATES)) \
		$(call verdicts,$(1)) \
		$(ASSET_SOURCES) $(IMAGES) $(CODE) | $(STAMP)
	$$(JUMELAGE) build --lang $(1) $$(APPLY_FLAGS) $$(call refusals,$(1)) $$(strip $$(chosen_builds))
endef
$(foreach lang,$(ALL_LANGS),$(eval $(call language_rule,$(lang))))

$(REPORT): $(foreach lang,$(LANGS),$(OUT)/.build/$(lang)/refused.txt) $(OUT)/site/index.html | $(STAMP)
	$(JUMELAGE) refused -o $@ $(foreach lang,$(LANGS),$(OUT)/.build/$(lang)/refused.txt)

# A manifest is written whole (a temporary file, then a rename), from the list this run found.
$(STALE_MANIFESTS): FORCE
$(MANIFESTS):
	@mkdir -p $(@D) && printf '%s\n' $(manifest_files_$(basename $(notdir $@))) > $@.$$$$.tmp && mv -f $@.$$$$.tmp $@
FORCE:

test: lockcheck lint check pytest ## the whole test suite, with the lock's check, ruff, mypy and the QA checks

lockcheck: | $(STAMP) ## pyproject.toml, requirements/*.txt and .venv agree
	$(BIN)/python tools/lock.py check

lint: | $(STAMP) ## ruff and mypy
	$(BIN)/ruff check pipeline tests bench tools
	$(BIN)/ruff format --check pipeline tests bench tools
	$(BIN)/mypy
	$(BIN)/mypy tools/lock.py tools/subset_fonts.py

# `+`: pytest's progress shows as it comes, not when it ends (see translate); under -n only shown.
pytest: | $(STAMP) ## the tests only
	+$(if $(dry_run),: )$(BIN)/python -m pytest

# The doctests of pipeline/ come with it: pyproject.toml's pytest options collect them.
test-fast: | $(STAMP) ## the unit tests and doctests, no build: under 30 s (leaves out the tests marked slow)
	+$(if $(dry_run),: )$(BIN)/python -m pytest -m "not slow"

clean: ## remove every output
	rm -rf outputs

distclean: clean ## remove the outputs and .venv
	rm -rf $(VENV)

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -e 's/:.*## /\t/' -e 's/$$(PORT)/$(PORT)/g' | expand -t 12
	@echo 'LANGS="de pl" narrows any target to those languages, e.g. make pdf LANGS="de pl";'
	@echo 'ARTICLE=<slug> and EDITION=<city> narrow it to articles and editions, e.g. make editions EDITION=erlangen.'
