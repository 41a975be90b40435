/* sc-audit.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ScAuditColumn:
 * @file: "customers" (the customer list) or "orders"
 * @name: the column
 * @missing: values missing (customers, or order lines for the orders' cost)
 * @missing_share: @missing of the customers listed (of the order lines)
 * @distinct: distinct values present
 * @conflicts: customers whose value a re-import changed
 * @revenue: net revenue of the customers (lines) with a missing value
 */
typedef struct
{
  char    *file;
  char    *name;
  guint64  missing;
  double   missing_share;
  guint64  distinct;
  guint64  conflicts;
  double   revenue;
} ScAuditColumn;

/**
 * ScAuditProblem:
 * @key: a stable name ("orders_without_listed_customer", …)
 * @count: how many (rows, customers or values, as @sentence says)
 * @customers: customers concerned, when known
 * @revenue: the net revenue it touches, NAN when it cannot be known
 * @sentence: for people
 */
typedef struct
{
  char    *key;
  guint64  count;
  guint64  customers;
  double   revenue;
  char    *sentence;
} ScAuditProblem;

/**
 * ScAudit:
 * @customers: customers in the project
 * @listed: customers named by a customer list
 * @revenue: net revenue of all customers
 * @consent_coverage: share of customers with a yes or no for marketing consent (0..1)
 * @consent_yes: share of customers who said yes
 * @customers_without_orders: listed customers without an order
 * @orders_without_listed_customer: order lines whose customer no customer list names (0
 *   without a customer list)
 * @unlisted_customers: the customers of those lines
 * @unlisted_revenue: their net revenue
 * @duplicate_ids: customer-list rows repeating a customer id (the first is kept)
 * @duplicate_rows: order rows that repeated another exactly (skipped)
 * @duplicate_order_ids: order rows whose order id another customer used before
 * @rejected_rows: rows no import could read
 * @conflicts: values a re-import changed (customer × attribute)
 * @interactions: the project has an interactions table
 * @interaction_types: (element-type utf8): the types of interaction seen, by name
 * @interaction_counts: (element-type guint64): rows per type
 * @columns: (element-type ScAuditColumn): per column
 * @problems: (element-type ScAuditProblem): what is wrong, the most revenue first
 * @summary: one line for the report's caveats
 *
 * The data-quality audit (issue 18).
 */
typedef struct
{
  guint64    customers;
  guint64    listed;
  double     revenue;
  double     consent_coverage;
  double     consent_yes;
  guint64    customers_without_orders;
  guint64    orders_without_listed_customer;
  guint64    unlisted_customers;
  double     unlisted_revenue;
  guint64    duplicate_ids;
  guint64    duplicate_rows;
  guint64    duplicate_order_ids;
  guint64    rejected_rows;
  guint64    conflicts;
  gboolean   interactions;
  GPtrArray *interaction_types;
  GArray    *interaction_counts;
  GPtrArray *columns;
  GPtrArray *problems;
  char      *summary;
} ScAudit;

void sc_audit_free (ScAudit *audit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScAudit, sc_audit_free)

G_END_DECLS
