#!/usr/bin/python3
# test-report-deck.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The report and the slides recommend, never print placeholders (issue 16).

On the bundled sample data, and on 20,000 generated customers when the benchmark generator
is there, imported, segmented and valued with no field set by hand: both PDFs, read back with
pdftotext, hold a key message, 3–5 recommended actions and "Decisions needed" (which asks
for the owners and the currency), no "Not set yet." and no lone "–" cell; money figures are
plain numbers.  With a brief (objective and currency EUR) the brief opens the report and every
money figure carries the currency: the net revenue, recomputed here from the CSV, reads
"EUR 2,659,685" wherever it is shown.

usage: test-report-deck.py SEGMENTS_CLI SOURCE_ROOT [unittest options]
"""

import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

CLI = None
SOURCE_ROOT = None
OBJECTIVE = 'Grow revenue from our best customers'


def run(*args):
    r = subprocess.run([str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=600)
    if r.returncode != 0:
        raise AssertionError(f'{args} failed ({r.returncode}): {r.stderr}')
    return r.stdout


def pdf_text(pdf):
    # The currency code is kept with its number by a no-break space.
    return run('pdftotext', '-layout', pdf, '-').replace('\u00a0', ' ')


def net_revenue(transactions):
    """The sum of the amounts, as the title page shows it (rounded, thousands separated)."""
    with open(transactions, newline='') as f:
        total = sum(float(row['amount']) for row in csv.DictReader(f))
    return f'{round(total):,}'


class DeckTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='segments-deck-')

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def project(self, data_dir):
        project = os.path.join(self.dir, 'p.segments')
        args = [CLI, 'import', project, '--transactions',
                os.path.join(data_dir, 'transactions.csv')]
        customers = os.path.join(data_dir, 'customers.csv')
        if os.path.exists(customers):
            args += ['--customers', customers]
        run(*args)
        run(CLI, 'segment', project)
        run(CLI, 'clv', project)
        return project

    def reports(self, project, name):
        texts = {}
        for fmt in ('a4', 'slides'):
            pdf = os.path.join(self.dir, f'{name}-{fmt}.pdf')
            run(CLI, 'report', project, '-o', pdf, '--format', fmt)
            texts[fmt] = pdf_text(pdf)
        return texts

    def check_deck(self, text, fmt):
        where = f'{fmt} report'
        self.assertNotIn('Not set yet', text, where)
        for line in text.splitlines():
            # A lone dash in a cell: "–" with only spaces, or the line's edge, either side.
            self.assertIsNone(re.search(r'(^|\s)–(\s|$)', line), f'{where}: {line!r}')
        self.assertIn('Executive summary', text, where)
        self.assertRegex(text, r'(Focus on|Act first on) .+: ', where)
        section = text[text.index('Recommended actions'):]
        numbers = [int(n) for n in re.findall(r'^\s*(\d)\. \S', section, re.M)]
        # Numbered 1, 2, …, n with 3 ≤ n ≤ 5: the first run of numbers after the heading.
        actions = 0
        for n in numbers:
            if n != actions + 1:
                break
            actions = n
        self.assertGreaterEqual(actions, 3, where)
        self.assertLessEqual(actions, 5, where)
        self.assertIn('Decisions needed', text, where)
        self.assertIn('Choose who owns', text, where)

    def check_data(self, data_dir, name):
        project = self.project(data_dir)
        revenue = net_revenue(os.path.join(data_dir, 'transactions.csv'))

        texts = self.reports(project, name)
        for fmt, text in texts.items():
            self.check_deck(text, fmt)
            self.assertIn('Set the project currency (its three-letter code) in the project’s brief.', text)
            self.assertIn(f'{revenue} net revenue', text, fmt)
            self.assertNotIn('EUR', text, fmt)
            self.assertNotIn(OBJECTIVE, text, fmt)

        run(CLI, 'brief', project, '--objective', OBJECTIVE, '--currency', 'EUR')
        texts = self.reports(project, name + '-brief')
        for fmt, text in texts.items():
            self.check_deck(text, fmt)
            self.assertIn('Project brief', text, fmt)
            self.assertIn(OBJECTIVE, text, fmt)
            self.assertNotIn('Set the project currency', text, fmt)
            # The title page and the key figures: the currency on the net revenue, and no
            # amount of that size without it.
            self.assertIn(f'EUR {revenue} net revenue', text, fmt)
            for m in re.finditer(re.escape(revenue), text):
                self.assertEqual(text[max(m.start() - 4, 0):m.start()], 'EUR ', fmt)

    def test_sample(self):
        self.check_data(os.path.join(SOURCE_ROOT, 'data', 'sample'), 'sample')

    def test_generated(self):
        # Beside the source tree (../shared/bench), or beside a worktree's parent.
        scripts = [os.path.join(SOURCE_ROOT, *up, 'shared', 'bench', 'gen_transactions.py')
                   for up in (['..'], ['..', '..'])]
        script = next((s for s in scripts if os.path.exists(s)), None)
        if script is None:
            self.skipTest('the benchmark generator is not there')
        data = os.path.join(self.dir, 'data')
        run('/usr/bin/python3', script, 20000, data)
        self.check_data(data, 'generated')


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    SOURCE_ROOT = sys.argv.pop(1)
    if shutil.which('pdftotext') is None:
        print('1..0 # SKIP pdftotext is not installed')
        sys.exit(77)
    unittest.main()
