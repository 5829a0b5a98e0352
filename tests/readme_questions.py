"""The questions of the README's "For researchers" section: title, SQL and the answer table printed under it.

Read by the test that runs each query on the shipped data and by the benchmark that times them (benchmarks/run.py).
"""

from __future__ import annotations

import re

from pipeline.settings import PROJECT_ROOT

_SECTION = re.compile(r"^## For researchers\n(?P<body>.*?)(?=^## )", re.S | re.M)
_QUESTION = re.compile(
    r"^### (?P<title>\d+\. [^\n]+)\n.*?```sql\n(?P<sql>.*?)```\n\n(?P<answer>(?:\|[^\n]*\n)+)", re.S | re.M
)


def readme_questions() -> list[tuple[str, str, str]]:
    """(title, sql, answer) of each numbered question, in README order."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = _SECTION.search(readme)
    assert section, "README has no 'For researchers' section"
    return [(m["title"], m["sql"].strip(), m["answer"].strip()) for m in _QUESTION.finditer(section["body"])]
