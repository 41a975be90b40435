#!/usr/bin/python3
# bench-app.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Does the app stall at scale?  Opens a large project in the app and drives it the way a
person would — switching pages, selecting a segment, renaming, merging, undoing, re-binning
the scatter — and prints how soon the Overview was painted and the longest main-loop
iteration (a stall) each action caused.

The app measures itself: with SEGMENTS_STALL_PROBE=FILE it writes every main-loop iteration
busy for 2 ms or more, every frame it paints and a heartbeat saying whether work is still
running in the background (src/segments/seg-stall-probe.c), and takes the bench's commands
over D-Bus.  An action is over when the app has been idle for a second: no background work and
no iteration of 20 ms or more.

usage: bench-app.py [--customers N] [--data DIR] [--project FILE] [--build DIR] [--repeat R]
                    [--only WORD] [--cycles C]
  --data DIR     where the generated files and the project live (default
                 /tmp/segments-bench-app-N); made with ../shared/bench/gen_transactions.py,
                 segments-cli import, segment and clv unless already there
  --project FILE use this project instead
  --build DIR    the meson build directory (default: _build beside this folder)
  --only WORD    after opening, the Segments page, then only the actions whose name holds
                 WORD ("select"): with --cycles C those C times over, so that a profiler of
                 the app (BENCH_APP_WRAPPER) sees mostly them
Needs a display and a session bus: without DISPLAY it runs itself again under
`xvfb-run -a dbus-run-session` with the cairo renderer, as the UI tests do."""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
APP_ID = 'io.github.segments.Segments'
APP_PATH = '/io/github/segments/Segments'
TARGET_OPEN_MS = 1000
TARGET_STALL_MS = 50
QUIET_S = 1.0
QUIET_MS = 20


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--customers', type=int, default=1000000)
    p.add_argument('--data')
    p.add_argument('--project')
    p.add_argument('--build', default=os.path.join(HERE, '..', '_build'))
    p.add_argument('--repeat', type=int, default=1)
    p.add_argument('--only')
    p.add_argument('--cycles', type=int, default=1)
    return p.parse_args()


def make_project(args):
    if args.project:
        return args.project
    data = args.data or f'/tmp/segments-bench-app-{args.customers}'
    project = os.path.join(data, 'bench.segments')
    if os.path.exists(project):
        return project
    os.makedirs(data, exist_ok=True)
    orders = os.path.join(data, 'transactions.csv')
    if not os.path.exists(orders):
        gen = os.path.join(HERE, '..', '..', 'shared', 'bench', 'gen_transactions.py')
        subprocess.run(['/usr/bin/python3', gen, str(args.customers), data], check=True)
    cli = os.path.join(args.build, 'src', 'segments-cli', 'segments-cli')
    subprocess.run([cli, 'import', project + '.part', '--transactions', orders,
                    '--customers', os.path.join(data, 'customers.csv')], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([cli, 'segment', project + '.part'], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([cli, 'clv', project + '.part'], check=True, stdout=subprocess.DEVNULL)
    os.rename(project + '.part', project)
    return project


class Probe:
    """The lines the app's probe wrote, read as they come."""

    def __init__(self, path):
        self.path = path
        self.events = []
        self.offset = 0

    def poll(self):
        try:
            with open(self.path, 'rb') as f:
                f.seek(self.offset)
                data = f.read()
        except FileNotFoundError:
            return
        end = data.rfind(b'\n') + 1
        self.offset += end
        for line in data[:end].decode().splitlines():
            self.events.append(json.loads(line))

    def since(self, t_ms, ev=None):
        return [e for e in self.events if e['t'] >= t_ms and (ev is None or e['ev'] == ev)]


class App:
    def __init__(self, build, project, probe_path):
        from gi.repository import Gio
        self.Gio = Gio
        env = dict(os.environ)
        env.update(SEGMENTS_STALL_PROBE=probe_path, GSETTINGS_BACKEND='memory',
                   GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'), NO_AT_BRIDGE='1',
                   GTK_A11Y='none')
        # A file left by an earlier run would be read before the app empties it.
        if os.path.exists(probe_path):
            os.remove(probe_path)
        self.launched_ms = time.time() * 1000
        # BENCH_APP_WRAPPER, say "perf record -g -o app.perf", runs the app under a profiler.
        wrapper = os.environ.get('BENCH_APP_WRAPPER', '').split()
        self.proc = subprocess.Popen(wrapper + [os.path.join(build, 'src', 'segments', 'segments'),
                                                project], env=env)
        self.bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        self.probe = Probe(probe_path)

    def call(self, path, action, parameter=None):
        from gi.repository import GLib
        params = [parameter] if parameter is not None else []
        self.bus.call_sync(APP_ID, path, 'org.gtk.Actions', 'Activate',
                           GLib.Variant('(sava{sv})', (action, params, {})),
                           None, self.Gio.DBusCallFlags.NONE, 10000, None)

    def win(self, action, parameter=None):
        self.call(APP_PATH + '/window/1', action, parameter)

    def probe_cmd(self, action, parameter):
        self.call(APP_PATH + '/probe', action, parameter)

    def wait(self, condition, what, timeout=180):
        end = time.time() + timeout
        while time.time() < end:
            self.probe.poll()
            if condition():
                return
            if self.proc.poll() is not None:
                sys.exit(f'the app ended ({self.proc.returncode}) waiting for {what}')
            time.sleep(0.05)
        sys.exit(f'timed out waiting for {what}')

    def settled_after(self, t_ms):
        """When the app has been quiet for QUIET_S after t_ms: None until then."""
        beats = self.probe.since(t_ms, 'beat')
        if not beats:
            return None
        last_busy = max([b['t'] for b in beats if b['busy']], default=t_ms)
        last_long = max([e['t'] + e['ms'] for e in self.probe.since(t_ms, 'iter')
                         if e['ms'] >= QUIET_MS], default=t_ms)
        quiet_from = max(last_busy, last_long)
        if beats[-1]['t'] - quiet_from >= QUIET_S * 1000:
            return quiet_from
        return None

    def settle(self, t_ms, what):
        result = []
        self.wait(lambda: result.append(self.settled_after(t_ms)) or result[-1] is not None,
                  what)
        return result[-1]

    def measure(self, label, send, via_probe):
        self.probe.poll()
        start = time.time() * 1000
        send()
        # A command through the probe says when it ran; window actions are run by the call.
        self.wait(lambda: self.probe.since(start, 'cmd') or not via_probe,
                  f'{label}: the command')
        end = self.settle(start, label)
        # An action all of whose iterations are shorter than QUIET_MS settles at its start;
        # its iterations are those of the quiet second that confirmed it (all shorter than
        # QUIET_MS, so they cannot make an action miss, but they give its true figure).
        iters = [e for e in self.probe.since(start, 'iter') if e['t'] <= end + QUIET_S * 1000]
        longest = max([e['ms'] for e in iters], default=0.0)
        longest_cpu = max([e['cpu_ms'] for e in iters], default=0.0)
        over16 = sum(1 for e in iters if e['ms'] >= 16)
        return {'action': label, 'stall_ms': longest, 'cpu_ms': longest_cpu,
                'split': split(max(iters, key=lambda e: e['ms'], default=None)),
                'over_16ms': over16, 'busy_s': (end - start) / 1000}

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def split(it):
    """Where the wall time of one iteration went: its own CPU, waiting for a core (the
    kernel's run-queue time; absent on older probes), and the rest asleep (a lock, the X
    server's reply, the disk)."""
    if it is None:
        return None
    runq = it.get('runq_ms', -1.0)
    if runq < 0:
        return None
    return (it['cpu_ms'], runq, max(0.0, it['ms'] - it['cpu_ms'] - runq))


def segments(project):
    db = sqlite3.connect(f'file:{project}?mode=ro', uri=True)
    rows = db.execute('SELECT s.id, s.position, s.name FROM segments s JOIN runs r '
                      'ON s.run = r.id WHERE r.is_current ORDER BY s.position').fetchall()
    db.close()
    return rows


def run_once(args, project, probe_path):
    from gi.repository import GLib
    app = App(args.build, project, probe_path)
    rows = []
    try:
        app.wait(lambda: app.probe.since(0, 'paint'), 'the first paint')
        first = app.probe.since(0, 'paint')[0]['t'] - app.launched_ms
        app.wait(lambda: any(p.get('view') == 'overview' for p in app.probe.since(0, 'paint')),
                 'the Overview')
        overview = next(p for p in app.probe.since(0, 'paint')
                        if p.get('view') == 'overview')['t'] - app.launched_ms
        app.settle(app.launched_ms, 'the open project')
        opened = [e for e in app.probe.events if e['ev'] == 'iter']
        rows.append({'action': 'open: first paint / Overview painted',
                     'open': (first, overview),
                     'stall_ms': max([e['ms'] for e in opened], default=0.0),
                     'cpu_ms': max([e['cpu_ms'] for e in opened], default=0.0)})

        segs = segments(project)
        seg_id, _, name = segs[0]
        s = lambda v: GLib.Variant('s', v)  # noqa: E731
        steps = [
            ('page: Explore', lambda: app.win('show-page', s('explore'))),
            ('page: Segments', lambda: app.win('show-page', s('segments'))),
            ('select a segment', lambda: app.probe_cmd('select', GLib.Variant('i', 1))),
            ('select another segment', lambda: app.probe_cmd('select', GLib.Variant('i', 2))),
            ('select the first again', lambda: app.probe_cmd('select', GLib.Variant('i', 1))),
            ('rename', lambda: app.probe_cmd('activate-with', GLib.Variant(
                '(sss)', ('SegSegmentsPage', 'editor.set-field',
                          GLib.Variant('(xims)', (seg_id, 0, name + ' (renamed)'))
                          .print_(True))))),
            ('merge two segments', lambda: app.probe_cmd('activate-with', GLib.Variant(
                '(sss)', ('SegSegmentsPage', 'editor.merge-segments',
                          GLib.Variant('au', [1, 2]).print_(True))))),
            ('undo (the merge)', lambda: app.win('undo')),
            ('undo (the rename)', lambda: app.win('undo')),
            ('page: Explore again', lambda: app.win('show-page', s('explore'))),
            ('scatter: another measure (re-bin)', lambda: app.probe_cmd('set', GLib.Variant(
                '(ssv)', ('SegScatterChart', 'x-feature', GLib.Variant('s', 'aov'))))),
            ('scatter: log scale off (re-bin)', lambda: app.probe_cmd('set', GLib.Variant(
                '(ssv)', ('SegScatterChart', 'y-log', GLib.Variant('b', False))))),
            ('page: Overview', lambda: app.win('show-page', s('overview'))),
            ('page: Report', lambda: app.win('show-page', s('report'))),
            ('page: Hypotheses', lambda: app.win('show-page', s('hypotheses'))),
            ('page: Brief', lambda: app.win('show-page', s('brief'))),
            ('page: Segments again', lambda: app.win('show-page', s('segments'))),
            ('segment again (the app\'s re-run)', lambda: app.win('segment')),
            ('undo (the re-run)', lambda: app.win('undo')),
        ]
        if args.only:
            steps = (steps[1:2] + [step for step in steps if args.only in step[0]] * args.cycles)
        for label, send in steps:
            rows.append(app.measure(label, send, 'probe_cmd' in send.__code__.co_names))
    finally:
        app.close()
    return rows


def main():
    args = parse_args()
    if not os.environ.get('DISPLAY') and not os.environ.get('SEGMENTS_BENCH_NESTED'):
        env = dict(os.environ, SEGMENTS_BENCH_NESTED='1', GDK_BACKEND='x11',
                   GSK_RENDERER='cairo')
        sys.exit(subprocess.run(['xvfb-run', '-a', '-s', '-screen 0 1400x900x24',
                                 'dbus-run-session', '--', sys.executable] + sys.argv,
                                env=env).returncode)
    import gi
    gi.require_version('Gio', '2.0')

    project = make_project(args)
    work = os.path.dirname(os.path.abspath(project))
    # The app edits what it opens: the bench works on a copy so every run starts alike.
    copy = os.path.join(work, 'bench-app-copy.segments')
    results = []
    for r in range(args.repeat):
        for suffix in ('', '-wal', '-shm'):
            if os.path.exists(copy + suffix):
                os.remove(copy + suffix)
        subprocess.run(['cp', project, copy], check=True)
        results.append(run_once(args, copy, os.path.join(work, f'probe-{r}.jsonl')))

    load = os.getloadavg()
    print(f'project: {project}; load average {load[0]:.1f} on {os.cpu_count()} cores; '
          f'renderer {os.environ.get("GSK_RENDERER", "default")}')
    print('| action | longest stall, wall ms | most main-thread CPU in one iteration, ms | iterations ≥ 16 ms '
          '| the longest: CPU / waiting for a core / asleep, ms | target |')
    print('|---|---:|---:|---:|---|---|')
    for i, row in enumerate(results[0]):
        stalls = [rs[i]['stall_ms'] for rs in results]
        cpus = [rs[i]['cpu_ms'] for rs in results]
        if 'open' in row:
            firsts = [rs[i]['open'][0] for rs in results]
            paints = [rs[i]['open'][1] for rs in results]
            ok = max(paints) <= TARGET_OPEN_MS
            print(f'| {row["action"]} | {max(firsts):.0f} / {max(paints):.0f} ms after launch '
                  f'| longest iteration {max(stalls):.0f} (CPU {max(cpus):.0f}) | | | '
                  f'{"ok" if ok else "missed"} |')
            continue
        over = max(rs[i]['over_16ms'] for rs in results)
        worst = max((rs[i] for rs in results), key=lambda r: r['stall_ms'])
        parts = ' / '.join(f'{v:.1f}' for v in worst['split']) if worst.get('split') else ''
        print(f'| {row["action"]} | {max(stalls):.1f} | {max(cpus):.1f} | {over} | {parts} | '
              f'{"ok" if max(stalls) <= TARGET_STALL_MS else "missed"} |')
    print(f'\nTargets: Overview painted within {TARGET_OPEN_MS} ms of launch; no iteration over '
          f'{TARGET_STALL_MS} ms (wall).  Worst of {args.repeat} run(s).  On a loaded machine '
          f'the wall time includes waiting to be scheduled; the CPU column is what the main '
          f'thread did itself, and the split of the longest iteration says where the rest went.')


if __name__ == '__main__':
    main()
