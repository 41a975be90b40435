/* sc-export-chart.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The charts of the project's current segmentation (scatter, segment sizes, value ×
 * potential grid) as PNG, SVG or PDF, painted by the same painters as the app. */

#include "config.h"

#include "sc-export.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "sc-bars.h"
#include "sc-export-private.h"
#include "sc-grid.h"
#include "sc-potential.h"
#include "sc-render-util-private.h"
#include "sc-scatter.h"
#include "sc-value.h"


static const char * const chart_kinds[] = { "scatter", "sizes", "grid" };

/**
 * sc_chart_kind_to_string:
 * @kind: a chart
 *
 * Returns: (transfer none): its stable identifier: "scatter", "sizes" or "grid"
 */
const char *
sc_chart_kind_to_string (ScChartKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (chart_kinds), NULL);
  return chart_kinds[kind];
}

/**
 * sc_chart_kind_from_string:
 * @s: an identifier from sc_chart_kind_to_string()
 * @kind: (out): the chart
 *
 * Returns: %TRUE when @s names a chart
 */
gboolean
sc_chart_kind_from_string (const char  *s,
                           ScChartKind *kind)
{
  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (chart_kinds); i++)
    if (g_ascii_strcasecmp (s, chart_kinds[i]) == 0)
      {
        *kind = (ScChartKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * sc_chart_kind_to_title:
 * @kind: a chart
 *
 * Returns: (transfer none): the chart's title, for people
 */
const char *
sc_chart_kind_to_title (ScChartKind kind)
{
  switch (kind)
    {
    case SC_CHART_SCATTER:
      return _("Customers by recency and spend");
    case SC_CHART_SIZES:
      return _("Segment sizes");
    case SC_CHART_GRID:
      return _("Value and potential");
    default:
      g_return_val_if_reached (NULL);
    }
}

struct _ScCharts
{
  ScRun          *run;
  ScFeatures     *features;
  guint          *order;

  /* The segments in priority order as the bar and grid painters take them; the names
   * point into run. */
  ScBarsSegment  *bars;
  ScGridSegment  *grid;

  /* The scatter's binned points, for one size, scale and text size. */
  ScScatterCache *scatter;
  int             scatter_width;
  int             scatter_height;
  double          scatter_scale;
  double          scatter_font_size;
};

/**
 * sc_charts_new:
 * @store: the project
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Loads what the charts of the project's current segmentation show.  The result holds no
 * reference to @store; it may be made in a worker thread and then used from one thread at
 * a time.
 *
 * Returns: (transfer full) (nullable): the charts, or %NULL with %SC_ERROR_NO_DATA when the
 *   project has no segments yet
 */
static void
prepare_segments (ScCharts *charts)
{
  const ScRun *run = charts->run;

  charts->bars = g_new0 (ScBarsSegment, MAX (run->n_segments, 1));
  charts->grid = g_new0 (ScGridSegment, MAX (run->n_segments, 1));
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[charts->order[i]];

      charts->bars[i] = (ScBarsSegment) {
        .name = s->name, .colour = s->colour, .is_outliers = s->is_outliers,
        .share = s->share, .revenue_share = s->revenue_share,
      };
      charts->grid[i] = (ScGridSegment) {
        .name = s->name, .colour = s->colour, .is_outliers = s->is_outliers,
        .customers = s->size, .value = s->value, .potential = s->potential,
      };
    }
}

ScCharts *
sc_charts_new (ScStore       *store,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(ScRun) run = NULL;
  ScFeatures *features;
  ScCharts *charts;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run = _sc_export_load_run (store, NULL, error);
  if (run == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  features = _sc_export_load_features (store, run, NULL, error);
  if (features == NULL)
    return NULL;

  charts = g_new0 (ScCharts, 1);
  charts->order = sc_run_priority_order (run);
  charts->run = g_steal_pointer (&run);
  charts->features = features;
  prepare_segments (charts);
  return charts;
}

/* For the report, which sets the segments' names and owners inside its sentences: each one
 * written right to left becomes its own bidirectional run (_sc_text_isolate()), so the
 * figures and words after it keep their place.  The charts' labels follow. */
void
_sc_charts_isolate_names (ScCharts *charts)
{
  ScRun *run = charts->run;

  for (guint i = 0; i < run->n_segments; i++)
    {
      ScSegmentInfo *s = &run->segments[i];
      char *name = _sc_text_isolate (s->name);
      char *owner = _sc_text_isolate (s->owner);

      g_free (s->name);
      s->name = name;
      g_free (s->owner);
      s->owner = owner;
    }
  for (guint i = 0; i < run->n_segments; i++)
    {
      charts->bars[i].name = run->segments[charts->order[i]].name;
      charts->grid[i].name = run->segments[charts->order[i]].name;
    }
}

void
sc_charts_free (ScCharts *charts)
{
  if (charts == NULL)
    return;
  g_clear_pointer (&charts->scatter, sc_scatter_cache_free);
  sc_run_free (charts->run);
  sc_features_free (charts->features);
  g_free (charts->order);
  g_free (charts->bars);
  g_free (charts->grid);
  g_free (charts);
}

/**
 * sc_charts_get_run:
 * @charts: the charts
 *
 * Returns: (transfer none): the segmentation the charts show
 */
const ScRun *
sc_charts_get_run (ScCharts *charts)
{
  g_return_val_if_fail (charts != NULL, NULL);
  return charts->run;
}

/**
 * sc_charts_get_features:
 * @charts: the charts
 *
 * Returns: (transfer none): the features of the run's customers at its as-of date
 */
const ScFeatures *
sc_charts_get_features (ScCharts *charts)
{
  g_return_val_if_fail (charts != NULL, NULL);
  return charts->features;
}

static void
paint_scatter (ScCharts        *charts,
               cairo_t         *cr,
               const ScPalette *palette,
               double           width,
               double           height,
               double           scale)
{
  int w = MAX ((int) ceil (width), 1);
  int h = MAX ((int) ceil (height), 1);

  if (charts->scatter == NULL || charts->scatter_width != w || charts->scatter_height != h ||
      charts->scatter_scale != scale || charts->scatter_font_size != palette->font_size)
    {
      ScScatterData data;
      ScScatterAxes axes;
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&charts->scatter, sc_scatter_cache_free);
      if (!sc_scatter_data_init_from_run (&data, charts->run, charts->features,
                                          SC_FEATURE_RECENCY, SC_FEATURE_MONETARY, &error))
        {
          /* Both features always exist and the run matches its own features. */
          g_critical ("%s", error->message);
          return;
        }
      /* Spend spans orders of magnitude; recency is read in days. */
      sc_scatter_axes_init (&axes);
      axes.y_log = TRUE;
      charts->scatter = sc_scatter_cache_new (&data, w, h, scale, &axes, palette);
      charts->scatter_width = w;
      charts->scatter_height = h;
      charts->scatter_scale = scale;
      charts->scatter_font_size = palette->font_size;
      sc_scatter_data_clear (&data);
    }
  sc_scatter_paint (cr, charts->scatter, palette, -1, width, height);
}

/**
 * sc_charts_paint:
 * @charts: the charts
 * @kind: which chart
 * @cr: where to paint, with the chart's top left corner at the origin
 * @palette: colours and font
 * @width: chart width, logical units
 * @height: chart height
 * @scale: device pixels per logical unit of the scatter's point image (1 on a plain
 *   screen, 2 on HiDPI, 2–3 for print); the other charts are vectors and ignore it
 *
 * Paints a chart with the same painters as the application.  The background is not
 * filled.  The scatter keeps its binned points for the last size and scale, so painting
 * it again at that size is cheap.
 */
void
sc_charts_paint (ScCharts        *charts,
                 ScChartKind      kind,
                 cairo_t         *cr,
                 const ScPalette *palette,
                 double           width,
                 double           height,
                 double           scale)
{
  g_return_if_fail (charts != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (width > 0 && height > 0);

  switch (kind)
    {
    case SC_CHART_SCATTER:
      paint_scatter (charts, cr, palette, width, height, scale > 0 ? scale : 1.0);
      break;
    case SC_CHART_SIZES:
      sc_bars_paint (cr, charts->bars, charts->run->n_segments, palette, -1, width, height);
      break;
    case SC_CHART_GRID:
      sc_grid_paint (cr, charts->grid, charts->run->n_segments, charts->run->value_threshold,
                     charts->run->potential_threshold, palette, -1, width, height);
      break;
    default:
      g_return_if_reached ();
    }
}

typedef enum
{
  CHART_PNG,
  CHART_SVG,
  CHART_PDF,
} ChartFormat;

/* The format @path's extension names, and whether @file's size and scale can be drawn;
 * @format may be %NULL. */
static gboolean
check_chart_file (const char         *path,
                  const ScChartFile  *file,
                  ChartFormat        *format,
                  GError            **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  ChartFormat f;

  if (g_str_has_suffix (lower, ".png"))
    f = CHART_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    f = CHART_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    f = CHART_PDF;
  else
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” should end in .png, .svg or .pdf, to say which format to write."),
                   path);
      return FALSE;
    }
  if (file->width < 16 || file->height < 16 || file->width > 20000 || file->height > 20000 ||
      !(file->scale >= 0.5 && file->scale <= 8))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("A chart is 16 to 20,000 pixels wide and high, at a scale of 0.5 to 8."));
      return FALSE;
    }
  if (f == CHART_PNG && (double) file->width * file->height * file->scale * file->scale > 400e6)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The image would be too large: choose a smaller size or scale."));
      return FALSE;
    }
  if (format != NULL)
    *format = f;
  return TRUE;
}

static void
paint_page (ScCharts        *charts,
            ScChartKind      kind,
            cairo_surface_t *surface,
            const ScPalette *palette,
            double           width,
            double           height,
            double           scale)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, palette->background.r, palette->background.g,
                        palette->background.b);
  cairo_paint (cr);
  sc_charts_paint (charts, kind, cr, palette, width, height, scale);
  cairo_show_page (cr);
  cairo_destroy (cr);
}

/**
 * sc_charts_write:
 * @charts: the charts
 * @path: the file; its extension (.png, .svg or .pdf) chooses the format
 * @file: which chart, its size, scale and palette
 * @error: return location for an error
 *
 * Writes one chart on its palette's background.
 *
 * Returns: %TRUE on success
 */
gboolean
sc_charts_write (ScCharts           *charts,
                 const char         *path,
                 const ScChartFile  *file,
                 GError            **error)
{
  g_autoptr(ScPalette) palette = NULL;
  g_auto(ScExportSink) sink = { 0 };
  ScExportCairoSink cs = { 0 };
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  ChartFormat format;
  int width, height;
  double scale;

  g_return_val_if_fail (charts != NULL, FALSE);
  g_return_val_if_fail (path != NULL && file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_chart_file (path, file, &format, error))
    return FALSE;

  width = file->width;
  height = file->height;
  scale = file->scale;
  palette = sc_palette_new (file->dark);
  if (!_sc_export_sink_open (&sink, path, error))
    return FALSE;
  cs.sink = &sink;

  switch (format)
    {
    case CHART_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      cairo_surface_set_device_scale (surface, scale, scale);
      paint_page (charts, file->kind, surface, palette, width, height, scale);
      status = cairo_surface_write_to_png_stream (surface, _sc_export_cairo_sink_write, &cs);
      break;
    case CHART_SVG:
      surface = cairo_svg_surface_create_for_stream (_sc_export_cairo_sink_write, &cs, width,
                                                     height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      paint_page (charts, file->kind, surface, palette, width, height, scale);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      break;
    case CHART_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (_sc_export_cairo_sink_write, &cs, width,
                                                     height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      sc_chart_kind_to_title (file->kind));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Segments");
      paint_page (charts, file->kind, surface, palette, width, height, scale);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      break;
    }
  cairo_surface_destroy (surface);

  if (cs.error != NULL)
    {
      g_propagate_error (error, cs.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT, _("Could not draw “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return _sc_export_sink_commit (&sink, error);
}

/**
 * sc_export_chart:
 * @store: the project
 * @path: the file; its extension (.png, .svg or .pdf) chooses the format
 * @file: which chart, its size, scale and palette
 * @error: return location for an error
 *
 * Writes one chart of the project's current segmentation.
 *
 * Returns: %TRUE on success
 */
gboolean
sc_export_chart (ScStore            *store,
                 const char         *path,
                 const ScChartFile  *file,
                 GError            **error)
{
  g_autoptr(ScCharts) charts = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL && file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A wrong file name or size is reported before anything is loaded. */
  if (!check_chart_file (path, file, NULL, error))
    return FALSE;
  charts = sc_charts_new (store, NULL, error);
  if (charts == NULL)
    return FALSE;
  return sc_charts_write (charts, path, file, error);
}
