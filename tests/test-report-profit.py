#!/usr/bin/python3
# test-report-profit.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The report's Profit and Rule segments sections (issue 18), read back with pdftotext from
the A4 report and the slides: gross profit, order lines without a cost, unprofitable
customers and each segment's profit and share as computed here from the generated files and
as `show --json` gives them; the rule segments' customers counted here from the customer
list; neither section without cost data or rules.

usage: test-report-profit.py SEGMENTS_CLI [unittest options]
"""

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
END = datetime.date(2025, 6, 30)
INDUSTRIES = ['Retail', 'Manufacturing', 'Public Sector']


def run_cli(*args):
    result = subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, timeout=600)
    if result.returncode != 0:
        raise AssertionError(f'{args}: {result.stderr}')
    return result.stdout


def number(text):
    return float(text.replace(',', ''))


def write_data(folder, seed, with_cost):
    """Orders (with a cost on most lines) and a customer list; returns what the report
    should say, computed from them."""
    rng = random.Random(seed)
    orders = os.path.join(folder, 'orders.csv')
    customers = os.path.join(folder, 'customers.csv')
    profit, unknown_lines, industry = {}, 0, {}
    with open(orders, 'w', encoding='utf-8') as f:
        f.write('order_id,customer_id,order_date,amount' + (',cost' if with_cost else '') + '\n')
        oid = 0
        for c in range(300):
            group = c % 3
            for _ in range(rng.randint(1, 3 + 4 * group)):
                day = END - datetime.timedelta(days=rng.randint(0, 200 + 300 * (2 - group)))
                amount = round(rng.uniform(10, 100 + 400 * group), 2)
                extra = ''
                if with_cost:
                    if rng.random() < 0.08:
                        unknown_lines += 1
                        extra = ','
                    else:
                        cost = round(amount * rng.uniform(0.4, 1.25), 2)
                        profit[f'C{c}'] = profit.get(f'C{c}', 0.0) + amount - cost
                        extra = f',{cost}'
                f.write(f'O{oid},C{c},{day.isoformat()},{amount}{extra}\n')
                oid += 1
    with open(customers, 'w', encoding='utf-8') as f:
        f.write('customer_id,industry\n')
        for c in range(300):
            industry[f'C{c}'] = rng.choice(INDUSTRIES)
            f.write(f'C{c},{industry[f"C{c}"]}\n')
    return orders, customers, {
        'total': sum(profit.values()),
        'unknown_lines': unknown_lines,
        'unprofitable': sum(1 for p in profit.values() if p < -1e-9),
        'industry': industry,
    }


def pdf_text(pdf):
    return subprocess.run(['pdftotext', '-layout', pdf, '-'], stdout=subprocess.PIPE,
                          text=True, check=True).stdout


@unittest.skipUnless(shutil.which('pdftotext'), 'needs pdftotext')
class ReportProfit(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix='test-report-profit-')
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def project(self, seed, with_cost):
        orders, customers, facts = write_data(self.dir, seed, with_cost)
        path = os.path.join(self.dir, f'p{seed}.segments')
        run_cli('import', path, '--transactions', orders, '--customers', customers)
        run_cli('segment', path, '--k', 3)
        return path, facts

    def reports(self, path):
        texts = {}
        for fmt in ('a4', 'slides'):
            pdf = os.path.join(self.dir, f'{fmt}.pdf')
            run_cli('report', path, '--format', fmt, '-o', pdf)
            texts[fmt] = pdf_text(pdf)
        return texts

    def check_profit(self, text, path, facts):
        flat = ' '.join(text.split())
        m = re.search(r'Gross profit is ([\d,.]+) where costs are known; ([\d,]+) order lines? '
                      r'without a cost \(([\d,.]+) of revenue\)', flat)
        self.assertIsNotNone(m, flat[:2000])
        self.assertAlmostEqual(number(m.group(1)), facts['total'], delta=1.0)
        self.assertEqual(number(m.group(2)), facts['unknown_lines'])
        self.assertGreater(facts['unprofitable'], 0)
        m = re.search(r'([\d,]+) customers? costs? more to serve than they are worth', flat)
        self.assertIsNotNone(m)
        self.assertEqual(number(m.group(1)), facts['unprofitable'])

        # Each segment's row: its profit and share as show --json gives them.
        shown = json.loads(run_cli('show', path, '--json'))
        section = text[text.index('Gross profit is'):]
        for s in shown['segments']:
            line = next(l for l in section.splitlines() if l.strip().startswith(s['name']))
            figures = re.findall(r'[\d,.]+%?', line[line.index(s['name']) + len(s['name']):])
            self.assertAlmostEqual(number(figures[1]), s['profit'], delta=1.0, msg=line)
            share = figures[2].rstrip('%')
            self.assertAlmostEqual(number(share) / 100, s['profit_share'],
                                   delta=0.006 if '.' not in share else 0.0006, msg=line)

    def test_profit_and_rules(self):
        path, facts = self.project(7, True)
        texts = self.reports(path)
        for fmt, text in texts.items():
            with self.subTest(fmt=fmt):
                self.check_profit(text, path, facts)
                self.assertNotIn('Rule segments and behavioural segments', text)

        run_cli('rules', 'add', path, '--name', 'Retail', '--where', 'industry = retail')
        retail = sum(1 for v in facts['industry'].values() if v == 'Retail')
        for fmt, text in self.reports(path).items():
            with self.subTest(fmt=fmt):
                self.assertIn('Rule segments and behavioural segments', text)
                flat = ' '.join(text.split())
                m = re.search(r'• Retail: ([\d,]+) customers?, ([\d,.]+) revenue', flat)
                self.assertIsNotNone(m)
                self.assertEqual(number(m.group(1)), retail)
                m = re.search(r'• No rule: ([\d,]+) customers?', flat)
                self.assertEqual(number(m.group(1)), 300 - retail)

    def test_nothing_without_costs(self):
        path, _ = self.project(8, False)
        for fmt, text in self.reports(path).items():
            with self.subTest(fmt=fmt):
                self.assertNotIn('Gross profit', text)
                self.assertNotIn('cost more to serve', text)
                self.assertNotIn('Rule segments and behavioural segments', text)


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main()
