#!/usr/bin/python3
# check-translatable.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Runs xgettext over po/POTFILES.in as the translation build does (meson's glib preset) and
fails on any warning, and on messages xgettext cut short: a format macro it cannot read
(G_GUINT64_FORMAT, "%'" before a macro) ends the msgid in the middle of a conversion, so the
message can never be translated."""

import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
keywords = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dcgettext:2', 'g_dngettext:2,3',
            'g_dpgettext2:2c,3', 'ngettext:1,2']
flags = ['N_:1:pass-c-format', 'C_:2:pass-c-format', 'NC_:2:pass-c-format',
         'g_dngettext:2:pass-c-format', 'g_strdup_printf:1:c-format',
         'g_string_printf:2:c-format', 'g_string_append_printf:2:c-format',
         'g_error_new:3:c-format', 'g_set_error:4:c-format', 'g_print:1:c-format']

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'segments.pot')
    args = ['xgettext', '--from-code=UTF-8', '--add-comments', '-o', pot,
            '--directory', root, '--files-from', os.path.join(root, 'po', 'POTFILES.in')]
    args += ['--keyword=' + k for k in keywords] + ['--flag=' + f for f in flags]
    run = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    problems = [line for line in run.stderr.splitlines() if line.strip()]
    if run.returncode != 0:
        problems.append('xgettext exited with %d' % run.returncode)
    else:
        with open(pot, encoding='utf-8') as f:
            text = f.read()
        for entry in text.split('\n\n'):
            m = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
            if m is None or not re.search(r'^#,.*\bc-format\b', entry, re.M):
                continue
            msgid = ''.join(re.findall(r'"(.*)"', m.group(1))).replace('%%', '')
            if re.search(r"%['#0 +-]*$", msgid):
                problems.append('a message ends inside a conversion: "%s"' % msgid)

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
