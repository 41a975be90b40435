#!/usr/bin/python3
# test-cli-hypothesis.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of tested hypotheses (issue 16): `hypothesis add` states one,
`hypothesis list [--json]` shows them with suggestions from the customer list,
`hypothesis test [--json]` gives each a verdict; bad input exits 2 with a clear message.

usage: test-cli-hypothesis.py SEGMENTS_CLI SOURCE_ROOT [unittest options]

The data are written here from a seed: 800 customers, 200 of them in Retail with order
values twice the others'.
"""

import datetime
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import unittest

CLI = None
EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
END = datetime.date(2025, 6, 30)
FIELDS = {'id', 'statement', 'verdict', 'effect', 'ci_low', 'ci_high', 'p_value',
          'p_adjusted', 'n_group', 'n_rest'}


def run_cli(*args):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=600)


def write_data(directory, seed=7):
    rng = random.Random(seed)
    orders = os.path.join(directory, 'orders.csv')
    customers = os.path.join(directory, 'customers.csv')
    others = ['Software', 'Finance', 'Health']
    with open(orders, 'w', encoding='utf-8') as o, open(customers, 'w', encoding='utf-8') as c:
        o.write('order_id,customer_id,order_date,amount\n')
        c.write('customer_id,industry\n')
        oid = 0
        for i in range(800):
            retail = i < 200
            c.write(f'C{i},{"Retail" if retail else rng.choice(others)}\n')
            value = 80 * math.exp(rng.gauss(0, 0.5)) * (2 if retail else 1)
            for k in range(rng.randint(1, 6)):
                day = END - datetime.timedelta(days=rng.randint(0, 500))
                o.write(f'O{oid},C{i},{day.isoformat()},{value * rng.uniform(0.9, 1.1):.2f}\n')
                oid += 1
    return orders, customers


class HypothesisTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix='segments-cli-hypothesis-')
        cls.dir = cls._tmp.name
        cls.orders, cls.customers = write_data(cls.dir)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def new_project(self, name):
        path = os.path.join(self.dir, name + '.segments')
        r = run_cli('import', path, '--transactions', self.orders, '--customers', self.customers)
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        return path

    def add(self, project, group, metric='spend', direction='higher'):
        return run_cli('hypothesis', 'add', project, '--group', group, '--metric', metric,
                       '--direction', direction)

    def test_add_list_test(self):
        project = self.new_project('planted')
        r = run_cli('hypothesis', 'list', project, '--json')
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        listed = json.loads(r.stdout)
        self.assertEqual(listed['hypotheses'], [])
        # the planted level is what the customer list suggests first
        first = listed['suggestions'][0]
        self.assertEqual(first['group'], 'industry=Retail')
        self.assertEqual(first['direction'], 'higher')
        self.assertIn(first['metric'], ('spend', 'order_value'))
        self.assertGreater(first['effect'], 1.5)

        r = self.add(project, 'industry=retail')
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        first_id = int(r.stdout)
        r = self.add(project, 'industry=Software', 'repeat_rate', 'lower')
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        self.assertGreater(int(r.stdout), first_id)

        r = run_cli('hypothesis', 'list', project)
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        self.assertIn('Customers with industry = Retail have a higher average spend than the '
                      'rest', r.stdout)
        r = run_cli('hypothesis', 'list', project, '--json')
        listed = json.loads(r.stdout)
        self.assertEqual([h['id'] for h in listed['hypotheses']], [first_id, first_id + 1])
        # a stated hypothesis is no longer suggested
        self.assertNotIn(('industry=Retail', 'spend'),
                         [(s['group'], s['metric']) for s in listed['suggestions']])

        r = run_cli('hypothesis', 'test', project, '--json')
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        tested = json.loads(r.stdout)['hypotheses']
        self.assertEqual(len(tested), 2)
        for h in tested:
            self.assertLessEqual(FIELDS, set(h), h)
            self.assertIn(h['verdict'], ('supported', 'not_supported', 'too_few'))
        retail = tested[0]
        self.assertEqual(retail['verdict'], 'supported')
        self.assertEqual((retail['n_group'], retail['n_rest']), (200, 600))
        self.assertLess(retail['ci_low'], 2.0 * 1.25)
        self.assertGreater(retail['ci_low'], 1.0)
        self.assertLessEqual(retail['ci_low'], retail['effect'])
        self.assertLessEqual(retail['effect'], retail['ci_high'])
        self.assertGreaterEqual(retail['p_adjusted'], retail['p_value'])
        self.assertTrue(retail['sentence'].startswith('Supported: customers with industry = '
                                                      'Retail have'), retail['sentence'])
        # the same test gives the same numbers: the bootstrap is seeded
        again = json.loads(run_cli('hypothesis', 'test', project, '--json').stdout)
        self.assertEqual(again['hypotheses'], tested)

        r = run_cli('hypothesis', 'test', project)
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        self.assertIn('Supported: customers with industry = Retail', r.stdout)
        self.assertIn('200 vs 600 customers', r.stdout)

        # the report states them with the same sentences
        pdf = os.path.join(self.dir, 'report.pdf')
        r = run_cli('segment', project, '--k', '3')
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        r = run_cli('report', project, '-o', pdf)
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        text = subprocess.run(['pdftotext', '-layout', pdf, '-'], stdout=subprocess.PIPE,
                              text=True, check=True).stdout
        flat = ' '.join(text.split())
        self.assertIn('Hypotheses', flat)
        self.assertIn('1 supported by the data, 1 not supported', flat)
        self.assertIn('Supported: customers with industry = Retail', flat)

        r = run_cli('hypothesis', 'remove', project, first_id)
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        listed = json.loads(run_cli('hypothesis', 'list', project, '--json').stdout)
        self.assertEqual([h['id'] for h in listed['hypotheses']], [first_id + 1])

    def test_too_few_and_segments(self):
        project = self.new_project('few')
        r = self.add(project, 'segment=Anything')
        self.assertEqual(r.returncode, EXIT_USAGE)
        self.assertIn('no segments yet', r.stderr)
        r = run_cli('segment', project, '--k', '3')
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        segments = json.loads(run_cli('show', project, '--json').stdout)['segments']
        name = segments[0]['name']
        r = self.add(project, f'segment={name.upper()}', 'orders', 'higher')
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        r = self.add(project, 'industry=Retail', 'p_alive', 'higher')
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        tested = json.loads(run_cli('hypothesis', 'test', project, '--json').stdout)
        by_metric = {h['metric']: h for h in tested['hypotheses']}
        self.assertEqual(by_metric['orders']['group'], f'segment={name}')
        self.assertEqual(by_metric['orders']['n_group'] + by_metric['orders']['n_rest'], 800)
        # P(alive) before the value model: no customer has one, so too few to tell
        self.assertEqual(by_metric['p_alive']['verdict'], 'too_few')
        self.assertEqual(by_metric['p_alive']['n_group'], 0)
        self.assertIsNone(by_metric['p_alive']['p_adjusted'])
        self.assertIn('P(alive)', by_metric['p_alive']['sentence'])

    def test_interaction_groups(self):
        # The 200 Retail customers (twice the order value) clicked e-mails; everyone else
        # only visited the web site.  "Customers with an email_click interaction spend more"
        # is then the Retail effect, about 2x.
        project = self.new_project('interactions')
        path = os.path.join(self.dir, 'interactions.csv')
        rng = random.Random(11)
        with open(path, 'w', encoding='utf-8') as f:
            f.write('customer_id,date,type\n')
            for i in range(800):
                kind = 'email_click' if i < 200 else 'web_visit'
                for k in range(rng.randint(1, 3)):
                    day = END - datetime.timedelta(days=rng.randint(0, 300))
                    f.write(f'C{i},{day.isoformat()},{kind}\n')
        r = run_cli('import', project, '--interactions', path)
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)

        self.assertEqual(self.add(project, 'interaction=EMAIL_CLICK').returncode, EXIT_OK)
        r = self.add(project, 'interaction=sms_open')
        self.assertEqual(r.returncode, EXIT_USAGE, r.stderr)
        self.assertIn('No interaction has the type “sms_open”', r.stderr)
        self.assertIn('email_click', r.stderr)

        tested = json.loads(run_cli('hypothesis', 'test', project, '--json').stdout)
        h = tested['hypotheses'][0]
        self.assertIn('email_click', h['statement'])
        self.assertEqual(h['n_group'], 200)
        self.assertEqual(h['n_rest'], 600)
        self.assertEqual(h['verdict'], 'supported')
        self.assertLess(h['ci_low'], 2.0 * 1.02)
        self.assertGreater(h['ci_high'], 2.0 * 0.98)

    def test_bad_input(self):
        project = self.new_project('bad')
        cases = [
            (['--group', 'industry', '--metric', 'spend', '--direction', 'higher'],
             'is not a group'),
            (['--group', 'industry=Retail', '--metric', 'retention', '--direction', 'higher'],
             'unknown metric'),
            (['--group', 'industry=Retail', '--metric', 'spend', '--direction', 'up'],
             'unknown direction'),
            (['--group', 'industry=Retail', '--metric', 'spend'], 'needs --group'),
            (['--group', 'colour=Red', '--metric', 'spend', '--direction', 'higher'],
             'no attribute “colour”'),
            (['--group', 'industry=Mining', '--metric', 'spend', '--direction', 'higher'],
             'No customer has industry = “Mining”'),
        ]
        for args, message in cases:
            r = run_cli('hypothesis', 'add', project, *args)
            self.assertEqual(r.returncode, EXIT_USAGE, (args, r.stderr))
            self.assertIn(message, r.stderr)
        self.assertEqual(self.add(project, 'industry=Retail').returncode, EXIT_OK)
        r = self.add(project, 'industry=Retail')
        self.assertEqual(r.returncode, EXIT_USAGE)
        self.assertIn('already has this hypothesis', r.stderr)

        r = self.add(project, 'interaction=support call')
        self.assertEqual(r.returncode, EXIT_BAD_INPUT)
        self.assertIn('No interactions imported', r.stderr)

        for args in (['hypothesis'], ['hypothesis', 'guess', project],
                     ['hypothesis', 'test'], ['hypothesis', 'remove', project, 'x'],
                     ['hypothesis', 'remove', project, 99]):
            r = run_cli(*args)
            self.assertEqual(r.returncode, EXIT_USAGE, (args, r.stderr))
            self.assertTrue(r.stderr.startswith('segments-cli: '), r.stderr)
        # nothing was added by the failed commands
        listed = json.loads(run_cli('hypothesis', 'list', project, '--json').stdout)
        self.assertEqual(len(listed['hypotheses']), 1)


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    sys.argv.pop(1)
    unittest.main()
