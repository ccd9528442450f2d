"""Make the state and the output agree again after a crawl died (SIGKILL, OOM, power).

A record is written (one ``write`` + flush) and *then* recorded in the state,
together with a checkpoint: "output file F holds recorded lines up to byte
N". A crawl that dies can therefore leave, past the checkpoint of its output:

* complete lines that were written but not recorded: they are replayed into
  the state, so the next run does not emit those articles a second time;
* one torn last line (the process died inside the write): it is cut off, so
  every line of the output parses; its article was never recorded, so the
  next run fetches and writes it again.

Which runs are dead is the store's answer (:meth:`StateStore.dead_runs`):
with SQLite, every run still marked ``running`` when a crawl opens the state
(its lock proves no live crawl holds them); with Redis, the runs of this
machine whose process is gone (other workers' runs live on, and their output
files are on their own machines). Each is repaired and closed as ``crashed``.
Outputs that are not plain files (stdout, gzip) have no checkpoint and cannot
be repaired; at most the one record in flight at the moment of death may then
be written twice.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscrawl.state import Change, Checkpoint, Gone, StateStore, Visit
from newscrawl.timeutil import utc_now_iso

logger = logging.getLogger(__name__)


@dataclass
class Recovery:
    """What was repaired for one dead run."""

    run_id: str
    replayed: int = 0
    torn_bytes: int = 0
    problems: list[str] = field(default_factory=list)


def change_from_record(record: dict[str, Any]) -> Change:
    """The state change a written output line stands for."""
    url = str(record["url"])
    at = str(record.get("fetched_at") or utc_now_iso())
    if record.get("change") == "deleted":
        return Gone(url=url, at=at, status=int(record.get("status") or 410))
    fetched = record.get("fetched_url")
    return Visit(
        url=url,
        site=str(record.get("site") or ""),
        at=at,
        content_hash=record.get("content_hash"),
        modified=record.get("modified") or record.get("published"),
        aliases=(str(fetched),) if fetched and fetched != url else (),
    )


def replay_tail(path: Path, offset: int, report: Recovery) -> tuple[list[Change], int]:
    """Changes for the complete lines of ``path`` past ``offset``; a torn last line is cut off.

    Returns the changes and the offset of the end of the last complete line.
    """
    if not path.is_file():
        report.problems.append(f"output {path} is gone; nothing to replay from it")
        return [], offset
    size = path.stat().st_size
    if size < offset:
        report.problems.append(
            f"output {path} is shorter than the state recorded ({size} < {offset} bytes): "
            "it was replaced after the crash, so its last records could not be replayed"
        )
        return [], offset
    with path.open("r+b") as stream:
        stream.seek(offset)
        data = stream.read()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            report.torn_bytes += len(data) - end
            stream.truncate(offset + end)
    changes: list[Change] = []
    for number, line in enumerate(data[:end].splitlines(), 1):
        if not line.strip():
            continue
        try:
            changes.append(change_from_record(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            report.problems.append(f"{path}: line {number} past byte {offset}: {exc}")
    report.replayed += len(changes)
    return changes, offset + end


def recover_dead_runs(store: StateStore) -> list[Recovery]:
    """Repair and close every run the store says died (:meth:`StateStore.dead_runs`)."""
    reports = []
    for run in store.dead_runs():
        report = Recovery(run.id)
        for name, offset in run.outputs.items():
            changes, end = replay_tail(Path(name), offset, report)
            store.apply(changes, Checkpoint(run.id, name, end))
        store.end_run(
            run.id,
            status="crashed",
            finished_at=utc_now_iso(),
            counts={**run.counts, "replayed": report.replayed, "torn_bytes": report.torn_bytes},
        )
        for problem in report.problems:
            logger.warning("Recovering crashed run %s: %s", run.id, problem)
        if report.replayed or report.torn_bytes:
            logger.warning(
                "Run %s (started %s) died; replayed %d written record(s) into the state "
                "and cut %d byte(s) of a torn last line",
                run.id,
                run.started_at,
                report.replayed,
                report.torn_bytes,
            )
        reports.append(report)
    return reports
