"""Environment variables set for the length of a block: for the processes started in it, which inherit them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def environment_variables(values: dict[str, str]) -> Iterator[None]:
    """Sets ``values`` in this process's environment; afterwards each is as it was, unset if it was."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
