#!/usr/bin/python3
# test-cli-profit-features.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Segments built on profit (issue 18), end to end: `segment --features profit`, alone and
mixed with rfm, value and engagement; the errors when cost is unknown for the whole project
or for too many customers; customers without a known profit placed, counted and reported
(never counted as zero); and a planted unprofitable group that only a profit-aware run
separates and names ("… at a loss", "unprofitable: loses …").  Every expected figure is
computed here from the generated files.

usage: test-cli-profit-features.py SEGMENTS_CLI [unittest options]
"""

import csv
import datetime
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

CLI = None
START = datetime.date(2024, 1, 1)
END = datetime.date(2025, 6, 30)


def cli(*args, ok=True):
    r = subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=600)
    if ok and r.returncode != 0:
        raise AssertionError(f'{args[0]} failed ({r.returncode}): {r.stderr}')
    return r


def planted_data(directory, seed, n=600, no_cost=0):
    """Orders with a cost column.  40 % buy often and much; the others buy a little and
    rarely, and half of them (the planted group) are sold below cost: the same orders, the
    same spend, but a cost above the amount.  By orders alone the planted customers look
    like the other small buyers.  The last @no_cost customers have no cost on any line.
    Returns the file, the planted ids, the ids without a cost and the profit per customer
    (None where unknown)."""
    rng = random.Random(seed)
    n_days = (END - START).days + 1
    planted, unknown, profit = set(), set(), {}
    rows = []
    oid = 0
    for c in range(n):
        cid = f'C{c:05d}'
        big = rng.random() < 0.4
        loss = not big and rng.random() < 0.5
        has_cost = c < n - no_cost
        if loss and has_cost:
            planted.add(cid)
        if not has_cost:
            unknown.add(cid)
        total = 0.0
        for _ in range(rng.randint(4, 12) if big else rng.randint(1, 3)):
            oid += 1
            day = START + datetime.timedelta(days=rng.randrange(n_days))
            amount = round(rng.uniform(100, 500) if big else rng.uniform(10, 60), 2)
            cost = round(amount * (rng.uniform(1.6, 2.4) if loss else rng.uniform(0.4, 0.7)), 2)
            if has_cost:
                total += amount - cost
            rows.append(f'O{oid},{cid},{day},{amount:.2f},{cost:.2f}' if has_cost
                        else f'O{oid},{cid},{day},{amount:.2f},')
        profit[cid] = total if has_cost else None
    path = os.path.join(directory, 'orders.csv')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('order_id,customer_id,order_date,amount,cost\n')
        f.write('\n'.join(rows) + '\n')
    return path, planted, unknown, profit


def assignments(tmp, project):
    out = os.path.join(tmp, 'assignments.csv')
    cli('export', project, '--assignments', out)
    with open(out, encoding='utf-8') as f:
        return {row['customer_id']: row['segment_name'] for row in csv.DictReader(f)}


def by_segment(tmp, project):
    members = {}
    for cust, name in assignments(tmp, project).items():
        members.setdefault(name, set()).add(cust)
    return members


def best_match(members_by_segment, planted):
    """The segment holding most planted customers: (recall, purity, name) of it."""
    best = (0.0, 0.0, None)
    for name, members in members_by_segment.items():
        hit = len(members & planted)
        if hit and hit / len(planted) > best[0]:
            best = (hit / len(planted), hit / len(members), name)
    return best


def amount_of(text):
    """The number in "loses 1,234 per customer" (grouping commas or spaces dropped)."""
    return float(re.sub(r'[^0-9.]', '', text))


class ProfitFeaturesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='segments-profit-features-')
        self.project = os.path.join(self.tmp, 'p.segments')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_no_cost_is_a_clear_error(self):
        path = os.path.join(self.tmp, 'orders.csv')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('order_id,customer_id,order_date,amount\n')
            for i in range(60):
                f.write(f'O{i},C{i % 20:03d},2025-0{1 + i % 6}-1{i % 10},{10 + i}.50\n')
        cli('import', self.project, '--transactions', path)
        cli('segment', self.project)
        before = json.loads(cli('show', self.project, '--json').stdout)
        for features in ('profit', 'rfm,profit', 'value,profit', 'rfm,engagement,profit'):
            with self.subTest(features=features):
                r = cli('segment', self.project, '--features', features, ok=False)
                self.assertNotEqual(r.returncode, 0)
                if features == 'value,profit':
                    # the value model is asked for first; either names what is missing
                    self.assertRegex(r.stderr, 'value model|no cost or margin data')
                elif 'engagement' in features:
                    self.assertRegex(r.stderr, 'no interactions|no cost or margin data')
                else:
                    self.assertIn('no cost or margin data', r.stderr)
                    self.assertIn('--margin', r.stderr)
                    self.assertIn('cost=COLUMN', r.stderr)
        # nothing changed: the failed runs left the current segmentation alone
        after = json.loads(cli('show', self.project, '--json').stdout)
        self.assertEqual(after['features'], ['rfm'])
        self.assertEqual([s['size'] for s in after['segments']],
                         [s['size'] for s in before['segments']])
        # a project-wide margin makes profit known for every line
        cli('profit', self.project, '--margin', '30')
        cli('segment', self.project, '--features', 'rfm,profit', '--k', '2')
        shown = json.loads(cli('show', self.project, '--json').stdout)
        self.assertEqual(shown['features'], ['rfm', 'profit'])
        self.assertIn('profit', shown['feature_columns'])

    def test_too_few_known_profits(self):
        path, _, unknown, _ = planted_data(self.tmp, 5, n=200, no_cost=197)
        cli('import', self.project, '--transactions', path)
        r = cli('segment', self.project, '--features', 'rfm,profit', ok=False)
        self.assertNotEqual(r.returncode, 0)
        m = re.search(r'Only (\d+) customers have orders and a known profit', r.stderr)
        self.assertIsNotNone(m, r.stderr)
        # top accounts and anomalies are set apart first: at most the 3 with a cost remain
        self.assertLessEqual(int(m.group(1)), 200 - len(unknown))

    def test_unknown_profit_is_placed_and_counted(self):
        path, _, unknown, profit = planted_data(self.tmp, 7, no_cost=45)
        cli('import', self.project, '--transactions', path)
        for features, other in (('rfm,profit', True), ('profit', False)):
            with self.subTest(features=features):
                r = cli('segment', self.project, '--features', features, '--outliers', 'off')
                n = len(unknown)
                self.assertIn(f'{n} customers have no known profit', r.stdout)
                if other:
                    self.assertIn('by the other features', r.stdout)
                else:
                    self.assertIn('nearest the average profit', r.stdout)
                placed = assignments(self.tmp, self.project)
                # every customer is in a segment, the unknown ones too
                self.assertTrue(unknown <= set(placed))
                # segment profit sums only known profits: never a zero for the unknown
                shown = json.loads(cli('show', self.project, '--json').stdout)
                for s in shown['segments']:
                    members = {c for c, name in placed.items() if name == s['name']}
                    known = [profit[c] for c in members if profit[c] is not None]
                    if known:
                        self.assertAlmostEqual(s['profit'], sum(known), delta=0.01 * len(known))

    def test_planted_unprofitable_group(self):
        for seed in (1, 2, 3):
            with self.subTest(seed=seed):
                tmp = tempfile.mkdtemp(dir=self.tmp)
                project = os.path.join(tmp, 'p.segments')
                path, planted, _, profit = planted_data(tmp, seed)
                cli('import', project, '--transactions', path)

                cli('segment', project, '--features', 'rfm')
                members = by_segment(tmp, project)
                recall, purity, _ = best_match(members, planted)
                self.assertFalse(recall >= 0.8 and purity >= 0.8,
                                 f'an RFM-only run found the planted group ({recall}, {purity})')
                self.assertFalse(any('at a loss' in n for n in members))

                cli('segment', project, '--features', 'rfm,profit')
                shown = json.loads(cli('show', project, '--json').stdout)
                self.assertEqual(shown['features'], ['rfm', 'profit'])
                members = by_segment(tmp, project)
                recall, purity, name = best_match(members, planted)
                self.assertGreaterEqual(recall, 0.8)
                self.assertGreaterEqual(purity, 0.8)
                self.assertIn('at a loss', name)

                # names and profiles say only what the figures bear out
                out = os.path.join(tmp, 'segments.json')
                cli('export', project, '--segments', out)
                with open(out, encoding='utf-8') as f:
                    defs = json.load(f)['segments']
                for s in defs:
                    known = [profit[c] for c in members.get(s['name'], ())
                             if profit[c] is not None]
                    if not known:
                        continue
                    mean = sum(known) / len(known)
                    self.assertEqual('at a loss' in s['name'], mean < 0, s['name'])
                    m = re.search(r'[Ll]oses ([0-9][0-9,. ]*) per customer', s['profile'])
                    if m:
                        self.assertLess(mean, 0)
                        self.assertAlmostEqual(amount_of(m.group(1)), -mean, delta=0.51)
                    m = re.search(r'[Ee]arns ([0-9][0-9,. ]*) gross profit', s['profile'])
                    if m:
                        self.assertGreaterEqual(mean, 0)
                        self.assertAlmostEqual(amount_of(m.group(1)), mean, delta=0.51)
                    self.assertEqual('nprofitable' in s['profile'], mean < 0, s['profile'])

                # the mixes with the other sets are accepted where their data exist
                cli('segment', project, '--features', 'profit')
                self.assertEqual(json.loads(cli('show', project, '--json').stdout)['features'],
                                 ['profit'])


if __name__ == '__main__':
    CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main()
