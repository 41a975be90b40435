#!/usr/bin/python3
# test-cli-brief.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of `segments-cli brief`: set, show, --json, replacing and clearing the
lists, refusing bad input with exit code 2 and a message that says what is wrong, one
transaction per command (killed at every statement, the brief is as before or as after),
and KPI baselines computed here from the CSV, independently of the tool.

usage: test-cli-brief.py SEGMENTS_CLI [unittest options]
"""

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
END = datetime.date(2025, 6, 30)
KILL_VAR = 'SEGMENTS_TEST_KILL_AT_STATEMENT'


def run_cli(*args, kill_at=None):
    env = dict(os.environ)
    env.pop(KILL_VAR, None)
    if kill_at is not None:
        env[KILL_VAR] = str(kill_at)
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=300, env=env)


def write_orders(path, n_customers, seed):
    """Customers with 1–6 orders over two years ending on END; returns the rows."""
    rng = random.Random(seed)
    rows = []
    order = 0
    for i in range(n_customers):
        n = rng.choice([1, 1, 1, 2, 3, 6])
        last = rng.randint(0, 700)
        for j in range(n):
            day = END - datetime.timedelta(days=last + 15 * j)
            rows.append((f'O{order}', f'C{i:04d}', day.isoformat(),
                         round(rng.uniform(5, 300), 2)))
            order += 1
    with open(path, 'w') as f:
        f.write('order_id,customer_id,order_date,amount\n')
        for r in rows:
            f.write(','.join(str(x) for x in r) + '\n')
    return rows


def expected_baselines(rows):
    orders = {}
    last = {}
    revenue = 0.0
    for _, cust, day, amount in rows:
        d = datetime.date.fromisoformat(day)
        orders[cust] = orders.get(cust, 0) + 1
        last[cust] = max(last.get(cust, d), d)
        revenue += amount
    data_end = max(last.values())
    n = len(orders)
    return {
        'repeat_rate': 100.0 * sum(1 for c in orders.values() if c >= 2) / n,
        'churn_90d': 100.0 * sum(1 for d in last.values() if (data_end - d).days > 90) / n,
        'active_customers': n,
        'revenue': revenue,
        'order_value': revenue / len(rows),
    }


def brief_tables(path):
    db = sqlite3.connect(path)
    try:
        return [db.execute(f'SELECT * FROM {t} ORDER BY 1').fetchall()
                for t in ('brief', 'brief_kpis', 'brief_stakeholders')]
    finally:
        db.close()


class BriefTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix='segments-brief-')
        cls.dir = cls._tmp.name
        cls.orders = os.path.join(cls.dir, 'orders.csv')
        cls.rows = write_orders(cls.orders, 400, seed=16)
        cls.base = os.path.join(cls.dir, 'base.segments')
        r = run_cli('import', cls.base, '--transactions', cls.orders)
        assert r.returncode == 0, r.stderr
        r = run_cli('segment', cls.base, '--k', '3')
        assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def project(self, name):
        path = os.path.join(self.dir, name + '.segments')
        shutil.copyfile(self.base, path)
        for suffix in ('-wal', '-shm'):
            if os.path.exists(path + suffix):
                os.unlink(path + suffix)
        return path

    def json(self, path):
        r = run_cli('brief', path, '--json')
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def set_full(self, path):
        r = run_cli('brief', path, '--objective', 'Grow revenue from the best customers',
                    '--goal', 'Revenue up 10% in 2027',
                    '--kpi', 'repeat rate=45%', '--kpi', '90-day churn=30',
                    '--kpi', 'order value=80', '--kpi', 'NPS=50',
                    '--stakeholder', 'Ana Ruiz, Sales, sponsor',
                    '--stakeholder', 'Bo Li, Marketing, approver',
                    '--stakeholder', 'Cy Dunn,,user',
                    '--scope', 'All customers with orders, 2023–2025; deck and CSV',
                    '--review-date', '2026-09-30', '--currency', 'eur')
        self.assertEqual(r.returncode, 0, r.stderr)
        return r

    def test_empty(self):
        path = self.project('empty')
        js = self.json(path)
        self.assertEqual(set(js), {'objective', 'goal', 'kpis', 'stakeholders', 'scope',
                                   'review_date', 'currency'})
        self.assertIsNone(js['objective'])
        self.assertEqual(js['kpis'], [])
        self.assertEqual(js['stakeholders'], [])
        r = run_cli('brief', path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('no brief yet', r.stdout)

    def test_set_and_show(self):
        path = self.project('set')
        r = self.set_full(path)
        # Setting prints the brief as it is now.
        self.assertIn('Grow revenue from the best customers', r.stdout)
        js = self.json(path)
        self.assertEqual(js['objective'], 'Grow revenue from the best customers')
        self.assertEqual(js['goal'], 'Revenue up 10% in 2027')
        self.assertEqual(js['scope'], 'All customers with orders, 2023–2025; deck and CSV')
        self.assertEqual(js['review_date'], '2026-09-30')
        self.assertEqual(js['currency'], 'EUR')
        self.assertEqual([k['name'] for k in js['kpis']],
                         ['repeat rate', '90-day churn', 'order value', 'NPS'])
        self.assertEqual([k['target'] for k in js['kpis']], [45, 30, 80, 50])
        self.assertEqual(js['stakeholders'], [
            {'name': 'Ana Ruiz', 'team': 'Sales', 'role': 'sponsor'},
            {'name': 'Bo Li', 'team': 'Marketing', 'role': 'approver'},
            {'name': 'Cy Dunn', 'team': None, 'role': 'user'},
        ])

        # Baselines of the KPIs the product knows, from the CSV; none for the others.
        want = expected_baselines(self.rows)
        by_id = {k['id']: k for k in js['kpis']}
        self.assertAlmostEqual(by_id['repeat_rate']['baseline'], want['repeat_rate'], places=9)
        self.assertAlmostEqual(by_id['churn_90d']['baseline'], want['churn_90d'], places=9)
        self.assertAlmostEqual(by_id['order_value']['baseline'], want['order_value'], places=6)
        self.assertIsNone(by_id[None]['baseline'])

        r = run_cli('brief', path)
        self.assertEqual(r.returncode, 0, r.stderr)
        for text in ('Objective:', 'Revenue up 10% in 2027', 'Ana Ruiz, Sales — Sponsor',
                     'Cy Dunn — User of the segments', '2026-09-30', 'EUR',
                     'NPS: target 50 (not measured from the data)'):
            self.assertIn(text, r.stdout)
        self.assertIn(f"repeat rate: {want['repeat_rate']:.1f}% now, target 45.0%", r.stdout)

    def test_replace_and_clear(self):
        path = self.project('replace')
        self.set_full(path)
        # A list option replaces the list; other parts stay.
        r = run_cli('brief', path, '--kpi', 'customers=500')
        self.assertEqual(r.returncode, 0, r.stderr)
        js = self.json(path)
        self.assertEqual([(k['name'], k['target']) for k in js['kpis']], [('customers', 500)])
        self.assertEqual(js['kpis'][0]['baseline'], 400)
        self.assertEqual(len(js['stakeholders']), 3)
        self.assertEqual(js['currency'], 'EUR')
        # An empty value clears a part.
        r = run_cli('brief', path, '--kpi', '', '--stakeholder', '', '--goal', '',
                    '--review-date', '', '--currency', '')
        self.assertEqual(r.returncode, 0, r.stderr)
        js = self.json(path)
        self.assertEqual(js['kpis'], [])
        self.assertEqual(js['stakeholders'], [])
        self.assertIsNone(js['goal'])
        self.assertIsNone(js['review_date'])
        self.assertIsNone(js['currency'])
        self.assertEqual(js['objective'], 'Grow revenue from the best customers')

    def test_bad_input(self):
        path = self.project('bad')
        self.set_full(path)
        before = brief_tables(path)
        cases = [
            (['--stakeholder', 'Ana, Sales, boss'], '“boss” is not a role'),
            (['--stakeholder', 'Ana Sales sponsor'], 'name, team, role'),
            (['--review-date', '2026-02-30'], 'YYYY-MM-DD'),
            (['--review-date', '30/09/2026'], 'YYYY-MM-DD'),
            (['--currency', 'XYZ'], 'ISO 4217'),
            (['--currency', 'euro'], 'ISO 4217'),
            (['--kpi', 'repeat rate'], 'name=target'),
            (['--kpi', 'repeat rate=lots'], 'not a number'),
            # A bad part refuses the whole command: the good parts are not saved either.
            (['--objective', 'Something else', '--currency', 'ZZZ'], 'ISO 4217'),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = run_cli('brief', path, *args)
                self.assertEqual(r.returncode, 2, r.stdout)
                self.assertIn(message, r.stderr)
                self.assertEqual(brief_tables(path), before)
        r = run_cli('brief', path, '--no-such-option')
        self.assertEqual(r.returncode, 2)
        r = run_cli('brief', os.path.join(self.dir, 'missing.segments'))
        self.assertEqual(r.returncode, 1)
        self.assertIn('does not exist', r.stderr)

    def test_one_transaction(self):
        """Killed at any statement, the brief is all as before or all as after."""
        start = self.project('kill-start')
        self.set_full(start)
        argv = ['--objective', 'Reduce churn among valuable customers',
                '--kpi', 'churn=25', '--kpi', 'repeat rate=50',
                '--stakeholder', 'Di Eng, Support, user']
        before = brief_tables(start)
        done = self.project('kill-done')
        self.set_full(done)
        r = run_cli('brief', done, *argv)
        self.assertEqual(r.returncode, 0, r.stderr)
        after = brief_tables(done)
        self.assertNotEqual(before, after)

        r = run_cli('brief', start, *argv, kill_at='count')
        self.assertEqual(r.returncode, 0, r.stderr)
        total = int([ln for ln in r.stderr.splitlines()
                     if ln.startswith('segments-test: statements ')][0].split()[-1])
        self.assertGreater(total, 5)
        seen = set()
        for point in range(1, total + 1):
            killed = self.project('killed')
            self.set_full(killed)
            self.assertEqual(brief_tables(killed), before)
            r = run_cli('brief', killed, *argv, kill_at=point)
            self.assertLess(r.returncode, 0, f'not killed at statement {point}')
            got = brief_tables(killed)
            self.assertIn(got, (before, after), f'a mix after a kill at statement {point}')
            seen.add('before' if got == before else 'after')
        self.assertEqual(seen, {'before', 'after'})


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main()
