#!/bin/sh
# ui-pg-session.sh
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: ui-pg-session.sh keyring|no-keyring TEST [ARGS…]
#
# Runs the ui test TEST (test-ui-pg.c) in a D-Bus session of its own.  keyring: a
# gnome-keyring-daemon holding the Secret Service, its login keyring created and unlocked
# with an empty password read from stdin (build-aux/test installs gnome-keyring).
# no-keyring: a bus with no service files at all, so that libsecret finds no Secret Service
# and the app has to ask for the password.
set -eu
mode=$1
shift
# Without a server the test itself says why it skips.
if [ -z "${SEGMENTS_TEST_PGHOST:-}" ]; then
  exec "$@"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/segments-ui-pg.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
status=0
case "$mode" in
  keyring)
    if ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
      echo "SKIP: gnome-keyring-daemon is not installed (build-aux/test installs gnome-keyring)"
      exit 77
    fi
    mkdir -p "$dir/home" "$dir/run"
    chmod 700 "$dir/run"
    HOME="$dir/home" XDG_DATA_HOME="$dir/home/.local/share" XDG_RUNTIME_DIR="$dir/run" \
      dbus-run-session -- sh -c '
        printf "\n" | gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null
        SEGMENTS_TEST_KEYRING=1 exec "$@"' sh "$@" || status=$?
    ;;
  no-keyring)
    cat > "$dir/bus.conf" <<'CONF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
    dbus-run-session --config-file="$dir/bus.conf" -- "$@" || status=$?
    ;;
  *)
    echo "usage: ui-pg-session.sh keyring|no-keyring TEST [ARGS…]" >&2
    exit 2
    ;;
esac
exit "$status"
