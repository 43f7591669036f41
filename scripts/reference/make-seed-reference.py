#!/usr/bin/env python3
"""
Regenerates test/fixtures/seed-reference.json: the scikit-learn/scipy reference values the tests
compare with, computed from the repository's seed data only (practicedata/, sourcedata/, testdata/).

For the reference data (practicedata) and the current data (sourcedata), each deduplicated like
ingestion does (concatenate the files, drop duplicate rows, first kept): row counts, pandas summary
statistics (std with ddof 1), missing percentages, an L2 logistic regression (C=1, intercept
penalised like liblinear, tol 1e-10) with its predictions and scores on testdata/testdata.csv and its
F1 on its own rows; the reference model's scores on the current rows; and per column the drift
statistics between the two (scipy's ks_2samp, and Evidently's z-test, normed Wasserstein,
Jensen-Shannon and PSI formulas with Evidently's get_binned_data binning).

Run (Debian):
    apt-get install python3-sklearn python3-scipy python3-pandas
    python3 scripts/reference/make-seed-reference.py > test/fixtures/seed-reference.json
(with the system interpreter, /usr/bin/python3, if another python3 comes first on PATH). Paths are
relative to this script, so it runs from any folder. Not run by npm test.
"""
import json
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # importing debian_version below leaves no __pycache__ beside the scripts

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy import stats
from scipy.spatial import distance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_score, recall_score, roc_auc_score

from debian_version import debian_version

REPO = Path(__file__).resolve().parent.parent.parent
FEATURES = ["lastmonth_activity", "lastyear_activity", "number_of_employees"]
TARGET = "exited"
COLUMNS = ["corporation", *FEATURES, TARGET]
MODEL = "L2 logistic regression, C=1, intercept penalised like liblinear, converged (tol 1e-10)"


def read_folder(folder):
    """The folder's CSV files in name order, concatenated and deduplicated (first occurrence kept)."""
    files = sorted(p.name for p in (REPO / folder).glob("*.csv"))
    frame = pd.concat([pd.read_csv(REPO / folder / name) for name in files], ignore_index=True)
    return files, len(frame), frame.drop_duplicates().reset_index(drop=True)


def fit(frame):
    model = LogisticRegression(solver="liblinear", C=1.0, tol=1e-10, max_iter=1_000_000)
    model.fit(frame[FEATURES], frame[TARGET])
    return model


def scores(model, frame):
    y = frame[TARGET]
    predicted = model.predict(frame[FEATURES])
    proba = model.predict_proba(frame[FEATURES])[:, 1]
    return {
        "f1": float(f1_score(y, predicted)),
        "precision": float(precision_score(y, predicted)),
        "recall": float(recall_score(y, predicted)),
        "accuracy": float(accuracy_score(y, predicted)),
        "roc_auc": float(roc_auc_score(y, proba)),
        "confusion_matrix": confusion_matrix(y, predicted).tolist(),
    }


def dataset_entry(folder, test):
    files, rows_read, frame = read_folder(folder)
    model = fit(frame)
    return frame, model, {
        "folder": folder,
        "files": files,
        "rows_read": rows_read,
        "rows_after_dedup": len(frame),
        "summary": {
            f: {"mean": float(frame[f].mean()), "median": float(frame[f].median()), "std": float(frame[f].std(ddof=1))}
            for f in FEATURES
        },
        "missing_percent": {c: float(frame[c].isna().mean() * 100) for c in COLUMNS},
        "coefficients": [float(c) for c in model.coef_[0]],
        "intercept": float(model.intercept_[0]),
        "test_predictions": [int(p) for p in model.predict(test[FEATURES])],
        "test_probabilities": [float(p) for p in model.predict_proba(test[FEATURES])[:, 1]],
        "test_scores": scores(model, test),
        "train_f1": scores(model, frame)["f1"],
    }


def binned(ref, cur, numeric, fill_zeroes):
    """Evidently's get_binned_data: Sturges histogram over both samples for numeric columns with more
    than 20 distinct reference values, else each distinct value's share; optional zero filling."""
    if numeric and ref.nunique() > 20:
        edges = np.histogram_bin_edges(np.asarray(pd.concat([ref, cur]).values), bins="sturges")
        ref_p = np.histogram(ref, edges)[0] / len(ref)
        cur_p = np.histogram(cur, edges)[0] / len(cur)
    else:
        keys = sorted(set(ref.dropna().unique()) | set(cur.dropna().unique()))
        ref_counts, cur_counts = ref.value_counts(), cur.value_counts()
        ref_p = np.array([ref_counts.get(k, 0) / len(ref) for k in keys])
        cur_p = np.array([cur_counts.get(k, 0) / len(cur) for k in keys])
    if fill_zeroes:
        for p in (ref_p, cur_p):
            smallest = p[p != 0].min()
            np.place(p, p == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return ref_p, cur_p


def z_pvalue(ref, cur):
    """Evidently's two-proportion z-test: smallest value -> 0, others -> 1, pooled variance, two-sided."""
    keys = sorted(set(ref.dropna().unique()) | set(cur.dropna().unique()))
    if len(keys) == 1:
        return 1.0
    r = (ref != keys[0]).astype(float)
    c = (cur != keys[0]).astype(float)
    n1, n2 = len(r), len(c)
    p1, p2 = r.sum() / n1, c.sum() / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return float(2 * (1 - stats.norm.cdf(abs(z))))


def drift_entry(ref, cur, numeric):
    ks = stats.ks_2samp(ref, cur)
    return {
        "n_unique": len(set(ref.dropna().unique()) | set(cur.dropna().unique())),
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
        "z_pvalue": None if numeric else z_pvalue(ref, cur),
        "wasserstein_normed": float(stats.wasserstein_distance(ref, cur) / max(float(np.std(ref)), 0.001)),
        "jensenshannon": float(distance.jensenshannon(*binned(ref, cur, numeric, False))),
        "psi": float(np.sum((lambda r, c: (r - c) * np.log(r / c))(*binned(ref, cur, numeric, True)))),
    }


def main():
    test = pd.read_csv(REPO / "testdata" / "testdata.csv")
    reference, reference_model, reference_entry = dataset_entry("practicedata", test)
    current, _, current_entry = dataset_entry("sourcedata", test)
    versions = {p: debian_version(p) for p in ("python3-sklearn", "python3-scipy", "python3-pandas", "python3-numpy")}
    source = (
        "scripts/reference/make-seed-reference.py on the repository's seed data, with "
        + ", ".join(f"{p} {v}" for p, v in versions.items() if v)
        + f" (scikit-learn {sklearn.__version__}, scipy {scipy.__version__}, pandas {pd.__version__}, numpy {np.__version__})"
    )
    out = {
        "source": source,
        "features": FEATURES,
        "target": TARGET,
        "model": MODEL,
        "datasets": {"reference": reference_entry, "current": current_entry},
        "reference_model_on_current": scores(reference_model, current),
        "drift_reference_vs_current": {
            c: drift_entry(reference[c], current[c], c != TARGET) for c in [*FEATURES, TARGET]
        },
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
