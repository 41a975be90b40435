#!/usr/bin/python3
# test-cli-activation-money.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Amounts in the export presets' files have the digits of the project's currency
(session 12, helper qadeck).

On the bundled sample data, segmented and valued, the generic preset's money columns
(total_spend, value_last_12_months_*, potential_next_12_months_*) have no decimals in JPY,
three in KWD and two in EUR, as ISO 4217 gives their minor units; the spend is each
customer's net spend worked out here from the CSV, rounded to those digits.

usage: test-cli-activation-money.py SEGMENTS_CLI SOURCE_ROOT [unittest options]
"""

import collections
import csv
import os
import re
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import run  # noqa: E402

CLI = None
SOURCE_ROOT = None
DIGITS = {'JPY': 0, 'KWD': 3, 'EUR': 2}


class MoneyDigitsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix='segments-money-')
        sample = os.path.join(SOURCE_ROOT, 'data', 'sample')
        cls.project = os.path.join(cls.dir, 'p.segments')
        cls.transactions = os.path.join(sample, 'transactions.csv')
        run(CLI, 'import', cls.project, '--transactions', cls.transactions,
            '--customers', os.path.join(sample, 'customers.csv'))
        run(CLI, 'segment', cls.project)
        run(CLI, 'clv', cls.project)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def spend(self):
        total = collections.defaultdict(float)
        with open(self.transactions, newline='') as f:
            for row in csv.DictReader(f):
                total[row['customer_id']] += float(row['amount'])
        return total

    def test_digits(self):
        spend = self.spend()
        for currency, digits in DIGITS.items():
            with self.subTest(currency=currency):
                run(CLI, 'brief', self.project, '--currency', currency)
                out = os.path.join(self.dir, f'{currency}.csv')
                run(CLI, 'export', self.project, '--preset', 'generic', '-o', out)
                with open(out, newline='', encoding='utf-8-sig') as f:
                    rows = list(csv.DictReader(f))
                self.assertGreater(len(rows), 1000)
                lower = currency.lower()
                columns = ['total_spend', f'value_last_12_months_{lower}',
                           f'potential_next_12_months_{lower}']
                pattern = re.compile(r'^-?\d+' + (rf'\.\d{{{digits}}}' if digits else '') + '$')
                for row in rows:
                    for column in columns:
                        self.assertRegex(row[column], pattern, f'{currency}: {column}: {row}')
                    expected = f'{spend[row["customer_id"]]:.{digits}f}'
                    self.assertEqual(float(row['total_spend']), float(expected), row)


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    SOURCE_ROOT = sys.argv.pop(1)
    unittest.main()
