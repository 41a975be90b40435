# build-aux/deps.sh — shared by build-aux/run and build-aux/test: install what is missing.
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Debian 12 packages needed to build.
BUILD_PACKAGES="meson ninja-build pkg-config gcc libc6-dev libglib2.0-dev libglib2.0-bin
libgtk-4-dev libadwaita-1-dev libsqlite3-dev libcairo2-dev libpango1.0-dev gettext
desktop-file-utils appstream itstool yelp-tools shared-mime-info hicolor-icon-theme
adwaita-icon-theme fonts-cantarell"

# Extra packages the test suites and the benchmarks need.
TEST_PACKAGES="xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-gi gir1.2-atspi-2.0
gir1.2-gtk-4.0 xdotool poppler-utils imagemagick python3-numpy python3-pandas python3-sklearn"

# install_missing PACKAGE… — installs the packages dpkg does not know as installed.
install_missing () {
  missing=""
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $p"
    fi
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      echo "Installing:$missing (with sudo)" >&2
      sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
    else
      echo "Missing packages. As root, run:" >&2
      echo "  apt-get install -y --no-install-recommends$missing" >&2
      return 1
    fi
  else
    echo "Installing:$missing" >&2
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing; then
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
    fi
  fi
}
