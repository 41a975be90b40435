/* bench-validate.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What validating a run costs (issue 15): `segment` with the stability check of every k
 * tried and of the result (20 resamples, the default) against `segment` alone (no
 * resamples), alternately on the same project in the same process, so both see the same
 * machine load:
 *
 *   segments-cli import /tmp/p1m.segments --transactions /tmp/gen1m/transactions.csv
 *   bench-validate /tmp/p1m.segments --repeat 3
 *
 * Each segment replaces the project's run (and freezes the one before as a snapshot), as
 * segments-cli segment does: run it on a copy. */

#include <stdio.h>
#include <sys/resource.h>

#include "sc-project.h"
#include "sc-stats.h"

static int opt_repeat = 3;

static GOptionEntry entries[] = {
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Pairs of runs to time (default 3)", "R" },
  { NULL }
};

/* CPU seconds of the process so far, every thread. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Wall seconds of one automatic segment with n_resamples resamples; its CPU seconds in
 * *cpu. */
static double
time_segment (ScProject *project,
              guint      n_resamples,
              guint     *k,
              double    *cpu)
{
  g_autoptr(GError) error = NULL;
  ScRunParams params;
  gint64 start;
  double cpu_start = cpu_seconds ();

  sc_run_params_init (&params);
  params.n_resamples = n_resamples;
  start = g_get_monotonic_time ();
  if (!sc_project_segment (project, &params, NULL, NULL, &error) ||
      !sc_project_reload (project, &error))
    {
      g_printerr ("bench-validate: %s\n", error->message);
      exit (1);
    }
  *k = sc_project_get_run (project)->k;
  *cpu = cpu_seconds () - cpu_start;
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("PROJECT");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autofree double *alone = NULL;
  g_autofree double *checked = NULL;
  g_autofree double *added = NULL;
  g_autofree double *added_cpu = NULL;
  const ScValidation *v;
  guint k_alone = 0, k_checked = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || opt_repeat < 1)
    {
      g_printerr ("usage: bench-validate PROJECT [--repeat R]\n");
      return 2;
    }

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    {
      g_printerr ("bench-validate: %s\n", error->message);
      return 1;
    }
  printf ("%" G_GUINT64_FORMAT " customers\n", sc_project_get_n_customers (project));

  alone = g_new (double, opt_repeat);
  checked = g_new (double, opt_repeat);
  added = g_new (double, opt_repeat);
  added_cpu = g_new (double, opt_repeat);
  for (int r = 0; r < opt_repeat; r++)
    {
      double cpu_alone, cpu_checked;

      alone[r] = time_segment (project, 0, &k_alone, &cpu_alone);
      checked[r] = time_segment (project, SC_VALIDATE_DEFAULT_RESAMPLES, &k_checked,
                                 &cpu_checked);
      added[r] = checked[r] - alone[r];
      added_cpu[r] = cpu_checked - cpu_alone;
      printf ("pair %d: segment alone %.3f s (k = %u, CPU %.3f s), with validation %.3f s "
              "(k = %u, CPU %.3f s), added %.3f s (CPU %.3f s)\n", r + 1, alone[r], k_alone,
              cpu_alone, checked[r], k_checked, cpu_checked, added[r], added_cpu[r]);
    }
  v = sc_project_get_validation (project);
  printf ("median: segment alone %.3f s, with validation %.3f s, added %.3f s "
          "(CPU %.3f s)%s\n", sc_median (alone, opt_repeat), sc_median (checked, opt_repeat),
          sc_median (added, opt_repeat), sc_median (added_cpu, opt_repeat),
          v != NULL && v->stability_sampled ? " (stability on a sample)" : "");
  if (v != NULL)
    printf ("%s\n", v->explanation);
  return 0;
}
