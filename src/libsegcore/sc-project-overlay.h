/* sc-project-overlay.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-audit.h"
#include "sc-overlay.h"
#include "sc-profit.h"
#include "sc-project.h"

G_BEGIN_DECLS

/* The whole customer picture (issue 18) through the facade: profit, rule segments and
 * overlays, and the data-quality audit.  Every writing call is one transaction. */

/* Profit */
ScProfit        *sc_project_load_profit      (ScProject       *project,
                                              GError         **error);
/* Per segment position of the current run; NULL without a run (no error then). */
ScSegmentProfit *sc_project_segment_profit   (ScProject       *project,
                                              const ScProfit  *profit,
                                              guint           *n_segments);
gboolean         sc_project_set_margin       (ScProject       *project,
                                              double           percent,
                                              GError         **error);
gboolean         sc_project_set_value_basis  (ScProject       *project,
                                              gboolean         profit,
                                              GError         **error);
gboolean         sc_project_get_value_is_profit (ScProject    *project);

/* Rules */
typedef struct
{
  char    *name;
  char    *expression;
  guint64  matching;    /* customers the condition matches */
  guint64  assigned;    /* customers it gets, first match */
} ScRuleInfo;

void             sc_rule_info_free           (ScRuleInfo      *info);
GPtrArray       *sc_project_list_rules       (ScProject       *project,
                                              GError         **error);
gint64           sc_project_add_rule         (ScProject       *project,
                                              const char      *name,
                                              const char      *expression,
                                              guint64         *matching,
                                              GError         **error);
gboolean         sc_project_delete_rule      (ScProject       *project,
                                              const char      *name,
                                              GError         **error);

/* What a rule can name, loaded once, for a live count while a rule is written. */
typedef struct _ScRuleContext ScRuleContext;

ScRuleContext   *sc_project_rule_context_new (ScProject       *project,
                                              GError         **error);
void             sc_rule_context_free        (ScRuleContext   *context);
/* Customers the condition matches, or -1 with @error naming the rule and the position. */
gint64           sc_rule_context_count       (ScRuleContext   *context,
                                              const char      *name,
                                              const char      *expression,
                                              GError         **error);
/* (element-type utf8) the field names, attributes first. */
GPtrArray       *sc_rule_context_list_fields (ScRuleContext   *context);

/* Overlays: @by is an attribute of the customer list or SC_OVERLAY_BY_RULES. */
ScOverlay       *sc_project_overlay          (ScProject       *project,
                                              const char      *by,
                                              GError         **error);
/* (element-type utf8) the attributes an overlay can be by. */
GPtrArray       *sc_project_list_attribute_names (ScProject   *project,
                                                  GError     **error);

/* Audit */
ScAudit         *sc_project_audit            (ScProject       *project,
                                              GError         **error);

/* The reads above in a worker (sc-project-overlay-async.c), for the app. */
void             sc_project_audit_async      (ScProject           *project,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ScAudit         *sc_project_audit_finish     (ScProject           *project,
                                              GAsyncResult        *result,
                                              GError             **error);
void             sc_project_load_profit_async  (ScProject           *project,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
ScProfit        *sc_project_load_profit_finish (ScProject           *project,
                                                GAsyncResult        *result,
                                                GError             **error);
void             sc_project_overlay_async    (ScProject           *project,
                                              const char          *by,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ScOverlay       *sc_project_overlay_finish   (ScProject           *project,
                                              GAsyncResult        *result,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRuleInfo, sc_rule_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRuleContext, sc_rule_context_free)

G_END_DECLS
