"""python -m tests.corpus --out DIR [--departments 10] [--years 2021 2022 2023] [--seed 0] [--include-seed]"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from tests.corpus.generate import DEFAULT_YEARS, generate, summary, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder to write the PDFs and truth files to")
    parser.add_argument("--departments", type=int, default=10)
    parser.add_argument("--years", type=int, nargs="+", default=list(DEFAULT_YEARS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--include-seed", action=argparse.BooleanOptionalAction, default=True,
                        help="also render the seed report (盘锦市兴隆台区工业和信息化局 2022) and its 2021 report "
                             "(default: on; --no-include-seed leaves them out)")
    parser.add_argument("--summary", action="store_true", help="print the layout and table statistics as JSON")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    docs = generate(args.departments, args.years, args.seed, args.include_seed)
    write(docs, args.out)
    elapsed = time.perf_counter() - started
    print(f"wrote {len(docs)} PDFs and truth files to {args.out} in {elapsed:.1f} s", file=sys.stderr)
    if args.summary:
        print(json.dumps(summary(docs), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
