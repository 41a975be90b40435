#!/usr/bin/python3
# test-cli-interaction-copies.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Exact copies in an interactions file (issue 18), whatever their rows hold: the import
looks a row up among the earlier ones only after reading it (sc-interactions.c, for speed),
so a copy of a row that cannot be read must still be reported as a copy, not rejected a
second time, and a copy of a good row is imported once; every row is stored, rejected or a
reported copy.  Over many generated files, the counts are computed again here.

usage: test-cli-interaction-copies.py SEGMENTS_CLI [unittest options]
"""

import csv
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CLI = None


def cli(*args, ok=True):
    r = subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=600)
    if ok and r.returncode != 0:
        raise AssertionError(f'{args[0]} failed ({r.returncode}): {r.stderr}')
    return r


def stored(project):
    db = sqlite3.connect(project)
    try:
        return db.execute('SELECT coalesce(sum(n), 0) FROM interaction_chunks').fetchone()[0]
    finally:
        db.close()


BAD = ['{c},2025-02-30,web_visit,,web',          # no such day
       '{c},2025-03-01,,,web',                   # no type
       ',2025-03-01,web_visit,,web',             # no customer
       '{c},2025-03-01,campaign_response,lots,mail']   # value not a number


class InteractionCopiesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='segments-interaction-copies-')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_copies_of_good_and_bad_rows(self):
        orders = os.path.join(self.tmp, 'orders.csv')
        with open(orders, 'w', encoding='utf-8') as f:
            f.write('order_id,customer_id,order_date,amount\n')
            for i in range(40):
                f.write(f'O{i},C{i % 20:03d},2025-01-{1 + i % 28:02d},{10 + i}.00\n')
        for seed in range(1, 13):
            with self.subTest(seed=seed):
                rng = random.Random(seed)
                rows = []
                for _ in range(rng.randint(20, 120)):
                    if rows and rng.random() < 0.25:
                        rows.append(rng.choice(rows))        # an exact copy, good or bad
                    elif rng.random() < 0.2:
                        rows.append(rng.choice(BAD).format(c=f'C{rng.randrange(30):03d}'))
                    else:
                        rows.append(f'C{rng.randrange(30):03d},2025-0{1 + rng.randrange(9)}-'
                                    f'{1 + rng.randrange(28):02d},'
                                    f'{rng.choice(["email_open", "web_visit", "new type"])},'
                                    f'{rng.choice(["", "2"])},{rng.choice(["", "web"])}')
                bad = {r for r in rows if any(r == b.format(c=r.split(",")[0]) for b in BAD)}
                first_bad = len({r for r in rows if r in bad})
                copies = len(rows) - len(set(rows))
                good = len({r for r in rows if r not in bad})

                project = os.path.join(self.tmp, f'p{seed}.segments')
                path = os.path.join(self.tmp, f'i{seed}.csv')
                with open(path, 'w', encoding='utf-8') as f:
                    f.write('customer_id,date,type,value,channel\n')
                    f.write('\n'.join(rows) + '\n')
                cli('import', project, '--transactions', orders, '--interactions', path)
                problems = os.path.join(self.tmp, f'problems{seed}.csv')
                cli('problems', project, '--csv', problems)
                with open(problems, encoding='utf-8') as f:
                    listed = [p for p in csv.DictReader(f) if p['file'].endswith(f'i{seed}.csv')]
                kinds = [p['kind'] for p in listed]
                self.assertEqual(kinds.count('rejected'), first_bad)
                self.assertEqual(kinds.count('duplicate'), copies)
                self.assertEqual(stored(project), good)
                # every copy is reported at the line of the copy, after its first row
                for p in listed:
                    if p['kind'] == 'duplicate':
                        line = int(p['line']) - 2
                        self.assertEqual(rows[line], p['raw'])
                        self.assertIn(p['raw'], rows[:line])


if __name__ == '__main__':
    CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main()
