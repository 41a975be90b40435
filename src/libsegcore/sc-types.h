/* sc-types.h
 *
 * Copyright 2026 The Segments developers
 *
 * This program is free software: you can redistribute it and/or modify it under the terms of
 * the GNU General Public License as published by the Free Software Foundation, either
 * version 3 of the License, or (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_ERROR (sc_error_quark ())
GQuark sc_error_quark (void);

/**
 * ScError:
 * @SC_ERROR_INVALID_INPUT: an input file or value could not be used
 * @SC_ERROR_NOT_A_TABLE: a file is not a delimited text table
 * @SC_ERROR_MISSING_ROLE: a required column role is not mapped
 * @SC_ERROR_PROJECT: the project file could not be used (a reason not listed below)
 * @SC_ERROR_NO_DATA: the project holds no data for the requested operation
 * @SC_ERROR_FIT: a model could not be fitted to the data
 * @SC_ERROR_READ_ONLY: the project file or its folder cannot be written (also: a new
 *   project in a folder that cannot be written)
 * @SC_ERROR_LOCKED: another window or program holds the project
 * @SC_ERROR_PERMISSION: the project file or its folder may not be read
 * @SC_ERROR_DAMAGED: the file is a database but it is damaged
 * @SC_ERROR_TOO_NEW: the project was saved by a newer version of Segments
 * @SC_ERROR_NOT_A_PROJECT: the file is not a Segments project
 */
typedef enum
{
  SC_ERROR_INVALID_INPUT,
  SC_ERROR_NOT_A_TABLE,
  SC_ERROR_MISSING_ROLE,
  SC_ERROR_PROJECT,
  SC_ERROR_NO_DATA,
  SC_ERROR_FIT,
  SC_ERROR_READ_ONLY,
  SC_ERROR_LOCKED,
  SC_ERROR_PERMISSION,
  SC_ERROR_DAMAGED,
  SC_ERROR_TOO_NEW,
  SC_ERROR_NOT_A_PROJECT,
} ScError;

/* Days are counted from 1970-01-01 (day 0), proleptic Gregorian. */
typedef gint32 ScDay;

typedef enum
{
  SC_ROLE_IGNORE,
  SC_ROLE_CUSTOMER,
  SC_ROLE_ORDER,
  SC_ROLE_DATE,
  SC_ROLE_AMOUNT,
  SC_ROLE_QUANTITY,
  SC_ROLE_PRICE,
  SC_ROLE_COST,         /* orders: the line's cost, or unit cost when a quantity is mapped */
  SC_ROLE_MARGIN,       /* orders: the line's gross margin in percent of its amount */
  SC_ROLE_CONSENT,
  SC_ROLE_EMAIL,
  SC_ROLE_PHONE,
  SC_ROLE_NAME,
  SC_ROLE_TYPE,         /* interactions: what happened (email_open, web_visit, …) */
  SC_ROLE_CHANNEL,      /* interactions: where (optional) */
  SC_ROLE_ATTRIBUTE,
} ScColumnRole;

typedef enum
{
  SC_DATE_ORDER_AUTO,
  SC_DATE_ORDER_YMD,
  SC_DATE_ORDER_DMY,
  SC_DATE_ORDER_MDY,
  SC_DATE_ORDER_YYYYMMDD,
} ScDateOrder;

typedef enum
{
  SC_TIME_UNIT_DAY,
  SC_TIME_UNIT_WEEK,
} ScTimeUnit;

/**
 * ScQuadrant:
 * @SC_QUADRANT_NONE: not on the grid: the segment has no value or potential yet
 * @SC_QUADRANT_INVEST: high value, high potential
 * @SC_QUADRANT_KEEP: high value, lower potential
 * @SC_QUADRANT_GROW: lower value, high potential
 * @SC_QUADRANT_MAINTAIN: low value, low potential ("Maintain at low cost")
 *
 * Where a segment sits on the value × potential grid.  The project file, the CSV and the
 * JSON exports hold it as the string of sc_quadrant_to_string(); the rule that places a
 * segment is sc_quadrant_classify().
 */
typedef enum
{
  SC_QUADRANT_NONE,
  SC_QUADRANT_INVEST,
  SC_QUADRANT_KEEP,
  SC_QUADRANT_GROW,
  SC_QUADRANT_MAINTAIN,
} ScQuadrant;

#define SC_N_QUADRANTS (SC_QUADRANT_MAINTAIN + 1)

ScQuadrant  sc_quadrant_classify    (double      value,
                                     double      potential,
                                     double      value_threshold,
                                     double      potential_threshold);
const char *sc_quadrant_to_string   (ScQuadrant  quadrant);
ScQuadrant  sc_quadrant_from_string (const char *text);
const char *sc_quadrant_get_label   (ScQuadrant  quadrant);

/**
 * ScSegmentKind:
 * @SC_SEGMENT_KIND_SEGMENT: a cluster found by k-means
 * @SC_SEGMENT_KIND_TOP_ACCOUNTS: the exceptionally valuable customers, set apart from the
 *   clustering and ranked first (sc_transform_set_apart() holds the rule)
 * @SC_SEGMENT_KIND_ANOMALIES: customers whose figures look implausible, set apart and ranked
 *   last; the only kind whose `is_outliers` is true
 *
 * What a segment is. Stored and exported as sc_segment_kind_to_string().
 */
typedef enum
{
  SC_SEGMENT_KIND_SEGMENT,
  SC_SEGMENT_KIND_TOP_ACCOUNTS,
  SC_SEGMENT_KIND_ANOMALIES,
} ScSegmentKind;

#define SC_N_SEGMENT_KINDS (SC_SEGMENT_KIND_ANOMALIES + 1)

const char    *sc_segment_kind_to_string   (ScSegmentKind  kind);
ScSegmentKind  sc_segment_kind_from_string (const char    *text);

/**
 * ScTransactions:
 *
 * The transaction log in memory, in columns. Rows are grouped by dense customer id and,
 * within a customer, sorted by day (then by input order), so customer c owns rows
 * offsets[c] .. offsets[c + 1] - 1.  @order holds a dense order number per row (rows of
 * one order share it), or is %NULL when the input had no order column, in which case
 * every row is an order of its own.  Amounts are net: negative rows are returns.
 */
typedef struct
{
  guint32  n_customers;
  gsize    n_rows;
  gsize   *offsets;   /* n_customers + 1 */
  ScDay   *day;       /* n_rows */
  double  *amount;    /* n_rows */
  guint32 *order;     /* n_rows, or NULL */
} ScTransactions;

/**
 * ScProgressFunc:
 * @fraction: 0..1 of the whole operation
 * @message: (nullable): what is happening now, for people
 *
 * Called from the thread doing the work, at most every few thousand rows.
 */
typedef void (*ScProgressFunc) (double      fraction,
                                const char *message,
                                gpointer    user_data);

/**
 * ScAttribute:
 *
 * One column of the customer list, per dense customer id.  Categorical attributes hold a
 * level index per customer (-1 = missing); numeric ones a value (NAN = missing).
 */
typedef struct
{
  char      *name;
  gboolean   categorical;
  guint      n_levels;
  char     **levels;   /* n_levels, categorical only */
  gint32    *codes;    /* n_customers, categorical only */
  double    *values;   /* n_customers, numeric only */
} ScAttribute;

G_END_DECLS
