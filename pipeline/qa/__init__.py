"""Quality assurance: catalogs → findings → a reviewer's page; PDFs → preflight; pure (``workflow.qa`` reads).

``tables``      language → its conventions: quotation marks, numbers in words, abbreviations
``inspection``  a message's text → its inline Markdown, prose, URLs, placeholders, numbers, sentences
``spelling``    English text + locale → words of the other variety's spelling (breame's lists)
``checks``      small registered checks over one message, each with a severity and what it reads
``runner``      catalogs (a region's over its language's) → every check's findings, most severe first
``preflight``   built PDFs, placeholders, house rules → what stops the files going to the printer
``review``      catalogs and their findings → side-by-side review page (HTML)
"""
