/* test-chart-text.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The texts of the sizes, grid, migration and impact charts and of their axes (issue 19).
 * Over many seeded datasets (3–8 segments, short, long and German names, shares from 0.1% to
 * 95%), at widths down to what a 360 px window leaves a chart, at 1.0 and 1.5× text, in the
 * light, dark and high-contrast styles, with and without a selected segment: every text a
 * painter draws lies inside the chart, no two texts overlap, no word is cut (shortening
 * leaves out whole words and ends with "…"), and every text stands at ≥ 4.5:1 against
 * what was painted under it.
 *
 * The texts come from the painters themselves through the text log of sc-render-util.c
 * (_sc_text_log_attach): the chart is painted once with the texts logged but not drawn,
 * which leaves exactly what lies under each of them, and its pixels give the contrast. */

#include <math.h>
#include <string.h>

#include "sc-bars.h"
#include "sc-chart-note-private.h"
#include "sc-flow.h"
#include "sc-grid.h"
#include "sc-impact.h"
#include "sc-migration.h"
#include "sc-render-util-private.h"
#include "sc-scatter.h"
#include "sc-value.h"
#include "test-render-utils.h"

#define N_SETS   24
#define MAX_SEGS 8

static const char *const words[] = {
  "Service", "tier", "loyal", "high", "spenders", "at", "risk", "new", "customers", "of",
  "the", "North", "region", "Enterprise", "accounts", "with", "support", "2", "occasional",
  "buyers", "Überweisungskunden", "Stammkundschaft", "Gelegenheitskäufer", "Großhandel",
  "mit", "Rahmenvertrag", "treue", "Vielkäufer", "abwandernde", "Neukunden", "retail",
};

typedef struct
{
  guint   n;
  char   *names[MAX_SEGS];
  double  share[MAX_SEGS];
  double  revenue[MAX_SEGS];
  double  value[MAX_SEGS];
  double  potential[MAX_SEGS];
  guint64 customers[MAX_SEGS];
} Dataset;

typedef enum
{
  BARS,
  GRID,
  MIGRATION,
  IMPACT,
} Chart;

static const char *const chart_names[] = { "bars", "grid", "migration", "impact" };

/* The least height a widget gives the chart (its size hints). */
typedef double (*MinHeightFunc) (const Dataset   *data,
                                 const ScPalette *palette,
                                 double           width);

/* Shares that sum to one, one of them extreme in some sets (95%, 0.1%). */
static void
random_shares (GRand  *rand,
               guint   n,
               double *shares)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    sum += shares[i] = g_rand_double_range (rand, 0.05, 1.0);
  for (guint i = 0; i < n; i++)
    shares[i] /= sum;
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      shares[0] = 0.95;
      for (guint i = 1; i < n; i++)
        shares[i] = 0.05 / (n - 1);
      break;
    case 1:
      shares[n - 1] = 0.001;
      break;
    default:
      break;
    }
}

static void
dataset_init (Dataset *data,
              GRand   *rand,
              guint    set)
{
  /* Every third set has one-word names, the others up to six words. */
  guint max_words = set % 3 == 0 ? 1 : 6;

  data->n = g_rand_int_range (rand, 3, MAX_SEGS + 1);
  random_shares (rand, data->n, data->share);
  random_shares (rand, data->n, data->revenue);
  for (guint i = 0; i < data->n; i++)
    {
      data->names[i] = random_name (rand, words, G_N_ELEMENTS (words), max_words);
      data->customers[i] = MAX ((guint64) (data->share[i] * 40000), 1);
      data->value[i] = exp (g_rand_double_range (rand, log (5), log (5000)));
      data->potential[i] = exp (g_rand_double_range (rand, log (5), log (8000)));
    }
}

static void
dataset_clear (Dataset *data)
{
  for (guint i = 0; i < data->n; i++)
    g_free (data->names[i]);
}

/* ---------------------------------------------------------------------------------------- */
/* The charts */



static double
bars_min_height (const Dataset   *data,
                 const ScPalette *palette,
                 double           width)
{
  return 16 + data->n * sc_bars_min_row_height (palette);
}

static ScMigration *
make_migration (const Dataset *data)
{
  ScMigration *m = g_new0 (ScMigration, 1);
  guint n_to = MAX (data->n - 1, 2);

  m->n_from = data->n;
  m->n_to = n_to;
  m->from = g_new0 (ScFlowSegment, m->n_from);
  m->to = g_new0 (ScFlowSegment, n_to);
  m->to_match = g_new (int, m->n_from);
  m->counts = g_new0 (guint64, (gsize) (m->n_from + 1) * (n_to + 1));
  for (guint i = 0; i < m->n_from; i++)
    {
      m->from[i].name = g_strdup (data->names[i]);
      m->from[i].colour = i;
      m->to_match[i] = i < n_to ? (int) i : -1;
    }
  for (guint j = 0; j < n_to; j++)
    {
      m->to[j].name = g_strdup (data->names[(j + 1) % data->n]);
      m->to[j].colour = j;
    }
  /* Most stay, some move; the shares make some rows tiny and one huge. */
  for (guint i = 0; i <= m->n_from; i++)
    for (guint j = 0; j <= n_to; j++)
      {
        guint64 base = i < m->n_from ? data->customers[i] : 300;

        m->counts[i * (n_to + 1) + j] = i == j ? base * 4 / 5 : (base / 20) * ((i + j) % 3);
      }
  return m;
}


static double
migration_min_height (const Dataset   *data,
                      const ScPalette *palette,
                      double           width)
{
  g_autoptr(ScMigration) m = make_migration (data);

  /* As SegMigrationChart's size hints at this width. */
  return sc_migration_min_height (m, palette, width);
}

static const char *const point_labels[] = {
  "Q1", "Q2 2025", "Before re-segmenting", "Vor der Neusegmentierung", "March", "Current",
};

static ScImpact *
make_impact (const Dataset *data)
{
  ScImpact *impact = g_new0 (ScImpact, 1);
  guint n_points = 2 + data->n % 4;

  impact->n_points = n_points;
  impact->ids = g_new0 (gint64, n_points);
  impact->as_of = g_new0 (ScDay, n_points);
  impact->labels = g_new0 (char *, n_points + 1);
  for (guint p = 0; p < n_points; p++)
    {
      impact->ids[p] = p + 1;
      impact->as_of[p] = sc_day_from_ymd (2024, p + 1, 1);
      impact->labels[p] = g_strdup (point_labels[(p + data->n) % G_N_ELEMENTS (point_labels)]);
    }
  impact->n_series = data->n;
  impact->series = g_new0 (ScImpactSeries, data->n);
  for (guint s = 0; s < data->n; s++)
    {
      ScImpactSeries *x = &impact->series[s];

      x->origin = s + 1;
      x->name = g_strdup (data->names[s]);
      x->colour = s;
      x->customers = g_new (double, n_points);
      x->revenue = g_new (double, n_points);
      x->orders_per_customer = g_new (double, n_points);
      x->churn = g_new (double, n_points);
      x->clv = g_new (double, n_points);
      for (guint p = 0; p < n_points; p++)
        {
          /* Similar sizes put end labels close together. */
          double c = data->customers[s] * (1 + 0.05 * p * ((s % 2) ? 1 : -1));

          x->customers[p] = s == 1 && p == 0 ? NAN : c;
          x->revenue[p] = x->customers[p] * data->value[s];
          x->orders_per_customer[p] = 1 + 0.1 * s;
          x->churn[p] = 0.1 + 0.01 * p;
          x->clv[p] = NAN;
        }
    }
  return impact;
}


/* ---------------------------------------------------------------------------------------- */
/* Painting */

static void
grid_segments (const Dataset *data,
               ScGridSegment *grid)
{
  for (guint i = 0; i < data->n; i++)
    grid[i] = (ScGridSegment) { data->names[i], i, FALSE, data->customers[i], data->value[i],
                                data->potential[i] };
}

static void
paint (cairo_t         *cr,
       Chart            chart,
       const Dataset   *data,
       const ScPalette *palette,
       int              selected,
       double           width,
       double           height)
{
  ScBarsSegment bars[MAX_SEGS];
  ScGridSegment grid[MAX_SEGS];

  switch (chart)
    {
    case BARS:
      for (guint i = 0; i < data->n; i++)
        bars[i] = (ScBarsSegment) { data->names[i], i, i == data->n - 1 && data->n > 4,
                                    data->share[i], data->revenue[i] };
      sc_bars_paint (cr, bars, data->n, palette, selected, width, height);
      break;
    case GRID:
      grid_segments (data, grid);
      sc_grid_paint (cr, grid, data->n, NAN, NAN, palette, selected, width, height);
      break;
    case MIGRATION:
      {
        g_autoptr(ScMigration) m = make_migration (data);

        sc_migration_paint (cr, m, palette, width, height);
      }
      break;
    case IMPACT:
      {
        g_autoptr(ScImpact) impact = make_impact (data);

        sc_impact_paint (cr, impact, data->n % 2 ? SC_IMPACT_REVENUE : SC_IMPACT_CUSTOMERS,
                         palette, selected, width, height);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------------------------------- */
/* The checks */

typedef struct
{
  Chart       chart;
  guint       set;
  int         width;
  int         height;
  double      text_scale;
  guint       style;
  int         selected;
} Case;

static char *
case_string (const Case *c)
{
  static const char *const styles[] = { "light", "dark", "high contrast", "dark high contrast" };

  return g_strdup_printf ("%s, set %u, %d×%d px, text %.1f×, %s, selected %d",
                          chart_names[c->chart],
                          c->set, c->width, c->height, c->text_scale, styles[c->style],
                          c->selected);
}

static gboolean
overlap (const ScTextRecord *a,
         const ScTextRecord *b)
{
  return a->x < b->x + b->width - 0.5 && b->x < a->x + a->width - 0.5 &&
         a->y < b->y + b->height - 0.5 && b->y < a->y + a->height - 0.5;
}

/* The share of the pixels under @r's glyphs against which its colour stands at ≥ 4.5:1,
 * and the worst ratio found. */
static double
contrast_share (Canvas             *under,
                const ScTextRecord *r,
                double             *worst)
{
  guint n = 0, good = 0;
  double right = MIN (r->ink_x + r->ink_width, cairo_image_surface_get_width (under->surface));
  double bottom = MIN (r->ink_y + r->ink_height,
                       cairo_image_surface_get_height (under->surface));

  *worst = 21;
  for (double y = MAX (floor (r->ink_y), 0) + 0.5; y < bottom; y += 1)
    for (double x = MAX (floor (r->ink_x), 0) + 0.5; x < right; x += 1)
      {
        ScRgba bg = pixel_at (under, x, y);
        double ratio;

        ratio = sc_rgba_contrast (&r->colour, r->colour.a, &bg);
        *worst = MIN (*worst, ratio);
        n++;
        if (ratio >= SC_PALETTE_MIN_TEXT_CONTRAST)
          good++;
      }
  return n > 0 ? (double) good / n : 1.0;
}

typedef struct
{
  guint texts;
  guint shortened;
  guint failures;
  guint numbered;
  guint hidden;
} Tally;

/* The logged text above @cell (a column's header), or NULL. */
static const ScTextRecord *
header_over (GArray       *log,
             const ScRect *grid,
             const ScRect *cell)
{
  for (guint i = 0; i < log->len; i++)
    {
      const ScTextRecord *r = &g_array_index (log, ScTextRecord, i);

      if (r->y + r->height <= grid->y + 0.5 && r->x >= cell->x - 0.5 &&
          r->x + r->width <= cell->x + cell->width + 0.5)
        return r;
    }
  return NULL;
}

static gboolean
logged_whole (GArray     *log,
              const char *needle)
{
  for (guint i = 0; i < log->len; i++)
    {
      const ScTextRecord *r = &g_array_index (log, ScTextRecord, i);

      if (!r->shortened && !r->cut && strstr (r->text, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Every failure is told (the first few of each chart in full) before the test fails, so
 * that one run shows all that is wrong. */
#define FAIL(tally, ...) G_STMT_START {                                  \
    if ((tally)->failures++ < 40)                                        \
      g_printerr (__VA_ARGS__);                                          \
  } G_STMT_END

/* Every column of the migration chart says which segment it is: its header names it (whole
 * or shortened by words), or the header is its number and the key below names it whole. */
static void
check_columns (const Case      *c,
               const Dataset   *data,
               const ScPalette *palette,
               GArray          *log,
               const char      *what,
               Tally           *tally)
{
  g_autoptr(ScMigration) m = make_migration (data);
  ScMigrationLayout layout;

  sc_migration_layout (m, palette, c->width, c->height, &layout);
  if (layout.numbered)
    tally->numbered++;
  for (guint j = 0; j <= m->n_to; j++)
    {
      const char *name = j < m->n_to ? m->to[j].name : NULL;
      g_autofree char *number = g_strdup_printf ("%u", j + 1);
      g_autofree char *entry = NULL;
      const ScTextRecord *header;
      ScRect cell;

      if (!sc_migration_cell (&layout, 0, j < m->n_to ? (int) j : -1, &cell))
        continue;
      header = header_over (log, &layout.grid, &cell);
      if (!layout.numbered)
        {
          if (name != NULL && (header == NULL || g_strcmp0 (header->full, name) != 0))
            FAIL (tally, "%s: column %u (“%s”) is not named\n", what, j + 1, name);
          continue;
        }
      if (header == NULL || g_strcmp0 (header->text, number) != 0)
        FAIL (tally, "%s: numbered column %u has no number over it (%s)\n", what, j + 1, header ? header->text : "-");
      if (name != NULL)
        {
          entry = g_strdup_printf ("%s\u00A0%s", number, name);
          if (!logged_whole (log, entry))
            FAIL (tally, "%s: the key does not name column %u (“%s”)\n", what, j + 1, name);
        }
    }
}

/* Whether R shows NAME: whole, or shortened by words (its full text kept). */
static gboolean
shows_name (const ScTextRecord *r,
            const char         *name)
{
  return g_strcmp0 (r->text, name) == 0 || (r->shortened && g_strcmp0 (r->full, name) == 0);
}

/* How many texts of the log show one of the N NAMES. */
static guint
count_names (GArray            *log,
             const char *const *names,
             guint              n)
{
  guint found = 0;

  for (guint i = 0; i < log->len; i++)
    for (guint k = 0; k < n; k++)
      if (shows_name (&g_array_index (log, ScTextRecord, i), names[k]))
        {
          found++;
          break;
        }
  return found;
}

/* A name shortened inside its first word: what the migration chart does at worst, when not
 * even that word and "…" fit the room left of the table (issue 19).  The log keeps the
 * whole text of a layout Pango ellipsized. */
static gboolean
first_word_cut (const ScTextRecord *r,
                const char         *name,
                const ScPalette    *palette,
                double              room)
{
  g_autoptr(ScTextContext) context = NULL;
  g_autofree char *first = NULL;
  double w = 0;

  if (!r->cut || g_strcmp0 (r->text, name) != 0)
    return FALSE;
  first = g_strdup_printf ("%.*s…", (int) strcspn (name, " "), name);
  context = _sc_text_context_new ();
  _sc_text_measure (context, palette, first, _SC_TEXT_NORMAL, FALSE, &w, NULL);
  return w > room + 0.01;
}

/* Whether R is a row name of the migration chart shortened inside its first word, its room
 * ending where the row names do (layout.row_labels). */
static gboolean
row_name_cut (const Case         *c,
              const Dataset      *data,
              const ScPalette    *palette,
              const ScTextRecord *r)
{
  g_autoptr(ScMigration) m = make_migration (data);
  ScMigrationLayout layout;

  sc_migration_layout (m, palette, c->width, c->height, &layout);
  for (guint i = 0; i < data->n; i++)
    if (first_word_cut (r, data->names[i], palette,
                        layout.row_labels.x + layout.row_labels.width - r->x))
      return TRUE;
  return FALSE;
}

/* Every name the chart has a place for is drawn, or the note under it counts those left out
 * (issue 19): a bubble or line without its name and without the note is a failure.  The
 * migration chart names every row, shortened inside its first word at worst. */
static void
check_names (const Case      *c,
             const Dataset   *data,
             const ScPalette *palette,
             GArray          *log,
             Tally           *tally)
{
  g_autofree char *what = case_string (c);
  guint visible = 0, hidden = 0, unnamed;

  if (c->chart == GRID)
    {
      ScGridSegment grid[MAX_SEGS];
      ScGridBubble bubbles[MAX_SEGS];
      ScGridLayout layout;

      grid_segments (data, grid);
      sc_grid_layout (grid, data->n, NAN, NAN, palette, c->width, c->height, &layout, bubbles);
      for (guint i = 0; i < data->n; i++)
        visible += bubbles[i].visible;
      hidden = layout.n_hidden;
    }
  else if (c->chart == IMPACT)
    {
      g_autoptr(ScImpact) impact = make_impact (data);
      ScImpactMeasure measure = data->n % 2 ? SC_IMPACT_REVENUE : SC_IMPACT_CUSTOMERS;
      ScImpactLabel labels[MAX_SEGS];
      ScImpactLayout layout;

      sc_impact_layout (impact, measure, palette, c->width, c->height, &layout, labels);
      for (guint s = 0; s < impact->n_series; s++)
        visible += labels[s].visible;
      hidden = layout.n_hidden;
    }
  else if (c->chart == MIGRATION)
    {
      g_autoptr(ScMigration) m = make_migration (data);
      ScMigrationLayout layout;

      /* Left of the table: the column headers hold the same names. */
      sc_migration_layout (m, palette, c->width, c->height, &layout);
      for (guint i = 0; i < m->n_from; i++)
        {
          gboolean shown = FALSE;

          for (guint l = 0; l < log->len && !shown; l++)
            {
              const ScTextRecord *r = &g_array_index (log, ScTextRecord, l);

              shown = r->x + r->width <= layout.grid.x + 0.5 &&
                      (shows_name (r, m->from[i].name) ||
                       first_word_cut (r, m->from[i].name, palette,
                                       layout.row_labels.x + layout.row_labels.width - r->x));
            }
          if (!shown)
            FAIL (tally, "%s: row %u (“%s”) is not named\n", what, i + 1, m->from[i].name);
        }
      return;
    }
  else
    return;

  unnamed = visible - MIN (visible, count_names (log, (const char *const *) data->names,
                                                 data->n));
  if (unnamed != hidden)
    FAIL (tally, "%s: %u names left out, the layout counts %u\n", what, unnamed, hidden);
  if (unnamed > 0)
    {
      g_autofree char *note = _sc_hidden_note_text (unnamed);

      tally->hidden++;
      if (!logged_whole (log, note))
        FAIL (tally, "%s: %u names left out without the note “%s”\n", what, unnamed, note);
    }
}

static void
check_case (const Case      *c,
            const Dataset   *data,
            const ScPalette *palette,
            Tally           *tally)
{
  g_autoptr(GArray) log = _sc_text_log_new ();
  g_autofree char *what = case_string (c);
  guint failures = tally->failures;
  Canvas under;

  canvas_init (&under, c->width, c->height, 1, palette);
  _sc_text_log_attach (under.cr, log, TRUE);
  paint (under.cr, c->chart, data, palette, c->selected, c->width, c->height);
  canvas_finish (&under);

  g_assert_cmpuint (log->len, >, 0);
  for (guint i = 0; i < log->len; i++)
    {
      const ScTextRecord *r = &g_array_index (log, ScTextRecord, i);
      double share, worst;

      if (r->text[0] == '\0')
        continue;
      tally->texts++;
      if (r->shortened)
        tally->shortened++;
      if (r->x < -0.5 || r->y < -0.5 || r->x + r->width > c->width + 0.5 ||
          r->y + r->height > c->height + 0.5)
        FAIL (tally, "%s: “%s” (%.1f,%.1f %.1f×%.1f) leaves the chart\n", what, r->text, r->x, r->y,
                 r->width, r->height);
      if (r->cut && !(c->chart == MIGRATION && row_name_cut (c, data, palette, r)))
        FAIL (tally, "%s: “%s” is cut inside a word\n", what, r->text);
      if (r->shortened && !g_str_has_suffix (r->text, "…"))
        FAIL (tally, "%s: “%s” shortened without saying so\n", what, r->text);
      for (guint o = 0; o < i; o++)
        {
          const ScTextRecord *other = &g_array_index (log, ScTextRecord, o);

          if (other->text[0] != '\0' && overlap (r, other))
            FAIL (tally, "%s: “%s” (%.1f,%.1f %.1f×%.1f) overlaps “%s” (%.1f,%.1f %.1f×%.1f)\n",
                     what, r->text, r->x, r->y, r->width, r->height, other->text, other->x,
                     other->y, other->width, other->height);
        }
      /* A glyph may cross a thin line or a neighbour's edge; the text as a whole must
       * stand out from what is under it. */
      share = contrast_share (&under, r, &worst);
      if (share < 0.95)
        FAIL (tally, "%s: “%s” stands at ≥ 4.5:1 on only %.0f%% of what is under it (worst "
                 "%.2f:1)\n", what, r->text, 100 * share, worst);
    }
  if (c->chart == MIGRATION)
    check_columns (c, data, palette, log, what, tally);
  check_names (c, data, palette, log, tally);
  cairo_destroy (under.cr);
  cairo_surface_destroy (under.surface);

  /* To look at: SC_TEST_CHART_DIR=dir keeps the narrow charts and every failing one. */
  if (g_getenv ("SC_TEST_CHART_DIR") != NULL && (tally->failures > failures || c->width < 400))
    {
      g_autofree char *name = g_strdup_printf ("%s-%u-%d-%.1f-%u-%d.png",
                                               chart_names[c->chart], c->set,
                                               c->width, c->text_scale, c->style, c->selected);
      g_autofree char *path = g_build_filename (g_getenv ("SC_TEST_CHART_DIR"), name, NULL);
      Canvas shown;

      canvas_init (&shown, c->width, c->height, 1, palette);
      paint (shown.cr, c->chart, data, palette, c->selected, c->width, c->height);
      canvas_finish (&shown);
      g_assert_cmpint (cairo_surface_write_to_png (shown.surface, path), ==,
                       CAIRO_STATUS_SUCCESS);
      cairo_destroy (shown.cr);
      cairo_surface_destroy (shown.surface);
    }
}

static void
check_chart (Chart          chart,
             MinHeightFunc  min_height,
             const int     *widths,
             guint          n_widths,
             double         aspect)
{
  const double scales[] = { 1.0, 1.5 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  Tally tally = { 0 };

  for (guint set = 0; set < N_SETS; set++)
    {
      Dataset data;

      dataset_init (&data, rand, set);
      for (guint w = 0; w < n_widths; w++)
        for (guint f = 0; f < G_N_ELEMENTS (scales); f++)
          {
            /* Styles and selections rotate over the sets rather than multiplying them. */
            guint style = (set + w + f) % 4;
            g_autoptr(ScPalette) palette = sc_palette_new_for_style (style & 1, style >= 2);
            Case c = { chart, set, widths[w], 0, scales[f], style,
                       (set + w) % 3 == 0 ? -1 : (int) ((set + f) % data.n) };

            palette->font_size *= scales[f];
            c.height = (int) MAX (widths[w] * aspect, 240);
            if (min_height != NULL)
              c.height = MAX (c.height, (int) ceil (min_height (&data, palette, widths[w])));
            check_case (&c, &data, palette, &tally);
          }
      dataset_clear (&data);
    }
  g_test_message ("%s: %u texts, %u shortened, %u charts leaving names out", chart_names[chart],
                  tally.texts, tally.shortened, tally.hidden);
  if (tally.failures > 0)
    g_error ("%s: %u failures", chart_names[chart], tally.failures);
  /* The checks met texts, and long names: not only short ones that fit anywhere. */
  g_assert_cmpuint (tally.texts, >, N_SETS * n_widths * 4);
  /* Narrow migration charts number their columns. */
  if (chart == MIGRATION)
    g_assert_cmpuint (tally.numbered, >, 0);
}

static const int widths[] = { 336, 480, 720, 1024 };

/* ---------------------------------------------------------------------------------------- */
/* Selected and unselected */

/* The greatest contrast between the two pictures at one pixel of @area. */
static double
canvases_contrast (Canvas       *one,
                   Canvas       *other,
                   const ScRect *area)
{
  double best = 1;
  int width = cairo_image_surface_get_width (one->surface);
  int height = cairo_image_surface_get_height (one->surface);

  for (double y = MAX (floor (area->y), 0) + 0.5; y < MIN (area->y + area->height, height); y++)
    for (double x = MAX (floor (area->x), 0) + 0.5; x < MIN (area->x + area->width, width);
         x++)
      {
        ScRgba a = pixel_at (one, x, y), b = pixel_at (other, x, y);

        best = MAX (best, sc_rgba_contrast (&a, 1.0, &b));
      }
  return best;
}

/* The clearest difference, over @area, between a segment's marks when it is selected and
 * when another is: its fill, or an outline around it. */
static double
selection_contrast (Chart            chart,
                    const Dataset   *data,
                    const ScPalette *palette,
                    guint            i,
                    const ScRect    *area)
{
  Canvas shown[2];
  double best;

  for (guint k = 0; k < 2; k++)
    {
      canvas_init (&shown[k], 720, 480, 1, palette);
      paint (shown[k].cr, chart, data, palette, k == 0 ? (int) i : (int) ((i + 1) % data->n),
             720, 480);
      canvas_finish (&shown[k]);
    }
  best = canvases_contrast (&shown[0], &shown[1], area);
  for (guint k = 0; k < 2; k++)
    {
      cairo_destroy (shown[k].cr);
      cairo_surface_destroy (shown[k].surface);
    }
  return best;
}

/* In every style, a segment's bars or bubble change by at least 3:1 somewhere (WCAG's level
 * for graphical objects) when it becomes the selected one: its fill, or an outline. */
static void
check_selection (Chart chart)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint checked = 0, failures = 0;

  for (guint set = 0; set < 6; set++)
    {
      Dataset data;

      dataset_init (&data, rand, set);
      for (guint style = 0; style < 4; style++)
        {
          g_autoptr(ScPalette) palette = sc_palette_new_for_style (style & 1, style >= 2);
          ScBarsSegment bars[MAX_SEGS];
          ScGridSegment grid[MAX_SEGS];
          ScBarsRow rows[MAX_SEGS];
          ScGridBubble bubbles[MAX_SEGS];
          ScBarsLayout bars_layout;
          ScGridLayout grid_layout;

          for (guint i = 0; i < data.n; i++)
            {
              bars[i] = (ScBarsSegment) { data.names[i], i, FALSE, data.share[i],
                                          data.revenue[i] };
              grid[i] = (ScGridSegment) { data.names[i], i, FALSE, data.customers[i],
                                          data.value[i], data.potential[i] };
            }
          if (chart == BARS)
            sc_bars_layout (bars, data.n, palette, 720, 480, &bars_layout, rows);
          else
            sc_grid_layout (grid, data.n, NAN, NAN, palette, 720, 480, &grid_layout, bubbles);

          for (guint i = 0; i < data.n; i++)
            {
              ScRect area;
              double ratio;

              if (chart == BARS)
                {
                  const ScRect *c = &rows[i].customers, *r = &rows[i].revenue;

                  if (r->width < 3 || c->width < 3)
                    continue;
                  area = (ScRect) { MIN (c->x, r->x) - 3, c->y - 3,
                                    MAX (c->width, r->width) + 6, r->y + r->height - c->y + 6 };
                }
              else
                {
                  const ScGridBubble *b = &bubbles[i];

                  if (!b->visible || b->radius < 4)
                    continue;
                  area = (ScRect) { b->x - b->radius - 3, b->y - b->radius - 3,
                                    2 * b->radius + 6, 2 * b->radius + 6 };
                }
              ratio = selection_contrast (chart, &data, palette, i, &area);
              checked++;
              if (ratio < 3.0 && failures++ < 20)
                g_printerr ("%s, set %u, style %u: segment %u changes by only %.2f:1 when "
                            "selected\n", chart_names[chart], set, style, i, ratio);
            }
        }
      dataset_clear (&data);
    }
  g_assert_cmpuint (checked, >, 40);
  g_assert_cmpuint (failures, ==, 0);
}

static void
test_bars_selection (void)
{
  check_selection (BARS);
}

static void
test_grid_selection (void)
{
  check_selection (GRID);
}

static void
test_bars (void)
{
  check_chart (BARS, bars_min_height, widths, G_N_ELEMENTS (widths), 0.6);
}

static void
test_grid (void)
{
  check_chart (GRID, NULL, widths, G_N_ELEMENTS (widths), 0.75);
}

static void
test_migration (void)
{
  check_chart (MIGRATION, migration_min_height, widths, G_N_ELEMENTS (widths), 0.8);
}

static void
test_impact (void)
{
  check_chart (IMPACT, NULL, widths, G_N_ELEMENTS (widths), 0.6);
}

/* The scatter's centre marker of a segment, as for the bars and the grid above. */
static void
test_scatter_selection (void)
{
  guint checked = 0, failures = 0;
  ScScatterData data;
  Points pts;

  demo_points (&pts, 600, 3);
  demo_scatter_data (&data, &pts, demo_segments, N_DEMO_SEGMENTS);
  for (guint style = 0; style < 4; style++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new_for_style (style & 1, style >= 2);
      g_autoptr(ScScatterCache) cache = sc_scatter_cache_new (&data, 720, 480, 1, NULL,
                                                              palette);

      for (guint i = 0; i < N_DEMO_SEGMENTS; i++)
        {
          Canvas shown[2];
          double x, y, ratio;

          if (!sc_scatter_cache_get_centroid (cache, i, &x, &y))
            continue;
          for (guint k = 0; k < 2; k++)
            {
              canvas_init (&shown[k], 720, 480, 1, palette);
              sc_scatter_paint (shown[k].cr, cache, palette,
                                k == 0 ? (int) i : (int) ((i + 1) % N_DEMO_SEGMENTS), 720, 480);
              canvas_finish (&shown[k]);
            }
          ratio = canvases_contrast (&shown[0], &shown[1],
                                     &(ScRect) { x - 14, y - 14, 28, 28 });
          checked++;
          if (ratio < 3.0 && failures++ < 20)
            g_printerr ("scatter, style %u: segment %u changes by only %.2f:1 when selected\n",
                        style, i, ratio);
          for (guint k = 0; k < 2; k++)
            {
              cairo_destroy (shown[k].cr);
              cairo_surface_destroy (shown[k].surface);
            }
        }
    }
  points_clear (&pts);
  g_assert_cmpuint (checked, >=, 4 * 3);
  g_assert_cmpuint (failures, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/ChartText/bars", test_bars);
  g_test_add_func ("/Render/ChartText/grid", test_grid);
  g_test_add_func ("/Render/ChartText/migration", test_migration);
  g_test_add_func ("/Render/ChartText/impact", test_impact);
  g_test_add_func ("/Render/ChartText/bars-selection", test_bars_selection);
  g_test_add_func ("/Render/ChartText/grid-selection", test_grid_selection);
  g_test_add_func ("/Render/ChartText/scatter-selection", test_scatter_selection);

  return g_test_run ();
}
