#!/usr/bin/python3
# test-cli-interactions.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of interactions through segments-cli (issue 18, parts 1 and 2).

usage: test-cli-interactions.py SEGMENTS_CLI [unittest options]

Malformed interaction files (every bad row kept with its line, column and reason; no row
lost: read = accepted + rejected + duplicates), appending and duplicates, an interactions
file alone on an existing project, the clear errors of --features, and a planted engagement
effect: in generated data (seeded) a group buys little and opens many e-mails; a run on
rfm,engagement finds it as its own segment and names it after the e-mails, an RFM-only run
does not.  Expected figures are computed here from the generated files.
"""

import csv
import datetime
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CLI = None
END = datetime.date(2025, 12, 31)
START = datetime.date(2024, 1, 1)


def cli(*args, ok=True):
    r = subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=300)
    if ok and r.returncode != 0:
        raise AssertionError(f'{args}: exit {r.returncode}\n{r.stderr}')
    return r


def write(path, header, rows):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(header + '\n')
        for row in rows:
            f.write(row + '\n')


def planted_data(directory, seed, n=600):
    """Orders and interactions: 40 % buy often and much; the others buy a little, rarely,
    and half of them (the planted group) open 25-45 e-mails in the last 85 days, where
    everybody else opens 0-3.  By orders alone the planted customers look like the other
    small buyers."""
    rng = random.Random(seed)
    n_days = (END - START).days + 1
    planted = set()
    orders, inter = [], []
    oid = 0
    for c in range(n):
        cid = f'C{c:05d}'
        big = rng.random() < 0.4
        is_planted = not big and rng.random() < 0.5
        if is_planted:
            planted.add(cid)
        for _ in range(rng.randint(4, 12) if big else rng.randint(1, 3)):
            oid += 1
            day = START + datetime.timedelta(days=rng.randrange(n_days))
            amount = rng.uniform(100, 500) if big else rng.uniform(10, 60)
            orders.append(f'O{oid},{cid},{day},{amount:.2f}')
        for k in range(rng.randint(25, 45) if is_planted else rng.randint(0, 3)):
            day = END - datetime.timedelta(days=rng.randrange(85))
            inter.append(f'{cid},{day},email_open,,email-{k}')
        for k in range(rng.randint(0, 3)):
            day = START + datetime.timedelta(days=rng.randrange(n_days))
            inter.append(f'{cid},{day},web_visit,1,web-{k}')
    tx = os.path.join(directory, 'orders.csv')
    ix = os.path.join(directory, 'interactions.csv')
    write(tx, 'order_id,customer_id,order_date,amount', orders)
    write(ix, 'customer_id,date,type,value,channel', inter)
    return tx, ix, planted


def stored_interactions(project):
    db = sqlite3.connect(project)
    try:
        return db.execute('SELECT coalesce(sum(n), 0) FROM interaction_chunks').fetchone()[0]
    finally:
        db.close()


def assignments(tmp, project):
    out = os.path.join(tmp, 'assignments.csv')
    cli('export', project, '--assignments', out)
    with open(out, encoding='utf-8') as f:
        return {row['customer_id']: row['segment_name'] for row in csv.DictReader(f)}


def best_match(members_by_segment, planted):
    """The segment holding most planted customers: (recall, purity) of it."""
    best = (0.0, 0.0)
    for members in members_by_segment.values():
        hit = len(members & planted)
        if hit == 0:
            continue
        recall, purity = hit / len(planted), hit / len(members)
        if recall > best[0]:
            best = (recall, purity)
    return best


class InteractionsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='segments-interactions-')
        self.project = os.path.join(self.tmp, 'p.segments')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def orders(self, n=40, seed=3):
        rng = random.Random(seed)
        rows = [f'O{i},C{i % n:03d},2025-0{1 + i % 9}-1{i % 10},{rng.uniform(5, 90):.2f}'
                for i in range(4 * n)]
        path = os.path.join(self.tmp, 'orders.csv')
        write(path, 'order_id,customer_id,order_date,amount', rows)
        return path

    def test_malformed_rows_are_kept_with_reasons(self):
        good = [f'C{i:03d},2025-03-{1 + i % 28:02d},email_open,,newsletter' for i in range(30)]
        bad = [
            ('C001,2025-02-30,web_visit,,web', 'date', 'not a valid date'),
            ('C002,2025-03-01,,,web', 'type', 'interaction type is missing'),
            (',2025-03-01,web_visit,,web', 'customer', 'customer id is missing'),
            ('C003,2025-03-01,campaign_response,lots,mail', 'value', 'not a number'),
            ('C004,2025-03-01,web_visit', None, 'fields'),
        ]
        rows = good[:10] + [b[0] for b in bad] + good[10:] + [good[0], good[1]]
        path = os.path.join(self.tmp, 'interactions.csv')
        write(path, 'customer,date,type,value,channel', rows)
        cli('import', self.project, '--transactions', self.orders())
        r = cli('import', self.project, '--interactions', path)
        self.assertIn('Interactions:', r.stdout)
        problems = os.path.join(self.tmp, 'problems.csv')
        cli('problems', self.project, '--csv', problems)
        with open(problems, encoding='utf-8') as f:
            listed = [p for p in csv.DictReader(f) if p['file'].endswith('interactions.csv')]
        rejected = [p for p in listed if p['kind'] == 'rejected']
        self.assertEqual(len(rejected), len(bad))
        for (raw, column, words), p in zip(bad, sorted(rejected, key=lambda p: int(p['line']))):
            self.assertEqual(int(p['line']), rows.index(raw) + 2)
            if column is not None:
                self.assertEqual(p['column'], column)
            self.assertIn(words, p['reason'])
            self.assertEqual(p['raw'], raw)
        duplicates = [p for p in listed if p['kind'] == 'duplicate']
        self.assertEqual(len(duplicates), 2)
        # nothing lost: every row is stored, rejected or a reported duplicate
        self.assertEqual(stored_interactions(self.project) + len(rejected) + len(duplicates),
                         len(rows))
        self.assertEqual(stored_interactions(self.project), len(good))

    def test_missing_type_column_is_a_clear_error(self):
        path = os.path.join(self.tmp, 'interactions.csv')
        # no column a type can be told from: no name for it, no text with few values
        write(path, 'customer,date,score', ['C001,2025-03-01,1.5', 'C002,2025-03-02,2.25'])
        cli('import', self.project, '--transactions', self.orders())
        before = stored_interactions(self.project)
        r = cli('import', self.project, '--interactions', path, ok=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn('interaction type', r.stderr)
        self.assertIn('customer, date, score', r.stderr)
        self.assertEqual(stored_interactions(self.project), before)
        # mapping the column by hand imports it
        cli('import', self.project, '--interactions', path, '--map', 'type=score')
        self.assertEqual(stored_interactions(self.project), 2)

    def test_append_and_duplicates(self):
        rng = random.Random(11)
        rows = [f'C{rng.randrange(40):03d},2025-0{1 + rng.randrange(9)}-{1 + rng.randrange(28):02d},'
                f'{rng.choice(["email_open", "web_visit", "support_ticket", "custom thing"])},'
                f'{rng.choice(["", "1", "2.5"])},{rng.choice(["", "web", "mail"])}'
                for _ in range(300)]
        distinct = len(set(rows))
        first = os.path.join(self.tmp, 'a.csv')
        write(first, 'customer_id,date,type,value,channel', rows[:200])
        second = os.path.join(self.tmp, 'b.csv')
        write(second, 'customer_id,date,type,value,channel', rows[100:])
        cli('import', self.project, '--transactions', self.orders(), '--interactions', first)
        self.assertEqual(stored_interactions(self.project), len(set(rows[:200])))
        # the same file again adds nothing
        r = cli('import', self.project, '--interactions', first)
        self.assertIn('Already in the project (skipped): %d' % len(set(rows[:200])), r.stdout)
        self.assertEqual(stored_interactions(self.project), len(set(rows[:200])))
        # an overlapping file adds only the new rows
        cli('import', self.project, '--interactions', second)
        self.assertEqual(stored_interactions(self.project), distinct)

    def test_interactions_alone_add_customers(self):
        cli('import', self.project, '--transactions', self.orders(n=10))
        path = os.path.join(self.tmp, 'interactions.csv')
        write(path, 'customer_id,date,type', ['C001,2025-01-02,web_visit', 'NEW1,2025-01-02,web_visit'])
        r = cli('import', self.project, '--interactions', path)
        self.assertIn('1 customers appear only in the interactions', r.stdout)
        shown = json.loads(cli('show', self.project, '--json').stdout)
        self.assertEqual(shown['customers'], 11)

    def test_feature_set_errors(self):
        cli('import', self.project, '--transactions', self.orders())
        r = cli('segment', self.project, '--features', 'rfm,engagement', ok=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn('no interactions', r.stderr)
        r = cli('segment', self.project, '--features', 'value', ok=False)
        self.assertIn('value model', r.stderr)
        r = cli('segment', self.project, '--features', 'profit', ok=False)
        self.assertIn('no cost or margin data', r.stderr)
        r = cli('segment', self.project, '--features', 'rfm,bogus', ok=False)
        self.assertIn('bogus', r.stderr)
        cli('segment', self.project)
        shown = json.loads(cli('show', self.project, '--json').stdout)
        self.assertEqual(shown['features'], ['rfm'])

    def test_planted_engagement_effect(self):
        for seed in (1, 2, 3):
            with self.subTest(seed=seed):
                tmp = tempfile.mkdtemp(dir=self.tmp)
                project = os.path.join(tmp, 'p.segments')
                tx, ix, planted = planted_data(tmp, seed)
                cli('import', project, '--transactions', tx, '--interactions', ix)

                cli('segment', project, '--features', 'rfm')
                by_name = {}
                for cust, name in assignments(tmp, project).items():
                    by_name.setdefault(name, set()).add(cust)
                recall, purity = best_match(by_name, planted)
                self.assertFalse(recall >= 0.8 and purity >= 0.8,
                                 f'an RFM-only run found the planted group ({recall}, {purity})')
                self.assertFalse(any('e-mail' in n for n in by_name))

                cli('segment', project, '--features', 'rfm,engagement')
                shown = json.loads(cli('show', project, '--json').stdout)
                self.assertEqual(shown['features'], ['rfm', 'engagement'])
                self.assertIn('email_opens_90d', shown['feature_columns'])
                by_name = {}
                for cust, name in assignments(tmp, project).items():
                    by_name.setdefault(name, set()).add(cust)
                recall, purity = best_match(by_name, planted)
                self.assertGreaterEqual(recall, 0.8)
                self.assertGreaterEqual(purity, 0.8)
                name = max(by_name, key=lambda k: len(by_name[k] & planted))
                self.assertIn('open many e-mails', name)


if __name__ == '__main__':
    CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main()
