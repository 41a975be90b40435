#!/usr/bin/python3
# test-cli-validate.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of choosing k and validating segments (issue 15): `segment` with
--k auto|N, --k-range and --min-share prints the table of k tried and why; `validate
[--json]` reports the choice, each segment's stability and distinguishing features and the
look-alike pairs.

usage: test-cli-validate.py SEGMENTS_CLI SOURCE_ROOT [unittest options]

Data are planted groups written here from seeds, and the project's own generator
(../shared/bench/gen_transactions.py, skipped when it or numpy is missing).
"""

import datetime
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unittest

CLI = None
SOURCE_ROOT = None
EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
END = datetime.date(2025, 6, 30)
TABLE_LINE = re.compile(r'^(→| ) +(\d+) +(-?\d+\.\d{3}) +(\d+\.\d)% +(\d\.\d\d|not measured)$')


def run_cli(*args, timeout=600):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=timeout)


def write_groups(path, groups, per_group, seed):
    """Orders of planted groups: each group is (orders, spend per order, days since the last
    order), every customer within 10% of it."""
    rng = random.Random(seed)
    with open(path, 'w', encoding='utf-8') as f:
        f.write('order_id,customer_id,order_date,amount\n')
        oid = 0
        for g, (orders, spend, recency) in enumerate(groups):
            for c in range(per_group):
                last = END - datetime.timedelta(days=round(recency * rng.uniform(0.9, 1.1)))
                for o in range(orders):
                    day = last - datetime.timedelta(days=7 * o)
                    amount = spend * rng.uniform(0.9, 1.1)
                    f.write(f'O{oid},G{g}C{c},{day.isoformat()},{amount:.2f}\n')
                    oid += 1


# Five groups far apart in (recency, orders, spend) on the log scale segmenting uses.
FIVE = [(1, 20.0, 600), (1, 900.0, 20), (12, 40.0, 5), (4, 250.0, 250), (30, 1500.0, 90)]


def find_generator():
    for base in (os.path.join(SOURCE_ROOT, '..', 'shared'),
                 os.path.join(SOURCE_ROOT, '..', '..', 'shared')):
        path = os.path.join(base, 'bench', 'gen_transactions.py')
        if os.path.exists(path):
            return os.path.abspath(path)
    return None


class ValidateTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix='segments-cli-validate-')
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def cli_ok(self, *args):
        r = run_cli(*args)
        self.assertEqual(r.returncode, EXIT_OK,
                         f'segments-cli {" ".join(map(str, args))} failed:\n{r.stderr}')
        return r

    def cli_fails(self, expected, *args):
        r = run_cli(*args)
        self.assertEqual(r.returncode, expected, f'{args}: {r.stdout}\n{r.stderr}')
        self.assertTrue(r.stderr.strip(), 'a failure must say why on stderr')
        self.assertNotIn('CRITICAL', r.stderr)
        return r

    def project_from(self, csv_path):
        project = self.path('p.segments')
        self.cli_ok('import', project, '--transactions', csv_path)
        return project

    def planted(self, groups=FIVE, per_group=150, seed=1):
        csv_path = self.path('orders.csv')
        write_groups(csv_path, groups, per_group, seed)
        return self.project_from(csv_path)

    def validate_json(self, project):
        r = self.cli_ok('validate', project, '--json')
        js = json.loads(r.stdout)   # one object, nothing else on stdout
        self.assertIsInstance(js, dict)
        for key in ('k_table', 'chosen_k', 'segments', 'merge_suggestions'):
            self.assertIn(key, js)
        for row in js['k_table']:
            self.assertEqual(set(row) >= {'k', 'silhouette', 'smallest_share', 'stability'},
                             True, row)
            self.assertTrue(-1 <= row['silhouette'] <= 1)
            self.assertTrue(0 < row['smallest_share'] <= 1)
        for s in js['segments']:
            for key in ('id', 'name', 'stability', 'distinct_features'):
                self.assertIn(key, s)
            if s['stability'] is not None:
                self.assertTrue(0 <= s['stability'] <= 1, s)
                self.assertEqual(s['unstable'], s['stability'] < 0.6)
            for f in s['distinct_features']:
                self.assertIn(f['feature'], ('recency', 'frequency', 'monetary'))
                self.assertGreaterEqual(f['effect_size'], 0.5)
                self.assertIn(f['direction'], ('higher', 'lower', 'between'))
        ids = {s['id'] for s in js['segments']}
        for m in js['merge_suggestions']:
            self.assertIn(m['a'], ids)
            self.assertIn(m['b'], ids)
            self.assertLess(m['a'], m['b'])
            self.assertTrue(m['reason'].strip())
        return js

    def show_json(self, project):
        return json.loads(self.cli_ok('show', project, '--json').stdout)

    def check_table_printed(self, out, js):
        """The choice table of segment and validate: a line per k tried with its figures,
        an arrow at the chosen one."""
        self.assertIn('Silhouette', out)
        self.assertIn('Smallest segment', out)
        lines = {}
        for line in out.splitlines():
            m = TABLE_LINE.match(line)
            if m:
                lines[int(m.group(2))] = m
        self.assertEqual(sorted(lines), [row['k'] for row in js['k_table']], out)
        for row in js['k_table']:
            m = lines[row['k']]
            self.assertEqual(m.group(1) == '→', row['k'] == js['chosen_k'], m.group(0))
            self.assertAlmostEqual(float(m.group(3)), row['silhouette'], delta=0.0006)
            self.assertAlmostEqual(float(m.group(4)), 100 * row['smallest_share'], delta=0.06)
            if row['stability'] is not None:
                self.assertAlmostEqual(float(m.group(5)), row['stability'], delta=0.006)


class ChoosingK(ValidateTestCase):

    def test_planted_five(self):
        project = self.planted()
        r = self.cli_ok('segment', project, '--outliers', 'off', '--seed', '3')
        js = self.validate_json(project)
        self.assertEqual(js['chosen_k'], 5)
        self.assertEqual([row['k'] for row in js['k_table']], [3, 4, 5, 6])
        self.assertEqual(len(js['segments']), 5)
        for s in js['segments']:
            self.assertGreaterEqual(s['stability'], 0.95, s)
            self.assertTrue(s['distinct_features'], f'{s["name"]} stands out on nothing')
        self.assertEqual(js['merge_suggestions'], [])
        self.check_table_printed(r.stdout, js)
        self.assertIn('5 segments: the most distinct split of the 3 to 6 tried', r.stdout)

    def test_range_and_fixed_k(self):
        project = self.planted(seed=2)
        self.cli_ok('segment', project, '--outliers', 'off', '--k-range', '2..3')
        js = self.validate_json(project)
        self.assertEqual([row['k'] for row in js['k_table']], [2, 3])
        self.assertIn(js['chosen_k'], (2, 3))
        self.assertEqual(self.show_json(project)['k'], js['chosen_k'])

        r = self.cli_ok('segment', project, '--outliers', 'off', '--k', '4')
        js = self.validate_json(project)
        self.assertEqual(js['chosen_k'], 4)
        self.assertEqual([row['k'] for row in js['k_table']], [4])
        self.assertIn('set by hand', r.stdout)

    def test_min_share_no_k_passes(self):
        # No split of five equal groups into 3 or more has every segment at 40%.
        project = self.planted(seed=3)
        r = self.cli_ok('segment', project, '--outliers', 'off', '--min-share', '40')
        self.assertIn('The data do not support 3 or more distinct groups', r.stdout)
        js = self.validate_json(project)
        self.assertTrue(all(row['smallest_share'] < 0.4 for row in js['k_table']))

    def test_bad_options(self):
        project = self.planted(seed=4)
        for bad in ('1..3', '5..4', '2..11', '3', 'a..b', '3..'):
            r = self.cli_fails(EXIT_USAGE, 'segment', project, '--k-range', bad)
            self.assertIn('--k-range', r.stderr)
        for bad in ('-1', '60', 'x', '2%%'):
            r = self.cli_fails(EXIT_USAGE, 'segment', project, '--min-share', bad)
            self.assertIn('--min-share', r.stderr)
        self.cli_ok('segment', project, '--min-share', '2.5%', '--outliers', 'off')

    def test_validate_without_segments(self):
        project = self.planted(seed=5)
        self.cli_fails(EXIT_BAD_INPUT, 'validate', project)
        self.cli_fails(EXIT_USAGE, 'validate')

    def test_look_alikes(self):
        # Three groups far apart, six segments asked for: each group is halved into two
        # segments that look alike, and merging them is suggested.
        groups = [(1, 20.0, 600), (12, 40.0, 5), (30, 1500.0, 90)]
        project = self.planted(groups=groups, per_group=200, seed=6)
        self.cli_ok('segment', project, '--outliers', 'off', '--k', '6')
        js = self.validate_json(project)
        self.assertGreaterEqual(len(js['merge_suggestions']), 1)
        r = self.cli_ok('validate', project)
        self.assertIn('Merge?', r.stdout)


class GeneratedData(ValidateTestCase):

    def test_gen_transactions_20000(self):
        generator = find_generator()
        if generator is None:
            self.skipTest('../shared/bench/gen_transactions.py not found')
        gen = subprocess.run(['/usr/bin/python3', generator, '20000', self.dir],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if gen.returncode != 0 and 'numpy' in gen.stderr:
            self.skipTest('the generator needs numpy')
        self.assertEqual(gen.returncode, 0, gen.stderr)
        project = self.project_from(self.path('transactions.csv'))

        r = self.cli_ok('segment', project)
        js = self.validate_json(project)
        show = self.show_json(project)
        clusters = [s for s in show['segments'] if s['kind'] == 'segment']
        self.assertTrue(3 <= js['chosen_k'] <= 6, js['chosen_k'])
        self.assertEqual(len(clusters), js['chosen_k'])
        for s in clusters:
            self.assertGreaterEqual(s['share'], 0.02, s)
        self.check_table_printed(r.stdout, js)

        r = self.cli_ok('validate', project)
        self.check_table_printed(r.stdout, js)
        self.assertIn('What sets it apart', r.stdout)
        for s in js['segments']:
            self.assertIn(s['name'], r.stdout)


if __name__ == '__main__':
    CLI = os.path.abspath(sys.argv[1])
    SOURCE_ROOT = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)
