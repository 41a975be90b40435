#!/usr/bin/python3
# test-cli-outliers.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of top accounts and anomalies through segments-cli.

usage: test-cli-outliers.py SEGMENTS_CLI [unittest options]

Generated order files (seeded): Pareto α = 1.16 spend, with and without planted anomalies.
`show --json` must give every segment its kind, list segments in priority order with the
top accounts first and the anomalies last, and keep is_outliers for the anomalies only.
Expected figures are computed here from the files.
"""

import datetime
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CLI = None
TOP_CAP = 0.05           # the stated caps (sc-transform.h)
SPEND_ANOMALY_CAP = 0.01


def run_cli(*args):
    r = subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=300)
    if r.returncode != 0:
        raise AssertionError(f'{args}: exit {r.returncode}\n{r.stderr}')
    return r


def write_orders(path, n, seed, alpha=1.16, planted=0.0, negative=0):
    """n customers with 1 + geometric orders, Pareto(alpha) total spend split over them.
    Returns {customer: net spend} and the set of planted customers."""
    rng = random.Random(seed)
    start = datetime.date(2024, 1, 1)
    spend, planted_ids = {}, set()
    with open(path, 'w', encoding='utf-8') as f:
        f.write('order_id,customer_id,order_date,amount\n')
        order = 0
        for c in range(n):
            cid = f'C{c:05d}'
            orders = 1
            while orders < 30 and rng.random() < 0.5:
                orders += 1
            total = 20.0 * (1.0 - rng.random()) ** (-1.0 / alpha)
            if rng.random() < planted:
                total *= 100
                planted_ids.add(cid)
            if c < negative:
                total = -total
            for i in range(orders):
                order += 1
                day = start + datetime.timedelta(days=rng.randrange(540))
                amount = round(total / orders, 2)
                f.write(f'O{order},{cid},{day.isoformat()},{amount:.2f}\n')
                spend[cid] = spend.get(cid, 0) + amount
    return spend, planted_ids


class OutlierTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='segments-outliers-')

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def project(self, name, **kwargs):
        orders = os.path.join(self.dir, name + '.csv')
        project = os.path.join(self.dir, name + '.segments')
        customers = os.path.join(self.dir, name + '-customers.csv')
        spend, planted = write_orders(orders, 20000, **kwargs)
        with open(customers, 'w', encoding='utf-8') as f:   # consent, so all are exported
            f.write('customer_id,consent\n' + ''.join(f'{c},yes\n' for c in spend))
        run_cli('import', project, '--transactions', orders, '--customers', customers)
        return project, spend, planted

    def show(self, project):
        return json.loads(run_cli('show', project, '--json').stdout)

    def assignments(self, project):
        out = os.path.join(self.dir, 'assignments.csv')
        run_cli('export', project, '--assignments', out)
        with open(out, encoding='utf-8') as f:
            lines = f.read().splitlines()
        header = lines[0].split(',')
        cust, seg = header.index('customer_id'), header.index('segment')
        return {row.split(',')[cust]: int(row.split(',')[seg]) for row in lines[1:]}

    def check_kinds(self, js):
        segs = js['segments']
        for s in segs:
            for key in ('id', 'name', 'size', 'share', 'revenue', 'revenue_share', 'kind',
                        'is_outliers'):
                self.assertIn(key, s)
            self.assertIn(s['kind'], ('segment', 'top_accounts', 'anomalies'))
            self.assertIs(s['is_outliers'], s['kind'] == 'anomalies')
        kinds = [s['kind'] for s in segs]
        self.assertEqual(kinds.count('segment'), js['k'])
        self.assertLessEqual(kinds.count('top_accounts'), 1)
        self.assertLessEqual(kinds.count('anomalies'), 1)
        # Priority order: top accounts first, anomalies last.
        self.assertEqual([s['priority'] for s in segs], list(range(1, len(segs) + 1)))
        if 'top_accounts' in kinds:
            self.assertEqual(kinds[0], 'top_accounts')
        if 'anomalies' in kinds:
            self.assertEqual(kinds[-1], 'anomalies')
        return {s['kind']: s for s in segs if s['kind'] != 'segment'}

    def test_pareto_without_anomalies(self):
        project, spend, _ = self.project('pareto', seed=1)
        run_cli('segment', project, '--k', '3')
        js = self.show(project)
        apart = self.check_kinds(js)
        top = apart.get('top_accounts')
        self.assertIsNotNone(top, 'a heavy tail has top accounts')
        n = len(spend)
        self.assertLessEqual(top['size'], TOP_CAP * n + 1)
        anomalies = apart.get('anomalies')
        self.assertLessEqual(anomalies['size'] if anomalies else 0, 0.002 * n)
        # The top accounts are the biggest spenders, and hold their revenue share.
        labels = self.assignments(project)
        members = [c for c, s in labels.items() if s == top['id']]
        self.assertEqual(len(members), top['size'])
        others = [spend[c] for c, s in labels.items()
                  if s != top['id'] and (not anomalies or s != anomalies['id'])]
        self.assertGreater(min(spend[c] for c in members), max(others))
        total = sum(spend.values())
        self.assertAlmostEqual(top['revenue'], sum(spend[c] for c in members), delta=0.01 * n)
        self.assertAlmostEqual(top['revenue_share'], top['revenue'] / total, places=6)
        self.assertGreater(top['revenue_share'], 0.3)
        # No top-value group ranked last.
        last = js['segments'][-1]
        self.assertNotEqual(last['kind'], 'top_accounts')
        self.assertLess(last['revenue_share'], top['revenue_share'])

    def test_planted_and_negative(self):
        project, spend, planted = self.project('planted', seed=2, alpha=3.0, planted=0.005,
                                               negative=3)
        run_cli('segment', project, '--k', '3')
        js = self.show(project)
        apart = self.check_kinds(js)
        anomalies = apart['anomalies']
        labels = self.assignments(project)
        flagged = {c for c, s in labels.items() if s == anomalies['id']}
        negatives = {c for c, v in spend.items() if v < 0}
        self.assertEqual(len(negatives), 3)
        self.assertLessEqual(negatives, flagged)
        caught = len(flagged & planted)
        self.assertGreaterEqual(caught, 0.9 * len(planted))
        false_positives = len(flagged - planted - negatives)
        self.assertLessEqual(false_positives, 0.002 * len(spend))
        self.assertLessEqual(len(flagged - negatives), SPEND_ANOMALY_CAP * len(spend) + 1)

    def test_migration(self):
        # A project written before segment kinds: its one set-apart segment (is_outliers)
        # reads as the anomalies, the others as segments.
        project, _, _ = self.project('old', seed=4)
        run_cli('segment', project, '--k', '3', '--outliers', 'off')
        db = sqlite3.connect(project)
        db.execute('UPDATE segments SET is_outliers = 1 WHERE position = 2')
        db.execute('ALTER TABLE segments DROP COLUMN kind')
        # The schema as it was just before the kinds migration (3 → 4 in sc-store.c), without
        # what the later ones add.
        db.execute('ALTER TABLE snapshots DROP COLUMN orders')
        db.execute('DROP TABLE activation_exports')
        db.execute('DROP TABLE hypotheses')
        db.execute('ALTER TABLE snapshot_segments DROP COLUMN kind')
        db.execute('DROP TABLE brief')
        db.execute('DROP TABLE brief_kpis')
        db.execute('DROP TABLE brief_stakeholders')
        db.execute('ALTER TABLE transaction_chunks DROP COLUMN cost')
        db.execute('DROP TABLE rules')
        db.execute('DROP TABLE attribute_conflicts')
        db.execute('DROP TABLE interaction_chunks')
        db.execute('DROP TABLE sources')
        db.execute('ALTER TABLE runs DROP COLUMN data_version')
        db.execute('ALTER TABLE snapshots DROP COLUMN base')
        db.execute('PRAGMA user_version = 3')
        db.commit()
        db.close()
        js = self.show(project)
        kinds = {s['id']: (s['kind'], s['is_outliers']) for s in js['segments']}
        self.assertEqual(kinds, {1: ('segment', False), 2: ('segment', False),
                                 3: ('anomalies', True)})

    def test_off(self):
        project, _, _ = self.project('off', seed=3)
        run_cli('segment', project, '--k', '3', '--outliers', 'off')
        js = self.show(project)
        self.check_kinds(js)
        self.assertEqual({s['kind'] for s in js['segments']}, {'segment'})


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main()
