#!/usr/bin/python3
# test-pg-refresh.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Suite pg (issue 22): a refresh from PostgreSQL against adding a file and assigning.

usage: test-pg-refresh.py SEGMENTS_CLI [unittest options]

A project whose orders stay in the database freezes its snapshots from the figures the
server summed (sc-snapshot.c, pushdown_figures), not from order rows.  For several seeded
datasets, the same orders split at a day into an earlier and a later part go two ways:
imported from CSV, segmented, the later file added and assigned; and imported from the
database, segmented, the later rows inserted and refreshed.  The drift (`drift --json`,
the snapshot before against the segments after) must agree: sizes, revenue, recent
revenue and orders, churn, migration.  Skipped (77) without the server build-aux/test starts.
"""

import datetime
import importlib.util
import os
import random

_spec = importlib.util.spec_from_file_location(
    'pg_common', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-pg.py'))
pg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pg)

HEADER = pg.ORDERS_HEADER


class PgRefreshTest(pg.PgCliCase):
    def check_seed(self, seed):
        rng = random.Random(seed)
        lines, _ = pg.generate(seed, rng.randint(150, 600))
        last = max(l[2] for l in lines)
        # The later part: the last few weeks (inside the 90 recent days) or more.
        cut = last - datetime.timedelta(days=rng.choice([10, 40, 120]))
        early = sorted((l for l in lines if l[2] <= cut), key=lambda l: l[1])
        late = sorted((l for l in lines if l[2] > cut), key=lambda l: l[1])
        self.assertTrue(early and late)
        table = 'orders_%d' % seed
        early_csv, late_csv = self.path('early-%d.csv' % seed), self.path('late-%d.csv' % seed)
        pg.write_csv(early_csv, HEADER, early)
        pg.write_csv(late_csv, HEADER, late)

        self.drift_both_ways(seed, early_csv, late_csv, table)

    def test_drift_as_by_file(self):
        for seed in (3, 17, 41):
            with self.subTest(seed=seed):
                self.check_seed(seed)


if __name__ == '__main__':
    pg.main()
