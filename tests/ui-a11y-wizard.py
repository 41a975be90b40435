#!/usr/bin/python3
# ui-a11y-wizard.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The import wizard's accessibility tree, step by step, and the keyboard-only journey
(issue 19).

The wizard gets the three sample files through win.import-files (the URIs, as if they were
dropped on the window): the file chooser is the desktop portal's window, not the
application's.  From there on only keys are typed (XTEST through xdotool, no pointer): the
wizard goes from step to step with its mnemonics (Alt+N for _Next, Alt+I for _Import), and on
every step each interactive node must have a usable name by the rules of ui_atspi.

    meson test -C _build ui-a11y-wizard --print-errorlogs"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ui_atspi  # noqa: E402
from ui_atspi import Atspi, GLib  # noqa: E402

SEGMENTS = sys.argv.pop(1)
SCHEMA_DIR = sys.argv.pop(1)
SAMPLE = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                      '..', 'data', 'sample'))
FILES = ['transactions.csv', 'customers.csv', 'interactions.csv']
STEPS = ['Files', 'Format', 'Columns', 'Customer List', 'Interactions', 'Check']


def step_of(window):
    """The wizard's step as its subtitle says it ("Step 2 of 6: Format" → "Format")."""
    label = ui_atspi.find(window, lambda n, r, nm: r == Atspi.Role.LABEL and
                          nm.startswith('Step ') and ': ' in nm)
    return label.get_name().split(': ', 1)[1] if label is not None else None


def enabled(node):
    # GTK 4.8 reports SENSITIVE alone, never ENABLED.
    return node.get_state_set().contains(Atspi.StateType.SENSITIVE)


def button(window, name):
    return ui_atspi.find(window, lambda n, r, nm: r == Atspi.Role.PUSH_BUTTON and nm == name
                         and ui_atspi.on_screen(n))


class Wizard(unittest.TestCase):

    def setUp(self):
        self.app = ui_atspi.App(SEGMENTS, SCHEMA_DIR, ['--sample'])
        self.addCleanup(self.app.close)
        self.app.wait_for(lambda: self.app.action_enabled('win.import-files'),
                          'the sample project', timeout=180)

    def add_files(self):
        uris = [GLib.filename_to_uri(os.path.join(SAMPLE, f), None) for f in FILES]
        self.app.activate('win.import-files', GLib.Variant('as', uris))

    def open_wizard(self):
        before = {name for name, _ in self.app.windows()}
        self.add_files()
        wizard = self.app.wait_for(
            lambda: [w for name, w in self.app.windows() if name not in before],
            'the import wizard')[0]
        ui_atspi.focus_window(wizard, self.app.proc.pid)
        return wizard

    def next_step(self, wizard, key, label):
        """Types KEY (the mnemonic of the button LABEL) once the button is enabled, and
        waits for the wizard to leave the step it was on."""
        step = step_of(wizard)
        self.app.wait_for(lambda: (lambda b: b is not None and enabled(b))(
            button(wizard, label)), '“%s” enabled on the step %s' % (label, step), timeout=180)
        ui_atspi.keys(key)
        self.app.wait_for(lambda: step_of(wizard) != step, 'the step after ' + step,
                          timeout=180)

    def test_every_step(self):
        wizard = self.open_wizard()
        seen = []
        found = []
        while True:
            step = self.app.wait_for(lambda: step_of(wizard), 'a step')
            if step in seen:
                self.fail('the wizard came back to the step %s' % step)
            seen.append(step)
            found += ['%s: %s' % (step, p) for p in ui_atspi.problems(wizard)]
            if step == 'Check':
                break
            self.next_step(wizard, 'alt+n', 'Next')
        self.assertEqual(seen, STEPS)
        # The import itself, and the last page with its buttons.
        self.next_step(wizard, 'alt+i', 'Import')
        self.app.wait_for(lambda: button(wizard, 'Close'), 'the last page', timeout=300)
        found += ['Done: %s' % p for p in ui_atspi.problems(wizard)]
        self.assertEqual(found, [], '%d unusable names:\n  %s'
                         % (len(found), '\n  '.join(found)))


    def test_database_step(self):
        """The database step's first page, the connection form, which shows without a
        server: reached by “Connect…” on the files step."""
        before = {name for name, _ in self.app.windows()}
        self.app.activate('win.import')
        wizard = self.new_window(before, 'the import wizard')
        connect = self.app.wait_for(lambda: button(wizard, 'Connect…'),
                                    'the Connect… button')
        ui_atspi.click(connect)
        self.app.wait_for(lambda: ui_atspi.find(
            wizard, lambda n, r, nm: r == Atspi.Role.TEXT and nm == 'Host' and
            ui_atspi.on_screen(n)), 'the connection form')
        found = ui_atspi.problems(wizard)
        self.assertEqual(found, [], 'the database step: %d unusable names:\n  %s'
                         % (len(found), '\n  '.join(found)))

    def new_window(self, before, what):
        return self.app.wait_for(
            lambda: [w for name, w in self.app.windows() if name not in before], what)[0]

    def test_keyboard_journey(self):
        """Import, segment, rename and export a report with the keyboard alone."""
        main = self.app.window('Sample — Segments')
        ui_atspi.focus_window(main, self.app.proc.pid)
        before = {name for name, _ in self.app.windows()}
        ui_atspi.keys('ctrl+i')
        wizard = self.new_window(before, 'the import wizard from Ctrl+I')
        ui_atspi.focus_window(wizard, self.app.proc.pid)
        # The files as if dropped on it: the file chooser (Alt+C, Alt+H, Alt+O) is a dialog
        # of GTK's or the portal's, which under xvfb shows no window to type into.
        self.add_files()
        ui_atspi.focus_window(wizard, self.app.proc.pid)
        self.app.wait_for(lambda: ui_atspi.find(
            wizard, lambda n, r, nm: r == Atspi.Role.LABEL and nm == FILES[-1]),
            'the files in the wizard')
        for _ in STEPS[:-1]:
            self.next_step(wizard, 'alt+n', 'Next')
        self.assertEqual(step_of(wizard), 'Check')
        self.next_step(wizard, 'alt+i', 'Import')
        # Alt+S: "Segment Now" into a new project, "Show Segments" into one segmented already
        # (the sample): the segments are there either way.
        self.app.wait_for(lambda: button(wizard, 'Segment Now') or
                          button(wizard, 'Show Segments'), 'the last step', timeout=300)
        ui_atspi.keys('alt+s')
        self.app.wait_for(lambda: {name for name, _ in self.app.windows()} == before,
                          'the wizard closed')
        self.app.wait_for(lambda: self.app.action_enabled('win.segment'),
                          'the segmentation', timeout=300)

        # Rename a segment: Alt+3 shows the segments, Tab reaches the priority list, Enter
        # selects the segment, Alt+N is its name.
        ui_atspi.focus_window(main, self.app.proc.pid)
        ui_atspi.keys('alt+3')
        self.tab_to(main, lambda n, r, nm: r == Atspi.Role.LIST_ITEM and
                    'Segments by priority' in ui_atspi.describe(n), 'the priority list')
        ui_atspi.keys('Return')
        self.app.wait_for(lambda: ui_atspi.find(
            main, lambda n, r, nm: r == Atspi.Role.TEXT and nm == 'Name' and
            ui_atspi.on_screen(n)), 'the name of the segment')
        ui_atspi.keys('alt+n', 'ctrl+a')
        ui_atspi.type_text('Keyboard friends')
        ui_atspi.keys('Return')
        self.app.wait_for(lambda: ui_atspi.find(
            main, lambda n, r, nm: r == Atspi.Role.LABEL and nm == 'Keyboard friends'),
            'the renamed segment in the list')

        # The report as PDF: Alt+4 shows the report, Alt+D is "Export PDF…".
        ui_atspi.keys('alt+4')
        self.app.wait_for(lambda: (lambda b: b is not None and enabled(b))(
            button(main, 'Export PDF…')), 'Export PDF… enabled')
        # Alt+D opens the file chooser for the PDF (not typed into here, as above).
        before = {name for name, _ in self.app.windows()}
        ui_atspi.keys('alt+d')
        self.app.wait_for(lambda: [w for w in self.chooser_windows()
                                   if w.get_name() not in before],
                          'the file chooser of Export PDF…')

    def tab_to(self, window, predicate, what, most=60):
        """Presses Tab until the focus is on a node for which PREDICATE holds."""
        for _ in range(most):
            focus = ui_atspi.find(window, lambda n, r, nm: n.get_state_set().contains(
                Atspi.StateType.FOCUSED) and r not in (Atspi.Role.FRAME, Atspi.Role.PANEL))
            if focus is not None and predicate(focus, focus.get_role(), focus.get_name()):
                return focus
            ui_atspi.keys('Tab')
        self.fail('Tab never reached ' + what)

    def chooser_windows(self):
        """Every top-level node, shown or not: the file chooser's has no SHOWING state."""
        root = self.app.root
        return [root.get_child_at_index(i) for i in range(root.get_child_count())]


if __name__ == '__main__':
    unittest.main(verbosity=2)
