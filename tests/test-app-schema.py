#!/usr/bin/python3
# test-app-schema.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The program without its settings schema: --help still works, and a start says what is
missing and exits with status 1 instead of aborting in GLib."""

import os
import subprocess
import sys
import tempfile
import unittest

SEGMENTS = sys.argv.pop(1)


class MissingSchema(unittest.TestCase):

    def run_segments(self, *args):
        with tempfile.TemporaryDirectory() as empty:
            env = dict(os.environ, GSETTINGS_SCHEMA_DIR=empty, XDG_DATA_DIRS=empty,
                       GSETTINGS_BACKEND='memory')
            return subprocess.run([SEGMENTS, *args], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, timeout=60)

    def test_help(self):
        r = self.run_segments('--help')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('Usage', r.stdout)
        self.assertNotIn('ERROR', r.stderr)

    def test_start(self):
        r = self.run_segments()
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn('settings schema', r.stderr)
        self.assertIn('io.github.segments.Segments', r.stderr)
        self.assertNotIn('GLib-GIO-ERROR', r.stderr)

    def test_sample(self):
        r = self.run_segments('--sample')
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn('settings schema', r.stderr)


if __name__ == '__main__':
    unittest.main(verbosity=2)
