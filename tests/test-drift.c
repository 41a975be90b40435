/* test-drift.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-drift.h"
#include "sc-importer.h"
#include "sc-rng.h"
#include "sc-run-private.h"
#include "sc-rerun.h"
#include "sc-run.h"
#include "sc-snapshot.h"
#include "sc-store-private.h"
#include "sc-value.h"
#include "test-utils.h"

/* Generated data: drift_generate() in test-utils.c, four kinds of customer over four years,
 * then a quarter with planted shifts. */

/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  char    *dir;
  char    *path;
  char    *p1;
  char    *p2;
  ScStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("segments-drift-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.segments", NULL);
  f->store = sc_store_open (f->path, TRUE, &error);
  g_assert_no_error (error);
  drift_generate (f->dir, &f->p1, &f->p2);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, sc_store_close);
  test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->p1);
  g_free (f->p2);
  g_free (f->dir);
}

static ScImportReport *
import_file (ScStore    *store,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  ScImportOptions options;
  ScImportReport *report;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (path);
  /* The giants of test_score_outliers reach 2e12, above the default limit of amounts. */
  options.max_amount = 1e13;
  report = sc_import (store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static ScRun *
segment (ScStore *store)
{
  g_autoptr(GError) error = NULL;
  ScRunParams params;
  ScRun *run;

  sc_run_params_init (&params);
  params.k = 4;
  params.outlier_z = 0;
  run = sc_run_segment (store, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

/* The kind of each customer, from its key. */
static guint *
customer_kinds (ScStore *store)
{
  g_autoptr(GPtrArray) keys = NULL;
  guint *kind;

  g_assert_true (sc_store_load_customer_keys (store, &keys, NULL));
  kind = g_new (guint, MAX (keys->len, 1));
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      kind[i] = N_KINDS;
      for (guint k = 0; k < N_KINDS; k++)
        if (key[0] == drift_kinds[k].prefix[0])
          kind[i] = k;
    }
  return kind;
}

/* The segment position most members of each kind are in; asserts the kinds are recovered
 * (85 % of each kind in one segment, one kind per segment). */
static void
segments_of_kinds (const ScRun *run,
                   const guint *kind,
                   int         *position)
{
  guint64 count[N_KINDS][8] = { { 0 } };
  guint64 total[N_KINDS] = { 0 };

  g_assert_cmpuint (run->n_segments, <=, 8);
  for (guint32 i = 0; i < run->n_customers; i++)
    if (run->labels[i] < run->n_segments && kind[i] < N_KINDS)
      {
        count[kind[i]][run->labels[i]]++;
        total[kind[i]]++;
      }
  for (guint k = 0; k < N_KINDS; k++)
    {
      guint best = 0;

      for (guint s = 1; s < run->n_segments; s++)
        if (count[k][s] > count[k][best])
          best = s;
      g_test_message ("kind %s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " in segment %u",
                      drift_kinds[k].prefix, count[k][best], total[k], best);
      g_assert_cmpfloat (count[k][best], >=, 0.85 * total[k]);
      position[k] = (int) best;
      for (guint j = 0; j < k; j++)
        g_assert_cmpint (position[j], !=, position[k]);
    }
}

static void
exec_sql (ScStore    *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_sc_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

static void
print_drift (const ScDrift *drift)
{
  for (guint i = 0; i < drift->n_segments; i++)
    {
      const ScSegmentDrift *d = &drift->segments[i];

      g_test_message ("%d→%d %-24s size %" G_GUINT64_FORMAT "→%" G_GUINT64_FORMAT
                      " (%+.2f) shift %.2f psi %.3f %.3f %.3f left %.2f flags %x: %s",
                      d->from_position, d->to_position, d->name, d->size_from, d->size_to,
                      d->size_change, d->centroid_shift, d->psi[0], d->psi[1], d->psi[2],
                      d->left_share, d->flags, d->reason ? d->reason : "");
    }
  for (guint i = 0; i < drift->n_flows; i++)
    g_test_message ("flow: %s", drift->flows[i].text);
}


/* Rows sum to the earlier sizes, columns to the later ones. */
static void
assert_matrix_sums (const ScDrift    *drift,
                    const ScSnapshot *from,
                    const ScSnapshot *to)
{
  guint nt = drift->n_to;

  for (guint i = 0; i <= drift->n_from; i++)
    {
      guint64 sum = 0;

      for (guint j = 0; j <= nt; j++)
        sum += drift->matrix[(gsize) i * (nt + 1) + j];
      if (i < drift->n_from)
        g_assert_cmpuint (sum, ==, from->segments[i].size);
    }
  for (guint j = 0; j < nt; j++)
    {
      guint64 sum = 0;

      for (guint i = 0; i <= drift->n_from; i++)
        sum += drift->matrix[(gsize) i * (nt + 1) + j];
      g_assert_cmpuint (sum, ==, to->segments[j].size);
    }
  g_assert_cmpuint (drift->matrix[(gsize) drift->n_from * (nt + 1) + nt], ==, 0);
}

static const ScSegmentDrift *
drift_of (const ScDrift *drift,
          int            to_position)
{
  for (guint i = 0; i < drift->n_segments; i++)
    if (drift->segments[i].to_position == to_position)
      return &drift->segments[i];
  g_assert_not_reached ();
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* PSI                                                                                         */

static void
test_psi_known_answer (void)
{
  const double ten[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  const double low[] = { 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 };
  const double four[] = { 1, 2, 3, 4 };
  const double skew[] = { 1, 1, 1, 4 };
  const double with_nan[] = { NAN, 1, 2, NAN, 3, 4 };
  double psi;

  /* Same distribution: 0. */
  g_assert_cmpfloat_with_epsilon (sc_psi (ten, 10, ten, 10, 10), 0.0, 1e-15);

  /* Two bins split at 2: shares 0.5/0.5 against 0.75/0.25:
   * 0.25 ln 1.5 + (−0.25) ln 0.5 = 0.274653… */
  psi = sc_psi (four, 4, skew, 4, 2);
  g_assert_cmpfloat_with_epsilon (psi, 0.25 * log (1.5) - 0.25 * log (0.5), 1e-12);
  g_assert_cmpfloat_with_epsilon (psi, 0.2746530722, 1e-9);

  /* Deciles of 1..10 are the values themselves: ten bins of 0.1; the actual values fill the
   * first five with 0.2 each and leave five empty (counted as 1e-4):
   * 5 × 0.1 ln 2 + 5 × (1e-4 − 0.1) ln (1e-4 / 0.1) = 3.797… */
  psi = sc_psi (ten, 10, low, 10, 10);
  g_assert_cmpfloat_with_epsilon (psi, 5 * 0.1 * log (2.0) + 5 * (1e-4 - 0.1) * log (1e-4 / 0.1),
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (psi, 3.7969, 1e-4);

  /* Missing values are ignored on both sides. */
  g_assert_cmpfloat_with_epsilon (sc_psi (with_nan, 6, skew, 4, 2), 0.2746530722, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_psi (four, 4, with_nan, 6, 2), 0.0, 1e-15);
}

static void
test_psi_malformed (void)
{
  const double v[] = { 1, 2, 3 };
  const double nans[] = { NAN, NAN };

  g_assert_true (isnan (sc_psi (v, 3, v, 3, 1)));
  g_assert_true (isnan (sc_psi (v, 3, v, 3, 0)));
  g_assert_true (isnan (sc_psi (NULL, 0, v, 3, 10)));
  g_assert_true (isnan (sc_psi (v, 3, NULL, 0, 10)));
  g_assert_true (isnan (sc_psi (nans, 2, v, 3, 10)));
  g_assert_true (isnan (sc_psi (v, 3, nans, 2, 10)));
  /* More bins than values: repeated edges collapse, still a number. */
  g_assert_cmpfloat_with_epsilon (sc_psi (v, 3, v, 3, 10), 0.0, 1e-15);
}

/* ------------------------------------------------------------------------------------------ */
/* Hand-made snapshots                                                                         */

typedef struct
{
  double r, f, m, revenue;
} Profile;

/* n customers; labels[i] a position or SC_LABEL_NONE; customer i gets profile[kind[i]]. */
static ScSnapshot *
make_snapshot (guint32         n,
               const guint16  *labels,
               const guint    *kind,
               const Profile  *profile,
               guint           n_segments,
               const char    **names,
               const gint64   *origins,
               ScDay           as_of)
{
  ScSnapshot *snap = g_new0 (ScSnapshot, 1);

  snap->created_at = g_strdup ("2026-01-01T00:00:00Z");
  snap->label = g_strdup ("hand-made");
  snap->as_of = as_of;
  snap->n_customers = n;
  snap->labels = g_memdup2 (labels, sizeof (guint16) * n);
  snap->features[0] = g_new (double, 3 * (gsize) n);
  snap->features[1] = snap->features[0] + n;
  snap->features[2] = snap->features[0] + 2 * (gsize) n;
  snap->revenue = g_new (double, n);
  for (guint32 i = 0; i < n; i++)
    {
      snap->features[SC_SNAPSHOT_RECENCY][i] = profile[kind[i]].r;
      snap->features[SC_SNAPSHOT_FREQUENCY][i] = profile[kind[i]].f;
      snap->features[SC_SNAPSHOT_MONETARY][i] = profile[kind[i]].m;
      snap->revenue[i] = profile[kind[i]].revenue;
    }
  snap->n_segments = n_segments;
  snap->segments = g_new0 (ScSnapshotSegment, n_segments);
  for (guint s = 0; s < n_segments; s++)
    {
      ScSnapshotSegment *seg = &snap->segments[s];

      seg->position = s;
      seg->segment = origins[s];
      seg->origin = origins[s];
      seg->name = g_strdup (names[s]);
      seg->colour = s;
      seg->priority = (int) s + 1;
      seg->value = seg->potential = seg->p_alive = NAN;
      for (guint32 i = 0; i < n; i++)
        if (labels[i] == s)
          {
            seg->size++;
            seg->recent_revenue += profile[kind[i]].revenue;
            seg->recent_orders += 1;
            seg->churn += profile[kind[i]].r > SC_SNAPSHOT_WINDOW_DAYS;
          }
      seg->recent_orders /= MAX (seg->size, 1);
      seg->churn /= MAX (seg->size, 1);
    }
  return snap;
}

/* Earlier: customers 0–99 in A, 100–199 in B; later: 80–99 moved to B and 30 new customers
 * (200–229) joined B.  Every A customer looks alike, every B customer too. */
static void
make_known_pair (ScSnapshot **from,
                 ScSnapshot **to)
{
  static const Profile profile[] = { { 10, 5, 500, 100 }, { 100, 1, 50, 0 } };
  static const char *names[] = { "A", "B" };
  static const gint64 origins[] = { 7, 8 };
  guint16 lf[230], lt[230];
  guint kind[230];

  for (guint i = 0; i < 230; i++)
    {
      kind[i] = i < 100 ? 0 : 1;
      lf[i] = i < 100 ? 0 : i < 200 ? 1 : SC_LABEL_NONE;
      lt[i] = i < 80 ? 0 : 1;
    }
  *from = make_snapshot (200, lf, kind, profile, 2, names, origins, 1000);
  *to = make_snapshot (230, lt, kind, profile, 2, names, origins, 1090);
}

static void
test_migration_known_answer (void)
{
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  g_autoptr(ScDrift) drift = NULL;
  g_autoptr(GError) error = NULL;
  const ScSegmentDrift *a, *b;
  /* Rows A, B, new; columns A, B, gone. */
  static const guint64 expected[9] = { 80, 20, 0,   0, 100, 0,   0, 30, 0 };

  make_known_pair (&from, &to);
  drift = sc_drift_compute (from, to, NULL, &error);
  g_assert_no_error (error);
  print_drift (drift);

  g_assert_cmpuint (drift->n_from, ==, 2);
  g_assert_cmpuint (drift->n_to, ==, 2);
  for (guint c = 0; c < 9; c++)
    g_assert_cmpuint (drift->matrix[c], ==, expected[c]);
  assert_matrix_sums (drift, from, to);
  g_assert_cmpint (drift->to_match[0], ==, 0);
  g_assert_cmpint (drift->to_match[1], ==, 1);

  g_assert_cmpuint (drift->n_flows, ==, 2);
  g_assert_cmpint (drift->flows[0].from, ==, -1);
  g_assert_cmpint (drift->flows[0].to, ==, 1);
  g_assert_cmpuint (drift->flows[0].customers, ==, 30);
  g_assert_cmpstr (drift->flows[0].text, ==, "30 new customers joined B");
  g_assert_cmpint (drift->flows[1].from, ==, 0);
  g_assert_cmpint (drift->flows[1].to, ==, 1);
  g_assert_cmpstr (drift->flows[1].text, ==, "20 customers moved from A to B");

  g_assert_cmpuint (drift->n_segments, ==, 2);
  a = drift_of (drift, 0);
  b = drift_of (drift, 1);

  /* A lost a fifth of its members, its share of customers went from 50% to 34.8%: within the
   * normal change of a 200-customer population (3.5 × √2 × the bootstrap's spread of a 50%
   * share, √(0.25/200), about 17.5 points). */
  g_assert_cmpuint (a->size_from, ==, 100);
  g_assert_cmpuint (a->size_to, ==, 80);
  g_assert_cmpfloat (a->size_change, ==, -0.2);
  g_assert_cmpfloat_with_epsilon (a->left_share, 0.2, 1e-12);
  g_assert_cmpfloat (a->revenue_from, ==, 10000);
  g_assert_cmpfloat (a->revenue_to, ==, 8000);
  g_assert_cmpfloat_with_epsilon (a->revenue_change, -0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->centroid_shift, 0.0, 1e-12);
  for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
    g_assert_cmpfloat_with_epsilon (a->psi[f], 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->share_from, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->share_to, 80 / 230.0, 1e-12);
  g_assert_cmpfloat (a->share_normal, >, 0.85 * SC_DRIFT_NORMAL_Z * G_SQRT2 * sqrt (0.25 / 200));
  g_assert_cmpfloat (a->share_normal, <, 1.15 * SC_DRIFT_NORMAL_Z * G_SQRT2 * sqrt (0.25 / 200));
  g_assert_cmpfloat (fabs (a->share_to - a->share_from), <, a->share_normal);
  g_assert_true (isnan (a->order_value_from));      /* hand-made snapshots have no orders */
  g_assert_cmpint (a->flags, ==, 0);
  g_assert_null (a->reason);

  /* B: the earlier population is two points of equal weight, so each z is ±1 and B's mean
   * moves by 2 × 20/150 towards A in each of the three features: √3 × 0.2667 = 0.4619. */
  g_assert_cmpuint (b->size_to, ==, 150);
  g_assert_cmpfloat_with_epsilon (b->size_change, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (b->left_share, 0.0, 1e-12);
  g_assert_true (isnan (b->revenue_change));       /* B had no recent revenue */
  g_assert_cmpfloat_with_epsilon (b->centroid_shift, sqrt (3.0) * 2 * 20 / 150.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (b->shift[SC_SNAPSHOT_RECENCY], -2 * 20 / 150.0, 1e-12);
  /* Recency 10 falls in B's lowest bin with 100: nothing changes; frequency and spend get a
   * second bin holding 20/150 of the members where B had none. */
  g_assert_cmpfloat_with_epsilon (b->psi[SC_SNAPSHOT_RECENCY], 0.0, 1e-12);
  {
    double q = 20 / 150.0;
    double expect = (q - 1e-4) * log (q / 1e-4) + ((1 - q) - 1.0) * log (1 - q);

    g_assert_cmpfloat_with_epsilon (b->psi[SC_SNAPSHOT_FREQUENCY], expect, 1e-12);
    g_assert_cmpfloat_with_epsilon (b->psi[SC_SNAPSHOT_MONETARY], expect, 1e-12);
  }
  g_assert_cmpfloat (b->median_from[SC_SNAPSHOT_FREQUENCY], ==, 1);
  g_assert_cmpfloat (b->median_to[SC_SNAPSHOT_FREQUENCY], ==, 1);
  /* Issue 15: B's growth from 50% to 65.2% of customers is within the normal change too (the
   * same spread as A's); the PSI of two samples of 100 and 150 from one distribution stays
   * below χ²₉(0.999) × (1/100 + 1/150) = 0.46, and 0.98 is beyond it. */
  g_assert_cmpfloat_with_epsilon (b->psi_normal, 27.877 * (1 / 100.0 + 1 / 150.0), 1e-9);
  g_assert_cmpint (b->flags, ==, SC_DRIFT_FLAG_PSI);
  g_assert_cmpstr (b->reason, ==,
                   "The number of orders of B is spread differently (PSI 0.98; normal is below "
                   "0.46)");
  g_assert_cmpuint (drift->n_flagged, ==, 1);
}

/* Pairing by origin survives a rename; without a common origin, by name; else new and gone. */
static void
test_migration_pairing (void)
{
  static const Profile profile[] = { { 10, 5, 500, 100 }, { 100, 1, 50, 10 } };
  static const char *names_from[] = { "Loyal", "At risk" };
  static const char *names_renamed[] = { "Champions", "At risk" };
  static const char *names_other[] = { "Big", "Small" };
  static const gint64 origins[] = { 1, 2 };
  static const gint64 origins_edit[] = { 1, 5 };
  static const gint64 origins_new[] = { 9, 10 };
  guint16 labels[100];
  guint kind[100];
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) renamed = NULL;
  g_autoptr(ScSnapshot) other = NULL;
  g_autoptr(ScDrift) d1 = NULL;
  g_autoptr(ScDrift) d2 = NULL;

  for (guint i = 0; i < 100; i++)
    {
      kind[i] = i < 50 ? 0 : 1;
      labels[i] = i < 50 ? 0 : 1;
    }
  from = make_snapshot (100, labels, kind, profile, 2, names_from, origins, 500);
  renamed = make_snapshot (100, labels, kind, profile, 2, names_renamed, origins_edit, 600);
  other = make_snapshot (100, labels, kind, profile, 2, names_other, origins_new, 600);

  /* "Loyal" became "Champions" (same origin); "At risk" lost its origin but kept its name. */
  d1 = sc_drift_compute (from, renamed, NULL, NULL);
  g_assert_cmpint (d1->to_match[0], ==, 0);
  g_assert_cmpint (d1->to_match[1], ==, 1);
  g_assert_cmpuint (d1->n_flagged, ==, 0);
  g_assert_cmpuint (d1->n_flows, ==, 0);

  /* Nothing in common: two new segments, two gone, every customer a flow. */
  d2 = sc_drift_compute (from, other, NULL, NULL);
  print_drift (d2);
  g_assert_cmpint (d2->to_match[0], ==, -1);
  g_assert_cmpint (d2->to_match[1], ==, -1);
  g_assert_cmpuint (d2->n_segments, ==, 4);
  g_assert_cmpuint (d2->n_flagged, ==, 4);
  g_assert_cmpint (d2->segments[0].flags, ==, SC_DRIFT_FLAG_NEW);
  g_assert_cmpint (d2->segments[2].flags, ==, SC_DRIFT_FLAG_GONE);
  g_assert_cmpint (d2->segments[2].from_position, ==, 0);
  g_assert_cmpstr (d2->segments[2].reason, ==, "Loyal is gone: its 50 customers are now elsewhere");
  g_assert_cmpstr (d2->segments[0].reason, ==,
                   "Big is new: it does not continue a segment of the earlier snapshot");
  g_assert_cmpuint (d2->n_flows, ==, 2);
  g_assert_cmpstr (d2->flows[0].text, ==, "50 customers moved from Loyal to Big");
  g_assert_cmpstr (d2->flows[1].text, ==, "50 customers moved from At risk to Small");
}

static void
test_drift_cancelled (void)
{
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ScDrift *drift;

  make_known_pair (&from, &to);
  g_cancellable_cancel (cancellable);
  drift = sc_drift_compute (from, to, cancellable, &error);
  g_assert_null (drift);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ------------------------------------------------------------------------------------------ */
/* Projects                                                                                    */

static void
test_planted_shift (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) r1 = NULL;
  g_autoptr(ScImportReport) r2 = NULL;
  g_autoptr(ScImportReport) r3 = NULL;
  g_autoptr(ScRun) run1 = NULL;
  g_autoptr(ScRun) run2 = NULL;
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  g_autoptr(ScDrift) drift = NULL;
  g_autoptr(ScImpact) impact = NULL;
  g_autoptr(GArray) infos = NULL;
  g_autofree guint *kind = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *expected_flow = NULL;
  int pos[N_KINDS];
  guint64 n_tx;

  r1 = import_file (f->store, f->p1);
  run1 = segment (f->store);
  kind = customer_kinds (f->store);
  segments_of_kinds (run1, kind, pos);

  /* What people set, through the table the editor writes. */
  sql = g_strdup_printf ("UPDATE segments SET name = 'Top accounts', owner = 'Ana', "
                         "tactics = 'Call monthly', priority = 4 WHERE run = %" G_GINT64_FORMAT
                         " AND position = %d", run1->id, pos[VIP]);
  exec_sql (f->store, sql);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE segments SET priority = %d WHERE run = %" G_GINT64_FORMAT
                         " AND position = 3", pos[VIP] + 1, run1->id);
  exec_sql (f->store, sql);

  /* The next quarter; the same file again adds nothing. */
  r2 = import_file (f->store, f->p2);
  g_assert_cmpuint (r2->transactions.rows_accepted, >, 0);
  g_assert_cmpuint (r2->transactions.new_customers, ==, NEW_P2);
  n_tx = sc_store_get_n_transactions (f->store);
  r3 = import_file (f->store, f->p2);
  g_assert_cmpuint (r3->transactions.rows_accepted, ==, 0);
  g_assert_cmpuint (r3->transactions.already_present, ==, r2->transactions.rows_accepted);
  g_assert_cmpuint (r3->transactions.new_customers, ==, 0);
  g_assert_cmpuint (sc_store_get_n_transactions (f->store), ==, n_tx);

  run2 = sc_run_score (f->store, SC_FEATURES_AS_OF_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run2);
  g_assert_cmpint (run2->id, !=, run1->id);
  g_assert_cmpint (run2->params.as_of, ==, run1->params.as_of + PERIOD2_DAYS);
  g_assert_cmpuint (run2->n_customers, ==, run1->n_customers + NEW_P2);
  g_assert_cmpuint (run2->n_segments, ==, run1->n_segments);
  g_assert_cmpmem (run2->centroids, sizeof (double) * run2->k * run2->params.n_features,
                   run1->centroids, sizeof (double) * run1->k * run1->params.n_features);

  /* Scoring kept every segment as the user knows it. */
  for (guint s = 0; s < run2->n_segments; s++)
    {
      g_assert_cmpuint (run2->segments[s].colour, ==, run1->segments[s].colour);
      if ((int) s == pos[VIP])
        {
          g_assert_cmpstr (run2->segments[s].name, ==, "Top accounts");
          g_assert_cmpstr (run2->segments[s].owner, ==, "Ana");
          g_assert_cmpstr (run2->segments[s].tactics, ==, "Call monthly");
          g_assert_cmpuint (run2->segments[s].priority, ==, 4);
        }
      else
        g_assert_cmpstr (run2->segments[s].name, ==, run1->segments[s].name);
    }
  /* Every new customer is a first-time buyer: they are scored into NEW. */
  for (guint32 i = run1->n_customers; i < run2->n_customers; i++)
    g_assert_cmpint (run2->labels[i], ==, pos[NEW]);

  /* Scoring froze the state it replaced. */
  g_assert_true (sc_snapshot_list (f->store, &infos, &error));
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_cmpint (g_array_index (infos, ScSnapshotInfo, 0).run, ==, run1->id);
  g_assert_true (g_array_index (infos, ScSnapshotInfo, 0).auto_taken);
  g_assert_true (g_str_has_prefix (g_array_index (infos, ScSnapshotInfo, 0).label,
                                   "Before scoring "));

  /* The latest snapshot against the current state, which is newer. */
  g_assert_true (sc_drift_load_pair (f->store, 0, 0, &from, &to, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from->run, ==, run1->id);
  g_assert_cmpint (to->id, ==, 0);
  g_assert_cmpint (to->run, ==, run2->id);
  drift = sc_drift_compute (from, to, NULL, &error);
  g_assert_no_error (error);
  print_drift (drift);

  /* Exactly the planted segments are flagged. */
  g_assert_cmpuint (drift->n_segments, ==, run2->n_segments);
  g_assert_cmpuint (drift->n_flagged, ==, 2);
  for (guint k = 0; k < N_KINDS; k++)
    {
      const ScSegmentDrift *d = drift_of (drift, pos[k]);

      g_assert_cmpint (d->from_position, ==, pos[k]);
      if (k == REGULAR)
        {
          g_assert_true (d->flags & SC_DRIFT_FLAG_PSI);
          g_assert_cmpfloat (d->psi[SC_SNAPSHOT_RECENCY], >, SC_DRIFT_PSI_THRESHOLD);
          g_assert_cmpfloat (d->median_to[SC_SNAPSHOT_RECENCY], >,
                             d->median_from[SC_SNAPSHOT_RECENCY]);
          g_assert_false (d->flags & SC_DRIFT_FLAG_SIZE);
          g_assert_true (g_str_has_prefix (d->reason, "The median recency of "));
          g_assert_nonnull (strstr (d->reason, " rose from "));
        }
      else if (k == NEW)
        {
          g_assert_true (d->flags & SC_DRIFT_FLAG_SIZE);
          g_assert_cmpfloat (d->size_change, >, SC_DRIFT_SIZE_THRESHOLD);
          g_assert_nonnull (strstr (d->reason, " grew "));
        }
      else
        {
          g_assert_cmpint (d->flags, ==, 0);
          g_assert_null (d->reason);
        }
    }

  assert_matrix_sums (drift, from, to);
  /* The largest flow: the new customers who joined NEW. */
  g_assert_cmpuint (drift->n_flows, >=, 1);
  g_assert_cmpint (drift->flows[0].from, ==, -1);
  g_assert_cmpint (drift->flows[0].to, ==, pos[NEW]);
  g_assert_cmpuint (drift->flows[0].customers, ==, NEW_P2);
  expected_flow = g_strdup_printf ("%u new customers joined %s", NEW_P2,
                                   run2->segments[pos[NEW]].name);
  g_assert_cmpstr (drift->flows[0].text, ==, expected_flow);

  /* Impact series: the frozen state, then the current one. */
  impact = sc_impact_load (f->store, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (impact->n_points, ==, 2);
  g_assert_cmpint (impact->as_of[0], ==, run1->params.as_of);
  g_assert_cmpint (impact->as_of[1], ==, run2->params.as_of);
  g_assert_cmpuint (impact->n_series, ==, run2->n_segments);
  for (guint s = 0; s < impact->n_series; s++)
    {
      const ScImpactSeries *series = &impact->series[s];

      g_assert_cmpstr (series->name, ==, run2->segments[s].name);
      g_assert_cmpfloat (series->customers[0], ==, from->segments[s].size);
      g_assert_cmpfloat (series->customers[1], ==, run2->segments[s].size);
      g_assert_true (isnan (series->clv[0]));      /* no CLV model in this project */
      for (guint p = 0; p < 2; p++)
        {
          g_assert_cmpfloat (series->churn[p], >=, 0);
          g_assert_cmpfloat (series->churn[p], <=, 1);
          g_assert_cmpfloat (series->orders_per_customer[p], >=, 0);
        }
    }
  /* REGULAR customers slowed down: more of them went 90 days without buying. */
  g_assert_cmpfloat (impact->series[pos[REGULAR]].churn[1], >,
                     impact->series[pos[REGULAR]].churn[0]);
  g_assert_cmpfloat (impact->series[pos[REGULAR]].orders_per_customer[1], <,
                     impact->series[pos[REGULAR]].orders_per_customer[0]);
  /* Every VIP bought within 90 days both times. */
  g_assert_cmpfloat (impact->series[pos[VIP]].churn[0], <, 0.05);
}

static void
test_rerun_carry_over (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) r1 = NULL;
  g_autoptr(ScImportReport) r2 = NULL;
  g_autoptr(ScRun) run1 = NULL;
  g_autoptr(ScRun) run2 = NULL;
  g_autoptr(ScRun) current = NULL;
  g_autoptr(ScCarryOver) carry = NULL;
  g_autoptr(ScCarryOver) first = NULL;
  g_autoptr(GArray) infos = NULL;
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  g_autoptr(ScDrift) drift = NULL;
  g_autofree guint *kind = NULL;
  g_autofree char *sql = NULL;
  int pos1[N_KINDS], pos2[N_KINDS];
  guint n_matched = 0;

  r1 = import_file (f->store, f->p1);
  run1 = segment (f->store);
  kind = customer_kinds (f->store);
  segments_of_kinds (run1, kind, pos1);
  sql = g_strdup_printf ("UPDATE segments SET name = 'Win back', owner = 'Bo', "
                         "objective = 'Reactivate', service_tier = 'mid', colour = 7 "
                         "WHERE run = %" G_GINT64_FORMAT " AND position = %d",
                         run1->id, pos1[REGULAR]);
  exec_sql (f->store, sql);

  /* The first run follows nothing. */
  first = sc_carry_over_load (f->store, run1->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->previous_run, ==, 0);
  g_assert_cmpuint (first->n_previous, ==, 0);
  g_assert_cmpuint (first->n_segments, ==, run1->n_segments);

  g_clear_pointer (&r2, sc_import_report_free);
  r2 = import_file (f->store, f->p2);
  kind = (g_free (kind), customer_kinds (f->store));

  /* A full re-run on all data. */
  run2 = segment (f->store);
  segments_of_kinds (run2, kind, pos2);
  g_assert_cmpstr (run2->segments[pos2[REGULAR]].name, ==, "Win back");
  g_assert_cmpstr (run2->segments[pos2[REGULAR]].owner, ==, "Bo");
  g_assert_cmpstr (run2->segments[pos2[REGULAR]].objective, ==, "Reactivate");
  g_assert_cmpstr (run2->segments[pos2[REGULAR]].service_tier, ==, "mid");
  g_assert_cmpuint (run2->segments[pos2[REGULAR]].colour, ==, 7);

  /* The same, read back from the file. */
  current = sc_run_load_current (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (current->id, ==, run2->id);
  g_assert_cmpstr (current->segments[pos2[REGULAR]].name, ==, "Win back");
  g_assert_cmpstr (current->segments[pos2[REGULAR]].owner, ==, "Bo");
  g_assert_cmpuint (current->segments[pos2[REGULAR]].colour, ==, 7);
  for (guint s = 0; s < current->n_segments; s++)
    {
      for (guint t = s + 1; t < current->n_segments; t++)
        {
          g_assert_cmpuint (current->segments[s].colour, !=, current->segments[t].colour);
          g_assert_cmpuint (current->segments[s].priority, !=, current->segments[t].priority);
        }
      g_assert_cmpuint (current->segments[s].priority, >=, 1);
      g_assert_cmpuint (current->segments[s].priority, <=, current->n_segments);
    }

  /* The kinds are recovered again, so every segment found its predecessor. */
  carry = sc_carry_over_load (f->store, run2->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (carry->previous_run, ==, run1->id);
  g_assert_false (carry->scored);
  g_assert_cmpuint (carry->n_segments, ==, run2->n_segments);
  g_assert_cmpuint (carry->n_previous, ==, run1->n_segments);
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_assert_cmpint (carry->previous_position[pos2[k]], ==, pos1[k]);
      g_assert_cmpfloat (carry->overlap[pos2[k]], >=, SC_CARRY_OVER_MIN_OVERLAP);
      g_assert_true (carry->previous_matched[pos1[k]]);
      n_matched++;
    }
  g_assert_cmpuint (n_matched, ==, run2->n_segments);
  g_assert_cmpstr (carry->names[pos2[REGULAR]], ==, "Win back");

  /* The re-run froze the previous state first. */
  g_assert_true (sc_snapshot_list (f->store, &infos, &error));
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_array_index (infos, ScSnapshotInfo, 0).label,
                                   "Before re-run "));

  /* Drift pairs the segments through the carry-over. */
  g_assert_true (sc_drift_load_pair (f->store, 0, 0, &from, &to, NULL, &error));
  drift = sc_drift_compute (from, to, NULL, &error);
  g_assert_no_error (error);
  print_drift (drift);
  for (guint k = 0; k < N_KINDS; k++)
    g_assert_cmpint (drift->to_match[pos1[k]], ==, pos2[k]);
  assert_matrix_sums (drift, from, to);
}

/* A re-run that finds different segments: unmatched ones keep their own names. */
static void
test_rerun_unmatched (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) r1 = NULL;
  g_autoptr(ScRun) run1 = NULL;
  g_autoptr(ScRun) run2 = NULL;
  g_autoptr(ScCarryOver) carry = NULL;
  ScRunParams params;
  guint matched = 0, unmatched_prev = 0;

  r1 = import_file (f->store, f->p1);
  run1 = segment (f->store);

  sc_run_params_init (&params);
  params.k = 2;
  params.outlier_z = 0;
  run2 = sc_run_segment (f->store, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  carry = sc_carry_over_load (f->store, run2->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carry->n_segments, ==, 2);
  g_assert_cmpuint (carry->n_previous, ==, 4);
  for (guint j = 0; j < carry->n_segments; j++)
    if (carry->previous_position[j] >= 0)
      {
        matched++;
        g_assert_cmpstr (carry->names[j], ==, run1->segments[carry->previous_position[j]].name);
      }
    else
      g_assert_cmpstr (carry->names[j], ==, run2->segments[j].suggested_name);
  for (guint o = 0; o < carry->n_previous; o++)
    unmatched_prev += !carry->previous_matched[o];
  /* Four segments cannot all live on in two. */
  g_assert_cmpuint (unmatched_prev, >=, 2);
  g_assert_cmpuint (unmatched_prev, ==, 4 - matched);
}

static void
test_snapshot_list_delete (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) r1 = NULL;
  g_autoptr(ScImportReport) r2 = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScSnapshot) captured = NULL;
  g_autoptr(ScSnapshot) loaded = NULL;
  g_autoptr(ScSnapshot) again = NULL;
  g_autoptr(ScSnapshot) gone = NULL;
  g_autoptr(GArray) infos = NULL;
  gint64 id1, id2, id_auto;

  r1 = import_file (f->store, f->p1);
  run = segment (f->store);

  id1 = sc_snapshot_take (f->store, "Q4 baseline", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id1, >, 0);
  id2 = sc_snapshot_take (f->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id2, >, id1);
  /* The app's own snapshot is not taken twice of one run. */
  id_auto = sc_snapshot_take_auto (f->store, run, SC_SNAPSHOT_BEFORE_SCORING, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id_auto, ==, id2);
  g_assert_cmpint (sc_snapshot_find_for_run (f->store, run->id, NULL), ==, id2);
  g_assert_cmpint (sc_snapshot_find_for_run (f->store, run->id + 100, NULL), ==, 0);

  g_assert_true (sc_snapshot_list (f->store, &infos, &error));
  g_assert_cmpuint (infos->len, ==, 2);
  g_assert_cmpint (g_array_index (infos, ScSnapshotInfo, 0).id, ==, id1);
  g_assert_cmpstr (g_array_index (infos, ScSnapshotInfo, 0).label, ==, "Q4 baseline");
  g_assert_false (g_array_index (infos, ScSnapshotInfo, 0).auto_taken);
  g_assert_cmpint (g_array_index (infos, ScSnapshotInfo, 0).as_of, ==, run->params.as_of);
  g_assert_cmpuint (g_array_index (infos, ScSnapshotInfo, 0).n_segments, ==, run->n_segments);
  g_assert_cmpuint (g_array_index (infos, ScSnapshotInfo, 0).n_segmented, ==,
                    drift_kinds[VIP].n + drift_kinds[REGULAR].n + drift_kinds[RARE].n + drift_kinds[NEW].n);
  g_assert_true (g_str_has_prefix (g_array_index (infos, ScSnapshotInfo, 1).label,
                                   "Snapshot "));

  /* What is loaded is what was captured; capturing after new data changes nothing, since
   * the snapshot only counts the days before its as-of day. */
  captured = sc_snapshot_capture (f->store, run, NULL, &error);
  g_assert_no_error (error);
  loaded = sc_snapshot_load (f->store, id1, &error);
  g_assert_no_error (error);
  r2 = import_file (f->store, f->p2);
  again = sc_snapshot_capture (f->store, run, NULL, &error);
  g_assert_no_error (error);
  for (ScSnapshot **p = (ScSnapshot *[]) { loaded, again, NULL }; *p != NULL; p++)
    {
      ScSnapshot *s = *p;

      g_assert_cmpint (s->as_of, ==, captured->as_of);
      g_assert_cmpuint (s->n_customers, ==, captured->n_customers);
      g_assert_cmpmem (s->labels, sizeof (guint16) * s->n_customers,
                       captured->labels, sizeof (guint16) * captured->n_customers);
      for (guint k = 0; k < SC_SNAPSHOT_N_FEATURES; k++)
        g_assert_cmpmem (s->features[k], sizeof (double) * s->n_customers,
                         captured->features[k], sizeof (double) * captured->n_customers);
      g_assert_cmpmem (s->revenue, sizeof (double) * s->n_customers,
                       captured->revenue, sizeof (double) * captured->n_customers);
      /* Issue 15: the orders of the recent window are kept too, for order value. */
      g_assert_nonnull (s->orders);
      g_assert_cmpmem (s->orders, sizeof (double) * s->n_customers,
                       captured->orders, sizeof (double) * captured->n_customers);
      g_assert_cmpuint (s->n_segments, ==, run->n_segments);
      for (guint k = 0; k < s->n_segments; k++)
        {
          g_assert_cmpstr (s->segments[k].name, ==, run->segments[k].name);
          g_assert_cmpuint (s->segments[k].size, ==, run->segments[k].size);
          g_assert_cmpint (s->segments[k].origin, ==, run->segments[k].id);
          g_assert_cmpfloat (s->segments[k].recent_revenue, ==,
                             captured->segments[k].recent_revenue);
          g_assert_cmpfloat (s->segments[k].churn, ==, captured->segments[k].churn);
        }
    }
  /* Features at the as-of day, from the orders: every NEW customer has one order. */
  for (guint32 i = 0; i < captured->n_customers; i++)
    {
      g_assert_cmpfloat (captured->features[SC_SNAPSHOT_RECENCY][i], >=, 1);
      g_assert_cmpfloat (captured->features[SC_SNAPSHOT_FREQUENCY][i], >=, 1);
    }

  g_assert_true (sc_snapshot_delete (f->store, id1, &error));
  g_assert_no_error (error);
  g_assert_false (sc_snapshot_delete (f->store, id1, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  gone = sc_snapshot_load (f->store, id1, &error);
  g_assert_null (gone);
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM snapshot_segments WHERE snapshot = 1"),
                   ==, 0);
  g_clear_pointer (&infos, g_array_unref);
  g_assert_true (sc_snapshot_list (f->store, &infos, &error));
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_cmpint (g_array_index (infos, ScSnapshotInfo, 0).id, ==, id2);

  /* With only one snapshot of the current run, there is nothing to compare by default. */
  {
    ScSnapshot *a = NULL, *b = NULL;

    g_assert_false (sc_drift_load_pair (f->store, 0, 0, &a, &b, NULL, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
    g_clear_error (&error);
    g_assert_false (sc_drift_load_pair (f->store, 0, id2, &a, &b, NULL, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
    g_clear_error (&error);
    g_assert_false (sc_drift_load_pair (f->store, 0, 999, &a, &b, NULL, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_assert_false (sc_drift_load_pair (f->store, 999, 0, &a, &b, NULL, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    /* An explicit snapshot against the current state is allowed. */
    g_assert_true (sc_drift_load_pair (f->store, id2, 0, &a, &b, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (b->id, ==, 0);
    sc_snapshot_free (a);
    sc_snapshot_free (b);
  }
}

static void
test_snapshot_malformed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) r1 = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScImpact) impact = NULL;
  ScSnapshot *snap;
  ScRun *scored;
  gint64 id;

  /* Nothing to freeze or score yet. */
  g_assert_cmpint (sc_snapshot_take (f->store, "x", NULL, &error), ==, -1);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  scored = sc_run_score (f->store, SC_FEATURES_AS_OF_AUTO, NULL, NULL, NULL, &error);
  g_assert_null (scored);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  impact = sc_impact_load (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (impact->n_points, ==, 0);
  g_assert_cmpuint (impact->n_series, ==, 0);

  r1 = import_file (f->store, f->p1);
  run = segment (f->store);
  id = sc_snapshot_take (f->store, "ok", NULL, &error);
  g_assert_no_error (error);

  /* A damaged blob is an error, not a crash. */
  exec_sql (f->store, "UPDATE snapshots SET labels = x'0102'");
  snap = sc_snapshot_load (f->store, id, &error);
  g_assert_null (snap);
  g_assert_error (error, SC_ERROR, SC_ERROR_PROJECT);
  g_clear_error (&error);
  exec_sql (f->store, "UPDATE snapshots SET labels = zeroblob(2 * n_customers), "
                      "customer_features = x'00'");
  snap = sc_snapshot_load (f->store, id, &error);
  g_assert_null (snap);
  g_assert_error (error, SC_ERROR, SC_ERROR_PROJECT);
  g_clear_error (&error);
  exec_sql (f->store, "UPDATE snapshots SET customer_features = zeroblob(24 * n_customers), "
                      "n_customers = -5");
  snap = sc_snapshot_load (f->store, id, &error);
  g_assert_null (snap);
  g_assert_error (error, SC_ERROR, SC_ERROR_PROJECT);
  g_clear_error (&error);
  /* Orders of the wrong length are damage; none at all is a snapshot from before they were
   * kept (issue 15), which loads without them. */
  exec_sql (f->store, "UPDATE snapshots SET n_customers = length (labels) / 2, orders = x'00'");
  snap = sc_snapshot_load (f->store, id, &error);
  g_assert_null (snap);
  g_assert_error (error, SC_ERROR, SC_ERROR_PROJECT);
  g_clear_error (&error);
  exec_sql (f->store, "UPDATE snapshots SET orders = NULL");
  snap = sc_snapshot_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snap);
  g_assert_null (snap->orders);
  g_clear_pointer (&snap, sc_snapshot_free);
  /* A segment row missing in the middle. */
  exec_sql (f->store, "DELETE FROM snapshot_segments WHERE position = 1");
  snap = sc_snapshot_load (f->store, id, &error);
  g_assert_null (snap);
  g_assert_error (error, SC_ERROR, SC_ERROR_PROJECT);
  g_clear_error (&error);
}

static void
test_score_cancelled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) r1 = NULL;
  g_autoptr(ScImportReport) r2 = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScRun) current = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ScRun *scored;

  r1 = import_file (f->store, f->p1);
  run = segment (f->store);
  r2 = import_file (f->store, f->p2);

  g_cancellable_cancel (cancellable);
  scored = sc_run_score (f->store, SC_FEATURES_AS_OF_AUTO, NULL, NULL, cancellable, &error);
  g_assert_null (scored);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The project is as it was: the same current run, no snapshot. */
  current = sc_run_load_current (f->store, NULL);
  g_assert_cmpint (current->id, ==, run->id);
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM runs"), ==, 1);
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM snapshots"), ==, 0);
}

/* Scoring sends a new giant spender to the outlier segment, and scores the same data to the
 * run's own labels. */
static void
test_score_outliers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) r1 = NULL;
  g_autoptr(ScImportReport) r2 = NULL;
  g_autoptr(ScRun) run1 = NULL;
  g_autoptr(ScRun) same = NULL;
  g_autoptr(ScRun) run2 = NULL;
  g_autoptr(ScCarryOver) carry = NULL;
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  g_autofree char *giants = g_build_filename (f->dir, "giants.csv", NULL);
  g_autofree char *date = NULL;
  ScRunParams params;
  guint outliers = G_MAXUINT;
  guint32 giant_new;
  guint64 differ = 0;

  /* Three giants in the first period, one more in the second. */
  date = sc_day_format (sc_day_from_ymd (2021, 1, 1) + PERIOD1_DAYS - 20);
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (csv, "G%u,Z%u,%s,1000000000000\n", i, i, date);
  g_assert_true (g_file_set_contents (giants, csv->str, (gssize) csv->len, NULL));
  r1 = import_file (f->store, f->p1);
  g_clear_pointer (&r1, sc_import_report_free);
  r1 = import_file (f->store, giants);

  sc_run_params_init (&params);
  params.k = 4;
  run1 = sc_run_segment (f->store, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < run1->n_segments; s++)
    if (run1->segments[s].is_outliers)
      outliers = s;
  g_assert_cmpuint (outliers, ==, run1->n_segments - 1);
  g_assert_cmpuint (run1->segments[outliers].size, ==, 3);

  /* Scoring the same data: nearest centroids are where k-means left the customers. */
  same = sc_run_score (f->store, SC_FEATURES_AS_OF_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (same->n_customers, ==, run1->n_customers);
  for (guint32 i = 0; i < run1->n_customers; i++)
    differ += same->labels[i] != run1->labels[i];
  g_assert_cmpuint (differ, ==, 0);
  for (guint s = 0; s < same->n_segments; s++)
    g_assert_cmpuint (same->segments[s].size, ==, run1->segments[s].size);
  carry = sc_carry_over_load (f->store, same->id, &error);
  g_assert_no_error (error);
  g_assert_true (carry->scored);
  for (guint s = 0; s < same->n_segments; s++)
    {
      g_assert_cmpint (carry->previous_position[s], ==, (int) s);
      g_assert_cmpfloat (carry->overlap[s], ==, 1.0);
    }

  g_string_truncate (csv, 0);
  g_string_append (csv, "order_id,customer_id,order_date,amount\n");
  g_free (date);
  date = sc_day_format (sc_day_from_ymd (2021, 1, 1) + PERIOD1_DAYS + 10);
  g_string_append_printf (csv, "G9,Z9,%s,2000000000000\n", date);
  g_assert_true (g_file_set_contents (giants, csv->str, (gssize) csv->len, NULL));
  r2 = import_file (f->store, giants);
  giant_new = sc_store_get_n_customers (f->store) - 1;

  run2 = sc_run_score (f->store, SC_FEATURES_AS_OF_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run2->n_customers, ==, giant_new + 1);
  g_assert_cmpuint (run2->labels[giant_new], ==, outliers);
  g_assert_cmpuint (run2->segments[outliers].size, ==, 4);
  g_assert_true (run2->segments[outliers].is_outliers);
}

/* A run stored by an edit has no lineage until the edit records it. */
static void
test_edit_lineage (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) r1 = NULL;
  g_autoptr(ScRun) run1 = NULL;
  g_autoptr(ScRun) edited = NULL;
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  g_autoptr(ScDrift) before = NULL;
  g_autoptr(ScDrift) after = NULL;
  g_autoptr(ScCarryOver) carry = NULL;
  g_autofree int *identity = NULL;
  gint64 id;

  r1 = import_file (f->store, f->p1);
  run1 = segment (f->store);
  id = sc_snapshot_take (f->store, NULL, NULL, &error);
  g_assert_no_error (error);

  /* What an editor does: the same members, one segment renamed, stored as a new run. */
  edited = sc_run_copy (run1);
  g_free (edited->segments[0].name);
  edited->segments[0].name = g_strdup ("Renamed");
  g_assert_true (_sc_run_save (f->store, edited, &error));
  g_assert_no_error (error);

  from = sc_snapshot_load (f->store, id, &error);
  g_assert_no_error (error);
  to = sc_snapshot_capture (f->store, edited, NULL, &error);
  g_assert_no_error (error);
  before = sc_drift_compute (from, to, NULL, &error);
  /* Names pair three segments; the renamed one looks new, its predecessor gone. */
  g_assert_cmpint (before->to_match[0], ==, -1);
  for (guint s = 1; s < run1->n_segments; s++)
    g_assert_cmpint (before->to_match[s], ==, (int) s);
  g_assert_cmpuint (before->n_segments, ==, run1->n_segments + 1);

  identity = g_new (int, edited->n_segments);
  for (guint s = 0; s < edited->n_segments; s++)
    identity[s] = (int) s;
  g_assert_true (sc_run_record_lineage (f->store, run1, edited, identity, &error));
  g_assert_no_error (error);
  g_clear_pointer (&to, sc_snapshot_free);
  to = sc_snapshot_capture (f->store, edited, NULL, &error);
  after = sc_drift_compute (from, to, NULL, &error);
  for (guint s = 0; s < run1->n_segments; s++)
    g_assert_cmpint (after->to_match[s], ==, (int) s);
  g_assert_cmpuint (after->n_segments, ==, run1->n_segments);
  g_assert_cmpuint (after->n_flagged, ==, 0);
  g_assert_cmpuint (after->n_flows, ==, 0);

  carry = sc_carry_over_load (f->store, edited->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (carry->previous_run, ==, run1->id);
  g_assert_cmpfloat (carry->overlap[0], ==, 1.0);
  g_assert_cmpstr (carry->names[0], ==, "Renamed");
}

/* Impact series from hand-made snapshots, saved as they are. */
static void
test_impact_known_answer (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  g_autoptr(ScImpact) impact = NULL;

  make_known_pair (&from, &to);
  g_assert_true (sc_snapshot_save (f->store, to, "later", FALSE, &error));
  g_assert_true (sc_snapshot_save (f->store, from, "earlier", FALSE, &error));
  g_assert_no_error (error);

  impact = sc_impact_load (f->store, NULL, &error);
  g_assert_no_error (error);
  /* By as-of day, not by the order they were saved. */
  g_assert_cmpuint (impact->n_points, ==, 2);
  g_assert_cmpint (impact->ids[0], ==, from->id);
  g_assert_cmpstr (impact->labels[0], ==, "earlier");
  g_assert_cmpint (impact->as_of[0], ==, 1000);
  g_assert_cmpint (impact->as_of[1], ==, 1090);
  g_assert_cmpuint (impact->n_series, ==, 2);

  g_assert_cmpint (impact->series[0].origin, ==, 7);
  g_assert_cmpstr (impact->series[0].name, ==, "A");
  g_assert_cmpfloat (impact->series[0].customers[0], ==, 100);
  g_assert_cmpfloat (impact->series[0].customers[1], ==, 80);
  g_assert_cmpfloat (impact->series[0].revenue[0], ==, 10000);
  g_assert_cmpfloat (impact->series[0].revenue[1], ==, 8000);
  g_assert_cmpfloat (impact->series[0].churn[0], ==, 0);
  g_assert_true (isnan (impact->series[0].clv[0]));

  /* B: the 20 who came from A have recency 10 and bought; B's own have recency 100. */
  g_assert_cmpfloat (impact->series[1].customers[1], ==, 150);
  g_assert_cmpfloat (impact->series[1].revenue[1], ==, 2000);
  g_assert_cmpfloat (impact->series[1].churn[0], ==, 1.0);
  g_assert_cmpfloat_with_epsilon (impact->series[1].churn[1], 130 / 150.0, 1e-12);
  g_assert_cmpfloat (impact->series[1].orders_per_customer[1], ==, 1.0);

  /* The current state comes last. */
  g_clear_pointer (&impact, sc_impact_free);
  g_free (to->label);
  to->label = NULL;
  impact = sc_impact_load (f->store, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (impact->n_points, ==, 3);
  g_assert_cmpstr (impact->labels[2], ==, "Current segments");
  g_assert_cmpfloat (impact->series[1].customers[2], ==, 150);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Drift/psi-known-answer", test_psi_known_answer);
  g_test_add_func ("/Core/Drift/psi-malformed", test_psi_malformed);
  g_test_add_func ("/Core/Drift/migration-known-answer", test_migration_known_answer);
  g_test_add_func ("/Core/Drift/migration-pairing", test_migration_pairing);
  g_test_add_func ("/Core/Drift/drift-cancelled", test_drift_cancelled);
#define ADD(name, func) \
  g_test_add ("/Core/Drift/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("planted-shift", test_planted_shift);
  ADD ("rerun-carry-over", test_rerun_carry_over);
  ADD ("rerun-unmatched", test_rerun_unmatched);
  ADD ("snapshot-list-delete", test_snapshot_list_delete);
  ADD ("snapshot-malformed", test_snapshot_malformed);
  ADD ("score-cancelled", test_score_cancelled);
  ADD ("score-outliers", test_score_outliers);
  ADD ("edit-lineage", test_edit_lineage);
  ADD ("impact-known-answer", test_impact_known_answer);
#undef ADD

  return g_test_run ();
}
