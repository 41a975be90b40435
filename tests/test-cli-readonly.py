#!/usr/bin/python3
# test-cli-readonly.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A project in a folder that takes no new files (issue 19: a sandbox, a shared read-only
folder): SQLite's working files (-wal, -shm) cannot be made next to it.  It opens for
reading — `show`, `validate`, `report` and exports to another folder work and read the same
as from a writable copy — and every change fails with a message that says why and what to
do, leaving the file byte for byte as it was and no working file beside it.

The test runs the CLI as the unprivileged user `nobody` (setpriv), since root may write
anywhere; it is skipped when it cannot.

usage: test-cli-readonly.py SEGMENTS_CLI [unittest options]
"""

import datetime
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

CLI = None
NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']


def run(*args, as_nobody=False):
    cmd = (NOBODY if as_nobody else []) + [CLI] + [str(a) for a in args]
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=300, env=dict(os.environ, LC_ALL='C.UTF-8'))


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


@unittest.skipUnless(os.geteuid() == 0 and shutil.which('setpriv'),
                     'needs root and setpriv to run the CLI as a user who may not write')
class ReadOnlyFolderTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='segments-ro-')
        os.chmod(self.dir, 0o755)            # nobody may enter and read, not write
        rng = random.Random(4)
        csv_path = os.path.join(self.dir, 'orders.csv')
        with open(csv_path, 'w') as f:
            f.write('order_id,customer_id,order_date,amount\n')
            for i in range(900):
                day = datetime.date(2025, 6, 30) - datetime.timedelta(days=rng.randint(0, 500))
                f.write(f'O{i},C{rng.randint(0, 199):03d},{day},{rng.uniform(5, 400):.2f}\n')
        self.project = os.path.join(self.dir, 'p.segments')
        for args in (('import', self.project, '--transactions', csv_path),
                     ('segment', self.project, '--k', '3')):
            r = run(*args)
            self.assertEqual(r.returncode, 0, r.stderr)
        # Closed cleanly: no working file is left, the file alone holds the project.
        self.assertEqual(sorted(os.listdir(self.dir)), ['orders.csv', 'p.segments'])
        os.chmod(self.project, 0o644)
        self.out = tempfile.mkdtemp(prefix='segments-ro-out-')
        os.chmod(self.out, 0o777)

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)
        shutil.rmtree(self.out, ignore_errors=True)

    def test_reads(self):
        before = digest(self.project)
        for args in (('show', self.project), ('show', self.project, '--json'),
                     ('validate', self.project, '--json'), ('problems', self.project)):
            mine, theirs = run(*args), run(*args, as_nobody=True)
            self.assertEqual(theirs.returncode, 0, theirs.stderr)
            self.assertEqual(theirs.stdout, mine.stdout, args)
        pdf = os.path.join(self.out, 'report.pdf')
        r = run('report', self.project, '-o', pdf, as_nobody=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertGreater(os.path.getsize(pdf), 1000)
        csv_out = os.path.join(self.out, 'segments.csv')
        r = run('export', self.project, '--assignments', csv_out, as_nobody=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(digest(self.project), before)
        self.assertEqual(sorted(os.listdir(self.dir)), ['orders.csv', 'p.segments'])

    def test_changes_refused(self):
        before = digest(self.project)
        for args in (('brief', self.project, '--objective', 'Grow'),
                     ('segment', self.project, '--k', '4'),
                     ('edit', self.project, '--segment', '1', '--name', 'Renamed'),
                     ('clv', self.project)):
            r = run(*args, as_nobody=True)
            self.assertNotEqual(r.returncode, 0, args)
            self.assertIn('cannot be changed because its folder is read-only', r.stderr, args)
            self.assertIn('Copy the project to a folder you can change', r.stderr, args)
            self.assertNotIn('Traceback', r.stderr)
        self.assertEqual(digest(self.project), before)
        self.assertEqual(sorted(os.listdir(self.dir)), ['orders.csv', 'p.segments'])


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main()
