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
 * leading apostrophe inside quotes and stays text (OWASP's advice for CSV injection). */

#include "config.h"

#include "sc-export.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "sc-bars.h"
#include "sc-grid.h"
#include "sc-potential.h"
#include "sc-rfm.h"
#include "sc-scatter.h"
#include "sc-value.h"

#define SINK_BUFFER   (1024 * 1024)
#define CHECK_EVERY   65536

/* ------------------------------------------------------------------------------------------ */
/* CSV cells */

static const double powers_of_ten[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };

/**
 * sc_csv_append_number:
 * @out: where to append
 * @value: a number; NAN and infinities give an empty cell
 * @decimals: digits after the point (0..9), or -1 for the shortest text that reads back as
 *   a close approximation ("%.15g")
 *
 * Appends a number with a "." decimal mark whatever the locale.  Numbers are never
 * neutralised: a leading minus is a negative number, not a formula.
 */
void
sc_csv_append_number (GString *out,
                      double   value,
                      int      decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL);
  g_return_if_fail (decimals <= 9);

  if (!isfinite (value))
    return;

  if (decimals >= 0 && fabs (value) * powers_of_ten[decimals] < 9e15)
    {
      /* The fixed-point path does by hand what "%.*f" does, several times faster: the
       * activation CSV formats millions of amounts. */
      gint64 q = (gint64) nearbyint (value * powers_of_ten[decimals]);
      guint64 u = q < 0 ? (guint64) -q : (guint64) q;
      char digits[32];
      int len = 0;

      do
        {
          digits[len++] = (char) ('0' + u % 10);
          u /= 10;
        }
      while (u > 0 || len <= decimals);

      if (q < 0)
        g_string_append_c (out, '-');
      for (int i = len - 1; i >= 0; i--)
        {
          g_string_append_c (out, digits[i]);
          if (i == decimals && decimals > 0)
            g_string_append_c (out, '.');
        }
      return;
    }

  if (decimals >= 0)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%df", decimals);
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, format, value));
    }
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

/* ------------------------------------------------------------------------------------------ */
/* Writing files: a temporary file beside the target, renamed over it when complete */

typedef struct
{
  char    *path;
  char    *tmp_path;
  int      fd;
  GString *buf;
} Sink;

static gboolean
sink_open (Sink        *sink,
           const char  *path,
           GError     **error)
{
  int saved;

  memset (sink, 0, sizeof *sink);
  sink->fd = -1;
  sink->path = g_strdup (path);
  sink->tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  sink->buf = g_string_sized_new (SINK_BUFFER + 4096);
  sink->fd = g_mkstemp_full (sink->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (sink->fd >= 0)
    return TRUE;

  saved = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               _("Could not create “%s”: %s"), path, g_strerror (saved));
  return FALSE;
}

static gboolean
sink_write (Sink        *sink,
            const char  *data,
            gsize        len,
            GError     **error)
{
  while (len > 0)
    {
      gssize n = write (sink->fd, data, len);

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not write “%s”: %s"), sink->path, g_strerror (saved));
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Writes the buffer out once it holds a megabyte, or always with @force. */
static gboolean
sink_flush (Sink      *sink,
            gboolean   force,
            GError   **error)
{
  if (sink->buf->len == 0 || (!force && sink->buf->len < SINK_BUFFER))
    return TRUE;
  if (!sink_write (sink, sink->buf->str, sink->buf->len, error))
    return FALSE;
  g_string_truncate (sink->buf, 0);
  return TRUE;
}

/* Safe on a zeroed Sink that was never opened: only sink_open() sets tmp_path. */
static void
sink_clear (Sink *sink)
{
  if (sink->tmp_path != NULL && sink->fd >= 0)
    {
      g_close (sink->fd, NULL);
      g_unlink (sink->tmp_path);
    }
  g_free (sink->path);
  g_free (sink->tmp_path);
  if (sink->buf != NULL)
    g_string_free (sink->buf, TRUE);
  memset (sink, 0, sizeof *sink);
}

static gboolean
sink_commit (Sink    *sink,
             GError **error)
{
  int fd = sink->fd;
  int saved;

  if (!sink_flush (sink, TRUE, error))
    return FALSE;
  sink->fd = -1;
  if (!g_close (fd, error) || g_rename (sink->tmp_path, sink->path) != 0)
    {
      saved = errno;
      g_unlink (sink->tmp_path);
      if (error != NULL && *error == NULL)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("Could not write “%s”: %s"), sink->path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sink, sink_clear)

/* Cairo writes surfaces through this; the first error is kept for the caller. */
typedef struct
{
  Sink   *sink;
  GError *error;
} CairoSink;

static cairo_status_t
cairo_sink_write (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  CairoSink *cs = closure;

  if (cs->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  g_string_append_len (cs->sink->buf, (const char *) data, length);
  if (!sink_flush (cs->sink, FALSE, &cs->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* ------------------------------------------------------------------------------------------ */
/* Loading what the exports need */

static ScRun *
load_run (ScStore      *store,
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

/* The run's customers' features at the run's as-of date. */
static ScFeatures *
load_features (ScStore      *store,
               const ScRun  *run,
               GError      **error)
{
  g_autoptr(ScAggregates) agg = sc_store_load_aggregates (store, error);
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
  return sc_features_compute (&view, run->params.as_of);
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
sc_export_consent_summary (ScStore          *store,
                           const ScRun      *run,
                           ScConsentSummary *summary,
                           GError          **error)
{
  g_autofree gint8 *consent = NULL;
  guint32 n;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  n = run->n_customers;
  consent = g_new (gint8, MAX (n, 1));
  if (!sc_store_load_consent (store, n, consent, NULL, error))
    return FALSE;

  for (guint32 i = 0; i < n; i++)
    {
      if (consent[i] != 2)
        summary->consent_known = TRUE;
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
  g_auto(Sink) sink = { 0 };
  ScRfmThresholds thresholds;
  const double *clv = NULL, *p_alive = NULL;
  const double *recency, *frequency, *monetary;
  gboolean consent_known = FALSE;
  guint64 written = 0, excluded = 0;
  guint32 n;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  own_run = load_run (store, run, error);
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
  features = load_features (store, run, error);
  if (features == NULL)
    return FALSE;
  consent = g_new (gint8, MAX (n, 1));
  if (!sc_store_load_consent (store, n, consent, NULL, error))
    return FALSE;
  for (guint32 i = 0; i < n && !consent_known; i++)
    consent_known = consent[i] != 2;

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

      g_string_append_printf (p, ",%u,", info->position + 1);
      sc_csv_append_field (p, info->name);
      g_string_append_printf (p, ",%u,", info->priority);
      sc_csv_append_field (p, sc_segment_info_get_quadrant (info));
      g_string_append_c (p, ',');
      sc_csv_append_field (p, info->service_tier);
      g_string_append_c (p, ',');
      sc_csv_append_field (p, info->owner);
      g_string_append_c (p, ',');
      g_ptr_array_add (prefixes, g_string_free (p, FALSE));
    }

  if (!sink_open (&sink, path, error))
    return FALSE;
  g_string_append (sink.buf, "customer_id,segment,segment_name,priority,quadrant,service_tier,"
                             "owner,recency,frequency,monetary,r_score,f_score,m_score,"
                             "rfm_segment,clv,p_alive\n");

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

      sc_csv_append_field (sink.buf, g_ptr_array_index (keys, i));
      g_string_append (sink.buf, g_ptr_array_index (prefixes, label));
      sc_csv_append_number (sink.buf, recency[i], 0);
      g_string_append_c (sink.buf, ',');
      sc_csv_append_number (sink.buf, frequency[i], 0);
      g_string_append_c (sink.buf, ',');
      sc_csv_append_number (sink.buf, monetary[i], 2);
      g_string_append_c (sink.buf, ',');
      g_string_append_c (sink.buf, (char) ('0' + r[i]));
      g_string_append_c (sink.buf, ',');
      g_string_append_c (sink.buf, (char) ('0' + f[i]));
      g_string_append_c (sink.buf, ',');
      g_string_append_c (sink.buf, (char) ('0' + m[i]));
      g_string_append_c (sink.buf, ',');
      g_string_append (sink.buf, sc_rfm_name_to_string (sc_rfm_name (r[i], f[i], m[i])));
      g_string_append_c (sink.buf, ',');
      if (clv != NULL)
        sc_csv_append_number (sink.buf, clv[i], 2);
      g_string_append_c (sink.buf, ',');
      if (p_alive != NULL)
        sc_csv_append_number (sink.buf, p_alive[i], 4);
      g_string_append_c (sink.buf, '\n');
      written++;

      if (!sink_flush (&sink, FALSE, error))
        return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !sink_commit (&sink, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  if (n_written != NULL)
    *n_written = written;
  if (n_excluded != NULL)
    *n_excluded = excluded;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Segment definitions */

/**
 * sc_json_append_string:
 * @s: (nullable): UTF-8 text; %NULL appends `null`
 *
 * Appends @s as a JSON string, quoted and escaped.
 */
void
sc_json_append_string (GString    *out,
                       const char *s)
{
  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_number (GString *out,
             double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", v));
}

static void
json_key (GString    *out,
          const char *key,
          gboolean    first)
{
  g_string_append (out, first ? "\n    " : ",\n    ");
  sc_json_append_string (out, key);
  g_string_append (out, ": ");
}

static char *
colour_hex (guint colour,
            gboolean is_outliers)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScRgba rgba;

  sc_palette_segment_colour (palette, colour, is_outliers, &rgba);
  return sc_rgba_to_hex (&rgba);
}

static void
write_segments_json (GString     *out,
                     const ScRun *run,
                     const guint *order)
{
  g_autofree char *as_of = sc_day_format (run->params.as_of);

  g_string_append (out, "{\n  \"run\": {");
  g_string_append_printf (out, "\n    \"id\": %" PRId64 ",", run->id);
  g_string_append (out, "\n    \"created_at\": ");
  sc_json_append_string (out, run->created_at);
  g_string_append (out, ",\n    \"as_of\": ");
  sc_json_append_string (out, as_of);
  g_string_append_printf (out, ",\n    \"k\": %u,\n    \"k_auto\": %s,\n    \"seed\": %"
                          PRIu64 ",\n    \"silhouette\": ", run->k,
                          run->k_auto ? "true" : "false", run->params.seed);
  json_number (out, run->silhouette);
  g_string_append (out, ",\n    \"value_threshold\": ");
  json_number (out, run->value_threshold);
  g_string_append (out, ",\n    \"potential_threshold\": ");
  json_number (out, run->potential_threshold);
  g_string_append (out, "\n  },\n  \"segments\": [");

  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];
      g_autofree char *hex = colour_hex (s->colour, s->is_outliers);

      g_string_append (out, i > 0 ? ",\n  {" : "\n  {");
      json_key (out, "priority", TRUE);
      g_string_append_printf (out, "%u", s->priority);
      json_key (out, "segment", FALSE);
      g_string_append_printf (out, "%u", s->position + 1);
      json_key (out, "id", FALSE);
      g_string_append_printf (out, "%" PRId64, s->id);
      json_key (out, "name", FALSE);
      sc_json_append_string (out, s->name);
      json_key (out, "suggested_name", FALSE);
      sc_json_append_string (out, s->suggested_name);
      json_key (out, "description", FALSE);
      sc_json_append_string (out, s->description);
      json_key (out, "colour", FALSE);
      g_string_append_printf (out, "%u", s->colour);
      json_key (out, "colour_hex", FALSE);
      sc_json_append_string (out, hex);
      json_key (out, "is_outliers", FALSE);
      g_string_append (out, s->is_outliers ? "true" : "false");
      json_key (out, "quadrant", FALSE);
      sc_json_append_string (out, sc_segment_info_get_quadrant (s));
      json_key (out, "computed_quadrant", FALSE);
      sc_json_append_string (out, s->quadrant);
      json_key (out, "quadrant_override", FALSE);
      sc_json_append_string (out, s->quadrant_override);
      json_key (out, "service_tier", FALSE);
      sc_json_append_string (out, s->service_tier);
      json_key (out, "owner", FALSE);
      sc_json_append_string (out, s->owner);
      json_key (out, "objective", FALSE);
      sc_json_append_string (out, s->objective);
      json_key (out, "tactics", FALSE);
      sc_json_append_string (out, s->tactics);
      json_key (out, "profile", FALSE);
      sc_json_append_string (out, s->profile);
      json_key (out, "size", FALSE);
      g_string_append_printf (out, "%" PRIu64, s->size);
      json_key (out, "share", FALSE);
      json_number (out, s->share);
      json_key (out, "revenue", FALSE);
      json_number (out, s->revenue);
      json_key (out, "revenue_share", FALSE);
      json_number (out, s->revenue_share);
      json_key (out, "recency", FALSE);
      json_number (out, s->recency);
      json_key (out, "frequency", FALSE);
      json_number (out, s->frequency);
      json_key (out, "monetary", FALSE);
      json_number (out, s->monetary);
      json_key (out, "value", FALSE);
      json_number (out, s->value);
      json_key (out, "potential", FALSE);
      json_number (out, s->potential);
      json_key (out, "p_alive", FALSE);
      json_number (out, s->p_alive);
      g_string_append (out, "\n  }");
    }
  g_string_append (out, "\n  ]\n}\n");
}

static void
write_segments_csv (GString     *out,
                    const ScRun *run,
                    const guint *order)
{
  g_string_append (out, "priority,segment,id,name,suggested_name,description,colour,is_outliers,"
                        "quadrant,computed_quadrant,quadrant_override,service_tier,owner,"
                        "objective,tactics,profile,size,share,revenue,revenue_share,recency,"
                        "frequency,monetary,value,potential,p_alive\n");
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];
      g_autofree char *hex = colour_hex (s->colour, s->is_outliers);
      const char *texts[] = {
        s->name, s->suggested_name, s->description, hex, s->is_outliers ? "yes" : "no",
        sc_segment_info_get_quadrant (s), s->quadrant, s->quadrant_override, s->service_tier,
        s->owner, s->objective, s->tactics, s->profile,
      };
      struct { double v; int decimals; } numbers[] = {
        { s->share, 6 }, { s->revenue, 2 }, { s->revenue_share, 6 }, { s->recency, 2 },
        { s->frequency, 3 }, { s->monetary, 2 }, { s->value, 2 }, { s->potential, 2 },
        { s->p_alive, 4 },
      };

      g_string_append_printf (out, "%u,%u,%" PRId64, s->priority, s->position + 1,
                              s->id);
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          g_string_append_c (out, ',');
          sc_csv_append_field (out, texts[t]);
        }
      g_string_append_printf (out, ",%" PRIu64, s->size);
      for (guint v = 0; v < G_N_ELEMENTS (numbers); v++)
        {
          g_string_append_c (out, ',');
          sc_csv_append_number (out, numbers[v].v, numbers[v].decimals);
        }
      g_string_append_c (out, '\n');
    }
}

/**
 * sc_export_segments:
 * @store: the project
 * @run: (nullable): the segmentation; %NULL for the project's current one
 * @path: the file to write
 * @format: CSV, JSON, or %SC_SEGMENTS_FORMAT_AUTO to choose by @path's extension
 * @error: return location for an error
 *
 * Writes the segment definitions in priority order: every field people edit (name,
 * description, quadrant override, service tier, owner, objective, tactics, colour) and
 * every figure (size, shares, revenue, member means, value, potential, P(alive)).  Text
 * that is not set is %null in JSON and an empty cell in CSV.  Colours are given as a
 * palette index and as the light palette's "#rrggbb".
 *
 * Returns: %TRUE on success
 */
gboolean
sc_export_segments (ScStore          *store,
                    const ScRun      *run,
                    const char       *path,
                    ScSegmentsFormat  format,
                    GError          **error)
{
  g_autoptr(ScRun) own_run = NULL;
  g_autofree guint *order = NULL;
  g_auto(Sink) sink = { 0 };

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format == SC_SEGMENTS_FORMAT_AUTO)
    {
      g_autofree char *lower = g_ascii_strdown (path, -1);

      if (g_str_has_suffix (lower, ".json"))
        format = SC_SEGMENTS_FORMAT_JSON;
      else if (g_str_has_suffix (lower, ".csv"))
        format = SC_SEGMENTS_FORMAT_CSV;
      else
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("“%s” should end in .json or .csv, to say which format to write."),
                       path);
          return FALSE;
        }
    }

  own_run = load_run (store, run, error);
  if (own_run == NULL)
    return FALSE;
  order = sc_run_priority_order (own_run);

  if (!sink_open (&sink, path, error))
    return FALSE;
  if (format == SC_SEGMENTS_FORMAT_JSON)
    write_segments_json (sink.buf, own_run, order);
  else
    write_segments_csv (sink.buf, own_run, order);
  return sink_commit (&sink, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Charts */

static const char * const chart_kinds[] = { "scatter", "sizes", "grid" };

/**
 * sc_chart_kind_to_string:
 * @kind: a chart
 *
 * Returns: (transfer none): its stable identifier: "scatter", "sizes" or "grid"
 */
const char *
sc_chart_kind_to_string (ScChartKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (chart_kinds), NULL);
  return chart_kinds[kind];
}

/**
 * sc_chart_kind_from_string:
 * @s: an identifier from sc_chart_kind_to_string()
 * @kind: (out): the chart
 *
 * Returns: %TRUE when @s names a chart
 */
gboolean
sc_chart_kind_from_string (const char  *s,
                           ScChartKind *kind)
{
  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (chart_kinds); i++)
    if (g_ascii_strcasecmp (s, chart_kinds[i]) == 0)
      {
        *kind = (ScChartKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * sc_chart_kind_to_title:
 * @kind: a chart
 *
 * Returns: (transfer none): the chart's title, for people
 */
const char *
sc_chart_kind_to_title (ScChartKind kind)
{
  switch (kind)
    {
    case SC_CHART_SCATTER:
      return _("Customers by recency and spend");
    case SC_CHART_SIZES:
      return _("Segment sizes");
    case SC_CHART_GRID:
      return _("Value and potential");
    default:
      g_return_val_if_reached (NULL);
    }
}

struct _ScCharts
{
  ScRun          *run;
  ScFeatures     *features;
  guint          *order;

  /* The scatter's binned points, for one size, scale and text size. */
  ScScatterCache *scatter;
  int             scatter_width;
  int             scatter_height;
  double          scatter_scale;
  double          scatter_font_size;
};

/**
 * sc_charts_new:
 * @store: the project
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Loads what the charts of the project's current segmentation show.  The result holds no
 * reference to @store; it may be made in a worker thread and then used from one thread at
 * a time.
 *
 * Returns: (transfer full) (nullable): the charts, or %NULL with %SC_ERROR_NO_DATA when the
 *   project has no segments yet
 */
ScCharts *
sc_charts_new (ScStore       *store,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(ScRun) run = NULL;
  ScFeatures *features;
  ScCharts *charts;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run = load_run (store, NULL, error);
  if (run == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  features = load_features (store, run, error);
  if (features == NULL)
    return NULL;

  charts = g_new0 (ScCharts, 1);
  charts->order = sc_run_priority_order (run);
  charts->run = g_steal_pointer (&run);
  charts->features = features;
  return charts;
}

void
sc_charts_free (ScCharts *charts)
{
  if (charts == NULL)
    return;
  g_clear_pointer (&charts->scatter, sc_scatter_cache_free);
  sc_run_free (charts->run);
  sc_features_free (charts->features);
  g_free (charts->order);
  g_free (charts);
}

/**
 * sc_charts_get_run:
 * @charts: the charts
 *
 * Returns: (transfer none): the segmentation the charts show
 */
const ScRun *
sc_charts_get_run (ScCharts *charts)
{
  g_return_val_if_fail (charts != NULL, NULL);
  return charts->run;
}

/**
 * sc_charts_get_features:
 * @charts: the charts
 *
 * Returns: (transfer none): the features of the run's customers at its as-of date
 */
const ScFeatures *
sc_charts_get_features (ScCharts *charts)
{
  g_return_val_if_fail (charts != NULL, NULL);
  return charts->features;
}

static void
paint_sizes (ScCharts        *charts,
             cairo_t         *cr,
             const ScPalette *palette,
             double           width,
             double           height)
{
  const ScRun *run = charts->run;
  g_autofree ScBarsSegment *segments = g_new0 (ScBarsSegment, MAX (run->n_segments, 1));

  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[charts->order[i]];

      segments[i].name = s->name;
      segments[i].colour = s->colour;
      segments[i].is_outliers = s->is_outliers;
      segments[i].share = s->share;
      segments[i].revenue_share = s->revenue_share;
    }
  sc_bars_paint (cr, segments, run->n_segments, palette, -1, width, height);
}

static void
paint_grid (ScCharts        *charts,
            cairo_t         *cr,
            const ScPalette *palette,
            double           width,
            double           height)
{
  const ScRun *run = charts->run;
  g_autofree ScGridSegment *segments = g_new0 (ScGridSegment, MAX (run->n_segments, 1));

  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[charts->order[i]];

      segments[i].name = s->name;
      segments[i].colour = s->colour;
      segments[i].is_outliers = s->is_outliers;
      segments[i].customers = s->size;
      segments[i].value = s->value;
      segments[i].potential = s->potential;
    }
  sc_grid_paint (cr, segments, run->n_segments, run->value_threshold, run->potential_threshold,
                 palette, -1, width, height);
}

static void
paint_scatter (ScCharts        *charts,
               cairo_t         *cr,
               const ScPalette *palette,
               double           width,
               double           height,
               double           scale)
{
  int w = MAX ((int) ceil (width), 1);
  int h = MAX ((int) ceil (height), 1);

  if (charts->scatter == NULL || charts->scatter_width != w || charts->scatter_height != h ||
      charts->scatter_scale != scale || charts->scatter_font_size != palette->font_size)
    {
      ScScatterData data;
      ScScatterAxes axes;
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&charts->scatter, sc_scatter_cache_free);
      if (!sc_scatter_data_init_from_run (&data, charts->run, charts->features,
                                          SC_FEATURE_RECENCY, SC_FEATURE_MONETARY, &error))
        {
          /* Both features always exist and the run matches its own features. */
          g_critical ("%s", error->message);
          return;
        }
      /* Spend spans orders of magnitude; recency is read in days. */
      sc_scatter_axes_init (&axes);
      axes.y_log = TRUE;
      charts->scatter = sc_scatter_cache_new (&data, w, h, scale, &axes, palette);
      charts->scatter_width = w;
      charts->scatter_height = h;
      charts->scatter_scale = scale;
      charts->scatter_font_size = palette->font_size;
      sc_scatter_data_clear (&data);
    }
  sc_scatter_paint (cr, charts->scatter, palette, -1, width, height);
}

/**
 * sc_charts_paint:
 * @charts: the charts
 * @kind: which chart
 * @cr: where to paint, with the chart's top left corner at the origin
 * @palette: colours and font
 * @width: chart width, logical units
 * @height: chart height
 * @scale: device pixels per logical unit of the scatter's point image (1 on a plain
 *   screen, 2 on HiDPI, 2–3 for print); the other charts are vectors and ignore it
 *
 * Paints a chart with the same painters as the application.  The background is not
 * filled.  The scatter keeps its binned points for the last size and scale, so painting
 * it again at that size is cheap.
 */
void
sc_charts_paint (ScCharts        *charts,
                 ScChartKind      kind,
                 cairo_t         *cr,
                 const ScPalette *palette,
                 double           width,
                 double           height,
                 double           scale)
{
  g_return_if_fail (charts != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (width > 0 && height > 0);

  switch (kind)
    {
    case SC_CHART_SCATTER:
      paint_scatter (charts, cr, palette, width, height, scale > 0 ? scale : 1.0);
      break;
    case SC_CHART_SIZES:
      paint_sizes (charts, cr, palette, width, height);
      break;
    case SC_CHART_GRID:
      paint_grid (charts, cr, palette, width, height);
      break;
    default:
      g_return_if_reached ();
    }
}

typedef enum
{
  CHART_PNG,
  CHART_SVG,
  CHART_PDF,
} ChartFile;

static gboolean
chart_file_type (const char  *path,
                 ChartFile   *type,
                 GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *type = CHART_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *type = CHART_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *type = CHART_PDF;
  else
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” should end in .png, .svg or .pdf, to say which format to write."),
                   path);
      return FALSE;
    }
  return TRUE;
}

static void
paint_page (ScCharts        *charts,
            ScChartKind      kind,
            cairo_surface_t *surface,
            const ScPalette *palette,
            double           width,
            double           height,
            double           scale)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, palette->background.r, palette->background.g,
                        palette->background.b);
  cairo_paint (cr);
  sc_charts_paint (charts, kind, cr, palette, width, height, scale);
  cairo_show_page (cr);
  cairo_destroy (cr);
}

/**
 * sc_charts_write:
 * @charts: the charts
 * @kind: which chart
 * @path: the file; its extension (.png, .svg or .pdf) chooses the format
 * @width: width in logical pixels (points in SVG and PDF)
 * @height: height
 * @scale: device pixels per logical pixel of a PNG (2 for HiDPI), and the resolution of
 *   the scatter's point image in SVG and PDF
 * @dark: use the dark palette
 * @error: return location for an error
 *
 * Writes one chart on its palette's background.
 *
 * Returns: %TRUE on success
 */
gboolean
sc_charts_write (ScCharts    *charts,
                 ScChartKind  kind,
                 const char  *path,
                 int          width,
                 int          height,
                 double       scale,
                 gboolean     dark,
                 GError     **error)
{
  g_autoptr(ScPalette) palette = NULL;
  g_auto(Sink) sink = { 0 };
  CairoSink cs = { 0 };
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  ChartFile type;

  g_return_val_if_fail (charts != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!chart_file_type (path, &type, error))
    return FALSE;
  if (width < 16 || height < 16 || width > 20000 || height > 20000 || !(scale >= 0.5 && scale <= 8))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("A chart is 16 to 20,000 pixels wide and high, at a scale of 0.5 to 8."));
      return FALSE;
    }
  if (type == CHART_PNG && (double) width * height * scale * scale > 400e6)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The image would be too large: choose a smaller size or scale."));
      return FALSE;
    }

  palette = sc_palette_new (dark);
  if (!sink_open (&sink, path, error))
    return FALSE;
  cs.sink = &sink;

  switch (type)
    {
    case CHART_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      cairo_surface_set_device_scale (surface, scale, scale);
      paint_page (charts, kind, surface, palette, width, height, scale);
      status = cairo_surface_write_to_png_stream (surface, cairo_sink_write, &cs);
      break;
    case CHART_SVG:
      surface = cairo_svg_surface_create_for_stream (cairo_sink_write, &cs, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      paint_page (charts, kind, surface, palette, width, height, scale);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      break;
    case CHART_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (cairo_sink_write, &cs, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      sc_chart_kind_to_title (kind));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Segments");
      paint_page (charts, kind, surface, palette, width, height, scale);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      break;
    }
  cairo_surface_destroy (surface);

  if (cs.error != NULL)
    {
      g_propagate_error (error, cs.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT, _("Could not draw “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return sink_commit (&sink, error);
}

/**
 * sc_export_chart:
 * @store: the project
 * @kind: which chart
 * @path: the file; its extension (.png, .svg or .pdf) chooses the format
 * @width: width in logical pixels (points in SVG and PDF)
 * @height: height
 * @scale: device pixels per logical pixel of a PNG (2 for HiDPI)
 * @dark: use the dark palette
 * @error: return location for an error
 *
 * Writes one chart of the project's current segmentation.
 *
 * Returns: %TRUE on success
 */
gboolean
sc_export_chart (ScStore     *store,
                 ScChartKind  kind,
                 const char  *path,
                 int          width,
                 int          height,
                 double       scale,
                 gboolean     dark,
                 GError     **error)
{
  g_autoptr(ScCharts) charts = NULL;
  ChartFile type;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A wrong extension is reported before anything is loaded. */
  if (!chart_file_type (path, &type, error))
    return FALSE;
  charts = sc_charts_new (store, NULL, error);
  if (charts == NULL)
    return FALSE;
  return sc_charts_write (charts, kind, path, width, height, scale, dark, error);
}
