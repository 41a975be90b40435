#!/usr/bin/python3
# test-cli-edit.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of setting segments from the command line (issue 16): `edit PROJECT
--segment ID|NAME` with every field the app's editor sets and --accept-suggested; `plan
[--segment] [--json]` and the `plan` object of each segment in `show --json`, suggested
fields marked; usage errors exit 2, failures 1, and a failed edit changes nothing.

usage: test-cli-edit.py SEGMENTS_CLI SOURCE_ROOT [unittest options]

The data are planted groups written here from a seed.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

CLI = None
SOURCE_ROOT = None
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
PLAN_KEYS = {'situation', 'objective', 'tactics', 'tier', 'tier_meaning', 'channel', 'cadence',
             'kpi', 'suggested'}
ALL_SUGGESTED = ['objective', 'tactics', 'tier', 'channel', 'cadence', 'kpi']
# Groups far apart: (orders, spend per order, days since the last order), written by
# test-cli-validate.py's write_groups().
GROUPS = [(1, 20.0, 600), (1, 900.0, 20), (12, 40.0, 5), (4, 250.0, 250), (30, 1500.0, 90)]


def run_cli(*args, timeout=600):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=timeout)


def load_validate_helpers():
    """test-cli-validate.py's planted groups, loaded rather than copied."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-cli-validate.py')
    spec = importlib.util.spec_from_file_location('segments_test_cli_validate', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class EditTestCase(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix='segments-cli-edit-')
        orders = os.path.join(cls._tmp.name, 'orders.csv')
        load_validate_helpers().write_groups(orders, GROUPS, 60, seed=16)
        cls.template = os.path.join(cls._tmp.name, 'template.segments')
        for args in (('import', cls.template, '--transactions', orders),
                     ('segment', cls.template, '--k', '4'),
                     ('clv', cls.template)):
            r = run_cli(*args)
            if r.returncode != 0:
                raise RuntimeError(f'{args}: {r.stderr}')

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix='segments-cli-edit-case-')
        self.project = os.path.join(self._dir.name, 'p.segments')
        shutil.copy(self.template, self.project)

    def tearDown(self):
        self._dir.cleanup()

    def cli_ok(self, *args):
        r = run_cli(*args)
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        return r

    def cli_fails(self, expected, *args):
        r = run_cli(*args)
        self.assertEqual(r.returncode, expected, (args, r.stdout, r.stderr))
        self.assertTrue(r.stderr.startswith('segments-cli: '), r.stderr)
        return r

    def show(self):
        return json.loads(self.cli_ok('show', self.project, '--json').stdout)

    def plans(self, *args):
        return json.loads(self.cli_ok('plan', self.project, '--json', *args).stdout)

    def definitions(self):
        path = os.path.join(self._dir.name, 'definitions.json')
        self.cli_ok('export', self.project, '--segments', path)
        with open(path, encoding='utf-8') as f:
            return json.load(f)

    def definition(self, name):
        found = [s for s in self.definitions()['segments'] if s['name'] == name]
        self.assertEqual(len(found), 1, name)
        return found[0]

    def segment(self, show, ident):
        found = [s for s in show['segments'] if s['id'] == ident]
        self.assertEqual(len(found), 1)
        return found[0]

    # -- reading ---------------------------------------------------------------------------

    def test_show_json_has_a_complete_plan(self):
        show = self.show()
        for s in show['segments']:
            plan = s['plan']
            self.assertEqual(set(plan), PLAN_KEYS, s['name'])
            self.assertTrue(plan['objective'])
            self.assertTrue(3 <= len(plan['tactics']) <= 5, plan['tactics'])
            self.assertIn(plan['tier'], ('high', 'mid', 'low'))
            self.assertTrue(plan['tier_meaning'].lower().startswith(plan['tier']), plan)
            self.assertTrue(plan['channel'] and plan['cadence'])
            self.assertEqual(plan['suggested'], ALL_SUGGESTED)
            # The KPI value is the figure it names, where show prints that figure too.
            kpi = plan['kpi']
            if kpi['key'] == 'revenue_share':
                self.assertEqual(kpi['value'], s['revenue_share'])
            elif kpi['key'] == 'p_alive':
                self.assertEqual(kpi['value'], s['p_alive'])
            elif kpi['key'] == 'customers':
                self.assertEqual(kpi['value'], s['size'])
            else:
                self.assertIn(kpi['key'], ('repeat_rate', 'median_recency'))

    def test_plan_text_marks_suggestions_and_decisions(self):
        r = self.cli_ok('plan', self.project)
        show = self.show()
        for s in show['segments']:
            self.assertIn(s['name'], r.stdout)
            # An owner is never invented: listed once under the decisions.
            self.assertEqual(r.stdout.count(f'Choose who owns “{s["name"]}”'), 1)
        self.assertIn('(suggested)', r.stdout)
        self.assertIn('Decisions needed:', r.stdout)
        self.assertNotIn('–', r.stdout)
        self.assertNotIn('Not set', r.stdout)

    def test_plan_json_one_segment(self):
        show = self.show()
        first = show['segments'][0]
        js = self.plans('--segment', first['name'].upper())
        self.assertEqual([p['id'] for p in js['plans']], [first['id']])
        self.assertEqual(js['plans'][0]['plan'], first['plan'])
        self.assertEqual({d['id'] for d in js['decisions']}, {first['id']})
        self.assertIn('owner', [d['kind'] for d in js['decisions']])

    # -- editing ---------------------------------------------------------------------------

    def test_every_option_sets_its_field(self):
        show = self.show()
        target = show['segments'][-1]
        n = len(show['segments'])
        self.cli_ok('edit', self.project, '--segment', str(target['id']),
                    '--name', 'Weekend buyers', '--description', 'Buy on Saturdays',
                    '--objective', 'Double their orders', '--tactic', 'Saturday offer',
                    '--tactic', 'Free delivery', '--tier', 'low', '--owner', 'Ana Lima',
                    '--priority', '1')
        show = self.show()
        s = self.segment(show, target['id'])
        self.assertEqual(s['name'], 'Weekend buyers')
        self.assertEqual(s['priority'], 1)
        self.assertEqual(show['segments'][0]['id'], target['id'])
        self.assertEqual(sorted(x['priority'] for x in show['segments']), list(range(1, n + 1)))
        plan = s['plan']
        self.assertEqual(plan['objective'], 'Double their orders')
        self.assertEqual(plan['tactics'], ['Saturday offer', 'Free delivery'])
        self.assertEqual(plan['tier'], 'low')
        self.assertTrue(plan['tier_meaning'].startswith('Low touch'))
        self.assertEqual(plan['suggested'], [])
        d = self.definition('Weekend buyers')
        self.assertEqual(d['description'], 'Buy on Saturdays')
        self.assertEqual(d['owner'], 'Ana Lima')
        self.assertEqual(d['service_tier'], 'low')
        js = self.plans('--segment', 'weekend BUYERS')
        self.assertEqual(js['plans'][0]['owner'], 'Ana Lima')
        self.assertNotIn('owner', [x['kind'] for x in js['decisions']])
        self.assertNotIn('plan', [x['kind'] for x in js['decisions']])

        # Empty clears a field: the suggestion comes back.
        self.cli_ok('edit', self.project, '--segment', 'weekend buyers', '--objective', '',
                    '--owner', '')
        s = self.segment(self.show(), target['id'])
        self.assertEqual(s['plan']['suggested'], ['objective', 'kpi'])
        self.assertIsNone(self.definition('Weekend buyers')['owner'])

    def test_accept_suggested(self):
        before = self.segment(self.show(), 2)
        self.cli_ok('edit', self.project, '--segment', '2', '--accept-suggested')
        after = self.segment(self.show(), 2)
        self.assertEqual(after['plan']['suggested'], [])
        for key in ('objective', 'tactics', 'tier', 'tier_meaning', 'channel', 'cadence',
                    'kpi'):
            self.assertEqual(after['plan'][key], before['plan'][key], key)
        d = self.definition(after['name'])
        self.assertEqual(d['objective'], before['plan']['objective'])
        self.assertEqual(d['tactics'], '\n'.join(before['plan']['tactics']))
        self.assertEqual(d['service_tier'], before['plan']['tier'])

    def test_accept_keeps_what_is_given(self):
        before = self.segment(self.show(), 3)
        self.cli_ok('edit', self.project, '--segment', '3', '--objective', 'Ours',
                    '--tier', 'high', '--accept-suggested')
        plan = self.segment(self.show(), 3)['plan']
        self.assertEqual(plan['objective'], 'Ours')
        self.assertEqual(plan['tier'], 'high')
        self.assertEqual(plan['tactics'], before['plan']['tactics'])
        self.assertEqual(plan['suggested'], [])

    # -- errors ----------------------------------------------------------------------------

    def test_usage_errors(self):
        p = self.project
        cases = [
            (('edit', p, '--owner', 'x'), '--segment'),
            (('edit', p, '--segment', '1'), 'something to set'),
            (('edit', p, '--segment', '1', '--tier', 'gold'), '--tier'),
            (('edit', p, '--segment', '1', '--priority', '0'), '--priority'),
            (('edit', p, '--segment', '1', '--priority', 'first'), '--priority'),
            (('edit', p, '--segment', '1', '--priority', '99'), 'from 1 to'),
            (('edit', p, '--segment', 'Nobody', '--owner', 'x'), 'no segment “Nobody”'),
            (('edit', p, '--segment', '42', '--owner', 'x'), 'The segments are'),
            (('plan', p, '--segment', 'Nobody'), 'no segment'),
            (('edit', '--segment', '1', '--owner', 'x'), 'one PROJECT'),
        ]
        before = self.show()
        for args, message in cases:
            r = self.cli_fails(EXIT_USAGE, *args)
            self.assertIn(message, r.stderr, args)
        self.assertEqual(self.show(), before)

    def test_failure_changes_nothing(self):
        show = self.show()
        before = (show, self.definitions())
        other = [s['name'] for s in show['segments'] if s['id'] != 1][0]
        # The owner would be set first; the taken name fails the whole edit.
        r = self.cli_fails(EXIT_FAILURE, 'edit', self.project, '--segment', '1',
                           '--owner', 'Ana', '--tactic', 'x', '--name', other.lower())
        self.assertIn('already called', r.stderr)
        self.assertEqual((self.show(), self.definitions()), before)
        self.cli_fails(EXIT_FAILURE, 'edit', os.path.join(self._dir.name, 'none.segments'),
                       '--segment', '1', '--owner', 'x')


if __name__ == '__main__':
    CLI = os.path.abspath(sys.argv[1])
    SOURCE_ROOT = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)
