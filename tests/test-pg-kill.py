#!/usr/bin/python3
# test-pg-kill.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Suite pg (issue 22): a refresh killed with SIGKILL mid-pull leaves the project as it was.

usage: test-pg-kill.py SEGMENTS_CLI [unittest options]

A refresh freezes a snapshot, reads the server (in parts, one session each), replaces the
figures and scores them, all in one transaction of the project.  For several seeded
datasets a project is imported from a view of the orders table and segmented; later orders
are added; then the view is made to wait inside the server, in the bounds' scan or in the
COPY of the per-customer figures, and the refresh is killed with SIGKILL while the server
holds it there.  The project must then be exactly as before: every table (a logical dump),
`show --json` and the snapshot list; and a following refresh must work and give what a
refresh of a copy taken before gives.  Skipped (77) without the server build-aux/test starts.
"""

import importlib.util
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import time

_spec = importlib.util.spec_from_file_location(
    'pg_common', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-pg.py'))
pg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pg)

HEADER, MAP = pg.ORDERS_HEADER, pg.ORDERS_MAP
# The statement the view waits in: the bounds' scan, or the COPY of the figures.
PHASES = {'bounds': 'SELECT count(*)%', 'copy': 'COPY%'}


def dump(path):
    """Every table of the project, as SQL text (a killed write leaves no trace here)."""
    db = sqlite3.connect(path)
    try:
        return '\n'.join(db.iterdump())
    finally:
        db.close()


class PgKillTest(pg.PgCliCase):
    def view(self, table, phase=None):
        """The view the project reads; with @phase it waits in that statement only."""
        wait = ''
        if phase is not None:
            wait = (" WHERE (SELECT count(*) FROM (SELECT pg_sleep(60) WHERE current_query() "
                    "LIKE '%s') AS z) >= 0" % PHASES[phase])
        pg.psql('CREATE OR REPLACE VIEW %s_v AS SELECT o.* FROM %s o%s' % (table, table, wait))

    def wait_backend(self, proc, table, phase):
        """Until a session of the refresh runs @phase's statement on the view."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            self.assertIsNone(proc.poll(), 'the refresh ended before it was killed')
            n = pg.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = '%s' AND "
                        "application_name = 'segments' AND state = 'active' AND query LIKE "
                        "'%s' AND query LIKE '%%%s_v%%'"
                        % (pg.DB, PHASES[phase].replace("'", "''"), table))
            if int(n or 0) > 0:
                return
            time.sleep(0.05)
        self.fail('the refresh never reached the %s' % phase)

    def state(self, project):
        show = json.loads(self.cli('show', project, '--json'))
        return show, self.cli('snapshots', project)

    def check_seed(self, seed, phase):
        rng = random.Random(seed)
        lines, _ = pg.generate(seed, rng.randint(150, 500))
        rng.shuffle(lines)
        cut = len(lines) * rng.randint(60, 90) // 100
        table = 'kill_%d_%s' % (seed, phase)
        early_csv, late_csv = self.path('e-%s.csv' % table), self.path('l-%s.csv' % table)
        pg.write_csv(early_csv, HEADER, lines[:cut])
        pg.write_csv(late_csv, HEADER, lines[cut:])
        pg.psql('CREATE TABLE %s (order_id text, customer_id text, order_date date, '
                'quantity int, unit_price numeric(10,2), amount numeric(12,2), consent text)'
                % table)
        pg.psql("\\copy %s FROM '%s' CSV HEADER" % (table, early_csv))
        self.view(table)
        p = self.path('%s.segments' % table)
        self.cli('import', p, '--pg', pg.conninfo(), '--orders-table', table + '_v', *MAP)
        self.cli('segment', p, '--seed', str(seed))
        pg.psql("\\copy %s FROM '%s' CSV HEADER" % (table, late_csv))
        twin = self.path('%s-twin.segments' % table)
        shutil.copy(p, twin)
        before, before_state = dump(p), self.state(p)

        self.view(table, phase)
        env = dict(os.environ, PGPASSWORD=pg.PASSWORD)
        env.pop('PGHOST', None)
        proc = subprocess.Popen([pg.CLI, 'refresh', p], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            self.wait_backend(proc, table, phase)
            proc.send_signal(signal.SIGKILL)
            proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        self.assertEqual(proc.returncode, -signal.SIGKILL)
        # The killed refresh's sessions, still waiting in the server.
        pg.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%s' "
                "AND application_name = 'segments' AND pid <> pg_backend_pid()" % pg.DB)

        self.assertEqual(dump(p), before, 'seed %d, %s: the project changed' % (seed, phase))
        self.assertEqual(self.state(p), before_state)

        # The next refresh works, and does what it would have done without the kill.
        self.view(table)
        self.assertIn('Assigned', self.cli('refresh', p))
        self.cli('refresh', twin)
        after, twin_after = self.state(p), self.state(twin)
        ok, where = pg.close(after[0], twin_after[0])
        self.assertTrue(ok, 'seed %d, %s: show --json differs at %s' % (seed, phase, where))
        # The same snapshots, taken at other seconds.
        taken = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ')
        self.assertEqual(taken.sub('', after[1]), taken.sub('', twin_after[1]))
        self.assertGreater(after[0]['transactions'], before_state[0]['transactions'])

    def test_kill_mid_pull(self):
        for seed, phase in ((5, 'copy'), (23, 'bounds'), (61, 'copy')):
            with self.subTest(seed=seed, phase=phase):
                self.check_seed(seed, phase)


if __name__ == '__main__':
    pg.main()
