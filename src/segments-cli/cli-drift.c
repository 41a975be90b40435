/* cli-drift.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What changed, from a terminal: drift (between two snapshots, or a snapshot and the
 * current segments: per segment and as a migration matrix) and assign (score every
 * customer against the current segments and say what drifted).  The work reads every
 * transaction and runs through run_cancellable(), so Ctrl+C leaves the project as it was. */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-value.h"


static const char *const feature_keys[SC_SNAPSHOT_N_FEATURES] = {
  "recency", "frequency", "monetary",
};

/* ------------------------------------------------------------------------------------------ */
/* drift                                                                                       */

typedef struct
{
  ScProject  *project;
  gint64      from_id;
  gint64      to_id;
  ScDrift    *drift;
} DriftWork;

static gpointer
drift_work (gpointer  data,
            GError  **error)
{
  DriftWork *w = data;

  w->drift = sc_project_compute_drift (w->project, w->from_id, w->to_id, cli.job,
                                       cli.cancellable, error);
  return w->drift;
}

static const char *
flag_names (ScDriftFlags flags,
            char         buf[64])
{
  static const struct { ScDriftFlags flag; const char *name; } names[] = {
    { SC_DRIFT_FLAG_SIZE, "size" }, { SC_DRIFT_FLAG_CENTROID, "shift" },
    { SC_DRIFT_FLAG_PSI, "psi" }, { SC_DRIFT_FLAG_LEFT, "left" },
    { SC_DRIFT_FLAG_NEW, "new" }, { SC_DRIFT_FLAG_GONE, "gone" },
    { SC_DRIFT_FLAG_REVENUE, "revenue" }, { SC_DRIFT_FLAG_ORDER_VALUE, "order_value" },
    { SC_DRIFT_FLAG_P_ALIVE, "p_alive" },
  };

  buf[0] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (flags & names[i].flag)
      {
        if (buf[0] != '\0')
          g_strlcat (buf, ",", 64);
        g_strlcat (buf, names[i].name, 64);
      }
  return buf;
}

static void
describe_side (GString    *out,
               gint64      id,
               const char *label,
               ScDay       as_of)
{
  g_autofree char *date = sc_day_format (as_of);

  if (id > 0)
    g_string_append_printf (out, _("snapshot %" PRId64 " “%s” (as of %s)"), id, label,
                            date);
  else
    g_string_append_printf (out, _("the current segments (as of %s)"), date);
}

static char *
percent (double v)
{
  if (!isfinite (v))
    return g_strdup ("–");
  return g_strdup_printf ("%+.1f%%", 100 * v);
}

static char *
number (double v)
{
  if (!isfinite (v))
    return g_strdup ("–");
  return g_strdup_printf ("%.2f", v);
}

/* printf pads by bytes; names and arrows are UTF-8, so pad by characters. */
static void
append_padded (GString    *out,
               const char *s,
               glong       width,
               gboolean    right)
{
  glong len = g_utf8_strlen (s, -1);

  if (!right)
    g_string_append (out, s);
  for (glong i = len; i < width; i++)
    g_string_append_c (out, ' ');
  if (right)
    g_string_append (out, s);
}

/* At most width characters, an ellipsis marking a cut. */
static char *
shorten (const char *s,
         glong       width)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (s, -1) <= width)
    return g_strdup (s);
  head = g_utf8_substring (s, 0, width - 1);
  return g_strconcat (head, "…", NULL);
}

static void
print_drift_text (const ScDrift *d)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint nt = d->n_to;

  g_string_append (out, _("Drift from "));
  describe_side (out, d->from_id, d->from_label, d->from_as_of);
  g_string_append (out, _(" to "));
  describe_side (out, d->to_id, d->to_label, d->to_as_of);
  g_string_append_printf (out, "\n%s\n\n",
                          d->n_flagged == 0
                          ? _("No segment changed beyond what is normal between two periods.")
                          : _("Segments that changed beyond what is normal are marked with *."));

  g_string_append_printf (out, "%-3s %-32s %21s %8s %9s %9s %6s %20s %5s\n", "#",
                          _("Segment"), _("Customers"), _("Change"), _("Rev 90d"),
                          _("Order val"), _("Shift"), _("PSI R / F / M"), _("Left"));
  for (guint i = 0; i < d->n_segments; i++)
    {
      const ScSegmentDrift *s = &d->segments[i];
      g_autofree char *pos = s->to_position >= 0 ? g_strdup_printf ("%d", s->to_position + 1)
                                                 : g_strdup ("–");
      g_autofree char *sizes = g_strdup_printf ("%" PRIu64 " → %" PRIu64,
                                                s->size_from, s->size_to);
      g_autofree char *change = percent (s->size_change);
      g_autofree char *revenue = percent (s->revenue_change);
      g_autofree char *order_value = percent (s->order_value_change);
      g_autofree char *shift = number (s->centroid_shift);
      g_autofree char *psi_r = number (s->psi[0]);
      g_autofree char *psi_f = number (s->psi[1]);
      g_autofree char *psi_m = number (s->psi[2]);
      g_autofree char *psi = g_strdup_printf ("%s / %s / %s", psi_r, psi_f, psi_m);
      g_autofree char *left = isfinite (s->left_share)
        ? g_strdup_printf ("%.0f%%", 100 * s->left_share) : g_strdup ("–");
      g_autofree char *name = shorten (s->name, 30);

      g_string_append_printf (out, "%-3s %s", pos, s->flags ? "*" : " ");
      append_padded (out, name, 31, FALSE);
      g_string_append_c (out, ' ');
      append_padded (out, sizes, 21, TRUE);
      g_string_append_printf (out, " %8s %9s %9s %6s ", change, revenue, order_value, shift);
      append_padded (out, psi, 20, TRUE);
      g_string_append_printf (out, " %5s\n", left);
    }

  if (d->n_flagged > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Flagged:"));
      for (guint i = 0; i < d->n_segments; i++)
        if (d->segments[i].flags != 0 && d->segments[i].reason != NULL)
          g_string_append_printf (out, "  • %s.\n", d->segments[i].reason);
    }

  g_string_append_printf (out, "\n%s\n", _("Migration (rows: before; columns: now, by #):"));
  g_string_append_printf (out, "%-32s", "");
  for (guint j = 0; j < nt; j++)
    g_string_append_printf (out, " %8u", j + 1);
  g_string_append_printf (out, " %8s\n", _("gone"));
  for (guint i = 0; i <= d->n_from; i++)
    {
      const char *row = i < d->n_from ? d->from_names[i] : _("(new customers)");
      g_autofree char *name = shorten (row, 31);

      append_padded (out, name, 32, FALSE);
      for (guint j = 0; j <= nt; j++)
        g_string_append_printf (out, " %8" PRIu64, d->matrix[(gsize) i * (nt + 1) + j]);
      g_string_append_c (out, '\n');
    }

  if (d->n_flows > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Biggest moves:"));
      for (guint i = 0; i < d->n_flows; i++)
        g_string_append_printf (out, "  %s\n", d->flows[i].text);
    }
  g_print ("%s", out->str);
}

static void
append_features (GString      *out,
                 const char   *key,
                 const double *v)
{
  g_string_append_printf (out, ", \"%s\": {", key);
  for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
    {
      g_autofree char *n = json_number (v[f]);

      g_string_append_printf (out, "%s\"%s\": %s", f > 0 ? ", " : "", feature_keys[f], n);
    }
  g_string_append_c (out, '}');
}

/* The figures of the calibrated criteria and their normal changes (sc-drift.h). */
static void
append_calibrated (GString              *out,
                   const ScSegmentDrift *s)
{
  const struct { const char *key; double value; } fields[] = {
    { "share_from", s->share_from }, { "share_to", s->share_to },
    { "share_normal", s->share_normal }, { "revenue_normal", s->revenue_normal },
    { "orders_from", s->orders_from }, { "orders_to", s->orders_to },
    { "order_value_from", s->order_value_from }, { "order_value_to", s->order_value_to },
    { "order_value_change", s->order_value_change },
    { "order_value_normal", s->order_value_normal },
    { "p_alive_from", s->p_alive_from }, { "p_alive_to", s->p_alive_to },
    { "p_alive_normal", s->p_alive_normal }, { "shift_normal", s->shift_normal },
    { "psi_normal", s->psi_normal }, { "left_before", s->left_before },
    { "left_normal", s->left_normal },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *v = json_number (fields[i].value);

      g_string_append_printf (out, ", \"%s\": %s", fields[i].key, v);
    }
}

static void
append_side_json (GString    *out,
                  const char *key,
                  gint64      id,
                  const char *label,
                  ScDay       as_of)
{
  g_autofree char *l = json_escape (label);
  g_autofree char *date = sc_day_format (as_of);
  g_autofree char *id_text = id > 0 ? g_strdup_printf ("%" PRId64, id)
                                    : g_strdup ("null");

  g_string_append_printf (out, "\"%s\": {\"id\": %s, \"label\": %s, \"as_of\": \"%s\"}", key,
                          id_text, l, date);
}

static char *
position_json (int position)
{
  return position >= 0 ? g_strdup_printf ("%d", position + 1) : g_strdup ("null");
}

static void
print_drift_json (const ScDrift *d)
{
  g_autoptr(GString) out = g_string_new ("{");
  guint nt = d->n_to;

  append_side_json (out, "from", d->from_id, d->from_label, d->from_as_of);
  g_string_append (out, ", ");
  append_side_json (out, "to", d->to_id, d->to_label, d->to_as_of);
  {
    g_autofree char *size = json_number (SC_DRIFT_SIZE_THRESHOLD);
    g_autofree char *shift = json_number (SC_DRIFT_SHIFT_THRESHOLD);
    g_autofree char *psi = json_number (SC_DRIFT_PSI_THRESHOLD);
    g_autofree char *moderate = json_number (SC_DRIFT_PSI_MODERATE);
    g_autofree char *left = json_number (SC_DRIFT_LEFT_THRESHOLD);
    g_autofree char *revenue = json_number (SC_DRIFT_REVENUE_THRESHOLD);
    g_autofree char *order_value = json_number (SC_DRIFT_ORDER_VALUE_THRESHOLD);
    g_autofree char *p_alive = json_number (SC_DRIFT_P_ALIVE_THRESHOLD);
    g_autofree char *z = json_number (SC_DRIFT_NORMAL_Z);

    /* The floors of the normal changes (sc-drift.h) and how the rest is calibrated. */
    g_string_append_printf (out, ", \"thresholds\": {\"size_change\": %s, \"centroid_shift\": "
                            "%s, \"psi\": %s, \"psi_moderate\": %s, \"left_share\": %s, "
                            "\"min_members\": %d, \"revenue_change\": %s, "
                            "\"order_value_change\": %s, \"p_alive\": %s}", size, shift, psi,
                            moderate, left, SC_DRIFT_MIN_MEMBERS, revenue, order_value,
                            p_alive);
    g_string_append_printf (out, ", \"calibration\": {\"method\": \"bootstrap\", "
                            "\"resamples\": %d, \"max_customers\": %d, \"seed\": %d, "
                            "\"z\": %s}", SC_DRIFT_BOOTSTRAP_B, SC_DRIFT_BOOTSTRAP_MAX,
                            SC_DRIFT_BOOTSTRAP_SEED, z);
  }
  g_string_append_printf (out, ", \"n_flagged\": %u, \"segments\": [", d->n_flagged);
  for (guint i = 0; i < d->n_segments; i++)
    {
      const ScSegmentDrift *s = &d->segments[i];
      g_autofree char *name = json_escape (s->name);
      g_autofree char *from = position_json (s->from_position);
      g_autofree char *to = position_json (s->to_position);
      g_autofree char *size_change = json_number (s->size_change);
      g_autofree char *rev_from = json_number (s->revenue_from);
      g_autofree char *rev_to = json_number (s->revenue_to);
      g_autofree char *rev_change = json_number (s->revenue_change);
      g_autofree char *shift = json_number (s->centroid_shift);
      g_autofree char *left = json_number (s->left_share);
      g_autofree char *reason = s->reason != NULL ? json_escape (s->reason) : g_strdup ("null");
      char flags[64];

      flag_names (s->flags, flags);
      g_string_append_printf (out, "%s{\"name\": %s, \"from\": %s, \"to\": %s, "
                              "\"is_outliers\": %s, \"size_from\": %" PRIu64
                              ", \"size_to\": %" PRIu64 ", \"size_change\": %s, "
                              "\"revenue_from\": %s, \"revenue_to\": %s, \"revenue_change\": %s, "
                              "\"centroid_shift\": %s, \"left_share\": %s",
                              i > 0 ? ", " : "", name, from, to,
                              s->is_outliers ? "true" : "false", s->size_from, s->size_to,
                              size_change, rev_from, rev_to, rev_change, shift, left);
      append_calibrated (out, s);
      append_features (out, "shift", s->shift);
      append_features (out, "psi", s->psi);
      append_features (out, "median_from", s->median_from);
      append_features (out, "median_to", s->median_to);
      g_string_append (out, ", \"flags\": [");
      {
        g_auto(GStrv) parts = g_strsplit (flags, ",", -1);
        gboolean first = TRUE;

        for (guint p = 0; parts[p] != NULL; p++)
          if (parts[p][0] != '\0')
            {
              g_string_append_printf (out, "%s\"%s\"", first ? "" : ", ", parts[p]);
              first = FALSE;
            }
      }
      g_string_append (out, "], \"moderate_psi\": [");
      {
        gboolean first = TRUE;

        for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
          if (s->moderate_psi & (1u << f))
            {
              g_string_append_printf (out, "%s\"%s\"", first ? "" : ", ", feature_keys[f]);
              first = FALSE;
            }
      }
      g_string_append_printf (out, "], \"flagged\": %s, \"reason\": %s}",
                              s->flags ? "true" : "false", reason);
    }
  g_string_append (out, "], \"migration\": {\"from\": [");
  for (guint i = 0; i < d->n_from; i++)
    {
      g_autofree char *name = json_escape (d->from_names[i]);

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", name);
    }
  g_string_append (out, "], \"to\": [");
  for (guint j = 0; j < nt; j++)
    {
      g_autofree char *name = json_escape (d->to_names[j]);

      g_string_append_printf (out, "%s%s", j > 0 ? ", " : "", name);
    }
  /* The last row counts new customers, the last column customers in no segment now. */
  g_string_append (out, "], \"counts\": [");
  for (guint i = 0; i <= d->n_from; i++)
    {
      g_string_append (out, i > 0 ? ", [" : "[");
      for (guint j = 0; j <= nt; j++)
        g_string_append_printf (out, "%s%" PRIu64, j > 0 ? ", " : "",
                                d->matrix[(gsize) i * (nt + 1) + j]);
      g_string_append_c (out, ']');
    }
  g_string_append (out, "]}, \"flows\": [");
  for (guint i = 0; i < d->n_flows; i++)
    {
      const ScMigrationFlow *f = &d->flows[i];
      g_autofree char *from = position_json (f->from);
      g_autofree char *to = position_json (f->to);
      g_autofree char *text = json_escape (f->text);

      g_string_append_printf (out, "%s{\"from\": %s, \"to\": %s, \"customers\": %"
                              PRIu64 ", \"text\": %s}", i > 0 ? ", " : "", from, to,
                              f->customers, text);
    }
  g_string_append (out, "]}\n");
  g_print ("%s", out->str);
}

int
cmd_drift (int    argc,
           char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  DriftWork work = { 0 };
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The earlier snapshot (default: the latest before --to)"), "ID" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The later snapshot (default: the current segments when they are newer than the latest snapshot, else the latest snapshot)"), "ID" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — what changed between two snapshots: drift "
                             "per segment and migration"),
                           entries, _("drift takes one PROJECT file")))
    return EXIT_USAGE;
  if (!parse_id (from, &work.from_id))
    return usage_error (_("--from takes a snapshot id (got “%s”)"), from);
  if (!parse_id (to, &work.to_id))
    return usage_error (_("--to takes a snapshot id (got “%s”)"), to);
  if (work.from_id != 0 && work.from_id == work.to_id)
    return usage_error (_("--from and --to name the same snapshot"));

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);
  work.project = project;
  if (run_cancellable (drift_work, &work, &error) == NULL)
    return report_error (error);

  if (json)
    print_drift_json (work.drift);
  else
    print_drift_text (work.drift);
  sc_drift_free (work.drift);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------------ */
/* assign                                                                                      */

static gpointer
assign_work (gpointer  data,
             GError  **error)
{
  return sc_project_score (data, cli.job, cli.cancellable, error);
}

int
cmd_assign (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScScoreResult) score = NULL;

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — assign every customer, new ones included, to "
                             "the nearest current segment"),
                           NULL, _("assign takes one PROJECT file")))
    return EXIT_USAGE;

  project = open_segmented_project (argv[1], &error);
  if (project == NULL)
    return report_error (error);
  score = run_cancellable (assign_work, project, &error);
  if (score == NULL)
    return report_error (error);
  print_score (score, argv[1]);
  return EXIT_SUCCESS;
}

/* What scoring did: customers placed, sizes before and now, segments that drifted. */
void
print_score (const ScScoreResult *score,
             const char          *path)
{
  const ScRun *before, *after;
  const ScDrift *drift;
  g_autofree char *as_of = NULL;
  guint64 n_segmented = 0;

  before = score->before;
  after = score->after;
  drift = score->drift;

  for (guint s = 0; s < after->n_segments; s++)
    n_segmented += after->segments[s].size;
  as_of = sc_day_format (after->params.as_of);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Assigned %" PRIu64 " customer to the current segments, as of "
                        "%s.\n",
                        "Assigned %" PRIu64 " customers to the current segments, as of "
                        "%s.\n", n_segmented), n_segmented, as_of);
  if (score->snapshot > 0)
    g_print (_("The state before is kept as snapshot %" PRId64 ".\n"), score->snapshot);
  g_print ("\n%-3s %-36s %10s %10s\n", "#", _("Segment"), _("Before"), _("Now"));
  for (guint s = 0; s < after->n_segments; s++)
    g_print ("%-3u %-36s %10" PRIu64 " %10" PRIu64 "\n", s + 1,
             after->segments[s].name,
             s < before->n_segments ? before->segments[s].size : 0, after->segments[s].size);

  if (drift != NULL && drift->n_flagged > 0)
    {
      g_print ("\n%s\n", g_dngettext (GETTEXT_PACKAGE, "One segment drifted:",
                                      "Some segments drifted:", drift->n_flagged));
      for (guint i = 0; i < drift->n_segments; i++)
        if (drift->segments[i].reason != NULL)
          g_print ("  • %s.\n", drift->segments[i].reason);
    }
  else if (drift != NULL)
    g_print ("\n%s\n", _("No segment changed beyond what is normal between two periods."));
  g_print (_("\nRun “segments-cli drift %s” for the details and the migration matrix.\n"),
           path);
}
