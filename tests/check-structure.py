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
#      gtk/ or adwaita header or names a seg_ identifier;
#   d. no import cycles under src/: a module is a file stem with "-private" dropped
#      (sc-kmeans.c, sc-kmeans.h and sc-kmeans-private.h are one module sc-kmeans), and
#      module A depends on B when a file of A has #include "B.h" or "B-private.h"; every
#      strongly connected group of two or more modules is printed with its includes;
#   e. the core's folders are layered, each above the ones before it: the base files at the
#      top of src/libsegcore (all but sc-project*), io/, store/, import/, model/,
#      lifecycle/, sc-project*, render/; no file includes a header of a higher layer.
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
QUOTED_INCLUDE = re.compile(r'^\s*#\s*include\s+"(?:[^"]*/)?([^"/]+)"')

# Rule e, from the bottom up; "" is the top of src/libsegcore without sc-project*.
LAYERS = ("", "io", "store", "import", "model", "lifecycle", "sc-project", "render")


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

    offenders.extend(check_cycles(root))
    offenders.extend(check_layers(root))

    return offenders


def module_of(name):
    """sc-kmeans-private.h, sc-kmeans.h and sc-kmeans.c are all the module sc-kmeans."""
    stem = os.path.splitext(name)[0]
    return stem[:-len("-private")] if stem.endswith("-private") else stem


def quoted_includes(path):
    """Yields (line number, included file name without its folder) of #include "…"."""
    for number, line in enumerate(read_lines(path), 1):
        match = QUOTED_INCLUDE.match(line)
        if match:
            yield number, match.group(1)


def strongly_connected(graph):
    """Tarjan's algorithm, without recursion; returns the groups of two or more nodes."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    for start in sorted(graph):
        if start in index:
            continue
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(sorted(graph[start])))]
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = len(index)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(graph[succ]))))
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return sorted(groups)


def check_cycles(root):
    files = list(source_files(root, "src", (".c", ".h")))
    modules = {module_of(os.path.basename(rel)) for rel, path in files}
    graph = {module: set() for module in modules}
    where = {}
    for rel, path in files:
        module = module_of(os.path.basename(rel))
        for number, name in quoted_includes(path):
            target = module_of(name)
            if target in modules and target != module:
                graph[module].add(target)
                where.setdefault((module, target), "%s:%d" % (rel, number))

    offenders = []
    for group in strongly_connected(graph):
        edges = ["%s -> %s (%s)" % (a, b, where[(a, b)])
                 for a in group for b in group if (a, b) in where]
        offenders.append("module cycle: %s; %s" % (" <-> ".join(group), ", ".join(edges)))
    return offenders


def layer_of(rel):
    """The index in LAYERS of a file under CORE, None for a folder rule e does not know."""
    parts = os.path.relpath(rel, CORE).split(os.sep)
    if len(parts) > 1:
        name = parts[0]
    else:
        name = "sc-project" if parts[0].startswith("sc-project") else ""
    return LAYERS.index(name) if name in LAYERS else None


def check_layers(root):
    files = list(source_files(root, CORE, (".c", ".h")))
    header_layer = {os.path.basename(rel): layer_of(rel) for rel, path in files
                    if rel.endswith(".h")}

    offenders = []
    for rel, path in files:
        layer = layer_of(rel)
        if layer is None:
            offenders.append("%s: in a folder that is not one of the layers" % rel)
            continue
        for number, name in quoted_includes(path):
            target = header_layer.get(name)
            if target is not None and target > layer:
                offenders.append("%s:%d: includes \"%s\" of a higher layer (%s above %s)"
                                 % (rel, number, name, LAYERS[target] or "base",
                                    LAYERS[layer] or "base"))
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
