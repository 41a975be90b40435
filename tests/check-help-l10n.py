#!/usr/bin/python3
# check-help-l10n.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The help is finished and its translations build (issue 19): yelp-check status reports
every page of help/C as "final", and each language of help/LINGUAS has a help/LL/LL.po that
passes msgfmt --check and, merged into the pages by itstool as gnome.yelp does, gives pages
that yelp-check validate accepts.

How complete each translation is, is printed, not checked: a changed English page must not
break the build before translators have seen it (top up with
"itstool -o help.pot help/C/*.page help/C/legal.xml; msgmerge --update help/LL/LL.po help.pot").
"""

import glob
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
help_dir = os.path.join(root, 'help')
problems = []

pages = sorted(glob.glob(os.path.join(help_dir, 'C', '*.page')))
sources = pages + sorted(glob.glob(os.path.join(help_dir, 'C', '*.xml')))
if not pages:
    problems.append('help/C has no pages')

status = subprocess.run(['yelp-check', 'status'] + pages, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True)
if status.returncode != 0:
    problems.append('yelp-check status failed: ' + status.stderr.strip())
for line in status.stdout.splitlines():
    name, _, state = line.partition(':')
    if state.strip() != 'final':
        problems.append('help/C/%s.page is "%s", not "final"' % (name.strip(), state.strip()))

with open(os.path.join(help_dir, 'LINGUAS'), encoding='utf-8') as f:
    linguas = [w for line in f if not line.startswith('#') for w in line.split()]

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'help.pot')
    subprocess.run(['itstool', '-o', pot] + sources, check=True)
    with open(pot, encoding='utf-8') as f:
        messages = len(re.findall(r'^msgid ', f.read(), re.M)) - 1

    for lang in linguas:
        po = os.path.join(help_dir, lang, lang + '.po')
        if not os.path.isfile(po):
            problems.append('help/LINGUAS names %s, but help/%s/%s.po does not exist'
                            % (lang, lang, lang))
            continue
        mo = os.path.join(tmp, lang + '.mo')
        check = subprocess.run(['msgfmt', '--check', '-o', mo, po], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        if check.returncode != 0:
            problems.append('msgfmt --check help/%s/%s.po:\n%s' % (lang, lang, check.stderr))
            continue
        out = os.path.join(tmp, lang)
        os.mkdir(out)
        merge = subprocess.run(['itstool', '-m', mo, '-l', lang, '-o', out] + sources,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if merge.returncode != 0:
            problems.append('itstool could not merge help/%s/%s.po: %s'
                            % (lang, lang, merge.stderr.strip()))
            continue
        valid = subprocess.run(['yelp-check', 'validate', out], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        if valid.returncode != 0 or valid.stdout.strip():
            problems.append('the %s help does not validate:\n%s' % (lang, valid.stdout))

        merged = os.path.join(tmp, lang + '-merged.po')
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged, po, pot],
                       check=True)
        stats = subprocess.run(['msgfmt', '--statistics', '-o', os.devnull, merged],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        print('help/%s/%s.po against the pages (%d messages): %s'
              % (lang, lang, messages, stats.stderr.strip()))

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
