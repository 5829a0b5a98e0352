"""A generator of synthetic 部门决算 PDFs with their truth files (see README.md)."""
