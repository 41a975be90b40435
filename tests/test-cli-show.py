#!/usr/bin/python3
# test-cli-show.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of `segments-cli show` (issue 15): the heading says how k was chosen
(the range and the stored explanation's short form, or "fixed"), unstable segments are
flagged, and a table without value or potential says why in a line after it instead of
dashes; `show --json` keeps its fields.

usage: test-cli-show.py SEGMENTS_CLI [unittest options]

Data are written here from seeds: planted groups far apart, uniform noise, and a handful of
customers too few for the value model.
"""

import datetime
import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unittest

CLI = None

# The planted groups of test-cli-validate.py: write_groups() and FIVE, five groups far apart.
_spec = importlib.util.spec_from_file_location(
    'cli_validate', os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                 'test-cli-validate.py'))
_validate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_validate)
write_groups, FIVE, END = _validate.write_groups, _validate.FIVE, _validate.END
HEADING = re.compile(r'^\d+ segments \((.*)\), as of \d{4}-\d\d-\d\d; silhouette')
# Short forms of sc_validation_explain()'s first sentence, by how k was chosen.
SHORT = {
    'the most distinct split of': 'the most distinct split',
    'would be more distinct': 'the most distinct split that passes every check',
    'The data do not support': 'the data support fewer distinct groups, a rough guide',
}


def run_cli(*args):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=600)


def write_noise(path, n, seed):
    """Customers with no structure: orders, days and amounts uniform."""
    rng = random.Random(seed)
    with open(path, 'w', encoding='utf-8') as f:
        f.write('order_id,customer_id,order_date,amount\n')
        oid = 0
        for c in range(n):
            for _ in range(rng.randint(1, 6)):
                day = END - datetime.timedelta(days=rng.randrange(730))
                f.write(f'N{oid},N{c},{day.isoformat()},{rng.uniform(20, 120):.2f}\n')
                oid += 1



def money(v):
    """An amount as the shared formatter writes it without a currency: whole from 100 up,
    else two decimals unless whole; grouped digits."""
    whole = abs(v) >= 100 or abs(v - round(v)) < 1e-6 * max(1.0, abs(v))
    return f'{v:,.0f}' if whole else f'{v:,.2f}'

class ShowTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix='segments-cli-show-')
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def ok(self, *args):
        r = run_cli(*args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def project(self, name, csv_path):
        project = os.path.join(self.dir, name)
        self.ok('import', project, '--transactions', csv_path)
        return project

    def heading(self, project):
        for line in self.ok('show', project).splitlines():
            m = HEADING.match(line)
            if m:
                return m.group(1)
        self.fail('no heading in show')

    def table_rows(self, text):
        lines = text.splitlines()
        start = next(i for i, l in enumerate(lines) if l.startswith('Rank '))
        rows = []
        for line in lines[start + 1:]:
            if not re.match(r'^\d+ ', line):
                break
            rows.append(line)
        return rows, lines

    def test_automatic_k_says_how(self):
        csv_path = os.path.join(self.dir, 'five.csv')
        write_groups(csv_path, FIVE, 120, seed=3)
        project = self.project('five.segments', csv_path)
        self.ok('segment', project, '--k-range', '3..7')
        val = json.loads(self.ok('validate', project, '--json'))
        heading = self.heading(project)
        self.assertNotIn('silhouette', heading)
        m = re.match(r'^k = (\d+) chosen from 3 to 7: (.+)$', heading)
        self.assertIsNotNone(m, heading)
        self.assertEqual(int(m.group(1)), val['chosen_k'])
        expected = [short for key, short in SHORT.items() if key in val['explanation']]
        self.assertEqual(len(expected), 1, val['explanation'])
        self.assertEqual(m.group(2), expected[0])

    def test_fixed_k(self):
        csv_path = os.path.join(self.dir, 'five.csv')
        write_groups(csv_path, FIVE, 60, seed=4)
        project = self.project('fixed.segments', csv_path)
        self.ok('segment', project, '--k', '4')
        self.assertEqual(self.heading(project), 'k = 4, fixed')

    def test_unstable_segments_flagged(self):
        # Noise split into many segments: some are not found again when resampled. Planted
        # groups: none is unstable, and none is flagged.
        noise = os.path.join(self.dir, 'noise.csv')
        write_noise(noise, 1200, seed=8)
        planted = os.path.join(self.dir, 'five.csv')
        write_groups(planted, FIVE, 80, seed=5)
        n_flagged = {}
        for name, path, k in (('noise', noise, 8), ('planted', planted, 5)):
            project = self.project(name + '.segments', path)
            self.ok('segment', project, '--k', k, '--outliers', 'off')
            val = json.loads(self.ok('validate', project, '--json'))
            text = self.ok('show', project)
            flagged = re.findall(r'^Unstable: (.+) \(stability (\d\.\d\d), below 0\.6\) is not '
                                 r'reliably found again', text, re.M)
            unstable = {(s['name'], f"{s['stability']:.2f}") for s in val['segments']
                        if s['unstable']}
            self.assertEqual(set(flagged), unstable)
            n_flagged[name] = len(flagged)
        self.assertGreater(n_flagged['noise'], 0)
        self.assertEqual(n_flagged['planted'], 0)

    def test_value_only_says_why(self):
        csv_path = os.path.join(self.dir, 'tiny.csv')
        write_groups(csv_path, [(3, 50.0, 30), (1, 400.0, 200)], 6, seed=6)
        project = self.project('tiny.segments', csv_path)
        self.ok('segment', project, '--k', '2', '--outliers', 'off')

        # No model yet: the table has no placeholders, and the line says what to run.
        text = self.ok('show', project)
        rows, lines = self.table_rows(text)
        self.assertEqual(len(rows), 2)
        for row in rows:
            self.assertNotIn('–', row)
        self.assertIn('No customer value model yet: fit one with “segments-cli clv”', text)

        clv = json.loads(self.ok('clv', project, '--json'))
        self.assertFalse(clv['potential'])
        note = clv['potential_note']
        self.assertTrue(note)
        text = self.ok('show', project)
        rows, lines = self.table_rows(text)
        shown = json.loads(self.ok('show', project, '--json'))
        for row, seg in zip(rows, shown['segments']):
            self.assertNotIn('–', row)
            self.assertIsNotNone(seg['value'])
            self.assertIsNone(seg['potential'])
            # The value is printed; the potential cell stays empty.
            self.assertIn(money(seg['value']), row)
        after = lines[lines.index(rows[-1]) + 1]
        self.assertEqual(after, f'Value only — not enough data to estimate potential: {note}. '
                                'Segments are placed by current value only.')

    def test_json_keeps_its_fields(self):
        csv_path = os.path.join(self.dir, 'five.csv')
        write_groups(csv_path, FIVE, 60, seed=7)
        project = self.project('json.segments', csv_path)
        self.ok('segment', project, '--k', '5')
        shown = json.loads(self.ok('show', project, '--json'))
        self.assertEqual(shown['k'], 5)
        priorities = []
        for s in shown['segments']:
            for key in ('id', 'name', 'size', 'share', 'revenue', 'revenue_share', 'kind',
                        'priority', 'is_outliers', 'value', 'potential', 'quadrant'):
                self.assertIn(key, s)
            self.assertIn(s['kind'], ('segment', 'top_accounts', 'anomalies'))
            self.assertEqual(s['is_outliers'], s['kind'] == 'anomalies')
            priorities.append(s['priority'])
        self.assertEqual(priorities, sorted(priorities))


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
