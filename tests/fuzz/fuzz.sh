#!/bin/sh
# fuzz.sh
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the fuzz targets for libFuzzer with clang, AddressSanitizer and UBSan, and runs them.
#
#   tests/fuzz/fuzz.sh build                  # into _build-fuzz/libfuzzer (or $FUZZ_OUT)
#   tests/fuzz/fuzz.sh run [SECONDS] [TARGET…] # each target in turn, 180 s by default
#
# Targets: csv (sniffer and reader), values (date, number, yes/no parsers), import (the
# importer's dry run), detect (column roles from names and sample values).  Each run starts
# from tests/fuzz/corpus/TARGET and grows a working corpus in the output folder; a crashing
# input is written there as crash-… (or leak-…, timeout-…).  Keep it as a regression file:
# copy it into tests/fuzz/corpus/TARGET/, where the test suite replays it (meson test
# fuzz-TARGET) with the compiler of the build.  tests/fuzz/README.md has the whole routine,
# and the longer runs of the standalone mutator the test suite uses.
#
# The core is compiled with a tiny read buffer (READ_BUFFER_SIZE) so that every few bytes the
# CSV reader has to refill and rescan, which is where a streaming parser goes wrong.
# Needs clang and libclang-rt-14-dev (Debian 12).  One target at a time: the machine this was
# written for has two cores.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${FUZZ_OUT:-$root/_build-fuzz/libfuzzer}
targets_all="csv values import detect"
cc=${CC_FUZZ:-clang}

build () {
  mkdir -p "$out/obj"
  cat > "$out/config.h" <<CONFIG
#pragma once
#define APP_ID "io.github.segments.Segments"
#define PACKAGE_VERSION "fuzz"
#define GETTEXT_PACKAGE "segments"
#define LOCALEDIR "/usr/share/locale"
#define PKGDATADIR "/usr/share/segments"
#define SAMPLE_DATADIR "/usr/share/segments/sample"
#define SOURCE_SAMPLE_DATADIR "$root/data/sample"
#define DEVELOPMENT_BUILD 0
CONFIG
  pkgs="glib-2.0 gio-2.0 gobject-2.0 sqlite3"
  cflags="-g -O1 -fno-omit-frame-pointer -std=gnu11 -I$out -I$root/src/libsegcore -I$root/src/libsegcore/io -I$root/src/libsegcore/store
          -I$root/src/libsegcore/import -I$root/src/libsegcore/model -I$root/src/libsegcore/lifecycle
          -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
          -DG_LOG_DOMAIN=\"Sc\" -DREAD_BUFFER_SIZE=61 -UG_DISABLE_ASSERT
          $(pkg-config --cflags $pkgs)"
  san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
  objs=""
  for src in "$root"/src/libsegcore/sc-*.c "$root"/src/libsegcore/io/sc-*.c \
             "$root"/src/libsegcore/store/sc-*.c "$root"/src/libsegcore/import/sc-*.c \
             "$root"/src/libsegcore/model/sc-*.c \
             "$root"/src/libsegcore/lifecycle/sc-*.c; do
    obj="$out/obj/$(basename "$src" .c).o"
    # shellcheck disable=SC2086
    $cc $cflags $san -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
    objs="$objs $obj"
  done
  for t in $targets_all; do
    # shellcheck disable=SC2086
    $cc $cflags $san -fsanitize=fuzzer -I"$here" "$here/fuzz-$t.c" $objs \
        $(pkg-config --libs $pkgs) -lm -lpthread -o "$out/fuzz-$t"
    echo "built $out/fuzz-$t"
  done
}

run () {
  seconds=${1:-180}
  [ $# -gt 0 ] && shift
  targets=${*:-$targets_all}
  for t in $targets; do
    work="$out/work-$t"
    mkdir -p "$work"
    echo "== fuzz-$t for $seconds s"
    # A failure (a crash or a broken invariant) stops this target, not the others.
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    G_DEBUG=gc-friendly \
      "$out/fuzz-$t" -max_total_time="$seconds" -max_len=65536 -timeout=20 \
        -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$out/" \
        "$work" "$here/corpus/$t" || echo "fuzz-$t stopped with a finding; see $out/"
  done
}

case "${1:-}" in
  build) build ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 build | run [SECONDS] [TARGET…]" >&2; exit 2 ;;
esac
