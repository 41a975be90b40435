#!/usr/bin/python3
# check-structure.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The layering rules of src/DESIGN.md, checked by grep (suite data):
#   a. the app and the CLI reach the core through ScProject only: no file under
#      src/segments or src/segments-cli includes a store, run, edit or snapshot header;
#   b. no .c or .h file under src/ is longer than MAX_LINES lines;
#   c. the core knows nothing of GTK or the app: no file under src/libsegcore includes a
#      gtk/ or adwaita header or names a seg_ identifier.
# Every offender is printed on its own line; the exit status is 1 when there is any.
#
# usage: check-structure.py [SOURCE_ROOT]   (default: the folder above this script)

import os
import re
import sys

MAX_LINES = 1200

FRONT_ENDS = ("src/segments", "src/segments-cli")
CORE = "src/libsegcore"

# "sc-store.h", "sc-store-private.h", "sc-run.h", "sc-run-private.h" and any other
# sc-store*/sc-run* header; "sc-edit.h" and "sc-snapshot.h" exactly.
PRIVATE_CORE_INCLUDE = re.compile(
    r'^\s*#\s*include\s+"(?:[^"]*/)?(sc-store[^"]*|sc-run[^"]*|sc-edit\.h|sc-snapshot\.h)"')
GTK_INCLUDE = re.compile(r'^\s*#\s*include\s+[<"](gtk/[^">]*|adwaita[^">]*|libadwaita[^">]*)[">]')
SEG_IDENTIFIER = re.compile(r'\bseg_[A-Za-z0-9_]*')


def source_files(root, folder, suffixes=None):
    """Yields (relative path, absolute path) of every file under root/folder, sorted."""
    top = os.path.join(root, folder)
    for directory, subdirs, names in os.walk(top):
        subdirs.sort()
        for name in sorted(names):
            if suffixes is not None and not name.endswith(suffixes):
                continue
            path = os.path.join(directory, name)
            yield os.path.relpath(path, root), path


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read().splitlines()


def check(root):
    offenders = []

    for folder in FRONT_ENDS:
        for rel, path in source_files(root, folder):
            for number, line in enumerate(read_lines(path), 1):
                match = PRIVATE_CORE_INCLUDE.match(line)
                if match:
                    offenders.append("%s:%d: includes \"%s\" (use ScProject)"
                                     % (rel, number, match.group(1)))

    for rel, path in source_files(root, "src", (".c", ".h")):
        count = len(read_lines(path))
        if count > MAX_LINES:
            offenders.append("%s: %d lines (more than %d)" % (rel, count, MAX_LINES))

    for rel, path in source_files(root, CORE):
        for number, line in enumerate(read_lines(path), 1):
            match = GTK_INCLUDE.match(line)
            if match:
                offenders.append("%s:%d: includes <%s> (the core is GTK-free)"
                                 % (rel, number, match.group(1)))
            for name in SEG_IDENTIFIER.findall(line):
                offenders.append("%s:%d: names %s (the core knows nothing of the app)"
                                 % (rel, number, name))

    return offenders


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    root = os.path.abspath(root)
    if not os.path.isdir(os.path.join(root, CORE)):
        sys.exit("check-structure.py: %s is not the source root" % root)

    offenders = check(root)
    for offender in offenders:
        print(offender)
    if offenders:
        print("%d structure rule(s) broken" % len(offenders), file=sys.stderr)
        return 1
    print("structure: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
