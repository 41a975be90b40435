/* sc-detect.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-types.h"

G_BEGIN_DECLS

typedef enum
{
  SC_VALUE_TEXT,
  SC_VALUE_INTEGER,
  SC_VALUE_NUMBER,
  SC_VALUE_DATE,
  SC_VALUE_BOOL,
  SC_VALUE_EMPTY,
} ScValueKind;

/**
 * ScColumnGuess:
 * @role: the proposed role
 * @kind: what the values in the sample are
 * @date_order: for date columns, the order that reads the most values
 * @n_distinct: distinct non-missing values in the sample
 * @n_missing: missing values in the sample
 */
typedef struct
{
  ScColumnRole role;
  ScValueKind  kind;
  ScDateOrder  date_order;
  guint        n_distinct;
  guint        n_missing;
} ScColumnGuess;

typedef enum
{
  SC_TABLE_TRANSACTIONS,
  SC_TABLE_CUSTOMERS,
  SC_TABLE_INTERACTIONS,   /* e-mail opens, web visits, tickets: customer, date, type */
} ScTableKind;

void         sc_detect_columns          (ScTableKind               kind,
                                         guint                     n_columns,
                                         const char * const       *header,
                                         guint                     n_rows,
                                         const char * const * const *rows,
                                         char                      decimal_mark,
                                         ScColumnGuess            *guesses);

const char  *sc_column_role_to_string   (ScColumnRole              role);
gboolean     sc_column_role_from_string (const char               *s,
                                         ScColumnRole             *role);
const char  *sc_column_role_to_label    (ScColumnRole              role);
const char  *sc_value_kind_to_string    (ScValueKind               kind);

G_END_DECLS
