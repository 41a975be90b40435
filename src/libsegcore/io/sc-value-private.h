/* sc-value-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-value.h"

G_BEGIN_DECLS

/* Shared by the number and boolean parsers (sc-value.c) and the date parser (sc-date.c). */

static inline gboolean
_sc_value_is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* sc_value_is_missing() without a call for a value that starts with a digit or with a
 * letter no missing marker starts with (an id, an amount): the importer asks of every row. */
static inline gboolean
_sc_value_is_missing_quick (const char *s)
{
  if (_sc_value_is_digit (s[0]) ||
      (g_ascii_isalpha (s[0]) && s[0] != 'n' && s[0] != 'N'))
    return FALSE;
  return sc_value_is_missing (s);
}

/* Past the white space at @p (ASCII and the Unicode spaces spreadsheets write). */
const char *_sc_value_skip_spaces (const char  *p,
                                   const char  *end);
/* @s without white space at either end, as [@begin, @end). */
void        _sc_value_trim        (const char  *s,
                                   const char **begin,
                                   const char **end);

G_END_DECLS
