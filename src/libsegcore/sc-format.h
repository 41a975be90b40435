/* sc-format.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sc_format_number   (double      value,
                          int         decimals);
char *sc_format_count    (guint64     count);
char *sc_format_compact  (double      value);
char *sc_format_currency (double      value,
                          const char *symbol);
char *sc_format_money    (double      value,
                          const char *code);
char *sc_format_days     (double      days);
char *sc_format_percent  (double      fraction,
                          int         decimals);

G_END_DECLS
