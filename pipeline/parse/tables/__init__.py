"""The statement-table reader every format shares: a table's title and kind, header, unit, rows and codes,
read from a grid of cells whether a PDF page drew it (``pipeline.parse.pdf``) or a spreadsheet, Word or HTML
table held it (``cell_grid``)."""
