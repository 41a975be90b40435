#!/usr/bin/python3
# test-cli-mergefix.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of two defects (session 6):

1. A segmentation older than the last customers imported: every command that reads the
   run's labels against the current customers (show, plan, exports, report, playbooks,
   charts, snapshot, assign, drift) works on the run's members only; the customers imported
   later are in no segment until `assign` places them.  The segments' sizes stay those of
   the run's members.  (Under the sanitizer build these read past the labels when they do
   not.)
2. Profit sentences state their amount in the project's currency, like every other money
   figure: "earns EUR 120 gross profit per customer on average".

usage: test-cli-mergefix.py SEGMENTS_CLI [unittest options]

The data are written here from a seed.
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
NBSP = '\u00a0'


def cli(*args, ok=True):
    r = subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=600)
    if ok and r.returncode != 0:
        raise AssertionError(f'{args[0]} failed ({r.returncode}): {r.stderr}')
    return r


def write_orders(path, rng, customers, days, first_order, cost=False):
    """Orders of @customers (ids) over @days days from START; a cost column with @cost, some
    customers sold below cost.  Returns the next order number and the profit per customer."""
    oid = first_order
    profit = {}
    with open(path, 'w', encoding='utf-8') as f:
        f.write('order_id,customer_id,order_date,amount' + (',cost\n' if cost else '\n'))
        for cid in customers:
            big = rng.random() < 0.3
            loss = not big and rng.random() < 0.4
            total = 0.0
            for _ in range(rng.randint(3, 10) if big else rng.randint(1, 3)):
                oid += 1
                day = START + datetime.timedelta(days=rng.randrange(days))
                amount = round(rng.uniform(150, 600) if big else rng.uniform(10, 80), 2)
                if cost:
                    c = round(amount * (rng.uniform(1.5, 2.5) if loss else rng.uniform(0.3, 0.7)), 2)
                    total += amount - c
                    f.write(f'O{oid},{cid},{day},{amount:.2f},{c:.2f}\n')
                else:
                    f.write(f'O{oid},{cid},{day},{amount:.2f}\n')
            profit[cid] = total
    return oid, profit


class ProjectTestCase(unittest.TestCase):
    """A temporary folder for the project and its files."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='segments-cli-mergefix-')
        self.project = os.path.join(self.tmp, 'p.segments')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


class OlderRunTest(ProjectTestCase):
    """Commands on a run computed before the last import added customers."""

    def older_project(self, seed):
        rng = random.Random(seed)
        n_old, n_new = rng.randint(120, 260), rng.randint(20, 150)
        old = [f'C{c:05d}' for c in range(n_old)]
        new = [f'N{c:05d}' for c in range(n_new)]
        first = os.path.join(self.tmp, 'first.csv')
        later = os.path.join(self.tmp, 'later.csv')
        oid, _ = write_orders(first, rng, old, 500, 0)
        # the later file: new customers and more orders of some known ones
        write_orders(later, rng, rng.sample(old, 15) + new, 560, oid)
        cli('import', self.project, '--transactions', first)
        cli('segment', self.project, '--k', rng.randint(3, 5), '--seed', seed)
        before = json.loads(cli('show', self.project, '--json').stdout)
        cli('import', self.project, '--transactions', later)
        return before, set(old), set(new)

    def test_commands_read_the_run_members_only(self):
        for seed in (3, 11, 29):
            with self.subTest(seed=seed):
                self.project = os.path.join(self.tmp, f'p{seed}.segments')
                before, old, new = self.older_project(seed)
                sizes = [s['size'] for s in before['segments']]
                self.assertEqual(sum(sizes), len(old))

                shown = json.loads(cli('show', self.project, '--json').stdout)
                self.assertEqual([s['size'] for s in shown['segments']], sizes)
                cli('plan', self.project, '--json')

                out = os.path.join(self.tmp, 'segments.json')
                cli('export', self.project, '--segments', out)
                with open(out, encoding='utf-8') as f:
                    defs = json.load(f)['segments']
                self.assertEqual(sum(s['size'] for s in defs), len(old))

                out = os.path.join(self.tmp, 'assignments.csv')
                cli('export', self.project, '--assignments', out)
                with open(out, encoding='utf-8') as f:
                    assigned = {row['customer_id'] for row in csv.DictReader(f)}
                self.assertEqual(assigned, old)

                cli('export', self.project, '--preset', 'generic', '-o',
                    os.path.join(self.tmp, 'generic.csv'), '--no-consent-column-ok')
                cli('report', self.project, '-o', os.path.join(self.tmp, 'report.pdf'))
                for kind in ('sizes', 'grid'):
                    cli('chart', self.project, '--kind', kind, '-o',
                        os.path.join(self.tmp, f'{kind}.svg'))

                # assign places the new customers; the drift compares the two states
                cli('snapshot', self.project)
                cli('assign', self.project)
                out = os.path.join(self.tmp, 'assignments2.csv')
                cli('export', self.project, '--assignments', out)
                with open(out, encoding='utf-8') as f:
                    assigned = {row['customer_id'] for row in csv.DictReader(f)}
                self.assertEqual(assigned, old | new)
                cli('drift', self.project)


class ProfitCurrencyTest(ProjectTestCase):
    """Profit sentences carry the project's currency."""

    def test_profit_sentences_in_currency(self):
        rng = random.Random(18)
        customers = [f'C{c:05d}' for c in range(400)]
        orders = os.path.join(self.tmp, 'orders.csv')
        _, profit = write_orders(orders, rng, customers, 500, 0, cost=True)
        cli('import', self.project, '--transactions', orders)
        cli('brief', self.project, '--currency', 'EUR')
        cli('segment', self.project, '--features', 'rfm,profit', '--k', '4')

        out = os.path.join(self.tmp, 'assignments.csv')
        cli('export', self.project, '--assignments', out)
        members = {}
        with open(out, encoding='utf-8') as f:
            for row in csv.DictReader(f):
                members.setdefault(row['segment_name'], []).append(row['customer_id'])
        out = os.path.join(self.tmp, 'segments.json')
        cli('export', self.project, '--segments', out)
        with open(out, encoding='utf-8') as f:
            defs = json.load(f)['segments']

        said = 0
        for s in defs:
            text = s['profile']
            if not re.search(r'[Ee]arns |[Ll]oses ', text):
                continue
            said += 1
            m = re.search(r'(?:[Ee]arns|[Ll]oses) EUR' + NBSP + r'([0-9][0-9,.]*) ', text)
            self.assertIsNotNone(m, text)
            mean = sum(profit[c] for c in members[s['name']]) / len(members[s['name']])
            amount = float(m.group(1).replace(',', ''))
            self.assertAlmostEqual(amount, abs(mean), delta=0.51, msg=text)
            self.assertEqual('oses' in text, mean < 0, text)
        # profit sets these segments apart: some sentence states it
        self.assertGreater(said, 0)


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main()
