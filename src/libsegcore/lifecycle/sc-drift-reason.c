/* sc-drift-reason.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sentence of a flagged segment: the two changes furthest beyond their normal change,
 * each saying what moved, by how much and what is normal.  Every number in it is a figure of
 * the ScSegmentDrift, rounded by the rules of the small formatters below (the drift tests
 * rebuild the sentence from the figures and compare). */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "sc-drift-private.h"

/* Numbers in sentences: whole numbers where the unit is whole or the value large. */
static char *
format_value (ScSnapshotFeature f,
              double            v)
{
  if (f == SC_SNAPSHOT_RECENCY || fabs (v) >= 100 || v == floor (v))
    return g_strdup_printf ("%.0f", v);
  return g_strdup_printf (f == SC_SNAPSHOT_MONETARY ? "%.2f" : "%.1f", v);
}

/* A share or relative change as a percentage without its sign: one decimal below 10 (after
 * rounding, so that 9.999 reads 10, not 10.0). */
static char *
format_percent (double v)
{
  double p = fabs (v) * 100;

  return g_strdup_printf (p < 9.95 ? "%.1f" : "%.0f", p);
}

typedef enum
{
  CLAUSE_SIZE,
  CLAUSE_REVENUE,
  CLAUSE_ORDER_VALUE,
  CLAUSE_P_ALIVE,
  CLAUSE_FEATURE,
  CLAUSE_LEFT,
} ClauseKind;

typedef struct
{
  ClauseKind kind;
  double     severity;
} Clause;

static int
compare_clause (const void *a,
                const void *b)
{
  const Clause *x = a, *y = b;

  if (x->severity != y->severity)
    return x->severity > y->severity ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* "(PSI 0.34; normal is below 0.20)" or the centroid shift when the PSI did not pass. */
static char *
feature_evidence (const ScSegmentDrift *d,
                  ScSnapshotFeature     f)
{
  if ((d->flags & SC_DRIFT_FLAG_PSI) && isfinite (d->psi[f]) && d->psi[f] > d->psi_normal)
    return g_strdup_printf (_("PSI %.2f; normal is below %.2f"), d->psi[f], d->psi_normal);
  return g_strdup_printf (_("the members moved %.2f standard units; normal is below %.2f"),
                          d->centroid_shift, d->shift_normal);
}

static char *
feature_text (const ScSegmentDrift *d,
              ScSnapshotFeature     f)
{
  g_autofree char *a = format_value (f, d->median_from[f]);
  g_autofree char *b = format_value (f, d->median_to[f]);
  g_autofree char *why = feature_evidence (d, f);
  gboolean rose = d->median_to[f] > d->median_from[f];

  /* Each sentence spelled out, for translators. When the middle stayed, the spread moved. */
  if (g_str_equal (a, b))
    switch (f)
      {
      case SC_SNAPSHOT_RECENCY:
        return g_strdup_printf (_("The recency of %s is spread differently (%s)"), d->name, why);
      case SC_SNAPSHOT_FREQUENCY:
        return g_strdup_printf (_("The number of orders of %s is spread differently (%s)"),
                                d->name, why);
      case SC_SNAPSHOT_MONETARY:
      case SC_SNAPSHOT_N_FEATURES:
      default:
        return g_strdup_printf (_("The spend of %s is spread differently (%s)"), d->name, why);
      }

  switch (f)
    {
    case SC_SNAPSHOT_RECENCY:
      return rose
        ? g_strdup_printf (_("The median recency of %s rose from %s to %s days (%s)"),
                           d->name, a, b, why)
        : g_strdup_printf (_("The median recency of %s fell from %s to %s days (%s)"),
                           d->name, a, b, why);
    case SC_SNAPSHOT_FREQUENCY:
      return rose
        ? g_strdup_printf (_("The median number of orders of %s rose from %s to %s (%s)"),
                           d->name, a, b, why)
        : g_strdup_printf (_("The median number of orders of %s fell from %s to %s (%s)"),
                           d->name, a, b, why);
    case SC_SNAPSHOT_MONETARY:
    case SC_SNAPSHOT_N_FEATURES:
    default:
      return rose
        ? g_strdup_printf (_("The median spend of %s rose from %s to %s (%s)"), d->name, a, b,
                           why)
        : g_strdup_printf (_("The median spend of %s fell from %s to %s (%s)"), d->name, a, b,
                           why);
    }
}

/* The revenue sentences name the window's length in words. */
G_STATIC_ASSERT (SC_SNAPSHOT_WINDOW_DAYS == 90);

/* A money figure's relative change: format takes the name, the change in percent, the two
 * figures and the normal change in percent. */
static char *
relative_clause (const char *format,
                 const char *name,
                 double      change,
                 double      from,
                 double      to,
                 double      normal)
{
  g_autofree char *pct = format_percent (change);
  g_autofree char *a = format_value (SC_SNAPSHOT_MONETARY, from);
  g_autofree char *b = format_value (SC_SNAPSHOT_MONETARY, to);
  g_autofree char *n = format_percent (normal);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (format, name, pct, a, b, n);
#pragma GCC diagnostic pop
}

static char *
clause_text (const ScSegmentDrift *d,
             ClauseKind            kind,
             ScSnapshotFeature     f)
{
  switch (kind)
    {
    case CLAUSE_SIZE:
      {
        g_autofree char *a = g_strdup_printf ("%.1f", 100 * d->share_from);
        g_autofree char *b = g_strdup_printf ("%.1f", 100 * d->share_to);
        g_autofree char *normal = g_strdup_printf ("%.1f", 100 * d->share_normal);

        return d->share_to > d->share_from
          ? g_strdup_printf (_("%s grew from %s%% to %s%% of customers (%" PRIu64 " to %"
                               PRIu64 " customers); the normal change is within ±%s points"),
                             d->name, a, b, d->size_from, d->size_to, normal)
          : g_strdup_printf (_("%s shrank from %s%% to %s%% of customers (%" PRIu64 " to %"
                               PRIu64 " customers); the normal change is within ±%s points"),
                             d->name, a, b, d->size_from, d->size_to, normal);
      }

    case CLAUSE_REVENUE:
      return relative_clause (d->revenue_change > 0
                              ? _("Revenue of %s in the last 90 days rose %s%% (from %s to %s); "
                                  "the normal change is within ±%s%%")
                              : _("Revenue of %s in the last 90 days fell %s%% (from %s to %s); "
                                  "the normal change is within ±%s%%"),
                              d->name, d->revenue_change, d->revenue_from, d->revenue_to,
                              d->revenue_normal);

    case CLAUSE_ORDER_VALUE:
      return relative_clause (d->order_value_change > 0
                              ? _("Order value in %s rose %s%% (from %s to %s); the normal "
                                  "change is within ±%s%%")
                              : _("Order value in %s fell %s%% (from %s to %s); the normal "
                                  "change is within ±%s%%"),
                              d->name, d->order_value_change, d->order_value_from,
                              d->order_value_to, d->order_value_normal);

    case CLAUSE_P_ALIVE:
      return d->p_alive_to > d->p_alive_from
        ? g_strdup_printf (_("The mean P(alive) of %s rose from %.2f to %.2f; the normal "
                             "change is within ±%.2f"), d->name, d->p_alive_from,
                           d->p_alive_to, d->p_alive_normal)
        : g_strdup_printf (_("The mean P(alive) of %s fell from %.2f to %.2f; the normal "
                             "change is within ±%.2f"), d->name, d->p_alive_from,
                           d->p_alive_to, d->p_alive_normal);

    case CLAUSE_LEFT:
      {
        g_autofree char *now = format_percent (d->left_share);
        g_autofree char *before = format_percent (d->left_before);
        g_autofree char *normal = format_percent (d->left_normal);

        return g_strdup_printf (_("%s%% of the members of %s moved to other segments; %s%% did "
                                  "in the period before, and up to %s%% is normal"),
                                now, d->name, before, normal);
      }

    case CLAUSE_FEATURE:
    default:
      return feature_text (d, f);
    }
}

/**
 * _sc_drift_reason:
 *
 * Returns: (transfer full) (nullable): the sentence, %NULL when @d has no flag
 */
char *
_sc_drift_reason (const ScSegmentDrift *d)
{
  Clause clauses[6];
  guint n = 0;
  ScSnapshotFeature feature = SC_SNAPSHOT_RECENCY;
  double feature_severity = -1;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;

  if (d->flags & SC_DRIFT_FLAG_NEW)
    return g_strdup_printf (_("%s is new: it does not continue a segment of the earlier "
                              "snapshot"), d->name);
  if (d->flags & SC_DRIFT_FLAG_GONE)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s is gone: its %" PRIu64 " customer is "
                                         "now elsewhere",
                                         "%s is gone: its %" PRIu64 " customers are "
                                         "now elsewhere", d->size_from),
                            d->name, d->size_from);

  /* Severity: how far beyond its normal change; the feature clause takes the feature whose
   * PSI passed furthest, else the one that moved furthest. */
  for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
    {
      double sev = 0;

      if ((d->flags & SC_DRIFT_FLAG_PSI) && isfinite (d->psi[f]))
        sev = MAX (sev, d->psi[f] / d->psi_normal);
      else if ((d->flags & SC_DRIFT_FLAG_CENTROID) && isfinite (d->shift[f]))
        sev = MAX (sev, fabs (d->shift[f]) / d->shift_normal);
      if (sev > feature_severity)
        {
          feature_severity = sev;
          feature = (ScSnapshotFeature) f;
        }
    }

  if (d->flags & SC_DRIFT_FLAG_SIZE)
    clauses[n++] = (Clause) { CLAUSE_SIZE, fabs (d->share_to - d->share_from) / d->share_normal };
  if (d->flags & SC_DRIFT_FLAG_REVENUE)
    clauses[n++] = (Clause) { CLAUSE_REVENUE, fabs (d->revenue_change) / d->revenue_normal };
  if (d->flags & SC_DRIFT_FLAG_ORDER_VALUE)
    clauses[n++] = (Clause) { CLAUSE_ORDER_VALUE,
                              fabs (d->order_value_change) / d->order_value_normal };
  if (d->flags & SC_DRIFT_FLAG_P_ALIVE)
    clauses[n++] = (Clause) { CLAUSE_P_ALIVE,
                              fabs (d->p_alive_to - d->p_alive_from) / d->p_alive_normal };
  if (d->flags & (SC_DRIFT_FLAG_PSI | SC_DRIFT_FLAG_CENTROID))
    clauses[n++] = (Clause) { CLAUSE_FEATURE, feature_severity };
  if (d->flags & SC_DRIFT_FLAG_LEFT)
    clauses[n++] = (Clause) { CLAUSE_LEFT, d->left_share / d->left_normal };
  if (n == 0)
    return NULL;
  qsort (clauses, n, sizeof (Clause), compare_clause);

  one = clause_text (d, clauses[0].kind, feature);
  if (n == 1)
    return g_steal_pointer (&one);
  two = clause_text (d, clauses[1].kind, feature);
  /* TRANSLATORS: two reasons a segment drifted, each a sentence without its final stop, e.g.
   * "Order value in Loyal fell 31% (from 84 to 58); the normal change is within ±6%" */
  return g_strdup_printf (_("%s. %s"), one, two);
}
