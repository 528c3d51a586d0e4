"""The ranking measures of scripts/eval_ranking.py, on rankings small enough to work out by hand, and its grade files."""

import json
import math
from pathlib import Path

import pytest

from scripts.eval_ranking import average_precision, ndcg_at, peer_order, precision_at, zh_grades


def test_average_precision_averages_precision_at_each_relevant_rank() -> None:
    grades = {"a": 1, "b": 0, "c": 1, "d": 0}
    # relevant at ranks 1 and 3: (1/1 + 2/3) / 2
    assert average_precision(["a", "b", "c", "d"], grades) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision(["b", "d", "a", "c"], grades) == pytest.approx((1 / 3 + 2 / 4) / 2)
    assert math.isnan(average_precision(["b", "d"], {"b": 0, "d": 0}))


def test_precision_at_20_counts_graded_résumés_in_the_top_20() -> None:
    order = [f"r{i}" for i in range(30)]
    grades = {sha: int(i in (0, 5, 19, 20)) for i, sha in enumerate(order)}
    assert precision_at(order, grades) == pytest.approx(3 / 20)  # rank 21 is outside the top 20


def test_ndcg_gains_grow_with_the_grade_and_fall_with_the_rank() -> None:
    grades = {"strong": 2, "fit": 1, "no": 0}
    assert ndcg_at(["strong", "fit", "no"], grades) == pytest.approx(1.0)
    ideal = 3 + 1 / math.log2(3)
    assert ndcg_at(["fit", "strong", "no"], grades) == pytest.approx((1 + 3 / math.log2(3)) / ideal)
    assert ndcg_at(["no", "strong", "fit"], grades, k=1) == 0.0


def test_peers_rank_highest_similarity_first_and_break_ties_by_sha256() -> None:
    assert peer_order([0.1, 0.9, 0.1, 0.5], ["d", "a", "b", "c"]) == ["a", "c", "b", "d"]


def test_zh_grades_merge_the_pooled_grades_with_the_labellers(tmp_path: Path) -> None:
    g = {"loan": 2, "tobacco": 0, "property": 0, "client_service": 1}
    labels = tmp_path / "labels_zh.jsonl"
    labels.write_text(json.dumps({"sha256": "a", "grades": g}) + "\n" + json.dumps({"sha256": "b", "is_resume": False}) + "\n")
    pooled = [
        {"sha256": "c", "is_resume": True, "grades": {**g, "loan": 1}},
        {"sha256": "d", "is_resume": False, "grades": None},  # not a résumé: nothing to rank
        {"sha256": "a", "is_resume": True, "grades": {**g, "loan": 0}},  # graded twice: the labellers' grades stay
    ]
    (tmp_path / "grades_zh.jsonl").write_text("".join(json.dumps(r) + "\n" for r in pooled))
    merged = zh_grades(tmp_path, labels)
    assert sorted(merged) == ["a", "c"]
    assert merged["a"]["loan"] == 2 and merged["c"]["loan"] == 1
    (tmp_path / "grades_zh.jsonl").unlink()
    assert sorted(zh_grades(tmp_path, labels)) == ["a"]  # without the pooled file, the labels alone
