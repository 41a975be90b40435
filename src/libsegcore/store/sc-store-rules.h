/* sc-store-rules.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-store.h"

G_BEGIN_DECLS

/* A rule as stored: its text, parsed by model/sc-rules.c. */
typedef struct
{
  gint64  id;
  char   *name;
  char   *expression;
} ScRuleText;

void      sc_rule_text_free      (ScRuleText  *rule);

/* Rules in their first-match order (of ScRuleText). */
gboolean  sc_store_list_rules    (ScStore     *store,
                                  GPtrArray  **rules,
                                  GError     **error);
/* Appends a rule; fails with SC_ERROR_INVALID_INPUT when the name is taken. */
gint64    sc_store_add_rule      (ScStore     *store,
                                  const char  *name,
                                  const char  *expression,
                                  GError     **error);
/* Fails with SC_ERROR_INVALID_INPUT when no rule has that name. */
gboolean  sc_store_delete_rule   (ScStore     *store,
                                  const char  *name,
                                  GError     **error);

/* One customer whose value of an attribute an import changed. */
typedef struct
{
  char    *attribute;
  guint32  customer;
  char    *old_value;
  char    *new_value;
} ScAttributeConflict;

void      sc_attribute_conflict_free (ScAttributeConflict *conflict);
/* Every conflict recorded, oldest import first (of ScAttributeConflict). */
gboolean  sc_store_list_conflicts    (ScStore             *store,
                                      GPtrArray          **conflicts,
                                      GError             **error);

G_END_DECLS
