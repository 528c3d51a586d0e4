"""The fuzzy threshold in use is the one the measurement picks (scripts/measure_thresholds.py)."""

import importlib.util
from pathlib import Path

from scoring.criteria import FUZZY_THRESHOLD

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "measure_thresholds.py"


def load_script():
    spec = importlib.util.spec_from_file_location("measure_thresholds", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_threshold_in_use_is_within_a_hair_of_the_best_measured_f1():
    script = load_script()
    pairs, _ = script.labelled_pairs(verbose=False)
    assert len(pairs) >= 500 and 0.3 < sum(m for *_, m in pairs) / len(pairs) < 0.9, "a labelled set with both classes"
    rows = {r["threshold"]: r for r in script.sweep(pairs)}
    best = max(r["f1"] for r in rows.values())
    assert FUZZY_THRESHOLD in rows
    assert rows[FUZZY_THRESHOLD]["f1"] >= best - 0.01, f"re-measure: threshold {FUZZY_THRESHOLD} is no longer near the best F1"
    # The labels record real mistakes of a loose threshold: 85 let look-alikes through.
    assert rows[85.0]["fp"] > rows[FUZZY_THRESHOLD]["fp"]
