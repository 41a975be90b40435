#!/usr/bin/python3
# test-cli-snapdelta.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Snapshots stored as deltas, runs' labels and interaction chunks packed (issue 21), read
from the file with the decoder written from the format (segments_blob.py) rather than by
Segments: a second snapshot of the same data is a small delta that decodes to the first; a
snapshot after new orders decodes to figures that match the orders; deleting the base keeps
its dependant readable; each run's labels give its segments' sizes; interactions decode to
the file's rows.

usage: test-cli-snapdelta.py SEGMENTS_CLI
"""
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
START = datetime.date(2024, 1, 1)
P1_DAYS, P2_DAYS = 600, 60


def run_cli(*args):
    r = subprocess.run([CLI] + [str(a) for a in args], capture_output=True, text=True,
                       timeout=300)
    if r.returncode != 0:
        raise AssertionError(f'{args}: exit {r.returncode}\n{r.stderr}')
    return r.stdout


def write(path, header, rows):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(header + '\n' + ''.join(row + '\n' for row in rows))


def snapshot_rows(db):
    return {row[0]: row[1:] for row in db.execute(
        'SELECT id, base, n_customers, as_of, labels, customer_features, revenue, orders '
        'FROM snapshots')}


def decode(rows, sid):
    """Labels, features (recency, frequency, spend) and revenue of snapshot @sid, raw."""
    base, n, as_of, labels, features, revenue, orders = rows[sid]
    if base is None:
        return (segments_blob.raw(labels, 2 * n), segments_blob.raw(features, 24 * n),
                segments_blob.raw(revenue, 8 * n), segments_blob.raw(orders, 8 * n))
    assert rows[base][0] is None, 'a delta of a delta'
    b_labels, b_features, b_revenue, b_orders = decode(rows, base)
    b_n, b_as_of = rows[base][1], rows[base][2]

    # The delta compares the last order's day (as_of − recency), not recency.
    def by_day(raw_features, count, day):
        v = list(struct.unpack(f'<{3 * count}d', raw_features))
        v[:count] = [day - x for x in v[:count]]
        return struct.pack(f'<{3 * count}d', *v)

    days = segments_blob.delta(features, by_day(b_features, b_n, b_as_of), 8, 3, n)
    return (segments_blob.delta(labels, b_labels, 2, 1, n), by_day(days, n, as_of),
            segments_blob.delta(revenue, b_revenue, 8, 1, n),
            segments_blob.delta(orders, b_orders, 8, 1, n))


class SnapshotDelta(unittest.TestCase):
    def test_deltas(self):
        rng = random.Random(7)
        with tempfile.TemporaryDirectory() as tmp:
            project = os.path.join(tmp, 'p.segments')
            p1, p2, inter = [], [], []
            oid = 0
            for c in range(500):
                for _ in range(rng.randint(1, 6)):
                    oid += 1
                    day = START + datetime.timedelta(days=rng.randrange(P1_DAYS))
                    p1.append(f'O{oid},C{c:04d},{day},{rng.uniform(5, 300):.2f}')
                for k in range(rng.randint(0, 4)):
                    day = START + datetime.timedelta(days=rng.randrange(P1_DAYS))
                    kind = rng.choice(['email_open', 'web_visit'])
                    inter.append(f'C{c:04d},{day},{kind},{k + 1},ch-{k}')
            for c in range(0, 530, 7):
                oid += 1
                day = START + datetime.timedelta(days=P1_DAYS + rng.randrange(P2_DAYS))
                p2.append(f'O{oid},C{c:04d},{day},{rng.uniform(5, 300):.2f}')
            header = 'order_id,customer_id,order_date,amount'
            write(os.path.join(tmp, 'p1.csv'), header, p1)
            write(os.path.join(tmp, 'p2.csv'), header, p2)
            write(os.path.join(tmp, 'ix.csv'), 'customer_id,date,type,value,channel', inter)

            run_cli('import', project, '--transactions', os.path.join(tmp, 'p1.csv'))
            run_cli('import', project, '--interactions', os.path.join(tmp, 'ix.csv'))
            run_cli('segment', project, '--k', '3')
            run_cli('snapshot', project)
            run_cli('snapshot', project)
            run_cli('import', project, '--transactions', os.path.join(tmp, 'p2.csv'))
            run_cli('segment', project, '--k', '3', '--seed', '2')
            run_cli('snapshot', project)

            db = sqlite3.connect(project)
            rows = snapshot_rows(db)
            first, second, third = sorted(rows)
            self.assertIsNone(rows[first][0])
            self.assertEqual(rows[second][0], first)
            # The same data twice: a delta of nothing much, giving the first back.
            self.assertEqual(decode(rows, second), decode(rows, first))
            whole = sum(len(b) for b in rows[first][3:])
            self.assertLess(sum(len(b) for b in rows[second][3:]), whole / 20)
            self.check_figures(db, rows, first, len(p1))
            self.check_figures(db, rows, third, len(p1) + len(p2))
            third_before = decode(rows, third)
            db.close()

            # Deleting the base: the others read the same, from the file alone.
            run_cli('snapshots', project, '--delete', first)
            db = sqlite3.connect(project)
            rows = snapshot_rows(db)
            self.assertEqual(sorted(rows), [second, third])
            self.assertEqual(decode(rows, third), third_before)
            self.check_figures(db, rows, second, len(p1))

            # Each run's labels, packed, give its segments' sizes.
            for run, n, labels in db.execute('SELECT id, n_customers, labels FROM runs'):
                self.assertTrue(segments_blob.is_packed(labels, 2 * n))
                values = struct.unpack(f'<{n}H', segments_blob.raw(labels, 2 * n))
                for position, size in db.execute('SELECT position, size FROM segments '
                                                 'WHERE run = ?', (run,)):
                    self.assertEqual(values.count(position), size)

            # Interactions: packed, and the file's rows per type.
            chunks = db.execute('SELECT n, type FROM interaction_chunks').fetchall()
            names = segments_blob.raw(db.execute(
                "SELECT data FROM columns WHERE name = 'interaction_types'").fetchone()[0])
            names = names.split(b'\0')[:-1]
            counts = {}
            for n, types in chunks:
                self.assertTrue(segments_blob.is_packed(types, 2 * n))
                for t in struct.unpack(f'<{n}H', segments_blob.raw(types, 2 * n)):
                    counts[names[t].decode()] = counts.get(names[t].decode(), 0) + 1
            expected = {}
            for row in inter:
                kind = row.split(',')[2]
                expected[kind] = expected.get(kind, 0) + 1
            self.assertEqual(counts, expected)
            db.close()

    def check_figures(self, db, rows, sid, n_orders):
        """Labels count the segments' members; frequency sums to the orders before as_of."""
        n = rows[sid][1]
        labels, features, _, _ = decode(rows, sid)
        labels = struct.unpack(f'<{n}H', labels)
        frequency = struct.unpack(f'<{3 * n}d', features)[n:2 * n]
        self.assertEqual(sum(frequency), n_orders)
        for position, size in db.execute('SELECT position, size FROM snapshot_segments '
                                         'WHERE snapshot = ?', (sid,)):
            self.assertEqual(labels.count(position), size)


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main()
