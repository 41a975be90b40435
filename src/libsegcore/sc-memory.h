/* sc-memory.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Arrays of this many bytes or more are laid on transparent huge pages. */
#define SC_MEMORY_HUGE_MIN (2 * 1024 * 1024)

void     sc_memory_advise_huge (gpointer  mem,
                                gsize     bytes);
gpointer sc_memory_new_huge    (gsize     bytes);
gpointer sc_memory_new0_huge   (gsize     bytes);

#define sc_memory_new_huge_n(type, n) ((type *) sc_memory_new_huge (sizeof (type) * (gsize) (n)))

G_END_DECLS
