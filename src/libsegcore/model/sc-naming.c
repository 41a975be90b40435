/* sc-naming.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Suggested names and the "what distinguishes it" line of a segment profile.
 *
 * A name is a cell of a fixed table indexed by three claims, each decided from the
 * segment's own figures by a rule documented in sc-profile.h and recorded in
 * ScSegmentNaming, so that a test (or a curious user) can check every word:
 *
 *   activity   active / at risk / lapsed / lost: the median days since the last order
 *              against the segment's ordering rhythm and against absolute time
 *   orders     one-time / occasional / frequent: median orders, with absolute floors,
 *              because most customers of a shop buy once and "frequent" should mean more
 *              than a second order
 *   spend      low / (no claim) / high: median spend against the tertiles of all customers
 *
 * Levels that point a direction (high, low, frequent) need the median and the mean to
 * agree, because the line below the name speaks of means: a segment is never called "high
 * spenders" above "spent 1.5× less than average".  The tertile comparisons include the
 * tertile itself, since a large uniform segment sets it; a median at both tertiles (heavy
 * ties) makes no claim.
 *
 * When visible segments share a name they are told apart by the feature (spend, orders,
 * recency, tenure) whose medians differ most between them and whose means rank them the
 * same way, and only when that fails, by a number.  Segments set apart (outliers, top
 * accounts, anomalies: anything that is not a k-means cluster) keep their name and take no
 * part, so a qualifier never answers a segment nobody sees under that name.
 */

#include "config.h"

#include "sc-format.h"
#include "sc-profile.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Differences smaller than this factor are left out of descriptions. */
#define DESCRIBE_MIN_LIFT 1.1

/* [activity - 1][orders][spend] */
static const char *const segment_names[4][3][3] = {
  {
    { N_("Low-spending newcomers"), N_("Recent first-time buyers"),
      N_("Big-spending newcomers") },
    { N_("Active low spenders"), N_("Active repeat buyers"), N_("Active big spenders") },
    { N_("Loyal low spenders"), N_("Loyal regulars"), N_("Loyal high spenders") },
  },
  {
    { N_("At-risk one-time low spenders"), N_("At-risk one-time buyers"),
      N_("At-risk one-time big spenders") },
    { N_("At-risk low spenders"), N_("At-risk occasional buyers"), N_("At-risk big spenders") },
    { N_("At-risk frequent low spenders"), N_("At-risk regulars"),
      N_("At-risk big-spending regulars") },
  },
  {
    { N_("Lapsed one-time low spenders"), N_("Lapsed one-time buyers"),
      N_("Lapsed one-time big spenders") },
    { N_("Lapsed low spenders"), N_("Lapsed occasional buyers"), N_("Lapsed big spenders") },
    { N_("Lapsed frequent low spenders"), N_("Lapsed regulars"),
      N_("Lapsed big-spending regulars") },
  },
  {
    { N_("Lost one-time low spenders"), N_("Lost one-time buyers"),
      N_("Lost one-time big spenders") },
    { N_("Lost low spenders"), N_("Lost occasional buyers"), N_("Lost big spenders") },
    { N_("Lost frequent low spenders"), N_("Lost regulars"), N_("Lost big-spending regulars") },
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
    { N_("lowest spend"), N_("middle spend"), N_("highest spend") } },
  { SC_FEATURE_FREQUENCY,
    { N_("fewer orders"), N_("more orders") },
    { N_("fewest orders"), N_("middle orders"), N_("most orders") } },
  { SC_FEATURE_RECENCY,
    { N_("more recent"), N_("less recent") },
    { N_("most recent"), N_("middle recency"), N_("least recent") } },
  { SC_FEATURE_TENURE,
    { N_("newer"), N_("longer-standing") },
    { N_("newest"), N_("middle tenure"), N_("longest-standing") } },
};

/* What members may be said to do a lot of; the engagement score comes last so that a named
 * interaction wins. */
static const ScFeature engaged_features[] = {
  SC_FEATURE_EMAIL_OPENS, SC_FEATURE_EMAIL_CLICKS, SC_FEATURE_WEB_VISITS,
  SC_FEATURE_CAMPAIGN_RESPONSES, SC_FEATURE_SUPPORT_TICKETS, SC_FEATURE_ENGAGEMENT,
};

/* The interaction with the highest lift of at least SC_PROFILE_ENGAGED_LIFT, or
 * SC_N_FEATURES: only figures the profile has (a run built on engagement) count. */
static ScFeature
engaged_feature (const ScSegmentProfile *p)
{
  ScFeature best = SC_N_FEATURES;
  double best_lift = SC_PROFILE_ENGAGED_LIFT;

  for (guint i = 0; i < G_N_ELEMENTS (engaged_features); i++)
    {
      ScFeature f = engaged_features[i];
      double lift;

      if (!(p->all_mean[f] > 0) || isnan (p->mean[f]))
        continue;
      lift = p->mean[f] / p->all_mean[f];
      if (lift >= best_lift && (best == SC_N_FEATURES || f != SC_FEATURE_ENGAGEMENT))
        {
          best = f;
          best_lift = lift;
        }
    }
  return best;
}

/* The name with what the members do a lot of after it (@name is taken). */
static char *
engaged_name (ScFeature  f,
              char      *name)
{
  g_autofree char *owned = name;

  switch (f)
    {
    /* TRANSLATORS: the %s is a segment name, "Active low spenders who open many e-mails" */
    case SC_FEATURE_EMAIL_OPENS: return g_strdup_printf (_("%s who open many e-mails"), name);
    case SC_FEATURE_EMAIL_CLICKS: return g_strdup_printf (_("%s who click many e-mails"), name);
    case SC_FEATURE_WEB_VISITS:
      return g_strdup_printf (_("%s who visit the website often"), name);
    case SC_FEATURE_CAMPAIGN_RESPONSES:
      return g_strdup_printf (_("%s who answer campaigns"), name);
    case SC_FEATURE_SUPPORT_TICKETS:
      return g_strdup_printf (_("%s with many support tickets"), name);
    case SC_FEATURE_ENGAGEMENT: return g_strdup_printf (_("%s who engage a lot"), name);
    default: return g_steal_pointer (&owned);
    }
}

/**
 * sc_activity_classify:
 * @recency: median days since the last order
 * @rhythm: days between orders (at least %SC_PROFILE_MIN_GAP_DAYS)
 *
 * The one rule for activity (see %SC_PROFILE_AT_RISK_GAPS).
 *
 * Returns: the activity, %SC_ACTIVITY_NONE for a NAN @recency
 */
ScActivity
sc_activity_classify (double recency,
                      double rhythm)
{
  ScActivity by_rhythm, by_time;

  if (isnan (recency))
    return SC_ACTIVITY_NONE;

  if (!(rhythm >= SC_PROFILE_MIN_GAP_DAYS))
    rhythm = SC_PROFILE_MIN_GAP_DAYS;

  if (recency <= SC_PROFILE_AT_RISK_GAPS * rhythm)
    by_rhythm = SC_ACTIVITY_ACTIVE;
  else if (recency <= SC_PROFILE_LAPSED_GAPS * rhythm)
    by_rhythm = SC_ACTIVITY_AT_RISK;
  else
    by_rhythm = SC_ACTIVITY_LAPSED;

  if (recency <= SC_PROFILE_AT_RISK_DAYS)
    by_time = SC_ACTIVITY_ACTIVE;
  else if (recency <= SC_PROFILE_LAPSED_DAYS)
    by_time = SC_ACTIVITY_AT_RISK;
  else if (recency <= SC_PROFILE_LOST_DAYS)
    by_time = SC_ACTIVITY_LAPSED;
  else
    by_time = SC_ACTIVITY_LOST;

  return MAX (by_rhythm, by_time);
}

static ScLevel
spend_level (const ScSegmentProfile *p)
{
  double median = p->median[SC_FEATURE_MONETARY];
  double mean = p->mean[SC_FEATURE_MONETARY];
  double all = p->all_mean[SC_FEATURE_MONETARY];
  const double *q = p->naming.spend_tertiles;

  if (median <= q[0] && median < q[1] && mean <= all)
    return SC_LEVEL_LOW;
  if (median >= q[1] && median > q[0] && mean >= all)
    return SC_LEVEL_HIGH;
  return SC_LEVEL_MID;
}

static ScLevel
orders_level (const ScSegmentProfile *p)
{
  double median = p->median[SC_FEATURE_FREQUENCY];

  if (median <= 1)
    return SC_LEVEL_LOW;
  if (median >= SC_PROFILE_FREQUENT_ORDERS && median >= p->naming.orders_tertiles[1]
      && p->mean[SC_FEATURE_FREQUENCY] >= p->all_mean[SC_FEATURE_FREQUENCY])
    return SC_LEVEL_HIGH;
  return SC_LEVEL_MID;
}

static char *
base_name (ScSegmentProfile *p)
{
  ScSegmentNaming *naming = &p->naming;
  double r = p->median[SC_FEATURE_RECENCY];
  double f = p->median[SC_FEATURE_FREQUENCY];

  naming->activity = SC_ACTIVITY_NONE;
  naming->orders = naming->spend = SC_LEVEL_MID;

  if (p->size == 0)
    return g_strdup (_("Empty segment"));
  if (isnan (f) || f < 1 || isnan (r))
    return g_strdup (_("Customers without purchases"));

  naming->activity = sc_activity_classify (r, naming->rhythm);
  naming->orders = orders_level (p);
  naming->spend = spend_level (p);

  return g_strdup (_(segment_names[naming->activity - 1][naming->orders][naming->spend]));
}

static double
spread_value (double median)
{
  return isnan (median) ? NAN : log1p (MAX (median, 0));
}

/* Whether @feat ranks the members of @group apart, by median and by mean alike, and how
 * far apart (in log1p of the medians); a negative spread when it cannot. */
static double
feature_spread (const ScSegmentProfile *p,
                const guint            *group,
                guint                   m,
                ScFeature               feat)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint i = 0; i < m; i++)
    {
      const ScSegmentProfile *a = &p[group[i]];
      double v = spread_value (a->median[feat]);

      if (isnan (v) || isnan (a->mean[feat]))
        return -1;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
      for (guint j = 0; j < i; j++)
        {
          const ScSegmentProfile *b = &p[group[j]];

          /* Members must differ pairwise, or two of them would get the same word, and the
           * means must agree, or the word would contradict the line below the name. */
          if (spread_value (b->median[feat]) == v)
            return -1;
          if ((a->median[feat] < b->median[feat]) != (a->mean[feat] < b->mean[feat])
              || a->mean[feat] == b->mean[feat])
            return -1;
        }
    }
  return hi - lo;
}

static void
set_name (ScSegmentProfile *seg,
          char             *name)
{
  g_free (seg->suggested_name);
  seg->suggested_name = name;
}

/* Tells apart the segments in @group (indices into @p, all with the same name). */
static void
distinguish_group (ScSegmentProfile *p,
                   const guint      *group,
                   guint             m)
{
  int best = -1;
  double best_spread = 0;

  for (guint d = 0; m <= 3 && d < G_N_ELEMENTS (distinguishers); d++)
    {
      double spread = feature_spread (p, group, m, distinguishers[d].feature);

      if (spread > best_spread)
        {
          best_spread = spread;
          best = (int) d;
        }
    }

  for (guint i = 0; i < m; i++)
    {
      ScSegmentProfile *seg = &p[group[i]];

      seg->naming.qualifier_group = m;
      if (best >= 0)
        {
          ScFeature feat = distinguishers[best].feature;
          const char *word;
          guint rank = 0;

          for (guint j = 0; j < m; j++)
            rank += p[group[j]].median[feat] < seg->median[feat];

          word = m == 2 ? distinguishers[best].two[rank] : distinguishers[best].three[rank];
          seg->naming.qualifier = feat;
          seg->naming.qualifier_rank = rank;
          /* TRANSLATORS: a segment name and what sets it apart from a segment with the
           * same name, for example "Loyal regulars (higher spend)" */
          set_name (seg, g_strdup_printf (C_("segment name", "%s (%s)"),
                                          seg->naming.base_name, _(word)));
        }
      else
        {
          seg->naming.numbered = TRUE;
          /* TRANSLATORS: a segment name and a number telling same-named segments apart */
          set_name (seg, g_strdup_printf (C_("segment name", "%s %u"),
                                          seg->naming.base_name, i + 1));
        }
    }
}

static gboolean
names_unique (const ScSegmentProfile *p,
              guint                   k,
              const gboolean         *apart)
{
  for (guint s = 0; s < k; s++)
    for (guint t = 0; t < s; t++)
      if (!apart[s] && !apart[t] && g_strcmp0 (p[s].suggested_name, p[t].suggested_name) == 0)
        return FALSE;

  return TRUE;
}

/**
 * sc_profile_name:
 * @p: (array length=k): profiles from sc_profile_compute()
 * @k: number of profiles
 * @apart: (array length=k) (nullable): %TRUE for a segment that is not a k-means cluster
 *   (outliers, top accounts, anomalies); %NULL when every segment is one
 *
 * (Re)makes the suggested names and their #ScSegmentNaming.  Segments that are not set
 * apart get names unique among themselves: a qualifier in brackets only where two of them
 * would otherwise share a name.  A segment set apart keeps its base name, which may equal
 * another's; it is for the caller to name it.
 */
void
sc_profile_name (ScSegmentProfile *p,
                 guint             k,
                 const gboolean   *apart)
{
  g_autofree guint *group = g_new (guint, MAX (k, 1));
  g_autofree gboolean *done = g_new0 (gboolean, MAX (k, 1));
  g_autofree gboolean *none_apart = NULL;

  g_return_if_fail (p != NULL || k == 0);

  if (apart == NULL)
    apart = none_apart = g_new0 (gboolean, MAX (k, 1));

  for (guint s = 0; s < k; s++)
    {
      ScSegmentNaming *naming = &p[s].naming;

      g_free (naming->base_name);
      naming->engaged = engaged_feature (&p[s]);
      naming->base_name = engaged_name (naming->engaged, base_name (&p[s]));
      naming->unprofitable = p[s].mean[SC_FEATURE_PROFIT] < 0;
      if (naming->unprofitable)
        {
          g_autofree char *name = naming->base_name;

          /* TRANSLATORS: the %s is a segment name, "Loyal big spenders at a loss": the
           * members' gross profit is below zero on average */
          naming->base_name = g_strdup_printf (_("%s at a loss"), name);
        }
      naming->qualifier = SC_N_FEATURES;
      naming->qualifier_rank = naming->qualifier_group = 0;
      naming->numbered = FALSE;
      set_name (&p[s], g_strdup (naming->base_name));
    }

  for (guint s = 0; s < k; s++)
    {
      guint m = 0;

      if (done[s] || apart[s])
        continue;

      for (guint t = s; t < k; t++)
        {
          if (!done[t] && !apart[t] && strcmp (p[s].suggested_name, p[t].suggested_name) == 0)
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
  if (!names_unique (p, k, apart))
    {
      for (guint s = 0; s < k; s++)
        {
          if (apart[s])
            continue;
          p[s].naming.numbered = TRUE;
          set_name (&p[s], g_strdup_printf (C_("segment name", "%s %u"),
                                            p[s].suggested_name, s + 1));
        }
    }
}

/* Whether the name claims the opposite of what @lift says: one-time buyers who, on
 * average, bought more often than the average customer (a few heavy buyers in a segment
 * whose median customer bought once). */
static gboolean
contradicts_name (const ScSegmentProfile *p,
                  const ScFeatureLift    *lift)
{
  ScLevel level;

  if (lift->feature == SC_FEATURE_FREQUENCY)
    level = p->naming.orders;
  else if (lift->feature == SC_FEATURE_MONETARY)
    level = p->naming.spend;
  else
    return FALSE;

  return (level == SC_LEVEL_LOW && lift->ratio > 1) || (level == SC_LEVEL_HIGH && lift->ratio < 1);
}

/* "opens 4.0× more e-mails than average": means over the 90 days before the as-of day. */
static char *
describe_engagement (ScFeature f,
                     gboolean  more,
                     double    times)
{
  switch (f)
    {
    case SC_FEATURE_EMAIL_OPENS:
      return g_strdup_printf (more ? _("opens %.1f× more e-mails than average")
                                   : _("opens %.1f× fewer e-mails than average"), times);
    case SC_FEATURE_EMAIL_CLICKS:
      return g_strdup_printf (more ? _("clicks %.1f× more e-mails than average")
                                   : _("clicks %.1f× fewer e-mails than average"), times);
    case SC_FEATURE_WEB_VISITS:
      return g_strdup_printf (more ? _("visits the website %.1f× more often than average")
                                   : _("visits the website %.1f× less often than average"),
                              times);
    case SC_FEATURE_SUPPORT_TICKETS:
      return g_strdup_printf (more ? _("opens %.1f× more support tickets than average")
                                   : _("opens %.1f× fewer support tickets than average"),
                              times);
    case SC_FEATURE_CAMPAIGN_RESPONSES:
      return g_strdup_printf (more ? _("answers %.1f× more campaigns than average")
                                   : _("answers %.1f× fewer campaigns than average"), times);
    case SC_FEATURE_ENGAGEMENT:
      return g_strdup_printf (more ? _("engagement score %.1f× the average")
                                   : _("engagement score %.1f× below the average"), times);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* "earns EUR 120 gross profit per customer on average", or for a segment run at a loss
 * "unprofitable: loses EUR 35 per customer on average": the mean over the members whose
 * profit is known, in the project's currency like every other money figure. */
static char *
describe_profit (double      mean,
                 const char *currency)
{
  g_autofree char *amount = sc_format_money (fabs (mean), currency);

  if (mean < 0)
    return g_strdup_printf (_("unprofitable: loses %s per customer on average"), amount);
  return g_strdup_printf (_("earns %s gross profit per customer on average"), amount);
}

/* Returns: (transfer full) (nullable): the phrase for one distinguishing feature; %NULL for
 * a ratio that cannot be put as "n× more or less" (a segment mean of 0 or below). */
static char *
describe_feature (const ScFeatureLift *lift,
                  const char          *currency)
{
  gboolean more = lift->ratio >= 1;
  double times = more ? lift->ratio : 1.0 / lift->ratio;
  char *part = NULL;

  /* Profit is the one signed feature: its sentence states the amount itself. */
  if (lift->feature == SC_FEATURE_PROFIT)
    return describe_profit (lift->segment_mean, currency);

  if (!(lift->ratio > 0) && lift->feature != SC_FEATURE_RECENCY
      && lift->feature != SC_FEATURE_TENURE && lift->feature != SC_FEATURE_P_ALIVE)
    return NULL;

  /* "1.0× more than average" says nothing. */
  if (lift->ratio > 0 && fabs (log (lift->ratio)) < log (DESCRIBE_MIN_LIFT))
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
        part = g_strdup_printf (_("orders %.1f× larger than the average order"), times);
      else
        part = g_strdup_printf (_("orders %.1f× smaller than the average order"), times);
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

    case SC_FEATURE_EMAIL_OPENS:
    case SC_FEATURE_EMAIL_CLICKS:
    case SC_FEATURE_WEB_VISITS:
    case SC_FEATURE_SUPPORT_TICKETS:
    case SC_FEATURE_CAMPAIGN_RESPONSES:
    case SC_FEATURE_ENGAGEMENT:
      part = describe_engagement (lift->feature, more, times);
      break;

    case SC_FEATURE_PROFIT:
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
 * @currency: (nullable): the project's currency (an ISO 4217 code) for money amounts, as
 *   sc_format_money() writes them; %NULL for plain numbers
 *
 * One translated sentence for people, from the distinguishing features and the top
 * category, each mentioned only when it differs from the average by 10 % or more, for
 * example "Bought 4.2× more often than average; last order 21 days ago on
 * average; mostly Retail (2.1×)".  Every figure compares the segment's mean with the mean
 * of all customers in a segment (order size: revenue per order with that of all orders). A
 * feature whose mean points against the name (see contradicts_name()) is left out.
 *
 * Returns: (transfer full): the sentence
 */
char *
sc_profile_describe (const ScSegmentProfile *p,
                     const ScAttribute      *attrs,
                     const char             *currency)
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
      char *part;

      if (contradicts_name (p, &p->top_features[i]))
        continue;
      part = describe_feature (&p->top_features[i], currency);
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
