# cli_run.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A command run for the Python tests: its output, or the test fails with its error."""

import subprocess


def run(*args, env=None, timeout=600):
    """Runs ARGS (converted to text); returns its standard output, or raises AssertionError
    with the exit status and standard error when it fails."""
    r = subprocess.run([str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=timeout, env=env)
    if r.returncode != 0:
        raise AssertionError(f'{args} failed ({r.returncode}): {r.stderr}')
    return r.stdout
