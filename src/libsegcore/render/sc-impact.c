/* sc-impact.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One line per segment over the snapshots, evenly spaced oldest first (two snapshots may
 * share an as-of day, so a time axis would stack them), for one measure at a time on a
 * linear axis from zero.  Names sit right of the plot, pushed apart so they never overlap,
 * with a leader to the line's last point when they had to move. */

#include "config.h"

#include "sc-impact.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-chart-note-private.h"
#include "sc-render-util-private.h"
#include "sc-value.h"

#define PAD            8.0
#define LABEL_GAP      10.0
#define IMPACT_INSET  18.0
#define IMPACT_TOP    6.0
#define IMPACT_KEY    12.0
#define IMPACT_HIT    10.0

G_STATIC_ASSERT (SC_SNAPSHOT_WINDOW_DAYS == 90);

/**
 * sc_impact_measure_label:
 * @measure: a measure
 *
 * Returns: (transfer none): its name for people, also the chart's axis title
 */
const char *
sc_impact_measure_label (ScImpactMeasure measure)
{
  switch (measure)
    {
    case SC_IMPACT_CUSTOMERS:
      return _("Customers");
    case SC_IMPACT_REVENUE:
      return _("Revenue in the last 90 days");
    case SC_IMPACT_ORDERS:
      return _("Orders per customer in the last 90 days");
    case SC_IMPACT_CHURN:
      return _("Churn: no purchase in 90 days");
    case SC_IMPACT_CLV:
      return _("Average customer lifetime value");
    case SC_IMPACT_N_MEASURES:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

/**
 * sc_impact_values:
 * @series: a segment's series
 * @measure: a measure
 *
 * Returns: (transfer none): the series' values of @measure, one per point, NAN where
 *   unknown
 */
const double *
sc_impact_values (const ScImpactSeries *series,
                  ScImpactMeasure       measure)
{
  g_return_val_if_fail (series != NULL, NULL);

  switch (measure)
    {
    case SC_IMPACT_CUSTOMERS:
      return series->customers;
    case SC_IMPACT_REVENUE:
      return series->revenue;
    case SC_IMPACT_ORDERS:
      return series->orders_per_customer;
    case SC_IMPACT_CHURN:
      return series->churn;
    case SC_IMPACT_CLV:
      return series->clv;
    case SC_IMPACT_N_MEASURES:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

static ScAxisFormat
measure_format (ScImpactMeasure measure)
{
  switch (measure)
    {
    case SC_IMPACT_REVENUE:
    case SC_IMPACT_CLV:
      return SC_AXIS_FORMAT_CURRENCY;
    case SC_IMPACT_CHURN:
      return SC_AXIS_FORMAT_PERCENT;
    case SC_IMPACT_CUSTOMERS:
    case SC_IMPACT_ORDERS:
    case SC_IMPACT_N_MEASURES:
    default:
      return SC_AXIS_FORMAT_NUMBER;
    }
}

/* The last point of @series with a value, or -1. */
static int
last_point (const ScImpact       *impact,
            const ScImpactSeries *series,
            ScImpactMeasure       measure)
{
  const double *v = sc_impact_values (series, measure);

  for (int p = (int) impact->n_points - 1; p >= 0; p--)
    if (isfinite (v[p]))
      return p;
  return -1;
}

static int
compare_label_y (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const ScImpactLabel *labels = data;
  double ya = labels[*(const guint *) a].y, yb = labels[*(const guint *) b].y;

  return ya < yb ? -1 : ya > yb ? 1 : (int) *(const guint *) a - (int) *(const guint *) b;
}

/* How far below the frame the dates start: below the lowest value's label too, which is
 * centred on the frame's bottom edge. */
static double
x_labels_offset (double text_h)
{
  return MAX (_SC_TICK_LENGTH + _SC_GAP, text_h / 2 + 1);
}

/* The series with a value whose name, not even its first word, fits ROOM beside its key. */
static guint
count_unnamed (const ScImpact  *impact,
               ScImpactMeasure  measure,
               const ScPalette *palette,
               PangoContext    *context,
               double           room)
{
  guint n = 0;

  for (guint s = 0; s < impact->n_series; s++)
    {
      g_autoptr(PangoLayout) text = NULL;

      if (last_point (impact, &impact->series[s], measure) < 0)
        continue;
      text = _sc_text_layout (context, NULL, palette, impact->series[s].name, _SC_TEXT_SMALL,
                              FALSE);
      n += !_sc_text_fit_words (text, MAX (room, 1.0), 1);
    }
  return n;
}

/**
 * sc_impact_layout:
 * @impact: the series
 * @measure: the measure shown
 * @palette: the palette (for the font)
 * @width: chart width in logical units
 * @height: chart height in logical units
 * @layout: (out caller-allocates): the plot and its axis
 * @labels: (out caller-allocates) (array length=impact->n_series) (nullable): where each
 *   series' name goes
 *
 * Computes where sc_impact_paint() draws.  The axis starts at zero (or below, for negative
 * values) and ends at a tick above the largest value.
 */
void
sc_impact_layout (const ScImpact  *impact,
                  ScImpactMeasure  measure,
                  const ScPalette *palette,
                  double           width,
                  double           height,
                  ScImpactLayout  *layout,
                  ScImpactLabel   *labels)
{
  g_autoptr(ScTextContext) context = NULL;
  g_autofree guint *order = NULL;
  double vmin = 0, vmax = -INFINITY, small_h = 0, name_w = 0, word_w = 0, label_w, left_w;
  double bottom_h, note_h;
  double plot_h, bottom_limit;
  guint max_ticks, n_visible = 0;

  g_return_if_fail (impact != NULL);
  g_return_if_fail (measure < SC_IMPACT_N_MEASURES);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (layout != NULL);

  memset (layout, 0, sizeof *layout);
  layout->n_points = impact->n_points;

  context = _sc_text_context_new ();
  _sc_text_measure (context, palette, "0", _SC_TEXT_SMALL, FALSE, NULL, &small_h);

  for (guint s = 0; s < impact->n_series; s++)
    {
      const double *v = sc_impact_values (&impact->series[s], measure);
      gboolean any = FALSE;

      for (guint p = 0; p < impact->n_points; p++)
        if (isfinite (v[p]))
          {
            vmin = MIN (vmin, v[p]);
            vmax = MAX (vmax, v[p]);
            any = TRUE;
          }
      if (any)
        {
          double w;

          _sc_text_measure (context, palette, impact->series[s].name, _SC_TEXT_SMALL, FALSE,
                            &w, NULL);
          name_w = MAX (name_w, w);
          word_w = MAX (word_w, _sc_text_widest_word (context, palette, impact->series[s].name,
                                                      _SC_TEXT_SMALL, FALSE));
        }
    }
  layout->has_values = isfinite (vmax);
  if (!layout->has_values)
    vmax = 1.0;
  if (vmax <= vmin)
    vmax = vmin + (measure == SC_IMPACT_CHURN ? 0.1 : 1.0);

  label_w = layout->has_values
            ? CLAMP (IMPACT_KEY + _SC_GAP + name_w, MIN (40.0, width * 0.3),
                     MAX (MAX (width * 0.3, 40.0),
                          MIN (IMPACT_KEY + _SC_GAP + word_w + 1, width * 0.45)))
            : 0;
  bottom_h = x_labels_offset (small_h) + 2 * small_h + _SC_GAP;
  /* Names with no word narrow enough for their room are left to their key's colour, and a
   * note below the dates says how many. */
  layout->n_hidden = label_w > 0 ? count_unnamed (impact, measure, palette, context,
                                                  label_w - IMPACT_KEY - _SC_GAP)
                                 : 0;
  note_h = _sc_hidden_note_measure (palette, layout->n_hidden, MAX (width - 2 * PAD, 1.0));
  if (note_h > 0)
    layout->hidden_note = (ScRect) { PAD, height - PAD - note_h, MAX (width - 2 * PAD, 1.0),
                                     note_h };
  else
    layout->n_hidden = 0;
  plot_h = MAX (height - 2 * PAD - bottom_h - (note_h > 0 ? note_h + _SC_GAP : 0), 1.0);
  max_ticks = (guint) CLAMP (plot_h / 36.0, 2, 8);

  sc_axis_init (&layout->y_axis, vmin, vmax, FALSE, FALSE, max_ticks, measure_format (measure));
  left_w = sc_axis_measure (&layout->y_axis, palette, SC_AXIS_LEFT, NULL);

  layout->frame = (ScRect) { PAD + left_w, PAD,
                             MAX (width - 2 * PAD - left_w - (label_w > 0 ? label_w + LABEL_GAP
                                                                          : 0), 1.0),
                             plot_h };
  /* Inset, so that the dots of the first and last snapshot and of the largest value are
   * not cut by the frame. */
  layout->map = (ScRect) { layout->frame.x + MIN (IMPACT_INSET, layout->frame.width / 4),
                           layout->frame.y + MIN (IMPACT_TOP, layout->frame.height / 4),
                           layout->frame.width - 2 * MIN (IMPACT_INSET, layout->frame.width / 4),
                           layout->frame.height - MIN (IMPACT_TOP, layout->frame.height / 4) };
  layout->x_labels = (ScRect) { layout->frame.x, layout->frame.y + layout->frame.height,
                                layout->frame.width, bottom_h };

  if (labels == NULL)
    return;

  /* Names at the height of their line's end, then pushed apart: down from the top, and
   * back up from the bottom when the last ones ran out of room. */
  order = g_new (guint, MAX (impact->n_series, 1));
  for (guint s = 0; s < impact->n_series; s++)
    {
      ScImpactLabel *l = &labels[s];
      int p = last_point (impact, &impact->series[s], measure);

      memset (l, 0, sizeof *l);
      if (p < 0)
        continue;
      l->visible = TRUE;
      l->x = sc_impact_point_x (layout, (guint) p);
      l->y = sc_impact_value_y (layout, sc_impact_values (&impact->series[s], measure)[p]);
      l->rect = (ScRect) { layout->frame.x + layout->frame.width + LABEL_GAP, l->y - small_h / 2,
                           label_w, small_h };
      order[n_visible++] = s;
    }
  g_qsort_with_data (order, n_visible, sizeof (guint), compare_label_y, labels);

  bottom_limit = height - PAD - (note_h > 0 ? note_h + _SC_GAP : 0);
  for (guint i = 1; i < n_visible; i++)
    {
      ScRect *prev = &labels[order[i - 1]].rect, *r = &labels[order[i]].rect;

      r->y = MAX (r->y, prev->y + prev->height + 1);
    }
  for (int i = (int) n_visible - 1; i >= 0; i--)
    {
      ScRect *r = &labels[order[i]].rect;
      double limit = i == (int) n_visible - 1 ? bottom_limit
                                              : labels[order[i + 1]].rect.y - 1;

      r->y = MIN (r->y, limit - r->height);
    }
  for (guint i = 0; i < n_visible; i++)
    {
      ScRect *r = &labels[order[i]].rect;
      double limit = i == 0 ? 0.0 : labels[order[i - 1]].rect.y + labels[order[i - 1]].rect.height
                                    + 1;

      r->y = MAX (r->y, limit);
    }
}

/**
 * sc_impact_point_x:
 * @layout: a layout from sc_impact_layout()
 * @point: a snapshot index
 *
 * Returns: where the snapshot's points are, horizontally
 */
double
sc_impact_point_x (const ScImpactLayout *layout,
                   guint                 point)
{
  g_return_val_if_fail (layout != NULL, 0);

  if (layout->n_points <= 1)
    return layout->map.x + layout->map.width / 2;
  return layout->map.x + layout->map.width * point / (layout->n_points - 1);
}

/**
 * sc_impact_value_y:
 * @layout: a layout from sc_impact_layout()
 * @value: a value of the measure
 *
 * Returns: the height of @value
 */
double
sc_impact_value_y (const ScImpactLayout *layout,
                   double                value)
{
  g_return_val_if_fail (layout != NULL, 0);

  return sc_axis_position (&layout->y_axis, value, layout->map.y + layout->map.height,
                           layout->map.y);
}

/**
 * sc_impact_hit_test:
 * @impact: the series
 * @measure: the measure shown
 * @layout: its layout
 * @x: logical x within the chart
 * @y: logical y within the chart
 * @series: (out): the series of the nearest point
 * @point: (out): the snapshot of the nearest point
 *
 * Returns: whether a point lies within 10 units of (@x, @y)
 */
gboolean
sc_impact_hit_test (const ScImpact       *impact,
                    ScImpactMeasure       measure,
                    const ScImpactLayout *layout,
                    double                x,
                    double                y,
                    guint                *series,
                    guint                *point)
{
  double best = IMPACT_HIT * IMPACT_HIT;
  gboolean found = FALSE;

  g_return_val_if_fail (impact != NULL && layout != NULL, FALSE);
  g_return_val_if_fail (series != NULL && point != NULL, FALSE);
  g_return_val_if_fail (measure < SC_IMPACT_N_MEASURES, FALSE);

  for (guint s = 0; s < impact->n_series; s++)
    {
      const double *v = sc_impact_values (&impact->series[s], measure);

      for (guint p = 0; p < impact->n_points; p++)
        {
          double dx, dy;

          if (!isfinite (v[p]))
            continue;
          dx = sc_impact_point_x (layout, p) - x;
          dy = sc_impact_value_y (layout, v[p]) - y;
          if (dx * dx + dy * dy <= best)
            {
              best = dx * dx + dy * dy;
              *series = s;
              *point = p;
              found = TRUE;
            }
        }
    }
  return found;
}

static void
paint_message (cairo_t         *cr,
               const ScPalette *palette,
               const char      *message,
               double           width,
               double           height)
{
  g_autoptr(PangoLayout) text = _sc_text_layout (NULL, cr, palette, message, _SC_TEXT_NORMAL,
                                                  FALSE);
  double w, h;

  pango_layout_set_width (text, (int) (MAX (width - 2 * PAD, 1.0) * PANGO_SCALE));
  pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (text, PANGO_WRAP_WORD);
  _sc_text_size (text, &w, &h);
  _sc_text_draw (cr, text, PAD, (height - h) / 2, &palette->muted, 1.0);
}

/* Centred under @x, but kept inside the chart and clear of the segment names right of the
 * frame (which run down to the chart's bottom): the first and last labels are often wider
 * than the inset of their points. */
static double
label_left (double x,
            double w,
            double right)
{
  return MAX (MIN (x - w / 2, right - w), PAD);
}

static void
paint_x_labels (cairo_t              *cr,
                const ScImpact       *impact,
                const ScPalette      *palette,
                const ScImpactLayout *layout,
                double                width)
{
  double slot, widest = 0, baseline = layout->frame.y + layout->frame.height;
  double right = MIN (layout->frame.x + layout->frame.width + 2 * _SC_GAP, width - PAD);
  double next = INFINITY;
  guint every = 1;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  _sc_set_source (cr, &palette->muted, 1.0);
  cairo_move_to (cr, layout->frame.x, _sc_snap_y (cr, baseline, 1.0));
  cairo_line_to (cr, layout->frame.x + layout->frame.width, _sc_snap_y (cr, baseline, 1.0));
  for (guint p = 0; p < impact->n_points; p++)
    {
      double x = _sc_snap_x (cr, sc_impact_point_x (layout, p), 1.0);

      cairo_move_to (cr, x, _sc_snap_y (cr, baseline, 1.0));
      cairo_line_to (cr, x, baseline + _SC_TICK_LENGTH);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* Dates all have the same width: when they do not fit, keep every n-th one, counting from
   * the latest, which matters most. */
  slot = impact->n_points > 1 ? layout->map.width / (impact->n_points - 1) : layout->frame.width;
  for (guint p = 0; p < impact->n_points; p++)
    {
      g_autofree char *date = sc_day_format (impact->as_of[p]);
      g_autoptr(PangoLayout) probe = _sc_text_layout (NULL, cr, palette, date, _SC_TEXT_SMALL,
                                                       FALSE);
      double w;

      _sc_text_size (probe, &w, NULL);
      widest = MAX (widest, w);
    }
  if (slot > 0)
    every = MAX ((guint) ceil ((widest + 2 * _SC_GAP) / slot), 1);

  /* From the latest back, each pair of labels left of the one drawn before it. */
  for (guint p = impact->n_points; p-- > 0;)
    {
      g_autofree char *date = NULL;
      g_autoptr(PangoLayout) top = NULL;
      g_autoptr(PangoLayout) bottom = NULL;
      double x = sc_impact_point_x (layout, p), y, w, h, bw = 0, room, left, bleft = 0;

      if ((impact->n_points - 1 - p) % every != 0)
        continue;
      room = MAX (MIN (slot * every, layout->frame.width) - _SC_GAP, 1.0);

      date = sc_day_format (impact->as_of[p]);
      top = _sc_text_layout (NULL, cr, palette, date, _SC_TEXT_SMALL, FALSE);
      _sc_text_size (top, &w, &h);
      y = layout->x_labels.y + x_labels_offset (h);
      left = label_left (x, w, right);
      if (impact->labels[p] != NULL)
        {
          bottom = _sc_text_layout (NULL, cr, palette, impact->labels[p], _SC_TEXT_SMALL, FALSE);
          if (_sc_text_fit_words (bottom, room, 1))
            {
              _sc_text_size (bottom, &bw, NULL);
              bleft = label_left (x, bw, right);
            }
          else
            g_clear_object (&bottom);
        }
      if (left + w > next - _SC_GAP || (bottom != NULL && bleft + bw > next - _SC_GAP))
        continue;

      _sc_text_draw (cr, top, left, y, &palette->foreground, 1.0);
      next = left;
      if (bottom != NULL)
        {
          _sc_text_draw (cr, bottom, bleft, y + h, &palette->muted, 1.0);
          next = MIN (next, bleft);
        }
    }
}

/* The path of a dot at each of the series' points with a value. */
static void
dots_path (cairo_t              *cr,
           const ScImpact       *impact,
           const ScImpactLayout *layout,
           const double         *v)
{
  for (guint p = 0; p < impact->n_points; p++)
    {
      if (!isfinite (v[p]))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, sc_impact_point_x (layout, p), sc_impact_value_y (layout, v[p]), 4.0, 0,
                 2 * G_PI);
    }
}

static void
paint_series (cairo_t              *cr,
              const ScImpact       *impact,
              ScImpactMeasure       measure,
              const ScPalette      *palette,
              const ScImpactLayout *layout,
              guint                 s,
              double                alpha)
{
  const ScImpactSeries *series = &impact->series[s];
  const double *v = sc_impact_values (series, measure);
  gboolean drawing = FALSE;
  ScRgba colour;

  sc_palette_segment_colour (palette, series->colour, series->is_outliers, &colour);

  cairo_save (cr);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint p = 0; p < impact->n_points; p++)
    {
      if (!isfinite (v[p]))
        {
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, sc_impact_point_x (layout, p), sc_impact_value_y (layout, v[p]));
      else
        cairo_move_to (cr, sc_impact_point_x (layout, p), sc_impact_value_y (layout, v[p]));
      drawing = TRUE;
    }
  _sc_set_source (cr, &colour, alpha);
  cairo_stroke (cr);

  dots_path (cr, impact, layout, v);
  _sc_set_source (cr, &palette->background, 1.0);
  cairo_fill_preserve (cr);
  _sc_set_source (cr, &colour, alpha);
  cairo_fill (cr);
  dots_path (cr, impact, layout, v);
  cairo_set_line_width (cr, 1.5);
  _sc_set_source (cr, &palette->background, 1.0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
paint_label (cairo_t              *cr,
             const ScImpact       *impact,
             const ScPalette      *palette,
             const ScImpactLayout *layout,
             const ScImpactLabel  *label,
             guint                 s,
             double                alpha)
{
  const ScImpactSeries *series = &impact->series[s];
  g_autoptr(PangoLayout) text = NULL;
  double centre = label->rect.y + label->rect.height / 2, w, h;
  double last_x = sc_impact_point_x (layout, impact->n_points > 0 ? impact->n_points - 1 : 0);
  ScRgba colour;

  sc_palette_segment_colour (palette, series->colour, series->is_outliers, &colour);

  cairo_save (cr);
  /* A leader when the name moved away from its line's end, or the line ended early. */
  if (fabs (centre - label->y) > 2 || label->x < last_x - 1)
    {
      static const double dashes[] = { 1.0, 3.0 };

      /* Dotted, so that it does not read as the line going on. */
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, label->x + 5, label->y);
      cairo_line_to (cr, layout->frame.x + layout->frame.width, label->y);
      cairo_line_to (cr, label->rect.x - 2, centre);
      _sc_set_source (cr, &colour, 0.7 * alpha);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  cairo_set_line_width (cr, 3.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, label->rect.x + 1.5, centre);
  cairo_line_to (cr, label->rect.x + IMPACT_KEY - 1.5, centre);
  _sc_set_source (cr, &colour, alpha);
  cairo_stroke (cr);

  text = _sc_text_layout (NULL, cr, palette, series->name, _SC_TEXT_SMALL, FALSE);
  /* A name none of whose words fits is left to the key's colour and the tooltip. */
  if (_sc_text_fit_words (text, MAX (label->rect.width - IMPACT_KEY - _SC_GAP, 1.0), 1))
    {
      _sc_text_size (text, &w, &h);
      _sc_text_draw (cr, text, label->rect.x + IMPACT_KEY + _SC_GAP, centre - h / 2,
                     alpha < 1 ? &palette->muted : &palette->foreground, 1.0);
    }
  cairo_restore (cr);
}

/**
 * sc_impact_paint:
 * @cr: a cairo context, its origin at the chart's top left corner
 * @impact: the series
 * @measure: the measure to show
 * @palette: the colours
 * @selected: a series to highlight (the others are dimmed), or -1
 * @width: chart width in logical units
 * @height: chart height in logical units
 *
 * Paints one line per segment as sc_impact_layout() lays them out, or a message when there
 * is nothing to draw.  The background is not filled.
 */
void
sc_impact_paint (cairo_t         *cr,
                 const ScImpact  *impact,
                 ScImpactMeasure  measure,
                 const ScPalette *palette,
                 int              selected,
                 double           width,
                 double           height)
{
  g_autofree ScImpactLabel *labels = NULL;
  ScImpactLayout layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (impact != NULL);
  g_return_if_fail (measure < SC_IMPACT_N_MEASURES);
  g_return_if_fail (palette != NULL);

  if (selected >= (int) impact->n_series)
    selected = -1;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  if (impact->n_points == 0)
    {
      paint_message (cr, palette, _("No snapshots yet."), width, height);
      cairo_restore (cr);
      return;
    }

  labels = g_new0 (ScImpactLabel, MAX (impact->n_series, 1));
  sc_impact_layout (impact, measure, palette, width, height, &layout, labels);
  if (!layout.has_values)
    {
      paint_message (cr, palette, measure == SC_IMPACT_CLV
                     ? _("No snapshot has a lifetime value yet: it is known once the value "
                         "model has run.")
                     : _("No snapshot has this figure."), width, height);
      cairo_restore (cr);
      return;
    }

  sc_axis_draw_grid (cr, &layout.y_axis, palette, SC_AXIS_LEFT, &layout.frame, &layout.map);
  sc_axis_draw (cr, &layout.y_axis, palette, SC_AXIS_LEFT, &layout.frame, &layout.map, NULL);
  paint_x_labels (cr, impact, palette, &layout, width);

  /* The highlighted series last, on top. */
  for (guint s = 0; s < impact->n_series; s++)
    if ((int) s != selected)
      paint_series (cr, impact, measure, palette, &layout, s, selected >= 0 ? 0.25 : 1.0);
  if (selected >= 0)
    paint_series (cr, impact, measure, palette, &layout, (guint) selected, 1.0);

  for (guint s = 0; s < impact->n_series; s++)
    if (labels[s].visible)
      paint_label (cr, impact, palette, &layout, &labels[s], s,
                   selected >= 0 && (int) s != selected ? 0.4 : 1.0);
  _sc_hidden_note_draw (cr, palette, layout.n_hidden, &layout.hidden_note);

  cairo_restore (cr);
}
