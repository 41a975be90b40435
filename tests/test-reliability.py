#!/usr/bin/python3
# test-reliability.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The kill-9 suite: every command that writes a project is one transaction (issue 14).

usage: test-reliability.py SEGMENTS_CLI RELIABILITY_EDIT SOURCE_ROOT [unittest options]

Each command (import, segment after a rename, clv, snapshot, assign, export --preset (which
records the export), import --margin, profit --margin and --value-basis, rules add and delete,
edit, and the editor's actions through reliability-edit) is run once uninterrupted to learn the state after it and
the SQLite statements it runs (SEGMENTS_TEST_KILL_AT_STATEMENT=count), then again on fresh
copies of the project killed with SIGKILL at many of those statements
(SEGMENTS_TEST_KILL_AT_STATEMENT=N, the test-only hook in src/libsegcore/store/
sc-store-debug.c).  After every kill the project must be exactly the state before the
command or the state after it, compared by content: every table of the file (timestamps
aside), `show --json`, `problems` and the exported segment definitions, besides
PRAGMA integrity_check.  tests/README.md records the numbers.
"""

import importlib.util
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

CLI = None
EDIT = None
SOURCE_ROOT = None
KILL_VAR = 'SEGMENTS_TEST_KILL_AT_STATEMENT'

# At least MIN_KILLS kill points per command: the statements inside the write transactions
# (at most MAX_INSIDE of them, spread evenly when there are more), then others spread over
# the rest of the run.
MIN_KILLS = 20
MAX_INSIDE = 18
# Columns that say when something was saved: they differ between two runs of a command.
VOLATILE_COLUMNS = {'created_at', 'imported_at'}
VOLATILE_KEYS = {'created_at', 'imported_at', 'exported_at', 'generated_at', 'project'}

# What each test recorded, for the summary printed at the end (and kept in tests/README.md).
RESULTS = []


def load_cli_helpers():
    """test-cli.py's data generators, loaded rather than copied."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-cli.py')
    spec = importlib.util.spec_from_file_location('segments_test_cli', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(argv, kill_at=None, extra_env=None):
    env = dict(os.environ)
    env.pop(KILL_VAR, None)
    if kill_at is not None:
        env[KILL_VAR] = str(kill_at)
    env.update(extra_env or {})
    return subprocess.run([str(a) for a in argv], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env, timeout=120)


def copy_project(src, dest):
    # (-journal: the rollback journal a first import that was killed leaves, which the next
    # connection plays back)
    for suffix in ('', '-wal', '-journal'):
        if os.path.exists(src + suffix):
            shutil.copyfile(src + suffix, dest + suffix)
        elif os.path.exists(dest + suffix):
            os.unlink(dest + suffix)
    if os.path.exists(dest + '-shm'):
        os.unlink(dest + '-shm')


def strip_volatile(value):
    if isinstance(value, dict):
        return {k: strip_volatile(v) for k, v in value.items() if k not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [strip_volatile(v) for v in value]
    return value


def dump_tables(path):
    """Every table's rows, in a stable order, timestamps left out."""
    db = sqlite3.connect(path)
    try:
        check = db.execute('PRAGMA integrity_check').fetchall()
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]
        dump = {'integrity': check}
        for table in tables:
            cur = db.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cur.description]
            keep = [i for i, n in enumerate(names) if n not in VOLATILE_COLUMNS]
            rows = [tuple(row[i] for i in keep) for row in cur.fetchall()]
            dump[table] = sorted(rows, key=repr)
        return dump
    finally:
        db.close()


class Fixture:
    """The projects the commands start from, built once."""

    def __init__(self, directory, helpers):
        self.dir = directory
        orders1 = self.path('orders-1.csv')
        self.orders2 = self.path('orders-2.csv')
        customers = self.path('customers.csv')
        ids = helpers.write_orders(orders1, 160, seed=11)
        with open(orders1, 'a', encoding='utf-8') as f:   # an outlier for the editor's fold
            for i in range(12):
                f.write(f'SO-WHALE-{i},CUST-WHALE,2024-0{1 + i % 9}-1{i % 10},250000.00\n')
        ids.append('CUST-WHALE')
        new_ids = ids[::4] + [f'NEW-{i:04d}' for i in range(40)]
        helpers.write_orders(self.orders2, 0, seed=12, ids=new_ids,
                             start=helpers.datetime.date(2025, 6, 1), span_days=120,
                             first_order=900000)
        helpers.write_customers(customers, {c: 'yes' for c in ids})

        # data: orders and customers; segmented: four segments, the first renamed with an
        # owner (so that a re-run has something to carry over); valued: plus a value model;
        # grown: valued plus a second orders file, ready to be assigned.
        self.data = self.path('data.segments')
        self.ok(CLI, 'import', self.data, '--transactions', orders1, '--customers', customers)
        self.segmented = self.path('segmented.segments')
        copy_project(self.data, self.segmented)
        self.ok(CLI, 'segment', self.segmented, '--k', '4', '--seed', '3')
        self.ok(EDIT, self.segmented, 'rename', 'Our best customers')
        self.ok(EDIT, self.segmented, 'objective')
        self.valued = self.path('valued.segments')
        copy_project(self.segmented, self.valued)
        self.ok(CLI, 'clv', self.valued)
        self.grown = self.path('grown.segments')
        copy_project(self.valued, self.grown)
        self.ok(CLI, 'import', self.grown, '--transactions', self.orders2)
        self.helpers = helpers

    def path(self, name):
        return os.path.join(self.dir, name)

    @staticmethod
    def ok(*argv):
        r = run(argv)
        if r.returncode != 0:
            raise RuntimeError(f'{" ".join(map(str, argv))} failed:\n{r.stderr}')
        return r


class KillTestCase(unittest.TestCase):
    maxDiff = None
    fixture = None

    @classmethod
    def setUpClass(cls):
        if KillTestCase.fixture is None:
            KillTestCase._tmp = tempfile.TemporaryDirectory(prefix='segments-kill-')
            KillTestCase.fixture = Fixture(KillTestCase._tmp.name, load_cli_helpers())

    def setUp(self):
        self._work = tempfile.TemporaryDirectory(prefix='segments-kill-run-')
        self.work = self._work.name

    def tearDown(self):
        self._work.cleanup()

    def state(self, project):
        """The project's content, read from a copy (opening it replays the WAL)."""
        copy = os.path.join(self.work, 'state.segments')
        copy_project(project, copy)
        show = run([CLI, 'show', copy, '--json'])
        self.assertEqual(show.returncode, 0, show.stderr)
        problems = run([CLI, 'problems', copy])
        self.assertEqual(problems.returncode, 0, problems.stderr)
        definitions = os.path.join(self.work, 'segments.json')
        export = run([CLI, 'export', copy, '--segments', definitions])
        exported = None
        if export.returncode == 0:
            with open(definitions, encoding='utf-8') as f:
                exported = strip_volatile(json.load(f))
            os.unlink(definitions)
        dump = dump_tables(copy)
        self.assertEqual(dump['integrity'], [('ok',)])
        return {
            'show': strip_volatile(json.loads(show.stdout)),
            'problems': problems.stdout,
            'definitions': (export.returncode, exported),
            'tables': dump,
        }

    def statements(self, start, argv):
        """The statements the command runs from @start: [(number, sql)]."""
        project = os.path.join(self.work, 'count.segments')
        copy_project(start, project)
        r = run([a if a != '{project}' else project for a in argv], kill_at='count')
        self.assertEqual(r.returncode, 0, r.stderr)
        found = re.findall(r'^segments-test: (\d+) (.*)$', r.stderr, re.M)
        total = re.search(r'^segments-test: statements (\d+)$', r.stderr, re.M)
        self.assertIsNotNone(total, r.stderr)
        statements = [(int(n), sql) for n, sql in found]
        self.assertEqual(len(statements), int(total.group(1)))
        return statements

    @staticmethod
    def spread(numbers, count):
        if len(numbers) <= count:
            return set(numbers)
        step = (len(numbers) - 1) / (count - 1)
        return {numbers[round(i * step)] for i in range(count)}

    @classmethod
    def kill_points(cls, statements, minimum):
        """Each BEGIN, COMMIT and first statement after a COMMIT (where a command written as
        several transactions would show a mix), statements inside the write transactions up
        to MAX_INSIDE in all, then others spread evenly over the run until there are
        @minimum + 4 (or all of them)."""
        inside, window, edges = False, [], set()
        total = len(statements)
        for n, sql in statements:
            word = sql.strip().upper()
            if word.startswith('BEGIN'):
                inside = True
                edges.add(n)
            elif inside:
                window.append(n)
            if word.startswith('COMMIT'):
                inside = False
                edges.add(n)
                if n < total:
                    edges.add(n + 1)
        points = edges | cls.spread([n for n in window if n not in edges],
                                    max(0, MAX_INSIDE - len(edges)))
        rest = [n for n, _ in statements if n not in points]
        points |= cls.spread(rest, max(0, minimum + 4 - len(points)))
        return sorted(points)

    def check_command(self, name, start, argv, middle=(), undone=False):
        """Kills @argv ('{project}' is the project) at many statements on copies of @start;
        each time the project must be as before or as after the command (or one of the
        @middle states: a complete earlier step of a command that makes more than one
        change, like an edit and its undo).  @undone: the command ends where it started (an
        edit undone), which must then be the state after it."""
        before = self.state(start)
        done = os.path.join(self.work, 'after.segments')
        copy_project(start, done)
        r = run([a if a != '{project}' else done for a in argv])
        self.assertEqual(r.returncode, 0, r.stderr)
        after = self.state(done)
        if undone:
            self.assertTrue(before == after, f'{name} did not end where it started')
        else:
            self.assertTrue(before['tables'] != after['tables'], f'{name} changed nothing')

        statements = self.statements(start, argv)
        points = self.kill_points(statements, MIN_KILLS)
        self.assertGreaterEqual(len(points), min(MIN_KILLS, len(statements)))
        seen = {'before': 0, 'after': 0}
        project = os.path.join(self.work, 'killed.segments')
        for point in points:
            copy_project(start, project)
            r = run([a if a != '{project}' else project for a in argv], kill_at=point)
            self.assertEqual(r.returncode, -signal.SIGKILL,
                             f'{name}: not killed at statement {point}: {r.stderr}')
            got = self.state(project)
            sql = statements[point - 1][1]
            if got == before:
                seen['before'] += 1
            elif got == after:
                seen['after'] += 1
            elif any(got == m for m in middle):
                seen['middle'] = seen.get('middle', 0) + 1
            else:
                for part in ('tables', 'show', 'problems', 'definitions'):
                    if got[part] != before[part] and got[part] != after[part]:
                        self.fail(f'{name} killed at statement {point} ({sql}): {part} is '
                                  f'neither as before nor as after the command')
                self.fail(f'{name} killed at statement {point} ({sql}): a mix of the '
                          f'states before and after')
        self.assertGreater(seen['before'], 0)
        RESULTS.append((name, len(statements), len(points), seen))
        return seen

    # ---------------------------------------------------------------------------------------

    def test_import(self):
        f = self.fixture
        argv = [CLI, 'import', '{project}', '--transactions', f.orders2]
        self.check_command('import', f.valued, argv)

        # Issue 14, item 6: once the import has succeeded, the ".segments" file alone (say, a
        # copy taken without its "-wal") holds it: killed right after the import's commit,
        # the file without the WAL is the state after the import.
        statements = self.statements(f.valued, argv)
        commits = [n for n, sql in statements if sql.strip().upper().startswith('COMMIT')]
        self.assertTrue(commits)
        project = os.path.join(self.work, 'killed.segments')
        copy_project(f.valued, project)
        r = run([a if a != '{project}' else project for a in argv], kill_at=commits[-1] + 1)
        self.assertEqual(r.returncode, -signal.SIGKILL, r.stderr)
        alone = os.path.join(self.work, 'alone.segments')
        shutil.copyfile(project, alone)
        done = os.path.join(self.work, 'done.segments')
        copy_project(f.valued, done)
        Fixture.ok(*[a if a != '{project}' else done for a in argv])
        self.assertTrue(self.state(alone) == self.state(done),
                        'the imported rows are not in the .segments file itself')

    def new_project_files(self):
        """A bigger orders file, so that the import's pages outgrow the test's small cache,
        and the state of a new project that holds nothing (reliability-edit create)."""
        orders = os.path.join(self.work, 'orders-new.csv')
        self.fixture.helpers.write_orders(orders, 3000, seed=21)
        empty = os.path.join(self.work, 'empty.segments')
        Fixture.ok(EDIT, empty, 'create')
        return orders, self.state(empty)

    def test_import_new_project(self):
        # Issue 21: the first import of a new project, the only connection to its file,
        # writes its pages once through a rollback journal (store/sc-store-import.c,
        # _sc_store_begin_alone).  With a cache of a few pages the transaction writes most
        # of them into the project file before its commit, so a kill finds a file that only
        # the journal can put back: after every kill the project is missing (killed before
        # it was made), new and empty, or complete -- never part of the import.
        orders, empty = self.new_project_files()
        small = {'SEGMENTS_TEST_CACHE_PAGES': '4'}
        argv = [CLI, 'import', '{project}', '--transactions', orders]
        done = os.path.join(self.work, 'done.segments')
        r = run([a if a != '{project}' else done for a in argv], extra_env=small)
        self.assertEqual(r.returncode, 0, r.stderr)
        after = self.state(done)
        self.assertTrue(after['tables'] != empty['tables'])
        for suffix in ('-journal', '-wal', '-shm'):
            self.assertFalse(os.path.exists(done + suffix), suffix)
        db = sqlite3.connect(done)
        try:
            self.assertEqual(db.execute('PRAGMA journal_mode').fetchone()[0], 'wal')
        finally:
            db.close()

        project = os.path.join(self.work, 'count.segments')
        r = run([a if a != '{project}' else project for a in argv], kill_at='count',
                extra_env=small)
        self.assertEqual(r.returncode, 0, r.stderr)
        statements = [(int(n), sql) for n, sql in
                      re.findall(r'^segments-test: (\d+) (.*)$', r.stderr, re.M)]
        self.assertIn('BEGIN EXCLUSIVE', [sql.strip() for _, sql in statements])
        points = self.kill_points(statements, MIN_KILLS)
        seen = {'before': 0, 'after': 0, 'missing': 0}
        spilled = 0
        project = os.path.join(self.work, 'killed.segments')
        for point in points:
            copy_project(os.path.join(self.work, 'absent.segments'), project)
            r = run([a if a != '{project}' else project for a in argv], kill_at=point,
                    extra_env=small)
            self.assertEqual(r.returncode, -signal.SIGKILL,
                             f'not killed at statement {point}: {r.stderr}')
            if not os.path.exists(project):
                seen['missing'] += 1
                continue
            if os.path.exists(project + '-journal'):
                # The file without its journal: part of the import written into it?
                bare = os.path.join(self.work, 'bare.segments')
                shutil.copyfile(project, bare)
                try:
                    spilled += dump_tables(bare) != empty['tables']
                except sqlite3.Error:
                    spilled += 1
                os.unlink(bare)
            got = self.state(project)
            sql = statements[point - 1][1]
            if got == empty:
                seen['before'] += 1
            elif got == after:
                seen['after'] += 1
            else:
                self.fail(f'the first import killed at statement {point} ({sql}): neither an '
                          f'empty project nor the import')
        # The kills did find the import half written into the file, with its journal.
        self.assertGreater(spilled, 0)
        self.assertGreater(seen['before'], 0)
        self.assertGreater(seen['after'], 0)
        RESULTS.append(('import into a new project', len(statements), len(points), seen))

    def test_open_during_first_import(self):
        # Issue 21: the first import of a new project holds the file in rollback mode under
        # an exclusive lock until its commit.  Another process opening it then cannot read
        # it: after the busy timeout it says that the project is being imported, not only
        # that it is locked.  The import is held (SIGSTOP, SEGMENTS_TEST_STOP_AT_STATEMENT)
        # at a statement after its cache has spilled pages into the file, then goes on.
        orders, _ = self.new_project_files()
        small = {'SEGMENTS_TEST_CACHE_PAGES': '4'}
        project = os.path.join(self.work, 'held.segments')
        argv = [CLI, 'import', '{project}', '--transactions', orders]
        statements = self.statements(os.path.join(self.work, 'absent.segments'), argv)
        argv = [a if a != '{project}' else project for a in argv]
        numbers = [n for n, sql in statements]
        begin = next(n for n, sql in statements if sql.strip() == 'BEGIN EXCLUSIVE')
        commit = next(n for n, sql in statements
                      if n > begin and sql.strip().upper().startswith('COMMIT'))
        point = numbers[(numbers.index(begin) + numbers.index(commit)) // 2]
        copy_project(os.path.join(self.work, 'absent.segments'), project)
        env = dict(os.environ, SEGMENTS_TEST_STOP_AT_STATEMENT=str(point), **small)
        env.pop(KILL_VAR, None)
        held = subprocess.Popen([str(a) for a in argv], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)
        try:
            deadline = time.monotonic() + 120
            while not self.stopped(held.pid):
                self.assertIsNone(held.poll(), 'the import ended without stopping')
                self.assertLess(time.monotonic(), deadline)
                time.sleep(0.05)
            self.assertTrue(os.path.exists(project + '-journal'))
            for command in (['show'], ['import', '--transactions', orders]):
                r = run([CLI, command[0], project] + command[1:])
                self.assertNotEqual(r.returncode, 0, r.stdout)
                self.assertIn('is being imported by another process', r.stderr)
                self.assertIn('Try again when that import has finished', r.stderr)
        finally:
            os.kill(held.pid, signal.SIGCONT)
            out, err = held.communicate(timeout=120)
        self.assertEqual(held.returncode, 0, err)
        r = run([CLI, 'show', project])
        self.assertEqual(r.returncode, 0, r.stderr)

    @staticmethod
    def stopped(pid):
        """Whether process @pid is stopped (Linux: state T in /proc/PID/stat)."""
        with open(f'/proc/{pid}/stat', encoding='ascii') as f:
            return f.read().rsplit(')', 1)[1].split()[0] in ('T', 't')

    def test_import_new_project_shared(self):
        # Issue 21: where another connection has the new project open (the app's views, a
        # second process), the import keeps the usual way (WAL), and that connection reads
        # on: here one of Python's, open before the import and read after it.  The file is
        # the same as the one written through the rollback journal.
        orders, empty = self.new_project_files()
        argv_done = [CLI, 'import', os.path.join(self.work, 'alone.segments'),
                     '--transactions', orders]
        Fixture.ok(*argv_done)
        alone = dump_tables(os.path.join(self.work, 'alone.segments'))

        project = os.path.join(self.work, 'shared.segments')
        Fixture.ok(EDIT, project, 'create')
        db = sqlite3.connect(project)
        try:
            self.assertEqual(db.execute('SELECT count(*) FROM transaction_chunks').fetchone(),
                             (0,))
            r = run([CLI, 'import', project, '--transactions', orders], kill_at='count')
            self.assertEqual(r.returncode, 0, r.stderr)
            begins = [sql.strip() for sql in re.findall(r'^segments-test: \d+ (BEGIN.*)$',
                                                         r.stderr, re.M)]
            self.assertNotIn('BEGIN EXCLUSIVE', begins)
            self.assertGreater(db.execute('SELECT count(*) FROM transaction_chunks').fetchone()[0],
                               0)
            self.assertEqual(db.execute('PRAGMA journal_mode').fetchone()[0], 'wal')
        finally:
            db.close()
        shared = dump_tables(project)
        self.assertEqual(shared.keys(), alone.keys())
        for table in alone:
            if table != 'imports':   # (its path column names the file)
                self.assertEqual(shared[table], alone[table], table)

    def test_segment_after_rename(self):
        f = self.fixture
        seen = self.check_command('segment', f.valued,
                                  [CLI, 'segment', '{project}', '--k', '5', '--seed', '4'])
        self.assertGreater(seen['after'], 0)

    def test_clv(self):
        f = self.fixture
        self.check_command('clv', f.segmented, [CLI, 'clv', '{project}'])

    def test_snapshot(self):
        f = self.fixture
        self.check_command('snapshot', f.valued,
                           [CLI, 'snapshot', '{project}', '--label', 'Kill test'])

    def test_hypothesis(self):
        # Issue 16: stating a hypothesis is one transaction.
        f = self.fixture
        show = run([CLI, 'show', f.valued, '--json'])
        name = json.loads(show.stdout)['segments'][0]['name']
        self.check_command('hypothesis add', f.valued,
                           [CLI, 'hypothesis', 'add', '{project}', '--group', f'segment={name}',
                            '--metric', 'orders', '--direction', 'higher'])

    def test_profit(self):
        # Issue 18: setting the margin (on import or alone), the value basis, adding and
        # deleting a rule are one transaction each.
        f = self.fixture
        # (from the project without segments: "stale" compares timestamps to the second)
        self.check_command('import --margin', f.data,
                           [CLI, 'import', '{project}', '--transactions', f.orders2,
                            '--margin', '30'])
        self.check_command('profit --margin', f.valued,
                           [CLI, 'profit', '{project}', '--margin', '20'])
        margined = os.path.join(self.work, 'margined.segments')
        copy_project(f.valued, margined)
        Fixture.ok(CLI, 'profit', margined, '--margin', '25')
        self.check_command('profit --value-basis', margined,
                           [CLI, 'profit', '{project}', '--value-basis', 'profit'])

    def test_rules(self):
        f = self.fixture
        self.check_command('rules add', f.valued,
                           [CLI, 'rules', 'add', '{project}', '--name', 'Big spenders',
                            '--where', 'spend >= 1000 and orders > 1'])
        ruled = os.path.join(self.work, 'ruled.segments')
        copy_project(f.valued, ruled)
        Fixture.ok(CLI, 'rules', 'add', ruled, '--name', 'Big', '--where', 'spend >= 1000')
        self.check_command('rules delete', ruled,
                           [CLI, 'rules', 'delete', '{project}', '--name', 'Big'])

    def test_assign(self):
        f = self.fixture
        self.check_command('assign', f.grown, [CLI, 'assign', '{project}'])

    def test_export_preset(self):
        f = self.fixture
        out = os.path.join(self.work, 'preset.csv')
        self.check_command('export --preset', f.valued,
                           [CLI, 'export', '{project}', '--preset', 'generic', '-o', out])

    def test_edits(self):
        f = self.fixture
        # owner goes the way of rename (sc_edit_set_field()); merge is in test_edit_and_undo.
        for action in ('rename', 'priority', 'split', 'move', 'fold', 'thresholds'):
            with self.subTest(action=action):
                self.check_command(f'edit {action}', f.valued, [EDIT, '{project}', action])

    def test_edit_and_undo(self):
        f = self.fixture
        merged = os.path.join(self.work, 'merged.segments')
        copy_project(f.valued, merged)
        Fixture.ok(EDIT, merged, 'merge')
        self.check_command('edit merge then undo', f.valued, [EDIT, '{project}', 'merge-undo'],
                           middle=[self.state(merged)])


    def test_cli_edit(self):
        f = self.fixture
        # Several fields, the rank and the accepted plan: one transaction.
        self.check_command('edit (CLI: fields, rank, accepted plan)', f.valued,
                           [CLI, 'edit', '{project}', '--segment', '2', '--owner', 'Ana',
                            '--description', 'Kill test', '--tactic', 'Call them',
                            '--priority', '1', '--accept-suggested'])

    def test_edit_segment_and_undo(self):
        f = self.fixture
        edited = os.path.join(self.work, 'edited.segments')
        copy_project(f.valued, edited)
        # The same change as reliability-edit's, to the last segment by position.
        show = json.loads(Fixture.ok(CLI, 'show', edited, '--json').stdout)
        last = max(s['id'] for s in show['segments'])
        Fixture.ok(CLI, 'edit', edited, '--segment', str(last), '--owner', 'Kim',
                   '--priority', '1', '--accept-suggested')
        self.check_command('edit segment then undo', f.valued,
                           [EDIT, '{project}', 'accept-undo'], middle=[self.state(edited)],
                           undone=True)


def print_results():
    if not RESULTS:
        return
    print('\ncommand | statements | kill points | before | after | other complete step',
          file=sys.stderr)
    for name, total, points, seen in RESULTS:
        print(f'{name} | {total} | {points} | {seen["before"]} | {seen["after"]} | '
              f'{seen.get("middle", 0)}', file=sys.stderr)


if __name__ == '__main__':
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    CLI, EDIT, SOURCE_ROOT = sys.argv[1], sys.argv[2], sys.argv[3]
    program = unittest.main(argv=[sys.argv[0]] + sys.argv[4:], exit=False)
    print_results()
    sys.exit(not program.result.wasSuccessful())
