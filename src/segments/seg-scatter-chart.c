/* seg-scatter-chart.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Customers on two features, coloured by segment.  Two stages run in worker threads:
 *
 * 1. load: a connection of its own to the project file reads the per-customer aggregates,
 *    computes the features at the run's as-of day, adds CLV and P(alive) when a fresh CLV
 *    model exists, and reads the customer ids.  The result (a "source") is immutable and
 *    reference counted, so later builds share it across threads.  Loads run again when
 *    the project reloads.
 * 2. build: sc_scatter_cache_new() lays the chart out and bins the points to the pixels of
 *    a given size, scale, pair of features, log scales and zoom.  Builds run again when
 *    any of these change; size changes wait 100 ms for the resizing to stop, meanwhile the
 *    last cache is painted stretched.
 *
 * A newer request cancels the older one and a serial number drops a result that arrives
 * late.  Painting reads the cache only: a theme change recolours its image, it does not
 * bin again.  Exports at another size bin once, synchronously, for the file. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sc-enum-types.h"
#include "sc-potential.h"
#include "sc-scatter.h"
#include "sc-store.h"
#include "seg-format.h"
#include "seg-scatter-chart.h"

typedef struct
{
  ScRun      *run;
  ScFeatures *features;
  GPtrArray  *keys;     /* customer ids by dense id */
} Source;

/* Everything a cache depends on but the colours. */
typedef struct
{
  Source    *source;    /* compared, not owned */
  ScFeature  x;
  ScFeature  y;
  gboolean   x_log;
  gboolean   y_log;
  double     zoom[4];
  int        width;
  int        height;
  int        scale;
} BuildKey;

struct _SegScatterChart
{
  SegChart        parent_instance;

  ScProject      *project;         /* whose "changed" signal we follow */

  ScFeature       x_feature;
  ScFeature       y_feature;
  gboolean        x_log;
  gboolean        y_log;
  double          zoom[4];         /* x min, x max, y min, y max; NAN when not zoomed */

  Source         *source;
  gboolean        source_stale;
  char           *error;           /* why there is nothing to show, for people */
  GCancellable   *load_cancellable;
  guint           load_serial;

  ScScatterCache *cache;
  BuildKey        cache_key;
  GCancellable   *build_cancellable;
  BuildKey        build_key;       /* of the build in flight */
  guint           build_serial;
  guint           debounce_id;
  guint           kick_id;
  guint           n_builds;

  int             want_width;
  int             want_height;
  int             want_scale;

  gint64          hover_point;
  gboolean        dragging;
  double          drag_x0, drag_y0, drag_x1, drag_y1;
};

enum {
  PROP_0,
  PROP_X_FEATURE,
  PROP_Y_FEATURE,
  PROP_X_LOG,
  PROP_Y_LOG,
  PROP_ZOOMED,
  PROP_BUSY,
  PROP_N_SHOWN,
  PROP_HAS_POTENTIAL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (SegScatterChart, seg_scatter_chart, SEG_TYPE_CHART)

static GParamSpec *properties[N_PROPS];

#define DEFAULT_X       SC_FEATURE_RECENCY
#define DEFAULT_Y       SC_FEATURE_MONETARY
#define RESIZE_DELAY_MS 100
#define DRAG_THRESHOLD  5.0
#define MIN_ZOOM_SIZE   6.0

static void request_build (SegScatterChart *self);

/* ------------------------------------------------------------------------------------------ */
/* Sources                                                                                    */

static void
source_clear (Source *source)
{
  g_clear_pointer (&source->run, sc_run_free);
  g_clear_pointer (&source->features, sc_features_free);
  g_clear_pointer (&source->keys, g_ptr_array_unref);
}

static Source *
source_ref (Source *source)
{
  return g_atomic_rc_box_acquire (source);
}

static void
source_unref (Source *source)
{
  g_atomic_rc_box_release_full (source, (GDestroyNotify) source_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Source, source_unref)

typedef struct
{
  char  *path;
  ScRun *run;
} LoadInput;

static void
load_input_free (LoadInput *input)
{
  g_free (input->path);
  g_clear_pointer (&input->run, sc_run_free);
  g_free (input);
}

/* Reads what the chart shows of the project's customers; polls the cancellable between the
 * reads, each of which is a single pass over per-customer columns. */
static Source *
load_source (const LoadInput  *input,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScAggregates) aggregates = NULL;
  g_autoptr(ScPotential) potential = NULL;
  g_autoptr(Source) source = NULL;
  GError *local_error = NULL;

  store = sc_store_open (input->path, FALSE, error);
  if (store == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  aggregates = sc_store_load_aggregates (store, error);
  if (aggregates == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  source = g_atomic_rc_box_new0 (Source);
  source->features = sc_features_compute (aggregates, input->run->params.as_of);
  if (source->features->n != input->run->n_customers)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The segmentation does not match the customers of the project. "
                     "Segment the data again."));
      return NULL;
    }

  /* CLV and P(alive) only from a model of the current data: an older one would place
   * customers by purchases that are no longer the whole story. */
  potential = sc_potential_load_current (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (potential != NULL && potential->n == source->features->n &&
      sc_potential_is_fresh (store, potential))
    {
      sc_features_set (source->features, SC_FEATURE_CLV,
                       g_memdup2 (potential->clv, sizeof (double) * potential->n));
      sc_features_set (source->features, SC_FEATURE_P_ALIVE,
                       g_memdup2 (potential->p_alive, sizeof (double) * potential->n));
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !sc_store_load_customer_keys (store, &source->keys, error))
    return NULL;
  if (source->keys != NULL && source->keys->len != source->features->n)
    g_clear_pointer (&source->keys, g_ptr_array_unref);

  source->run = sc_run_copy (input->run);
  return g_steal_pointer (&source);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  Source *source = load_source (task_data, cancellable, &error);

  if (source == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, source, (GDestroyNotify) source_unref);
}

/* ------------------------------------------------------------------------------------------ */
/* Builds                                                                                     */

typedef struct
{
  BuildKey   key;
  Source    *source;
  ScPalette *palette;
} BuildInput;

static void
build_input_free (BuildInput *input)
{
  g_clear_pointer (&input->source, source_unref);
  g_clear_pointer (&input->palette, sc_palette_free);
  g_free (input);
}

static void
axes_from_key (const BuildKey *key,
               ScScatterAxes  *axes)
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
static ScScatterCache *
build_cache (Source           *source,
             const BuildKey   *key,
             double            scale,
             const ScPalette  *palette,
             GError          **error)
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

  cache = build_cache (input->source, &input->key, input->key.scale, input->palette, &error);
  if (cache == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cache, (GDestroyNotify) sc_scatter_cache_free);
}

static gboolean
keys_equal (const BuildKey *a,
            const BuildKey *b)
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
             BuildKey        *key)
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

static gboolean
get_busy (SegScatterChart *self)
{
  return self->load_cancellable != NULL || self->build_cancellable != NULL ||
         self->debounce_id != 0;
}

/* Runs a setter-like change and notifies "busy" if it flipped. */
#define BUSY_CHANGE_BEGIN(self) gboolean busy_before__ = get_busy (self)
#define BUSY_CHANGE_END(self)                                                   \
  G_STMT_START {                                                                \
    if (busy_before__ != get_busy (self))                                       \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);        \
  } G_STMT_END

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

static void
update_description (SegScatterChart *self)
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
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
set_cache (SegScatterChart *self,
           ScScatterCache  *cache,
           const BuildKey  *key)
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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
  update_description (self);
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
    BUSY_CHANGE_BEGIN (self);

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

    BUSY_CHANGE_END (self);
  }
}

static void
start_build (SegScatterChart *self)
{
  g_autoptr(GTask) task = NULL;
  BuildInput *input;
  BUSY_CHANGE_BEGIN (self);

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
  g_task_run_in_thread (task, build_thread);

  BUSY_CHANGE_END (self);
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
static void
request_build (SegScatterChart *self)
{
  BuildKey key;
  BUSY_CHANGE_BEGIN (self);

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
      BuildKey same_size = key;

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
  BUSY_CHANGE_END (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Loading                                                                                    */

static gboolean
source_has (Source    *source,
            ScFeature  feature)
{
  return source != NULL && source->features->values[feature] != NULL;
}

static void
set_source (SegScatterChart *self,
            Source          *source)
{
  gboolean had_potential = source_has (self->source, SC_FEATURE_CLV);

  g_clear_pointer (&self->source, source_unref);
  self->source = source;

  /* A feature that is no longer available gives way to the default. */
  if (source != NULL && (!source_has (source, self->x_feature) ||
                         !source_has (source, self->y_feature)))
    seg_scatter_chart_set_features (self,
                                    source_has (source, self->x_feature) ? self->x_feature
                                                                         : DEFAULT_X,
                                    source_has (source, self->y_feature) ? self->y_feature
                                                                         : DEFAULT_Y);

  if (had_potential != source_has (self->source, SC_FEATURE_CLV))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_POTENTIAL]);
}

static void
finish_load (SegScatterChart *self,
             Source          *source,
             const GError    *error)
{
  BUSY_CHANGE_BEGIN (self);

  g_clear_object (&self->load_cancellable);

  if (source == NULL)
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
      set_error (self, NULL);
      set_source (self, source);
      request_build (self);
    }

  BUSY_CHANGE_END (self);
}

static void
on_load_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint serial;
  g_autoptr(SegScatterChart) self = target_take (user_data, &serial);
  g_autoptr(GError) error = NULL;
  Source *source;

  source = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || serial != self->load_serial ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&source, source_unref);
      return;
    }

  finish_load (self, source, error);
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

static void
start_load (SegScatterChart *self)
{
  const ScRun *run = self->project != NULL ? sc_project_get_run (self->project) : NULL;
  g_autoptr(GTask) task = NULL;
  LoadInput *input;
  BUSY_CHANGE_BEGIN (self);

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

  input = g_new0 (LoadInput, 1);
  input->path = g_strdup (sc_project_get_path (self->project));
  input->run = sc_run_copy (run);

  self->load_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->load_cancellable, on_load_done,
                     target_new (self, self->load_serial));
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, input, (GDestroyNotify) load_input_free);
  g_task_run_in_thread (task, load_thread);

out:
  BUSY_CHANGE_END (self);
}

static void
on_project_changed (SegScatterChart *self)
{
  /* Loaded from the next layout, and only if the chart is shown at all. */
  self->source_stale = TRUE;
}

static void
on_project_notify (SegScatterChart *self)
{
  ScProject *project = seg_chart_get_project (SEG_CHART (self));
  BUSY_CHANGE_BEGIN (self);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_set_object (&self->project, project);
  if (self->project != NULL)
    g_signal_connect_object (self->project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);

  /* Another project's customers must not stand in while this one's load. */
  self->load_serial++;
  cancel_load (self);
  cancel_build (self);
  set_source (self, NULL);
  set_cache (self, NULL, NULL);
  set_error (self, NULL);
  seg_scatter_chart_reset_zoom (self);
  self->source_stale = TRUE;

  BUSY_CHANGE_END (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Geometry                                                                                   */

/* The cache may be laid out for another size while a resize settles. */
static void
to_cache (SegScatterChart *self,
          double           x,
          double           y,
          double          *cx,
          double          *cy)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  *cx = width > 0 ? x * self->cache_key.width / width : x;
  *cy = height > 0 ? y * self->cache_key.height / height : y;
}

static void
from_cache (SegScatterChart *self,
            double           cx,
            double           cy,
            double          *x,
            double          *y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  *x = self->cache_key.width > 0 ? cx * width / self->cache_key.width : cx;
  *y = self->cache_key.height > 0 ? cy * height / self->cache_key.height : cy;
}

static double
hit_radius (SegScatterChart *self)
{
  return MAX (4.0, sc_scatter_cache_get_point_radius (self->cache) + 2.0);
}

static guint
label_of (SegScatterChart *self,
          gint64           customer)
{
  return customer >= 0 && (guint64) customer < self->source->run->n_customers
         ? self->source->run->labels[customer] : SC_LABEL_NONE;
}

/* ------------------------------------------------------------------------------------------ */
/* SegChart                                                                                   */

static gboolean
on_kick (gpointer user_data)
{
  SegScatterChart *self = user_data;

  self->kick_id = 0;
  if (self->source_stale)
    start_load (self);
  else
    request_build (self);
  return G_SOURCE_REMOVE;
}

static void
seg_scatter_chart_prepare (SegChart *chart,
                           int       width,
                           int       height,
                           double    scale)
{
  SegScatterChart *self = SEG_SCATTER_CHART (chart);

  self->want_width = width;
  self->want_height = height;
  self->want_scale = (int) scale;

  /* Prepare runs inside size_allocate, where the "busy" and "n-shown" notifications
   * would resize the page's controls in the middle of the layout: start from an idle. */
  if (self->kick_id == 0)
    self->kick_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_kick, self, NULL);
}

static void
draw_message (cairo_t         *cr,
              const ScPalette *palette,
              const char      *text,
              int              width,
              int              height)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (palette->font_family);
  int text_width, text_height;

  pango_font_description_set_absolute_size (font, palette->font_size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, MAX (width - 48, 40) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  cairo_set_source_rgba (cr, palette->muted.r, palette->muted.g, palette->muted.b,
                         palette->muted.a);
  cairo_move_to (cr, 24, (height - text_height) / 2.0);
  pango_cairo_show_layout (cr, layout);

  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
draw_hover (SegScatterChart *self,
            cairo_t         *cr,
            const ScPalette *palette)
{
  const ScFeatures *features = self->source->features;
  double vx, vy, cx, cy, x, y, r;

  if (self->hover_point < 0 || (guint64) self->hover_point >= features->n)
    return;

  vx = features->values[self->x_feature][self->hover_point];
  vy = features->values[self->y_feature][self->hover_point];
  if (!sc_scatter_point_position (self->cache, vx, vy, &cx, &cy))
    return;

  from_cache (self, cx, cy, &x, &y);
  r = sc_scatter_cache_get_point_radius (self->cache) + 3.0;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_line_width (cr, 4.0);
  cairo_set_source_rgba (cr, palette->background.r, palette->background.g,
                         palette->background.b, 0.9);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, palette->foreground.r, palette->foreground.g,
                         palette->foreground.b, palette->foreground.a);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_rubber_band (SegScatterChart *self,
                  cairo_t         *cr,
                  const ScPalette *palette)
{
  double x = MIN (self->drag_x0, self->drag_x1);
  double y = MIN (self->drag_y0, self->drag_y1);
  double w = ABS (self->drag_x1 - self->drag_x0);
  double h = ABS (self->drag_y1 - self->drag_y0);

  cairo_save (cr);
  cairo_rectangle (cr, floor (x) + 0.5, floor (y) + 0.5, floor (w), floor (h));
  cairo_set_source_rgba (cr, palette->selection.r, palette->selection.g, palette->selection.b,
                         0.15);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, palette->selection.r, palette->selection.g, palette->selection.b,
                         0.9);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
seg_scatter_chart_paint (SegChart        *chart,
                         cairo_t         *cr,
                         int              width,
                         int              height,
                         const ScPalette *palette,
                         double           scale)
{
  SegScatterChart *self = SEG_SCATTER_CHART (chart);
  int selected = seg_chart_get_selected (chart);
  gboolean exporting = seg_chart_is_exporting (chart);

  if (self->cache == NULL)
    {
      if (self->error != NULL)
        draw_message (cr, palette, self->error, width, height);
      else if (get_busy (self))
        draw_message (cr, palette, _("Loading customers…"), width, height);
      return;
    }

  /* A file gets points binned for its own size and resolution rather than stretched. */
  if (exporting && self->source != NULL &&
      (width != self->cache_key.width || height != self->cache_key.height ||
       scale != self->cache_key.scale))
    {
      BuildKey key = self->cache_key;
      ScScatterCache *cache;

      key.width = width;
      key.height = height;
      cache = build_cache (self->source, &key, scale, palette, NULL);
      if (cache != NULL)
        {
          sc_scatter_paint (cr, cache, palette, selected, width, height);
          sc_scatter_cache_free (cache);
          return;
        }
    }

  sc_scatter_paint (cr, self->cache, palette, selected, width, height);

  if (!exporting)
    {
      draw_hover (self, cr, palette);
      if (self->dragging)
        draw_rubber_band (self, cr, palette);
    }
}

static int
seg_scatter_chart_segment_at (SegChart *chart,
                              double    x,
                              double    y)
{
  SegScatterChart *self = SEG_SCATTER_CHART (chart);
  double cx, cy;
  int legend;
  gint64 customer;
  guint label;

  if (self->cache == NULL || self->source == NULL)
    return -1;

  to_cache (self, x, y, &cx, &cy);
  legend = sc_scatter_legend_hit_test (self->cache, cx, cy);
  if (legend >= 0)
    return legend;

  customer = sc_scatter_hit_test (self->cache, cx, cy, hit_radius (self));
  label = label_of (self, customer);
  return label < self->source->run->n_segments ? (int) label : -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Input                                                                                      */

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SegScatterChart          *self)
{
  gint64 point = seg_scatter_chart_customer_at (self, x, y);

  if (point != self->hover_point)
    {
      self->hover_point = point;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          SegScatterChart          *self)
{
  if (self->hover_point >= 0)
    {
      self->hover_point = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_drag_begin (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               SegScatterChart *self)
{
  self->drag_x0 = self->drag_x1 = x;
  self->drag_y0 = self->drag_y1 = y;
  self->dragging = FALSE;
}

static void
on_drag_update (GtkGestureDrag  *gesture,
                double           offset_x,
                double           offset_y,
                SegScatterChart *self)
{
  if (!self->dragging && hypot (offset_x, offset_y) < DRAG_THRESHOLD)
    return;

  self->dragging = self->cache != NULL;
  self->drag_x1 = self->drag_x0 + offset_x;
  self->drag_y1 = self->drag_y0 + offset_y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag  *gesture,
             double           offset_x,
             double           offset_y,
             SegScatterChart *self)
{
  if (!self->dragging)
    return;

  self->dragging = FALSE;
  self->drag_x1 = self->drag_x0 + offset_x;
  self->drag_y1 = self->drag_y0 + offset_y;
  if (ABS (offset_x) >= MIN_ZOOM_SIZE && ABS (offset_y) >= MIN_ZOOM_SIZE)
    seg_scatter_chart_zoom_to (self, self->drag_x0, self->drag_y0, self->drag_x1, self->drag_y1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_double_click (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 SegScatterChart *self)
{
  if (n_press == 2)
    seg_scatter_chart_reset_zoom (self);
}

static void
reset_zoom_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  seg_scatter_chart_reset_zoom (SEG_SCATTER_CHART (widget));
}

static gboolean
seg_scatter_chart_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  g_autofree char *text = NULL;

  if (keyboard_mode)
    return FALSE;

  text = seg_scatter_chart_tooltip_text_at (SEG_SCATTER_CHART (widget), x, y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Out of a window, the chart has nothing to draw for: work in flight is dropped rather than
 * keeping the chart alive in its workers' references; it starts again when the chart is
 * put back. */
static void
seg_scatter_chart_unroot (GtkWidget *widget)
{
  SegScatterChart *self = SEG_SCATTER_CHART (widget);
  BUSY_CHANGE_BEGIN (self);

  if (self->load_cancellable != NULL)
    self->source_stale = TRUE;
  self->load_serial++;
  self->build_serial++;
  cancel_load (self);
  cancel_build (self);
  g_clear_handle_id (&self->kick_id, g_source_remove);
  self->dragging = FALSE;
  self->hover_point = -1;

  GTK_WIDGET_CLASS (seg_scatter_chart_parent_class)->unroot (widget);

  BUSY_CHANGE_END (self);
}

static void
seg_scatter_chart_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (seg_scatter_chart_parent_class)->root (widget);

  seg_chart_invalidate (SEG_CHART (widget));
}

/* ------------------------------------------------------------------------------------------ */

static void
seg_scatter_chart_dispose (GObject *object)
{
  SegScatterChart *self = SEG_SCATTER_CHART (object);

  self->load_serial++;
  self->build_serial++;
  cancel_load (self);
  cancel_build (self);
  g_clear_handle_id (&self->kick_id, g_source_remove);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (seg_scatter_chart_parent_class)->dispose (object);
}

static void
seg_scatter_chart_finalize (GObject *object)
{
  SegScatterChart *self = SEG_SCATTER_CHART (object);

  g_clear_pointer (&self->cache, sc_scatter_cache_free);
  g_clear_pointer (&self->source, source_unref);
  g_free (self->error);

  G_OBJECT_CLASS (seg_scatter_chart_parent_class)->finalize (object);
}

static void
seg_scatter_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SegScatterChart *self = SEG_SCATTER_CHART (object);

  switch (prop_id)
    {
    case PROP_X_FEATURE:
      g_value_set_enum (value, self->x_feature);
      break;
    case PROP_Y_FEATURE:
      g_value_set_enum (value, self->y_feature);
      break;
    case PROP_X_LOG:
      g_value_set_boolean (value, self->x_log);
      break;
    case PROP_Y_LOG:
      g_value_set_boolean (value, self->y_log);
      break;
    case PROP_ZOOMED:
      g_value_set_boolean (value, seg_scatter_chart_get_zoomed (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, get_busy (self));
      break;
    case PROP_N_SHOWN:
      g_value_set_uint (value, seg_scatter_chart_get_n_shown (self));
      break;
    case PROP_HAS_POTENTIAL:
      g_value_set_boolean (value, source_has (self->source, SC_FEATURE_CLV));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_scatter_chart_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SegScatterChart *self = SEG_SCATTER_CHART (object);

  switch (prop_id)
    {
    case PROP_X_FEATURE:
      seg_scatter_chart_set_features (self, g_value_get_enum (value), self->y_feature);
      break;
    case PROP_Y_FEATURE:
      seg_scatter_chart_set_features (self, self->x_feature, g_value_get_enum (value));
      break;
    case PROP_X_LOG:
      seg_scatter_chart_set_x_log (self, g_value_get_boolean (value));
      break;
    case PROP_Y_LOG:
      seg_scatter_chart_set_y_log (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_scatter_chart_class_init (SegScatterChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SegChartClass *chart_class = SEG_CHART_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = seg_scatter_chart_dispose;
  object_class->finalize = seg_scatter_chart_finalize;
  object_class->get_property = seg_scatter_chart_get_property;
  object_class->set_property = seg_scatter_chart_set_property;

  widget_class->query_tooltip = seg_scatter_chart_query_tooltip;
  widget_class->root = seg_scatter_chart_root;
  widget_class->unroot = seg_scatter_chart_unroot;

  chart_class->prepare = seg_scatter_chart_prepare;
  chart_class->paint = seg_scatter_chart_paint;
  chart_class->segment_at = seg_scatter_chart_segment_at;

  properties[PROP_X_FEATURE] =
    g_param_spec_enum ("x-feature", NULL, NULL, SC_TYPE_FEATURE, DEFAULT_X, rw);
  properties[PROP_Y_FEATURE] =
    g_param_spec_enum ("y-feature", NULL, NULL, SC_TYPE_FEATURE, DEFAULT_Y, rw);
  properties[PROP_X_LOG] = g_param_spec_boolean ("x-log", NULL, NULL, FALSE, rw);
  properties[PROP_Y_LOG] = g_param_spec_boolean ("y-log", NULL, NULL, TRUE, rw);
  properties[PROP_ZOOMED] = g_param_spec_boolean ("zoomed", NULL, NULL, FALSE, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_N_SHOWN] = g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT32, 0, ro);
  properties[PROP_HAS_POTENTIAL] = g_param_spec_boolean ("has-potential", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "scatter.reset-zoom", NULL, reset_zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "scatter.reset-zoom",
                                       NULL);
}

static void
seg_scatter_chart_init (SegScatterChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion;
  GtkGesture *drag, *click;

  self->x_feature = DEFAULT_X;
  self->y_feature = DEFAULT_Y;
  self->x_log = FALSE;
  /* Spend spans orders of magnitude: on a linear axis most customers sit in one corner. */
  self->y_log = TRUE;
  for (guint i = 0; i < 4; i++)
    self->zoom[i] = NAN;
  self->hover_point = -1;

  gtk_widget_set_has_tooltip (widget, TRUE);
  seg_chart_set_export_name (SEG_CHART (self), _("Customers"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Customer scatter chart"),
                                  -1);
  update_description (self);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_double_click), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_signal_connect (self, "notify::project", G_CALLBACK (on_project_notify), NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

/**
 * seg_scatter_chart_new:
 *
 * Returns: (transfer floating): a scatter chart of customers; give it a project and the
 *   window's selection with seg_chart_set_project() and seg_chart_set_selection()
 */
GtkWidget *
seg_scatter_chart_new (void)
{
  return g_object_new (SEG_TYPE_SCATTER_CHART, NULL);
}

ScFeature
seg_scatter_chart_get_x_feature (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), DEFAULT_X);

  return self->x_feature;
}

ScFeature
seg_scatter_chart_get_y_feature (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), DEFAULT_Y);

  return self->y_feature;
}

/**
 * seg_scatter_chart_set_features:
 * @x: the feature on the horizontal axis
 * @y: the feature on the vertical axis
 *
 * Shows the customers on other features; the zoom is reset, since its ranges belonged
 * to the previous ones.
 */
void
seg_scatter_chart_set_features (SegScatterChart *self,
                                ScFeature        x,
                                ScFeature        y)
{
  gboolean x_changed, y_changed;

  g_return_if_fail (SEG_IS_SCATTER_CHART (self));
  g_return_if_fail ((guint) x < SC_N_FEATURES && (guint) y < SC_N_FEATURES);

  x_changed = x != self->x_feature;
  y_changed = y != self->y_feature;
  if (!x_changed && !y_changed)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->x_feature = x;
  self->y_feature = y;
  for (guint i = 0; i < 4; i++)
    self->zoom[i] = NAN;

  if (x_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_FEATURE]);
  if (y_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_FEATURE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
  update_description (self);
  request_build (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
seg_scatter_chart_get_x_log (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);

  return self->x_log;
}

/**
 * seg_scatter_chart_set_x_log:
 * @x_log: whether the horizontal axis is logarithmic (log10 (1 + v))
 */
void
seg_scatter_chart_set_x_log (SegScatterChart *self,
                             gboolean         x_log)
{
  g_return_if_fail (SEG_IS_SCATTER_CHART (self));

  x_log = !!x_log;
  if (self->x_log == x_log)
    return;

  self->x_log = x_log;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_LOG]);
  request_build (self);
}

gboolean
seg_scatter_chart_get_y_log (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);

  return self->y_log;
}

/**
 * seg_scatter_chart_set_y_log:
 * @y_log: whether the vertical axis is logarithmic (log10 (1 + v))
 */
void
seg_scatter_chart_set_y_log (SegScatterChart *self,
                             gboolean         y_log)
{
  g_return_if_fail (SEG_IS_SCATTER_CHART (self));

  y_log = !!y_log;
  if (self->y_log == y_log)
    return;

  self->y_log = y_log;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_LOG]);
  request_build (self);
}

/**
 * seg_scatter_chart_has_feature:
 *
 * Returns: whether the loaded customers have @feature; %FALSE before they are loaded
 */
gboolean
seg_scatter_chart_has_feature (SegScatterChart *self,
                               ScFeature        feature)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);
  g_return_val_if_fail ((guint) feature < SC_N_FEATURES, FALSE);

  return source_has (self->source, feature);
}

gboolean
seg_scatter_chart_get_busy (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);

  /* A load waiting for the next layout counts; out of a window, none is coming. */
  return get_busy (self) || self->kick_id != 0 ||
         (self->source_stale && self->project != NULL &&
          gtk_widget_get_root (GTK_WIDGET (self)) != NULL);
}

guint
seg_scatter_chart_get_n_shown (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), 0);

  return self->cache != NULL ? sc_scatter_cache_get_n_points (self->cache) : 0;
}

guint
seg_scatter_chart_get_n_builds (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), 0);

  return self->n_builds;
}

/**
 * seg_scatter_chart_zoom_to:
 * @x0: a corner, widget coordinates
 * @y0: a corner
 * @x1: the opposite corner
 * @y1: the opposite corner
 *
 * Shows only the customers within the rectangle, which is clipped to the plot.
 *
 * Returns: whether the rectangle held some of the plot
 */
gboolean
seg_scatter_chart_zoom_to (SegScatterChart *self,
                           double           x0,
                           double           y0,
                           double           x1,
                           double           y1)
{
  ScRect plot;
  double cx0, cy0, cx1, cy1, v[4];
  gboolean was_zoomed;

  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);

  if (self->cache == NULL)
    return FALSE;

  sc_scatter_cache_get_plot_area (self->cache, &plot);
  to_cache (self, MIN (x0, x1), MIN (y0, y1), &cx0, &cy0);
  to_cache (self, MAX (x0, x1), MAX (y0, y1), &cx1, &cy1);
  cx0 = CLAMP (cx0, plot.x, plot.x + plot.width);
  cx1 = CLAMP (cx1, plot.x, plot.x + plot.width);
  cy0 = CLAMP (cy0, plot.y, plot.y + plot.height);
  cy1 = CLAMP (cy1, plot.y, plot.y + plot.height);
  if (cx1 - cx0 < 1.0 || cy1 - cy0 < 1.0)
    return FALSE;

  /* The top of the plot is the largest y value. */
  sc_scatter_value_at (self->cache, cx0, cy1, &v[0], &v[2]);
  sc_scatter_value_at (self->cache, cx1, cy0, &v[1], &v[3]);
  if (!(v[0] < v[1]) || !(v[2] < v[3]))
    return FALSE;

  was_zoomed = seg_scatter_chart_get_zoomed (self);
  memcpy (self->zoom, v, sizeof v);
  if (!was_zoomed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
  request_build (self);
  return TRUE;
}

/**
 * seg_scatter_chart_reset_zoom:
 *
 * Shows all customers again.
 */
void
seg_scatter_chart_reset_zoom (SegScatterChart *self)
{
  g_return_if_fail (SEG_IS_SCATTER_CHART (self));

  if (!seg_scatter_chart_get_zoomed (self))
    return;

  for (guint i = 0; i < 4; i++)
    self->zoom[i] = NAN;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
  request_build (self);
}

gboolean
seg_scatter_chart_get_zoomed (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);

  return isfinite (self->zoom[0]);
}

/**
 * seg_scatter_chart_get_visible_range:
 * @range: (out caller-allocates) (array fixed-size=4): x min, x max, y min, y max
 *
 * Returns: %FALSE while nothing is drawn
 */
gboolean
seg_scatter_chart_get_visible_range (SegScatterChart *self,
                                     double           range[4])
{
  const ScAxis *x, *y;

  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);
  g_return_val_if_fail (range != NULL, FALSE);

  if (self->cache == NULL)
    return FALSE;

  x = sc_scatter_cache_get_x_axis (self->cache);
  y = sc_scatter_cache_get_y_axis (self->cache);
  range[0] = x->min;
  range[1] = x->max;
  range[2] = y->min;
  range[3] = y->max;
  return TRUE;
}

/**
 * seg_scatter_chart_customer_at:
 * @x: widget coordinate
 * @y: widget coordinate
 *
 * Returns: the dense id of the customer drawn nearest to (@x, @y) within a few pixels, or -1
 */
gint64
seg_scatter_chart_customer_at (SegScatterChart *self,
                               double           x,
                               double           y)
{
  double cx, cy;

  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), -1);

  if (self->cache == NULL || self->source == NULL)
    return -1;

  to_cache (self, x, y, &cx, &cy);
  if (sc_scatter_legend_hit_test (self->cache, cx, cy) >= 0)
    return -1;
  return sc_scatter_hit_test (self->cache, cx, cy, hit_radius (self));
}

/**
 * seg_scatter_chart_get_customer_position:
 * @customer: a dense customer id
 * @x: (out): widget coordinate
 * @y: (out): widget coordinate
 *
 * Returns: whether the customer is drawn
 */
gboolean
seg_scatter_chart_get_customer_position (SegScatterChart *self,
                                         guint32          customer,
                                         double          *x,
                                         double          *y)
{
  const ScFeatures *features;
  double cx, cy;

  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  if (self->cache == NULL || self->source == NULL)
    return FALSE;

  features = self->source->features;
  if (customer >= features->n || label_of (self, customer) >= self->source->run->n_segments)
    return FALSE;

  if (!sc_scatter_point_position (self->cache, features->values[self->x_feature][customer],
                                  features->values[self->y_feature][customer], &cx, &cy))
    return FALSE;

  from_cache (self, cx, cy, x, y);
  return TRUE;
}

static char *
format_value (ScFeature feature,
              double    value)
{
  if (!isfinite (value))
    return g_strdup ("–");

  switch (sc_feature_axis_format (feature))
    {
    case SC_AXIS_FORMAT_DAYS:
      return sc_format_days (value);
    case SC_AXIS_FORMAT_CURRENCY:
      return sc_format_currency (value, NULL);
    case SC_AXIS_FORMAT_PERCENT:
      return sc_format_percent (value, -1);
    case SC_AXIS_FORMAT_NUMBER:
    default:
      return sc_format_number (value, -1);
    }
}

/* Axis titles carry their unit, "Recency (days)", which the values repeat. */
static const char *
feature_short_label (ScFeature feature)
{
  switch (feature)
    {
    case SC_FEATURE_RECENCY:
      return _("Recency");
    case SC_FEATURE_FREQUENCY:
      return _("Orders");
    case SC_FEATURE_TENURE:
      return _("Tenure");
    case SC_FEATURE_MONETARY:
    case SC_FEATURE_AOV:
    case SC_FEATURE_CLV:
    case SC_FEATURE_P_ALIVE:
    case SC_N_FEATURES:
    default:
      return sc_feature_to_label (feature);
    }
}

/**
 * seg_scatter_chart_tooltip_text_at:
 * @x: widget coordinate
 * @y: widget coordinate
 *
 * Returns: (transfer full) (nullable): what the tooltip says at (@x, @y)
 */
char *
seg_scatter_chart_tooltip_text_at (SegScatterChart *self,
                                   double           x,
                                   double           y)
{
  const ScRun *run;
  double cx, cy;
  int legend;
  gint64 customer;
  guint label;
  g_autofree char *key = NULL;
  g_autofree char *vx = NULL;
  g_autofree char *vy = NULL;

  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), NULL);

  if (self->cache == NULL || self->source == NULL)
    return NULL;

  run = self->source->run;
  to_cache (self, x, y, &cx, &cy);

  legend = sc_scatter_legend_hit_test (self->cache, cx, cy);
  if (legend >= 0 && (guint) legend < run->n_segments)
    {
      g_autofree char *count = seg_format_count (run->segments[legend].size);

      /* Translators: a tooltip: a segment's name and its number of customers */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%s customer", "%s\n%s customers",
                                           (gulong) MIN (run->segments[legend].size, G_MAXULONG)),
                              run->segments[legend].name, count);
    }

  customer = sc_scatter_hit_test (self->cache, cx, cy, hit_radius (self));
  label = label_of (self, customer);
  if (label >= run->n_segments)
    return NULL;

  if (self->source->keys != NULL)
    key = g_strdup (g_ptr_array_index (self->source->keys, customer));
  else
    key = g_strdup_printf ("#%" G_GINT64_FORMAT, customer + 1);

  vx = format_value (self->x_feature, self->source->features->values[self->x_feature][customer]);
  vy = format_value (self->y_feature, self->source->features->values[self->y_feature][customer]);

  if (self->x_feature == self->y_feature)
    /* Translators: a tooltip: customer id, segment name, a feature and its value */
    return g_strdup_printf (_("Customer %s\nSegment: %s\n%s: %s"), key,
                            run->segments[label].name, feature_short_label (self->x_feature),
                            vx);

  /* Translators: a tooltip: customer id, segment name, two features and their values */
  return g_strdup_printf (_("Customer %s\nSegment: %s\n%s: %s\n%s: %s"), key,
                          run->segments[label].name, feature_short_label (self->x_feature), vx,
                          feature_short_label (self->y_feature), vy);
}
