"""The Word readers: DOCX through python-docx, old DOC through antiword."""
