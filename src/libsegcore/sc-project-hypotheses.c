/* sc-project-hypotheses.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The project's hypotheses for the app, the report and the CLI: stating them, removing
 * them, and testing them against the current data with suggestions from the customer list
 * (model/sc-hypothesis.c).  The test reads every customer's features, the customer list
 * and the current segmentation through a connection of its own, so it runs in a worker. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sc-project-private.h"
#include "sc-store-interactions.h"
#include "sc-run.h"

void
sc_category_free (ScCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->name);
  g_strfreev (category->levels);
  g_free (category);
}

/* What hypotheses are tested against, owned by one Data. */
typedef struct
{
  ScHypothesisData  data;
  ScFeatures       *features;
  ScRun            *run;
  const char      **names;
} Data;

static void
data_clear (Data *d)
{
  for (guint t = 0; d->data.interaction_types != NULL && d->data.interaction_types[t] != NULL;
       t++)
    g_free (d->data.interaction_seen[t]);
  g_clear_pointer (&d->data.interaction_seen, g_free);
  g_clear_pointer (&d->data.interaction_types, g_strfreev);
  g_clear_pointer (&d->features, sc_features_free);
  g_clear_pointer (&d->data.attributes, g_ptr_array_unref);
  g_clear_pointer (&d->run, sc_run_free);
  g_clear_pointer (&d->names, g_free);
}

/* Which customers have at least one interaction of each type (any date). */
static gboolean
load_interactions (Data     *d,
                   ScStore  *store,
                   guint32   n,
                   GError  **error)
{
  g_autoptr(ScInteractions) ix = NULL;
  guint n_types;

  if (!sc_store_has_interactions (store))
    return TRUE;
  ix = sc_store_load_interactions (store, NULL, error);
  if (ix == NULL)
    return FALSE;
  n_types = sc_interactions_n_types (ix);
  d->data.interaction_types = g_new0 (char *, n_types + 1);
  d->data.interaction_seen = g_new0 (guint8 *, n_types + 1);
  for (guint t = 0; t < n_types; t++)
    {
      d->data.interaction_types[t] = g_strdup (ix->types[t]);
      d->data.interaction_seen[t] = g_new0 (guint8, MAX (n, 1));
    }
  for (gsize r = 0; r < ix->n; r++)
    if (ix->type[r] < n_types && ix->customer[r] < n)
      d->data.interaction_seen[ix->type[r]][ix->customer[r]] = 1;
  return TRUE;
}

static gboolean
data_load (Data     *d,
           ScStore  *store,
           gboolean  with_features,
           GError  **error)
{
  guint32 n = sc_store_get_n_customers (store);

  if (with_features)
    {
      d->features = sc_run_load_customer_features (store, SC_FEATURES_AS_OF_AUTO, error);
      if (d->features == NULL)
        return FALSE;
      n = d->features->n;
    }
  if (!sc_store_load_attributes (store, n, &d->data.attributes, error))
    return FALSE;

  d->run = sc_run_load_current (store, error);
  if (d->run == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (d->run != NULL && d->run->n_customers == n)
    {
      d->names = g_new0 (const char *, d->run->n_segments + 1);
      for (guint s = 0; s < d->run->n_segments; s++)
        d->names[s] = d->run->segments[s].name;
      d->data.labels = d->run->labels;
      d->data.n_segments = d->run->n_segments;
      d->data.segment_names = d->names;
    }
  d->data.features = d->features;
  return load_interactions (d, store, n, error);
}

/**
 * sc_project_list_hypotheses:
 *
 * Returns: (transfer full) (nullable) (element-type ScHypothesis): the project's
 *   hypotheses in the order they were added, or %NULL with @error set
 */
GPtrArray *
sc_project_list_hypotheses (ScProject  *self,
                            GError    **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);
  GPtrArray *hypotheses = NULL;

  if (store == NULL || !sc_hypothesis_store_list (store, &hypotheses, error))
    return NULL;
  return hypotheses;
}

static gpointer
categories_work (ScStore       *store,
                 gpointer       input,
                 ScJob         *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) attributes = NULL;
  GPtrArray *categories;

  if (!sc_store_list_attributes (store, &attributes, error))
    return NULL;

  categories = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_category_free);
  for (guint i = 0; i < attributes->len; i++)
    {
      ScAttribute *a = g_ptr_array_index (attributes, i);
      ScCategory *c;

      if (!a->categorical || a->n_levels == 0)
        continue;
      c = g_new0 (ScCategory, 1);
      c->name = g_strdup (a->name);
      c->levels = g_new0 (char *, a->n_levels + 1);
      for (guint l = 0; l < a->n_levels; l++)
        c->levels[l] = g_strdup (a->levels[l]);
      g_ptr_array_add (categories, c);
    }
  return categories;
}

/**
 * sc_project_list_categories:
 *
 * The categorical attributes of the customer list with their values, for choosing a
 * hypothesis's group.
 *
 * Returns: (transfer full) (nullable) (element-type ScCategory): the attributes, or %NULL
 *   with @error set
 */
GPtrArray *
sc_project_list_categories (ScProject  *self,
                            GError    **error)
{
  return _sc_project_run (self, categories_work, NULL, NULL, NULL, error);
}

/* Reads the categories in a worker: the customer list of a large project is slow to open. */
void
sc_project_list_categories_async (ScProject           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_list_categories_async, categories_work, NULL, NULL,
                         (GDestroyNotify) g_ptr_array_unref, NULL, cancellable, callback,
                         user_data);
}

/**
 * sc_project_list_categories_finish:
 *
 * Returns: (transfer full) (nullable) (element-type ScCategory): the attributes
 */
GPtrArray *
sc_project_list_categories_finish (ScProject     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_list_categories_async, error);
}

/**
 * sc_project_add_hypothesis:
 * @hypothesis: what to state; its group must exist in the project
 *
 * Stores a hypothesis in one transaction, with the project's spelling of the attribute,
 * value or segment.  Fails with %SC_ERROR_INVALID_INPUT for a group the project does not
 * have or a hypothesis it already states, and %SC_ERROR_NO_DATA for an interaction type
 * when the project holds no interactions.
 *
 * Returns: the new hypothesis's id, or 0 with @error set
 */
gint64
sc_project_add_hypothesis (ScProject           *self,
                           const ScHypothesis  *hypothesis,
                           GError             **error)
{
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScHypothesis) h = NULL;
  Data d = { { 0 } };
  gboolean ok;

  g_return_val_if_fail (SC_IS_PROJECT (self), 0);
  g_return_val_if_fail (hypothesis != NULL && hypothesis->value != NULL, 0);

  store = _sc_project_open_store (self, error);
  if (store == NULL)
    return 0;

  h = sc_hypothesis_copy (hypothesis);
  ok = data_load (&d, store, FALSE, error) && sc_hypothesis_resolve (h, &d.data, error) &&
       sc_hypothesis_store_add (store, h, error);
  data_clear (&d);
  return ok ? h->id : 0;
}

/**
 * sc_project_remove_hypothesis:
 * @id: a hypothesis's id
 *
 * Removes it in one transaction; fails with %SC_ERROR_INVALID_INPUT for an unknown id.
 */
gboolean
sc_project_remove_hypothesis (ScProject  *self,
                              gint64      id,
                              GError    **error)
{
  g_autoptr(ScStore) store = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  store = _sc_project_open_store (self, error);
  return store != NULL && sc_hypothesis_store_remove (store, id, error);
}

ScHypothesisReport *
_sc_project_test_hypotheses_in (ScStore       *store,
                                gboolean       suggest,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GPtrArray) hypotheses = NULL;
  ScHypothesisReport *report = NULL;
  Data d = { { 0 } };

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (sc_store_get_n_customers (store) == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("The project has no customers yet: import data first."));
      return NULL;
    }
  if (sc_hypothesis_store_list (store, &hypotheses, error) &&
      data_load (&d, store, TRUE, error))
    report = sc_hypothesis_test (hypotheses, &d.data, suggest, cancellable, error);
  data_clear (&d);
  return report;
}

static gpointer
test_work (ScStore       *store,
           gpointer       input,
           ScJob         *job,
           GCancellable  *cancellable,
           GError       **error)
{
  return _sc_project_test_hypotheses_in (store, GPOINTER_TO_INT (input), cancellable, error);
}

/**
 * sc_project_test_hypotheses:
 * @suggest: whether to look for suggestions from the customer list as well
 *
 * Tests every hypothesis of the project against the current data, correcting their
 * p-values together.
 *
 * Returns: (transfer full) (nullable): the results, or %NULL with @error set
 */
ScHypothesisReport *
sc_project_test_hypotheses (ScProject     *self,
                            gboolean       suggest,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return _sc_project_run (self, test_work, GINT_TO_POINTER (suggest), NULL, cancellable,
                          error);
}

void
sc_project_test_hypotheses_async (ScProject           *self,
                                  gboolean             suggest,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_test_hypotheses_async, test_work,
                         GINT_TO_POINTER (suggest), NULL,
                         (GDestroyNotify) sc_hypothesis_report_free, NULL, cancellable,
                         callback, user_data);
}

/**
 * sc_project_test_hypotheses_finish:
 *
 * Returns: (transfer full) (nullable): the results
 */
ScHypothesisReport *
sc_project_test_hypotheses_finish (ScProject     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_test_hypotheses_async, error);
}
