"""Quality gate: the evaluation corpus must not score below the pinned floors.

Runs every page of the corpus through :func:`newscrawl.extract.extract_article`
(a process pool, in-process otherwise), scores the records with the corpus's own
``score.py`` and compares each metric with the floor stored in
``tests/eval_baseline.json``, next to a SHA-256 of the corpus (``truth.jsonl``
and the list of page files), so that a changed corpus is noticed rather than
silently compared against old floors.

The corpus lives outside the repository: ``$NEWSCRAWL_CORPUS``, else
``<repo>/../shared/corpus``. Without it the gate fails (it does not skip): a
quality gate that quietly stops running is worse than none.

Re-pinning, after an improvement (trafilatura's ``tests/eval_gate.py`` pattern)::

    python -m tests.unit.test_eval_gate --update                     # floors only go up
    python -m tests.unit.test_eval_gate --update --allow-regression  # accept a lower floor

Floors are the measured values minus ``MARGIN``, rounded down to three decimals.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import importlib.util
import io
import json
import math
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newscrawl.extract import extract_article
from newscrawl.items import Article

REPO = Path(__file__).resolve().parents[2]
BASELINE = REPO / "tests" / "eval_baseline.json"
MARGIN = 0.005
WORKERS = 2
# metric name -> path in score.py's JSON summary
METRICS = {
    "body_precision": ("body", "precision"),
    "body_recall": ("body", "recall"),
    "body_f1": ("body", "f1"),
    "title_exact": ("title", "exact_match"),
    "title_token_f1": ("title", "token_f1"),
    "authors_f1": ("authors", "set_f1"),
    "authors_f1_named": ("authors", "set_f1_docs_with_authors"),
    "published_day": ("published", "day_match"),
}


class GateError(Exception):
    """The gate cannot run or cannot be updated (missing corpus, refused regression)."""


# Where the workspace keeps the corpus when the repository is cloned elsewhere (CI).
WORKSPACE_CORPUS = Path("/work/shared/corpus")


def corpus_dir() -> Path:
    given = os.environ.get("NEWSCRAWL_CORPUS")
    candidates = [Path(given)] if given else [REPO.parent / "shared" / "corpus", WORKSPACE_CORPUS]
    path = next((c for c in candidates if (c / "truth.jsonl").is_file()), candidates[0])
    if not (path / "truth.jsonl").is_file() or not (path / "pages").is_dir():
        raise GateError(
            f"evaluation corpus not found at {path} (need truth.jsonl and pages/): "
            "set NEWSCRAWL_CORPUS or place the corpus at <repo>/../shared/corpus"
        )
    return path


def corpus_hash(corpus: Path) -> str:
    """SHA-256 of truth.jsonl and the sorted list of page file names."""
    digest = hashlib.sha256((corpus / "truth.jsonl").read_bytes())
    names = sorted(p.name for p in (corpus / "pages").iterdir() if p.is_file())
    digest.update("\n".join(names).encode("utf-8"))
    return digest.hexdigest()


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise GateError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _predict(job: tuple[str, str, str]) -> dict[str, Any]:
    doc_id, url, path = job
    result = extract_article(gzip.decompress(Path(path).read_bytes()), url)
    if not isinstance(result, Article):
        return {"id": doc_id}
    return {
        "id": doc_id,
        "title": result.title,
        "authors": result.authors,
        "published": result.published,
        "body": result.body,
    }


def measure(corpus: Path) -> dict[str, float]:
    """Extract every corpus page and score the records with the corpus's score.py."""
    jobs = []
    with (corpus / "truth.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                jobs.append((row["id"], row["url"], str(corpus / "pages" / f"{row['id']}.html.gz")))
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        predictions = list(pool.map(_predict, jobs, chunksize=8))
    score = _load(corpus / "score.py", "corpus_score_gate")
    with tempfile.TemporaryDirectory() as tmp:
        preds = Path(tmp) / "preds.jsonl"
        preds.write_text(
            "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions),
            encoding="utf-8",
        )
        out = Path(tmp) / "score.json"
        argv = [str(preds), "--truth", str(corpus / "truth.jsonl"), "--json", str(out)]
        with contextlib.redirect_stdout(io.StringIO()):
            score.main(argv)
        summary = json.loads(out.read_text(encoding="utf-8"))
    return {name: float(summary[a][b]) for name, (a, b) in METRICS.items()}


def load_baseline() -> dict[str, Any]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def regressions(measured: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Metrics measured below their floor, as readable lines."""
    return [
        f"{name}: {measured.get(name, 0.0):.4f} < floor {floor:.4f}"
        for name, floor in floors.items()
        if measured.get(name, 0.0) < floor
    ]


def new_floors(
    measured: dict[str, float], old: dict[str, float], *, allow_regression: bool
) -> dict[str, float]:
    """Floors for ``measured``; lowering an existing floor needs ``allow_regression``.

    Without it a floor only rises, and the update is refused only when a metric is
    measured below its current floor (a real regression); a metric that moved
    within the margin keeps its floor.
    """
    floors = {
        name: math.floor(round((value - MARGIN) * 1000, 6)) / 1000
        for name, value in measured.items()
    }
    lowered = [
        f"{name}: {measured[name]:.4f} < floor {old[name]:.3f}"
        for name in floors
        if name in old and measured[name] < old[name]
    ]
    if lowered and not allow_regression:
        raise GateError(
            "refusing to lower floors without --allow-regression: " + "; ".join(lowered)
        )
    if not allow_regression:
        floors = {name: max(floor, old.get(name, floor)) for name, floor in floors.items()}
    return floors


@pytest.mark.corpus
def test_corpus_scores_stay_above_pinned_floors() -> None:
    try:
        corpus = corpus_dir()
    except GateError as exc:
        pytest.fail(str(exc))
    baseline = load_baseline()
    digest = corpus_hash(corpus)
    assert digest == baseline["corpus_sha256"], (
        f"the corpus at {corpus} is not the one the floors were pinned on "
        f"({digest} != {baseline['corpus_sha256']}): re-pin with "
        "`python -m tests.unit.test_eval_gate --update` after checking the scores"
    )
    measured = measure(corpus)
    failed = regressions(measured, baseline["floors"])
    assert not failed, "extraction quality dropped below the pinned floors:\n" + "\n".join(failed)


# -- the gate's own rules (no corpus needed) --------------------------------------------


def test_floors_never_go_down_without_the_flag() -> None:
    old = {"body_f1": 0.930}
    with pytest.raises(GateError, match="allow-regression"):
        new_floors({"body_f1": 0.920}, old, allow_regression=False)
    assert new_floors({"body_f1": 0.920}, old, allow_regression=True) == {"body_f1": 0.915}
    assert new_floors({"body_f1": 0.950}, old, allow_regression=False) == {"body_f1": 0.945}
    # measured within the margin above the floor: no regression, the floor stays
    assert new_floors({"body_f1": 0.932}, old, allow_regression=False) == {"body_f1": 0.930}


def test_regressions_name_the_metric() -> None:
    assert regressions({"body_f1": 0.9, "title_exact": 0.95}, {"body_f1": 0.92}) == [
        "body_f1: 0.9000 < floor 0.9200"
    ]


def test_missing_corpus_is_an_error_not_a_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSCRAWL_CORPUS", str(tmp_path))
    with pytest.raises(GateError, match="NEWSCRAWL_CORPUS"):
        corpus_dir()


def test_baseline_pins_every_metric() -> None:
    baseline = load_baseline()
    assert set(baseline["floors"]) == set(METRICS)
    assert len(baseline["corpus_sha256"]) == 64


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the corpus; --update re-pins floors.")
    parser.add_argument("--update", action="store_true", help="write new floors")
    parser.add_argument("--allow-regression", action="store_true", help="allow lower floors")
    args = parser.parse_args(argv)
    try:
        corpus = corpus_dir()
        measured = measure(corpus)
        for name, value in measured.items():
            print(f"{name:18s} {value:.4f}")
        if not args.update:
            failed = regressions(measured, load_baseline()["floors"])
            print("\n".join(failed) or "all metrics at or above their floors")
            return 1 if failed else 0
        old = load_baseline()["floors"] if BASELINE.is_file() else {}
        floors = new_floors(measured, old, allow_regression=args.allow_regression)
    except GateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    BASELINE.write_text(
        json.dumps(
            {
                "corpus_sha256": corpus_hash(corpus),
                "pages": len(list((corpus / "pages").iterdir())),
                "margin": MARGIN,
                "measured": {k: round(v, 4) for k, v in measured.items()},
                "floors": floors,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {BASELINE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
