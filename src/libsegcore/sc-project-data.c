/* sc-project-data.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the views and the CLI read of a project besides the current run: the description
 * of a run, per-customer data for the charts, the imports and their problems, the stored
 * aggregates and the RFM thresholds. Each read opens a connection of the calling thread's
 * own, so a worker may call them as well as the main thread. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-edit.h"
#include "sc-project-private.h"
#include "sc-rfm.h"

/* ------------------------------------------------------------------------------------------ */
/* Describing a run                                                                            */

typedef struct
{
  ScRun *run;
  guint  n_examples;
} DescribeInput;

static void
describe_input_free (DescribeInput *input)
{
  g_clear_pointer (&input->run, sc_run_free);
  g_free (input);
}

static gpointer
describe_work (ScStore       *store,
               gpointer       input,
               ScJob         *job,
               GCancellable  *cancellable,
               GError       **error)
{
  DescribeInput *d = input;

  return sc_edit_describe_run (store, d->run, d->n_examples, cancellable, error);
}

/**
 * sc_project_describe_run:
 * @run: a run of the project, usually the current one
 * @n_examples: example customers per segment, at most %SC_EDIT_MAX_EXAMPLES
 *
 * Per segment of @run: feature means against all customers, what sets it apart and a few
 * typical members (see sc_edit_describe_run()).
 *
 * Returns: (transfer full) (nullable): the details, or %NULL with @error set
 */
ScRunDetails *
sc_project_describe_run (ScProject     *self,
                         const ScRun   *run,
                         guint          n_examples,
                         GCancellable  *cancellable,
                         GError       **error)
{
  DescribeInput input = { (ScRun *) run, n_examples };

  g_return_val_if_fail (run != NULL, NULL);

  return _sc_project_run (self, describe_work, &input, NULL, cancellable, error);
}

/**
 * sc_project_describe_run_async:
 * @run: copied before the worker starts
 */
void
sc_project_describe_run_async (ScProject           *self,
                               const ScRun         *run,
                               guint                n_examples,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  DescribeInput *input;

  g_return_if_fail (SC_IS_PROJECT (self));
  g_return_if_fail (run != NULL);

  input = g_new0 (DescribeInput, 1);
  input->run = sc_run_copy (run);
  input->n_examples = n_examples;
  _sc_project_run_async (self, sc_project_describe_run_async, describe_work, input,
                         (GDestroyNotify) describe_input_free,
                         (GDestroyNotify) sc_run_details_free, NULL, cancellable, callback,
                         user_data);
}

/**
 * sc_project_describe_run_finish:
 *
 * Returns: (transfer full) (nullable): the details
 */
ScRunDetails *
sc_project_describe_run_finish (ScProject     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_describe_run_async, error);
}

/**
 * sc_project_validate_segment_name:
 * @segment_id: the segment to be renamed
 *
 * Whether @name may name the segment in the current run: not empty, not another segment's.
 */
gboolean
sc_project_validate_segment_name (ScProject   *self,
                                  gint64       segment_id,
                                  const char  *name,
                                  GError     **error)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  if (self->run == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("There are no segments yet: segment the customers first."));
      return FALSE;
    }
  return sc_edit_validate_name (self->run, segment_id, name, error);
}

/**
 * sc_project_find_customer:
 * @key: a customer key as imported
 * @customer: (out): the dense id
 *
 * Returns: %FALSE with @error set when no customer has that key
 */
gboolean
sc_project_find_customer (ScProject   *self,
                          const char  *key,
                          guint32     *customer,
                          GError     **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL && sc_edit_find_customer (store, key, customer, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Per-customer data                                                                           */

void
sc_customer_data_free (ScCustomerData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->run, sc_run_free);
  g_clear_pointer (&data->features, sc_features_free);
  g_clear_pointer (&data->keys, g_ptr_array_unref);
  g_free (data);
}

static gpointer
customer_data_work (ScStore       *store,
                    gpointer       run,
                    ScJob         *job,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(ScCustomerData) data = g_new0 (ScCustomerData, 1);
  const ScRun *r = run;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  data->features = sc_run_load_customer_features (store, r->params.as_of, error);
  if (data->features == NULL)
    return NULL;
  if (data->features->n != r->n_customers)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The segmentation does not match the customers of the project. "
                     "Segment the data again."));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !sc_store_load_customer_keys (store, &data->keys, error))
    return NULL;
  if (data->keys != NULL && data->keys->len != data->features->n)
    g_clear_pointer (&data->keys, g_ptr_array_unref);

  data->run = sc_run_copy (r);
  return g_steal_pointer (&data);
}

/**
 * sc_project_load_customer_data:
 * @run: the run the data is for, usually the current one
 *
 * Reads what the charts show of the project's customers: features at the run's as-of
 * date, CLV and P(alive) of a value model of the current data, and the customers' keys.
 * Fails when @run does not cover exactly the project's customers.
 *
 * Returns: (transfer full) (nullable): the data, or %NULL with @error set
 */
ScCustomerData *
sc_project_load_customer_data (ScProject     *self,
                               const ScRun   *run,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_return_val_if_fail (run != NULL, NULL);

  return _sc_project_run (self, customer_data_work, (gpointer) run, NULL, cancellable, error);
}

/**
 * sc_project_load_customer_data_async:
 * @run: copied before the worker starts
 */
void
sc_project_load_customer_data_async (ScProject           *self,
                                     const ScRun         *run,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));
  g_return_if_fail (run != NULL);

  _sc_project_run_async (self, sc_project_load_customer_data_async, customer_data_work,
                         sc_run_copy (run), (GDestroyNotify) sc_run_free,
                         (GDestroyNotify) sc_customer_data_free, NULL, cancellable, callback,
                         user_data);
}

/**
 * sc_project_load_customer_data_finish:
 *
 * Returns: (transfer full) (nullable): the data
 */
ScCustomerData *
sc_project_load_customer_data_finish (ScProject     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_load_customer_data_async, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Imports                                                                                     */

/**
 * sc_project_list_imports:
 *
 * Returns: (transfer full) (nullable) (element-type ScImportRecord): the imports, oldest
 *   first, or %NULL with @error set
 */
GArray *
sc_project_list_imports (ScProject  *self,
                         GError    **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);
  GArray *imports = NULL;

  if (store == NULL || !sc_store_list_imports (store, &imports, error))
    return NULL;
  return imports;
}

/**
 * sc_project_list_exclusions:
 *
 * Returns: (transfer full) (nullable) (element-type ScImportExclusion): the orders every
 *   import left out (a status that does not count, a full refund, another currency), summed
 *   by reason, or %NULL with @error set
 */
GArray *
sc_project_list_exclusions (ScProject  *self,
                            GError    **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL ? sc_import_load_exclusions (store, error) : NULL;
}

/**
 * sc_project_foreach_problem:
 * @func: (scope call): called for every problem of every import, in import then line order;
 *   returns %FALSE to stop
 */
gboolean
sc_project_foreach_problem (ScProject      *self,
                            ScProblemFunc   func,
                            gpointer        user_data,
                            GError        **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL && sc_store_foreach_problem (store, func, user_data, error);
}

/**
 * sc_project_get_n_rejected_rows:
 *
 * Returns: the rows all imports rejected; 0 when they cannot be read
 */
guint64
sc_project_get_n_rejected_rows (ScProject *self)
{
  g_autoptr(GArray) imports = sc_project_list_imports (self, NULL);
  guint64 n = 0;

  for (guint i = 0; imports != NULL && i < imports->len; i++)
    n += g_array_index (imports, ScImportRecord, i).rows_rejected;
  return n;
}

/**
 * sc_project_get_run_is_stale:
 *
 * Returns: whether data was imported after the current run was made: its figures then
 *   leave out the new data
 */
gboolean
sc_project_get_run_is_stale (ScProject *self)
{
  g_autoptr(ScStore) store = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  if (self->run == NULL)
    return FALSE;
  /* Versions, not timestamps: an import in the same second as the run is still later. */
  store = _sc_project_open_store (self, NULL);
  return store != NULL && sc_store_get_data_version (store) > self->run->data_version;
}

/**
 * sc_project_load_aggregates:
 *
 * Returns: (transfer full) (nullable): the stored per-customer sums
 */
ScAggregates *
sc_project_load_aggregates (ScProject  *self,
                            GError    **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL ? sc_store_load_aggregates (store, error) : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* RFM                                                                                         */

/* The features RFM scores, as of the day after the last transaction. */
static ScFeatures *
rfm_features (ScStore  *store,
              GError  **error)
{
  g_autoptr(ScAggregates) agg = sc_store_load_aggregates (store, error);

  return agg != NULL ? sc_features_compute (agg, SC_FEATURES_AS_OF_AUTO) : NULL;
}

/**
 * sc_project_get_rfm_thresholds:
 * @thresholds: (out): the thresholds in use
 * @custom: (out) (optional): whether they are the project's own rather than the quintiles
 *   of the data
 */
gboolean
sc_project_get_rfm_thresholds (ScProject        *self,
                               ScRfmThresholds  *thresholds,
                               gboolean         *custom,
                               GError          **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);
  g_autoptr(ScFeatures) features = NULL;
  gboolean own = FALSE;

  if (store == NULL || (features = rfm_features (store, error)) == NULL ||
      !sc_rfm_thresholds_for (store, features, thresholds, &own, error))
    return FALSE;
  if (custom != NULL)
    *custom = own;
  return TRUE;
}

/**
 * sc_project_set_rfm_thresholds:
 * @thresholds: (nullable): the project's own thresholds; %NULL goes back to the quintiles
 *   of the data
 */
gboolean
sc_project_set_rfm_thresholds (ScProject              *self,
                               const ScRfmThresholds  *thresholds,
                               GError                **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL && sc_rfm_thresholds_save (store, thresholds, error);
}

/**
 * sc_project_count_rfm_names:
 * @counts: (out caller-allocates) (array fixed-size=SC_N_RFM_NAMES): customers with orders
 *   per #ScRfmName
 *
 * Scores every customer with @thresholds and counts the customers by RFM group.
 */
gboolean
sc_project_count_rfm_names (ScProject              *self,
                            const ScRfmThresholds  *thresholds,
                            guint64                *counts,
                            GError                **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);
  g_autoptr(ScAggregates) agg = NULL;
  g_autoptr(ScFeatures) features = NULL;
  g_autofree guint8 *r = NULL;
  g_autofree guint8 *f = NULL;
  g_autofree guint8 *m = NULL;

  if (store == NULL || (agg = sc_store_load_aggregates (store, error)) == NULL)
    return FALSE;
  features = sc_features_compute (agg, SC_FEATURES_AS_OF_AUTO);
  r = g_new (guint8, MAX (agg->n, 1));
  f = g_new (guint8, MAX (agg->n, 1));
  m = g_new (guint8, MAX (agg->n, 1));
  sc_rfm_score (features, thresholds, r, f, m);
  memset (counts, 0, sizeof (guint64) * SC_N_RFM_NAMES);
  for (guint32 i = 0; i < agg->n; i++)
    if (agg->n_rows[i] > 0)
      counts[sc_rfm_name (r[i], f[i], m[i])]++;
  return TRUE;
}
