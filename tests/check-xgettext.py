#!/usr/bin/python3
# check-xgettext.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The translation template is whole: po/POTFILES.in lists every file with translatable
messages (and only files that exist, LC_ALL=C sorted), xgettext reads them without a
warning, no message of a GtkBuilder file is flagged as a C format, and every translation in
po/LINGUAS compiles with msgfmt --check (format directives, plural forms, header).

Why the GtkBuilder check: xgettext keeps the format guess of the C file it read last, so a
.ui label such as "% of customers" became a "c-format" message ("% o" is an octal
conversion) and a correct German msgstr failed msgfmt --check. GtkBuilder never formats its
strings, so such a flag is always wrong; write the label so that it reads as no conversion.

How complete each translation is, is printed, not checked: a new message must not break
the build before translators have seen it (top up with msgmerge --update po/LL.po)."""

import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
po_dir = os.path.join(root, 'po')
problems = []

# Meson's glib preset (see /usr/share/meson … i18n.py) and po/meson.build's extra arguments.
keywords = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dcgettext:2', 'g_dngettext:2,3',
            'g_dpgettext2:2c,3']
flags = ['N_:1:pass-c-format', 'C_:2:pass-c-format', 'NC_:2:pass-c-format',
         'g_dngettext:2:pass-c-format', 'g_strdup_printf:1:c-format',
         'g_string_printf:2:c-format', 'g_string_append_printf:2:c-format',
         'g_error_new:3:c-format', 'g_set_error:4:c-format',
         'g_markup_printf_escaped:1:c-format', 'g_log:3:c-format', 'g_print:1:c-format',
         'g_printerr:1:c-format', 'g_printf:1:c-format', 'g_fprintf:2:c-format',
         'g_sprintf:2:c-format', 'g_snprintf:3:c-format']

# 1. POTFILES.in: existing files, sorted, and every file with messages listed.
with open(os.path.join(po_dir, 'POTFILES.in'), encoding='utf-8') as f:
    listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]
for path in listed:
    if not os.path.isfile(os.path.join(root, path)):
        problems.append('po/POTFILES.in lists %s, which does not exist' % path)
if listed != sorted(listed, key=lambda s: s.encode()):
    problems.append('po/POTFILES.in is not sorted (LC_ALL=C sort)')
if len(set(listed)) != len(listed):
    problems.append('po/POTFILES.in lists a file twice')

c_call = re.compile(r'(?<![\w.>])(?:N?C?_|g_dngettext|g_dpgettext2|g_dcgettext)\s*\(')
ui_mark = re.compile(r'translatable="yes"')
for top in ('src',):
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
        for name in filenames:
            path = os.path.relpath(os.path.join(dirpath, name), root)
            if name.endswith('.c'):
                pattern = c_call
            elif name.endswith('.ui'):
                pattern = ui_mark
            else:
                continue
            with open(os.path.join(root, path), encoding='utf-8') as f:
                text = f.read()
            # Leave out comments, so that a mention of _( in prose does not count.
            if name.endswith('.c'):
                text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
                text = re.sub(r'//[^\n]*', '', text)
            if pattern.search(text) and path not in listed:
                problems.append('%s has translatable messages but is not in po/POTFILES.in'
                                % path)
for name in sorted(os.listdir(os.path.join(root, 'data'))):
    path = 'data/' + name
    if name.endswith('.in') and ('.desktop' in name or '.metainfo' in name) \
            and path not in listed:
        problems.append('%s is translated through i18n.merge_file but is not in '
                        'po/POTFILES.in' % path)

# 2. xgettext as meson runs it: no warning, no c-format flag on a GtkBuilder message.
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'segments.pot')
    args = ['xgettext', '--package-name=segments', '--from-code=UTF-8', '--add-comments',
            '-o', pot, '--directory', root,
            '--files-from', os.path.join(po_dir, 'POTFILES.in')]
    args += ['--keyword=' + k for k in keywords] + ['--flag=' + f for f in flags]
    run = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in run.stderr.splitlines():
        if line.strip():
            problems.append('xgettext: ' + line)
    if run.returncode != 0:
        problems.append('xgettext exited with %d' % run.returncode)
        pot = None
    if pot:
        with open(pot, encoding='utf-8') as f:
            entries = f.read().split('\n\n')
        msgids = 0
        for entry in entries[1:]:
            msgids += 1
            refs = ' '.join(re.findall(r'^#: (.*)$', entry, re.M)).split()
            if refs and all(re.search(r'\.ui:\d+$', r) for r in refs) \
                    and re.search(r'^#,.*\bc-format\b', entry, re.M):
                m = re.search(r'^msgid (".*")', entry, re.M)
                problems.append('%s: a GtkBuilder message is flagged c-format: %s'
                                % (refs[0], m.group(1) if m else '?'))

        # 3. Every translation compiles and checks; its completeness is reported.
        with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
            linguas = [w for line in f if not line.startswith('#') for w in line.split()]
        for lang in linguas:
            po = os.path.join(po_dir, lang + '.po')
            if not os.path.isfile(po):
                problems.append('po/LINGUAS names %s, but po/%s.po does not exist'
                                % (lang, lang))
                continue
            check = subprocess.run(['msgfmt', '--check', '-o', os.devnull, po],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
            if check.returncode != 0:
                problems.append('msgfmt --check po/%s.po:\n%s' % (lang, check.stderr))
            merged = os.path.join(tmp, lang + '.po')
            subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged,
                            po, pot], check=True)
            stats = subprocess.run(['msgfmt', '--statistics', '-o', os.devnull, merged],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
            print('po/%s.po against the sources (%d messages): %s'
                  % (lang, msgids, stats.stderr.strip()))

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
