# ui_atspi.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the accessibility tests share: starting the application with the accessibility bus
on, finding it on that bus, walking its AT-SPI tree, activating its actions over D-Bus and
typing keys as a keyboard would (XTEST through xdotool, so no pointer is involved).

The tests run under `xvfb-run dbus-run-session`: the session bus starts the accessibility bus
(at-spi-bus-launcher) on demand.  GTK_A11Y and NO_AT_BRIDGE, which the other UI tests set, are
removed from the application's environment here."""

import ctypes
import ctypes.util
import os
import re
import shutil
import subprocess
import tempfile
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, Gio, GLib  # noqa: E402

APP_ID = 'io.github.segments.Segments'
APP_PATH = '/io/github/segments/Segments'

# Roles a person operates; a node of one of these roles that is showing needs a name.
INTERACTIVE_ROLES = {
    Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.COMBO_BOX,
    Atspi.Role.CHECK_BOX, Atspi.Role.RADIO_BUTTON, Atspi.Role.ENTRY,
    Atspi.Role.PASSWORD_TEXT, Atspi.Role.SPIN_BUTTON, Atspi.Role.SLIDER,
    Atspi.Role.MENU_ITEM, Atspi.Role.CHECK_MENU_ITEM, Atspi.Role.RADIO_MENU_ITEM,
    Atspi.Role.LINK, Atspi.Role.PAGE_TAB, Atspi.Role.SWITCH
    if hasattr(Atspi.Role, 'SWITCH') else Atspi.Role.TOGGLE_BUTTON,
}
# Roles that need a name only where they take the focus themselves.
FOCUSABLE_ROLES = {Atspi.Role.LIST_ITEM, Atspi.Role.TABLE_CELL, Atspi.Role.TREE_ITEM,
                   Atspi.Role.TEXT}

TYPE_NAME = re.compile(r'\b(Gtk|Adw|Seg)[A-Z][A-Za-z]+\b')


def name_problem(name):
    """Why NAME is no usable accessible name, or None when it is one."""
    name = (name or '').strip()
    if not name:
        return 'empty name'
    if TYPE_NAME.search(name):
        return 'a type name'
    # "_Next", "P_DF…", "S_lides": an underscore a label would hide.  Identifiers people
    # wrote ("company_size") are lower case and stay.
    for word in name.split():
        if word.startswith('_') and len(word) > 1 and word[1].isalnum():
            return 'a mnemonic marker'
        if word.count('_') == 1 and word.replace('_', '')[:1].isupper():
            return 'a mnemonic marker'
    words = name.split()
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and \
            [w.replace('_', '') for w in words[:half]] == words[half:]:
        return 'the name twice'
    return None


def on_screen(node):
    """Whether NODE has an area in its window: GTK 4.8 reports no SHOWING state, and a
    widget that is not mapped (another stack page, a closed popover) has no extents."""
    try:
        rect = node.get_extents(Atspi.CoordType.WINDOW)
    except GLib.Error:
        return False
    return rect.width > 0 and rect.height > 0


def is_interactive(node, role, states):
    # GTK 4.8 sets VISIBLE (gtk_widget_get_visible) but not SHOWING on nodes below a window,
    # and keeps a stack's other pages in the tree: the walk checks every built page at once.
    if not states.contains(Atspi.StateType.VISIBLE):
        return False
    if role in FOCUSABLE_ROLES:
        if role == Atspi.Role.TEXT and not states.contains(Atspi.StateType.EDITABLE):
            return False
        if not states.contains(Atspi.StateType.FOCUSABLE):
            return False
    elif role not in INTERACTIVE_ROLES:
        return False
    return on_screen(node)


def walk(node, visit, depth=0):
    """Calls VISIT(node, role, states, depth) on NODE and every visible descendant."""
    try:
        role = node.get_role()
        states = node.get_state_set()
    except GLib.Error:
        return
    if depth > 0 and not states.contains(Atspi.StateType.VISIBLE) and \
            role not in (Atspi.Role.FRAME, Atspi.Role.DIALOG, Atspi.Role.WINDOW):
        return
    visit(node, role, states, depth)
    try:
        n = node.get_child_count()
    except GLib.Error:
        return
    for i in range(min(n, 400)):
        try:
            child = node.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None:
            walk(child, visit, depth + 1)


def problems(root):
    """Every interactive node under ROOT without a usable name, as (role, name, path) text."""
    found = []

    def visit(node, role, states, depth):
        if not is_interactive(node, role, states):
            return
        name = node.get_name() or ''
        why = name_problem(name)
        if why is not None:
            found.append('%s "%s": %s (%s)' % (role.value_nick, name, why, describe(node)))

    walk(root, visit)
    return found


def describe(node):
    """The names of NODE's ancestors, to say where a problem is."""
    parts = []
    while node is not None and len(parts) < 8:
        try:
            name = node.get_name() or ''
            role = node.get_role().value_nick
        except GLib.Error:
            break
        parts.append('%s:%s' % (role, name[:30]) if name else role)
        try:
            node = node.get_parent()
        except GLib.Error:
            break
        if node is not None and node.get_role() == Atspi.Role.APPLICATION:
            break
    return ' < '.join(parts)


def find(root, predicate, limit=20000):
    """The first showing node under ROOT for which PREDICATE(node, role, name) holds."""
    result = []

    def visit(node, role, states, depth):
        if result:
            return
        name = node.get_name() or ''
        if predicate(node, role, name):
            result.append(node)

    walk(root, visit)
    return result[0] if result else None


def find_named(root, role, name):
    return find(root, lambda n, r, nm: r == role and nm == name)


_display = None


def wait_for_display(timeout=30):
    """Opens a connection to the X server and keeps it for the life of the test: Xvfb resets
    when its last client leaves, and a program connecting during the reset finds no display
    (each xdotool call is such a client)."""
    global _display
    if _display:
        return
    xlib = ctypes.CDLL(ctypes.util.find_library('X11') or 'libX11.so.6')
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    end = time.monotonic() + timeout
    while not _display:
        _display = xlib.XOpenDisplay(None)
        if not _display:
            if time.monotonic() > end:
                raise AssertionError('no X display at ' + os.environ.get('DISPLAY', '(unset)'))
            time.sleep(0.2)


class App:
    """The application in a process of its own, on the accessibility bus."""

    def __init__(self, segments, schema_dir, args=(), env=None):
        self.tmp = tempfile.mkdtemp(prefix='segments-a11y-')
        environ = dict(os.environ)
        for var in ('GTK_A11Y', 'NO_AT_BRIDGE'):
            environ.pop(var, None)
        environ.update({
            'GSETTINGS_SCHEMA_DIR': schema_dir,
            'GSETTINGS_BACKEND': 'memory',
            'XDG_DATA_HOME': os.path.join(self.tmp, 'data'),
            'XDG_CONFIG_HOME': os.path.join(self.tmp, 'config'),
            'HOME': self.tmp,
            'GDK_BACKEND': 'x11',
            'GSK_RENDERER': 'cairo',
        })
        environ.update(env or {})
        self.bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        wait_for_display()
        self.proc = subprocess.Popen([segments, *args], env=environ)
        self.root = self.wait_for(self.find_app, 'the application on the accessibility bus')

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def find_app(self):
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == self.proc.pid:
                    return app
            except GLib.Error:
                continue
        return None

    def wait_for(self, condition, what, timeout=90):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise AssertionError('the application exited while waiting for ' + what)
            try:
                value = condition()
            except GLib.Error:
                value = None
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError('timed out waiting for ' + what)

    def windows(self):
        """The application's showing top-level windows, as (name, node)."""
        out = []
        for i in range(self.root.get_child_count()):
            w = self.root.get_child_at_index(i)
            if w is not None and w.get_state_set().contains(Atspi.StateType.SHOWING):
                out.append((w.get_name() or '', w))
        return out

    def window(self, name):
        return self.wait_for(lambda: dict(self.windows()).get(name), 'the window ' + name)

    def activate(self, action, parameter=None, window=1):
        """Activates a "win." action (window WINDOW) or an "app." one over D-Bus."""
        scope, _, name = action.partition('.')
        path = APP_PATH if scope == 'app' else '%s/window/%d' % (APP_PATH, window)
        params = [] if parameter is None else [parameter]
        self.bus.call_sync(APP_ID, path, 'org.gtk.Actions', 'Activate',
                           GLib.Variant('(sava{sv})', (name, params, {})),
                           None, Gio.DBusCallFlags.NONE, 10000, None)

    def action_enabled(self, action, window=1):
        scope, _, name = action.partition('.')
        path = APP_PATH if scope == 'app' else '%s/window/%d' % (APP_PATH, window)
        reply = self.bus.call_sync(APP_ID, path, 'org.gtk.Actions', 'Describe',
                                   GLib.Variant('(s)', (name,)), None,
                                   Gio.DBusCallFlags.NONE, 10000, None)
        return reply.unpack()[0][0]


def click(node):
    """Activates NODE's first AT-SPI action (a button's "click"), as a screen reader does."""
    if Atspi.Action.get_n_actions(node) < 1:
        raise AssertionError('%s has no action' % describe(node))
    Atspi.Action.do_action(node, 0)


def keys(*names):
    """Types key combinations (xdotool names: "Tab", "ctrl+l", "Return") into the focus."""
    for name in names:
        subprocess.run(['xdotool', 'key', '--clearmodifiers', name], check=True)
        time.sleep(0.15)


def type_text(text):
    subprocess.run(['xdotool', 'type', '--delay', '20', text], check=True)


def focus_window(node, pid=None):
    """Gives the keyboard focus to the X window of the AT-SPI window NODE (there is no window
    manager under Xvfb to do it)."""
    name = node.get_name() or ''
    if TYPE_NAME.fullmatch(name):
        name = ''
    args = ['xdotool', 'search', '--onlyvisible']
    args += ['--name', '^%s$' % re.escape(name)] if name else ['--pid', str(pid)]
    ids = subprocess.run(args, stdout=subprocess.PIPE, text=True).stdout.split()
    if not ids:
        raise AssertionError('no X window for ' + (name or 'pid %s' % pid))
    subprocess.run(['xdotool', 'windowfocus', '--sync', ids[-1]], check=True)
    time.sleep(0.3)
