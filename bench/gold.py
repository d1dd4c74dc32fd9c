"""Gold annotations (the format of shared/gold/README.md) and the metrics over them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# Parts that carry reported content; the speaker and merge metrics look only at these.
CONTENT_PARTS = ("body", "headline")


@dataclass
class Gold:
    lines: list[dict]
    posts: dict[str, dict]
    people: list[dict]
    events: list[dict]


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _json(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def load_gold(folder: Path) -> Gold:
    return Gold(
        lines=_jsonl(folder / "lines.jsonl"),
        posts={p["post"]: p for p in _jsonl(folder / "posts.jsonl")},
        people=_json(folder / "people.json"),
        events=_json(folder / "events.json"),
    )


def is_header(post_id: str) -> bool:
    return post_id.endswith("-header")


def prf(gold: set, predicted: set) -> dict[str, float | None]:
    """Precision, recall and F1; None where there is nothing to divide by."""
    hits = len(gold & predicted)
    precision = hits / len(predicted) if predicted else None
    recall = hits / len(gold) if gold else None
    if precision is None or recall is None:
        f1 = None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": _round(precision), "recall": _round(recall), "f1": _round(f1)}


def kendall_tau(pairs: list[tuple[float, float]]) -> float | None:
    """Kendall's tau-b over (gold, predicted) rank pairs."""
    n = len(pairs)
    if n < 2:
        return None
    concordant = discordant = ties_gold = ties_pred = 0
    for i in range(n):
        for j in range(i + 1, n):
            dg = pairs[i][0] - pairs[j][0]
            dp = pairs[i][1] - pairs[j][1]
            if dg == 0 and dp == 0:
                continue
            if dg == 0:
                ties_gold += 1
            elif dp == 0:
                ties_pred += 1
            elif (dg > 0) == (dp > 0):
                concordant += 1
            else:
                discordant += 1
    denominator = ((concordant + discordant + ties_gold) * (concordant + discordant + ties_pred)) ** 0.5
    return _round((concordant - discordant) / denominator) if denominator else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def first_lines_by_post(lines: list[dict]) -> dict[str, tuple[str, int]]:
    """Gold post id -> (source, first line)."""
    first: dict[str, tuple[str, int]] = {}
    for row in lines:
        key = row["post"]
        if key not in first or row["line"] < first[key][1]:
            first[key] = (row["source"], row["line"])
    return first
