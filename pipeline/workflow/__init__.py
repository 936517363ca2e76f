"""The stages wired to files: each module reads a product's inputs, calls the pure stages, writes its outputs.

``sources``   project on disk → articles, catalogs (with regional overlays), interface words, editions
``catalogs``  articles → templates and up-to-date catalogs; catalogs → counts
``articles``  articles → translated Markdown, HTML, PDF and EPUB per language
``books``     a collection and its articles → the collection's EPUB per language
``drafts``    catalogs → machine drafts; translation memory and glossary (TMX, TBX) in and out; pseudo
``exchange``  catalogs ↔ XLIFF files for agencies, written all or nothing
``kit``       a language's catalogs, reference PDF, TMX and TBX → a translator's kit, and back
``editions``  articles + editions.yml → each partner city's PDFs and their proofs
``collections`` collections + their articles → each partner city's collection brochure; readiness
``rules``     editions.yml → the Makefile rules of the edition PDFs
``qa``        catalogs → QA findings and the review pages
``site``      outputs → the web edition
``build``     languages → every article's and edition's outputs of theirs, in a pool of workers
"""
