#!/usr/bin/env python3
"""
Regenerates test/fixtures/calibration-cases.json: scikit-learn's isotonic regression and NannyML's
calibration decision on seeded random cases, for src/monitoring/isotonic.ts and calibration.ts.

- "isotonic": x, y (0/1, or in [0, 1] for a few) and sometimes weights (some zero); scikit-learn's
  IsotonicRegression(out_of_bounds='clip', increasing=True, y_min=0, y_max=1) fitted on them (the
  script checks that NannyML's own IsotonicCalibrator model, without y_min/y_max, fits the same), its
  X_thresholds_, y_thresholds_, X_min_, X_max_ and its predictions at query points inside and outside
  the range. Sizes from 1 to 5,000, x rounded to 1 to 3 decimals for ties, and degenerate cases (all y
  equal, all x equal, already monotone, decreasing, x within 1e-15 of each other).
- "calibration": labels and probabilities; NannyML's ECE of them (its 10 equal-count bins) and its
  needs_calibration decision with the ECEs before and after calibration on the pooled test folds.
  NannyML has no Debian package (nor PyPI here): `nannyml_*` below copy nannyml/calibration.py
  (`_get_bin_index_edges`, `_calculate_expected_calibration_error`, `needs_calibration`, NannyML
  4c86ee3, 2025-07-12) line for line, with scikit-learn's StratifiedShuffleSplit and roc_auc_score.
- "argsort": np.argsort (its default, unstable quicksort) of arrays with many ties.
- "splits": StratifiedShuffleSplit(10, test_size=0.1, random_state=42) folds of two label vectors.

Run (Debian):
    apt-get install python3-sklearn python3-numpy
    /usr/bin/python3 scripts/reference/make-calibration-cases.py > test/fixtures/calibration-cases.json
Paths do not matter; not run by npm test. The RNG is seeded: the same package versions give the same
file byte for byte. np.argsort's order among equal values (which NannyML's ECE depends on) is numpy's
generic introsort here (numpy 1.24); numpy 1.26+ on AVX-512 machines orders ties its own way.
"""
import json
import sys

sys.dont_write_bytecode = True  # importing debian_version below leaves no __pycache__ beside the scripts

import numpy as np
import scipy
import sklearn
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedShuffleSplit

from debian_version import debian_version

SEED = 20250712


def nannyml_bin_index_edges(vector_length, bin_count):
    """nannyml/calibration.py `_get_bin_index_edges` (its exception replaced by ValueError)."""
    if vector_length <= 2 * bin_count:
        bin_count = vector_length // 2
        if bin_count < 2:
            raise ValueError("cannot split into minimum of 2 bins")
    bin_width = vector_length // bin_count
    bin_edges = np.asarray(range(0, vector_length + 1, bin_width))
    bin_edges[-1] = vector_length
    return list(zip(bin_edges[:-1], bin_edges[1:]))


def nannyml_ece(y_true, y_pred_proba, bin_index_edges):
    """nannyml/calibration.py `_calculate_expected_calibration_error`."""
    terms = []
    y_pred_proba, y_true = np.asarray(y_pred_proba), np.asarray(y_true)
    sort_index = y_pred_proba.argsort()
    y_pred_proba = y_pred_proba[sort_index]
    y_true = y_true[sort_index]
    for left_edge, right_edge in bin_index_edges:
        bin_proba = y_pred_proba[left_edge:right_edge]
        bin_true = y_true[left_edge:right_edge]
        weight = len(bin_proba) / len(y_pred_proba)
        terms.append(weight * abs(np.mean(bin_proba) - np.mean(bin_true)))
    return np.sum(terms)


def nannyml_needs_calibration(y_true, y_pred_proba, bin_count=10, split_count=10):
    """nannyml/calibration.py `needs_calibration` with its default IsotonicCalibrator; also returns the
    two ECEs it compares (None when it decides before computing them)."""
    if len(np.unique(y_true)) == 1:
        return False, None, None
    if roc_auc_score(y_true, y_pred_proba, multi_class='ovr') > 0.999:
        return False, None, None
    sss = StratifiedShuffleSplit(n_splits=split_count, test_size=0.1, random_state=42)
    trues, probas, calibrated = [], [], []
    for train, test in sss.split(y_pred_proba, y_true):
        regressor = IsotonicRegression(out_of_bounds="clip", increasing=True)
        regressor.fit(y_pred_proba[train], y_true[train])
        trues.append(y_true[test])
        probas.append(y_pred_proba[test])
        calibrated.append(regressor.predict(y_pred_proba[test]))
    vec_true, vec_proba, vec_calibrated = map(np.concatenate, (trues, probas, calibrated))
    edges = nannyml_bin_index_edges(len(vec_proba), bin_count)
    before = nannyml_ece(vec_true, vec_proba, edges)
    after = nannyml_ece(vec_true, vec_calibrated, edges)
    return bool(before > after), float(before), float(after)


def floats(values):
    return [float(v) for v in values]


def isotonic_case(name, x, y, weights=None):
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    model = IsotonicRegression(out_of_bounds="clip", increasing=True, y_min=0, y_max=1)
    model.fit(x, y, sample_weight=weights)
    nannyml_model = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(x, y, sample_weight=weights)
    assert np.array_equal(model.X_thresholds_, nannyml_model.X_thresholds_)
    assert np.array_equal(model.y_thresholds_, nannyml_model.y_thresholds_)
    spread = max(float(x.max() - x.min()), 0.1)
    queries = np.concatenate(
        [
            [x.min() - spread, x.min(), x.max(), x.max() + spread, -1e300, 1e300],
            model.X_thresholds_[:20],
            np.linspace(x.min() - spread / 4, x.max() + spread / 4, 41),
            x[:20],
        ]
    )
    return {
        "name": name,
        "x": floats(x),
        "y": floats(y),
        "weights": None if weights is None else floats(weights),
        "x_thresholds": floats(model.X_thresholds_),
        "y_thresholds": floats(model.y_thresholds_),
        "x_min": float(model.X_min_),
        "x_max": float(model.X_max_),
        "queries": floats(queries),
        "predictions": floats(model.predict(queries)),
    }


def labels_for(rng, p, slope):
    """0/1 labels whose chance of 1 is a distorted p (p ** slope): a miscalibrated model."""
    return (rng.random(len(p)) < p**slope).astype(np.float64)


def isotonic_cases(rng):
    cases = [
        isotonic_case("textbook 1 3 2 4 3 5 (y in [0, 1] / 10)", [1, 2, 3, 4, 5, 6], [0.1, 0.3, 0.2, 0.4, 0.3, 0.5]),
        isotonic_case("single point", [0.4], [1]),
        isotonic_case("all y equal (0)", np.round(rng.random(50), 2), np.zeros(50)),
        isotonic_case("all y equal (1)", np.round(rng.random(50), 2), np.ones(50)),
        isotonic_case("all x equal", np.full(40, 0.3), labels_for(rng, np.full(40, 0.3), 1)),
        isotonic_case("already monotone", np.linspace(0, 1, 30), (np.linspace(0, 1, 30) > 0.5).astype(float)),
        isotonic_case("decreasing", np.linspace(0, 1, 30), (np.linspace(0, 1, 30) < 0.5).astype(float)),
        isotonic_case(
            "x within 1e-15 (merged by _make_unique)",
            [0.5, 0.5 + 4e-16, 0.5 + 9e-16, 0.5 + 2e-15, 0.9999999999999999, 1.0],
            [1, 0, 1, 0, 0, 1],
        ),
        isotonic_case("weights, some zero", [0.1, 0.2, 0.2, 0.3, 0.4, 0.5], [1, 0, 1, 0, 1, 0], [1, 0, 2.5, 0.5, 0, 3]),
    ]
    while len(cases) < 32:
        n = int(10 ** rng.uniform(1, np.log10(5000)))
        decimals = int(rng.choice([1, 2, 3, 17]))
        p = rng.beta(2, 2, n)
        x = np.round(p, decimals) if decimals < 17 else p
        y = labels_for(rng, p, float(rng.uniform(0.3, 3)))
        weights = None
        if len(cases) % 3 == 0:
            weights = np.round(rng.uniform(0, 3, n), 3)
            weights[rng.random(n) < 0.1] = 0
        cases.append(isotonic_case(f"random n={n} decimals={decimals}{' weighted' if weights is not None else ''}", x, y, weights))
    return cases


def calibration_case(name, y_true, y_proba):
    y_true, y_proba = np.asarray(y_true, dtype=np.float64), np.asarray(y_proba, dtype=np.float64)
    needed, before, after = nannyml_needs_calibration(y_true, y_proba)
    return {
        "name": name,
        "y_true": floats(y_true),
        "y_proba": floats(y_proba),
        "ece": float(nannyml_ece(y_true, y_proba, nannyml_bin_index_edges(len(y_proba), 10))),
        "auroc": float(roc_auc_score(y_true, y_proba)) if len(np.unique(y_true)) == 2 else None,
        "needs_calibration": needed,
        "ece_before": before,
        "ece_after": after,
    }


def calibration_cases(rng):
    p = rng.random(200)
    cases = [
        calibration_case("calibrated n=200", labels_for(rng, p, 1), p),
        calibration_case("single class", np.zeros(60), rng.random(60)),
        calibration_case("separable (AUROC 1)", (p > 0.5).astype(float), p),
        calibration_case("n=25: 12 bins of 2 and 3", labels_for(rng, p[:25], 2), p[:25]),
    ]
    while len(cases) < 24:
        n = int(10 ** rng.uniform(np.log10(30), np.log10(5000)))
        decimals = int(rng.choice([1, 2, 3, 17]))
        raw = rng.beta(2, 2, n)
        proba = np.round(raw, decimals) if decimals < 17 else raw
        y = labels_for(rng, raw, float(rng.choice([1, rng.uniform(0.3, 3)])))
        if min(y.sum(), n - y.sum()) < 2:
            continue
        cases.append(calibration_case(f"random n={n} decimals={decimals}", y, proba))
    return cases


def splits_case(y_true):
    y_true = np.asarray(y_true, dtype=np.float64)
    sss = StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42)
    folds = [{"train": [int(i) for i in train], "test": [int(i) for i in test]} for train, test in sss.split(y_true, y_true)]
    return {"y_true": floats(y_true), "folds": folds}


def argsort_case(rng, n, distinct):
    values = np.round(rng.integers(0, distinct, n) / distinct, 3)
    return {"values": floats(values), "order": [int(i) for i in np.argsort(values)]}


def main():
    rng = np.random.default_rng(SEED)
    versions = ", ".join(f"{p} {debian_version(p)}" for p in ("python3-sklearn", "python3-numpy", "python3-scipy"))
    fixture = {
        "source": f"scripts/reference/make-calibration-cases.py (seed {SEED}), with {versions} "
        f"(scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__})",
        "random_state_42_permutation_20": [int(i) for i in np.random.RandomState(42).permutation(20)],
        "argsort": [argsort_case(rng, n, distinct) for n, distinct in ((50, 3), (300, 7), (2000, 20), (5000, 300))],
        "splits": [splits_case([0] * 7 + [1] * 13), splits_case(rng.integers(0, 2, 37))],
        "isotonic": isotonic_cases(rng),
        "calibration": calibration_cases(rng),
    }
    out = sys.stdout
    out.write("{\n")
    for k, (key, value) in enumerate(fixture.items()):
        comma = "," if k < len(fixture) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], dict):
            rows = ",\n  ".join(json.dumps(item) for item in value)
            out.write(f' {json.dumps(key)}: [\n  {rows}\n ]{comma}\n')
        else:
            out.write(f" {json.dumps(key)}: {json.dumps(value)}{comma}\n")
    out.write("}\n")


main()
