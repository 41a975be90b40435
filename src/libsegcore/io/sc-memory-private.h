/* sc-memory-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Asks for the whole 2 MB pages inside [@mem, @mem + @bytes) to be mapped as huge pages
 * when first written (sc-memory.c); for large arrays filled from start to end. */
void _sc_memory_advise_huge (void  *mem,
                             gsize  bytes);

G_END_DECLS
