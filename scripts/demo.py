"""Serve the bundled fixture news site on 127.0.0.1 and crawl it with `newscrawl crawl`.

Works without internet. Writes out/articles.jsonl and prints the crawl summary
and the first record.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixturesite import FixtureSite


def main() -> int:
    output = ROOT / "out" / "articles.jsonl"
    output.parent.mkdir(exist_ok=True)
    newscrawl = Path(sys.executable).with_name("newscrawl")
    with FixtureSite() as site:
        print(f"Fixture news site at {site.base}", file=sys.stderr)
        command = [str(newscrawl), "crawl", site.base + "/", "-o", str(output)]
        print("$ " + " ".join(command), file=sys.stderr)
        status = subprocess.call(command, cwd=ROOT)
    if status != 0:
        return status
    lines = output.read_text(encoding="utf-8").splitlines()
    print(f"\n{len(lines)} records in {output.relative_to(ROOT)}; the first one:", file=sys.stderr)
    if lines:
        print(json.dumps(json.loads(lines[0]), ensure_ascii=False, indent=2)[:2000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
