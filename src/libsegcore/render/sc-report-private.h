/* sc-report-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-brief.h"
#include "sc-export.h"
#include "sc-flow.h"
#include "sc-page-layout.h"
#include "sc-plan.h"
#include "sc-potential.h"
#include "sc-render-util-private.h"
#include "sc-report.h"
#include "sc-value.h"

G_BEGIN_DECLS

/* The chart of a layout block that draws the migration matrix; the others are ScChartKind. */
#define _SC_REPORT_CHART_MIGRATION 0x100

struct _ScReport
{
  GObject          parent_instance;

  ScReportFormat   format;
  const ScPageMetrics *m;
  ScPalette       *palette;      /* light; chart text sized for the format */
  ScCharts        *charts;
  ScMigration     *migration;    /* "What changed", when there is a snapshot to compare */
  ScPageLayout    *layout;

  char            *title;
  char            *author;
  GDateTime       *date;
  char            *date_text;
  char            *period;

  guint64          n_customers;
  guint64          n_segmented;
  guint64          n_orders;
  double           revenue;
  guint            n_clusters;   /* segments apart from the anomalies (top accounts count) */
  guint64          n_anomalies;  /* customers in the anomalies group */

  char            *summary;
  char            *currency;     /* the project's currency code and a no-break space, or NULL */
  ScCurrencySource currency_source;
};

/* What the sections are written from, loaded once by _sc_report_load_data(). */
typedef struct
{
  const ScRun       *run;
  const ScFeatures  *features;
  ScPotential       *potential;      /* nullable */
  gboolean           fresh;
  double            *expected;       /* per segment: sum of expected future value, or NAN */
  GArray            *imports;
  ScConsentSummary   consent;
  GPtrArray         *attributes;     /* categorical attributes worth showing */
  guint64          **level_counts;   /* per attribute: n_segments × n_levels, then totals */
  guint             *order;          /* priority order */
  ScPlans           *plans;          /* every segment's plan, in position order */
  GPtrArray         *decisions;      /* ScDecision: what people still have to decide */
  char              *audit_summary;  /* the data-quality line (sc-audit.c), or NULL */
} ScReportData;

gboolean  _sc_report_load_data        (ScReport            *self,
                                       ScStore             *store,
                                       ScReportData        *d,
                                       GCancellable        *cancellable,
                                       GError             **error);
void      _sc_report_data_clear       (ScReportData        *d);
void      _sc_report_compute_totals   (ScReport            *self,
                                       const ScReportData  *d);

char     *_sc_report_fmt_count        (guint64              n);
/* Money with the project's currency.  A figure that is NAN gives "": callers leave it
 * out, a table shows an empty cell. */
char     *_sc_report_fmt_money        (ScReport            *self,
                                       double               v);
char     *_sc_report_fmt_amount       (ScReport            *self,
                                       double               v);
char     *_sc_report_fmt_share        (double               f);
char     *_sc_report_fmt_fixed        (double               v,
                                       int                  decimals);
char     *_sc_report_fmt_day          (ScDay                day);
char     *_sc_report_join_names       (GPtrArray           *names);
ScRgba    _sc_report_segment_colour   (ScReport            *self,
                                       const ScSegmentInfo *s);
ScSection *_sc_report_add_page        (ScReport            *self,
                                       ScReportPageKind     kind,
                                       const char          *title,
                                       const char          *heading,
                                       const char          *caption);

void      _sc_report_build_title      (ScReport            *self);
/* sc-report-brief.c */
char     *_sc_report_default_title    (ScStore             *store);
void      _sc_report_build_brief      (ScReport            *self,
                                       ScStore             *store,
                                       const ScReportData  *d);
/* sc-report-actions.c: what the summary recommends, the caveats and the decisions. */
char     *_sc_report_key_message      (ScReport            *self,
                                       const ScReportData  *d);
GPtrArray *_sc_report_actions         (ScReport            *self,
                                       const ScReportData  *d);
GPtrArray *_sc_report_caveats         (ScReport            *self,
                                       const ScReportData  *d);
GPtrArray *_sc_report_decision_texts  (ScReport            *self,
                                       const ScReportData  *d);
gboolean  _sc_report_any_owner        (const ScRun         *run);
const ScPlan *_sc_report_plan         (const ScReportData  *d,
                                       const ScSegmentInfo *s);
void      _sc_report_build_next_steps (ScReport            *self,
                                       const ScReportData  *d);
void      _sc_report_build_summary    (ScReport            *self,
                                       const ScReportData  *d);
void      _sc_report_build_charts     (ScReport            *self,
                                       const ScReportData  *d);
void      _sc_report_build_changes    (ScReport            *self,
                                       ScStore             *store,
                                       GCancellable        *cancellable);
void      _sc_report_build_segment    (ScReport            *self,
                                       const ScReportData  *d,
                                       const ScSegmentInfo *s);
void      _sc_report_build_appendix   (ScReport            *self,
                                       const ScReportData  *d);
/* sc-report-hypotheses.c: the "Hypotheses" section, after "What changed"; nothing when the
 * project states no hypothesis. */
void      _sc_report_build_hypotheses (ScReport            *self,
                                       ScStore             *store,
                                       GCancellable        *cancellable);
/* sc-report-profit.c: the "Profit" section, nothing without cost or margin data. */
void      _sc_report_build_profit     (ScReport            *self,
                                       ScStore             *store,
                                       const ScReportData  *d);
/* sc-report-overlay.c: rule segments × behavioural segments, nothing without rules. */
void      _sc_report_build_overlay    (ScReport            *self,
                                       ScStore             *store);
void      _sc_report_build_segmentation (ScReport          *self,
                                         ScSection         *section,
                                         const ScReportData *d,
                                         ScPageStyleId      text_style);
const ScSegmentQuality *_sc_report_segment_quality (const ScRun         *run,
                                                    const ScSegmentInfo *s);
gboolean  _sc_report_segment_unstable (const ScRun         *run,
                                       const ScSegmentInfo *s);
char     *_sc_report_flagged_name     (const ScRun         *run,
                                       const ScSegmentInfo *s);
void      _sc_report_draw_title_page  (ScReport            *self,
                                       cairo_t             *cr,
                                       PangoContext        *context);

G_END_DECLS
