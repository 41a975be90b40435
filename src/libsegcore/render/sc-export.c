/* sc-export.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What leaves the application for other tools: the activation CSV (a row per customer who
 * may be contacted), the segment definitions (CSV or JSON) and the charts (PNG, SVG, PDF).
 *
 * Every file is written to a temporary name beside the target and renamed over it only when
 * complete, so an error or a cancel never leaves half a file behind and never damages the
 * previous one.  The activation CSV streams: rows are formatted into a buffer of about a
 * megabyte that is written out whenever it fills, so a million customers never become one
 * giant string.
 *
 * Every text cell the core writes to CSV goes through sc_csv_append_field(): spreadsheets
 * run a cell that starts with = + - @ (or tab/CR) as a formula, so such a cell gets a
 * leading apostrophe inside quotes and stays text (OWASP's advice for CSV injection).
 *
 * This file holds the CSV cells, the loading every export shares and the activation CSV;
 * sc-export-sink.c the temporary files, sc-export-segments.c the segment definitions and
 * sc-export-chart.c the charts. */

#include "config.h"

#include "sc-export.h"

#include <glib/gi18n-lib.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "sc-export-private.h"
#include "sc-potential.h"
#include "sc-rfm.h"
#include "sc-value.h"

#define CHECK_EVERY   65536

/* ------------------------------------------------------------------------------------------ */
/* Loading what the exports need */

/* Each of the first @n customers' consent (0 no, 1 yes, 2 unknown); @known tells whether
 * the project knows anyone's, for without it every customer counts as contactable. */
gint8 *
_sc_export_load_consent (ScStore   *store,
                         guint32    n,
                         gboolean  *known,
                         GError   **error)
{
  g_autofree gint8 *consent = g_new (gint8, MAX (n, 1));

  *known = FALSE;
  if (!sc_store_load_consent (store, n, consent, NULL, error))
    return NULL;
  for (guint32 i = 0; i < n && !*known; i++)
    *known = consent[i] != 2;
  return g_steal_pointer (&consent);
}

ScRun *
_sc_export_load_run (ScStore      *store,
                     const ScRun  *run,
                     GError      **error)
{
  ScRun *loaded;
  GError *local = NULL;

  if (run != NULL)
    return sc_run_copy (run);
  loaded = sc_run_load_current (store, &local);
  if (loaded == NULL && local == NULL)
    g_set_error (&local, SC_ERROR, SC_ERROR_NO_DATA,
                 _("The project has no segments yet: segment it first."));
  if (local != NULL)
    g_propagate_error (error, local);
  return loaded;
}

/* The run's customers' features at the run's as-of date; @agg_out, when not NULL, receives
 * the aggregates they were computed from. */
ScFeatures *
_sc_export_load_features (ScStore       *store,
                          const ScRun   *run,
                          ScAggregates **agg_out,
                          GError       **error)
{
  g_autoptr(ScAggregates) agg = sc_store_load_aggregates (store, error);
  ScFeatures *features;
  ScAggregates view;

  if (agg == NULL)
    return NULL;
  if (agg->n < run->n_customers)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the segmentation names unknown customers."),
                   sc_store_get_path (store));
      return NULL;
    }
  /* Customers imported after the run are in no segment of it: leave them out. */
  view = *agg;
  view.n = run->n_customers;
  features = sc_features_compute (&view, run->params.as_of);
  if (agg_out != NULL)
    *agg_out = g_steal_pointer (&agg);
  return features;
}

/**
 * sc_export_consent_summary:
 * @store: the project
 * @run: the segmentation the counts are about
 * @summary: (out caller-allocates): the counts
 * @error: return location for an error
 *
 * Counts who may be contacted, by the rule the activation export applies.
 *
 * Returns: %FALSE with @error set when consent could not be read
 */
gboolean
sc_export_consent_summary (ScStore           *store,
                           const ScRun       *run,
                           ScConsentSummary  *summary,
                           GError           **error)
{
  g_autofree gint8 *consent = NULL;
  guint32 n;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  n = run->n_customers;
  consent = _sc_export_load_consent (store, n, &summary->consent_known, error);
  if (consent == NULL)
    return FALSE;

  for (guint32 i = 0; i < n; i++)
    {
      if (run->labels[i] >= run->n_segments)
        continue;
      summary->segmented++;
      if (consent[i] == 1)
        summary->consent_yes++;
      else if (consent[i] == 0)
        summary->consent_no++;
      else
        summary->consent_unknown++;
    }
  summary->excluded = summary->consent_no +
                      (summary->consent_known ? summary->consent_unknown : 0);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Activation CSV */

/**
 * sc_export_assignments:
 * @store: the project
 * @run: (nullable): the segmentation to export; %NULL for the project's current one
 * @path: the CSV file to write
 * @n_written: (out) (optional): customers written
 * @n_excluded: (out) (optional): segmented customers left out for want of consent
 * @progress: (nullable): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a cancellable, polled every 65,536 customers
 * @error: return location for an error
 *
 * Writes the activation file: UTF-8 with a header and one row per segmented customer who
 * may be contacted, with the columns customer_id, segment (position, 1-based),
 * segment_name, priority (rank, 1 = most important), quadrant ("invest", "keep", "grow",
 * "maintain" or empty), service_tier ("high", "mid", "low" or empty), owner, recency
 * (days), frequency (orders), monetary (net spend), r_score, f_score, m_score (1..5, by
 * the 20/40/60/80 % quantiles of the run's customers), rfm_segment ("champions", …), clv
 * (expected value over the model's horizon) and p_alive.  clv and p_alive are empty unless
 * the current customer value model was fitted on the project's current data.
 *
 * Consent: customers who refused are left out.  When the project knows consent for some of
 * its customers, those whose consent is unknown are left out too: consent may not be
 * assumed.  When it knows consent for nobody, nobody is left out.  Customers in no segment
 * are neither written nor counted.
 *
 * The file appears complete or not at all: an error or a cancel leaves any earlier file at
 * @path untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
sc_export_assignments (ScStore         *store,
                       const ScRun     *run,
                       const char      *path,
                       guint64         *n_written,
                       guint64         *n_excluded,
                       ScProgressFunc   progress,
                       gpointer         progress_data,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(ScRun) own_run = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(ScFeatures) features = NULL;
  g_autoptr(ScPotential) potential = NULL;
  g_autofree gint8 *consent = NULL;
  g_autofree guint8 *r = NULL, *f = NULL, *m = NULL;
  g_autoptr(GPtrArray) prefixes = NULL;
  g_auto(ScExportSink) sink = { 0 };
  ScCsvWriter csv;
  static const char * const header[] = {
    "customer_id", "segment", "segment_name", "priority", "quadrant", "service_tier", "owner",
    "recency", "frequency", "monetary", "r_score", "f_score", "m_score", "rfm_segment", "clv",
    "p_alive", NULL,
  };
  ScRfmThresholds thresholds;
  const double *clv = NULL, *p_alive = NULL;
  const double *recency, *frequency, *monetary;
  gboolean consent_known = FALSE;
  guint64 written = 0, excluded = 0;
  guint32 n;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  own_run = _sc_export_load_run (store, run, error);
  if (own_run == NULL)
    return FALSE;
  run = own_run;
  n = run->n_customers;

  if (!sc_store_load_customer_keys (store, &keys, error))
    return FALSE;
  if (keys->len < n)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the segmentation names unknown customers."),
                   sc_store_get_path (store));
      return FALSE;
    }
  features = _sc_export_load_features (store, run, NULL, error);
  if (features == NULL)
    return FALSE;
  consent = _sc_export_load_consent (store, n, &consent_known, error);
  if (consent == NULL)
    return FALSE;

  potential = sc_potential_load_current (store, error);
  if (potential == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (potential != NULL && potential->n >= n && sc_potential_is_fresh (store, potential))
    {
      clv = potential->clv;
      p_alive = potential->p_alive;
    }

  r = g_new (guint8, MAX (n, 1));
  f = g_new (guint8, MAX (n, 1));
  m = g_new (guint8, MAX (n, 1));
  {
    gboolean custom;

    if (!sc_rfm_thresholds_for (store, features, &thresholds, &custom, error))
      return FALSE;
  }
  sc_rfm_score (features, &thresholds, r, f, m);
  recency = features->values[SC_FEATURE_RECENCY];
  frequency = features->values[SC_FEATURE_FREQUENCY];
  monetary = features->values[SC_FEATURE_MONETARY];

  /* The segment's cells are the same on every row of it: format them once. */
  prefixes = g_ptr_array_new_with_free_func (g_free);
  for (guint s = 0; s < run->n_segments; s++)
    {
      const ScSegmentInfo *info = &run->segments[s];
      GString *p = g_string_new (NULL);
      ScCsvWriter cells;

      sc_csv_writer_init (&cells, p, SC_CSV_WRITE_DEFAULT);
      sc_csv_writer_uint (&cells, info->position + 1);
      sc_csv_writer_field (&cells, info->name);
      sc_csv_writer_uint (&cells, info->priority);
      sc_csv_writer_field (&cells, sc_segment_info_get_quadrant (info));
      sc_csv_writer_field (&cells, info->service_tier);
      sc_csv_writer_field (&cells, info->owner);
      g_ptr_array_add (prefixes, g_string_free (p, FALSE));
    }

  if (!_sc_export_sink_open (&sink, path, error))
    return FALSE;
  sc_csv_writer_init (&csv, sink.buf, SC_CSV_WRITE_DEFAULT);
  sc_csv_writer_row (&csv, header);

  for (guint32 i = 0; i < n; i++)
    {
      guint16 label = run->labels[i];

      if ((i & (CHECK_EVERY - 1)) == 0 && i > 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress ((double) i / n, _("Writing customers"), progress_data);
        }

      if (label >= run->n_segments)
        continue;
      if (consent[i] == 0 || (consent_known && consent[i] != 1))
        {
          excluded++;
          continue;
        }

      sc_csv_writer_field (&csv, g_ptr_array_index (keys, i));
      sc_csv_writer_cells (&csv, g_ptr_array_index (prefixes, label));
      sc_csv_writer_number (&csv, recency[i], 0);
      sc_csv_writer_number (&csv, frequency[i], 0);
      sc_csv_writer_number (&csv, monetary[i], 2);
      sc_csv_writer_uint (&csv, r[i]);
      sc_csv_writer_uint (&csv, f[i]);
      sc_csv_writer_uint (&csv, m[i]);
      sc_csv_writer_field (&csv, sc_rfm_name_to_string (sc_rfm_name (r[i], f[i], m[i])));
      sc_csv_writer_number (&csv, clv != NULL ? clv[i] : NAN, 2);
      sc_csv_writer_number (&csv, p_alive != NULL ? p_alive[i] : NAN, 4);
      sc_csv_writer_end_row (&csv);
      written++;

      if (!_sc_export_sink_flush (&sink, FALSE, error))
        return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_sc_export_sink_commit (&sink, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  if (n_written != NULL)
    *n_written = written;
  if (n_excluded != NULL)
    *n_excluded = excluded;
  return TRUE;
}
