"""The text reader: a report's text (plain text, or the text of a PDF, Word or HTML report) into its narrative
frames — document metadata, figures, year-over-year statements, nil statements, 绩效自评表."""
