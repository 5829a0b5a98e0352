"""The researcher questions: title, SQL and the answer table printed under it, in the README's "For researchers"
section and then in docs/research.md's "More questions".

Read by the test that runs each query on the shipped data and by the benchmark that times them (benchmarks/run.py).
"""

from __future__ import annotations

import re

from pipeline.settings import PROJECT_ROOT

# Each file and the heading of its section of questions; a section ends at the next heading of its level, or the end.
_SECTIONS = (("README.md", "## For researchers"), ("docs/research.md", "## More questions"))
_QUESTION = re.compile(
    r"^### (?P<title>\d+\. [^\n]+)\n.*?```sql\n(?P<sql>.*?)```\n\n(?P<answer>(?:\|[^\n]*\n)+)", re.S | re.M
)


def readme_questions() -> list[tuple[str, str, str]]:
    """(title, sql, answer) of each numbered question, in the order they are printed."""
    questions = []
    for name, heading in _SECTIONS:
        text = (PROJECT_ROOT / name).read_text(encoding="utf-8")
        section = re.search(rf"^{re.escape(heading)}\n(?P<body>.*?)(?=^## |\Z)", text, re.S | re.M)
        assert section, f"{name} has no '{heading}' section"
        questions += [(m["title"], m["sql"].strip(), m["answer"].strip()) for m in _QUESTION.finditer(section["body"])]
    return questions
