/* test-engagement.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Engagement from interactions (sc-engagement.c), checked against figures computed here
 * the slow, obvious way; an interactions file through the import into a project and back;
 * and a property test over generated datasets: every name and sentence about interactions
 * ("… who open many e-mails", "opens 4.0× more e-mails than average") is true of the
 * members' figures, recomputed here from the features and labels. */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-engagement.h"
#include "sc-importer.h"
#include "sc-profile.h"
#include "test-utils.h"

static const char *type_names[] = {
  "email_open", "email_click", "web_visit", "support_ticket", "campaign_response", "chat",
};

/* The documented weights, written out again here. */
static double
expected_weight (const char *type)
{
  if (g_str_equal (type, "email_click"))
    return 2;
  if (g_str_equal (type, "campaign_response"))
    return 3;
  if (g_str_equal (type, "support_ticket"))
    return 0;
  return 1;
}

static ScInteractions *
random_interactions (GRand   *rand,
                     guint32  n_customers,
                     gsize    n,
                     ScDay    as_of)
{
  ScInteractions *ix = g_new0 (ScInteractions, 1);

  ix->n = n;
  ix->customer = g_new (guint32, n);
  ix->day = g_new (ScDay, n);
  ix->type = g_new (guint16, n);
  ix->value = g_new (double, n);
  ix->channel = g_new0 (guint16, n);
  ix->types = g_strdupv ((char **) (const char *[]) { "email_open", "email_click", "web_visit",
                                                       "support_ticket", "campaign_response",
                                                       "chat", NULL });
  ix->channels = g_strdupv ((char **) (const char *[]) { "", NULL });
  for (gsize i = 0; i < n; i++)
    {
      ix->customer[i] = g_rand_int_range (rand, 0, n_customers);
      /* some after the as-of day, which must not count */
      ix->day[i] = as_of - g_rand_int_range (rand, -20, 400);
      ix->type[i] = g_rand_int_range (rand, 0, G_N_ELEMENTS (type_names));
      ix->value[i] = NAN;
    }
  return ix;
}

static void
test_figures (void)
{
  for (guint seed = 1; seed <= 20; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      guint32 n_customers = g_rand_int_range (rand, 1, 40);
      ScDay as_of = 20000 + g_rand_int_range (rand, 0, 100);
      g_autoptr(ScInteractions) ix = random_interactions (rand, n_customers,
                                                          g_rand_int_range (rand, 0, 600), as_of);
      g_autoptr(ScEngagement) e = sc_engagement_compute (ix, n_customers, as_of);
      g_autoptr(ScFeatures) f = sc_features_new (n_customers, as_of);

      g_assert_cmpuint (e->n_types, ==, G_N_ELEMENTS (type_names));
      sc_engagement_set_features (e, f);
      for (guint32 c = 0; c < n_customers; c++)
        {
          double total = 0;

          for (guint t = 0; t < e->n_types; t++)
            {
              guint32 count = 0, recent = 0;
              ScDay last = G_MININT32;
              double score = 0;
              gsize cell = (gsize) c * e->n_types + t;

              for (gsize i = 0; i < ix->n; i++)
                {
                  if (ix->customer[i] != c || ix->type[i] != t || ix->day[i] >= as_of)
                    continue;
                  count++;
                  if (ix->day[i] >= as_of - 90)
                    recent++;
                  if (ix->day[i] > last)
                    last = ix->day[i];
                  score += expected_weight (type_names[t]) *
                           pow (0.5, (as_of - ix->day[i]) / 30.0);
                }
              g_assert_cmpuint (e->count[cell], ==, count);
              g_assert_cmpuint (e->count_recent[cell], ==, recent);
              if (count == 0)
                g_assert_true (isnan (sc_engagement_days_since (e, c, t)));
              else
                g_assert_cmpfloat (sc_engagement_days_since (e, c, t), ==, as_of - last);
              g_assert_cmpfloat_with_epsilon (e->score[cell], score, 1e-9);
              total += score;
              if (t < 5)
                {
                  /* the five known types are features, in the order of the enum */
                  static const ScFeature feature[] = {
                    SC_FEATURE_EMAIL_OPENS, SC_FEATURE_EMAIL_CLICKS, SC_FEATURE_WEB_VISITS,
                    SC_FEATURE_SUPPORT_TICKETS, SC_FEATURE_CAMPAIGN_RESPONSES,
                  };
                  g_assert_cmpfloat (f->values[feature[t]][c], ==, recent);
                }
            }
          g_assert_cmpfloat_with_epsilon (e->total[c], total, 1e-9);
          g_assert_cmpfloat_with_epsilon (f->values[SC_FEATURE_ENGAGEMENT][c], total, 1e-9);
        }
    }
}

/* A file through the import and back: types and channels interned per project, the
 * value missing where empty, rows after a second import appended. */
static void
test_import_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-engagement-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "p.segments", NULL);
  g_autofree char *orders = g_build_filename (dir, "orders.csv", NULL);
  g_autofree char *first = g_build_filename (dir, "a.csv", NULL);
  g_autofree char *second = g_build_filename (dir, "b.csv", NULL);
  ScStore *store;
  ScImportOptions options;
  ScImportReport *report;
  g_autoptr(ScInteractions) ix = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (orders, "customer,date,amount\nA,2025-01-01,10\n"
                                      "B,2025-02-01,20\n", -1, NULL));
  g_assert_true (g_file_set_contents (first, "customer;date;type;value;channel\n"
                                      "A;2025-01-05;email_open;;mail\n"
                                      "B;2025-01-06; web_visit ;2,5;\n", -1, NULL));
  g_assert_true (g_file_set_contents (second, "customer,date,type\n"
                                      "C,2025-01-07,chat\nA,2025-01-08,web_visit\n", -1, NULL));
  store = sc_store_open (project, TRUE, &error);
  g_assert_no_error (error);

  for (guint pass = 0; pass < 2; pass++)
    {
      sc_import_options_init (&options);
      options.transactions_path = pass == 0 ? g_strdup (orders) : NULL;
      options.interactions_path = g_strdup (pass == 0 ? first : second);
      report = sc_import (store, &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->interactions.rows_accepted, ==, 2);
      /* new to the project; the ones only these interactions brought are "unmatched" */
      g_assert_cmpuint (report->interactions.new_customers, ==, pass == 0 ? 2 : 1);
      g_assert_cmpuint (report->interactions.unmatched, ==, pass);
      sc_import_report_free (report);
      sc_import_options_clear (&options);
    }

  ix = sc_store_load_interactions (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ix->n, ==, 4);
  g_assert_cmpuint (sc_interactions_n_types (ix), ==, 3);
  g_assert_cmpstr (ix->types[ix->type[1]], ==, "web_visit");
  g_assert_cmpuint (ix->type[1], ==, ix->type[3]);
  g_assert_cmpstr (ix->types[ix->type[2]], ==, "chat");
  g_assert_cmpstr (ix->channels[ix->channel[0]], ==, "mail");
  g_assert_cmpuint (ix->channel[1], ==, SC_INTERACTION_NO_CHANNEL);
  g_assert_true (isnan (ix->value[0]));
  g_assert_cmpfloat (ix->value[1], ==, 2.5);
  g_assert_cmpuint (ix->customer[3], ==, ix->customer[0]);
  g_assert_cmpuint (sc_store_get_n_customers (store), ==, 3);

  sc_store_close (store);
  test_remove_tree (dir);
}

/* The number in the part of @text that reads @prefix N× more|fewer|the average|below…
 * followed by @noun (nullable), or NAN; @more: whether it says more. */
static double
number_after (const char *text,
              const char *prefix,
              const char *noun,
              gboolean   *more)
{
  for (const char *p = strstr (text, prefix); p != NULL; p = strstr (p + 1, prefix))
    {
      char *end = NULL;
      double v = g_ascii_strtod (p + strlen (prefix), &end);
      const char *words[] = { "× more ", "× fewer ", "× less ", "× the average", "× below" };

      if (end == p + strlen (prefix))
        continue;
      for (guint w = 0; w < G_N_ELEMENTS (words); w++)
        if (g_str_has_prefix (end, words[w]) &&
            (noun == NULL || g_str_has_prefix (end + strlen (words[w]), noun)))
          {
            *more = w == 0 || w == 3;
            return v;
          }
    }
  return NAN;
}

static void
test_sentences_true (void)
{
  guint engaged_names = 0, sentences = 0;

  for (guint seed = 1; seed <= 60; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      guint32 n = g_rand_int_range (rand, 60, 400);
      guint k = g_rand_int_range (rand, 2, 6);
      g_autoptr(ScFeatures) f = sc_features_new (n, 20000);
      g_autofree guint32 *labels = g_new (guint32, n);
      double *v[SC_N_FEATURES] = { NULL };
      ScSegmentProfile *p;

      for (guint j = 0; j <= SC_FEATURE_ENGAGEMENT; j++)
        if (j != SC_FEATURE_CLV && j != SC_FEATURE_P_ALIVE)
          v[j] = g_new (double, n);
      for (guint32 c = 0; c < n; c++)
        {
          guint boost;

          labels[c] = g_rand_int_range (rand, 0, k);
          boost = labels[c] == 0 ? g_rand_int_range (rand, 1, 8) : 1;
          v[SC_FEATURE_RECENCY][c] = g_rand_int_range (rand, 1, 700);
          v[SC_FEATURE_FREQUENCY][c] = g_rand_int_range (rand, 1, 12);
          v[SC_FEATURE_MONETARY][c] = g_rand_double_range (rand, 5, 900);
          v[SC_FEATURE_AOV][c] = v[SC_FEATURE_MONETARY][c] / v[SC_FEATURE_FREQUENCY][c];
          v[SC_FEATURE_TENURE][c] = v[SC_FEATURE_RECENCY][c] + g_rand_int_range (rand, 0, 300);
          for (guint j = SC_FEATURE_EMAIL_OPENS; j <= SC_FEATURE_ENGAGEMENT; j++)
            v[j][c] = g_rand_int_range (rand, 0, 4) * (j == SC_FEATURE_EMAIL_OPENS + seed % 6
                                                       ? boost : 1);
        }
      for (guint j = 0; j < SC_N_FEATURES; j++)
        if (v[j] != NULL)
          sc_features_set (f, j, v[j]);

      p = sc_profile_compute (f, labels, k, NULL, 0, NULL);
      for (guint s = 0; s < k; s++)
        {
          g_autofree char *text = sc_profile_describe (&p[s], NULL, NULL);
          g_autofree char *lower = g_utf8_strdown (text, -1);
          static const struct {
            ScFeature f; const char *name; const char *more; const char *noun;
          } claims[] = {
            { SC_FEATURE_EMAIL_OPENS, " who open many e-mails", "opens ", "e-mails" },
            { SC_FEATURE_EMAIL_CLICKS, " who click many e-mails", "clicks ", "e-mails" },
            { SC_FEATURE_WEB_VISITS, " who visit the website often", "visits the website ",
              "often" },
            { SC_FEATURE_SUPPORT_TICKETS, " with many support tickets", "opens ",
              "support tickets" },
            { SC_FEATURE_CAMPAIGN_RESPONSES, " who answer campaigns", "answers ", "campaigns" },
            { SC_FEATURE_ENGAGEMENT, " who engage a lot", "engagement score ", NULL },
          };

          for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
            {
              double seg = 0, all = 0, ratio, shown;
              gboolean more = FALSE;
              gsize m = 0;

              for (guint32 c = 0; c < n; c++)
                {
                  all += f->values[claims[i].f][c];
                  if (labels[c] == s)
                    {
                      seg += f->values[claims[i].f][c];
                      m++;
                    }
                }
              ratio = m > 0 && all > 0 ? (seg / m) / (all / n) : NAN;
              if (strstr (p[s].suggested_name, claims[i].name) != NULL)
                {
                  g_assert_cmpfloat (ratio, >=, SC_PROFILE_ENGAGED_LIFT);
                  engaged_names++;
                }
              shown = number_after (lower, claims[i].more, claims[i].noun, &more);
              if (isnan (shown))
                continue;
              /* "opens 2.5× more …" is the rounded ratio, "… 2.5× fewer …" its inverse */
              sentences++;
              g_assert_cmpfloat (fabs (shown - (more ? ratio : 1 / ratio)), <=, 0.05 + 1e-9);
              g_assert_true (more == (ratio >= 1));
            }
        }
      sc_profile_free (p, k);
    }
  /* the datasets are made so that both kinds of claims occur */
  g_assert_cmpuint (engaged_names, >, 0);
  g_assert_cmpuint (sentences, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Engagement/figures", test_figures);
  g_test_add_func ("/Engagement/import-round-trip", test_import_round_trip);
  g_test_add_func ("/Engagement/sentences-true", test_sentences_true);
  return g_test_run ();
}
