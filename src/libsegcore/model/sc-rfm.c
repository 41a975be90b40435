/* sc-rfm.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RFM scores and names.
 *
 * Scores are assigned by value, not by rank: a customer's score depends only on where the
 * value falls against the four thresholds, so identical values always get identical
 * scores, and the thresholds the UI shows are exactly what decides.  A value v scores
 *
 *   frequency, monetary (higher is better): v <= t[0] → 1, v <= t[1] → 2, v <= t[2] → 3,
 *                                            v <= t[3] → 4, otherwise 5
 *   recency (lower is better):               v <= t[0] → 5, v <= t[1] → 4, ... otherwise 1
 *
 * Ties.  Quantile thresholds on heavily tied data coincide.  Order counts are the usual
 * case: when 65 % of customers bought once, the 20, 40 and 60 % quantiles are all 1, and
 * with "v <= t" every one-time buyer scores F = 1 together, two-order customers (v > t[2])
 * jump to F = 4, and scores 2 and 3 stay empty.  Score shares are then not 20 % each, but
 * a score always means "above this share of customers", nobody is split from an identical
 * neighbour, and the lowest score is the one the commonest value earns.  When more than
 * 80 % bought once, all four thresholds are 1, so F is 1 for one-time buyers and 5 for
 * every repeat buyer.
 */

#include "config.h"

#include "sc-rfm.h"
#include "sc-store.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

static const double quintile_probs[4] = { 0.2, 0.4, 0.6, 0.8 };

static void
feature_thresholds (const double *values,
                    guint32       n,
                    double       *t)
{
  g_autofree double *copy = g_memdup2 (values, (gsize) n * sizeof (double));

  if (sc_quantiles (copy, n, quintile_probs, 4, t) == 0)
    memset (t, 0, 4 * sizeof (double));
}

/**
 * sc_rfm_thresholds_compute:
 * @f: features with recency, frequency and monetary
 * @t: (out caller-allocates): the thresholds
 *
 * Sets each threshold to the 20, 40, 60 and 80 % quantile of its feature over all
 * customers (exact, linear interpolation between ranks as in sc_quantiles(); customers
 * without transactions are left out of recency).  With no customers every threshold is 0.
 */
void
sc_rfm_thresholds_compute (const ScFeatures *f,
                           ScRfmThresholds  *t)
{
  g_return_if_fail (f != NULL);
  g_return_if_fail (t != NULL);
  g_return_if_fail (f->values[SC_FEATURE_RECENCY] != NULL);
  g_return_if_fail (f->values[SC_FEATURE_FREQUENCY] != NULL);
  g_return_if_fail (f->values[SC_FEATURE_MONETARY] != NULL);

  feature_thresholds (f->values[SC_FEATURE_RECENCY], f->n, t->recency);
  feature_thresholds (f->values[SC_FEATURE_FREQUENCY], f->n, t->frequency);
  feature_thresholds (f->values[SC_FEATURE_MONETARY], f->n, t->monetary);
}

/**
 * sc_rfm_score_higher:
 * @t: (array fixed-size=4): ascending thresholds
 * @v: a value of a feature where more is better
 *
 * Returns: 1 + the number of thresholds @v exceeds, so 1..5; 1 for NAN
 */
guint8
sc_rfm_score_higher (const double *t,
                     double        v)
{
  guint8 s = 1;

  for (guint j = 0; j < 4; j++)
    s += v > t[j];

  return s;
}

/**
 * sc_rfm_score_lower:
 * @t: (array fixed-size=4): ascending thresholds
 * @v: a value of a feature where less is better (recency)
 *
 * Returns: 5 - the number of thresholds @v exceeds, so 1..5; 1 for NAN (never bought)
 */
guint8
sc_rfm_score_lower (const double *t,
                    double        v)
{
  guint8 s = 5;

  if (isnan (v))
    return 1;

  for (guint j = 0; j < 4; j++)
    s -= v > t[j];

  return s;
}

/**
 * sc_rfm_score:
 * @f: features with recency, frequency and monetary
 * @t: thresholds, computed or edited by the user
 * @r: (array) (out caller-allocates): @f->n recency scores
 * @fq: (array) (out caller-allocates): @f->n frequency scores
 * @m: (array) (out caller-allocates): @f->n monetary scores
 *
 * Scores every customer 1..5 on each of R, F and M by value against the thresholds; 5 is
 * always best (most recent, most orders, most spend).  See the top of sc-rfm.c for how
 * ties behave.
 */
void
sc_rfm_score (const ScFeatures      *f,
              const ScRfmThresholds *t,
              guint8                *r,
              guint8                *fq,
              guint8                *m)
{
  const double *rv, *fv, *mv;

  g_return_if_fail (f != NULL);
  g_return_if_fail (t != NULL);
  g_return_if_fail (f->n == 0 || (r != NULL && fq != NULL && m != NULL));
  g_return_if_fail (f->values[SC_FEATURE_RECENCY] != NULL);
  g_return_if_fail (f->values[SC_FEATURE_FREQUENCY] != NULL);
  g_return_if_fail (f->values[SC_FEATURE_MONETARY] != NULL);

  rv = f->values[SC_FEATURE_RECENCY];
  fv = f->values[SC_FEATURE_FREQUENCY];
  mv = f->values[SC_FEATURE_MONETARY];

  for (guint32 c = 0; c < f->n; c++)
    {
      r[c] = sc_rfm_score_lower (t->recency, rv[c]);
      fq[c] = sc_rfm_score_higher (t->frequency, fv[c]);
      m[c] = sc_rfm_score_higher (t->monetary, mv[c]);
    }
}

/* The name table; the first matching row wins.  FM = (F + M) / 2.
 *
 *   name                 R      FM
 *   Champions            4–5    4–5
 *   Loyal                3–5    3–5      (what Champions left: R 3, or FM 3–3.5)
 *   Potential loyalist   4–5    2–2.5
 *   New                  5      1–1.5
 *   Promising            4      1–1.5
 *   Need attention       3      2–2.5
 *   About to sleep       2–3    1–2.5    (R 3 only with FM 1–1.5 after Need attention)
 *   Can't lose them      1      4–5
 *   At risk              1–2    3–5
 *   Hibernating          1      2–2.5
 *   Lost                 1–5    1–5      (catch-all; in practice R 1, FM 1–1.5)
 *
 * As a grid (rows R, columns FM):
 *
 *        FM 1–1.5        2–2.5               3–3.5     4–5
 *   R 5  New             Potential loyalist  Loyal     Champions
 *   R 4  Promising       Potential loyalist  Loyal     Champions
 *   R 3  About to sleep  Need attention      Loyal     Loyal
 *   R 2  About to sleep  About to sleep      At risk   At risk
 *   R 1  Lost            Hibernating         At risk   Can't lose them
 */
static const ScRfmRule rfm_rules[] = {
  { SC_RFM_CHAMPIONS,          4, 5, 4.0, 5.0 },
  { SC_RFM_LOYAL,              3, 5, 3.0, 5.0 },
  { SC_RFM_POTENTIAL_LOYALIST, 4, 5, 2.0, 2.5 },
  { SC_RFM_NEW,                5, 5, 1.0, 1.5 },
  { SC_RFM_PROMISING,          4, 4, 1.0, 1.5 },
  { SC_RFM_NEED_ATTENTION,     3, 3, 2.0, 2.5 },
  { SC_RFM_ABOUT_TO_SLEEP,     2, 3, 1.0, 2.5 },
  { SC_RFM_CANT_LOSE,          1, 1, 4.0, 5.0 },
  { SC_RFM_AT_RISK,            1, 2, 3.0, 5.0 },
  { SC_RFM_HIBERNATING,        1, 1, 2.0, 2.5 },
  { SC_RFM_LOST,               1, 5, 1.0, 5.0 },
};

/**
 * sc_rfm_rules:
 * @n_rules: (out): number of rules
 *
 * The rule table sc_rfm_name() applies, in order (first match wins), for display and tests.
 *
 * Returns: (transfer none) (array length=n_rules): the rules
 */
const ScRfmRule *
sc_rfm_rules (guint *n_rules)
{
  g_return_val_if_fail (n_rules != NULL, NULL);

  *n_rules = G_N_ELEMENTS (rfm_rules);
  return rfm_rules;
}

/**
 * sc_rfm_name:
 * @r: recency score 1..5
 * @f: frequency score 1..5
 * @m: monetary score 1..5
 *
 * Returns: the name of the first rule of sc_rfm_rules() matching @r and (@f + @m) / 2
 */
ScRfmName
sc_rfm_name (guint8 r,
             guint8 f,
             guint8 m)
{
  double fm;

  g_return_val_if_fail (r >= 1 && r <= 5, SC_RFM_LOST);
  g_return_val_if_fail (f >= 1 && f <= 5, SC_RFM_LOST);
  g_return_val_if_fail (m >= 1 && m <= 5, SC_RFM_LOST);

  fm = (f + m) / 2.0;
  for (guint i = 0; i < G_N_ELEMENTS (rfm_rules); i++)
    {
      const ScRfmRule *rule = &rfm_rules[i];

      if (r >= rule->r_min && r <= rule->r_max && fm >= rule->fm_min && fm <= rule->fm_max)
        return rule->name;
    }

  /* Not reached: the last rule matches everything. */
  return SC_RFM_LOST;
}

static const struct
{
  const char *name;
  const char *label;
} rfm_names[SC_N_RFM_NAMES] = {
  [SC_RFM_CHAMPIONS]          = { "champions",          N_("Champions") },
  [SC_RFM_LOYAL]              = { "loyal",              N_("Loyal Customers") },
  [SC_RFM_POTENTIAL_LOYALIST] = { "potential_loyalist", N_("Potential Loyalists") },
  [SC_RFM_NEW]                = { "new",                N_("New Customers") },
  [SC_RFM_PROMISING]          = { "promising",          N_("Promising") },
  [SC_RFM_NEED_ATTENTION]     = { "need_attention",     N_("Need Attention") },
  [SC_RFM_ABOUT_TO_SLEEP]     = { "about_to_sleep",     N_("About to Sleep") },
  [SC_RFM_AT_RISK]            = { "at_risk",            N_("At Risk") },
  [SC_RFM_CANT_LOSE]          = { "cant_lose",          N_("Can't Lose Them") },
  [SC_RFM_HIBERNATING]        = { "hibernating",        N_("Hibernating") },
  [SC_RFM_LOST]               = { "lost",               N_("Lost") },
};

/**
 * sc_rfm_name_to_string:
 * @n: an RFM name
 *
 * Returns: (transfer none): the stable identifier of @n ("champions", "loyal", …)
 */
const char *
sc_rfm_name_to_string (ScRfmName n)
{
  g_return_val_if_fail ((guint) n < SC_N_RFM_NAMES, NULL);

  return rfm_names[n].name;
}

/**
 * sc_rfm_name_to_label:
 * @n: an RFM name
 *
 * Returns: (transfer none): the translated name for people ("Champions", "Can't Lose
 *   Them", …)
 */
const char *
sc_rfm_name_to_label (ScRfmName n)
{
  g_return_val_if_fail ((guint) n < SC_N_RFM_NAMES, NULL);

  return _(rfm_names[n].label);
}

/**
 * sc_rfm_name_from_string:
 * @s: an identifier as returned by sc_rfm_name_to_string()
 * @n: (out): where to store the name
 *
 * Returns: %TRUE if @s is a known identifier
 */
gboolean
sc_rfm_name_from_string (const char *s,
                         ScRfmName  *n)
{
  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (n != NULL, FALSE);

  for (guint i = 0; i < SC_N_RFM_NAMES; i++)
    {
      if (strcmp (s, rfm_names[i].name) == 0)
        {
          *n = (ScRfmName) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Thresholds people set                                                                      */

#define META_KEY "rfm_thresholds"

gboolean
sc_rfm_thresholds_load (ScStore          *store,
                        ScRfmThresholds  *t,
                        gboolean         *custom,
                        GError          **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;

  *custom = FALSE;
  if (!sc_store_get_meta (store, META_KEY, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  parts = g_strsplit (text, " ", -1);
  if (g_strv_length (parts) != 12)
    return TRUE;
  for (guint i = 0; i < 4; i++)
    {
      t->recency[i] = g_ascii_strtod (parts[i], NULL);
      t->frequency[i] = g_ascii_strtod (parts[4 + i], NULL);
      t->monetary[i] = g_ascii_strtod (parts[8 + i], NULL);
    }
  *custom = TRUE;
  return TRUE;
}

static gboolean
rising (const double *t)
{
  for (guint i = 0; i < 4; i++)
    if (!isfinite (t[i]) || (i > 0 && t[i] < t[i - 1]))
      return FALSE;
  return TRUE;
}

gboolean
sc_rfm_thresholds_save (ScStore                *store,
                        const ScRfmThresholds  *t,
                        GError                **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (t == NULL)
    return sc_store_set_meta (store, META_KEY, NULL, error);
  if (!rising (t->recency) || !rising (t->frequency) || !rising (t->monetary))
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                           _("RFM thresholds must be four numbers that do not decrease."));
      return FALSE;
    }
  for (guint i = 0; i < 12; i++)
    {
      const double *row = i < 4 ? t->recency : i < 8 ? t->frequency : t->monetary;
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, g_ascii_dtostr (buf, sizeof buf, row[i % 4]));
    }
  return sc_store_set_meta (store, META_KEY, text->str, error);
}

gboolean
sc_rfm_thresholds_for (ScStore           *store,
                       const ScFeatures  *f,
                       ScRfmThresholds   *t,
                       gboolean          *custom,
                       GError           **error)
{
  if (!sc_rfm_thresholds_load (store, t, custom, error))
    return FALSE;
  if (!*custom)
    sc_rfm_thresholds_compute (f, t);
  return TRUE;
}
