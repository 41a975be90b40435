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
STEPS = ['Files', 'Format', 'Columns', 'Customers', 'Interactions', 'Check']


def step_of(window):
    """The wizard's step as its subtitle says it ("Step 2 of 6: Format" → "Format")."""
    label = ui_atspi.find(window, lambda n, r, nm: r == Atspi.Role.LABEL and
                          nm.startswith('Step ') and ': ' in nm)
    return label.get_name().split(': ', 1)[1] if label is not None else None


def enabled(node):
    states = node.get_state_set()
    return states.contains(Atspi.StateType.SENSITIVE) and \
        states.contains(Atspi.StateType.ENABLED)


def button(window, name):
    return ui_atspi.find(window, lambda n, r, nm: r == Atspi.Role.PUSH_BUTTON and nm == name
                         and ui_atspi.on_screen(n))


class Wizard(unittest.TestCase):

    def setUp(self):
        self.app = ui_atspi.App(SEGMENTS, SCHEMA_DIR, ['--sample'])
        self.addCleanup(self.app.close)
        self.app.wait_for(lambda: self.app.action_enabled('win.import-files'),
                          'the sample project', timeout=180)

    def open_wizard(self):
        before = {name for name, _ in self.app.windows()}
        uris = [GLib.filename_to_uri(os.path.join(SAMPLE, f), None) for f in FILES]
        self.app.activate('win.import-files', GLib.Variant('as', uris))
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


    def new_window(self, before, what):
        return self.app.wait_for(
            lambda: [w for name, w in self.app.windows() if name not in before], what)[0]

    def choose_file(self, key, path, parent):
        """Opens a file chooser with KEY and picks PATH in it by typing."""
        before = {name for name, _ in self.app.windows()}
        ui_atspi.keys(key)
        chooser = self.new_window(before, 'the file chooser of ' + key)
        ui_atspi.focus_window(chooser, self.app.proc.pid)
        ui_atspi.keys('ctrl+a')
        ui_atspi.type_text(path)
        ui_atspi.keys('Return')
        self.app.wait_for(lambda: {name for name, _ in self.app.windows()} == before,
                          'the file chooser of %s closed' % key)
        ui_atspi.focus_window(parent, self.app.proc.pid)

    def test_keyboard_journey(self):
        """Import, segment, rename and export a report with the keyboard alone."""
        main = self.app.window('Sample — Segments')
        ui_atspi.focus_window(main, self.app.proc.pid)
        before = {name for name, _ in self.app.windows()}
        ui_atspi.keys('ctrl+i')
        wizard = self.new_window(before, 'the import wizard from Ctrl+I')
        ui_atspi.focus_window(wizard, self.app.proc.pid)
        for key, name in zip(['alt+c', 'alt+h', 'alt+o'], FILES):
            self.choose_file(key, os.path.join(SAMPLE, name), wizard)
        for _ in STEPS[:-1]:
            self.next_step(wizard, 'alt+n', 'Next')
        self.assertEqual(step_of(wizard), 'Check')
        self.next_step(wizard, 'alt+i', 'Import')
        self.app.wait_for(lambda: button(wizard, 'Segment Now'), 'Segment Now', timeout=300)
        ui_atspi.keys('alt+s')
        self.app.wait_for(lambda: {name for name, _ in self.app.windows()} == before,
                          'the wizard closed')
        self.app.wait_for(lambda: self.app.action_enabled('win.segment'),
                          'the segmentation', timeout=300)

        # Rename the selected segment: Alt+3 shows the segments, Alt+N is the name.
        ui_atspi.focus_window(main, self.app.proc.pid)
        ui_atspi.keys('alt+3')
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
        target = os.path.join(self.app.tmp, 'keyboard-report.pdf')
        self.choose_file('alt+d', target, main)
        self.app.wait_for(lambda: os.path.exists(target) and os.path.getsize(target) > 0,
                          'the report written', timeout=300)
        with open(target, 'rb') as f:
            self.assertEqual(f.read(5), b'%PDF-')


if __name__ == '__main__':
    unittest.main(verbosity=2)
