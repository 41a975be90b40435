#!/usr/bin/python3
# test-cli-lightfile.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A lighter project file (issue 21): what `segments-cli import` stores is packed, and read
with a decoder written from the format (segments_blob.py) it gives back the file's rows: each
order's customer, day, amount and id. Snapshots are packed too and hold what they say.

usage: test-cli-lightfile.py SEGMENTS_CLI
"""

import csv
import datetime
import os
import random
import sqlite3
import struct
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import segments_blob  # noqa: E402

CLI = None
START = datetime.date(2023, 1, 1)


def run_cli(*args):
    r = subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=600)
    if r.returncode != 0:
        raise AssertionError(f'{args}: {r.stderr}')
    return r.stdout


def write_orders(path, seed, n_customers):
    """Orders with awkward amounts and ids; returns the rows as (customer, day, amount, id)."""
    rng = random.Random(seed)
    rows = []
    for c in range(n_customers):
        for _ in range(rng.randint(1, 6)):
            style = rng.randrange(5)
            if style == 0:
                amount = f'{rng.randint(1, 99999) / 100:.2f}'
            elif style == 1:
                amount = f'{rng.randint(1, 10 ** 7) / 10 ** 6:.6f}'
            elif style == 2:
                amount = str(rng.randint(1, 10 ** 9))
            elif style == 3:
                amount = f'{rng.random() * 500:.4f}'
            else:
                amount = f'{rng.randint(1, 5000) / 10:.1f}'
            day = START + datetime.timedelta(days=rng.randrange(700))
            rows.append((f'cust{c:05d}', day, amount, f'SO-{len(rows) + 17:07d}'))
    rng.shuffle(rows)
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['order_id', 'customer_id', 'order_date', 'amount'])
        for cust, day, amount, oid in rows:
            w.writerow([oid, cust, day.isoformat(), amount])
    return rows


def unpack(blob, code, n):
    return list(struct.unpack(f'<{n}{code}', segments_blob.raw(blob)))


class LightFileTest(unittest.TestCase):

    def test_rows_read_back(self):
        with tempfile.TemporaryDirectory(prefix='segments-lightfile-') as tmp:
            path = os.path.join(tmp, 'orders.csv')
            project = os.path.join(tmp, 'p.segments')
            rows = write_orders(path, 21, 3000)
            run_cli('import', project, '--transactions', path)

            db = sqlite3.connect(project)
            keys = segments_blob.raw(db.execute(
                "SELECT data FROM columns WHERE name = 'key'").fetchone()[0]).split(b'\0')[:-1]
            keys = [k.decode() for k in keys]
            stored, raw_bytes, packed_bytes = [], 0, 0
            for n, cust, day, amount, order_keys in db.execute(
                    'SELECT n, customer, day, amount, order_keys FROM transaction_chunks '
                    'ORDER BY id'):
                for blob in (cust, day, amount, order_keys):
                    self.assertTrue(segments_blob.is_packed(blob))
                    packed_bytes += len(blob)
                raw_bytes += 16 * n + len(segments_blob.raw(order_keys))
                ids = segments_blob.raw(order_keys).split(b'\0')[:-1]
                for c, d, a, o in zip(unpack(cust, 'I', n), unpack(day, 'i', n),
                                      unpack(amount, 'd', n), ids):
                    stored.append((keys[c], d, a, o.decode()))
            self.assertLess(packed_bytes, raw_bytes / 2)

            # Day numbers count from some epoch: the same offset for every row.
            offsets = {d - (day - START).days for (_, day, _, _), (_, d, _, _)
                       in zip(sorted(rows, key=lambda r: r[3]), sorted(stored, key=lambda r: r[3]))}
            self.assertEqual(len(offsets), 1)
            self.assertEqual(sorted((c, float(a), o) for c, _, a, o in rows),
                             sorted((c, a, o) for c, _, a, o in stored))

            monetary = unpack(db.execute("SELECT data FROM columns WHERE name = 'monetary'")
                              .fetchone()[0], 'd', len(keys))
            spend = {}
            for c, _, a, _ in rows:
                spend[c] = spend.get(c, 0.0) + float(a)
            for k, m in zip(keys, monetary):
                self.assertAlmostEqual(m, spend[k], delta=1e-9 * max(1.0, abs(m)))
            db.close()

            run_cli('segment', project, '--k', '4')
            run_cli('snapshot', project)
            db = sqlite3.connect(project)
            n, labels, features, revenue = db.execute(
                'SELECT n_customers, labels, customer_features, revenue FROM snapshots').fetchone()
            self.assertEqual(n, len(keys))
            self.assertTrue(segments_blob.is_packed(features))
            freq = unpack(features, 'd', 3 * n)[n:2 * n]
            per_customer = {}
            for c, _, _, o in rows:
                per_customer.setdefault(c, set()).add(o)
            self.assertEqual(freq, [float(len(per_customer[k])) for k in keys])
            self.assertLessEqual(max(unpack(labels, 'H', n)), 4)
            self.assertEqual(len(unpack(revenue, 'd', n)), n)
            db.close()


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main()
