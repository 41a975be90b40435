/* sc-grid.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The value × potential grid: current value across, potential up, divided at thresholds
 * (by default the average customer's, so "high" means above average) into "Invest",
 * "Keep", "Grow" and "Maintain at low cost".  Each segment is a bubble whose area is
 * proportional to its customers, labelled with its name.  The quadrant names sit in a
 * corner of their quadrant that no bubble covers; the bubble names are placed greedily,
 * largest bubble first, inside the frame and clear of the quadrant names and each other,
 * at full length when any of eight positions around the bubble allows it, else shortened
 * (see place_labels()).
 *
 * Value and potential come from the CLV model; before it has run they are NAN, and the
 * chart says so rather than drawing bubbles at made-up places.  When the model ran but the
 * data could not support a potential (sc-potential.c), the chart falls back to value only:
 * bubbles on one line across, labelled so. */

#include "config.h"

#include "sc-grid.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-chart-note-private.h"
#include "sc-render-util-private.h"

#define PAD           8.0
#define MIN_RADIUS    4.0

/**
 * sc_grid_segment_means:
 * @labels: (array length=n): segment index per customer; others (%SC_LABEL_NONE) are
 *   skipped
 * @n: customers
 * @value: (array length=n): current value per customer, NAN when unknown
 * @potential: (array length=n): potential per customer, NAN when unknown
 * @n_segments: segments
 * @mean_value: (out caller-allocates) (array length=n_segments): mean over the segment's
 *   customers with a value, NAN when none has one
 * @mean_potential: (out caller-allocates) (array length=n_segments): likewise
 */
void
sc_grid_segment_means (const guint16 *labels,
                       guint32        n,
                       const double  *value,
                       const double  *potential,
                       guint          n_segments,
                       double        *mean_value,
                       double        *mean_potential)
{
  g_autofree double *sums = NULL;
  g_autofree guint64 *counts = NULL;

  g_return_if_fail (n == 0 || (labels != NULL && value != NULL && potential != NULL));
  g_return_if_fail (n_segments == 0 || (mean_value != NULL && mean_potential != NULL));

  sums = g_new0 (double, 2 * MAX (n_segments, 1));
  counts = g_new0 (guint64, 2 * MAX (n_segments, 1));

  for (guint32 i = 0; i < n; i++)
    {
      guint s = labels[i];

      if (s >= n_segments)
        continue;
      if (isfinite (value[i]))
        {
          sums[2 * s] += value[i];
          counts[2 * s]++;
        }
      if (isfinite (potential[i]))
        {
          sums[2 * s + 1] += potential[i];
          counts[2 * s + 1]++;
        }
    }

  for (guint s = 0; s < n_segments; s++)
    {
      mean_value[s] = counts[2 * s] > 0 ? sums[2 * s] / counts[2 * s] : NAN;
      mean_potential[s] = counts[2 * s + 1] > 0 ? sums[2 * s + 1] / counts[2 * s + 1] : NAN;
    }
}

static gboolean
segment_usable (const ScGridSegment *s,
                gboolean             value_only)
{
  return isfinite (s->value) && (value_only || isfinite (s->potential)) && s->customers > 0;
}

/* Value only when no segment has a potential and some have a value. */
static gboolean
grid_value_only (const ScGridSegment *segments,
                 guint                n_segments)
{
  gboolean any_value = FALSE;

  for (guint i = 0; i < n_segments; i++)
    {
      if (segment_usable (&segments[i], FALSE))
        return FALSE;
      any_value |= segment_usable (&segments[i], TRUE);
    }
  return any_value;
}

static const char *
value_only_label (void)
{
  return _("Value only: not enough data to estimate potential");
}

/* Segments often differ by orders of magnitude (a few very valuable customers, many small
 * ones): linear axes would squeeze all but the top segment into a corner.  Beyond a
 * 30-fold spread of 1 + v, with nothing negative, the axis is log10 (1 + v). */
static gboolean
wide_range (double lo,
            double hi)
{
  return lo >= 0.0 && (1.0 + hi) / (1.0 + lo) > 30.0;
}

static double
overlap_area (const ScRect *a,
              const ScRect *b)
{
  double w = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
  double h = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);

  return w > 0 && h > 0 ? w * h : 0.0;
}

static double
outside_area (const ScRect *r,
              const ScRect *bounds)
{
  return r->width * r->height - overlap_area (r, bounds);
}

typedef struct
{
  guint  index;
  double radius;
} BySize;

static int
by_size_desc (const void *a,
              const void *b)
{
  const BySize *x = a, *y = b;

  if (x->radius != y->radius)
    return x->radius > y->radius ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The visible bubbles, largest first, into @order (room for @n); returns how many. */
static guint
order_by_size (const ScGridBubble *bubbles,
               guint               n,
               BySize             *order)
{
  guint n_order = 0;

  for (guint i = 0; i < n; i++)
    if (bubbles[i].visible)
      {
        order[n_order].index = i;
        order[n_order].radius = bubbles[i].radius;
        n_order++;
      }
  qsort (order, n_order, sizeof *order, by_size_desc);
  return n_order;
}

/* How much of @r lies on the circle around (@cx, @cy) of radius @radius, approximated by
 * the circle's inscribed-area share of its bounding box. */
static double
circle_overlap (const ScRect *r,
                double        cx,
                double        cy,
                double        radius)
{
  ScRect box = { cx - radius, cy - radius, 2 * radius, 2 * radius };
  double nx = CLAMP (cx, r->x, r->x + r->width), ny = CLAMP (cy, r->y, r->y + r->height);

  /* No overlap at all when the rectangle's nearest point lies outside the circle. */
  if ((nx - cx) * (nx - cx) + (ny - cy) * (ny - cy) >= radius * radius)
    return 0.0;
  return MAX (G_PI / 4 * overlap_area (r, &box), 1.0);
}

/* What a label must not do: leave the plot frame, cover a quadrant name or the note, or
 * cover a label placed before it. */
static double
hard_cost (const ScRect        *cand,
           const ScGridLayout  *layout,
           const ScGridBubble  *bubbles,
           const guint         *placed,
           guint                n_placed)
{
  double cost = outside_area (cand, &layout->frame);

  for (guint q = SC_QUADRANT_INVEST; q < SC_N_QUADRANTS; q++)
    cost += overlap_area (cand, &layout->quadrant_labels[q]);
  cost += overlap_area (cand, &layout->note);
  for (guint p = 0; p < n_placed; p++)
    cost += overlap_area (cand, &bubbles[placed[p]].label);
  return cost;
}

#define LABEL_MIN    48.0
#define LABEL_SHRINK 0.85

/* Labels are placed largest bubble first.  For each, eight positions around the bubble
 * are tried at the name's full width, then at narrower widths (the name shortened by whole
 * words): the first width at which some position stays inside the frame and clear of the
 * quadrant names and the labels placed before wins, and among its positions the one
 * covering the least of other bubbles.  When no width works the bubble goes unlabelled (a
 * zero-width label) rather than covering other text; the chart's accessible description
 * and tooltips still name it. */
static void
place_labels (const ScGridSegment *segments,
              guint                n,
              const ScPalette     *palette,
              const ScGridLayout  *layout,
              ScGridBubble        *bubbles)
{
  g_autoptr(ScTextContext) context = _sc_text_context_new ();
  g_autofree BySize *order = g_new (BySize, MAX (n, 1));
  g_autofree guint *placed = g_new (guint, MAX (n, 1));
  guint n_order = order_by_size (bubbles, n, order), n_placed = 0;

  for (guint k = 0; k < n_order; k++)
    {
      guint i = order[k].index;
      ScGridBubble *b = &bubbles[i];
      double full, h, r = b->radius, d = r * G_SQRT2 / 2;
      double best_soft = G_MAXDOUBLE;
      gboolean found = FALSE;

      _sc_text_measure (context, palette, segments[i].name, _SC_TEXT_NORMAL, TRUE, &full, &h);
      full = MIN (full, layout->frame.width - 2);
      b->label = (ScRect) { b->x, b->y, 0, 0 };

      for (double room = full; !found; room = MAX (room * LABEL_SHRINK, LABEL_MIN))
        {
          g_autoptr(PangoLayout) text = _sc_text_layout (context, NULL, palette,
                                                         segments[i].name, _SC_TEXT_NORMAL,
                                                         TRUE);
          ScRect cands[8];
          double w;

          /* Shortened by whole words; a first word wider than the room ends the search. */
          if (!_sc_text_fit_words (text, room, 1))
            break;
          _sc_text_size (text, &w, NULL);

          cands[0] = (ScRect) { b->x + r + 4, b->y - h / 2, w, h };
          cands[1] = (ScRect) { b->x - r - 4 - w, b->y - h / 2, w, h };
          cands[2] = (ScRect) { b->x - w / 2, b->y - r - 2 - h, w, h };
          cands[3] = (ScRect) { b->x - w / 2, b->y + r + 2, w, h };
          cands[4] = (ScRect) { b->x + d + 2, b->y - d - h, w, h };
          cands[5] = (ScRect) { b->x + d + 2, b->y + d, w, h };
          cands[6] = (ScRect) { b->x - d - 2 - w, b->y - d - h, w, h };
          cands[7] = (ScRect) { b->x - d - 2 - w, b->y + d, w, h };

          for (guint c = 0; c < G_N_ELEMENTS (cands); c++)
            {
              double hard = hard_cost (&cands[c], layout, bubbles, placed, n_placed);
              double soft = 0;

              for (guint j = 0; j < n; j++)
                if (j != i && bubbles[j].visible)
                  soft += circle_overlap (&cands[c], bubbles[j].x, bubbles[j].y,
                                          bubbles[j].radius);

              if (hard < 1e-6)
                {
                  if (!found || soft < best_soft)
                    {
                      best_soft = soft;
                      b->label = cands[c];
                    }
                  found = TRUE;
                }
            }
          if (room <= LABEL_MIN)
            break;
        }

      placed[n_placed++] = i;
    }
}

/* The quadrant names go to their quadrant's outer corner, or, when a bubble covers it, to
 * whichever of the quadrant's other corners no bubble covers. */
static void
move_quadrant_labels (ScGridLayout       *layout,
                      const ScGridBubble *bubbles,
                      guint               n)
{
  const ScRect *f = &layout->frame;

  for (guint q = SC_QUADRANT_INVEST; q < SC_N_QUADRANTS; q++)
    {
      ScRect *label = &layout->quadrant_labels[q];
      gboolean right = q == SC_QUADRANT_INVEST || q == SC_QUADRANT_KEEP;
      gboolean top = q == SC_QUADRANT_INVEST || q == SC_QUADRANT_GROW;
      double xs[2], ys[2], best = G_MAXDOUBLE;
      ScRect chosen = *label;

      if (label->width <= 0)
        continue;
      xs[0] = right ? f->x + f->width - PAD - label->width : f->x + PAD;
      xs[1] = right ? layout->divider_x + PAD : layout->divider_x - PAD - label->width;
      ys[0] = top ? f->y + PAD / 2 : f->y + f->height - PAD / 2 - label->height;
      ys[1] = top ? layout->divider_y - PAD / 2 - label->height : layout->divider_y + PAD / 2;

      /* Outer corner first, then along the frame edges, then the inner corner. */
      for (guint c = 0; c < 4 && best > 0; c++)
        {
          static const guint cx[] = { 0, 0, 1, 1 }, cy[] = { 0, 1, 0, 1 };
          ScRect cand = { xs[cx[c]], ys[cy[c]], label->width, label->height };
          double cover = 0;

          for (guint j = 0; j < n; j++)
            if (bubbles[j].visible)
              cover += circle_overlap (&cand, bubbles[j].x, bubbles[j].y, bubbles[j].radius);
          if (cover < best)
            {
              best = cover;
              chosen = cand;
            }
        }
      *label = chosen;
    }
}

/* A quadrant's name, wrapped to at most two lines of @width and aligned to its outer
 * corner, or %NULL when a word of it is wider than @width. */
static PangoLayout *
quadrant_layout (PangoContext    *context,
                 cairo_t         *cr,
                 const ScPalette *palette,
                 ScQuadrant       quadrant,
                 double           width)
{
  PangoLayout *layout = _sc_text_layout (context, cr, palette, sc_quadrant_get_label (quadrant),
                                         _SC_TEXT_LARGE, TRUE);
  gboolean right = quadrant == SC_QUADRANT_INVEST || quadrant == SC_QUADRANT_KEEP;

  if (!_sc_text_fit_words (layout, width, 2))
    {
      g_object_unref (layout);
      return NULL;
    }
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_auto_dir (layout, FALSE);
  return layout;
}

static void
quadrant_label_rects (ScGridLayout    *layout,
                      const ScPalette *palette)
{
  g_autoptr(ScTextContext) context = _sc_text_context_new ();
  const ScRect *f = &layout->frame;
  double left_w = layout->divider_x - f->x - 2 * PAD;
  double right_w = f->x + f->width - layout->divider_x - 2 * PAD;

  for (guint q = SC_QUADRANT_INVEST; q < SC_N_QUADRANTS; q++)
    {
      gboolean right = q == SC_QUADRANT_INVEST || q == SC_QUADRANT_KEEP;
      gboolean top = q == SC_QUADRANT_INVEST || q == SC_QUADRANT_GROW;
      double room = MIN (right ? right_w : left_w, 220);
      double room_h = top ? layout->divider_y - f->y - PAD
                          : f->y + f->height - layout->divider_y - PAD;
      g_autoptr(PangoLayout) text = NULL;
      PangoRectangle ink, logical;
      double h;

      if (room < 30)
        {
          layout->quadrant_labels[q] = (ScRect) { 0, 0, 0, 0 };
          continue;
        }
      text = quadrant_layout (context, NULL, palette, q, room);
      if (text == NULL)
        {
          layout->quadrant_labels[q] = (ScRect) { 0, 0, 0, 0 };
          continue;
        }
      pango_layout_get_pixel_extents (text, &ink, &logical);
      h = logical.height;
      if (room_h < h)
        {
          layout->quadrant_labels[q] = (ScRect) { 0, 0, 0, 0 };
          continue;
        }
      /* The rectangle covers the text itself, for label placement to avoid. */
      layout->quadrant_labels[q].x = right ? f->x + f->width - PAD - logical.width : f->x + PAD;
      layout->quadrant_labels[q].y = top ? f->y + PAD / 2 : f->y + f->height - PAD / 2 - h;
      layout->quadrant_labels[q].width = logical.width;
      layout->quadrant_labels[q].height = h;
    }
}

static guint
ticks_for (double length,
           double spacing)
{
  return (guint) CLAMP (length / spacing, 2, 8) + 1;
}

/* Bubbles drawn without their name. */
static guint
count_hidden (const ScGridBubble *bubbles,
              guint               n)
{
  guint hidden = 0;

  for (guint i = 0; i < n; i++)
    hidden += bubbles[i].visible && bubbles[i].label.width <= 0;
  return hidden;
}

static void layout_in (const ScGridSegment *segments, guint n_segments,
                       double value_threshold, double potential_threshold,
                       const ScPalette *palette, double width, double height,
                       ScGridLayout *layout, ScGridBubble *bubbles);

/**
 * sc_grid_layout:
 * @segments: (array length=n_segments): the segments
 * @n_segments: number of segments
 * @value_threshold: value dividing low from high, or NAN for the average customer's (the
 *   customer-weighted mean of the segments')
 * @potential_threshold: likewise for potential
 * @palette: the palette (for the font)
 * @width: chart width in logical units
 * @height: chart height in logical units
 * @layout: (out caller-allocates): frame, axes, thresholds and dividers
 * @bubbles: (out caller-allocates) (array length=n_segments): one bubble per segment
 *
 * Computes where everything goes; sc_grid_paint() draws exactly this.  Segments without
 * a value, a potential or customers get no bubble.  Linear axes start at 0 (or below, for
 * negative values); an axis whose values, thresholds included, spread more than 30-fold
 * is drawn on a log10 (1 + v) scale from the smallest value instead, so that no segment
 * is squeezed into a corner.  A bubble whose name fits nowhere is left unnamed; the
 * layout then counts it in @n_hidden and keeps room below the chart for a note saying so.
 */
void
sc_grid_layout (const ScGridSegment *segments,
                guint                n_segments,
                double               value_threshold,
                double               potential_threshold,
                const ScPalette     *palette,
                double               width,
                double               height,
                ScGridLayout        *layout,
                ScGridBubble        *bubbles)
{
  double note_h;
  guint hidden;

  g_return_if_fail (n_segments == 0 || segments != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (n_segments == 0 || bubbles != NULL);

  layout_in (segments, n_segments, value_threshold, potential_threshold, palette, width, height,
             layout, bubbles);
  hidden = count_hidden (bubbles, n_segments);
  note_h = _sc_hidden_note_measure (palette, hidden, MAX (width - 2 * PAD, 1.0));
  if (note_h <= 0)
    return;
  /* Laid out again above the note; that may hide another name, which the note counts. */
  layout_in (segments, n_segments, value_threshold, potential_threshold, palette, width,
             height - note_h - PAD / 2, layout, bubbles);
  layout->n_hidden = count_hidden (bubbles, n_segments);
  if (layout->n_hidden > 0)
    layout->hidden_note = (ScRect) { PAD, height - PAD / 2 - note_h, MAX (width - 2 * PAD, 1.0),
                                     note_h };
}

/* What sc_grid_layout() computes, in a chart HEIGHT high (less than the chart when a note
 * below it takes room). */
static void
layout_in (const ScGridSegment *segments, guint n_segments,
           double value_threshold, double potential_threshold,
           const ScPalette *palette, double width, double height,
           ScGridLayout *layout, ScGridBubble *bubbles)
{
  g_autoptr(ScTextContext) context = NULL;
  double range[4] = { 0, 0, 0, 0 };
  double sum_v = 0, sum_p = 0, total = 0;
  guint64 max_customers = 0;
  double left = 0, right = 0, top, bottom = 0, label_h, r_max;
  const char *x_title = _("Current value");
  const char *y_title = _("Potential");
  gboolean x_log, y_log;

  memset (layout, 0, sizeof *layout);
  layout->value_only = grid_value_only (segments, n_segments);

  for (guint i = 0; i < n_segments; i++)
    {
      const ScGridSegment *s = &segments[i];
      /* Value only: every bubble at the same height, on a potential axis that is not drawn. */
      double potential = layout->value_only ? 0.5 : s->potential;

      if (!segment_usable (s, layout->value_only))
        continue;
      if (!layout->has_values)
        {
          range[0] = range[1] = s->value;
          range[2] = range[3] = potential;
        }
      layout->has_values = TRUE;
      range[0] = MIN (range[0], s->value);
      range[1] = MAX (range[1], s->value);
      range[2] = MIN (range[2], potential);
      range[3] = MAX (range[3], potential);
      sum_v += s->value * (double) s->customers;
      sum_p += potential * (double) s->customers;
      total += (double) s->customers;
      max_customers = MAX (max_customers, s->customers);
    }
  if (layout->value_only)
    {
      range[2] = 0.0;
      range[3] = 1.0;
      potential_threshold = 0.5;
    }

  if (layout->has_values)
    {
      layout->value_threshold = isfinite (value_threshold) ? value_threshold : sum_v / total;
      layout->potential_threshold = isfinite (potential_threshold) ? potential_threshold
                                                                   : sum_p / total;
      /* Around the thresholds, and on linear axes from zero (or below, for negative
       * values). */
      range[0] = MIN (range[0], layout->value_threshold);
      range[1] = MAX (range[1], layout->value_threshold);
      range[2] = MIN (range[2], layout->potential_threshold);
      range[3] = MAX (range[3], layout->potential_threshold);
    }
  else
    {
      range[1] = range[3] = 1.0;
      layout->value_threshold = layout->potential_threshold = 0.5;
    }

  x_log = wide_range (range[0], range[1]);
  y_log = wide_range (range[2], range[3]);
  if (!x_log)
    range[0] = MIN (range[0], 0.0);
  if (!y_log)
    range[2] = MIN (range[2], 0.0);

  context = _sc_text_context_new ();
  _sc_text_measure (context, palette, "0", _SC_TEXT_SMALL, FALSE, NULL, &label_h);
  top = PAD + label_h / 2;

  sc_axis_init (&layout->x_axis, range[0], range[1], x_log, FALSE, ticks_for (width * 0.7, 100),
                SC_AXIS_FORMAT_CURRENCY);
  sc_axis_init (&layout->y_axis, range[2], range[3], y_log, FALSE, ticks_for (height * 0.7, 50),
                SC_AXIS_FORMAT_CURRENCY);
  sc_axis_set_currency (&layout->x_axis, palette->currency);
  sc_axis_set_currency (&layout->y_axis, palette->currency);
  for (int pass = 0; pass < 2; pass++)
    {
      const ScAxis *xa = &layout->x_axis;
      g_autofree char *last = sc_axis_format_tick (xa, xa->ticks[xa->n_ticks - 1]);
      double last_w;

      _sc_text_measure (context, palette, last, _SC_TEXT_SMALL, FALSE, &last_w, NULL);
      if (layout->has_values)
        {
          left = layout->value_only ? PAD + last_w / 2
                                    : PAD + sc_axis_measure (&layout->y_axis, palette,
                                                             SC_AXIS_LEFT, y_title);
          bottom = PAD + sc_axis_measure (&layout->x_axis, palette, SC_AXIS_BOTTOM, x_title);
          right = PAD + last_w / 2;
        }
      else
        {
          left = right = bottom = PAD;
          top = PAD;
        }
      if (pass == 0)
        {
          sc_axis_init (&layout->x_axis, range[0], range[1], x_log, FALSE,
                        ticks_for (MAX (width - left - right, 10), 100), SC_AXIS_FORMAT_CURRENCY);
          sc_axis_init (&layout->y_axis, range[2], range[3], y_log, FALSE,
                        ticks_for (MAX (height - top - bottom, 10), 50), SC_AXIS_FORMAT_CURRENCY);
          sc_axis_set_currency (&layout->x_axis, palette->currency);
          sc_axis_set_currency (&layout->y_axis, palette->currency);
        }
    }

  layout->frame = (ScRect) { left, top, MAX (width - left - right, 20),
                             MAX (height - top - bottom, 20) };
  r_max = CLAMP (MIN (layout->frame.width, layout->frame.height) * 0.11, 10.0, 56.0);
  layout->map = (ScRect) { layout->frame.x + r_max + 4, layout->frame.y + r_max + 4,
                           MAX (layout->frame.width - 2 * (r_max + 4), 1),
                           MAX (layout->frame.height - 2 * (r_max + 4), 1) };

  if (layout->has_values)
    {
      layout->divider_x = sc_axis_position (&layout->x_axis, layout->value_threshold,
                                            layout->map.x, layout->map.x + layout->map.width);
      layout->divider_y = sc_axis_position (&layout->y_axis, layout->potential_threshold,
                                            layout->map.y + layout->map.height, layout->map.y);
    }
  else
    {
      layout->divider_x = layout->frame.x + layout->frame.width / 2;
      layout->divider_y = layout->frame.y + layout->frame.height / 2;
    }
  quadrant_label_rects (layout, palette);
  if (layout->value_only)
    {
      /* No quadrants without potential; the label takes the top left corner instead. */
      memset (layout->quadrant_labels, 0, sizeof layout->quadrant_labels);
      _sc_text_measure (context, palette, value_only_label (), _SC_TEXT_LARGE, TRUE,
                        &layout->note.width, &layout->note.height);
      layout->note.width = MIN (layout->note.width, layout->frame.width - 2 * PAD);
      layout->note.x = layout->frame.x + PAD;
      layout->note.y = layout->frame.y + PAD / 2;
    }

  for (guint i = 0; i < n_segments; i++)
    {
      ScGridBubble *b = &bubbles[i];

      memset (b, 0, sizeof *b);
      if (!layout->has_values || !segment_usable (&segments[i], layout->value_only))
        continue;
      b->visible = TRUE;
      b->x = sc_axis_position (&layout->x_axis, segments[i].value, layout->map.x,
                               layout->map.x + layout->map.width);
      b->y = sc_axis_position (&layout->y_axis,
                               layout->value_only ? 0.5 : segments[i].potential,
                               layout->map.y + layout->map.height, layout->map.y);
      b->radius = MAX (MIN_RADIUS, r_max * sqrt ((double) segments[i].customers
                                                 / (double) max_customers));
    }

  if (layout->has_values)
    {
      move_quadrant_labels (layout, bubbles, n_segments);
      place_labels (segments, n_segments, palette, layout, bubbles);
    }
}

static void
draw_text_with_halo (cairo_t         *cr,
                     PangoLayout     *layout,
                     double           x,
                     double           y,
                     const ScPalette *palette,
                     const ScRgba    *colour)
{
  /* The halo keeps names readable over dividers and other bubbles; the text itself is
   * drawn as text so that it stays selectable in PDF and SVG. */
  cairo_save (cr);
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_width (cr, 3.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  _sc_set_source (cr, &palette->background, 0.85);
  cairo_stroke (cr);
  cairo_restore (cr);
  _sc_text_draw (cr, layout, x, y, colour, 1.0);
}

static void
draw_frame (cairo_t            *cr,
            const ScGridLayout *layout,
            const ScPalette    *palette)
{
  const ScRect *f = &layout->frame;
  double x, y;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);

  /* Dividers, dashed: the thresholds are a convention, not a boundary in the data. */
  _sc_set_source (cr, &palette->muted, 0.8);
  cairo_set_dash (cr, (double[]) { 5.0, 4.0 }, 2, 0);
  x = _sc_snap_x (cr, layout->divider_x, 1.0);
  y = _sc_snap_y (cr, layout->divider_y, 1.0);
  cairo_move_to (cr, x, f->y);
  cairo_line_to (cr, x, f->y + f->height);
  if (!layout->value_only)
    {
      cairo_move_to (cr, f->x, y);
      cairo_line_to (cr, f->x + f->width, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  if (layout->value_only && layout->note.width > 0)
    {
      g_autoptr(PangoLayout) note = _sc_text_layout (NULL, cr, palette, value_only_label (),
                                                     _SC_TEXT_LARGE, TRUE);

      _sc_text_fit (note, layout->note.width);
      _sc_text_draw (cr, note, layout->note.x, layout->note.y, &palette->foreground, 0.85);
    }

}

/* A plate of background under a label that lies on a bubble: the halo alone leaves the
 * bubble's colour between its strokes, too little contrast for the text. */
static void
draw_plate (cairo_t            *cr,
            const ScRect       *label,
            const ScGridBubble *bubbles,
            guint               n,
            const ScPalette    *palette)
{
  for (guint j = 0; j < n; j++)
    if (bubbles[j].visible && circle_overlap (label, bubbles[j].x, bubbles[j].y,
                                              bubbles[j].radius + 1.5) > 0)
      {
        _sc_fill_rounded_rect (cr, label->x - 2, label->y, label->width + 4, label->height, 3,
                               &palette->background, 0.85);
        return;
      }
}

/* Drawn over the bubbles, which may cover a quadrant's every corner. */
static void
draw_quadrant_labels (cairo_t            *cr,
                      const ScGridLayout *layout,
                      const ScGridBubble *bubbles,
                      guint               n,
                      const ScPalette    *palette)
{
  for (guint q = SC_QUADRANT_INVEST; q < SC_N_QUADRANTS; q++)
    {
      const ScRect *r = &layout->quadrant_labels[q];
      g_autoptr(PangoLayout) text = NULL;

      if (r->width <= 0)
        continue;
      /* Laid out at the width it was measured at, so that it wraps the same way. */
      text = quadrant_layout (NULL, cr, palette, q, r->width + 1);
      if (text == NULL)
        continue;
      draw_plate (cr, r, bubbles, n, palette);
      /* Opaque: muted text at 75% came to 3.4:1 on white, below the 4.5:1 text needs. */
      _sc_text_draw (cr, text, r->x, r->y, &palette->muted, 1.0);
    }
}

static void
draw_message (cairo_t            *cr,
              const ScGridLayout *layout,
              const ScPalette    *palette)
{
  const ScRect *f = &layout->frame;
  g_autoptr(PangoLayout) text = _sc_text_layout (NULL, cr, palette,
                                                 _("Value and potential appear once the "
                                                   "customer value (CLV) model has run on "
                                                   "the current data"),
                                                 _SC_TEXT_LARGE, FALSE);
  double max_w = MAX (MIN (f->width - 4 * PAD, 640), 40), w, h;

  pango_layout_set_width (text, (int) (max_w * PANGO_SCALE));
  pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
  _sc_text_size (text, &w, &h);

  _sc_rounded_rect (cr, f->x + (f->width - w) / 2 - 2 * PAD, f->y + (f->height - h) / 2 - 1.5 * PAD,
                    w + 4 * PAD, h + 3 * PAD, 8);
  _sc_set_source (cr, &palette->background, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  _sc_set_source (cr, &palette->grid, 1.0);
  cairo_stroke (cr);

  /* Centred within a box of max_w centred in the frame. */
  _sc_text_draw (cr, text, f->x + (f->width - max_w) / 2, f->y + (f->height - h) / 2,
                 &palette->foreground, 1.0);
}

/**
 * sc_grid_paint:
 * @cr: a cairo context, its origin at the chart's top left corner
 * @segments: (array length=n_segments): the segments
 * @n_segments: number of segments
 * @value_threshold: see sc_grid_layout()
 * @potential_threshold: see sc_grid_layout()
 * @palette: the colours
 * @selected: index of the highlighted segment (the others are dimmed), or -1
 * @width: chart width in logical units
 * @height: chart height in logical units
 *
 * Paints the value × potential grid as sc_grid_layout() lays it out, or, when no
 * segment has a value yet, the empty grid with a message saying when they appear; with
 * values but no potential, the segments by value only, labelled so.  The background is not
 * filled.
 */
void
sc_grid_paint (cairo_t             *cr,
               const ScGridSegment *segments,
               guint                n_segments,
               double               value_threshold,
               double               potential_threshold,
               const ScPalette     *palette,
               int                  selected,
               double               width,
               double               height)
{
  g_autofree ScGridBubble *bubbles = NULL;
  g_autofree BySize *order = NULL;
  ScGridLayout layout;
  const char *x_title = _("Current value");
  const char *y_title = _("Potential");
  guint n_order = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (n_segments == 0 || segments != NULL);
  g_return_if_fail (palette != NULL);

  if (selected < 0 || (guint) selected >= n_segments)
    selected = -1;

  bubbles = g_new0 (ScGridBubble, MAX (n_segments, 1));
  sc_grid_layout (segments, n_segments, value_threshold, potential_threshold, palette, width,
                  height, &layout, bubbles);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  _sc_set_source (cr, &palette->grid, 1.0);
  cairo_rectangle (cr, _sc_snap_x (cr, layout.frame.x, 1.0), _sc_snap_y (cr, layout.frame.y, 1.0),
                   round (layout.frame.width), round (layout.frame.height));
  cairo_stroke (cr);
  cairo_restore (cr);

  draw_frame (cr, &layout, palette);

  if (!layout.has_values)
    {
      draw_quadrant_labels (cr, &layout, bubbles, 0, palette);
      draw_message (cr, &layout, palette);
      cairo_restore (cr);
      return;
    }

  sc_axis_draw (cr, &layout.x_axis, palette, SC_AXIS_BOTTOM, &layout.frame, &layout.map, x_title);
  if (!layout.value_only)
    sc_axis_draw (cr, &layout.y_axis, palette, SC_AXIS_LEFT, &layout.frame, &layout.map,
                  y_title);

  /* Largest first, so small bubbles stay visible on top. */
  order = g_new (BySize, MAX (n_segments, 1));
  n_order = order_by_size (bubbles, n_segments, order);

  for (guint k = 0; k < n_order; k++)
    {
      guint i = order[k].index;
      const ScGridBubble *b = &bubbles[i];
      gboolean dim = selected >= 0 && (int) i != selected;
      ScRgba colour;

      sc_palette_segment_colour (palette, segments[i].colour, segments[i].is_outliers, &colour);
      cairo_new_path (cr);
      cairo_arc (cr, b->x, b->y, b->radius, 0, 2 * G_PI);
      _sc_set_source (cr, &colour,
                      dim ? sc_palette_visible_alpha (palette, &colour, 0.2,
                                                      SC_PALETTE_DIM_FILL_CONTRAST)
                          : 0.7);
      cairo_fill_preserve (cr);
      if ((int) i == selected)
        {
          cairo_set_line_width (cr, 2.5);
          _sc_set_source (cr, &palette->foreground, 1.0);
        }
      else
        {
          cairo_set_line_width (cr, 1.5);
          _sc_set_source (cr, &colour,
                          dim ? sc_palette_visible_alpha (palette, &colour, 0.4,
                                                          SC_PALETTE_DIM_OUTLINE_CONTRAST)
                              : 1.0);
        }
      cairo_stroke (cr);
    }

  draw_quadrant_labels (cr, &layout, bubbles, n_segments, palette);
  _sc_hidden_note_draw (cr, palette, layout.n_hidden, &layout.hidden_note);
  for (guint k = 0; k < n_order; k++)
    {
      guint i = order[k].index;
      g_autoptr(PangoLayout) text = _sc_text_layout (NULL, cr, palette, segments[i].name,
                                                      _SC_TEXT_NORMAL, TRUE);
      gboolean dim = selected >= 0 && (int) i != selected;
      const ScRect *l = &bubbles[i].label;

      if (l->width <= 0 || !_sc_text_fit_words (text, l->width, 1))
        continue;
      draw_plate (cr, l, bubbles, n_segments, palette);
      draw_text_with_halo (cr, text, l->x, l->y, palette,
                           dim ? &palette->muted : &palette->foreground);
    }

  cairo_restore (cr);
}

/**
 * sc_grid_hit_test:
 * @bubbles: (array length=n_bubbles): bubbles from sc_grid_layout()
 * @n_bubbles: number of bubbles
 * @x: logical x within the chart
 * @y: logical y within the chart
 *
 * Returns: the segment whose bubble (the smallest, which is drawn on top, when bubbles
 *   overlap) or name label is at (@x, @y), or -1
 */
int
sc_grid_hit_test (const ScGridBubble *bubbles,
                  guint               n_bubbles,
                  double              x,
                  double              y)
{
  int best = -1;

  g_return_val_if_fail (n_bubbles == 0 || bubbles != NULL, -1);

  for (guint i = 0; i < n_bubbles; i++)
    {
      const ScGridBubble *b = &bubbles[i];
      double dx = x - b->x, dy = y - b->y;

      if (!b->visible || dx * dx + dy * dy > b->radius * b->radius)
        continue;
      if (best < 0 || b->radius < bubbles[best].radius)
        best = (int) i;
    }
  if (best >= 0)
    return best;

  for (guint i = 0; i < n_bubbles; i++)
    if (bubbles[i].visible && sc_rect_contains (&bubbles[i].label, x, y))
      return (int) i;
  return -1;
}
