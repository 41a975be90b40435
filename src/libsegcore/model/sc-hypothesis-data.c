/* sc-hypothesis-data.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Hypotheses against a project: the hypotheses table, each hypothesis's metric and group
 * as per-customer arrays, and suggestions from the customer list.
 *
 * Who is compared: customers with at least one order (a customer only named by the
 * customer list has no spend to compare).  For an attribute, "the rest" are the customers
 * with another known value of it; customers without a value are left out of both sides.
 * For a segment, the rest are the customers in the other segments.
 *
 * Suggestions rank every level of every categorical attribute by how far its ratio is from
 * 1, on the metric where it is largest, among differences clear enough (p < 0.001 before
 * any correction) to be worth stating; the ranks of a metric are computed once per
 * attribute and each level's Mann–Whitney is a sum over them (sc-significance.c). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sc-format.h"
#include "sc-hypothesis.h"
#include "sc-significance.h"
#include "sc-store-private.h"

#define MAX_SUGGESTIONS 5
#define MAX_LEVELS 50
#define SUGGEST_P 0.001
#define SUGGEST_MIN_RATIO 1.1

static const char *
group_kind_to_string (ScHypothesisGroup group)
{
  switch (group)
    {
    case SC_HYPOTHESIS_GROUP_SEGMENT:
      return "segment";
    case SC_HYPOTHESIS_GROUP_INTERACTION:
      return "interaction";
    case SC_HYPOTHESIS_GROUP_ATTRIBUTE:
    default:
      return "attribute";
    }
}

static ScHypothesisGroup
group_kind_from_string (const char *s)
{
  if (g_strcmp0 (s, "segment") == 0)
    return SC_HYPOTHESIS_GROUP_SEGMENT;
  if (g_strcmp0 (s, "interaction") == 0)
    return SC_HYPOTHESIS_GROUP_INTERACTION;
  return SC_HYPOTHESIS_GROUP_ATTRIBUTE;
}

/**
 * sc_hypothesis_store_list:
 * @hypotheses: (out) (transfer full) (element-type ScHypothesis): in the order added
 */
gboolean
sc_hypothesis_store_list (ScStore     *store,
                          GPtrArray  **hypotheses,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_hypothesis_free);
  int rc;

  if (!_sc_store_prepare (store, "SELECT id, kind, attribute, value, metric, direction "
                          "FROM hypotheses ORDER BY id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScHypothesis *h = g_new0 (ScHypothesis, 1);
      g_autofree char *metric = _sc_store_column_dup (stmt, 4);
      g_autofree char *direction = _sc_store_column_dup (stmt, 5);

      h->id = sqlite3_column_int64 (stmt, 0);
      h->group = group_kind_from_string ((const char *) sqlite3_column_text (stmt, 1));
      if (h->group == SC_HYPOTHESIS_GROUP_ATTRIBUTE)
        h->attribute = _sc_store_column_dup (stmt, 2);
      h->value = _sc_store_column_dup (stmt, 3);
      if (!sc_hypothesis_metric_from_string (metric, &h->metric))
        h->metric = SC_HYPOTHESIS_METRIC_SPEND;
      if (!sc_hypothesis_direction_from_string (direction, &h->direction))
        h->direction = SC_HYPOTHESIS_HIGHER;
      g_ptr_array_add (list, h);
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return FALSE;
  *hypotheses = g_steal_pointer (&list);
  return TRUE;
}

static gboolean
same_hypothesis (const ScHypothesis *a,
                 const ScHypothesis *b)
{
  return a->group == b->group && a->metric == b->metric && a->direction == b->direction &&
         g_strcmp0 (a->attribute, b->attribute) == 0 && g_strcmp0 (a->value, b->value) == 0;
}

/**
 * sc_hypothesis_store_add:
 * @hypothesis: what to add; its id is set
 *
 * Adds a hypothesis in one transaction; fails with %SC_ERROR_INVALID_INPUT when the project
 * already states it.
 */
gboolean
sc_hypothesis_store_add (ScStore       *store,
                         ScHypothesis  *hypothesis,
                         GError       **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  gboolean ok = FALSE;

  if (!sc_store_begin (store, error))
    return FALSE;
  if (!sc_hypothesis_store_list (store, &existing, error))
    goto out;
  for (guint i = 0; i < existing->len; i++)
    if (same_hypothesis (g_ptr_array_index (existing, i), hypothesis))
      {
        g_autofree char *statement = sc_hypothesis_statement (hypothesis);

        g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                     _("The project already has this hypothesis: %s."), statement);
        goto out;
      }

  if (!_sc_store_prepare (store, "INSERT INTO hypotheses (created_at, kind, attribute, value, "
                          "metric, direction) VALUES (?, ?, ?, ?, ?, ?)", &stmt, error))
    goto out;
  sqlite3_bind_text (stmt, 1, created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, group_kind_to_string (hypothesis->group), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hypothesis->attribute != NULL ? hypothesis->attribute : "", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hypothesis->value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, sc_hypothesis_metric_to_string (hypothesis->metric), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, sc_hypothesis_direction_to_string (hypothesis->direction), -1,
                     SQLITE_STATIC);
  if (!_sc_store_step_done (store, stmt, error))
    goto out;
  hypothesis->id = _sc_store_last_insert_id (store);
  ok = TRUE;

out:
  return sc_store_end (store, ok, error);
}

/**
 * sc_hypothesis_store_remove:
 * @id: a hypothesis's id
 *
 * Fails with %SC_ERROR_INVALID_INPUT when the project has no hypothesis @id.
 */
gboolean
sc_hypothesis_store_remove (ScStore  *store,
                            gint64    id,
                            GError  **error)
{
  gint64 deleted;

  if (!sc_store_begin (store, error))
    return FALSE;
  deleted = _sc_store_exec_id (store, "DELETE FROM hypotheses WHERE id = ?", id, error);
  if (deleted == 0)
    g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                 _("The project has no hypothesis %" PRId64 "."), id);
  return sc_store_end (store, deleted > 0, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Metrics and groups                                                                          */

/* The metric per customer, NAN where it is not measured; FALSE when it is measured for
 * nobody (P(alive) before the value model). */
static gboolean
metric_values (const ScFeatures   *f,
               ScHypothesisMetric  metric,
               double             *out)
{
  const double *orders = f->values[SC_FEATURE_FREQUENCY];
  const double *source = NULL;

  switch (metric)
    {
    case SC_HYPOTHESIS_METRIC_SPEND:
      source = f->values[SC_FEATURE_MONETARY];
      break;
    case SC_HYPOTHESIS_METRIC_ORDERS:
      source = orders;
      break;
    case SC_HYPOTHESIS_METRIC_ORDER_VALUE:
      source = f->values[SC_FEATURE_AOV];
      break;
    case SC_HYPOTHESIS_METRIC_P_ALIVE:
      source = f->values[SC_FEATURE_P_ALIVE];
      break;
    case SC_HYPOTHESIS_METRIC_REPEAT_RATE:
    case SC_HYPOTHESIS_N_METRICS:
    default:
      break;
    }
  if (metric == SC_HYPOTHESIS_METRIC_P_ALIVE && source == NULL)
    return FALSE;

  for (guint32 i = 0; i < f->n; i++)
    {
      if (!(orders[i] >= 1))
        out[i] = NAN;
      else if (source == NULL)
        out[i] = orders[i] >= 2 ? 1 : 0;
      else
        out[i] = isfinite (source[i]) ? source[i] : NAN;
    }
  return TRUE;
}

static const ScAttribute *
find_attribute (const ScHypothesisData *data,
                const char             *name)
{
  for (guint i = 0; data->attributes != NULL && i < data->attributes->len; i++)
    {
      const ScAttribute *a = g_ptr_array_index (data->attributes, i);

      if (g_utf8_collate (a->name, name) == 0 || g_ascii_strcasecmp (a->name, name) == 0)
        return a;
    }
  return NULL;
}

static int
find_level (const ScAttribute *a,
            const char        *value)
{
  for (guint l = 0; l < a->n_levels; l++)
    if (g_strcmp0 (a->levels[l], value) == 0)
      return (int) l;
  for (guint l = 0; l < a->n_levels; l++)
    if (g_ascii_strcasecmp (a->levels[l], value) == 0)
      return (int) l;
  return -1;
}

static int
find_segment (const ScHypothesisData *data,
              const char             *name)
{
  for (guint s = 0; s < data->n_segments; s++)
    if (g_strcmp0 (data->segment_names[s], name) == 0)
      return (int) s;
  for (guint s = 0; s < data->n_segments; s++)
    if (g_ascii_strcasecmp (data->segment_names[s], name) == 0)
      return (int) s;
  return -1;
}

/* The index of an interaction type, its case ignored, or -1. */
static int
find_interaction (const ScHypothesisData *data,
                  const char             *type)
{
  for (guint t = 0; data->interaction_types != NULL && data->interaction_types[t] != NULL; t++)
    if (g_utf8_collate (data->interaction_types[t], type) == 0 ||
        g_ascii_strcasecmp (data->interaction_types[t], type) == 0)
      return (int) t;
  return -1;
}

/**
 * sc_hypothesis_resolve:
 * @hypothesis: a hypothesis being added; attribute, value and segment names are given the
 *   project's spelling
 *
 * Checks that the group exists in @data.
 *
 * Returns: %FALSE with %SC_ERROR_INVALID_INPUT for a group the project does not have, or
 *   %SC_ERROR_NO_DATA for an interaction type when the project holds no interactions
 */
gboolean
sc_hypothesis_resolve (ScHypothesis            *h,
                       const ScHypothesisData  *data,
                       GError                 **error)
{
  const ScAttribute *a;
  int index;

  switch (h->group)
    {
    case SC_HYPOTHESIS_GROUP_INTERACTION:
      if (data->interaction_types == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                       _("No interactions imported: import an interactions file first "
                         "(Import Data, or segments-cli import PROJECT --interactions FILE)."));
          return FALSE;
        }
      index = find_interaction (data, h->value);
      if (index < 0)
        {
          g_autofree char *types = g_strjoinv (", ", data->interaction_types);

          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("No interaction has the type “%s”; the project’s types are %s."),
                       h->value, types);
          return FALSE;
        }
      g_free (h->value);
      h->value = g_strdup (data->interaction_types[index]);
      return TRUE;

    case SC_HYPOTHESIS_GROUP_SEGMENT:
      if (data->labels == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("The project has no segments yet: segment it first."));
          return FALSE;
        }
      index = find_segment (data, h->value);
      if (index < 0)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("No segment is named “%s”."), h->value);
          return FALSE;
        }
      g_free (h->value);
      h->value = g_strdup (data->segment_names[index]);
      return TRUE;

    case SC_HYPOTHESIS_GROUP_ATTRIBUTE:
    default:
      a = find_attribute (data, h->attribute);
      if (a == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("The customer list has no attribute “%s”."), h->attribute);
          return FALSE;
        }
      if (!a->categorical)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("“%s” holds numbers: a hypothesis compares customers with one "
                         "category of an attribute, such as industry=Retail."), a->name);
          return FALSE;
        }
      index = find_level (a, h->value);
      if (index < 0)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("No customer has %s = “%s”."), a->name, h->value);
          return FALSE;
        }
      g_free (h->attribute);
      h->attribute = g_strdup (a->name);
      g_free (h->value);
      h->value = g_strdup (a->levels[index]);
      return TRUE;
    }
}

/* 1 group, 0 rest, 2 left out, for a hypothesis sc_hypothesis_resolve() accepted. */
static guint8 *
group_mask (const ScHypothesis     *h,
            const ScHypothesisData *data)
{
  guint32 n = data->features->n;
  guint8 *mask = g_new (guint8, MAX (n, 1));

  if (h->group == SC_HYPOTHESIS_GROUP_INTERACTION)
    {
      const guint8 *seen = data->interaction_seen[find_interaction (data, h->value)];

      for (guint32 i = 0; i < n; i++)
        mask[i] = seen[i] != 0;
    }
  else if (h->group == SC_HYPOTHESIS_GROUP_SEGMENT)
    {
      int position = find_segment (data, h->value);

      for (guint32 i = 0; i < n; i++)
        mask[i] = data->labels[i] >= data->n_segments ? 2 : data->labels[i] == position;
    }
  else
    {
      const ScAttribute *a = find_attribute (data, h->attribute);
      int level = find_level (a, h->value);

      for (guint32 i = 0; i < n; i++)
        mask[i] = a->codes[i] < 0 ? 2 : a->codes[i] == level;
    }
  return mask;
}

/* ------------------------------------------------------------------------------------------ */
/* Suggestions                                                                                 */

static int
compare_strength (gconstpointer a,
                  gconstpointer b)
{
  const ScHypothesisResult *x = *(ScHypothesisResult * const *) a;
  const ScHypothesisResult *y = *(ScHypothesisResult * const *) b;
  double sx = fabs (log (x->effect));
  double sy = fabs (log (y->effect));

  return sx > sy ? -1 : sx < sy;
}

static gboolean
already_stated (GPtrArray          *hypotheses,
                const ScHypothesis *h)
{
  for (guint i = 0; i < hypotheses->len; i++)
    {
      const ScHypothesis *s = g_ptr_array_index (hypotheses, i);

      if (s->group == h->group && s->metric == h->metric &&
          g_strcmp0 (s->attribute, h->attribute) == 0 && g_strcmp0 (s->value, h->value) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The best metric of each level of @a, when clear enough, added to @out. */
static void
suggest_attribute (const ScAttribute  *a,
                   guint32             n_customers,
                   double * const     *values,
                   GPtrArray          *hypotheses,
                   GPtrArray          *out)
{
  g_autofree ScHypothesisResult **best = g_new0 (ScHypothesisResult *, a->n_levels);
  g_autofree double *pooled = NULL;
  g_autofree double *ranks = NULL;
  g_autofree gint32 *codes = NULL;
  g_autofree guint8 *in_x = NULL;

  for (guint m = 0; m < SC_HYPOTHESIS_N_METRICS; m++)
    {
      g_autofree double *sum = NULL;
      g_autofree guint64 *count = NULL;
      double total = 0, tie_term;
      guint64 total_count = 0;
      guint32 n = 0;

      if (values[m] == NULL)
        continue;
      if (pooled == NULL)
        {
          pooled = g_new (double, MAX (n_customers, 1));
          ranks = g_new (double, MAX (n_customers, 1));
          codes = g_new (gint32, MAX (n_customers, 1));
          in_x = g_new (guint8, MAX (n_customers, 1));
        }
      for (guint32 i = 0; i < n_customers; i++)
        if (a->codes[i] >= 0 && !isnan (values[m][i]))
          {
            pooled[n] = values[m][i];
            codes[n++] = a->codes[i];
          }
      sum = g_new0 (double, a->n_levels);
      count = g_new0 (guint64, a->n_levels);
      for (guint32 i = 0; i < n; i++)
        {
          sum[codes[i]] += pooled[i];
          count[codes[i]]++;
          total += pooled[i];
          total_count++;
        }
      tie_term = m == SC_HYPOTHESIS_METRIC_REPEAT_RATE ? 0 : sc_rank_average (pooled, n, ranks);

      for (guint l = 0; l < a->n_levels; l++)
        {
          guint64 n_rest = total_count - count[l];
          double group_mean, rest_mean, effect, p = NAN;
          ScHypothesis h = { 0 };
          ScHypothesisResult *r;

          if (count[l] < SC_HYPOTHESIS_MIN_GROUP || n_rest < SC_HYPOTHESIS_MIN_GROUP)
            continue;
          group_mean = sum[l] / (double) count[l];
          rest_mean = (total - sum[l]) / (double) n_rest;
          if (!(rest_mean > 0 && group_mean > 0))
            continue;
          effect = group_mean / rest_mean;
          if (fabs (log (effect)) < log (SUGGEST_MIN_RATIO))
            continue;

          h.group = SC_HYPOTHESIS_GROUP_ATTRIBUTE;
          h.attribute = a->name;
          h.value = a->levels[l];
          h.metric = m;
          h.direction = effect > 1 ? SC_HYPOTHESIS_HIGHER : SC_HYPOTHESIS_LOWER;
          if (already_stated (hypotheses, &h))
            continue;

          if (m == SC_HYPOTHESIS_METRIC_REPEAT_RATE)
            sc_two_proportions ((guint64) llround (sum[l]), count[l],
                                (guint64) llround (total - sum[l]), n_rest,
                                effect > 1 ? SC_ALTERNATIVE_GREATER : SC_ALTERNATIVE_LESS,
                                NULL, &p);
          else
            {
              for (guint32 i = 0; i < n; i++)
                in_x[i] = codes[i] == (gint32) l;
              sc_mann_whitney_ranked (ranks, in_x, n, tie_term,
                                      effect > 1 ? SC_ALTERNATIVE_GREATER : SC_ALTERNATIVE_LESS,
                                      NULL, &p);
            }
          if (!(p < SUGGEST_P))
            continue;
          if (best[l] != NULL && fabs (log (best[l]->effect)) >= fabs (log (effect)))
            continue;

          r = g_new0 (ScHypothesisResult, 1);
          sc_hypothesis_copy_into (&r->hypothesis, &h);
          r->statement = sc_hypothesis_statement (&h);
          r->verdict = SC_HYPOTHESIS_NOT_SUPPORTED;
          r->effect = effect;
          r->ci_low = r->ci_high = r->p_adjusted = NAN;
          r->p_value = p;
          r->group_value = group_mean;
          r->rest_value = rest_mean;
          r->n_group = count[l];
          r->n_rest = n_rest;
          g_clear_pointer (&best[l], sc_hypothesis_result_free);
          best[l] = r;
        }
    }

  for (guint l = 0; l < a->n_levels; l++)
    if (best[l] != NULL)
      g_ptr_array_add (out, best[l]);
}

static void
write_suggestion_sentence (ScHypothesisResult *r)
{
  g_autofree char *n_group = sc_format_count (r->n_group);
  g_autofree char *n_rest = sc_format_count (r->n_rest);
  g_autofree char *effect = sc_format_number (r->effect, r->effect < 10 ? 2 : 1);

  r->sentence = g_strdup_printf (_("%s = %s: %s× the rest’s %s, %s vs %s customers."),
                                 r->hypothesis.attribute, r->hypothesis.value, effect,
                                 sc_hypothesis_metric_to_label (r->hypothesis.metric),
                                 n_group, n_rest);
}

/**
 * sc_hypothesis_test:
 * @hypotheses: (element-type ScHypothesis): the project's hypotheses
 * @data: the project's customers
 * @suggest: whether to look for suggestions too
 *
 * Tests every hypothesis (sc_hypothesis_evaluate(), then sc_hypothesis_conclude() over
 * all of them) and, with @suggest, proposes up to five more from the customer list.
 *
 * Returns: (transfer full) (nullable): the results, %NULL when cancelled
 */
ScHypothesisReport *
sc_hypothesis_test (GPtrArray               *hypotheses,
                    const ScHypothesisData  *data,
                    gboolean                 suggest,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  g_autoptr(ScHypothesisReport) report = g_new0 (ScHypothesisReport, 1);
  guint32 n = data->features->n;
  double *values[SC_HYPOTHESIS_N_METRICS] = { NULL };

  report->results = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_hypothesis_result_free);
  report->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_hypothesis_result_free);

  for (guint m = 0; m < SC_HYPOTHESIS_N_METRICS; m++)
    {
      values[m] = g_new (double, MAX (n, 1));
      if (!metric_values (data->features, m, values[m]))
        g_clear_pointer (&values[m], g_free);
    }

  for (guint i = 0; i < hypotheses->len; i++)
    {
      g_autoptr(ScHypothesis) h = sc_hypothesis_copy (g_ptr_array_index (hypotheses, i));
      g_autoptr(GError) why = NULL;
      g_autofree guint8 *mask = NULL;
      ScHypothesisResult *r;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto cancelled;

      if (sc_hypothesis_resolve (h, data, &why) && values[h->metric] == NULL)
        g_set_error (&why, SC_ERROR, SC_ERROR_NO_DATA,
                     _("P(alive) is not estimated for the current data yet: estimate "
                       "customer value first"));
      if (why != NULL)
        {
          double none = NAN;
          guint8 out = 2;

          r = sc_hypothesis_evaluate (h, &none, &out, 1, 0);
          /* the sentence ends it */
          r->why_too_few = g_strdup (why->message);
          if (g_str_has_suffix (r->why_too_few, "."))
            r->why_too_few[strlen (r->why_too_few) - 1] = '\0';
        }
      else
        {
          mask = group_mask (h, data);
          r = sc_hypothesis_evaluate (h, values[h->metric], mask, n, SC_HYPOTHESIS_RESAMPLES);
        }
      g_ptr_array_add (report->results, r);
    }
  sc_hypothesis_conclude (report->results);

  for (guint i = 0; suggest && data->attributes != NULL && i < data->attributes->len; i++)
    {
      const ScAttribute *a = g_ptr_array_index (data->attributes, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto cancelled;
      if (a->categorical && a->n_levels >= 2 && a->n_levels <= MAX_LEVELS)
        suggest_attribute (a, n, values, hypotheses, report->suggestions);
    }
  g_ptr_array_sort (report->suggestions, compare_strength);
  if (report->suggestions->len > MAX_SUGGESTIONS)
    g_ptr_array_set_size (report->suggestions, MAX_SUGGESTIONS);
  for (guint i = 0; i < report->suggestions->len; i++)
    write_suggestion_sentence (g_ptr_array_index (report->suggestions, i));

  for (guint m = 0; m < SC_HYPOTHESIS_N_METRICS; m++)
    g_free (values[m]);
  return g_steal_pointer (&report);

cancelled:
  for (guint m = 0; m < SC_HYPOTHESIS_N_METRICS; m++)
    g_free (values[m]);
  return NULL;
}
