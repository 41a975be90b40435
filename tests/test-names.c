/* test-names.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Names that never contradict the numbers.  Every suggested segment name and every "what
 * distinguishes it" line is read back into claims with this file's own vocabulary, and each
 * claim is checked against figures recomputed here from the customers' features: medians
 * and means by sorting, the tertiles of all customers, the ordering rhythm, revenue per
 * order.  The claims the namer says it made (ScSegmentNaming) must be the ones read from the
 * text.  The property test runs over hundreds of generated datasets (seeded: planted lapsed
 * segments, heavy tails, near-ties, tiny segments, returns, a group set apart); the
 * end-to-end test over projects imported from generated transactions and segmented by the
 * core, checking the stored names, lines and figures. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sc-profile.h"
#include "sc-run.h"
#include "sc-value.h"
#include "test-project-utils.h"
#include "test-utils.h"

#define N_DATASETS 300

/* ------------------------------------------------------------------------------------------ */
/* Figures, recomputed                                                                        */

typedef struct
{
  gsize  size;
  gsize  buyers;
  double med[SC_N_FEATURES];
  double mean[SC_N_FEATURES];
  double orders, revenue;   /* sums */
  double rhythm;
} Figures;

typedef struct
{
  const ScFeatures *f;
  const guint32    *labels;
  guint             k;
  Figures          *seg;
  double            all_mean[SC_N_FEATURES];
  double            orders_q[2], spend_q[2];
  double            all_revenue, all_orders;
} World;

static double
quantile_sorted (const double *x,
                 gsize         m,
                 double        p)
{
  double h, lo;

  if (m == 0)
    return NAN;
  h = (m - 1) * p;
  lo = floor (h);
  if ((gsize) lo + 1 >= m)
    return x[m - 1];
  return x[(gsize) lo] + (h - lo) * (x[(gsize) lo + 1] - x[(gsize) lo]);
}

/* Sorts v (NANs dropped) and returns how many values are left. */
static gsize
sort_values (double *v,
             gsize   m)
{
  gsize j = 0;

  for (gsize i = 0; i < m; i++)
    if (!isnan (v[i]))
      v[j++] = v[i];
  qsort (v, j, sizeof (double), test_compare_double);
  return j;
}

static double
customer_gap (const ScFeatures *f,
              gsize             c)
{
  double orders = f->values[SC_FEATURE_FREQUENCY][c];
  double span = f->values[SC_FEATURE_TENURE][c] - f->values[SC_FEATURE_RECENCY][c];

  return orders >= 2 && isfinite (span) ? MAX (span, 0) / (orders - 1) : NAN;
}

static void
world_init (World            *w,
            const ScFeatures *f,
            const guint32    *labels,
            guint             k)
{
  static const ScFeature used[] = {
    SC_FEATURE_RECENCY, SC_FEATURE_FREQUENCY, SC_FEATURE_MONETARY, SC_FEATURE_TENURE
  };
  g_autofree double *v = g_new (double, MAX (f->n, 1));
  double all_rhythm;
  gsize m;

  memset (w, 0, sizeof *w);
  w->f = f;
  w->labels = labels;
  w->k = k;
  w->seg = g_new0 (Figures, k);

  for (guint u = 0; u < G_N_ELEMENTS (used); u++)
    {
      ScFeature j = used[u];
      double sum = 0;
      gsize cnt = 0;

      for (gsize i = 0; i < f->n; i++)
        if (labels[i] < k && !isnan (f->values[j][i]))
          {
            sum += f->values[j][i];
            cnt++;
          }
      w->all_mean[j] = cnt > 0 ? sum / cnt : NAN;

      for (guint s = 0; s < k; s++)
        {
          sum = 0;
          m = 0;
          for (gsize i = 0; i < f->n; i++)
            if (labels[i] == s)
              v[m++] = f->values[j][i];
          m = sort_values (v, m);
          for (gsize i = 0; i < m; i++)
            sum += v[i];
          w->seg[s].med[j] = quantile_sorted (v, m, 0.5);
          w->seg[s].mean[j] = m > 0 ? sum / m : NAN;
        }

      if (j == SC_FEATURE_FREQUENCY || j == SC_FEATURE_MONETARY)
        {
          m = 0;
          for (gsize i = 0; i < f->n; i++)
            if (labels[i] < k)
              v[m++] = f->values[j][i];
          m = sort_values (v, m);
          (j == SC_FEATURE_FREQUENCY ? w->orders_q : w->spend_q)[0] = quantile_sorted (v, m, 1.0 / 3);
          (j == SC_FEATURE_FREQUENCY ? w->orders_q : w->spend_q)[1] = quantile_sorted (v, m, 2.0 / 3);
        }
    }

  for (gsize i = 0; i < f->n; i++)
    {
      Figures *fig;

      if (labels[i] >= k)
        continue;
      fig = &w->seg[labels[i]];
      fig->size++;
      fig->buyers += f->values[SC_FEATURE_FREQUENCY][i] >= 1;
      fig->orders += f->values[SC_FEATURE_FREQUENCY][i];
      fig->revenue += f->values[SC_FEATURE_MONETARY][i];
      w->all_orders += f->values[SC_FEATURE_FREQUENCY][i];
      w->all_revenue += f->values[SC_FEATURE_MONETARY][i];
    }

  m = 0;
  for (gsize i = 0; i < f->n; i++)
    if (labels[i] < k)
      v[m++] = customer_gap (f, i);
  m = sort_values (v, m);
  all_rhythm = m >= SC_PROFILE_MIN_RHYTHM_BUYERS ? quantile_sorted (v, m, 0.5)
                                                  : SC_PROFILE_DEFAULT_GAP_DAYS;
  for (guint s = 0; s < k; s++)
    {
      m = 0;
      for (gsize i = 0; i < f->n; i++)
        if (labels[i] == s)
          v[m++] = customer_gap (f, i);
      m = sort_values (v, m);
      w->seg[s].rhythm = MAX (m >= SC_PROFILE_MIN_RHYTHM_BUYERS ? quantile_sorted (v, m, 0.5)
                                                                 : all_rhythm,
                              SC_PROFILE_MIN_GAP_DAYS);
    }
}

static void
world_clear (World *w)
{
  g_clear_pointer (&w->seg, g_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Claims, read from the text                                                                 */

typedef struct
{
  char       *base;
  const char *qualifier;    /* the word in brackets, or NULL */
  gboolean    numbered;
  ScActivity  activity;
  int         orders;       /* an ScLevel, or -1: no claim */
  int         spend;        /* the same */
  gboolean    known;        /* a name of the vocabulary below */
} NameClaims;

static gboolean
has (const char *s,
     const char *word)
{
  return strstr (s, word) != NULL;
}

static NameClaims
read_name (const char *name)
{
  NameClaims c = { NULL, NULL, FALSE, SC_ACTIVITY_NONE, -1, -1, TRUE };
  const char *open = strrchr (name, '(');
  gsize len = strlen (name);

  if (len > 0 && name[len - 1] == ')' && open != NULL && open > name + 1)
    {
      static char word[64];

      c.base = g_strndup (name, open - 1 - name);
      g_strlcpy (word, open + 1, MIN (sizeof word, (gsize) (name + len - open - 1)));
      c.qualifier = g_intern_string (word);
    }
  else
    {
      const char *end = name + len;

      while (end > name && g_ascii_isdigit (end[-1]))
        end--;
      if (end < name + len && end > name && end[-1] == ' ')
        {
          c.base = g_strndup (name, end - 1 - name);
          c.numbered = TRUE;
        }
      else
        c.base = g_strdup (name);
    }

  if (g_str_equal (c.base, "Empty segment") || g_str_equal (c.base, "Customers without purchases"))
    return c;

  if (g_str_has_prefix (c.base, "At-risk "))
    c.activity = SC_ACTIVITY_AT_RISK;
  else if (g_str_has_prefix (c.base, "Lapsed "))
    c.activity = SC_ACTIVITY_LAPSED;
  else if (g_str_has_prefix (c.base, "Lost "))
    c.activity = SC_ACTIVITY_LOST;
  else if (g_str_has_prefix (c.base, "Recent ") || g_str_has_prefix (c.base, "Active ")
           || g_str_has_prefix (c.base, "Loyal ") || g_str_has_suffix (c.base, " newcomers"))
    c.activity = SC_ACTIVITY_ACTIVE;
  else
    c.known = FALSE;

  if (has (c.base, "one-time") || has (c.base, "first-time") || has (c.base, "newcomers"))
    c.orders = SC_LEVEL_LOW;
  else if (has (c.base, "regulars") || has (c.base, "Loyal") || has (c.base, "frequent"))
    c.orders = SC_LEVEL_HIGH;
  else if (has (c.base, "repeat") || has (c.base, "occasional"))
    c.orders = SC_LEVEL_MID;

  if (has (c.base, "low spenders") || has (c.base, "Low-spending"))
    c.spend = SC_LEVEL_LOW;
  else if (has (c.base, "big spenders") || has (c.base, "high spenders")
           || has (c.base, "ig-spending"))
    c.spend = SC_LEVEL_HIGH;

  return c;
}

/* The qualifier words: feature and rank among 2 or 3 (rank by ascending median). */
static const struct
{
  const char *word;
  ScFeature   feature;
  guint       group;
  guint       rank;
} qualifiers[] = {
  { "lower spend", SC_FEATURE_MONETARY, 2, 0 },
  { "higher spend", SC_FEATURE_MONETARY, 2, 1 },
  { "lowest spend", SC_FEATURE_MONETARY, 3, 0 },
  { "middle spend", SC_FEATURE_MONETARY, 3, 1 },
  { "highest spend", SC_FEATURE_MONETARY, 3, 2 },
  { "fewer orders", SC_FEATURE_FREQUENCY, 2, 0 },
  { "more orders", SC_FEATURE_FREQUENCY, 2, 1 },
  { "fewest orders", SC_FEATURE_FREQUENCY, 3, 0 },
  { "middle orders", SC_FEATURE_FREQUENCY, 3, 1 },
  { "most orders", SC_FEATURE_FREQUENCY, 3, 2 },
  { "more recent", SC_FEATURE_RECENCY, 2, 0 },
  { "less recent", SC_FEATURE_RECENCY, 2, 1 },
  { "most recent", SC_FEATURE_RECENCY, 3, 0 },
  { "middle recency", SC_FEATURE_RECENCY, 3, 1 },
  { "least recent", SC_FEATURE_RECENCY, 3, 2 },
  { "newer", SC_FEATURE_TENURE, 2, 0 },
  { "longer-standing", SC_FEATURE_TENURE, 2, 1 },
  { "newest", SC_FEATURE_TENURE, 3, 0 },
  { "middle tenure", SC_FEATURE_TENURE, 3, 1 },
  { "longest-standing", SC_FEATURE_TENURE, 3, 2 },
};

/* ------------------------------------------------------------------------------------------ */
/* The checker                                                                                */

typedef struct
{
  guint    checked_names, checked_parts, contradictions;
  GString *log;
} Tally;

static void G_GNUC_PRINTF (3, 4)
contradiction (Tally      *t,
               const char *name,
               const char *fmt,
               ...)
{
  va_list ap;

  t->contradictions++;
  if (t->contradictions > 20)
    return;
  g_string_append_printf (t->log, "  “%s”: ", name);
  va_start (ap, fmt);
  g_string_append_vprintf (t->log, fmt, ap);
  va_end (ap);
  g_string_append_c (t->log, '\n');
}

static gboolean
activity_holds (ScActivity a,
                double     r,
                double     g)
{
  gboolean lost = r > SC_PROFILE_LOST_DAYS;
  gboolean past_risk = r > SC_PROFILE_LAPSED_GAPS * g || r > SC_PROFILE_LAPSED_DAYS;
  gboolean past_active = r > SC_PROFILE_AT_RISK_GAPS * g || r > SC_PROFILE_AT_RISK_DAYS;

  switch (a)
    {
    case SC_ACTIVITY_ACTIVE: return !past_active;
    case SC_ACTIVITY_AT_RISK: return past_active && !past_risk;
    case SC_ACTIVITY_LAPSED: return past_risk && !lost;
    case SC_ACTIVITY_LOST: return lost;
    case SC_ACTIVITY_NONE:
    default: return FALSE;
    }
}

/* "X.Y×" printed for the ratio r (or its inverse when less than one), in direction more. */
static gboolean
times_holds (double   printed,
             gboolean more,
             double   ratio)
{
  if (!(ratio > 0))
    return FALSE;
  if (more != (ratio >= 1))
    return FALSE;
  if (!more)
    ratio = 1 / ratio;
  return fabs (printed - ratio) <= 0.05 + 1e-9 && ratio >= 1.1 - 1e-9;
}

/* "X× more (or less) than average" for a feature whose level the name may claim: true of
 * the means, and not against the name. */
static void
check_mean_part (Tally       *t,
                 const World *w,
                 guint        s,
                 const char  *name,
                 const char  *part,
                 double       printed,
                 gboolean     more,
                 ScFeature    feature,
                 int          level)
{
  double ratio = w->seg[s].mean[feature] / w->all_mean[feature];

  if (!times_holds (printed, more, ratio))
    contradiction (t, name, "“%s” but the mean is %.3f× that of all customers", part, ratio);
  if ((more && level == SC_LEVEL_LOW) || (!more && level == SC_LEVEL_HIGH))
    contradiction (t, name, "“%s” contradicts the name", part);
}

static void
check_line (Tally            *t,
            const World      *w,
            guint             s,
            const NameClaims *nc,
            const char       *name,
            const char       *line)
{
  const Figures *fig = &w->seg[s];
  g_auto(GStrv) parts = NULL;

  if (fig->size == 0)
    {
      if (g_strcmp0 (line, "No customers") != 0)
        contradiction (t, name, "an empty segment described as “%s”", line);
      return;
    }
  if (g_str_equal (line, "Much like the average customer"))
    return;

  parts = g_strsplit (line, "; ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *p = parts[i];
      char dir[16] = "";
      double x;
      unsigned long n;

      p[0] = g_ascii_tolower (p[0]);
      t->checked_parts++;

      if (sscanf (p, "last order %lu day", &n) == 1)
        {
          if (fabs ((double) n - fig->mean[SC_FEATURE_RECENCY]) > 0.5 + 1e-9)
            contradiction (t, name, "“%s” but the mean recency is %.2f", p,
                           fig->mean[SC_FEATURE_RECENCY]);
        }
      else if (sscanf (p, "customers for %lu day", &n) == 1)
        {
          if (fabs ((double) n - fig->mean[SC_FEATURE_TENURE]) > 0.5 + 1e-9)
            contradiction (t, name, "“%s” but the mean tenure is %.2f", p,
                           fig->mean[SC_FEATURE_TENURE]);
        }
      else if (sscanf (p, "bought %lf× %15s often than average", &x, dir) == 2)
        check_mean_part (t, w, s, name, p, x, g_str_equal (dir, "more"), SC_FEATURE_FREQUENCY,
                         nc->orders);
      else if (sscanf (p, "spent %lf× %15s than average", &x, dir) == 2)
        check_mean_part (t, w, s, name, p, x, g_str_equal (dir, "more"), SC_FEATURE_MONETARY,
                         nc->spend);
      else if (sscanf (p, "orders %lf× %15s than the average order", &x, dir) == 2)
        {
          gboolean more = g_str_equal (dir, "larger");
          double mine = fig->revenue / fig->orders;
          double rest_orders = w->all_orders - fig->orders;
          double ratio = mine / (w->all_revenue / w->all_orders);

          if (!times_holds (x, more, ratio))
            contradiction (t, name, "“%s” but revenue per order is %.3f× that of all orders",
                           p, ratio);
          /* Against all orders or against the other segments' orders, the same direction. */
          if (rest_orders > 0 && (w->all_revenue - fig->revenue) / rest_orders > 0
              && (mine >= (w->all_revenue - fig->revenue) / rest_orders) != more)
            contradiction (t, name, "“%s” but the other segments' orders are %s", p,
                           more ? "larger" : "smaller");
        }
      else
        contradiction (t, name, "a claim this test cannot read: “%s”", p);
    }
}

/* Checks segment s of w: names[s] (unless apart[s]), lines[s], and, when naming is given,
 * that the claims the namer recorded are those of the text. */
static void
check_segment (Tally                  *t,
               const World            *w,
               guint                   s,
               const gboolean         *apart,
               const char * const     *names,
               const char * const     *lines,
               const ScSegmentNaming  *naming)
{
  const Figures *fig = &w->seg[s];
  const char *name = names[s];
  NameClaims nc = read_name (name);

  if (apart[s])
    {
      /* Named by the caller; only its line speaks for the namer. */
      NameClaims none = { NULL, NULL, FALSE, SC_ACTIVITY_NONE, -1, -1, TRUE };

      if (nc.qualifier != NULL && naming != NULL && naming->qualifier != SC_N_FEATURES)
        contradiction (t, name, "a segment set apart took part in telling names apart");
      check_line (t, w, s, naming != NULL ? &nc : &none, name, lines[s]);
      g_free (nc.base);
      return;
    }

  t->checked_names++;
  if (!nc.known)
    contradiction (t, name, "a name outside the vocabulary");

  if (g_str_equal (nc.base, "Empty segment"))
    {
      if (fig->size != 0)
        contradiction (t, name, "%zu customers", fig->size);
    }
  else if (g_str_equal (nc.base, "Customers without purchases"))
    {
      if (fig->med[SC_FEATURE_FREQUENCY] >= 1 && !isnan (fig->med[SC_FEATURE_RECENCY]))
        contradiction (t, name, "the median customer has %.1f orders",
                       fig->med[SC_FEATURE_FREQUENCY]);
    }
  else
    {
      double r = fig->med[SC_FEATURE_RECENCY];
      double fm = fig->med[SC_FEATURE_FREQUENCY];
      double mm = fig->med[SC_FEATURE_MONETARY];

      if (!activity_holds (nc.activity, r, fig->rhythm))
        contradiction (t, name, "activity %d with a median %.1f days since the last order and "
                       "%.1f days between orders", nc.activity, r, fig->rhythm);

      if (nc.orders == SC_LEVEL_LOW && !(fm <= 1))
        contradiction (t, name, "one-time but a median of %.1f orders", fm);
      if (nc.orders == SC_LEVEL_MID
          && (!(fm > 1) || (fm >= SC_PROFILE_FREQUENT_ORDERS && fm >= w->orders_q[1]
                            && fig->mean[SC_FEATURE_FREQUENCY] >= w->all_mean[SC_FEATURE_FREQUENCY])))
        contradiction (t, name, "occasional but a median of %.1f orders (upper tertile %.1f)",
                       fm, w->orders_q[1]);
      if (nc.orders == SC_LEVEL_HIGH
          && !(fm >= SC_PROFILE_FREQUENT_ORDERS && fm >= w->orders_q[1]
               && fig->mean[SC_FEATURE_FREQUENCY] >= w->all_mean[SC_FEATURE_FREQUENCY]))
        contradiction (t, name, "frequent but a median of %.1f orders (upper tertile %.1f, "
                       "mean %.2f of %.2f)", fm, w->orders_q[1],
                       fig->mean[SC_FEATURE_FREQUENCY], w->all_mean[SC_FEATURE_FREQUENCY]);

      if (nc.spend == SC_LEVEL_LOW
          && !(mm <= w->spend_q[0] && mm < w->spend_q[1]
               && fig->mean[SC_FEATURE_MONETARY] <= w->all_mean[SC_FEATURE_MONETARY]))
        contradiction (t, name, "low spend but median %.2f (tertiles %.2f, %.2f), mean %.2f of "
                       "%.2f", mm, w->spend_q[0], w->spend_q[1],
                       fig->mean[SC_FEATURE_MONETARY], w->all_mean[SC_FEATURE_MONETARY]);
      if (nc.spend == SC_LEVEL_HIGH
          && !(mm >= w->spend_q[1] && mm > w->spend_q[0]
               && fig->mean[SC_FEATURE_MONETARY] >= w->all_mean[SC_FEATURE_MONETARY]))
        contradiction (t, name, "high spend but median %.2f (tertiles %.2f, %.2f), mean %.2f "
                       "of %.2f", mm, w->spend_q[0], w->spend_q[1],
                       fig->mean[SC_FEATURE_MONETARY], w->all_mean[SC_FEATURE_MONETARY]);
    }

  /* A qualifier only where another visible segment has the same base name, and true of
   * the medians and means of all of them. */
  {
    guint group[16], m = 0, rank = 0, rank_mean = 0;

    for (guint u = 0; u < w->k && m < G_N_ELEMENTS (group); u++)
      {
        NameClaims other;

        if (apart[u])
          continue;
        other = read_name (names[u]);
        if (g_str_equal (other.base, nc.base))
          group[m++] = u;
        if (u != s && g_str_equal (names[u], name))
          contradiction (t, name, "two visible segments share it");
        g_free (other.base);
      }

    if (m == 1 && (nc.qualifier != NULL || nc.numbered))
      contradiction (t, name, "told apart from no other visible segment");
    if (m > 1 && nc.qualifier == NULL && !nc.numbered)
      contradiction (t, name, "shared by %u visible segments", m);
    if (nc.qualifier != NULL)
      {
        guint q;

        for (q = 0; q < G_N_ELEMENTS (qualifiers); q++)
          if (g_str_equal (qualifiers[q].word, nc.qualifier))
            break;
        if (q == G_N_ELEMENTS (qualifiers) || qualifiers[q].group != m)
          contradiction (t, name, "qualifier “%s” among %u", nc.qualifier, m);
        else
          {
            ScFeature feat = qualifiers[q].feature;

            for (guint i = 0; i < m; i++)
              {
                const Figures *o = &w->seg[group[i]];

                if (group[i] == s)
                  continue;
                if (o->med[feat] == fig->med[feat] || o->mean[feat] == fig->mean[feat])
                  contradiction (t, name, "“%s” tied with another segment", nc.qualifier);
                rank += o->med[feat] < fig->med[feat];
                rank_mean += o->mean[feat] < fig->mean[feat];
              }
            if (rank != qualifiers[q].rank || rank_mean != qualifiers[q].rank)
              contradiction (t, name, "“%s” but ranked %u by median and %u by mean",
                             nc.qualifier, rank, rank_mean);
          }
      }
  }

  /* The claims the namer recorded are those of the text. */
  if (naming != NULL)
    {
      if (g_strcmp0 (naming->base_name, nc.base) != 0)
        contradiction (t, name, "recorded base name “%s”", naming->base_name);
      if (naming->activity != nc.activity)
        contradiction (t, name, "recorded activity %d, the name says %d", naming->activity,
                       nc.activity);
      if (nc.orders >= 0 && (int) naming->orders != nc.orders)
        contradiction (t, name, "recorded orders level %d", naming->orders);
      if (nc.spend >= 0 && (int) naming->spend != nc.spend)
        contradiction (t, name, "recorded spend level %d", naming->spend);
      if (nc.activity != SC_ACTIVITY_NONE && fabs (naming->rhythm - fig->rhythm) > 1e-6)
        contradiction (t, name, "recorded rhythm %.3f, recomputed %.3f", naming->rhythm,
                       fig->rhythm);
    }

  check_line (t, w, s, &nc, name, lines[s]);
  g_free (nc.base);
}

static void
check_all (Tally                 *t,
           const World           *w,
           const gboolean        *apart,
           const char * const    *names,
           const char * const    *lines,
           const ScSegmentProfile *p)
{
  for (guint s = 0; s < w->k; s++)
    check_segment (t, w, s, apart, names, lines, p != NULL ? &p[s].naming : NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Generated datasets                                                                         */

static double
normal (GRand *rand)
{
  double u = g_rand_double_range (rand, 1e-12, 1), v = g_rand_double (rand);

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

typedef struct
{
  guint    size;
  double   recency;     /* typical days since the last order */
  double   gap;         /* typical days between orders */
  int      orders_kind; /* 0 one-time, 1 geometric, 2 fixed */
  double   orders;      /* mean (geometric) or value (fixed) */
  double   order_value;
  double   spread;      /* lognormal sigma of a customer's order value */
  double   pareto;      /* > 0: Pareto tail index instead */
  double   returns;     /* share of customers with a net refund */
} Archetype;

static void
random_archetype (GRand     *rand,
                  Archetype *a)
{
  int size_kind = g_rand_int_range (rand, 0, 20);

  a->size = size_kind < 3 ? (guint) g_rand_int_range (rand, 1, 7)
          : size_kind < 8 ? (guint) g_rand_int_range (rand, 7, 40)
          : (guint) g_rand_int_range (rand, 40, 400);
  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0: a->recency = g_rand_double_range (rand, 600, 1600); break;  /* planted lapsed */
    case 1: a->recency = g_rand_double_range (rand, 150, 500); break;
    default: a->recency = exp (g_rand_double_range (rand, log (2), log (150))); break;
    }
  a->gap = exp (g_rand_double_range (rand, log (3), log (300)));
  a->orders_kind = g_rand_int_range (rand, 0, 3);
  a->orders = a->orders_kind == 2 ? g_rand_int_range (rand, 1, 15)
                                  : g_rand_double_range (rand, 1.2, 12);
  a->order_value = exp (g_rand_double_range (rand, log (5), log (3000)));
  a->spread = g_rand_double_range (rand, 0.05, 1.2);
  a->pareto = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_double_range (rand, 1.1, 3) : 0;
  a->returns = g_rand_int_range (rand, 0, 6) == 0 ? g_rand_double_range (rand, 0, 0.1) : 0;
}

static void
near_tie (GRand           *rand,
          const Archetype *from,
          Archetype       *a)
{
  guint size = a->size;

  *a = *from;
  a->size = size;
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0: a->order_value *= g_rand_double_range (rand, 0.9, 1.1); break;
    case 1: a->recency *= g_rand_double_range (rand, 0.9, 1.1); break;
    case 2: a->gap *= g_rand_double_range (rand, 0.9, 1.1); break;
    default: break; /* the same process */
    }
}

/* The five feature columns the tests fill, handed to an ScFeatures together. */
typedef struct
{
  double *rec, *frq, *mon, *aov, *ten;
} Columns;

static Columns
columns_new (gsize n)
{
  Columns c = { g_new (double, n), g_new (double, n), g_new (double, n), g_new (double, n),
                g_new (double, n) };

  return c;
}

static void
columns_give (ScFeatures *f,
              Columns     c)
{
  sc_features_set (f, SC_FEATURE_RECENCY, c.rec);
  sc_features_set (f, SC_FEATURE_FREQUENCY, c.frq);
  sc_features_set (f, SC_FEATURE_MONETARY, c.mon);
  sc_features_set (f, SC_FEATURE_AOV, c.aov);
  sc_features_set (f, SC_FEATURE_TENURE, c.ten);
}

/* Features of one dataset (recency, frequency, monetary, AOV, tenure), labels in *labels. */
static ScFeatures *
generate (guint32   seed,
          guint    *k_out,
          gboolean *apart_last,
          guint32 **labels_out)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint k = g_rand_int_range (rand, 2, 8);
  Archetype arch[8];
  guint n = 0, c = 0, n_none;
  ScFeatures *f;
  double *rec, *frq, *mon, *aov, *ten;
  Columns cols;
  guint32 *labels;

  for (guint s = 0; s < k; s++)
    {
      random_archetype (rand, &arch[s]);
      if (s > 0 && g_rand_int_range (rand, 0, 4) == 0)
        near_tie (rand, &arch[g_rand_int_range (rand, 0, s)], &arch[s]);
      n += arch[s].size;
    }
  *apart_last = k > 2 && g_rand_boolean (rand);
  if (*apart_last && g_rand_boolean (rand))
    {
      /* A group set apart that looks like a visible one: it must not qualify its name. */
      near_tie (rand, &arch[g_rand_int_range (rand, 0, k - 1)], &arch[k - 1]);
      arch[k - 1].order_value *= g_rand_double_range (rand, 1, 30);
    }
  n_none = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1, 20) : 0;
  n += n_none;

  f = sc_features_new (n, 5000);
  cols = columns_new (n);
  rec = cols.rec;
  frq = cols.frq;
  mon = cols.mon;
  aov = cols.aov;
  ten = cols.ten;
  labels = g_new (guint32, n);

  for (guint s = 0; s < k; s++)
    for (guint i = 0; i < arch[s].size; i++, c++)
      {
        const Archetype *a = &arch[s];
        double orders, value, gap;

        if (a->orders_kind == 0)
          orders = g_rand_int_range (rand, 0, 10) == 0 ? 2 : 1;
        else if (a->orders_kind == 2)
          orders = a->orders;
        else
          orders = 1 + floor (log (g_rand_double_range (rand, 1e-12, 1))
                              / log (1 - 1 / a->orders));
        orders = MIN (orders, 500);

        if (a->pareto > 0)
          value = a->order_value * pow (g_rand_double_range (rand, 1e-9, 1), -1 / a->pareto);
        else
          value = a->order_value * exp (a->spread * normal (rand));
        value = round (value * 100) / 100;

        gap = a->gap * exp (0.3 * normal (rand));
        rec[c] = MAX (0, round (a->recency * exp (0.4 * normal (rand))));
        ten[c] = rec[c] + round (gap * (orders - 1));
        frq[c] = orders;
        mon[c] = orders * value;
        if (a->returns > 0 && g_rand_double (rand) < a->returns)
          mon[c] = -round (value * 0.5 * 100) / 100;
        aov[c] = mon[c] / orders;
        labels[c] = s;
      }

  /* Customers in no segment (no orders): left out of every figure. */
  for (guint i = 0; i < n_none; i++, c++)
    {
      rec[c] = ten[c] = NAN;
      frq[c] = mon[c] = aov[c] = 0;
      labels[c] = SC_LABEL_NONE;
    }
  g_assert_cmpuint (c, ==, n);

  /* Shuffle so that segments interleave in customer order. */
  for (guint i = n; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      double *columns[] = { rec, frq, mon, aov, ten };

      for (guint q = 0; q < G_N_ELEMENTS (columns); q++)
        {
          double tmp = columns[q][i - 1];

          columns[q][i - 1] = columns[q][j];
          columns[q][j] = tmp;
        }
      {
        guint32 tmp = labels[i - 1];

        labels[i - 1] = labels[j];
        labels[j] = tmp;
      }
    }

  columns_give (f, cols);
  *k_out = k;
  *labels_out = labels;
  return f;
}

static void
assert_tally (Tally *t)
{
  if (t->contradictions > 0)
    g_printerr ("%u contradictions, the first:\n%s", t->contradictions, t->log->str);
  g_assert_cmpuint (t->contradictions, ==, 0);
  g_string_free (t->log, TRUE);
}

static void
test_property (void)
{
  Tally t = { 0, 0, 0, g_string_new (NULL) };
  guint activities[SC_ACTIVITY_LOST + 1] = { 0, }, qualified = 0, apart_sets = 0;

  for (guint32 seed = 1; seed <= N_DATASETS; seed++)
    {
      g_autofree guint32 *labels = NULL;
      g_autofree gboolean *apart = NULL;
      g_autofree char **names = NULL;
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(ScFeatures) f = NULL;
      ScSegmentProfile *p;
      gboolean apart_last;
      World w;
      guint k;

      f = generate (seed, &k, &apart_last, &labels);
      p = sc_profile_compute (f, labels, k, NULL, 0, NULL);
      g_assert_nonnull (p);

      apart = g_new0 (gboolean, k);
      apart[k - 1] = apart_last;
      apart_sets += apart_last;
      sc_profile_name (p, k, apart);

      names = g_new0 (char *, k + 1);
      for (guint s = 0; s < k; s++)
        {
          names[s] = p[s].suggested_name;
          g_ptr_array_add (lines, sc_profile_describe (&p[s], NULL, NULL));
          activities[p[s].naming.activity]++;
          qualified += p[s].naming.qualifier != SC_N_FEATURES;
        }

      world_init (&w, f, labels, k);
      check_all (&t, &w, apart, (const char * const *) names,
                 (const char * const *) lines->pdata, p);
      world_clear (&w);
      sc_profile_free (p, k);
    }

  g_test_message ("%u names and %u line parts checked; activity active %u, at risk %u, "
                  "lapsed %u, lost %u; %u qualified; %u datasets with a group set apart",
                  t.checked_names, t.checked_parts, activities[SC_ACTIVITY_ACTIVE],
                  activities[SC_ACTIVITY_AT_RISK], activities[SC_ACTIVITY_LAPSED],
                  activities[SC_ACTIVITY_LOST], qualified, apart_sets);
  /* The generator reaches every kind of claim, or the test would prove little. */
  for (guint a = SC_ACTIVITY_ACTIVE; a <= SC_ACTIVITY_LOST; a++)
    g_assert_cmpuint (activities[a], >, 10);
  g_assert_cmpuint (qualified, >, 10);
  g_assert_cmpuint (apart_sets, >, 50);
  g_assert_cmpuint (t.checked_parts, >, 500);
  assert_tally (&t);
}

/* ------------------------------------------------------------------------------------------ */
/* The cases of the issue                                                                     */

typedef struct
{
  guint  size;
  double recency, orders, spend, gap;
} Block;

static ScFeatures *
from_blocks (const Block *b,
             guint        k,
             guint32    **labels_out)
{
  guint n = 0, c = 0;
  ScFeatures *f;
  double *rec, *frq, *mon, *aov, *ten;
  Columns cols;

  for (guint s = 0; s < k; s++)
    n += b[s].size;
  f = sc_features_new (n, 5000);
  cols = columns_new (n);
  rec = cols.rec;
  frq = cols.frq;
  mon = cols.mon;
  aov = cols.aov;
  ten = cols.ten;
  *labels_out = g_new (guint32, n);
  for (guint s = 0; s < k; s++)
    for (guint i = 0; i < b[s].size; i++, c++)
      {
        /* A little spread so that medians and means are not all ties. */
        rec[c] = b[s].recency + i % 3;
        frq[c] = b[s].orders;
        mon[c] = b[s].spend * (1 + 0.01 * (i % 5));
        aov[c] = mon[c] / frq[c];
        ten[c] = rec[c] + b[s].gap * (frq[c] - 1);
        (*labels_out)[c] = s;
      }
  columns_give (f, cols);
  return f;
}

static void
test_outliers_take_no_part (void)
{
  /* The last segment (set apart) would share the first one's name: the visible one keeps
   * its plain name. */
  const Block b[] = {
    { 40, 10, 12, 3000, 20 }, { 200, 100, 1, 40, 0 }, { 100, 60, 3, 200, 30 },
    { 5, 12, 12, 9000, 20 },
  };
  const gboolean apart[] = { FALSE, FALSE, FALSE, TRUE };
  g_autofree guint32 *labels = NULL;
  g_autoptr(ScFeatures) f = from_blocks (b, 4, &labels);
  ScSegmentProfile *p = sc_profile_compute (f, labels, 4, NULL, 0, NULL);

  /* Without a group set apart they are told apart... */
  g_assert_cmpstr (p[0].suggested_name, ==, "Loyal high spenders (lower spend)");
  g_assert_cmpstr (p[3].suggested_name, ==, "Loyal high spenders (higher spend)");
  /* ...with it, not. */
  sc_profile_name (p, 4, apart);
  g_assert_cmpstr (p[0].suggested_name, ==, "Loyal high spenders");
  g_assert_cmpuint (p[0].naming.qualifier_group, ==, 0);
  g_assert_cmpstr (p[3].suggested_name, ==, "Loyal high spenders");
  sc_profile_free (p, 4);
}

static void
test_lapsed_not_at_risk (void)
{
  /* Regulars (every 30 days) last seen a median 984 days ago are lapsed, not at risk; a
   * segment silent for 700 days (by absolute time at risk) is lapsed by its rhythm of 60
   * days; 1200 days is lost. */
  const Block b[] = {
    { 50, 984, 8, 900, 30 }, { 50, 700, 2, 3000, 60 }, { 50, 1200, 1, 30, 0 },
    { 50, 20, 4, 200, 25 }, { 50, 400, 2, 100, 400 },
  };
  g_autofree guint32 *labels = NULL;
  g_autoptr(ScFeatures) f = from_blocks (b, 5, &labels);
  ScSegmentProfile *p = sc_profile_compute (f, labels, 5, NULL, 0, NULL);

  g_assert_cmpint (p[0].naming.activity, ==, SC_ACTIVITY_LAPSED);
  g_assert_true (g_str_has_prefix (p[0].suggested_name, "Lapsed "));
  g_assert_cmpint (p[1].naming.activity, ==, SC_ACTIVITY_LAPSED);
  g_assert_cmpstr (p[1].suggested_name, ==, "Lapsed big spenders");
  g_assert_cmpint (p[2].naming.activity, ==, SC_ACTIVITY_LOST);
  g_assert_cmpint (p[3].naming.activity, ==, SC_ACTIVITY_ACTIVE);
  /* Annual buyers 400 days after their last order: within their rhythm, but over a year. */
  g_assert_cmpint (p[4].naming.activity, ==, SC_ACTIVITY_AT_RISK);
  g_assert_true (p[4].naming.rhythm_own);
  g_assert_cmpfloat_with_epsilon (p[4].naming.rhythm, 400, 1e-9);
  sc_profile_free (p, 5);
}

static void
test_order_size_from_revenue_per_order (void)
{
  /* Segment 0: 10 customers with one order of 160 and 10 with 20 orders of 8: the mean of
   * their averages is 84, 1.8× the 46 of all customers, yet its revenue per order is
   * 3200 / 210 = 15.24.  Segment 1: 20 customers with 2 orders of 50.  All orders:
   * 5200 / 250 = 20.8.  A mean of averages says "larger"; revenue per order, smaller. */
  g_autoptr(ScFeatures) f = sc_features_new (40, 5000);
  g_autofree guint32 *labels = g_new (guint32, 40);
  Columns cols = columns_new (40);
  double *rec = cols.rec, *frq = cols.frq, *mon = cols.mon, *aov = cols.aov, *ten = cols.ten;
  ScSegmentProfile *p;
  g_autofree char *line = NULL;

  for (guint i = 0; i < 40; i++)
    {
      labels[i] = i < 20 ? 0 : 1;
      frq[i] = i < 10 ? 1 : i < 20 ? 20 : 2;
      mon[i] = i < 10 ? 160 : i < 20 ? 160 : 100;
      aov[i] = mon[i] / frq[i];
      rec[i] = 10;
      ten[i] = 10 + 5 * (frq[i] - 1);
    }
  columns_give (f, cols);

  p = sc_profile_compute (f, labels, 2, NULL, 0, NULL);
  g_assert_cmpfloat_with_epsilon (p[0].orders, 210, 1e-9);
  g_assert_cmpfloat_with_epsilon (p[0].mean[SC_FEATURE_AOV], 3200.0 / 210, 1e-9);
  g_assert_cmpfloat_with_epsilon (p[0].all_mean[SC_FEATURE_AOV], 5200.0 / 250, 1e-9);
  line = sc_profile_describe (&p[0], NULL, NULL);
  /* 20.8 / 15.24 = 1.365. */
  g_assert_nonnull (strstr (line, "orders 1.4× smaller than the average order"));
  g_assert_null (strstr (line, "larger"));
  sc_profile_free (p, 2);
}

/* ------------------------------------------------------------------------------------------ */
/* End to end: generated transactions, imported and segmented by the core                    */

static char *
write_transactions (const char *dir,
                    guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  char *path = g_build_filename (dir, "orders.csv", NULL);
  ScDay end = sc_day_from_ymd (2025, 12, 31);
  guint order = 0, customer = 0;
  guint k = g_rand_int_range (rand, 3, 7);

  for (guint s = 0; s < k; s++)
    {
      Archetype a;

      random_archetype (rand, &a);
      a.size = g_rand_int_range (rand, 30, 300);
      a.orders = MIN (a.orders, 10);
      for (guint i = 0; i < a.size; i++, customer++)
        {
          guint orders = a.orders_kind == 0 ? 1 + (g_rand_int_range (rand, 0, 10) == 0)
                       : a.orders_kind == 2 ? (guint) a.orders
                       : (guint) g_rand_int_range (rand, 1, (int) (2 * a.orders) + 1);
          double gap = a.gap * exp (0.3 * normal (rand));
          double last = round (a.recency * exp (0.4 * normal (rand)));
          double value = a.order_value * exp (a.spread * normal (rand));

          for (guint j = 0; j < orders; j++)
            {
              g_autofree char *d = sc_day_format (end - (ScDay) MIN (last + round (gap * j), 4000));
              double amount = value * exp (0.2 * normal (rand));

              g_string_append_printf (csv, "O%u,C%u,%s,%.2f\n", order++, customer, d, amount);
            }
        }
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

static void
test_end_to_end (void)
{
  Tally t = { 0, 0, 0, g_string_new (NULL) };

  for (guint32 seed = 1; seed <= 5; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *csv = NULL;
      g_autoptr(ScProject) project = test_project_new (&dir);
      g_autofree guint32 *labels = NULL;
      g_autofree gboolean *apart = NULL;
      g_autofree const char **names = NULL;
      g_autofree const char **lines = NULL;
      ScCustomerData *data;
      const ScRun *run;
      ScRunParams params;
      World w;

      csv = write_transactions (dir, seed);
      test_project_import (project, csv);
      sc_run_params_init (&params);
      params.seed = seed;
      g_assert_true (sc_project_segment (project, &params, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (sc_project_reload (project, &error));
      run = sc_project_get_run (project);
      data = sc_project_load_customer_data (project, run, NULL, &error);
      g_assert_no_error (error);

      labels = g_new (guint32, MAX (data->features->n, 1));
      for (guint32 i = 0; i < data->features->n; i++)
        labels[i] = i < run->n_customers ? run->labels[i] : SC_LABEL_NONE;
      apart = g_new0 (gboolean, run->n_segments);
      names = g_new0 (const char *, run->n_segments);
      lines = g_new0 (const char *, run->n_segments);
      for (guint s = 0; s < run->n_segments; s++)
        {
          apart[s] = run->segments[s].kind != SC_SEGMENT_KIND_SEGMENT;
          names[s] = run->segments[s].suggested_name;
          lines[s] = run->segments[s].profile;
        }

      world_init (&w, data->features, labels, run->n_segments);
      for (guint s = 0; s < run->n_segments; s++)
        {
          const ScSegmentInfo *info = &run->segments[s];

          /* The stored figures are those the names were judged by. */
          g_assert_cmpuint (info->size, ==, w.seg[s].size);
          g_assert_cmpfloat_with_epsilon (info->revenue, w.seg[s].revenue,
                                          1e-9 * MAX (1, fabs (info->revenue)));
          g_assert_cmpfloat_with_epsilon (info->recency, w.seg[s].mean[SC_FEATURE_RECENCY], 1e-9);
          g_assert_cmpfloat_with_epsilon (info->frequency, w.seg[s].mean[SC_FEATURE_FREQUENCY],
                                          1e-9);
        }
      check_all (&t, &w, apart, names, lines, NULL);
      world_clear (&w);

      sc_customer_data_free (data);
      g_clear_object (&project);
      test_remove_dir (dir);
    }

  g_test_message ("end to end: %u names and %u line parts checked", t.checked_names,
                  t.checked_parts);
  g_assert_cmpuint (t.checked_names, >=, 10);
  assert_tally (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Names/property", test_property);
  g_test_add_func ("/Core/Names/outliers-take-no-part", test_outliers_take_no_part);
  g_test_add_func ("/Core/Names/lapsed-not-at-risk", test_lapsed_not_at_risk);
  g_test_add_func ("/Core/Names/order-size", test_order_size_from_revenue_per_order);
  g_test_add_func ("/Core/Names/end-to-end", test_end_to_end);

  return g_test_run ();
}
