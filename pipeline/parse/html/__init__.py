"""The HTML reader: a government site's detail page whose body is the report."""
