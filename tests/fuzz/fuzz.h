/* fuzz.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

G_BEGIN_DECLS

/* The libFuzzer entry points; fuzz-main.c drives the same functions without libFuzzer. */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* A broken invariant is a finding: abort so both libFuzzer and the smoke test report it with
 * the input that caused it. */
#define FUZZ_CHECK(cond, ...)                                                              \
  G_STMT_START {                                                                           \
    if (G_UNLIKELY (!(cond)))                                                              \
      {                                                                                    \
        g_printerr ("%s:%d: invariant failed: %s: ", __FILE__, __LINE__, #cond);           \
        g_printerr (__VA_ARGS__);                                                          \
        g_printerr ("\n");                                                                 \
        g_abort ();                                                                        \
      }                                                                                    \
  } G_STMT_END

/* Criticals (a g_return_if_fail fired) and warnings are bugs when reached from file input. */
static inline void
fuzz_make_warnings_fatal (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
}

/* The harness's scratch file, which every input is written to (fuzz_open_scratch()). */
static char *fuzz_scratch_path G_GNUC_UNUSED;

static inline void
fuzz_remove_scratch (void)
{
  if (fuzz_scratch_path != NULL)
    g_unlink (fuzz_scratch_path);
}

/* Makes fuzz_scratch_path from tmpl (a g_file_open_tmp() template), removed at exit. */
static inline void
fuzz_open_scratch (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp (tmpl, &fuzz_scratch_path, &error);

  if (fd < 0)
    g_error ("%s", error->message);
  close (fd);
  atexit (fuzz_remove_scratch);
}

/* Writes an input over the harness's scratch file.  Not g_file_set_contents(), which fsyncs
 * an existing file before replacing it, and no O_TRUNC either: ext4 flushes a file that was
 * truncated to nothing and rewritten when it is closed.  Either made every input cost
 * milliseconds of disk I/O; overwriting and then cutting to the new size costs none. */
static inline void
fuzz_write_file (const char *path,
                 const void *data,
                 size_t      size)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  const char *p = data;
  size_t left = size;

  if (fd < 0)
    g_error ("cannot open %s: %s", path, g_strerror (errno));
  while (left > 0)
    {
      ssize_t n = write (fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("cannot write %s: %s", path, g_strerror (errno));
      p += n;
      left -= (size_t) n;
    }
  if (ftruncate (fd, (off_t) size) != 0 || close (fd) != 0)
    g_error ("cannot write %s: %s", path, g_strerror (errno));
}

G_END_DECLS
