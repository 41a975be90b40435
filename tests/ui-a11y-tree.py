#!/usr/bin/python3
# ui-a11y-tree.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The accessibility tree as a screen reader sees it (issue 19): the application runs with
the accessibility bus on, and every page, dialog and import-wizard step is walked over AT-SPI.
Each interactive node (button, toggle, combo box, menu button, entry, check box, spin button,
focusable list item…) that is on screen must have a name that is not empty, not a type name ("GtkToggleButton"),
holds no mnemonic marker ("_Next") and does not read itself twice ("Merge Merge").

    meson test -C _build ui-a11y-tree --print-errorlogs

(under xvfb-run and dbus-run-session, as build-aux/test runs every suite)."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ui_atspi  # noqa: E402
from ui_atspi import Atspi, GLib  # noqa: E402

SEGMENTS = sys.argv.pop(1)
SCHEMA_DIR = sys.argv.pop(1)
SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'sample')

PAGES = ['brief', 'overview', 'explore', 'segments', 'report', 'hypotheses']


class NameRules(unittest.TestCase):
    """The rules themselves: each kind of bad name is caught, good names pass."""

    def test_rules(self):
        for bad in ['', '  ', 'GtkToggleButton', 'GtkMenuButton', 'GtkImage', 'AdwGizmo',
                    '_Next Next', 'Export P_DF… Export PDF…', 'Merge Merge', '_Merge',
                    'Chart Chart', 'S_lides']:
            self.assertIsNotNone(ui_atspi.name_problem(bad), bad)
        for good in ['Next', 'Export PDF…', 'Use of column “amount”', 'Customers 1,039',
                     'Customers with company_size = Micro have a lower average spend',
                     'Segment 1 of 4: Loyal high spenders']:
            self.assertIsNone(ui_atspi.name_problem(good), good)


class Tree(unittest.TestCase):

    def setUp(self):
        self.app = ui_atspi.App(SEGMENTS, SCHEMA_DIR, ['--sample'])
        self.addCleanup(self.app.close)
        self.app.wait_for(lambda: self.app.action_enabled('win.show-page'),
                          'the sample project', timeout=180)

    def check(self, root, where):
        found = ui_atspi.problems(root)
        self.assertEqual(found, [], '%s: %d unusable names:\n  %s'
                         % (where, len(found), '\n  '.join(found)))

    def main_window(self):
        return self.app.window('Sample — Segments')

    def test_pages(self):
        found = []
        for page in PAGES:
            self.app.activate('win.show-page', GLib.Variant('s', page))
            window = self.main_window()
            tab = self.app.wait_for(
                lambda: ui_atspi.find(window, lambda n, r, nm: r == Atspi.Role.PAGE_TAB and
                                      n.get_state_set().contains(Atspi.StateType.SELECTED)),
                'the page ' + page)
            self.assertTrue(tab.get_name())
            found += ['%s: %s' % (page, p) for p in ui_atspi.problems(window)]
        self.assertEqual(found, [], '%d unusable names:\n  %s' % (len(found), '\n  '.join(found)))

    def test_dialogs(self):
        for action, title in [('win.changes', None), ('app.shortcuts', None),
                              ('app.about', None), ('win.import', None)]:
            before = {name for name, _ in self.app.windows()}
            self.app.activate(action)
            node = self.app.wait_for(
                lambda: [w for name, w in self.app.windows() if name not in before],
                'the window of ' + action)[0]
            self.check(node, action)
            # Escape closes every one of them; the keyboard suffices.
            ui_atspi.focus_window(node, self.app.proc.pid)
            ui_atspi.keys('Escape')
            self.app.wait_for(lambda: len(self.app.windows()) == len(before),
                              action + ' closed by Escape')

    def test_rules_dialog(self):
        """The Rules dialog, opened as a user does: Segments, the Overlay toggle, Rules…"""
        self.app.activate('win.show-page', GLib.Variant('s', 'segments'))
        window = self.main_window()

        def button(name):
            # GTK 4.8 gives a toggle button the role of a push button.
            return ui_atspi.find(window, lambda n, r, nm: nm == name and ui_atspi.on_screen(n)
                                 and r in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON))

        ui_atspi.click(self.app.wait_for(lambda: button('Overlay'), 'the Overlay toggle'))
        rules = self.app.wait_for(lambda: button('Rules…'), 'the Rules… button')
        before = {name for name, _ in self.app.windows()}
        ui_atspi.click(rules)
        node = self.app.wait_for(
            lambda: [w for name, w in self.app.windows() if name not in before],
            'the Rules dialog')[0]
        self.check(node, 'the Rules dialog')
        ui_atspi.focus_window(node, self.app.proc.pid)
        ui_atspi.keys('Escape')
        self.app.wait_for(lambda: len(self.app.windows()) == len(before),
                          'the Rules dialog closed by Escape')


if __name__ == '__main__':
    unittest.main(verbosity=2)
