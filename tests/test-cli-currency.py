#!/usr/bin/python3
# test-cli-currency.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The project currency end to end: detected from the markers of the imported amounts
("€12,50", "12.50 EUR", "$5"), kept when a later file has none, overridden by the brief,
absent (and asked for) when nothing names one; shown by `show` (text and --json) on every
money figure, and named by the report.

usage: test-cli-currency.py SEGMENTS_CLI [unittest options]
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


def run(*args):
    env = dict(os.environ, LC_ALL='C.UTF-8')
    r = subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=300, env=env)
    if r.returncode != 0:
        raise AssertionError(f'{args}: exit {r.returncode}\n{r.stderr}')
    return r.stdout


def write_orders(path, n, seed, mark):
    """Orders of n customers; mark(amount, i) writes the amount of the i-th row."""
    rng = random.Random(seed)
    with open(path, 'w', encoding='utf-8') as f:
        f.write('order_id;customer_id;order_date;amount\n')
        row = 0
        for c in range(n):
            for j in range(rng.choice([1, 2, 4])):
                day = END - datetime.timedelta(days=rng.randint(0, 600))
                amount = round(rng.uniform(5, 900), 2)
                f.write(f'O{seed}-{row};C{c:04d};{day.isoformat()};{mark(amount, row)}\n')
                row += 1


class CurrencyTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='segments-currency-')

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def project(self, name, mark, seed=1):
        csv_path = os.path.join(self.dir, name + '.csv')
        write_orders(csv_path, 120, seed, mark)
        project = os.path.join(self.dir, name + '.segments')
        run('import', project, '--transactions', csv_path)
        return project

    def currency(self, project):
        js = json.loads(run('show', project, '--json'))
        return js['currency'], js['currency_source']

    def test_detected_from_symbols(self):
        for name, mark, code in (
                ('euro-sign', lambda a, i: f'€{a:.2f}'.replace('.', ','), 'EUR'),
                ('euro-code', lambda a, i: f'{a:.2f} EUR', 'EUR'),
                ('pound', lambda a, i: f'£{a:.2f}', 'GBP'),
                ('dollar', lambda a, i: f'${a:.2f}', 'USD'),
                # Mostly dollars, some euros: the currency most amounts are marked with.
                ('mixed', lambda a, i: f'€{a:.2f}' if i % 4 == 0 else f'${a:.2f}', 'USD')):
            with self.subTest(name):
                project = self.project(name, mark)
                self.assertEqual(self.currency(project), (code, 'data'))

    def test_no_currency(self):
        # Plain numbers in the C locale: no currency, money figures are plain numbers.
        project = self.project('plain', lambda a, i: f'{a:.2f}')
        self.assertEqual(self.currency(project), (None, None))
        # "kr" names no one currency: none is claimed.
        project = self.project('kronor', lambda a, i: f'{a:.2f} kr')
        self.assertEqual(self.currency(project), (None, None))

    def test_kept_and_overridden(self):
        project = self.project('kept', lambda a, i: f'€{a:.2f}')
        more = os.path.join(self.dir, 'more.csv')
        write_orders(more, 40, 9, lambda a, i: f'{a:.2f}')
        run('import', project, '--transactions', more)
        self.assertEqual(self.currency(project), ('EUR', 'data'))
        # People's word wins over the data, and clearing it gives the data's back.
        run('brief', project, '--currency', 'chf')
        self.assertEqual(self.currency(project), ('CHF', 'brief'))
        run('brief', project, '--currency', '')
        self.assertEqual(self.currency(project), ('EUR', 'data'))

    def test_currency_column(self):
        # A shop export's Currency column names the currency of the orders counted.
        shop = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'sources',
                            'shopify-orders.csv')
        with open(shop, encoding='utf-8') as f:
            header = f.readline().rstrip('\n').split(',')
            col = header.index('Currency')
            codes = {line.split(',')[col] for line in f if line.split(',')[col]}
        self.assertEqual(len(codes), 1)
        project = os.path.join(self.dir, 'shop.segments')
        run('import', project, '--transactions', shop)
        self.assertEqual(self.currency(project), (codes.pop(), 'data'))

    def test_show_formats_money(self):
        project = self.project('shown', lambda a, i: f'{a:.2f} GBP')
        run('segment', project, '--k', '3')
        js = json.loads(run('show', project, '--json'))
        text = run('show', project)
        header = next(l for l in text.splitlines() if l.startswith('Rank '))
        rows = [l for l in text.splitlines()[text.splitlines().index(header) + 1:]
                if re.match(r'^\d+ ', l)]
        self.assertEqual(len(rows), len(js['segments']))
        for s in js['segments']:
            row = next(r for r in rows if s['name'] in r)
            revenue = s['revenue']
            whole = f'{revenue:,.0f}' if abs(revenue) >= 100 else f'{revenue:,.2f}'
            self.assertIn(f'GBP\u00a0{whole}', row)
            self.assertIn(f"{s['size']:,}", row)
        # A report names the currency and asks nothing about it.
        pdf = os.path.join(self.dir, 'shown.pdf')
        run('report', project, '-o', pdf)
        if shutil.which('pdftotext'):
            text = subprocess.run(['pdftotext', pdf, '-'], stdout=subprocess.PIPE, text=True,
                                  check=True).stdout
            self.assertIn('GBP', text)
            self.assertNotIn('Set the project currency', text)


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main()
