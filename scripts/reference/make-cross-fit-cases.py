#!/usr/bin/env python3
"""
Regenerates test/fixtures/cross-fit-cases.json: scikit-learn's out-of-fold probabilities, the
labelled reference a performance estimator is calibrated on, for the model the service trains
(LogisticRegression(solver='liblinear', C=1, tol=1e-10): an L2 logistic regression whose intercept is
penalised like liblinear's). Each case: the rows, the number of folds, and
cross_val_predict(model, X, y, cv=KFold(k), method='predict_proba')[:, 1] (contiguous folds, no
shuffling).

Cases: practicedata and sourcedata (each deduplicated as ingestion does: files in name order,
concatenated, exact duplicate rows dropped, first kept), 5 folds; and 2,000 rows drawn (seeded) from
a known logistic model with integer features of the seed's ranges, 5 and 3 folds.

Run (Debian):
    apt-get install python3-sklearn python3-pandas python3-numpy
    /usr/bin/python3 scripts/reference/make-cross-fit-cases.py > test/fixtures/cross-fit-cases.json
Not run by npm test. The same package versions give the same file byte for byte.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, cross_val_predict

sys.dont_write_bytecode = True
from debian_version import debian_version  # noqa: E402

REPO = Path(__file__).resolve().parent.parent.parent
FEATURES = ["lastmonth_activity", "lastyear_activity", "number_of_employees"]
TARGET = "exited"


def seed_rows(folder):
    files = sorted((REPO / folder).glob("*.csv"))
    frame = pd.concat([pd.read_csv(path) for path in files], ignore_index=True).drop_duplicates()
    return [[int(v) for v in row] for row in frame[FEATURES + [TARGET]].itertuples(index=False)]


def drawn_rows(count, seed):
    rng = np.random.default_rng(seed)
    month = rng.integers(0, 600, count)
    year = rng.integers(0, 5000, count)
    employees = rng.integers(1, 200, count)
    z = 0.4 - 0.004 * month + 0.0002 * year + 0.01 * employees
    exited = (rng.random(count) < 1 / (1 + np.exp(-z))).astype(int)
    return [[int(a), int(b), int(c), int(d)] for a, b, c, d in zip(month, year, employees, exited)]


def case(name, rows, folds):
    data = np.array(rows, dtype=float)
    model = LogisticRegression(solver="liblinear", C=1.0, tol=1e-10, max_iter=1_000_000)
    proba = cross_val_predict(model, data[:, :3], data[:, 3].astype(int), cv=KFold(folds), method="predict_proba")[:, 1]
    return {"name": name, "folds": folds, "rows": rows, "probabilities": [float(p) for p in proba]}


def main():
    drawn = drawn_rows(2000, 20261201)
    cases = [
        case("practicedata", seed_rows("practicedata"), 5),
        case("sourcedata", seed_rows("sourcedata"), 5),
        case("drawn-2000", drawn, 5),
        case("drawn-2000", drawn, 3),
    ]
    source = (
        "scripts/reference/make-cross-fit-cases.py with Debian's "
        f"python3-sklearn {debian_version('python3-sklearn')}, python3-numpy {debian_version('python3-numpy')}, "
        f"python3-pandas {debian_version('python3-pandas')} (scikit-learn {sklearn.__version__})"
    )
    lines = [json.dumps(c, separators=(",", ":")) for c in cases]
    sys.stdout.write('{"source":' + json.dumps(source) + ',"columns":' + json.dumps(FEATURES + [TARGET]) + ',"cases":[\n' + ",\n".join(lines) + "\n]}\n")


if __name__ == "__main__":
    main()
