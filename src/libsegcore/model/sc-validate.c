/* sc-validate.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Is a segmentation worth acting on?  Four checks, stored with each run.
 *
 * Stability (Hennig 2007, "Cluster-wise assessment of cluster stability", the subsetting
 * scheme).  B times, a seeded subsample without replacement of half the base points (at most
 * resample_max) is clustered again by k-means with the same k; each original cluster,
 * restricted to the subsample, is compared with every new cluster by the Jaccard index
 * |C ∩ D| / |C ∪ D|, and its best match counts.  A cluster's stability is the mean of those
 * best matches over the subsamples: near 1 it is found again whatever the sample, below 0.6
 * it is not a pattern of the data but of the draw.  The base is every point up to base_max,
 * a seeded sample above.  Each subsample and refit draws from its own random stream, so the
 * result does not depend on how many threads run the refits (one per subsample, on a team).
 *
 * Size and revenue: the run's segments carry their shares already (sc-run.c); here only the
 * smallest share of each k tried, for the choice of k.
 *
 * Distinctness and look-alikes compare the segments' means in the clustering's own space
 * (log1p then standardised over the segmented customers), so a difference is in standard
 * deviations of all segmented customers: comparable across features and free of units.  A
 * feature distinguishes a segment when it differs by at least SC_VALIDATE_DISTINCT_EFFECT
 * from every other segment; two segments look alike when they differ by less than
 * SC_VALIDATE_LOOKALIKE_EFFECT on every feature, and merging them is suggested.  (Not
 * Cohen's d with the within-segment spread: k-means splits make that large for any two
 * neighbours, however alike they are to a marketer.) */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-parallel.h"
#include "sc-rng.h"
#include "sc-validate.h"

#define STREAM_BASE     G_GUINT64_CONSTANT (0x7374616262617365)
#define STREAM_RESAMPLE G_GUINT64_CONSTANT (0x7374616273756273)

/**
 * sc_stability_params_init:
 * @params: (out caller-allocates): parameters to fill with the defaults
 */
void
sc_stability_params_init (ScStabilityParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->n_resamples = SC_VALIDATE_DEFAULT_RESAMPLES;
  params->base_max = SC_VALIDATE_STABILITY_BASE;
  params->resample_max = 5000;
  params->n_init = 3;
  params->seed = 0;
  params->n_threads = 0;
}

/* ------------------------------------------------------------------------------------- */
/* Stability */

typedef struct
{
  const double            *x;          /* the base: base_n × d */
  const guint32           *labels;     /* base_n */
  gsize                    base_n;
  guint                    d;
  guint                    k;
  gsize                    m;          /* points per subsample */
  const ScStabilityParams *params;
  GCancellable            *cancellable;
  double                  *jaccard;    /* n_resamples × k, NAN where not measured */
} Resampling;

static void
resample_task (gpointer data,
               guint    b,
               guint    worker)
{
  Resampling *rs = data;
  guint k = rs->k, d = rs->d;
  g_autofree gsize *rows = g_new (gsize, rs->m);
  g_autofree double *sub = g_new (double, rs->m * d);
  g_autofree gsize *counts = g_new0 (gsize, (gsize) k * k);
  g_autofree gsize *orig = g_new0 (gsize, k);
  g_autofree gsize *found = g_new0 (gsize, k);
  g_autoptr(ScKmeansResult) km = NULL;
  ScKmeansParams kp;
  ScRng rng;
  guint64 mix = b;

  if (g_cancellable_is_cancelled (rs->cancellable))
    return;

  sc_rng_init_stream (&rng, rs->params->seed, STREAM_RESAMPLE + b);
  sc_rng_sample_sorted (&rng, rs->base_n, rs->m, rows);
  for (gsize i = 0; i < rs->m; i++)
    memcpy (sub + i * d, rs->x + rows[i] * d, sizeof (double) * d);

  sc_kmeans_params_init (&kp);
  kp.k = k;
  kp.n_init = MAX (rs->params->n_init, 1);
  kp.seed = rs->params->seed ^ sc_rng_splitmix64 (&mix);
  kp.n_threads = 1;
  kp.skip_silhouette = TRUE;
  /* A subsample too alike for k clusters simply does not count. */
  km = sc_kmeans_run (sub, rs->m, d, &kp, NULL, NULL, rs->cancellable, NULL);
  if (km == NULL)
    return;

  for (gsize i = 0; i < rs->m; i++)
    {
      guint c = rs->labels[rows[i]], j = km->labels[i];

      counts[(gsize) c * k + j]++;
      orig[c]++;
      found[j]++;
    }
  for (guint c = 0; c < k; c++)
    {
      double best = 0.0;

      if (orig[c] == 0)
        continue;
      for (guint j = 0; j < k; j++)
        {
          gsize both = counts[(gsize) c * k + j];
          double jac = both / (double) (orig[c] + found[j] - both);

          best = MAX (best, jac);
        }
      rs->jaccard[(gsize) b * k + c] = best;
    }
}

/**
 * sc_validate_stability:
 * @params: an #ScStabilityParams
 *
 * An #ScKmeansStabilityFunc: each cluster's stability by Hennig's subsetting scheme (see the
 * top of this file). A cluster with no measurement (too few points in every subsample)
 * gets NAN.
 *
 * Returns: %FALSE when cancelled
 */
gboolean
sc_validate_stability (const double   *x,
                       gsize           n,
                       guint           d,
                       const guint32  *labels,
                       guint           k,
                       double         *stability,
                       gpointer        params,
                       GCancellable   *cancellable)
{
  const ScStabilityParams *p = params;
  g_autofree double *base_x = NULL;
  g_autofree guint32 *base_labels = NULL;
  g_autofree double *jaccard = NULL;
  g_autoptr(ScTeam) team = NULL;
  Resampling rs = { x, labels, n, d, k, 0, p, cancellable, NULL };

  for (guint c = 0; c < k; c++)
    stability[c] = NAN;
  if (p->n_resamples == 0 || n < 4 || k < 2)
    return TRUE;

  if (p->base_max > 0 && n > p->base_max)
    {
      g_autofree gsize *rows = g_new (gsize, p->base_max);
      ScRng rng;

      sc_rng_init_stream (&rng, p->seed, STREAM_BASE);
      sc_rng_sample_sorted (&rng, n, p->base_max, rows);
      base_x = g_new (double, p->base_max * d);
      base_labels = g_new (guint32, p->base_max);
      for (gsize i = 0; i < p->base_max; i++)
        {
          memcpy (base_x + i * d, x + rows[i] * d, sizeof (double) * d);
          base_labels[i] = labels[rows[i]];
        }
      rs.x = base_x;
      rs.labels = base_labels;
      rs.base_n = p->base_max;
    }
  rs.m = rs.base_n / 2;
  if (p->resample_max > 0)
    rs.m = MIN (rs.m, p->resample_max);
  if (rs.m < k)
    return TRUE;

  jaccard = g_new (double, (gsize) p->n_resamples * k);
  for (gsize i = 0; i < (gsize) p->n_resamples * k; i++)
    jaccard[i] = NAN;
  rs.jaccard = jaccard;

  team = sc_team_new (sc_team_resolve_threads (p->n_threads));
  sc_team_run (team, resample_task, &rs, p->n_resamples);
  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;

  for (guint c = 0; c < k; c++)
    {
      double sum = 0.0;
      guint count = 0;

      for (guint b = 0; b < p->n_resamples; b++)
        if (!isnan (jaccard[(gsize) b * k + c]))
          {
            sum += jaccard[(gsize) b * k + c];
            count++;
          }
      stability[c] = count > 0 ? sum / count : NAN;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------- */
/* Distinctness and look-alikes */

/* Means per segment position over the clustered points, in the clustering space, divided by
 * each feature's standard deviation over all of them. */
static double *
segment_means (const double  *x,
               gsize          n,
               guint          d,
               const guint32 *positions,
               guint          n_segments,
               gsize         *sizes)
{
  g_autofree double *mean = g_new0 (double, d);
  g_autofree double *sd = g_new0 (double, d);
  double *means = g_new0 (double, (gsize) n_segments * d);

  for (gsize i = 0; i < n; i++)
    {
      sizes[positions[i]]++;
      for (guint j = 0; j < d; j++)
        {
          means[(gsize) positions[i] * d + j] += x[i * d + j];
          mean[j] += x[i * d + j];
        }
    }
  for (guint j = 0; j < d; j++)
    mean[j] /= MAX (n, 1);
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < d; j++)
      sd[j] += (x[i * d + j] - mean[j]) * (x[i * d + j] - mean[j]);
  for (guint j = 0; j < d; j++)
    sd[j] = sqrt (sd[j] / MAX (n, 1));

  for (guint s = 0; s < n_segments; s++)
    for (guint j = 0; j < d; j++)
      {
        double *v = &means[(gsize) s * d + j];

        *v = sizes[s] > 0 ? *v / sizes[s] : NAN;
        /* A constant feature separates nothing. */
        *v = sd[j] > 0 ? *v / sd[j] : 0.0;
      }
  return means;
}

static int
compare_distinct (gconstpointer a,
                  gconstpointer b)
{
  const ScDistinctFeature *x = a, *y = b;

  if (x->effect_size != y->effect_size)
    return x->effect_size > y->effect_size ? -1 : 1;
  return (int) x->feature - (int) y->feature;
}

static void
find_distinct (ScValidation     *v,
               const double     *means,
               const gsize      *sizes,
               guint             d,
               const ScFeature  *features)
{
  for (guint s = 0; s < v->n_segments; s++)
    {
      ScSegmentQuality *q = &v->segments[s];
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (ScDistinctFeature));

      if (!q->clustered || sizes[s] == 0)
        continue;
      for (guint j = 0; j < d; j++)
        {
          ScDistinctFeature f = { features[j], INFINITY, 0 };
          gboolean higher = TRUE, lower = TRUE, any = FALSE;

          for (guint t = 0; t < v->n_segments; t++)
            {
              double diff;

              if (t == s || !v->segments[t].clustered || sizes[t] == 0)
                continue;
              any = TRUE;
              diff = means[(gsize) s * d + j] - means[(gsize) t * d + j];
              f.effect_size = MIN (f.effect_size, fabs (diff));
              higher = higher && diff > 0;
              lower = lower && diff < 0;
            }
          if (!any || !(f.effect_size >= SC_VALIDATE_DISTINCT_EFFECT))
            continue;
          f.direction = higher ? 1 : lower ? -1 : 0;
          g_array_append_val (found, f);
        }
      g_array_sort (found, compare_distinct);
      q->n_distinct = found->len;
      q->distinct = (ScDistinctFeature *) g_array_free (g_steal_pointer (&found), FALSE);
    }
}

static void
find_lookalikes (ScValidation     *v,
                 const double     *means,
                 const gsize      *sizes,
                 guint             d,
                 const ScFeature  *features)
{
  g_autoptr(GArray) merges = g_array_new (FALSE, FALSE, sizeof (ScMergeSuggestion));

  for (guint a = 0; a < v->n_segments; a++)
    for (guint b = a + 1; b < v->n_segments; b++)
      {
        ScMergeSuggestion m = { a, b, features[0], 0.0, NULL };

        if (!v->segments[a].clustered || !v->segments[b].clustered ||
            sizes[a] == 0 || sizes[b] == 0)
          continue;
        for (guint j = 0; j < d; j++)
          {
            double diff = fabs (means[(gsize) a * d + j] - means[(gsize) b * d + j]);

            if (j == 0 || diff > m.largest_difference)
              {
                m.largest_difference = diff;
                m.largest_feature = features[j];
              }
          }
        if (m.largest_difference >= SC_VALIDATE_LOOKALIKE_EFFECT)
          continue;
        m.reason = g_strdup_printf (_("Their customers differ by less than %.2f standard "
                                      "deviations on every feature (most on %s: %.2f), so "
                                      "they may be one group."),
                                    SC_VALIDATE_LOOKALIKE_EFFECT,
                                    sc_feature_to_label (m.largest_feature),
                                    m.largest_difference);
        g_array_append_val (merges, m);
      }
  v->n_merges = merges->len;
  v->merges = (ScMergeSuggestion *) g_array_free (g_steal_pointer (&merges), FALSE);
}

/* ------------------------------------------------------------------------------------- */
/* The validation of a run */

/**
 * sc_validation_compute:
 * @km: the clustering of the run, with its search over k and, when measured, its stability
 * @params: the parameters it ran with (range, tolerance, minimum share of the points)
 * @features: (array length=km->d): the clustering features
 * @x: (array length=km->n * km->d): the points clustered, in the clustering space
 * @positions: (array length=km->n): the run's segment position of each point
 * @n_segments: the run's segments, those set apart from the clustering included
 * @share_scale: customers clustered over customers with orders: turns a share of the
 *   points into a share of the customers
 * @n_resamples: B of the stability measured (0: none)
 *
 * Returns: (transfer full): the validation, with its explanation
 */
ScValidation *
sc_validation_compute (const ScKmeansResult  *km,
                       const ScKmeansParams  *params,
                       const ScFeature       *features,
                       const double          *x,
                       const guint32         *positions,
                       guint                  n_segments,
                       double                 share_scale,
                       guint                  n_resamples)
{
  ScValidation *v = g_new0 (ScValidation, 1);
  g_autofree gsize *sizes = g_new0 (gsize, MAX (n_segments, 1));
  g_autofree double *means = NULL;

  g_return_val_if_fail (km != NULL && params != NULL, NULL);

  v->k_auto = params->k == 0;
  v->k_min = v->k_auto ? MAX (params->k_min, 2) : km->k;
  v->k_max = v->k_auto ? MAX (params->k_max, v->k_min) : km->k;
  v->min_share = params->min_share * share_scale;
  v->tolerance = params->silhouette_tolerance;
  v->min_stability = params->min_stability;
  v->n_resamples = km->stability != NULL ? n_resamples : 0;
  v->stability_sampled = km->stability != NULL &&
                         (km->search_sampled || km->n > SC_VALIDATE_STABILITY_BASE);
  v->chosen_k = km->k;
  v->choice = km->choice;

  v->n_k = km->n_tried;
  v->k_table = g_new0 (ScKScore, MAX (km->n_tried, 1));
  for (guint t = 0; t < km->n_tried; t++)
    {
      v->k_table[t].k = km->tried_k[t];
      v->k_table[t].silhouette = km->tried_silhouette[t];
      v->k_table[t].smallest_share = km->tried_smallest_share[t] * share_scale;
      v->k_table[t].stability = km->tried_stability[t];
    }

  v->n_segments = n_segments;
  v->segments = g_new0 (ScSegmentQuality, MAX (n_segments, 1));
  for (guint s = 0; s < n_segments; s++)
    {
      v->segments[s].position = s;
      v->segments[s].stability = NAN;
    }
  for (gsize i = 0; i < km->n; i++)
    {
      ScSegmentQuality *q = &v->segments[positions[i]];

      g_assert (positions[i] < n_segments);
      if (!q->clustered && km->stability != NULL)
        q->stability = km->stability[km->labels[i]];
      q->clustered = TRUE;
    }
  for (guint s = 0; s < n_segments; s++)
    v->segments[s].unstable = v->segments[s].stability < SC_VALIDATE_UNSTABLE;

  means = segment_means (x, km->n, km->d, positions, n_segments, sizes);
  find_distinct (v, means, sizes, km->d, features);
  find_lookalikes (v, means, sizes, km->d, features);

  v->explanation = sc_validation_explain (v);
  return v;
}

static const ScKScore *
score_of (const ScValidation *v,
          guint               k)
{
  for (guint t = 0; t < v->n_k; t++)
    if (v->k_table[t].k == k)
      return &v->k_table[t];
  return NULL;
}

/* Why the k with the highest silhouette was not taken, or NULL. */
static char *
why_not (const ScValidation *v,
         const ScKScore     *s)
{
  if (!(s->smallest_share >= v->min_share))
    return g_strdup_printf (_("its smallest segment would hold only %.1f%% of customers"),
                            100 * s->smallest_share);
  if (s->stability < v->min_stability)
    return g_strdup_printf (_("one of its segments is not found again when the customers "
                              "are resampled (stability %.2f)"), s->stability);
  return NULL;
}

/**
 * sc_validation_explain:
 *
 * Why the run has its number of segments, in plain words: what a run stores as its
 * explanation.
 *
 * Returns: (transfer full): a sentence or two
 */
char *
sc_validation_explain (const ScValidation *v)
{
  const ScKScore *chosen = score_of (v, v->chosen_k);
  const ScKScore *highest = NULL;
  GString *text = g_string_new (NULL);
  g_autofree char *reason = NULL;
  g_autofree char *criteria = NULL;
  guint n_unstable = 0;

  for (guint t = 0; t < v->n_k; t++)
    if (highest == NULL || v->k_table[t].silhouette > highest->silhouette)
      highest = &v->k_table[t];
  for (guint s = 0; s < v->n_segments; s++)
    n_unstable += v->segments[s].unstable;
  if (highest != NULL && highest != chosen)
    reason = why_not (v, highest);

  criteria = v->n_resamples > 0
    ? g_strdup_printf (_("each at least %g%% of customers and found again when the customers "
                         "are resampled"), 100 * v->min_share)
    : g_strdup_printf (_("each at least %g%% of customers"), 100 * v->min_share);

  switch (v->choice)
    {
    case SC_K_CHOICE_FIXED:
      g_string_append_printf (text, _("%u segments, as set by hand."), v->chosen_k);
      break;
    case SC_K_CHOICE_BEST:
      g_string_append_printf (text, _("%u segments: the most distinct split of the %u to %u "
                                      "tried, %s."),
                              v->chosen_k, v->k_min, v->k_max, criteria);
      break;
    case SC_K_CHOICE_WITHIN_TOLERANCE:
    case SC_K_CHOICE_OUTSIDE_TOLERANCE:
      g_string_append_printf (text, _("%u segments: %u would be more distinct (silhouette "
                                      "%.2f against %.2f), but %s. %u is the most distinct "
                                      "choice of the %u to %u tried with segments %s."),
                              v->chosen_k, highest->k, highest->silhouette,
                              chosen != NULL ? chosen->silhouette : NAN,
                              reason != NULL ? reason : _("it fails a check"), v->chosen_k,
                              v->k_min, v->k_max, criteria);
      break;
    case SC_K_CHOICE_FEWER_GROUPS:
    default:
      g_string_append_printf (text, _("The data do not support %u or more distinct groups, "
                                      "%s: no number of segments from %u to %u passes every "
                                      "check. The %u segments below are the most distinct "
                                      "split of that range; treat them as a rough guide."),
                              v->k_min, criteria, v->k_min, v->k_max, v->chosen_k);
      break;
    }

  if (n_unstable > 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         " %u segment is unstable (stability below %.1f): "
                                         "check it before acting on it.",
                                         " %u segments are unstable (stability below %.1f): "
                                         "check them before acting on them.", n_unstable),
                            n_unstable, SC_VALIDATE_UNSTABLE);
  if (v->n_merges > 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         " %u pair of segments looks alike and could be "
                                         "merged.",
                                         " %u pairs of segments look alike and could be "
                                         "merged.", v->n_merges),
                            v->n_merges);
  return g_string_free (text, FALSE);
}

const ScSegmentQuality *
sc_validation_get_segment (const ScValidation *validation,
                           guint               position)
{
  if (validation == NULL || position >= validation->n_segments)
    return NULL;
  return &validation->segments[position];
}

ScValidation *
sc_validation_copy (const ScValidation *v)
{
  ScValidation *copy;

  if (v == NULL)
    return NULL;
  copy = g_new0 (ScValidation, 1);
  *copy = *v;
  copy->explanation = g_strdup (v->explanation);
  copy->k_table = g_memdup2 (v->k_table, sizeof (ScKScore) * MAX (v->n_k, 1));
  copy->segments = g_memdup2 (v->segments, sizeof (ScSegmentQuality) * MAX (v->n_segments, 1));
  for (guint s = 0; s < v->n_segments; s++)
    copy->segments[s].distinct = g_memdup2 (v->segments[s].distinct,
                                            sizeof (ScDistinctFeature) * v->segments[s].n_distinct);
  copy->merges = g_memdup2 (v->merges, sizeof (ScMergeSuggestion) * MAX (v->n_merges, 1));
  for (guint m = 0; m < v->n_merges; m++)
    copy->merges[m].reason = g_strdup (v->merges[m].reason);
  return copy;
}

void
sc_validation_free (ScValidation *v)
{
  if (v == NULL)
    return;
  for (guint s = 0; s < v->n_segments; s++)
    g_free (v->segments[s].distinct);
  for (guint m = 0; m < v->n_merges; m++)
    g_free (v->merges[m].reason);
  g_free (v->segments);
  g_free (v->merges);
  g_free (v->k_table);
  g_free (v->explanation);
  g_free (v);
}

static const char * const choice_strings[] = {
  [SC_K_CHOICE_FIXED] = "fixed",
  [SC_K_CHOICE_BEST] = "best",
  [SC_K_CHOICE_WITHIN_TOLERANCE] = "within-tolerance",
  [SC_K_CHOICE_OUTSIDE_TOLERANCE] = "outside-tolerance",
  [SC_K_CHOICE_FEWER_GROUPS] = "fewer-groups",
};

const char *
sc_k_choice_to_string (ScKChoice choice)
{
  g_return_val_if_fail ((guint) choice < G_N_ELEMENTS (choice_strings), NULL);
  return choice_strings[choice];
}

gboolean
sc_k_choice_from_string (const char *s,
                         ScKChoice  *choice)
{
  for (guint i = 0; i < G_N_ELEMENTS (choice_strings); i++)
    if (g_strcmp0 (s, choice_strings[i]) == 0)
      {
        *choice = (ScKChoice) i;
        return TRUE;
      }
  return FALSE;
}
