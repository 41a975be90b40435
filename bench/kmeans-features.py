#!/usr/bin/python3
# kmeans-features.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Dump the reference feature matrix for bench-kmeans, and optionally time scikit-learn on it.

usage: kmeans-features.py TRANSACTIONS.csv OUT.bin [--sklearn] [--k K]

The features are exactly those of shared/bench/baseline.py: log1p(recency, frequency,
monetary) per customer, each column standardised to mean 0 and population sd 1.
OUT.bin holds two little-endian uint64 (n, d) followed by n*d float64, row-major.
With --sklearn, KMeans(K, n_init=10, init='k-means++', random_state=0) is run on the same
matrix and its time and inertia printed, so bench-kmeans can be compared like with like.
"""
import sys, time
import numpy as np, pandas as pd

def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    k = int(sys.argv[sys.argv.index('--k') + 1]) if '--k' in sys.argv else 5
    if '--k' in sys.argv:
        args.remove(str(k))
    path, out = args[0], args[1]
    df = pd.read_csv(path, parse_dates=['order_date'])
    ref = df.order_date.max() + pd.Timedelta(days=1)
    g = df.groupby('customer_id')
    rfm = pd.DataFrame({'recency': (ref - g.order_date.max()).dt.days,
                        'frequency': g.order_id.nunique(),
                        'monetary': g.amount.sum()})
    X = np.log1p(rfm.values.astype(float)); X = (X - X.mean(0)) / X.std(0)
    X = np.ascontiguousarray(X, dtype='<f8')
    with open(out, 'wb') as f:
        f.write(np.array(X.shape, dtype='<u8').tobytes())
        f.write(X.tobytes())
    print(f'wrote {out}: n={X.shape[0]} d={X.shape[1]}')
    if '--sklearn' in sys.argv:
        from sklearn.cluster import KMeans
        t0 = time.perf_counter()
        km = KMeans(n_clusters=k, n_init=10, init='k-means++', random_state=0).fit(X)
        t1 = time.perf_counter()
        print(f'sklearn k={k} n_init=10: time={t1 - t0:.3f} s inertia={km.inertia_:.4f} '
              f'n_iter={km.n_iter_}')
        print('sklearn centres (sorted by first coordinate):')
        for c in sorted(km.cluster_centers_.tolist()):
            print('  ' + ' '.join(f'{v:9.5f}' for v in c))

if __name__ == '__main__':
    main()
