#!/usr/bin/env python3
"""
Regenerates test/fixtures/stattest-cases.json: scipy's results on seeded random cases for the drift
statistics whose numerics the seed data cannot exercise, each with a mathematically exact value
beside it (rational arithmetic, then mpmath at 50 digits), so a test can tell our error from scipy's.

- "numeric": two samples per case, values offset + scale * z with offsets from 0 to 10^17 (the
  digits of the spread sit far below those of the values); for each, scipy's wasserstein_distance,
  numpy's population std (np.std, ddof 0), Evidently's normed Wasserstein (the distance over
  max(std, 0.001)) and scipy's ks_2samp, plus the exact distance, std and normed distance. The first
  four cases are 2,000 values offset + (i mod 11) against offset + (i mod 11) + (i mod 2).
- "chisquare_counts": per-category counts of a reference and a current sample, as Evidently's
  "chisquare" test calls scipy (expected = reference counts * current size / reference size), with
  p-values spread from 1 down to 1e-300; the statistic and p-value, and the exact p-value.
- "chi2_sf": the upper tail chi2.sf(x, df) alone, for df from 1 to 20,000 and p-values from 1 to
  1e-300.

A sample's values are not stored, only its z (short decimals or small integers): this script and the
test both compute each value as offset + scale * z in float64, one multiplication and one addition,
each correctly rounded, so both hold the same doubles.

Run (Debian):
    apt-get install python3-scipy python3-numpy python3-mpmath
    /usr/bin/python3 scripts/reference/make-stattest-cases.py > test/fixtures/stattest-cases.json
Paths do not matter; not run by npm test. The RNG is seeded: the same package versions give the same
file byte for byte.
"""
import json
import sys
from bisect import bisect_right
from decimal import Decimal, localcontext
from fractions import Fraction

sys.dont_write_bytecode = True  # importing debian_version below leaves no __pycache__ beside the scripts

import mpmath
import numpy as np
import scipy
from scipy import stats

from debian_version import debian_version

SEED = 20250607
CASES = 100
OFFSETS = [0.0, 1e3, 1e6, 1e9, 1e12, 1e13, 1e14, -1e14, 1e15, 4e15, 1e17]
mpmath.mp.dps = 50


def exact_std(x):
    """sqrt(mean((x - mean(x))^2)) of the doubles x, in rational arithmetic, as a Decimal."""
    values = [Fraction(v) for v in x.tolist()]
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values) / len(values)
    with localcontext() as ctx:
        ctx.prec = 60
        return (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()


def exact_wasserstein(u, v):
    """The area between the empirical CDFs of the doubles u and v, in rational arithmetic."""
    su, sv = sorted(u.tolist()), sorted(v.tolist())
    points = sorted(set(su) | set(sv))
    area = Fraction(0)
    for x, following in zip(points, points[1:]):
        gap = Fraction(bisect_right(su, x), len(su)) - Fraction(bisect_right(sv, x), len(sv))
        area += abs(gap) * (Fraction(following) - Fraction(x))
    return area


def to_decimal(fraction):
    with localcontext() as ctx:
        ctx.prec = 60
        return Decimal(fraction.numerator) / Decimal(fraction.denominator)


def numeric_case(name, offset, scale, ref_z, cur_z):
    """One numeric case: the stored recipe, scipy's results and the exact ones."""
    ref = np.float64(offset) + np.float64(scale) * np.asarray(ref_z, dtype=np.float64)
    cur = np.float64(offset) + np.float64(scale) * np.asarray(cur_z, dtype=np.float64)
    distance = float(stats.wasserstein_distance(ref, cur))
    std = float(np.std(ref))
    ks = stats.ks_2samp(ref, cur)
    area = exact_wasserstein(ref, cur)
    sigma = exact_std(ref)
    with localcontext() as ctx:
        ctx.prec = 60
        normed = to_decimal(area) / max(sigma, Decimal("0.001"))
    return {
        "name": name,
        "offset": offset,
        "scale": scale,
        "reference_z": ref_z,
        "current_z": cur_z,
        "wasserstein": distance,
        "std": std,
        "wasserstein_normed": distance / max(std, 0.001),
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
        "exact_wasserstein": float(area),
        "exact_std": float(sigma),
        "exact_wasserstein_normed": float(normed),
    }


def random_z(rng, kind, size, shift, stretch):
    """size draws of z: normal with 3 decimals, or small integers (many ties)."""
    if kind == "normal":
        return [round(float(z), 3) for z in rng.normal(shift, stretch, size)]
    return [int(z) for z in rng.integers(0, max(2, round(10 * stretch)), size) + round(shift * 3)]


def numeric_cases(rng):
    """The four fixed cases, then random ones: an offset, a scale from a few units in the offset's last
    place up, normal or integer z, sizes from 1 to 1,000, the current sample slightly moved."""
    cases = [
        numeric_case(
            f"2,000 values {offset:g} + (i mod 11) vs + (i mod 11) + (i mod 2)",
            offset,
            1.0,
            [i % 11 for i in range(2000)],
            [i % 11 + i % 2 for i in range(2000)],
        )
        for offset in (1e12, 1e13, 1e14, 4e15)
    ]
    while len(cases) < CASES:
        offset = float(rng.choice(OFFSETS))
        smallest = np.log10(max(0.01, 4 * float(np.spacing(offset))))
        scale = float(f"{10 ** rng.uniform(smallest, smallest + 5):.3g}")
        kind = str(rng.choice(["normal", "integers"]))
        sizes = [int(10 ** rng.uniform(0, 3)) for _ in range(2)]
        ref_z = random_z(rng, kind, sizes[0], 0.0, 1.0)
        cur_z = random_z(rng, kind, sizes[1], float(rng.uniform(-0.2, 0.2)), float(rng.uniform(0.85, 1.2)))
        cases.append(numeric_case(f"random {kind} {len(cases)}", offset, scale, ref_z, cur_z))
    return cases


def exact_chi2_sf(statistic, df):
    """Q(df / 2, statistic / 2) at 50 digits, from an exact (Fraction) statistic."""
    x = mpmath.mpf(statistic.numerator) / statistic.denominator
    return float(mpmath.gammainc(mpmath.mpf(df) / 2, x / 2, mpmath.inf, regularized=True))


def evidently_chisquare(reference_counts, current_counts):
    """Evidently's "chisquare" call: current counts against reference counts * current / reference size."""
    k_norm = sum(current_counts) / sum(reference_counts)
    return stats.chisquare(current_counts, [c * k_norm for c in reference_counts])


def chisquare_case(name, reference_counts, current_counts):
    """Evidently's chisquare on per-category counts, and the exact statistic's p-value."""
    n_ref, n_cur = sum(reference_counts), sum(current_counts)
    result = evidently_chisquare(reference_counts, current_counts)
    exact = sum(
        (o - Fraction(e * n_cur, n_ref)) ** 2 / Fraction(e * n_cur, n_ref) for o, e in zip(current_counts, reference_counts)
    )
    return {
        "name": name,
        "reference_counts": reference_counts,
        "current_counts": current_counts,
        "statistic": float(result.statistic),
        "pvalue": float(result.pvalue),
        "exact_pvalue": exact_chi2_sf(exact, len(reference_counts) - 1),
    }


def chisquare_cases(rng):
    """One case per band of three decades of p-value, [1, 1e-3), [1e-3, 1e-6), ... [1e-297, 1e-300)."""
    cases = [chisquare_case("reference 1000/1000/1000, current 100/300/600", [1000, 1000, 1000], [100, 300, 600])]
    bands = {}
    while len(bands) < CASES - 1:
        k = int(rng.integers(2, 41))
        shares = rng.dirichlet(np.ones(k))
        reference_counts = [int(c) + 1 for c in rng.multinomial(int(10 ** rng.uniform(2, 4.5)), shares)]
        strength = rng.uniform(0, 1)
        drifted = (1 - strength) * shares + strength * rng.dirichlet(np.ones(k))
        current_counts = [int(c) for c in rng.multinomial(int(10 ** rng.uniform(1, 4.5)), drifted)]
        p = evidently_chisquare(reference_counts, current_counts).pvalue
        band = int(-np.log10(p) // 3) if p > 0 else None
        if band is not None and band < CASES - 1 and band not in bands:
            bands[band] = (reference_counts, current_counts)
    for band in sorted(bands):
        cases.append(chisquare_case(f"p in [1e-{3 * band + 3}, 1e-{3 * band})", *bands[band]))
    return cases


def chi2_sf_cases(rng):
    """df log-uniform from 1 to 20,000, x where the tail is 10^-U(0, 300), rounded to 6 digits."""
    cases = []
    for _ in range(CASES):
        df = int(10 ** rng.uniform(0, 4.3))
        x = float(f"{stats.chi2.isf(10 ** -rng.uniform(0, 300), df):.6g}")
        cases.append({
            "x": x,
            "df": df,
            "pvalue": float(stats.chi2.sf(x, df)),
            "exact_pvalue": exact_chi2_sf(Fraction(x), df),
        })
    return cases


def write(out):
    """JSON with one case per line: readable diffs without a line per number."""
    sys.stdout.write("{\n")
    items = list(out.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list):
            sys.stdout.write(f" {json.dumps(key)}: [\n")
            sys.stdout.write(",\n".join(f"  {json.dumps(case)}" for case in value))
            sys.stdout.write(f"\n ]{comma}\n")
        else:
            sys.stdout.write(f" {json.dumps(key)}: {json.dumps(value)}{comma}\n")
    sys.stdout.write("}\n")


def main():
    rng = np.random.default_rng(SEED)
    versions = {p: debian_version(p) for p in ("python3-scipy", "python3-numpy", "python3-mpmath")}
    source = (
        f"scripts/reference/make-stattest-cases.py (seed {SEED}), with "
        + ", ".join(f"{p} {v}" for p, v in versions.items() if v)
        + f" (scipy {scipy.__version__}, numpy {np.__version__}, mpmath {mpmath.__version__})"
    )
    write({
        "source": source,
        "numeric": numeric_cases(rng),
        "chisquare_counts": chisquare_cases(rng),
        "chi2_sf": chi2_sf_cases(rng),
    })


if __name__ == "__main__":
    main()
