#!/usr/bin/python3
# test-cli-drift.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Drift flags that can be trusted (issue 15, item 7), end to end through segments-cli.

usage: test-cli-drift.py SEGMENTS_CLI [unittest options]

A seeded generator draws a steady business: customers arrive at a constant rate, buy at
their own pace until they drop out (a BG/NBD-like process) and spend around their own mean.
Three consecutive quarters are imported one after the other, the segments are scored after
each, and drift compares the last two quarters (the one before calibrates movement).
  - steady: the same process in every quarter, so at most one seed in twenty may raise a flag;
  - planted: in the last quarter every order of the members of one segment is 30% smaller
    (same orders, same customers), which must be flagged as an order-value drop in every seed;
  - every flag's sentence is rebuilt from the figures of `drift --json` and must be the same.
"""

import csv
import datetime
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

CLI = None
SEEDS = range(1, 21)
QUARTER = 91
HISTORY = 4 * 365                 # days of trading before the first quarter that is compared
START = datetime.date(2020, 1, 1)
N_CUSTOMERS = 5000
PLANTED_FACTOR = 0.7


def run_cli(*args):
    r = subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=600)
    if r.returncode != 0:
        raise AssertionError('segments-cli %s failed (%d):\n%s'
                             % (' '.join(map(str, args)), r.returncode, r.stderr))
    return r.stdout


def generate(seed):
    """Orders (customer, day, amount) of a steady business over HISTORY + 2 quarters."""
    rng = random.Random(seed)
    end = HISTORY + 2 * QUARTER
    orders = []
    for c in range(N_CUSTOMERS):
        day = rng.uniform(0, end)                     # constant arrival rate
        rate = rng.gammavariate(1.2, 1 / 40.0)        # orders per day while active
        drop = rng.betavariate(1.0, 5.0)              # chance to drop out after an order
        mean = math.exp(rng.gauss(math.log(60), 0.5))  # the customer's own order value
        while day < end:
            orders.append((c, int(day), rng.gammavariate(4.0, mean / 4.0)))
            if rng.random() < drop:
                break
            day += rng.expovariate(rate)
    return orders


def write_orders(path, orders, lo, hi, factor=None):
    """Orders with lo <= day < hi; factor maps a customer to its amount factor."""
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['order_id', 'customer_id', 'order_date', 'amount'])
        for n, (c, day, amount) in enumerate(orders):
            if lo <= day < hi:
                if factor is not None:
                    amount *= factor.get(c, 1.0)
                w.writerow(['O%07d' % n, 'C%05d' % c,
                            (START + datetime.timedelta(days=day)).isoformat(),
                            '%.2f' % amount])


def copy_project(src, dst):
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(src + suffix):
            shutil.copyfile(src + suffix, dst + suffix)


def assignments(project, path):
    run_cli('export', project, '--assignments', path)
    with open(path, newline='', encoding='utf-8') as f:
        return {row['customer_id']: row['segment_name'] for row in csv.DictReader(f)}


# -------------------------------------------------------------------------------------------
# The sentences, rebuilt from the figures with the rounding rules of sc-drift-reason.c

def value_text(v):
    if abs(v) >= 100 or v == math.floor(v):
        return '%.0f' % v
    return '%.2f' % v


def feature_value_text(f, v):
    if f == 'recency' or abs(v) >= 100 or v == math.floor(v):
        return '%.0f' % v
    return ('%.2f' if f == 'monetary' else '%.1f') % v


def percent_text(v):
    p = abs(v) * 100
    return ('%.1f' if p < 9.95 else '%.0f') % p


FEATURE_WORDS = {
    'recency': ('The recency of %s is spread differently',
                'The median recency of %s %s from %s to %s days'),
    'frequency': ('The number of orders of %s is spread differently',
                  'The median number of orders of %s %s from %s to %s'),
    'monetary': ('The spend of %s is spread differently',
                 'The median spend of %s %s from %s to %s'),
}


def expected_clauses(s):
    """Every clause the figures of segment s allow, by flag."""
    name = s['name']
    out = {}
    if 'size' in s['flags']:
        verb = 'grew' if s['share_to'] > s['share_from'] else 'shrank'
        out['size'] = ('%s %s from %.1f%% to %.1f%% of customers (%d to %d customers); the '
                       'normal change is within ±%.1f points'
                       % (name, verb, 100 * s['share_from'], 100 * s['share_to'],
                          s['size_from'], s['size_to'], 100 * s['share_normal']))
    if 'revenue' in s['flags']:
        verb = 'rose' if s['revenue_change'] > 0 else 'fell'
        out['revenue'] = ('Revenue of %s in the last 90 days %s %s%% (from %s to %s); the '
                          'normal change is within ±%s%%'
                          % (name, verb, percent_text(s['revenue_change']),
                             value_text(s['revenue_from']), value_text(s['revenue_to']),
                             percent_text(s['revenue_normal'])))
    if 'order_value' in s['flags']:
        verb = 'rose' if s['order_value_change'] > 0 else 'fell'
        out['order_value'] = ('Order value in %s %s %s%% (from %s to %s); the normal change '
                              'is within ±%s%%'
                              % (name, verb, percent_text(s['order_value_change']),
                                 value_text(s['order_value_from']),
                                 value_text(s['order_value_to']),
                                 percent_text(s['order_value_normal'])))
    if 'p_alive' in s['flags']:
        verb = 'rose' if s['p_alive_to'] > s['p_alive_from'] else 'fell'
        out['p_alive'] = ('The mean P(alive) of %s %s from %.2f to %.2f; the normal change '
                          'is within ±%.2f' % (name, verb, s['p_alive_from'], s['p_alive_to'],
                                               s['p_alive_normal']))
    if 'left' in s['flags']:
        out['left'] = ('%s%% of the members of %s moved to other segments; %s%% did in the '
                       'period before, and up to %s%% is normal'
                       % (percent_text(s['left_share']), name, percent_text(s['left_before']),
                          percent_text(s['left_normal'])))
    if 'psi' in s['flags'] or 'shift' in s['flags']:
        for f, (spread, median) in FEATURE_WORDS.items():
            psi = s['psi'][f]
            if 'psi' in s['flags'] and psi is not None and psi > s['psi_normal']:
                why = 'PSI %.2f; normal is below %.2f' % (psi, s['psi_normal'])
            else:
                why = ('the members moved %.2f standard units; normal is below %.2f'
                       % (s['centroid_shift'], s['shift_normal']))
            a = feature_value_text(f, s['median_from'][f])
            b = feature_value_text(f, s['median_to'][f])
            if a == b:
                text = spread % name
            else:
                verb = 'rose' if s['median_to'][f] > s['median_from'][f] else 'fell'
                text = median % (name, verb, a, b)
            out['feature:' + f] = '%s (%s)' % (text, why)
    return out


class DriftCalibrationTests(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix='segments-drift-test-')
        cls.results = {}
        for seed in SEEDS:
            cls.results[seed] = cls.run_seed(os.path.join(cls._tmp.name, str(seed)), seed)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    @staticmethod
    def run_seed(work, seed):
        os.makedirs(work)
        orders = generate(seed)
        q1, q2, q3 = (os.path.join(work, 'q%d.csv' % i) for i in (1, 2, 3))
        write_orders(q1, orders, 0, HISTORY)
        write_orders(q2, orders, HISTORY, HISTORY + QUARTER)
        write_orders(q3, orders, HISTORY + QUARTER, HISTORY + 2 * QUARTER)

        base = os.path.join(work, 'base.segments')
        run_cli('import', base, '--transactions', q1)
        run_cli('segment', base, '--k', '4', '--seed', '1')
        run_cli('import', base, '--transactions', q2)
        run_cli('assign', base)

        steady = os.path.join(work, 'steady.segments')
        copy_project(base, steady)
        run_cli('import', steady, '--transactions', q3)
        run_cli('assign', steady)
        steady_drift = json.loads(run_cli('drift', steady, '--json'))
        members = assignments(steady, os.path.join(work, 'steady.csv'))

        # The planted segment: the clustered segment with the most orders in the last quarter.
        candidates = [s for s in steady_drift['segments']
                      if not s['is_outliers'] and s['orders_to'] is not None]
        target = max(candidates, key=lambda s: s['orders_to'])['name']
        factor = {int(c[1:]): PLANTED_FACTOR for c, name in members.items() if name == target}
        q3p = os.path.join(work, 'q3-planted.csv')
        write_orders(q3p, orders, HISTORY + QUARTER, HISTORY + 2 * QUARTER, factor)
        planted = os.path.join(work, 'planted.segments')
        copy_project(base, planted)
        run_cli('import', planted, '--transactions', q3p)
        run_cli('assign', planted)
        planted_drift = json.loads(run_cli('drift', planted, '--json'))
        return {'steady': steady_drift, 'planted': planted_drift, 'target': target}

    def test_steady_quarters_stay_quiet(self):
        flagged = {seed: [(s['name'], s['flags']) for s in r['steady']['segments'] if s['flagged']]
                   for seed, r in self.results.items()}
        noisy = {seed: f for seed, f in flagged.items() if f}
        self.assertLessEqual(len(noisy), len(SEEDS) // 20,
                             'steady quarters flagged in %d of %d seeds: %r'
                             % (len(noisy), len(SEEDS), noisy))

    def test_movement_is_calibrated_on_the_quarter_before(self):
        for seed, r in self.results.items():
            judged = [s for s in r['steady']['segments']
                      if s['size_from'] >= r['steady']['thresholds']['min_members']
                      and s['from'] is not None and s['to'] is not None]
            self.assertTrue(judged)
            for s in judged:
                self.assertIsNotNone(s['left_before'], (seed, s['name']))
                self.assertGreater(s['left_normal'], s['left_before'])

    def test_planted_order_value_drop_is_flagged(self):
        for seed, r in self.results.items():
            seg = next(s for s in r['planted']['segments'] if s['name'] == r['target'])
            self.assertIn('order_value', seg['flags'], (seed, seg))
            self.assertLess(seg['order_value_change'], -seg['order_value_normal'])
            steady = next(s for s in r['steady']['segments'] if s['name'] == r['target'])
            self.assertLess(abs(seg['size_to'] - steady['size_to']), 0.05 * steady['size_to'],
                            'the plant keeps the segment\'s size')
            self.assertIn('Order value in %s fell' % r['target'], seg['reason'])

    def test_sentences_state_the_figures(self):
        n_checked = 0
        for seed, r in self.results.items():
            for kind in ('steady', 'planted'):
                for s in r[kind]['segments']:
                    self.assertEqual(s['flagged'], bool(s['flags']))
                    if not s['flagged'] or s['flags'] in (['new'], ['gone']):
                        continue
                    allowed = expected_clauses(s)
                    clauses = s['reason'].split('. ')
                    self.assertLessEqual(len(clauses), 2)
                    for clause in clauses:
                        self.assertIn(clause, allowed.values(), (seed, kind, s['reason']))
                        n_checked += 1
        self.assertGreaterEqual(n_checked, len(SEEDS))


def main():
    global CLI
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    CLI = os.path.abspath(sys.argv[1])
    os.environ['LC_ALL'] = 'C.UTF-8'
    os.environ.pop('LANGUAGE', None)
    unittest.main(argv=[sys.argv[0]] + sys.argv[2:], verbosity=2)


if __name__ == '__main__':
    main()
