"""What an incremental re-crawl saves: requests, bytes and wall time, full crawl vs refresh.

Usage (from the repository root):

    python bench/refresh.py [--articles 500] [--fixture] [--keep DIR]

Serves a generated news site (``--articles`` stories on 10 section pages, a
sitemap and robots.txt; or the bundled fixture site with ``--fixture``) on
127.0.0.1, then runs the real ``newscrawl crawl`` three times on one state file:

1. the full first crawl;
2. an unchanged re-crawl (default revisit interval: known articles are not fetched);
3. an unchanged re-crawl with ``--revisit-after 0`` (every known article is asked
   for conditionally and answers 304).

and prints, per run, the requests the server saw, the bytes it sent, the
wall time, the records written, and the ratio to the full crawl.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fixturesite import SITE_DIR, FixtureSite

SECTIONS = ["world", "business", "science", "culture", "politics", "sport", "health", "tech"]
SECTIONS += ["travel", "opinion"]
WORDS = [
    "council",
    "harbour",
    "river",
    "report",
    "growth",
    "vote",
    "budget",
    "plan",
    "station",
    "season",
    "market",
    "survey",
    "farmers",
    "engineers",
    "residents",
    "ministers",
    "volunteers",
    "officials",
    "researchers",
    "analysts",
    "announced",
    "expected",
    "completed",
    "reopened",
    "reviewed",
    "approved",
    "delayed",
    "measured",
    "recorded",
]


def _paragraph(seed: int, words: int = 60) -> str:
    return " ".join(WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(words)).capitalize()


def generate_site(root: Path, articles: int) -> None:
    """A plain news site: robots.txt, sitemap.xml, a home page, section pages, articles."""
    by_section: dict[str, list[tuple[str, str]]] = {s: [] for s in SECTIONS}
    entries = []
    for number in range(articles):
        section = SECTIONS[number % len(SECTIONS)]
        day = 1 + number % 28
        path = f"/{section}/2025/10/story-{number:05d}-about-the-{WORDS[number % len(WORDS)]}.html"
        title = f"Story {number}: the {WORDS[number % len(WORDS)]} {section} report"
        published = f"2025-10-{day:02d}T09:00:00+00:00"
        body = "".join(f"<p>{_paragraph(number + k)}.</p>\n" for k in range(6))
        page = root / path.lstrip("/")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Bench Times</title>
<link rel="canonical" href="{{{{BASE}}}}{path}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
</head><body><header><a href="/">The Bench Times</a></header>
<article><h1>{title}</h1><p class="byline">By Anna Keller</p>
<time datetime="{published}">{published[:10]}</time>
{body}</article><footer>© The Bench Times</footer></body></html>
""",
            encoding="utf-8",
        )
        by_section[section].append((path, title))
        entries.append(f"<url><loc>{{{{BASE}}}}{path}</loc><lastmod>{published}</lastmod></url>")
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n",
        encoding="utf-8",
    )
    (root / "robots.txt").write_text(
        "User-agent: *\nAllow: /\n\nSitemap: {{BASE}}/sitemap.xml\n", encoding="utf-8"
    )
    links = "".join(f'<li><a href="/{s}/">{s.title()}</a></li>' for s in SECTIONS)
    (root / "index.html").write_text(
        f"<!DOCTYPE html><html><head><title>The Bench Times</title></head>"
        f"<body><ul>{links}</ul></body></html>\n",
        encoding="utf-8",
    )
    for section, items in by_section.items():
        listing = "".join(f'<li><a href="{p}">{t}</a></li>' for p, t in items)
        folder = root / section
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(
            f"<!DOCTYPE html><html><head><title>{section.title()}</title></head>"
            f"<body><h1>{section.title()}</h1><ul>{listing}</ul></body></html>\n",
            encoding="utf-8",
        )


def run(site: FixtureSite, work: Path, name: str, *extra: str) -> dict[str, float]:
    out = work / f"{name}.jsonl"
    before = len(site.requests())
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newscrawl.cli",
            "crawl",
            site.url("/"),
            "-o",
            str(out),
            "--state",
            str(work / "state.db"),
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
            "-s",
            "NEWSCRAWL_SUMMARY=False",
            *extra,
        ],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.stderr.write(result.stderr.decode()[-3000:])
        raise SystemExit(f"{name}: newscrawl exited {result.returncode}")
    requests = site.requests()[before:]
    return {
        "requests": len(requests),
        "not_modified": sum(r.status == 304 for r in requests),
        "bytes": sum(r.nbytes for r in requests),
        "seconds": seconds,
        "records": out.read_bytes().count(b"\n"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="articles in the generated site")
    parser.add_argument("--fixture", action="store_true", help="crawl the bundled fixture site")
    parser.add_argument("--keep", type=Path, help="keep the site, outputs and state in DIR")
    args = parser.parse_args(argv)

    work = Path(args.keep or tempfile.mkdtemp(prefix="newscrawl-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    root = SITE_DIR
    if not args.fixture:
        root = work / "site"
        shutil.rmtree(root, ignore_errors=True)
        generate_site(root, args.articles)
    try:
        with FixtureSite(root=root, log=work / "requests.log") as site:
            rows = [
                ("full crawl", run(site, work, "full")),
                ("unchanged re-crawl", run(site, work, "refresh")),
                (
                    "re-crawl, all revisited (304)",
                    run(site, work, "revisit", "--revisit-after", "0"),
                ),
            ]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    what = "fixture site" if args.fixture else f"generated site, {args.articles} articles"
    print(f"newscrawl refresh benchmark ({what})")
    print(f"{'run':<31}{'requests':>9}{'304s':>6}{'KiB sent':>10}{'seconds':>9}{'records':>9}")
    full = rows[0][1]
    for name, row in rows:
        print(
            f"{name:<31}{row['requests']:>9.0f}{row['not_modified']:>6.0f}"
            f"{row['bytes'] / 1024:>10.0f}{row['seconds']:>9.2f}{row['records']:>9.0f}"
        )
    for name, row in rows[1:]:
        print(
            f"{name} / full crawl: requests {row['requests'] / full['requests']:.2f}, "
            f"bytes {row['bytes'] / full['bytes']:.3f}, time {row['seconds'] / full['seconds']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
