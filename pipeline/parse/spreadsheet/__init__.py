"""The spreadsheet reader: XLSX and old XLS workbooks of standard tables, through calamine."""
