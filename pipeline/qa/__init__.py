"""Quality assurance: catalogs → findings → a reviewer's page; PDFs → preflight; pure (``workflow.qa`` reads).

``tables``      language → its conventions: quotation marks, numbers in words, abbreviations
``inspection``  a message's text → its inline Markdown, prose, URLs, placeholders, numbers, sentences
``checks``      small registered checks over one message, each with a severity
``runner``      catalogs → every check's findings, sorted most severe first; placeholders → warnings
``preflight``   built PDFs and placeholders → what stops the files going to the printer
``review``      catalogs and their findings → side-by-side review page (HTML)
"""
