/* sc-profile.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Segment profiles in a few linear passes.  Customers are first grouped by label with a
 * counting sort, so every feature can be gathered once into one buffer where each segment
 * is a contiguous slice; means are sums over the slice and medians are exact order
 * statistics selected inside the slice (sc_quantiles()), so nothing is ever sorted.
 *
 * Suggested names come from a fixed table indexed by three levels, each comparing the
 * segment's median with the tertiles (1/3 and 2/3 quantiles) of all customers:
 *
 *   recency    recent    median <= q1/3    lapsed    median >= q2/3    else mid
 *   monetary   low       median <= q1/3    high      median >= q2/3    else mid
 *   frequency  one-time  median <= 1       frequent  median >= q2/3 and >= 3
 *                                                    else occasional
 *
 * The comparisons include the tertile itself because a large, uniform segment sets the
 * tertile (half of all customers buying exactly six times makes 6 the upper tertile);
 * a median at a tertile that is also the other tertile (q1/3 = q2/3, heavy ties) is mid.
 * Repeat buyers' recency is judged against their own ordering rhythm instead (see
 * base_name()).
 * Frequency uses absolute floors because most customers of a shop buy once: relative to
 * such a base two orders already reach the upper tertile, but "frequent" should mean
 * more than a second order.  A segment whose median customer never bought is named
 * apart.  When several segments get the same name, they are told apart by the feature
 * (spend, orders, recency, tenure) whose medians differ most between them, and only when
 * that fails, by a number.
 */

#include "config.h"

#include "sc-profile.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define CANCEL_CHECK_MASK 0xffff

/* Differences smaller than this factor are left out of descriptions. */
#define DESCRIBE_MIN_LIFT 1.1

enum { RECENT, RECENCY_MID, LAPSED };
enum { ONE_TIME, OCCASIONAL, FREQUENT };
enum { SPEND_LOW, SPEND_MID, SPEND_HIGH };

/* [recency][frequency][monetary] */
static const char *const segment_names[3][3][3] = {
  [RECENT] = {
    [ONE_TIME]   = { N_("Recent first-time buyers"), N_("Promising newcomers"),
                     N_("Big-ticket newcomers") },
    [OCCASIONAL] = { N_("Active small spenders"), N_("Promising repeat buyers"),
                     N_("Rising high spenders") },
    [FREQUENT]   = { N_("Loyal small spenders"), N_("Loyal regulars"),
                     N_("Loyal high spenders") },
  },
  [RECENCY_MID] = {
    [ONE_TIME]   = { N_("One-time low spenders"), N_("One-time buyers"),
                     N_("One-time big spenders") },
    [OCCASIONAL] = { N_("Occasional low spenders"), N_("Occasional buyers"),
                     N_("Occasional big spenders") },
    [FREQUENT]   = { N_("Frequent small spenders"), N_("Steady regulars"),
                     N_("Steady high spenders") },
  },
  [LAPSED] = {
    [ONE_TIME]   = { N_("Lost one-time buyers"), N_("Lapsed one-time buyers"),
                     N_("Lapsed big one-time buyers") },
    [OCCASIONAL] = { N_("Lapsed low spenders"), N_("Lapsed occasional buyers"),
                     N_("At-risk big spenders") },
    [FREQUENT]   = { N_("Lapsed regulars"), N_("At-risk regulars"),
                     N_("At-risk loyal big spenders") },
  },
};

/* Features that can tell same-named segments apart, with words for the members ordered
 * by ascending median: [feature][group of 2 or 3][rank]. */
static const struct
{
  ScFeature   feature;
  const char *two[2];
  const char *three[3];
} distinguishers[] = {
  { SC_FEATURE_MONETARY,
    { N_("lower spend"), N_("higher spend") },
    { N_("lowest spend"), N_("higher spend"), N_("highest spend") } },
  { SC_FEATURE_FREQUENCY,
    { N_("fewer orders"), N_("more orders") },
    { N_("fewest orders"), N_("more orders"), N_("most orders") } },
  { SC_FEATURE_RECENCY,
    { N_("more recent"), N_("less recent") },
    { N_("most recent"), N_("less recent"), N_("least recent") } },
  { SC_FEATURE_TENURE,
    { N_("newer"), N_("longer-standing") },
    { N_("newest"), N_("established"), N_("longest-standing") } },
};

static void
compute_feature (const double     *values,
                 const guint32    *order,
                 const gsize      *start,
                 guint             k,
                 gsize             n,
                 double           *scratch,
                 ScSegmentProfile *p,
                 ScFeature         feature,
                 double           *all_mean,
                 double           *segment_sum)
{
  static const double half = 0.5;
  double total = 0;
  gsize total_n = 0;

  for (gsize i = 0; i < n; i++)
    scratch[i] = values[order[i]];

  for (guint s = 0; s < k; s++)
    {
      double sum = 0;
      gsize m = 0;

      for (gsize i = start[s]; i < start[s + 1]; i++)
        {
          if (!isnan (scratch[i]))
            {
              sum += scratch[i];
              m++;
            }
        }

      p[s].mean[feature] = m > 0 ? sum / m : NAN;
      if (segment_sum != NULL)
        segment_sum[s] = sum;
      total += sum;
      total_n += m;

      sc_quantiles (scratch + start[s], start[s + 1] - start[s], &half, 1,
                    &p[s].median[feature]);
    }

  *all_mean = total_n > 0 ? total / total_n : NAN;
}

static double
lift_score (double ratio)
{
  return fabs (log (CLAMP (ratio, 1e-3, 1e3)));
}

static void
compute_top_features (ScSegmentProfile *p,
                      const double     *all_mean)
{
  p->n_top_features = 0;

  for (guint j = 0; j < SC_N_FEATURES; j++)
    {
      ScFeatureLift lift;
      double score;
      guint pos;

      if (!(all_mean[j] > 0) || isnan (p->mean[j]))
        continue;

      lift.feature = (ScFeature) j;
      lift.segment_mean = p->mean[j];
      lift.all_mean = all_mean[j];
      lift.ratio = p->mean[j] / all_mean[j];
      score = lift_score (lift.ratio);
      if (score == 0)
        continue;

      /* Insert into the short list kept sorted by descending score; earlier features win
       * ties. */
      pos = p->n_top_features;
      while (pos > 0 && lift_score (p->top_features[pos - 1].ratio) < score)
        pos--;
      if (pos >= G_N_ELEMENTS (p->top_features))
        continue;
      if (p->n_top_features < G_N_ELEMENTS (p->top_features))
        p->n_top_features++;
      memmove (&p->top_features[pos + 1], &p->top_features[pos],
               (p->n_top_features - 1 - pos) * sizeof (ScFeatureLift));
      p->top_features[pos] = lift;
    }
}

static gboolean
category_before (const ScCategoryLift *a,
                 const ScCategoryLift *b)
{
  if (a->lift != b->lift)
    return a->lift > b->lift;
  if (a->count != b->count)
    return a->count > b->count;
  if (a->attribute != b->attribute)
    return a->attribute < b->attribute;
  return a->level < b->level;
}

static void
add_category (ScSegmentProfile     *p,
              const ScCategoryLift *c)
{
  guint pos = p->n_top_categories;

  while (pos > 0 && category_before (c, &p->top_categories[pos - 1]))
    pos--;
  if (pos >= G_N_ELEMENTS (p->top_categories))
    return;
  if (p->n_top_categories < G_N_ELEMENTS (p->top_categories))
    p->n_top_categories++;
  memmove (&p->top_categories[pos + 1], &p->top_categories[pos],
           (p->n_top_categories - 1 - pos) * sizeof (ScCategoryLift));
  p->top_categories[pos] = *c;
}

static void
compute_categories (const ScAttribute *attr,
                    guint              attr_index,
                    const guint32     *labels,
                    gsize              n,
                    guint              k,
                    ScSegmentProfile  *p)
{
  guint L = attr->n_levels;
  g_autofree guint32 *cnt = g_new0 (guint32, (gsize) k * L);
  g_autofree guint32 *tot = g_new0 (guint32, L);
  g_autofree gsize *known = g_new0 (gsize, k);
  gsize known_all = 0;

  for (gsize i = 0; i < n; i++)
    {
      gint32 code = attr->codes[i];

      if (code < 0 || (guint) code >= L || labels[i] >= k)
        continue;
      cnt[(gsize) labels[i] * L + (guint) code]++;
      tot[code]++;
      known[labels[i]]++;
      known_all++;
    }

  for (guint s = 0; s < k; s++)
    {
      for (guint l = 0; l < L; l++)
        {
          ScCategoryLift c;
          gsize count = cnt[(gsize) s * L + l];

          if (count < SC_PROFILE_MIN_CATEGORY_COUNT
              || count < SC_PROFILE_MIN_CATEGORY_SHARE * p[s].size)
            continue;

          c.attribute = attr_index;
          c.level = l;
          c.count = count;
          c.segment_share = (double) count / known[s];
          c.all_share = (double) tot[l] / known_all;
          c.lift = c.segment_share / c.all_share;
          if (c.lift > 1)
            add_category (&p[s], &c);
        }
    }
}

static int
classify (double median,
          double q1,
          double q2)
{
  if (median <= q1 && median < q2)
    return 0;
  if (median >= q2 && median > q1)
    return 2;
  return 1;
}

static char *
base_name (const ScSegmentProfile *p,
           const double           *tertiles)
{
  double r = p->median[SC_FEATURE_RECENCY];
  double f = p->median[SC_FEATURE_FREQUENCY];
  double m = p->median[SC_FEATURE_MONETARY];
  int rl, fl, ml;

  if (p->size == 0)
    return g_strdup (_("Empty segment"));
  if (isnan (f) || f < 1 || isnan (r))
    return g_strdup (_("Customers without purchases"));

  rl = classify (r, tertiles[0], tertiles[1]);
  ml = classify (m, tertiles[4], tertiles[5]);
  if (f <= 1)
    fl = ONE_TIME;
  else if (f >= 3 && f >= tertiles[3] && f > tertiles[2])
    fl = FREQUENT;
  else
    fl = OCCASIONAL;

  /* Repeat buyers are recent or lapsed by their own rhythm, not the population's: where
   * most customers bought once long ago, 200 days is "recent" by tertiles, yet for someone
   * who ordered every month it means they stopped. The rhythm is the median span from first
   * to last order over the orders between; within two gaps is recent, past four lapsed. */
  if (f > 1 && isfinite (p->median[SC_FEATURE_TENURE]))
    {
      double span = MAX (p->median[SC_FEATURE_TENURE] - r, 0.0);
      double gap = MAX (span / (f - 1), 7.0);

      rl = r <= 2 * gap ? RECENT : (r >= 4 * gap ? LAPSED : RECENCY_MID);
    }

  return g_strdup (_(segment_names[rl][fl][ml]));
}

static double
spread_value (double median)
{
  return isnan (median) ? NAN : log1p (MAX (median, 0));
}

/* Tells apart the segments in @group (indices into @p, all with the same name). */
static void
distinguish_group (ScSegmentProfile *p,
                   const guint      *group,
                   guint             m)
{
  int best = -1;
  double best_spread = 0;

  if (m <= 3)
    {
      for (guint d = 0; d < G_N_ELEMENTS (distinguishers); d++)
        {
          ScFeature feat = distinguishers[d].feature;
          double lo = INFINITY, hi = -INFINITY, min_gap = INFINITY;
          gboolean usable = TRUE;

          for (guint i = 0; i < m && usable; i++)
            {
              double v = spread_value (p[group[i]].median[feat]);

              if (isnan (v))
                usable = FALSE;
              lo = MIN (lo, v);
              hi = MAX (hi, v);
              for (guint j = 0; j < i; j++)
                min_gap = MIN (min_gap, fabs (v - spread_value (p[group[j]].median[feat])));
            }

          /* Members must differ pairwise, or two of them would get the same word. */
          if (usable && min_gap > 0 && hi - lo > best_spread)
            {
              best_spread = hi - lo;
              best = (int) d;
            }
        }
    }

  for (guint i = 0; i < m; i++)
    {
      ScSegmentProfile *seg = &p[group[i]];
      char *name;

      if (best >= 0)
        {
          ScFeature feat = distinguishers[best].feature;
          const char *word;
          guint rank = 0;

          for (guint j = 0; j < m; j++)
            rank += p[group[j]].median[feat] < seg->median[feat];

          word = m == 2 ? distinguishers[best].two[rank] : distinguishers[best].three[rank];
          /* TRANSLATORS: a segment name and what sets it apart from a segment with the
           * same name, for example "Loyal regulars (higher spend)" */
          name = g_strdup_printf (C_("segment name", "%s (%s)"), seg->suggested_name, _(word));
        }
      else
        {
          /* TRANSLATORS: a segment name and a number telling same-named segments apart */
          name = g_strdup_printf (C_("segment name", "%s %u"), seg->suggested_name, i + 1);
        }

      g_free (seg->suggested_name);
      seg->suggested_name = name;
    }
}

static gboolean
names_unique (const ScSegmentProfile *p,
              guint                   k)
{
  for (guint s = 0; s < k; s++)
    for (guint t = 0; t < s; t++)
      if (g_strcmp0 (p[s].suggested_name, p[t].suggested_name) == 0)
        return FALSE;

  return TRUE;
}

static void
suggest_names (ScSegmentProfile *p,
               guint             k,
               const double     *tertiles)
{
  g_autofree guint *group = g_new (guint, k);
  g_autofree gboolean *done = g_new0 (gboolean, k);

  for (guint s = 0; s < k; s++)
    p[s].suggested_name = base_name (&p[s], tertiles);

  for (guint s = 0; s < k; s++)
    {
      guint m = 0;

      if (done[s])
        continue;

      for (guint t = s; t < k; t++)
        {
          if (!done[t] && strcmp (p[s].suggested_name, p[t].suggested_name) == 0)
            {
              group[m++] = t;
              done[t] = TRUE;
            }
        }

      if (m > 1)
        distinguish_group (p, group, m);
    }

  /* A distinguished name cannot normally meet another table name, but numbering is the
   * guarantee. */
  if (!names_unique (p, k))
    {
      for (guint s = 0; s < k; s++)
        {
          char *name = g_strdup_printf (C_("segment name", "%s %u"), p[s].suggested_name, s + 1);

          g_free (p[s].suggested_name);
          p[s].suggested_name = name;
        }
    }
}

/**
 * sc_profile_compute:
 * @f: features of all customers
 * @labels: (array): segment index per customer (the outlier segment is one more label);
 *   a label >= @k (such as %SC_LABEL_NONE) puts a customer in no segment, for example one
 *   without orders: such customers are left out of every figure, the all-customer
 *   averages, tertiles and shares included
 * @k: number of segments
 * @attrs: (array length=n_attrs) (nullable): customer attributes; categorical ones give
 *   @top_categories, numeric ones are not profiled
 * @n_attrs: number of attributes
 * @cancellable: (nullable): a #GCancellable
 *
 * Profiles every segment: size, revenue, means and exact medians of each present feature,
 * the features and category levels that set it apart, and a suggested name.  Time is
 * linear in the number of customers (per feature and per attribute).
 *
 * Returns: (transfer full) (array length=k) (nullable): @k profiles, free with
 *   sc_profile_free(); %NULL if cancelled
 */
ScSegmentProfile *
sc_profile_compute (const ScFeatures  *f,
                    const guint32     *labels,
                    guint              k,
                    const ScAttribute *attrs,
                    guint              n_attrs,
                    GCancellable      *cancellable)
{
  static const double tertile_probs[2] = { 1.0 / 3.0, 2.0 / 3.0 };
  static const ScFeature naming[3] = {
    SC_FEATURE_RECENCY, SC_FEATURE_FREQUENCY, SC_FEATURE_MONETARY
  };
  ScSegmentProfile *p;
  g_autofree gsize *start = NULL;
  g_autofree guint32 *order = NULL;
  g_autofree double *scratch = NULL;
  g_autofree double *revenue = NULL;
  double all_mean[SC_N_FEATURES];
  double tertiles[6];
  double positive_revenue = 0;
  gsize n;

  g_return_val_if_fail (f != NULL, NULL);
  g_return_val_if_fail (labels != NULL || f->n == 0, NULL);
  g_return_val_if_fail (k > 0, NULL);
  g_return_val_if_fail (attrs != NULL || n_attrs == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  start = g_new0 (gsize, (gsize) k + 1);
  for (gsize i = 0; i < f->n; i++)
    if (labels[i] < k)
      start[labels[i] + 1]++;
  for (guint s = 0; s < k; s++)
    start[s + 1] += start[s];

  /* Counting sort: segment s owns order[start[s] .. start[s + 1]), in customer order;
   * customers in no segment are left out, so from here on n counts assigned customers. */
  n = start[k];
  order = g_new (guint32, MAX (n, 1));
  {
    g_autofree gsize *next = g_memdup2 (start, (gsize) k * sizeof (gsize));

    for (gsize i = 0; i < f->n; i++)
      {
        if ((i & CANCEL_CHECK_MASK) == 0 && g_cancellable_is_cancelled (cancellable))
          return NULL;
        if (labels[i] < k)
          order[next[labels[i]]++] = (guint32) i;
      }
  }

  p = g_new0 (ScSegmentProfile, k);
  for (guint s = 0; s < k; s++)
    {
      p[s].size = start[s + 1] - start[s];
      p[s].share = n > 0 ? (double) p[s].size / n : 0;
    }

  scratch = g_new (double, MAX (n, 1));
  revenue = g_new0 (double, k);
  for (guint j = 0; j < SC_N_FEATURES; j++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          sc_profile_free (p, k);
          return NULL;
        }

      if (f->values[j] == NULL)
        {
          all_mean[j] = NAN;
          for (guint s = 0; s < k; s++)
            p[s].mean[j] = p[s].median[j] = NAN;
          continue;
        }

      compute_feature (f->values[j], order, start, k, n, scratch, p, (ScFeature) j,
                       &all_mean[j], j == SC_FEATURE_MONETARY ? revenue : NULL);

      /* The per-segment selections left the slices compacted, not a permutation of the
       * assigned customers' values, so the tertiles need a fresh gather. */
      for (guint q = 0; q < G_N_ELEMENTS (naming); q++)
        {
          if (naming[q] == j)
            {
              for (gsize i = 0; i < n; i++)
                scratch[i] = f->values[j][order[i]];
              sc_quantiles (scratch, n, tertile_probs, 2, &tertiles[2 * q]);
            }
        }
    }

  for (guint q = 0; q < G_N_ELEMENTS (naming); q++)
    if (f->values[naming[q]] == NULL)
      tertiles[2 * q] = tertiles[2 * q + 1] = NAN;

  for (guint s = 0; s < k; s++)
    {
      p[s].revenue = revenue[s];
      positive_revenue += MAX (revenue[s], 0);
      compute_top_features (&p[s], all_mean);
    }
  for (guint s = 0; s < k; s++)
    p[s].revenue_share = positive_revenue > 0 ? MAX (p[s].revenue, 0) / positive_revenue : 0;

  for (guint a = 0; a < n_attrs; a++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          sc_profile_free (p, k);
          return NULL;
        }

      if (attrs[a].categorical && attrs[a].codes != NULL && attrs[a].n_levels > 0)
        compute_categories (&attrs[a], a, labels, f->n, k, p);
    }

  suggest_names (p, k, tertiles);

  return p;
}

/**
 * sc_profile_free:
 * @p: (nullable) (array length=k): profiles from sc_profile_compute()
 * @k: number of profiles
 */
void
sc_profile_free (ScSegmentProfile *p,
                 guint             k)
{
  if (p == NULL)
    return;

  for (guint s = 0; s < k; s++)
    g_free (p[s].suggested_name);
  g_free (p);
}

/* Returns: (transfer full) (nullable): the phrase for one distinguishing feature; %NULL for
 * a ratio that cannot be put as "n× more or less" (a segment mean of 0 or below). */
static char *
describe_feature (const ScFeatureLift *lift)
{
  gboolean more = lift->ratio >= 1;
  double times = more ? lift->ratio : 1.0 / lift->ratio;
  char *part = NULL;

  if (!(lift->ratio > 0) && lift->feature != SC_FEATURE_RECENCY
      && lift->feature != SC_FEATURE_TENURE && lift->feature != SC_FEATURE_P_ALIVE)
    return NULL;

  /* "1.0× more than average" says nothing. */
  if (lift->ratio > 0 && lift_score (lift->ratio) < log (DESCRIBE_MIN_LIFT))
    return NULL;

  switch (lift->feature)
    {
    case SC_FEATURE_RECENCY:
      {
        gulong days = (gulong) MAX (round (lift->segment_mean), 0);

        part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "last order %lu day ago on average",
                                             "last order %lu days ago on average",
                                             days), days);
      }
      break;

    case SC_FEATURE_FREQUENCY:
      if (more)
        part = g_strdup_printf (_("bought %.1f× more often than average"), times);
      else
        part = g_strdup_printf (_("bought %.1f× less often than average"), times);
      break;

    case SC_FEATURE_MONETARY:
      if (more)
        part = g_strdup_printf (_("spent %.1f× more than average"), times);
      else
        part = g_strdup_printf (_("spent %.1f× less than average"), times);
      break;

    case SC_FEATURE_AOV:
      if (more)
        part = g_strdup_printf (_("orders %.1f× larger than average"), times);
      else
        part = g_strdup_printf (_("orders %.1f× smaller than average"), times);
      break;

    case SC_FEATURE_TENURE:
      {
        gulong days = (gulong) MAX (round (lift->segment_mean), 0);

        part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "customers for %lu day on average",
                                             "customers for %lu days on average",
                                             days), days);
      }
      break;

    case SC_FEATURE_CLV:
      if (more)
        part = g_strdup_printf (_("expected future value %.1f× the average"), times);
      else
        part = g_strdup_printf (_("expected future value %.1f× below the average"), times);
      break;

    case SC_FEATURE_P_ALIVE:
      part = g_strdup_printf (_("%.0f%% likely to still be active"), 100 * lift->segment_mean);
      break;

    case SC_N_FEATURES:
    default:
      g_assert_not_reached ();
    }

  return part;
}

/**
 * sc_profile_describe:
 * @p: a profile
 * @attrs: (nullable) (array): the attributes the profile was computed with; needed to name
 *   category levels
 *
 * One translated sentence for people, from the distinguishing features and the top
 * category, each mentioned only when it differs from the average by 10 % or more, for
 * example "Bought 4.2× more often than average; last order 21 days ago on
 * average; mostly Retail (2.1×)".
 *
 * Returns: (transfer full): the sentence
 */
char *
sc_profile_describe (const ScSegmentProfile *p,
                     const ScAttribute      *attrs)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  gunichar first;
  char buf[8];
  int len;

  g_return_val_if_fail (p != NULL, NULL);

  if (p->size == 0)
    return g_strdup (_("No customers"));

  for (guint i = 0; i < p->n_top_features; i++)
    {
      char *part = describe_feature (&p->top_features[i]);

      if (part != NULL)
        g_ptr_array_add (parts, part);
    }

  if (p->n_top_categories > 0 && attrs != NULL)
    {
      const ScCategoryLift *c = &p->top_categories[0];
      const ScAttribute *attr = &attrs[c->attribute];

      if (c->lift >= DESCRIBE_MIN_LIFT && attr->levels != NULL && c->level < attr->n_levels)
        {
          if (c->segment_share >= 0.5)
            g_ptr_array_add (parts, g_strdup_printf (_("mostly %s (%.1f×)"),
                                                     attr->levels[c->level], c->lift));
          else
            g_ptr_array_add (parts, g_strdup_printf (_("often %s (%.1f×)"),
                                                     attr->levels[c->level], c->lift));
        }
    }

  if (parts->len == 0)
    return g_strdup (_("Much like the average customer"));

  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: separates the parts of a segment description */
  joined = g_strjoinv (_("; "), (char **) parts->pdata);

  /* Capitalise the first letter only; the parts are written to follow a separator. */
  first = g_utf8_get_char (joined);
  len = g_unichar_to_utf8 (g_unichar_totitle (first), buf);
  if ((gsize) len == (gsize) (g_utf8_next_char (joined) - joined))
    memcpy (joined, buf, len);

  return g_steal_pointer (&joined);
}
