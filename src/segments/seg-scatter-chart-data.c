/* seg-scatter-chart-data.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the scatter chart draws, prepared away from the main thread in two stages:
 *
 * 1. load: sc_project_load_customer_data_async() reads the customers' features at the run's
 *    as-of day (with CLV and P(alive) of a fresh value model) and their ids.  A source pairs
 *    them with the run whose segments are drawn; it is immutable and reference counted, so
 *    later builds share it across threads.  The project's "changed-parts" says what to do
 *    on a change: new data or a new value model load again (from the next layout, and only
 *    if the chart is shown at all); an edit of the segments or their members only makes a
 *    new source around the customers already read, and builds again in a worker.
 * 2. build: sc_scatter_cache_new() lays the chart out and bins the points to the pixels of
 *    a given size, scale, pair of features, log scales and zoom.  Builds run again when
 *    any of these change; size changes wait 100 ms for the resizing to stop, meanwhile the
 *    last cache is painted stretched.
 *
 * A newer request cancels the older one and a serial number drops a result that arrives
 * late.  No task has the chart as its source object: see Target. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-format.h"
#include "seg-scatter-chart-private.h"
#include "seg-widget-util.h"

#define RESIZE_DELAY_MS 100

/* ------------------------------------------------------------------------------------------ */
/* Sources                                                                                    */

static void
customers_clear (SegScatterCustomers *customers)
{
  g_clear_pointer (&customers->data, sc_customer_data_free);
}

static SegScatterCustomers *
customers_ref (SegScatterCustomers *customers)
{
  return g_atomic_rc_box_acquire (customers);
}

static void
customers_unref (SegScatterCustomers *customers)
{
  g_atomic_rc_box_release_full (customers, (GDestroyNotify) customers_clear);
}

static void
source_clear (SegScatterSource *source)
{
  g_clear_pointer (&source->run, sc_run_free);
  g_clear_pointer (&source->customers, customers_unref);
}

static SegScatterSource *
source_ref (SegScatterSource *source)
{
  return g_atomic_rc_box_acquire (source);
}

static void
source_unref (SegScatterSource *source)
{
  g_atomic_rc_box_release_full (source, (GDestroyNotify) source_clear);
}

/* Takes @run; @customers is shared. */
static SegScatterSource *
source_new (ScRun               *run,
            SegScatterCustomers *customers)
{
  SegScatterSource *source = g_atomic_rc_box_new0 (SegScatterSource);

  source->run = run;
  source->customers = customers_ref (customers);
  source->features = customers->data->features;
  source->keys = customers->data->keys;
  return source;
}

gboolean
_seg_scatter_chart_source_has (SegScatterSource *source,
                               ScFeature         feature)
{
  return source != NULL && source->features->values[feature] != NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Builds                                                                                     */

typedef struct
{
  SegScatterKey     key;
  SegScatterSource *source;
  ScPalette        *palette;
} BuildInput;

static void
build_input_free (BuildInput *input)
{
  g_clear_pointer (&input->source, source_unref);
  g_clear_pointer (&input->palette, sc_palette_free);
  g_free (input);
}

static void
axes_from_key (const SegScatterKey *key,
               ScScatterAxes       *axes)
{
  sc_scatter_axes_init (axes);
  axes->x_log = key->x_log;
  axes->y_log = key->y_log;
  axes->x_min = key->zoom[0];
  axes->x_max = key->zoom[1];
  axes->y_min = key->zoom[2];
  axes->y_max = key->zoom[3];
}

/* Thread-safe: reads only the immutable source and its arguments. */
ScScatterCache *
_seg_scatter_chart_build_cache (SegScatterSource     *source,
                                const SegScatterKey  *key,
                                double                scale,
                                const ScPalette      *palette,
                                GError              **error)
{
  ScScatterData data;
  ScScatterAxes axes;
  ScScatterCache *cache;

  if (!sc_scatter_data_init_from_run (&data, source->run, source->features, key->x, key->y,
                                      error))
    return NULL;

  axes_from_key (key, &axes);
  cache = sc_scatter_cache_new (&data, key->width, key->height, scale, &axes, palette);
  sc_scatter_data_clear (&data);

  return cache;
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildInput *input = task_data;
  ScScatterCache *cache;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  cache = _seg_scatter_chart_build_cache (input->source, &input->key, input->key.scale,
                                          input->palette, &error);
  if (cache == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cache, (GDestroyNotify) sc_scatter_cache_free);
}

static gboolean
keys_equal (const SegScatterKey *a,
            const SegScatterKey *b)
{
  if (a->source != b->source || a->x != b->x || a->y != b->y || a->x_log != b->x_log ||
      a->y_log != b->y_log || a->width != b->width || a->height != b->height ||
      a->scale != b->scale)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    if (!(a->zoom[i] == b->zoom[i] || (isnan (a->zoom[i]) && isnan (b->zoom[i]))))
      return FALSE;

  return TRUE;
}

static void
current_key (SegScatterChart *self,
             SegScatterKey   *key)
{
  memset (key, 0, sizeof *key);
  key->source = self->source;
  key->x = self->x_feature;
  key->y = self->y_feature;
  key->x_log = self->x_log;
  key->y_log = self->y_log;
  memcpy (key->zoom, self->zoom, sizeof key->zoom);
  key->width = self->want_width;
  key->height = self->want_height;
  key->scale = self->want_scale;
}

gboolean
_seg_scatter_chart_get_busy (SegScatterChart *self)
{
  return self->load_cancellable != NULL || self->build_cancellable != NULL ||
         self->debounce_id != 0;
}

static void
cancel_build (SegScatterChart *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->build_cancellable != NULL)
    {
      g_cancellable_cancel (self->build_cancellable);
      g_clear_object (&self->build_cancellable);
    }
}

void
_seg_scatter_chart_update_description (SegScatterChart *self)
{
  guint32 n = self->cache != NULL ? sc_scatter_cache_get_n_points (self->cache) : 0;
  g_autofree char *count = seg_format_count (n);
  g_autofree char *text = NULL;

  /* Translators: the description of the scatter chart for screen readers; the first two
   * %s are axis names such as "Recency (days)", the third a number of customers */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Customers by %s and %s, coloured by segment. "
                                       "%s customer shown.",
                                       "Customers by %s and %s, coloured by segment. "
                                       "%s customers shown.", n),
                          sc_feature_to_label (self->x_feature),
                          sc_feature_to_label (self->y_feature), count);
  /* The legend may shorten a name; the description holds every name whole. */
  if (self->source != NULL && self->source->run != NULL && self->source->run->n_segments > 0)
    {
      const ScRun *run = self->source->run;
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *summary = g_steal_pointer (&text);

      for (guint s = 0; s < run->n_segments; s++)
        {
          if (s > 0)
            /* Translators: between two segment names in a list */
            g_string_append (names, _(", "));
          g_string_append (names, run->segments[s].name);
        }
      /* Translators: the scatter chart's description for screen readers, then its legend:
       * the segments' names separated by commas */
      text = g_strdup_printf (_("%s Segments: %s."), summary, names->str);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
set_cache (SegScatterChart *self,
           ScScatterCache  *cache,
           const SegScatterKey  *key)
{
  guint before = seg_scatter_chart_get_n_shown (self);

  g_clear_pointer (&self->cache, sc_scatter_cache_free);
  self->cache = cache;
  if (key != NULL)
    self->cache_key = *key;
  else
    memset (&self->cache_key, 0, sizeof self->cache_key);
  self->hover_point = -1;

  if (before != seg_scatter_chart_get_n_shown (self))
    _seg_scatter_chart_notify (self, SEG_SCATTER_PROP_N_SHOWN);
  _seg_scatter_chart_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_error (SegScatterChart *self,
           const char      *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Tasks hold no reference to the chart: a GTask's last reference may go in its worker
 * thread, and a widget must be finalized in the main thread.  The callback finds the chart,
 * if it still exists, through a weak reference. */
typedef struct
{
  GWeakRef chart;
  guint    serial;
} Target;

static Target *
target_new (SegScatterChart *self,
            guint            serial)
{
  Target *target = g_new0 (Target, 1);

  g_weak_ref_init (&target->chart, self);
  target->serial = serial;
  return target;
}

/* Returns the chart, a new reference, or NULL; frees @target. */
static SegScatterChart *
target_take (Target *target,
             guint  *serial)
{
  SegScatterChart *self = g_weak_ref_get (&target->chart);

  *serial = target->serial;
  g_weak_ref_clear (&target->chart);
  g_free (target);
  return self;
}

static void
on_build_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint serial;
  g_autoptr(SegScatterChart) self = target_take (user_data, &serial);
  g_autoptr(GError) error = NULL;
  ScScatterCache *cache;

  cache = g_task_propagate_pointer (G_TASK (result), &error);

  /* The chart is gone, or a newer build or a dispose took over. */
  if (self == NULL || serial != self->build_serial ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&cache, sc_scatter_cache_free);
      return;
    }

  {
    SEG_SCATTER_BUSY_BEGIN (self);

    g_clear_object (&self->build_cancellable);
    if (cache != NULL)
      {
        self->n_builds++;
        set_error (self, NULL);
        set_cache (self, cache, &self->build_key);
      }
    else
      {
        set_cache (self, NULL, NULL);
        set_error (self, error->message);
      }

    SEG_SCATTER_BUSY_END (self);
  }
}

static void
start_build (SegScatterChart *self)
{
  g_autoptr(GTask) task = NULL;
  BuildInput *input;
  SEG_SCATTER_BUSY_BEGIN (self);

  cancel_build (self);

  input = g_new0 (BuildInput, 1);
  current_key (self, &input->key);
  input->source = source_ref (self->source);
  input->palette = sc_palette_copy (seg_chart_get_palette (SEG_CHART (self)));

  self->build_key = input->key;
  self->build_cancellable = g_cancellable_new ();
  self->build_serial++;

  task = g_task_new (NULL, self->build_cancellable, on_build_done,
                     target_new (self, self->build_serial));
  g_task_set_source_tag (task, start_build);
  g_task_set_task_data (task, input, (GDestroyNotify) build_input_free);
  sc_job_run_in_thread (task, build_thread);

  SEG_SCATTER_BUSY_END (self);
}

static gboolean
on_debounce (gpointer user_data)
{
  SegScatterChart *self = user_data;

  self->debounce_id = 0;
  start_build (self);
  return G_SOURCE_REMOVE;
}

/* Makes the cache match the current settings and size, when there is data to show. */
void
_seg_scatter_chart_request_build (SegScatterChart *self)
{
  SegScatterKey key;
  SEG_SCATTER_BUSY_BEGIN (self);

  if (self->source == NULL || self->want_width <= 0 || self->want_height <= 0)
    goto out;

  current_key (self, &key);

  if (self->cache != NULL && keys_equal (&key, &self->cache_key))
    {
      cancel_build (self);
      goto out;
    }

  if (self->build_cancellable != NULL && keys_equal (&key, &self->build_key))
    goto out;

  /* While the size is changing, the stretched cache stands in. */
  if (self->cache != NULL && self->cache_key.source == key.source &&
      (self->cache_key.width != key.width || self->cache_key.height != key.height))
    {
      SegScatterKey same_size = key;

      same_size.width = self->cache_key.width;
      same_size.height = self->cache_key.height;
      if (keys_equal (&same_size, &self->cache_key))
        {
          if (self->build_cancellable != NULL)
            {
              g_cancellable_cancel (self->build_cancellable);
              g_clear_object (&self->build_cancellable);
            }
          g_clear_handle_id (&self->debounce_id, g_source_remove);
          self->debounce_id = g_timeout_add (RESIZE_DELAY_MS, on_debounce, self);
          goto out;
        }
    }

  start_build (self);

out:
  SEG_SCATTER_BUSY_END (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Loading                                                                                    */

static void
set_source (SegScatterChart  *self,
            SegScatterSource *source)
{
  gboolean had_potential = _seg_scatter_chart_source_has (self->source, SC_FEATURE_CLV);

  g_clear_pointer (&self->source, source_unref);
  self->source = source;

  /* A feature that is no longer available gives way to the default. */
  if (source != NULL && (!_seg_scatter_chart_source_has (source, self->x_feature) ||
                         !_seg_scatter_chart_source_has (source, self->y_feature)))
    seg_scatter_chart_set_features (self,
                                    _seg_scatter_chart_source_has (source, self->x_feature)
                                    ? self->x_feature : SEG_SCATTER_DEFAULT_X,
                                    _seg_scatter_chart_source_has (source, self->y_feature)
                                    ? self->y_feature : SEG_SCATTER_DEFAULT_Y);

  if (had_potential != _seg_scatter_chart_source_has (self->source, SC_FEATURE_CLV))
    _seg_scatter_chart_notify (self, SEG_SCATTER_PROP_HAS_POTENTIAL);
}

static void
finish_load (SegScatterChart *self,
             ScCustomerData  *data,
             const GError    *error)
{
  SEG_SCATTER_BUSY_BEGIN (self);

  g_clear_object (&self->load_cancellable);

  if (data == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason, a sentence */
      message = g_strdup_printf (_("The customers could not be read. %s"), error->message);
      set_source (self, NULL);
      set_cache (self, NULL, NULL);
      set_error (self, message);
    }
  else
    {
      SegScatterCustomers *customers = g_atomic_rc_box_new0 (SegScatterCustomers);
      ScRun *run = g_steal_pointer (&data->run);

      customers->data = data;
      set_error (self, NULL);
      set_source (self, source_new (run, customers));
      customers_unref (customers);
      _seg_scatter_chart_request_build (self);
    }

  SEG_SCATTER_BUSY_END (self);
}

static void
on_load_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint serial;
  g_autoptr(SegScatterChart) self = target_take (user_data, &serial);
  g_autoptr(GError) error = NULL;
  ScCustomerData *data;

  data = sc_project_load_customer_data_finish (SC_PROJECT (object), result, &error);

  if (self == NULL || serial != self->load_serial ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&data, sc_customer_data_free);
      return;
    }

  finish_load (self, data, error);
}

static void
cancel_load (SegScatterChart *self)
{
  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }
}

void
_seg_scatter_chart_start_load (SegScatterChart *self)
{
  const ScRun *run = self->project != NULL ? sc_project_get_run (self->project) : NULL;
  SEG_SCATTER_BUSY_BEGIN (self);

  self->source_stale = FALSE;
  self->load_serial++;
  cancel_load (self);
  cancel_build (self);

  if (run == NULL || run->n_segments == 0)
    {
      set_source (self, NULL);
      set_cache (self, NULL, NULL);
      set_error (self, NULL);
      goto out;
    }

  self->load_cancellable = g_cancellable_new ();
  sc_project_load_customer_data_async (self->project, run, self->load_cancellable,
                                       on_load_done, target_new (self, self->load_serial));

out:
  SEG_SCATTER_BUSY_END (self);
}

/* Whether the customers read for the shown source still hold after a change of @parts:
 * their features depend on the data, the value model and the run's as-of day only. */
static gboolean
customers_still_hold (SegScatterChart *self,
                      ScProjectParts   parts,
                      const ScRun     *run)
{
  return self->source != NULL && self->load_cancellable == NULL && !self->source_stale &&
         (parts & (SC_PROJECT_PART_DATA | SC_PROJECT_PART_VALUE_MODEL)) == 0 &&
         run != NULL && run->n_segments > 0 &&
         run->params.as_of == self->source->run->params.as_of &&
         run->n_customers == self->source->features->n;
}

static void
on_changed_parts (SegScatterChart *self,
                  guint            parts)
{
  const ScRun *run = sc_project_get_run (self->project);

  if (!customers_still_hold (self, parts, run))
    {
      /* Loaded from the next layout, and only if the chart is shown at all. */
      self->source_stale = TRUE;
      return;
    }

  /* New names, colours or members: drawn from the customers already read, binned again in
   * a worker from the next layout (SegChart invalidates on "changed"). */
  if (parts & (SC_PROJECT_PART_RUN | SC_PROJECT_PART_MEMBERSHIP |
               SC_PROJECT_PART_SEGMENT_FIELDS))
    set_source (self, source_new (sc_run_copy (run), self->source->customers));
}

static void
on_project_notify (SegScatterChart *self)
{
  ScProject *project = seg_chart_get_project (SEG_CHART (self));
  SEG_SCATTER_BUSY_BEGIN (self);

  seg_set_watched_object ((gpointer *) &self->project, project, "changed-parts",
                          G_CALLBACK (on_changed_parts), self);

  /* Another project's customers must not stand in while this one's load. */
  self->load_serial++;
  cancel_load (self);
  cancel_build (self);
  set_source (self, NULL);
  set_cache (self, NULL, NULL);
  set_error (self, NULL);
  seg_scatter_chart_reset_zoom (self);
  self->source_stale = TRUE;

  SEG_SCATTER_BUSY_END (self);
}

/* ------------------------------------------------------------------------------------------ */

/* Drops the work in flight: its results will not be taken. */
void
_seg_scatter_chart_drop_work (SegScatterChart *self)
{
  self->load_serial++;
  self->build_serial++;
  cancel_load (self);
  cancel_build (self);
}

void
_seg_scatter_chart_init_data (SegScatterChart *self)
{
  g_signal_connect (self, "notify::project", G_CALLBACK (on_project_notify), NULL);
}

void
_seg_scatter_chart_dispose_data (SegScatterChart *self)
{
  _seg_scatter_chart_drop_work (self);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_changed_parts, self);
  g_clear_object (&self->project);
}

void
_seg_scatter_chart_finalize_data (SegScatterChart *self)
{
  g_clear_pointer (&self->cache, sc_scatter_cache_free);
  g_clear_pointer (&self->source, source_unref);
  g_free (self->error);
}
