/* fuzz.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

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

G_END_DECLS
