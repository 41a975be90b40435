#!/usr/bin/python3
# ui-file-chooser.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Choosing files with the keyboard alone (issue 19): the orders file in the import wizard
and where the report's PDF goes.

Without a desktop portal (GTK_USE_PORTAL=0, and none on the test's session bus) GTK 4.8's
native file chooser is its own GtkFileChooserDialog in the application's process: a window
on the accessibility bus and on the X server, which keys typed through XTEST reach.  In it
Ctrl+L opens the location entry, the path is typed and Enter accepts it; to save, the name
is typed into the name entry, which has the focus, in the folder the chooser opens on.  The test then checks what the application did with the file:
the wizard lists the orders file, the PDF is written.

    meson test -C _build ui-file-chooser --print-errorlogs"""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ui_atspi  # noqa: E402
from ui_atspi import Atspi  # noqa: E402

SEGMENTS = sys.argv.pop(1)
SCHEMA_DIR = sys.argv.pop(1)
ORDERS = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                      '..', 'data', 'sample', 'transactions.csv'))


def enabled(node):
    # GTK 4.8 reports SENSITIVE alone, never ENABLED.
    return node.get_state_set().contains(Atspi.StateType.SENSITIVE)


def button(window, name):
    return ui_atspi.find(window, lambda n, r, nm: r == Atspi.Role.PUSH_BUTTON and nm == name
                         and ui_atspi.on_screen(n))


def pdf_complete(path):
    """True once PATH holds a whole PDF: its header and, at the end, its trailer."""
    try:
        with open(path, 'rb') as f:
            head = f.read(5)
            f.seek(max(0, os.path.getsize(path) - 64))
            tail = f.read()
    except OSError:
        return False
    return head == b'%PDF-' and b'%%EOF' in tail


class FileChooser(unittest.TestCase):

    def setUp(self):
        self.out = tempfile.mkdtemp(prefix='segments-chooser-')
        # The application starts in the output folder, which its save chooser opens on.
        self.cwd = os.getcwd()
        os.chdir(self.out)
        self.app = ui_atspi.App(SEGMENTS, SCHEMA_DIR, ['--sample'],
                                env={'GTK_USE_PORTAL': '0'})
        self.addCleanup(self.app.close)
        self.app.wait_for(lambda: self.app.action_enabled('win.import-files'),
                          'the sample project', timeout=180)
        self.main = self.app.window('Sample — Segments')

    def toplevel_names(self):
        """The names of every top-level node, shown or not: GTK 4.8 gives a dialog's node
        no SHOWING state although its X window is mapped."""
        root = self.app.root
        return {root.get_child_at_index(i).get_name() for i in range(root.get_child_count())}

    def new_window(self, before, what):
        def find():
            root = self.app.root
            nodes = [root.get_child_at_index(i) for i in range(root.get_child_count())]
            return [n for n in nodes if n is not None and n.get_name() not in before]
        return self.app.wait_for(find, what)[0]

    def choose(self, key, what, keys_then_path):
        """Types KEY to open a file chooser, waits for its window, then types the keys and
        the path of KEYS_THEN_PATH and Enter into it."""
        before = self.toplevel_names()
        ui_atspi.keys(key)
        chooser = self.new_window(before, 'the file chooser of ' + what)
        name = chooser.get_name()
        ui_atspi.focus_window(chooser, self.app.proc.pid)
        *keys, path = keys_then_path
        ui_atspi.keys(*keys)
        ui_atspi.type_text(path)
        ui_atspi.keys('Return')
        self.app.wait_for(lambda: name not in self.toplevel_names(),
                          'the file chooser of %s closed' % what)

    def test_open_orders_in_wizard(self):
        ui_atspi.focus_window(self.main, self.app.proc.pid)
        before = self.toplevel_names()
        ui_atspi.keys('ctrl+i')
        wizard = self.new_window(before, 'the import wizard from Ctrl+I')
        ui_atspi.focus_window(wizard, self.app.proc.pid)
        # Alt+C is "_Choose…" for the orders file; in the chooser Ctrl+L takes a path.
        self.choose('alt+c', 'the orders file',
                    ['ctrl+l', ORDERS])
        self.app.wait_for(lambda: ui_atspi.find(
            wizard, lambda n, r, nm: r == Atspi.Role.LABEL and nm == os.path.basename(ORDERS)),
            'the orders file in the wizard')
        ui_atspi.focus_window(wizard, self.app.proc.pid)
        self.app.wait_for(lambda: (lambda b: b is not None and enabled(b))(
            button(wizard, 'Next')), 'Next enabled with the orders file chosen')

    def test_save_report_pdf(self):
        target = os.path.join(self.out, 'keyboard report.pdf')
        ui_atspi.focus_window(self.main, self.app.proc.pid)
        ui_atspi.keys('alt+4')
        self.app.wait_for(lambda: (lambda b: b is not None and enabled(b))(
            button(self.main, 'Export PDF…')), 'Export PDF… enabled', timeout=180)
        # Alt+D is "Export P_DF…"; the name entry has the focus.  The name alone: while the
        # chooser reads a folder, its inline completion of a typed folder path (/tmp has
        # many entries) can swallow the keys that follow.
        self.choose('alt+d', 'Export PDF…',
                    ['ctrl+a', os.path.basename(target)])
        self.app.wait_for(lambda: pdf_complete(target), 'the PDF at ' + target, timeout=300)
        self.assertEqual(sorted(os.listdir(self.out)), [os.path.basename(target)])

    def tearDown(self):
        os.chdir(self.cwd)
        for name in os.listdir(self.out):
            os.unlink(os.path.join(self.out, name))
        os.rmdir(self.out)


if __name__ == '__main__':
    unittest.main(verbosity=2)
