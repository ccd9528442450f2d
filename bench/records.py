"""Dump newscrawl's record for every corpus page, or check that they have not changed.

Usage (from the repository root)::

    python bench/records.py dump OUT.jsonl [PAGES_DIR]
    python bench/records.py check OLD.jsonl [PAGES_DIR]

A speed change must not change what extraction returns: dump the records
before it, check after. Every page gets the same ``fetched_at`` and no time
limit, so the dump depends only on the code. ``check`` prints the fields that
differ, page by page, and exits 1 when any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.extract import load_pages
from newscrawl.extract import ExtractOptions, extract_article
from newscrawl.items import Article

_FETCHED_AT = "2024-01-01T00:00:00+00:00"
_OPTIONS = ExtractOptions(time_limit=0)


def records(pages_dir: Path) -> dict[str, dict[str, Any]]:
    """URL -> the record (or the rejection) of each page."""
    out = {}
    for url, html in load_pages(pages_dir):
        result = extract_article(html, url, fetched_at=_FETCHED_AT, options=_OPTIONS)
        if isinstance(result, Article):
            out[url] = result.to_record()
        else:
            out[url] = {"rejected": result.reason, "detail": result.detail}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("dump", "check"))
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "pages", type=Path, nargs="?", default=REPO.parent / "shared" / "corpus" / "pages"
    )
    args = parser.parse_args(argv)
    now = records(args.pages)
    if args.action == "dump":
        with args.file.open("w", encoding="utf-8") as f:
            for url, record in now.items():
                f.write(json.dumps({"url": url, "record": record}, ensure_ascii=False) + "\n")
        print(f"{len(now)} records written to {args.file}")
        return 0
    old = {}
    for line in args.file.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        old[row["url"]] = row["record"]
    changed = 0
    for url in sorted(old.keys() | now.keys()):
        before, after = old.get(url, {}), now.get(url, {})
        fields = [k for k in before.keys() | after.keys() if before.get(k) != after.get(k)]
        if fields:
            changed += 1
            print(f"{url}: {', '.join(sorted(fields))}")
    print(f"{len(now)} pages, {changed} records differ")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
