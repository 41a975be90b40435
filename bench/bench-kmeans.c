/* bench-kmeans.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Times sc_kmeans_run on a feature matrix written by bench/kmeans-features.py, which also
 * runs scikit-learn on the identical matrix, so the two inertias compare like with like:
 *
 *   kmeans-features.py /tmp/gen1m/transactions.csv /tmp/features.bin --sklearn
 *   bench-kmeans /tmp/features.bin --k 5
 */

#include <string.h>

#include "sc-kmeans.h"
#include "sc-silhouette.h"

static int opt_k = 5;
static int opt_n_init = 10;
static int opt_threads = 2;
static int opt_repeat = 1;
static gint64 opt_seed = 0;
static gint64 opt_restart_sample = -1;
static gboolean opt_auto = FALSE;
static char *opt_labels_out = NULL;

static GOptionEntry entries[] = {
  { "k", 'k', 0, G_OPTION_ARG_INT, &opt_k, "Number of clusters (default 5)", "K" },
  { "auto", 'a', 0, G_OPTION_ARG_NONE, &opt_auto, "Choose k in 2..8 by silhouette", NULL },
  { "n-init", 'n', 0, G_OPTION_ARG_INT, &opt_n_init, "Restarts (default 10)", "N" },
  { "threads", 't', 0, G_OPTION_ARG_INT, &opt_threads, "Threads (default 2)", "N" },
  { "seed", 's', 0, G_OPTION_ARG_INT64, &opt_seed, "Seed (default 0)", "S" },
  { "restart-sample", 'r', 0, G_OPTION_ARG_INT64, &opt_restart_sample,
    "Restart sample size, 0 = restarts on all points (default: library default)", "S" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Runs to time (default 1)", "R" },
  { "labels-out", 'o', 0, G_OPTION_ARG_FILENAME, &opt_labels_out,
    "Write the labels as little-endian uint32, for comparisons", "FILE" },
  { NULL }
};

static double *
load_features (const char  *path,
               gsize       *n,
               guint       *d,
               GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  guint64 header[2];
  double *x;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length < sizeof header)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: too short", path);
      return NULL;
    }
  memcpy (header, contents, sizeof header);
  header[0] = GUINT64_FROM_LE (header[0]);
  header[1] = GUINT64_FROM_LE (header[1]);
  if (header[1] == 0 || header[1] > 64
      || length != sizeof header + header[0] * header[1] * sizeof (double))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: not a feature matrix", path);
      return NULL;
    }

  *n = header[0];
  *d = header[1];
  x = g_new (double, *n * *d);
  memcpy (x, contents + sizeof header, sizeof (double) * *n * *d);
  return x;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FEATURES.bin");
  g_autoptr(GError) error = NULL;
  g_autofree double *x = NULL;
  ScKmeansParams params;
  gsize n;
  guint d;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: bench-kmeans FEATURES.bin");
      return 2;
    }

  x = load_features (argv[1], &n, &d, &error);
  if (x == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  sc_kmeans_params_init (&params);
  params.k = opt_auto ? 0 : (guint) opt_k;
  params.n_init = opt_n_init;
  params.n_threads = opt_threads;
  params.seed = opt_seed;
  if (opt_restart_sample >= 0)
    params.restart_sample = opt_restart_sample;

  for (int rep = 0; rep < opt_repeat; rep++)
    {
      g_autoptr(ScKmeansResult) result = NULL;
      gint64 t0, t1, t2;
      double silhouette;

      t0 = g_get_monotonic_time ();
      result = sc_kmeans_run (x, n, d, &params, NULL, NULL, NULL, &error);
      t1 = g_get_monotonic_time ();
      if (result == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* The same silhouette again, alone, to split the run time. */
      silhouette = sc_silhouette (x, n, d, result->labels, result->k,
                                  n > params.silhouette_exact_max ? params.silhouette_sample : 0,
                                  params.seed, params.n_threads);
      t2 = g_get_monotonic_time ();

      g_print ("n=%lu d=%u k=%u n_init=%u threads=%u: sc_kmeans_run %.3f s "
               "(of which silhouette %.3f s), inertia=%.4f silhouette=%.4f%s n_iter=%u%s%s\n",
               (gulong) n, d, result->k, params.n_init, params.n_threads,
               (t1 - t0) / 1e6, (t2 - t1) / 1e6, result->inertia, result->silhouette,
               result->silhouette_sampled ? " (sampled)" : "", result->n_iter,
               result->restarts_sampled ? " restarts-sampled" : "",
               result->search_sampled ? " search-sampled" : "");
      g_assert (silhouette == result->silhouette || result->n_tried > 1);

      if (rep == 0 && opt_labels_out != NULL)
        {
          g_autofree guint32 *le = g_new (guint32, n);

          for (gsize i = 0; i < n; i++)
            le[i] = GUINT32_TO_LE (result->labels[i]);
          if (!g_file_set_contents (opt_labels_out, (const char *) le, sizeof (guint32) * n,
                                    &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
        }

      if (rep == 0)
        {
          for (guint t = 0; t < result->n_tried && result->n_tried > 1; t++)
            g_print ("  tried k=%u silhouette=%.4f inertia=%.2f\n", result->tried_k[t],
                     result->tried_silhouette[t], result->tried_inertia[t]);
          g_print ("centres (size):\n");
          for (guint c = 0; c < result->k; c++)
            {
              g_print (" ");
              for (guint j = 0; j < d; j++)
                g_print (" %9.5f", result->centroids[c * d + j]);
              g_print ("  (%lu)\n", (gulong) result->sizes[c]);
            }
        }
    }

  return 0;
}
