"""Operators' views of a crawl state: ``newscrawl state stats`` and ``newscrawl state export``.

Built on the :class:`~newscrawl.state.StateStore` protocol only, so they work
for every backend; they open the store read-only and may run beside a crawl.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from newscrawl.state import StateStore


def state_stats(store: StateStore, *, runs: int = 5) -> dict[str, Any]:
    """Counts, per-site figures and the latest runs of a state."""
    sites: dict[str, dict[str, Any]] = {}
    totals: Counter[str] = Counter()
    for entry in store.entries():
        site = sites.setdefault(
            entry.site, {"known": 0, "live": 0, "gone": 0, "last_fetched": None}
        )
        status = "gone" if entry.gone else "live"
        for counter in (site, totals):
            counter["known"] += 1
            counter[status] += 1
        if entry.last_fetched and (site["last_fetched"] or "") < entry.last_fetched:
            site["last_fetched"] = entry.last_fetched
    history = store.runs(limit=runs)
    return {
        "location": store.location,
        "known": totals["known"],
        "live": totals["live"],
        "gone": totals["gone"],
        "sites": dict(sorted(sites.items())),
        "runs": [asdict(run) for run in history],
    }


def format_stats(stats: dict[str, Any]) -> str:
    """``state stats`` as text."""
    lines = [
        f"state: {stats['location']}",
        f"articles: {stats['known']} known, {stats['live']} live, {stats['gone']} gone",
    ]
    if stats["runs"]:
        lines.append("runs (newest first):")
        for run in stats["runs"]:
            counts = run["counts"]
            figures = ", ".join(
                f"{counts[key]} {key}"
                for key in ("new", "updated", "deleted", "unchanged", "pages", "errors")
                if key in counts
            )
            lines.append(f"  {run['started_at']}  {run['status']:<22} {figures}".rstrip())
    else:
        lines.append("runs: none yet")
    if stats["sites"]:
        width = max(len("site"), *(len(site) for site in stats["sites"]))
        lines.append(f"  {'site':<{width}}  {'known':>7}  {'live':>7}  {'gone':>6}  last fetched")
        for site, figures in stats["sites"].items():
            lines.append(
                f"  {site:<{width}}  {figures['known']:>7}  {figures['live']:>7}  "
                f"{figures['gone']:>6}  {figures['last_fetched'] or '-'}"
            )
    return "\n".join(lines)


def export_entries(store: StateStore) -> Iterator[dict[str, Any]]:
    """One JSON-ready object per entry, in URL order (``state export``)."""
    for entry in store.entries():
        yield {**asdict(entry), "gone": entry.gone}
