/* test-flow.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The migration matrix and the impact lines, checked on their layouts and on the pixels
 * they produce (ARGB32 surfaces read back at positions the layout functions give), and
 * drawn on PDF and SVG surfaces.  With SC_CHART_OUTPUT_DIR set, PNGs of both charts, light
 * and dark, are kept there for people to look at. */

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-flow.h"
#include "sc-value.h"
#include "test-render-utils.h"

/* ---------------------------------------------------------------------------------------- */
/* Helpers: the canvas and its pixels in test-render-utils.c */

static gboolean
rects_overlap (const ScRect *a,
               const ScRect *b)
{
  return a->x < b->x + b->width - 1e-9 && b->x < a->x + a->width - 1e-9 &&
         a->y < b->y + b->height - 1e-9 && b->y < a->y + a->height - 1e-9;
}

static void
assert_inside (const ScRect *r,
               double        width,
               double        height)
{
  g_assert_cmpfloat (r->x, >=, -1e-9);
  g_assert_cmpfloat (r->y, >=, -1e-9);
  g_assert_cmpfloat (r->x + r->width, <=, width + 1e-9);
  g_assert_cmpfloat (r->y + r->height, <=, height + 1e-9);
}

/* ---------------------------------------------------------------------------------------- */
/* Demo data */

/* Five earlier segments, five later ones: "Regulars" lost many to "At risk", "Wholesale"
 * is gone, "Lapsed" is new, 120 new customers arrived and 35 members are in no segment. */
static const char *const demo_from_names[] = {
  "Loyal high spenders", "Regulars", "At risk", "New buyers", "Wholesale",
};
static const char *const demo_to_names[] = {
  "Loyal high spenders", "Regulars", "At risk", "New buyers", "Lapsed",
};
#define DEMO_FROM 5
#define DEMO_TO 5

/* Rows: earlier segments then new customers; columns: later segments then gone. */
static const guint64 demo_counts[DEMO_FROM + 1][DEMO_TO + 1] = {
  { 240,   6,   4,   0,   0,  0 },
  {  12, 250, 130,   0,   8,  0 },
  {   0,  20, 300,   0,  60, 20 },
  {   0,  40,  10, 180,  15,  5 },
  {  30,   0,   0,   0,  40, 10 },
  {   0,   0,   0, 120,   0,  0 },
};
static const int demo_to_match[DEMO_FROM] = { 0, 1, 2, 3, -1 };

static ScDrift *
demo_drift (void)
{
  ScDrift *d = g_new0 (ScDrift, 1);

  d->n_from = DEMO_FROM;
  d->n_to = DEMO_TO;
  d->from_names = g_new0 (char *, DEMO_FROM + 1);
  d->to_names = g_new0 (char *, DEMO_TO + 1);
  for (guint i = 0; i < DEMO_FROM; i++)
    d->from_names[i] = g_strdup (demo_from_names[i]);
  for (guint j = 0; j < DEMO_TO; j++)
    d->to_names[j] = g_strdup (demo_to_names[j]);
  d->to_match = g_memdup2 (demo_to_match, sizeof demo_to_match);
  d->matrix = g_memdup2 (demo_counts, sizeof demo_counts);
  return d;
}

static ScSnapshot *
demo_snapshot (guint               n,
               const char *const  *names,
               const guint        *colours)
{
  ScSnapshot *s = g_new0 (ScSnapshot, 1);

  s->n_segments = n;
  s->segments = g_new0 (ScSnapshotSegment, n);
  for (guint i = 0; i < n; i++)
    {
      s->segments[i].position = i;
      s->segments[i].name = g_strdup (names[i]);
      s->segments[i].colour = colours[i];
    }
  return s;
}

static ScMigration *
demo_migration (void)
{
  static const guint from_colours[DEMO_FROM] = { 0, 1, 2, 3, 4 };
  static const guint to_colours[DEMO_TO] = { 0, 1, 2, 3, 5 };
  g_autoptr(ScDrift) drift = demo_drift ();
  g_autoptr(ScSnapshot) from = demo_snapshot (DEMO_FROM, demo_from_names, from_colours);
  g_autoptr(ScSnapshot) to = demo_snapshot (DEMO_TO, demo_to_names, to_colours);

  return sc_migration_new (drift, from, to);
}

#define N_POINTS 4
#define N_SERIES 4

/* Four snapshots; "Wholesale" is gone at the last, "Lapsed" appears at the third. */
static ScImpact *
demo_impact (void)
{
  static const char *const names[N_SERIES] = { "Loyal high spenders", "Regulars", "Wholesale",
                                               "Lapsed" };
  static const double customers[N_SERIES][N_POINTS] = {
    { 250, 262, 270, 282 },
    { 400, 390, 330, 316 },
    { 80, 84, 70, NAN },
    { NAN, NAN, 95, 123 },
  };
  static const char *const labels[N_POINTS] = { "Q1", "Q2", "Before scoring", NULL };
  ScImpact *impact = g_new0 (ScImpact, 1);

  impact->n_points = N_POINTS;
  impact->ids = g_new0 (gint64, N_POINTS);
  impact->as_of = g_new0 (ScDay, N_POINTS);
  impact->labels = g_new0 (char *, N_POINTS + 1);
  for (guint p = 0; p < N_POINTS; p++)
    {
      impact->ids[p] = p + 1 < N_POINTS ? p + 1 : 0;
      impact->as_of[p] = sc_day_from_ymd (2024, 3 * p + 1, 1);
      impact->labels[p] = g_strdup (labels[p] != NULL ? labels[p] : "Current segments");
    }
  impact->n_series = N_SERIES;
  impact->series = g_new0 (ScImpactSeries, N_SERIES);
  for (guint s = 0; s < N_SERIES; s++)
    {
      ScImpactSeries *x = &impact->series[s];

      x->origin = s + 1;
      x->name = g_strdup (names[s]);
      x->colour = s;
      x->customers = g_memdup2 (customers[s], sizeof customers[s]);
      x->revenue = g_new (double, N_POINTS);
      x->orders_per_customer = g_new (double, N_POINTS);
      x->churn = g_new (double, N_POINTS);
      x->clv = g_new (double, N_POINTS);
      for (guint p = 0; p < N_POINTS; p++)
        {
          double c = customers[s][p];

          x->revenue[p] = isfinite (c) ? c * (100 + 20 * s) : NAN;
          x->orders_per_customer[p] = isfinite (c) ? 1.0 + 0.5 * s + 0.1 * p : NAN;
          x->churn[p] = isfinite (c) ? 0.1 * (s + 1) + 0.02 * p : NAN;
          x->clv[p] = NAN;
        }
    }
  return impact;
}

/* ---------------------------------------------------------------------------------------- */
/* Migration */

static void
test_migration_data (void)
{
  g_autoptr(ScMigration) m = demo_migration ();
  guint64 all = 0;

  g_assert_cmpuint (m->n_from, ==, DEMO_FROM);
  g_assert_cmpuint (m->n_to, ==, DEMO_TO);
  g_assert_cmpstr (m->from[1].name, ==, "Regulars");
  g_assert_cmpstr (m->to[4].name, ==, "Lapsed");
  g_assert_cmpuint (m->to[4].colour, ==, 5);
  g_assert_cmpint (m->to_match[4], ==, -1);

  g_assert_cmpuint (sc_migration_get (m, 1, 2), ==, 130);
  g_assert_cmpuint (sc_migration_get (m, -1, 3), ==, 120);
  g_assert_cmpuint (sc_migration_get (m, 2, -1), ==, 20);
  g_assert_cmpuint (sc_migration_get (m, -1, -1), ==, 0);
  /* Out of range reads as nobody. */
  g_assert_cmpuint (sc_migration_get (m, 5, 0), ==, 0);
  g_assert_cmpuint (sc_migration_get (m, 0, 7), ==, 0);
  g_assert_cmpuint (sc_migration_get (m, -2, 0), ==, 0);

  /* Hand-summed rows (earlier sizes) and columns (later sizes). */
  g_assert_cmpuint (sc_migration_row_total (m, 0), ==, 250);
  g_assert_cmpuint (sc_migration_row_total (m, 1), ==, 400);
  g_assert_cmpuint (sc_migration_row_total (m, 2), ==, 400);
  g_assert_cmpuint (sc_migration_row_total (m, 3), ==, 250);
  g_assert_cmpuint (sc_migration_row_total (m, 4), ==, 80);
  g_assert_cmpuint (sc_migration_row_total (m, -1), ==, 120);
  g_assert_cmpuint (sc_migration_column_total (m, 0), ==, 282);
  g_assert_cmpuint (sc_migration_column_total (m, 1), ==, 316);
  g_assert_cmpuint (sc_migration_column_total (m, 2), ==, 444);
  g_assert_cmpuint (sc_migration_column_total (m, 3), ==, 300);
  g_assert_cmpuint (sc_migration_column_total (m, 4), ==, 123);
  g_assert_cmpuint (sc_migration_column_total (m, -1), ==, 35);
  for (int i = -1; i < DEMO_FROM; i++)
    all += sc_migration_row_total (m, i);
  g_assert_cmpuint (all, ==, 250 + 400 + 400 + 250 + 80 + 120);

  /* Without the states, colours follow positions. */
  {
    g_autoptr(ScDrift) drift = demo_drift ();
    g_autoptr(ScMigration) plain = sc_migration_new (drift, NULL, NULL);

    g_assert_cmpuint (plain->to[4].colour, ==, 4);
    g_assert_false (plain->from[0].is_outliers);
  }
}

static void
test_migration_layout (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  g_autoptr(ScMigration) m = demo_migration ();
  const double width = 820, height = 420;
  ScMigrationLayout layout;
  double nat_w, nat_h;
  ScRect cell, prev;
  int from, to;

  sc_migration_layout (m, palette, width, height, &layout);

  /* New customers arrived and some members left every segment: both shown. */
  g_assert_true (layout.show_new);
  g_assert_true (layout.show_gone);
  g_assert_cmpuint (layout.n_rows, ==, DEMO_FROM + 1);
  g_assert_cmpuint (layout.n_columns, ==, DEMO_TO + 1);
  g_assert_cmpfloat_with_epsilon (layout.grid.width, layout.n_columns * layout.cell_width, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout.grid.height, layout.n_rows * layout.cell_height, 1e-9);
  assert_inside (&layout.grid, width, height);
  assert_inside (&layout.row_totals, width, height);
  assert_inside (&layout.column_totals, width, height);

  /* Names left of the grid, sizes right of it and below, headers above. */
  g_assert_cmpfloat (layout.row_labels.x + layout.row_labels.width, <=, layout.grid.x);
  g_assert_cmpfloat (layout.row_totals.x, >=, layout.grid.x + layout.grid.width);
  g_assert_cmpfloat (layout.column_labels.y + layout.column_labels.height, <=,
                     layout.grid.y + 1e-9);
  g_assert_cmpfloat (layout.column_totals.y, >=, layout.grid.y + layout.grid.height - 1e-9);

  /* Cells tile the grid in reading order: rows by earlier position, new customers last. */
  for (int i = -1; i < DEMO_FROM; i++)
    for (int j = -1; j < DEMO_TO; j++)
      {
        int row = i < 0 ? DEMO_FROM : i, column = j < 0 ? DEMO_TO : j;
        int hf, ht;

        g_assert_true (sc_migration_cell (&layout, i, j, &cell));
        g_assert_cmpfloat_with_epsilon (cell.x, layout.grid.x + column * layout.cell_width, 1e-9);
        g_assert_cmpfloat_with_epsilon (cell.y, layout.grid.y + row * layout.cell_height, 1e-9);
        g_assert_true (sc_migration_hit_test (&layout, cell.x + cell.width / 2,
                                              cell.y + cell.height / 2, &hf, &ht));
        g_assert_cmpint (hf, ==, i);
        g_assert_cmpint (ht, ==, j);
      }
  g_assert_true (sc_migration_cell (&layout, 0, 0, &prev));
  g_assert_true (sc_migration_cell (&layout, 0, 1, &cell));
  g_assert_false (rects_overlap (&prev, &cell));
  g_assert_false (sc_migration_cell (&layout, DEMO_FROM, 0, &cell));
  g_assert_false (sc_migration_cell (&layout, 0, -2, &cell));
  g_assert_false (sc_migration_hit_test (&layout, 1, 1, &from, &to));
  g_assert_false (sc_migration_hit_test (&layout, layout.grid.x + layout.grid.width + 1,
                                         layout.grid.y + 1, &from, &to));

  /* The natural size holds comfortable cells; laid out at it, they are that size. */
  sc_migration_natural_size (m, palette, &nat_w, &nat_h);
  g_assert_cmpfloat (nat_w, >, 6 * 90);
  g_assert_cmpfloat (nat_h, >, 6 * 30);
  sc_migration_layout (m, palette, nat_w, nat_h, &layout);
  g_assert_cmpfloat_with_epsilon (layout.cell_height, 36, 1e-6);
  g_assert_cmpfloat_with_epsilon (layout.cell_width, 96, 1e-6);
}

/* Without new customers and with everybody still segmented, the extra row and column
 * are left out. */
static void
test_migration_closed (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  g_autoptr(ScMigration) m = demo_migration ();
  ScMigrationLayout layout;
  ScRect cell;

  for (int j = -1; j < DEMO_TO; j++)
    m->counts[DEMO_FROM * (DEMO_TO + 1) + (j < 0 ? DEMO_TO : j)] = 0;
  for (int i = 0; i < DEMO_FROM; i++)
    m->counts[i * (DEMO_TO + 1) + DEMO_TO] = 0;

  sc_migration_layout (m, palette, 700, 400, &layout);
  g_assert_false (layout.show_new);
  g_assert_false (layout.show_gone);
  g_assert_cmpuint (layout.n_rows, ==, DEMO_FROM);
  g_assert_cmpuint (layout.n_columns, ==, DEMO_TO);
  g_assert_false (sc_migration_cell (&layout, -1, 0, &cell));
  g_assert_false (sc_migration_cell (&layout, 0, -1, &cell));
  g_assert_true (sc_migration_cell (&layout, DEMO_FROM - 1, DEMO_TO - 1, &cell));
  g_assert_cmpfloat_with_epsilon (cell.x + cell.width, layout.grid.x + layout.grid.width, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell.y + cell.height, layout.grid.y + layout.grid.height, 1e-9);
}

/* A point of a cell away from its centred count and its outline. */
static void
cell_probe (const ScRect *cell,
            double       *x,
            double       *y)
{
  *x = cell->x + cell->width * 0.18;
  *y = cell->y + cell->height * 0.22;
}

static void
test_migration_pixels (void)
{
  g_autoptr(ScMigration) m = demo_migration ();

  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new (dark);
      const int width = 820, height = 420;
      ScMigrationLayout layout;
      Canvas canvas;
      ScRect cell;
      double x, y, expected;
      ScRgba colour;

      canvas_init (&canvas, width, height, 1.0, palette);
      sc_migration_paint (canvas.cr, m, palette, width, height);
      canvas_finish (&canvas);
      sc_migration_layout (m, palette, width, height, &layout);

      /* Tint: the row's colour, by the share of the row the cell holds. */
      g_assert_true (sc_migration_cell (&layout, 1, 2, &cell));
      cell_probe (&cell, &x, &y);
      sc_palette_segment_colour (palette, m->from[1].colour, FALSE, &colour);
      expected = 0.12 + 0.78 * 130.0 / 400.0;
      assert_colour (&canvas, x, y, &colour, palette, expected - 0.03, expected + 0.03);

      g_assert_true (sc_migration_cell (&layout, 0, 0, &cell));
      cell_probe (&cell, &x, &y);
      sc_palette_segment_colour (palette, m->from[0].colour, FALSE, &colour);
      expected = 0.12 + 0.78 * 240.0 / 250.0;
      assert_colour (&canvas, x, y, &colour, palette, expected - 0.03, expected + 0.03);

      /* New customers in the muted colour; all 120 went to "New buyers". */
      g_assert_true (sc_migration_cell (&layout, -1, 3, &cell));
      cell_probe (&cell, &x, &y);
      assert_colour (&canvas, x, y, &palette->muted, palette, 0.87, 0.93);

      /* An empty cell is a faint grid tint, not a segment colour. */
      g_assert_true (sc_migration_cell (&layout, 0, 3, &cell));
      cell_probe (&cell, &x, &y);
      assert_colour (&canvas, x, y, &palette->grid, palette, 0.3, 0.4);

      /* Between cells and outside the chart: nothing. */
      g_assert_true (sc_migration_cell (&layout, 0, 0, &cell));
      g_assert_true (is_background (&canvas, cell.x + 0.4, cell.y + cell.height / 2, palette));
      g_assert_true (is_background (&canvas, width - 2, height - 2, palette));

      /* A segment's own later self is outlined. */
      g_assert_true (sc_migration_cell (&layout, 2, 2, &cell));
      g_assert_false (is_background (&canvas, cell.x + cell.width / 2, cell.y + 2.1, palette));

      /* Row names carry a swatch in the segment colour. */
      g_assert_true (sc_migration_cell (&layout, 4, 0, &cell));
      sc_palette_segment_colour (palette, m->from[4].colour, FALSE, &colour);
      assert_colour (&canvas, layout.row_labels.x + 5, cell.y + cell.height / 2, &colour,
                     palette, 0.95, 1.05);

      canvas_clear (&canvas);
    }
}

/* Too small to be comfortable, or empty: laid out inside the surface, painted without
 * errors. */
static void
test_migration_odd (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  g_autoptr(ScMigration) m = demo_migration ();
  static const int sizes[][2] = { { 120, 80 }, { 300, 60 }, { 40, 400 }, { 1, 1 } };

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      ScMigrationLayout layout;
      Canvas canvas;
      ScRect cell;

      sc_migration_layout (m, palette, sizes[k][0], sizes[k][1], &layout);
      g_assert_true (sc_migration_cell (&layout, DEMO_FROM - 1, DEMO_TO - 1, &cell));
      g_assert_cmpfloat (cell.width, >, 0);
      g_assert_cmpfloat (cell.height, >, 0);
      g_assert_cmpfloat (layout.grid.y + layout.grid.height, <=,
                         MAX (sizes[k][1], layout.grid.y + 1) + 1e-6);

      canvas_init (&canvas, sizes[k][0], sizes[k][1], 2.0, palette);
      sc_migration_paint (canvas.cr, m, palette, sizes[k][0], sizes[k][1]);
      canvas_finish (&canvas);
      canvas_clear (&canvas);
    }

  /* No segments on either side, and one side only. */
  {
    ScDrift empty = { 0 };
    guint64 zero = 0;
    g_autoptr(ScMigration) none = NULL;
    ScMigrationLayout layout;
    Canvas canvas;
    ScRect cell;

    empty.matrix = &zero;
    none = sc_migration_new (&empty, NULL, NULL);
    sc_migration_layout (none, palette, 400, 300, &layout);
    g_assert_cmpuint (layout.n_rows, ==, 0);
    g_assert_false (sc_migration_cell (&layout, 0, 0, &cell));
    canvas_init (&canvas, 400, 300, 1.0, palette);
    sc_migration_paint (canvas.cr, none, palette, 400, 300);
    canvas_finish (&canvas);
    g_assert_true (is_background (&canvas, 200, 150, palette));
    canvas_clear (&canvas);
  }
  {
    /* Everybody is new: one row, columns for the later segments. */
    g_autoptr(ScMigration) fresh = g_new0 (ScMigration, 1);
    ScMigrationLayout layout;
    Canvas canvas;
    ScRect cell;

    fresh->n_to = 2;
    fresh->to = g_new0 (ScFlowSegment, 2);
    fresh->to[0].name = g_strdup ("A");
    fresh->to[1].name = g_strdup ("B");
    fresh->from = g_new0 (ScFlowSegment, 1);
    fresh->to_match = g_new0 (int, 1);
    fresh->counts = g_new0 (guint64, 3);
    fresh->counts[0] = 7;
    fresh->counts[1] = 5;
    sc_migration_layout (fresh, palette, 400, 200, &layout);
    g_assert_cmpuint (layout.n_rows, ==, 1);
    g_assert_cmpuint (layout.n_columns, ==, 2);
    g_assert_true (sc_migration_cell (&layout, -1, 1, &cell));
    g_assert_cmpuint (sc_migration_column_total (fresh, 1), ==, 5);
    canvas_init (&canvas, 400, 200, 1.0, palette);
    sc_migration_paint (canvas.cr, fresh, palette, 400, 200);
    canvas_finish (&canvas);
    canvas_clear (&canvas);
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Impact */

static void
test_impact_layout (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  g_autoptr(ScImpact) impact = demo_impact ();
  const double width = 760, height = 360;
  ScImpactLabel labels[N_SERIES];
  ScImpactLayout layout;
  guint s, p;

  sc_impact_layout (impact, SC_IMPACT_CUSTOMERS, palette, width, height, &layout, labels);
  g_assert_true (layout.has_values);
  g_assert_cmpuint (layout.n_points, ==, N_POINTS);
  assert_inside (&layout.frame, width, height);
  assert_inside (&layout.x_labels, width, height);

  /* The axis starts at zero and reaches past the largest value, 400. */
  g_assert_cmpfloat (layout.y_axis.min, ==, 0);
  g_assert_cmpfloat (layout.y_axis.max, >=, 400);
  g_assert_cmpint (layout.y_axis.format, ==, SC_AXIS_FORMAT_NUMBER);
  g_assert_cmpfloat_with_epsilon (sc_impact_value_y (&layout, 0),
                                  layout.map.y + layout.map.height, 1e-9);
  g_assert_cmpfloat (sc_impact_value_y (&layout, 400), <, sc_impact_value_y (&layout, 250));

  /* Evenly spaced, oldest on the left, inside the frame. */
  for (p = 0; p < N_POINTS; p++)
    {
      double x = sc_impact_point_x (&layout, p);

      g_assert_cmpfloat (x, >, layout.frame.x);
      g_assert_cmpfloat (x, <, layout.frame.x + layout.frame.width);
      if (p > 0)
        g_assert_cmpfloat_with_epsilon (x - sc_impact_point_x (&layout, p - 1),
                                        layout.map.width / (N_POINTS - 1), 1e-9);
    }

  /* Names right of the plot, apart from each other, at their line's end when there is
   * room: "Wholesale" ends at the third point. */
  for (s = 0; s < N_SERIES; s++)
    {
      g_assert_true (labels[s].visible);
      g_assert_cmpfloat (labels[s].rect.x, >=, layout.frame.x + layout.frame.width);
      assert_inside (&labels[s].rect, width, height);
      for (guint t = 0; t < s; t++)
        g_assert_false (rects_overlap (&labels[s].rect, &labels[t].rect));
    }
  g_assert_cmpfloat_with_epsilon (labels[2].x, sc_impact_point_x (&layout, 2), 1e-9);
  g_assert_cmpfloat_with_epsilon (labels[2].y, sc_impact_value_y (&layout, 70), 1e-9);
  g_assert_cmpfloat_with_epsilon (labels[1].rect.y + labels[1].rect.height / 2,
                                  sc_impact_value_y (&layout, 316), 1e-9);

  /* Hit test: the nearest point, within reach only. */
  g_assert_true (sc_impact_hit_test (impact, SC_IMPACT_CUSTOMERS, &layout,
                                     sc_impact_point_x (&layout, 1) + 3,
                                     sc_impact_value_y (&layout, 390) - 2, &s, &p));
  g_assert_cmpuint (s, ==, 1);
  g_assert_cmpuint (p, ==, 1);
  g_assert_false (sc_impact_hit_test (impact, SC_IMPACT_CUSTOMERS, &layout,
                                      sc_impact_point_x (&layout, 3),
                                      sc_impact_value_y (&layout, 200), &s, &p));
  /* No point where a series has no value. */
  g_assert_false (sc_impact_hit_test (impact, SC_IMPACT_CUSTOMERS, &layout,
                                      sc_impact_point_x (&layout, 0),
                                      sc_impact_value_y (&layout, 0), &s, &p));

  /* Churn is a share: percent ticks within 0..1. */
  sc_impact_layout (impact, SC_IMPACT_CHURN, palette, width, height, &layout, NULL);
  g_assert_cmpint (layout.y_axis.format, ==, SC_AXIS_FORMAT_PERCENT);
  g_assert_cmpfloat (layout.y_axis.min, ==, 0);
  g_assert_cmpfloat (layout.y_axis.max, >=, 0.46);
  g_assert_cmpfloat (layout.y_axis.max, <=, 1.0);

  /* Revenue in currency. */
  sc_impact_layout (impact, SC_IMPACT_REVENUE, palette, width, height, &layout, NULL);
  g_assert_cmpint (layout.y_axis.format, ==, SC_AXIS_FORMAT_CURRENCY);
  g_assert_cmpfloat (layout.y_axis.max, >=, 400 * 120);

  /* The measures map onto the series' arrays. */
  g_assert_true (sc_impact_values (&impact->series[0], SC_IMPACT_CUSTOMERS) ==
                 impact->series[0].customers);
  g_assert_true (sc_impact_values (&impact->series[0], SC_IMPACT_ORDERS) ==
                 impact->series[0].orders_per_customer);
  g_assert_true (sc_impact_values (&impact->series[0], SC_IMPACT_CLV) == impact->series[0].clv);
  for (ScImpactMeasure m = 0; m < SC_IMPACT_N_MEASURES; m++)
    g_assert_cmpstr (sc_impact_measure_label (m), !=, "");
}

static void
test_impact_pixels (void)
{
  g_autoptr(ScImpact) impact = demo_impact ();

  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new (dark);
      const int width = 760, height = 360;
      ScImpactLayout layout;
      Canvas canvas;
      ScRgba colour;
      double x0, y0, x1, y1;

      sc_impact_layout (impact, SC_IMPACT_CUSTOMERS, palette, width, height, &layout, NULL);

      canvas_init (&canvas, width, height, 2.0, palette);
      sc_impact_paint (canvas.cr, impact, SC_IMPACT_CUSTOMERS, palette, -1, width, height);
      canvas_finish (&canvas);

      /* Dots at the points and the line between them, in the segment colour. */
      sc_palette_segment_colour (palette, impact->series[1].colour, FALSE, &colour);
      x0 = sc_impact_point_x (&layout, 1);
      y0 = sc_impact_value_y (&layout, 390);
      x1 = sc_impact_point_x (&layout, 2);
      y1 = sc_impact_value_y (&layout, 330);
      assert_colour (&canvas, x0, y0, &colour, palette, 0.95, 1.05);
      assert_colour (&canvas, (x0 + x1) / 2, (y0 + y1) / 2, &colour, palette, 0.9, 1.05);

      /* "Lapsed" has no line before it existed: nothing between its first two slots. */
      g_assert_true (is_background (&canvas, (sc_impact_point_x (&layout, 0) +
                                              sc_impact_point_x (&layout, 1)) / 2,
                                    sc_impact_value_y (&layout, 40), palette));
      canvas_clear (&canvas);

      /* Selecting one series dims the others. */
      canvas_init (&canvas, width, height, 2.0, palette);
      sc_impact_paint (canvas.cr, impact, SC_IMPACT_CUSTOMERS, palette, 0, width, height);
      canvas_finish (&canvas);
      assert_colour (&canvas, x0, y0, &colour, palette, 0.2, 0.3);
      sc_palette_segment_colour (palette, impact->series[0].colour, FALSE, &colour);
      assert_colour (&canvas, sc_impact_point_x (&layout, 3), sc_impact_value_y (&layout, 282),
                     &colour, palette, 0.95, 1.05);
      canvas_clear (&canvas);
    }
}

static void
test_impact_odd (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  g_autoptr(ScImpact) impact = demo_impact ();
  ScImpactLabel labels[N_SERIES];
  ScImpactLayout layout;
  Canvas canvas;

  /* No lifetime values: a message, no lines. */
  sc_impact_layout (impact, SC_IMPACT_CLV, palette, 600, 300, &layout, labels);
  g_assert_false (layout.has_values);
  for (guint s = 0; s < N_SERIES; s++)
    g_assert_false (labels[s].visible);
  canvas_init (&canvas, 600, 300, 1.0, palette);
  sc_impact_paint (canvas.cr, impact, SC_IMPACT_CLV, palette, -1, 600, 300);
  canvas_finish (&canvas);
  g_assert_true (is_background (&canvas, 4, 4, palette));
  canvas_clear (&canvas);

  /* One snapshot: its points in the middle. */
  {
    g_autoptr(ScImpact) one = demo_impact ();

    one->n_points = 1;
    sc_impact_layout (one, SC_IMPACT_CUSTOMERS, palette, 600, 300, &layout, labels);
    g_assert_true (layout.has_values);
    g_assert_cmpfloat_with_epsilon (sc_impact_point_x (&layout, 0),
                                    layout.map.x + layout.map.width / 2, 1e-9);
    g_assert_false (labels[3].visible);
    canvas_init (&canvas, 600, 300, 1.0, palette);
    sc_impact_paint (canvas.cr, one, SC_IMPACT_CUSTOMERS, palette, 7, 600, 300);
    canvas_finish (&canvas);
    canvas_clear (&canvas);
  }

  /* All values equal, some negative revenue, tiny surfaces. */
  for (guint p = 0; p < N_POINTS; p++)
    {
      impact->series[0].revenue[p] = -50;
      impact->series[1].revenue[p] = -50;
    }
  sc_impact_layout (impact, SC_IMPACT_REVENUE, palette, 600, 300, &layout, NULL);
  g_assert_cmpfloat (layout.y_axis.min, <=, -50);
  for (guint k = 0; k < 3; k++)
    {
      static const int sizes[][2] = { { 60, 40 }, { 1, 1 }, { 200, 30 } };
      ScImpactLabel small[N_SERIES];

      sc_impact_layout (impact, SC_IMPACT_CUSTOMERS, palette, sizes[k][0], sizes[k][1], &layout,
                        small);
      g_assert_cmpfloat (layout.frame.width, >, 0);
      g_assert_cmpfloat (layout.frame.height, >, 0);
      canvas_init (&canvas, sizes[k][0], sizes[k][1], 1.0, palette);
      sc_impact_paint (canvas.cr, impact, SC_IMPACT_CUSTOMERS, palette, -1, sizes[k][0],
                       sizes[k][1]);
      canvas_finish (&canvas);
      canvas_clear (&canvas);
    }

  /* No snapshots at all. */
  {
    ScImpact none = { 0 };

    sc_impact_layout (&none, SC_IMPACT_CUSTOMERS, palette, 600, 300, &layout, NULL);
    g_assert_false (layout.has_values);
    canvas_init (&canvas, 600, 300, 1.0, palette);
    sc_impact_paint (canvas.cr, &none, SC_IMPACT_CUSTOMERS, palette, -1, 600, 300);
    canvas_finish (&canvas);
    canvas_clear (&canvas);
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Surfaces */

static void
draw_both (cairo_t         *cr,
           int              which,
           const ScPalette *palette,
           ScMigration     *m,
           ScImpact        *impact,
           double           width,
           double           height)
{
  cairo_set_source_rgb (cr, palette->background.r, palette->background.g, palette->background.b);
  cairo_paint (cr);
  if (which == 0)
    sc_migration_paint (cr, m, palette, width, height);
  else
    sc_impact_paint (cr, impact, SC_IMPACT_CUSTOMERS, palette, -1, width, height);
}

static void
test_surfaces (void)
{
  const char *out_dir = g_getenv ("SC_CHART_OUTPUT_DIR");
  g_autofree char *tmp = g_dir_make_tmp ("test-flow-XXXXXX", NULL);
  g_autoptr(ScMigration) m = demo_migration ();
  g_autoptr(ScImpact) impact = demo_impact ();
  static const char *const names[] = { "migration", "impact" };

  g_assert_nonnull (tmp);
  if (out_dir != NULL)
    g_mkdir_with_parents (out_dir, 0755);

  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new (dark);

      for (int which = 0; which < 2; which++)
        {
          double w = which == 0 ? 820 : 760, h = which == 0 ? 420 : 360;

          for (int kind = 0; kind < 3; kind++)
            {
              g_autofree char *name = g_strdup_printf ("%s-%s.%s", names[which],
                                                       dark ? "dark" : "light", file_ext[kind]);
              g_autofree char *path = g_build_filename (tmp, name, NULL);
              g_autofree char *contents = NULL;
              cairo_surface_t *surface;
              cairo_t *cr;
              gsize length;

              surface = file_surface_new (kind, path, w, h);
              cr = cairo_create (surface);
              draw_both (cr, which, palette, m, impact, w, h);
              g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
              cairo_destroy (cr);

              file_surface_finish (surface, kind, path, out_dir, name);

              g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
              g_assert_cmpuint (length, >, 1000);
              if (kind == 0)
                g_assert_true (g_str_has_prefix (contents, "%PDF-"));
              else if (kind == 1)
                {
                  /* Vector paths and glyphs, not one embedded picture. */
                  g_assert_nonnull (strstr (contents, "<svg"));
                  g_assert_nonnull (strstr (contents, "<path"));
                  g_assert_null (strstr (contents, "<image"));
                }
              g_assert_cmpint (g_remove (path), ==, 0);
            }
        }
    }

  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/Flow/migration-data", test_migration_data);
  g_test_add_func ("/Render/Flow/migration-layout", test_migration_layout);
  g_test_add_func ("/Render/Flow/migration-closed", test_migration_closed);
  g_test_add_func ("/Render/Flow/migration-pixels", test_migration_pixels);
  g_test_add_func ("/Render/Flow/migration-odd", test_migration_odd);
  g_test_add_func ("/Render/Flow/impact-layout", test_impact_layout);
  g_test_add_func ("/Render/Flow/impact-pixels", test_impact_pixels);
  g_test_add_func ("/Render/Flow/impact-odd", test_impact_odd);
  g_test_add_func ("/Render/Flow/surfaces", test_surfaces);

  return g_test_run ();
}
