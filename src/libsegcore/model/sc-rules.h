/* sc-rules.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-types.h"

G_BEGIN_DECLS

/* A rule segment's condition (issue 18), parsed from text such as
 *
 *   employees >= 1000
 *   industry = "Retail" and region = "North"
 *   not (region in ("North", "East") or [Company size] contains 'large')
 *
 * Fields are attributes of the customer list or per-customer features, matched ignoring
 * case, with "_" for a space; [brackets] hold any name.  Operators: = != < <= > >=, in (…),
 * contains; and, or, not, parentheses.  A customer whose value is missing matches no
 * comparison of that field (so "not" of one includes it). */
typedef struct _ScRuleExpr ScRuleExpr;

ScRuleExpr *sc_rule_parse        (const char          *rule_name,
                                  const char          *text,
                                  GError             **error);
void        sc_rule_expr_free    (ScRuleExpr          *expr);
/* Resolves the field names against @fields (of ScAttribute, each with values for every
 * customer) and checks that each comparison suits its field; @fields must outlive @expr. */
gboolean    sc_rule_bind         (ScRuleExpr          *expr,
                                  GPtrArray           *fields,
                                  GError             **error);
gboolean    sc_rule_matches      (const ScRuleExpr    *expr,
                                  guint32              customer);
/* Customers 0 … n − 1 that match. */
guint64     sc_rule_count        (const ScRuleExpr    *expr,
                                  guint32              n);
/* First match: out[c] is the index of the first rule customer c matches, or @n_rules. */
void        sc_rules_assign      (ScRuleExpr * const  *rules,
                                  guint                n_rules,
                                  guint32              n,
                                  guint16             *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRuleExpr, sc_rule_expr_free)

G_END_DECLS
