"""Extraction quality and speed on the evaluation corpus, newscrawl against bare trafilatura.

Usage (from the repository root):

    python bench/quality.py [--corpus ../shared/corpus] [--out bench/out] [--limit N] [--per-doc]

For every page of the corpus, runs ``newscrawl.extract.extract_article`` and the
corpus's reference baseline (``baseline_trafilatura.predict``: trafilatura with
default settings) on the same bytes, writes both prediction files as JSONL
(id, title, authors, published, body), scores them with the corpus's own
``score.py``, and prints a side-by-side table with pages/second (gunzip plus
extraction, as the baseline script counts it; the two take turns page by page)
and their ratio. The truth file is read only by the scorer.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib.util
import io
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newscrawl.extract import extract_article
from newscrawl.items import Article


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pages(corpus: Path, limit: int | None) -> list[tuple[str, str, bytes]]:
    """(id, url, gzip bytes) of each page. Only ``id`` and ``url`` are read from the truth."""
    out = []
    with (corpus / "truth.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            gz = (corpus / "pages" / f"{row['id']}.html.gz").read_bytes()
            out.append((row["id"], row["url"], gz))
    return out[:limit] if limit else out


def _newscrawl(html: bytes, url: str) -> dict[str, Any]:
    result = extract_article(html, url)
    if not isinstance(result, Article):
        return {"rejected": result.reason}
    return {
        "title": result.title,
        "authors": result.authors,
        "published": result.published,
        "body": result.body,
    }


def _run(
    predictors: dict[str, Callable[[bytes, str], dict[str, Any]]], pages: list[Any], out: Path
) -> dict[str, tuple[Path, float, Counter[str]]]:
    """Predictions, pages/second and problems of each predictor.

    The predictors take turns page by page (in a rotating order), so that a busy
    machine slows them alike and their speed ratio holds.
    """
    names = list(predictors)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    elapsed = dict.fromkeys(names, 0.0)
    problems: dict[str, Counter[str]] = {name: Counter() for name in names}
    for i, (doc_id, url, gz) in enumerate(pages):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            start = time.perf_counter()
            try:
                pred = predictors[name](gzip.decompress(gz), url)
            except Exception as exc:  # noqa: BLE001 - one page must not stop the run
                print(f"{name} {doc_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
                pred = {"rejected": "exception"}
            elapsed[name] += time.perf_counter() - start
            if "rejected" in pred:
                problems[name][pred["rejected"]] += 1
            elif not pred.get("body"):
                problems[name]["empty body"] += 1
            rows[name].append({"id": doc_id, **pred})
    results = {}
    for name in names:
        path = out / f"preds-{name}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for row in rows[name]:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        speed = len(pages) / elapsed[name] if elapsed[name] else 0.0
        results[name] = (path, speed, problems[name])
    return results


def _score(score: ModuleType, preds: Path, truth: Path, out: Path, per_doc: bool) -> dict[str, Any]:
    argv = [str(preds), "--truth", str(truth), "--json", str(out)]
    if per_doc:
        argv.append("--per-doc")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        summary = score.main(argv)
    if per_doc:
        report = out.with_suffix(".txt")
        report.write_text(buffer.getvalue(), encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--per-doc", action="store_true", help="write score.py --per-doc reports")
    parser.add_argument("--skip-baseline", action="store_true", help="run newscrawl only")
    args = parser.parse_args(argv)

    corpus = args.corpus.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    score = _load(corpus / "score.py", "corpus_score")
    pages = _pages(corpus, args.limit)
    runs: dict[str, tuple[dict[str, Any], float, Counter[str]]] = {}
    predictors: dict[str, Callable[[bytes, str], dict[str, Any]]] = {}
    if not args.skip_baseline:
        baseline = _load(corpus / "baseline_trafilatura.py", "corpus_baseline")
        predictors["trafilatura"] = baseline.predict
    predictors["newscrawl"] = _newscrawl
    for name, (preds, speed, problems) in _run(predictors, pages, args.out).items():
        summary = _score(
            score, preds, corpus / "truth.jsonl", args.out / f"score-{name}.json", args.per_doc
        )
        runs[name] = (summary, speed, problems)

    names = list(runs)
    rows = [
        ("body precision", lambda s: s["body"]["precision"]),
        ("body recall", lambda s: s["body"]["recall"]),
        ("body F1", lambda s: s["body"]["f1"]),
        ("title exact", lambda s: s["title"]["exact_match"]),
        ("title token F1", lambda s: s["title"]["token_f1"]),
        ("authors set F1", lambda s: s["authors"]["set_f1"]),
        ("authors F1 (named)", lambda s: s["authors"]["set_f1_docs_with_authors"]),
        ("published day", lambda s: s["published"]["day_match"]),
    ]
    print(f"corpus: {corpus} ({len(pages)} pages)\n")
    print("| metric | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for label, get in rows:
        print(f"| {label} | " + " | ".join(f"{get(runs[n][0]):.4f}" for n in names) + " |")
    print("| pages/second | " + " | ".join(f"{runs[n][1]:.2f}" for n in names) + " |")
    for name in names:
        problems = runs[name][2]
        if problems:
            print(f"{name}: " + ", ".join(f"{k}={v}" for k, v in sorted(problems.items())))
    if "trafilatura" in runs and runs["trafilatura"][1]:
        ratio = runs["newscrawl"][1] / runs["trafilatura"][1]
        print(f"speed ratio newscrawl/trafilatura: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
