/* sc-report.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report: an A4 document or 16:9 slides, drawn by one code path for the PDF and for
 * the preview.  This file holds the API, the page metrics of the two formats and the PDF
 * writer; the sections are written in sc-report-summary.c, sc-report-segments.c and
 * sc-report-methodology.c from what sc-report-data.c loads, and laid out by
 * sc-page-layout.c.
 *
 * sc_report_new() reads everything from the project, writes the text (the executive
 * summary is generated from the numbers), and lays the pages out once: each section is a
 * list of blocks (paragraphs, tables, figure cards, charts), measured with Pango and
 * flowed onto pages.  Paragraphs split between lines and tables between rows, so a long
 * text written by people continues on the next page instead of being clipped; headings
 * stay with what follows them.  sc_report_render_page() then only draws what the layout
 * placed.
 *
 * Text is measured and drawn with unhinted metrics and unrounded glyph positions, so a
 * line breaks at the same word at any zoom: the thumbnail, the preview and the PDF show
 * the same pages.  Charts come from the application's painters through ScCharts; the
 * scatter's points are an image made at three device pixels per point, sharp in print. */

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-brief.h"
#include "sc-export-private.h"
#include "sc-render-util-private.h"
#include "sc-report-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Page metrics */

static const ScPageMetrics a4_metrics = {
  595.276, 841.89, 56.0, 54.0, 66.0, 34.0, 8.5, 3.0, 13.0, 10.0, 9.0, 4.5, 3.2,
  {
    [SC_STYLE_TITLE]      = { 30.0, TRUE,  FALSE,  0.0, 10.0 },
    [SC_STYLE_SUBTITLE]   = { 14.0, FALSE, TRUE,   0.0,  6.0 },
    [SC_STYLE_KICKER]     = { 10.0, TRUE,  TRUE,   0.0,  8.0 },
    [SC_STYLE_H1]         = { 20.0, TRUE,  FALSE,  0.0, 10.0 },
    [SC_STYLE_H2]         = { 12.5, TRUE,  FALSE, 14.0,  5.0 },
    [SC_STYLE_BODY]       = { 10.0, FALSE, FALSE,  0.0,  6.0 },
    [SC_STYLE_SMALL]      = {  8.5, FALSE, FALSE,  0.0,  4.0 },
    [SC_STYLE_CAPTION]    = {  8.5, FALSE, TRUE,   2.0,  8.0 },
    [SC_STYLE_CARD_VALUE] = { 16.0, TRUE,  FALSE,  0.0,  0.0 },
    [SC_STYLE_CARD_LABEL] = {  8.5, FALSE, TRUE,   0.0,  0.0 },
    [SC_STYLE_TABLE]      = {  8.8, FALSE, FALSE,  0.0,  8.0 },
    [SC_STYLE_TABLE_HEAD] = {  8.3, TRUE,  TRUE,   0.0,  0.0 },
    [SC_STYLE_FOOTER]     = {  8.0, FALSE, TRUE,   0.0,  0.0 },
  },
};

static const ScPageMetrics slides_metrics = {
  960.0, 540.0, 52.0, 40.0, 56.0, 22.0, 15.0, 2.5, 24.0, 16.0, 14.0, 7.0, 4.5,
  {
    [SC_STYLE_TITLE]      = { 40.0, TRUE,  FALSE,  0.0, 14.0 },
    [SC_STYLE_SUBTITLE]   = { 20.0, FALSE, TRUE,   0.0,  8.0 },
    [SC_STYLE_KICKER]     = { 15.0, TRUE,  TRUE,   0.0, 10.0 },
    [SC_STYLE_H1]         = { 28.0, TRUE,  FALSE,  0.0, 14.0 },
    [SC_STYLE_H2]         = { 17.0, TRUE,  FALSE, 12.0,  5.0 },
    [SC_STYLE_BODY]       = { 17.0, FALSE, FALSE,  0.0,  8.0 },
    [SC_STYLE_SMALL]      = { 13.0, FALSE, FALSE,  0.0,  5.0 },
    [SC_STYLE_CAPTION]    = { 13.0, FALSE, TRUE,   2.0,  8.0 },
    [SC_STYLE_CARD_VALUE] = { 26.0, TRUE,  FALSE,  0.0,  0.0 },
    [SC_STYLE_CARD_LABEL] = { 13.0, FALSE, TRUE,   0.0,  0.0 },
    [SC_STYLE_TABLE]      = { 13.0, FALSE, FALSE,  0.0, 10.0 },
    [SC_STYLE_TABLE_HEAD] = { 12.5, TRUE,  TRUE,   0.0,  0.0 },
    [SC_STYLE_FOOTER]     = { 11.0, FALSE, TRUE,   0.0,  0.0 },
  },
};

G_DEFINE_FINAL_TYPE (ScReport, sc_report, G_TYPE_OBJECT)

/* Draws a layout block's chart: the migration matrix of "What changed", or one of the
 * application's charts. */
static void
paint_chart (cairo_t  *cr,
             guint     chart,
             double    width,
             double    height,
             gpointer  user_data)
{
  ScReport *self = user_data;

  if (chart == _SC_REPORT_CHART_MIGRATION)
    sc_migration_paint (cr, self->migration, self->palette, width, height);
  else
    sc_charts_paint (self->charts, (ScChartKind) chart, cr, self->palette, width, height,
                     self->m->scatter_scale);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject */

static void
sc_report_finalize (GObject *object)
{
  ScReport *self = SC_REPORT (object);

  g_clear_pointer (&self->layout, sc_page_layout_free);
  g_clear_pointer (&self->palette, sc_palette_free);
  g_clear_pointer (&self->charts, sc_charts_free);
  g_clear_pointer (&self->migration, sc_migration_free);
  g_free (self->title);
  g_free (self->author);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_free (self->date_text);
  g_free (self->period);
  g_free (self->summary);
  g_free (self->currency);

  G_OBJECT_CLASS (sc_report_parent_class)->finalize (object);
}

static void
sc_report_class_init (ScReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_report_finalize;
}

static void
sc_report_init (ScReport *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API */

/**
 * sc_report_format_from_string:
 * @s: "a4" or "slides"
 * @format: (out): the format
 *
 * Returns: %TRUE when @s names a format
 */
gboolean
sc_report_format_from_string (const char     *s,
                              ScReportFormat *format)
{
  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_ascii_strcasecmp (s, "a4") == 0)
    *format = SC_REPORT_FORMAT_A4;
  else if (g_ascii_strcasecmp (s, "slides") == 0)
    *format = SC_REPORT_FORMAT_SLIDES;
  else
    return FALSE;
  return TRUE;
}

/**
 * sc_report_new:
 * @store: the project
 * @format: A4 or slides
 * @options: (nullable): title, author and date
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Reads the project's current segmentation, customer value model, imports and consent,
 * writes the text and lays out every page.  May run in a worker thread; the report holds
 * no reference to @store and may then be used from one thread at a time (painting the
 * scatter keeps a cache).
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with %SC_ERROR_NO_DATA when the
 *   project has no segments yet
 */
ScReport *
sc_report_new (ScStore                *store,
               ScReportFormat          format,
               const ScReportOptions  *options,
               GCancellable           *cancellable,
               GError                **error)
{
  g_autoptr(ScReport) self = NULL;
  g_autofree char *footer = NULL;
  ScReportData d = { 0 };
  const ScRun *run;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (format == SC_REPORT_FORMAT_A4 || format == SC_REPORT_FORMAT_SLIDES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SC_TYPE_REPORT, NULL);
  self->format = format;
  self->m = format == SC_REPORT_FORMAT_A4 ? &a4_metrics : &slides_metrics;
  self->palette = sc_palette_new (FALSE);
  self->palette->font_size = self->m->chart_font;
  self->title = options != NULL && options->title != NULL && *options->title != '\0'
                ? g_strdup (options->title) : _sc_report_default_title (store);
  {
    g_autofree char *code = sc_brief_load_currency (store, &self->currency_source, NULL);

    /* Money reads "EUR 2,659,685" with the project's currency, else a plain number (and
     * "Decisions needed" asks for the currency, or to confirm one taken from the locale).
     * A no-break space keeps the code with its number in narrow cards and cells. */
    if (code != NULL)
      self->currency = g_strconcat (code, "\u00a0", NULL);
    sc_palette_set_currency (self->palette, code);
  }

  self->author = options != NULL && options->author != NULL && *options->author != '\0'
                 ? g_strdup (options->author) : NULL;
  self->date = options != NULL && options->date != NULL ? g_date_time_ref (options->date)
                                                        : g_date_time_new_now_local ();
  /* Translators: the report's date, as in "3 March 2026"; see g_date_time_format() */
  self->date_text = g_date_time_format (self->date, _("%-d %B %Y"));
  self->layout = sc_page_layout_new (self->m, self->palette, paint_chart, self);
  footer = g_strdup_printf ("%s · %s", self->title,
                            format == SC_REPORT_FORMAT_A4 &&
                            !g_str_equal (self->title, _("Customer segments"))
                            ? _("Customer segments") : self->date_text);
  sc_page_layout_set_footer (self->layout, footer);

  self->charts = sc_charts_new (store, cancellable, error);
  if (self->charts == NULL)
    return NULL;
  _sc_charts_isolate_names (self->charts);
  run = sc_charts_get_run (self->charts);
  if (run->n_segments == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA, _("The segmentation has no segments."));
      return NULL;
    }

  if (!_sc_report_load_data (self, store, &d, cancellable, error))
    {
      _sc_report_data_clear (&d);
      return NULL;
    }
  _sc_report_compute_totals (self, &d);

  _sc_report_build_title (self);
  _sc_report_build_brief (self, store, &d);
  _sc_report_build_summary (self, &d);
  _sc_report_build_charts (self, &d);
  _sc_report_build_changes (self, store, cancellable);
  /* Slides tell the story: the segments, then their profit and the rule segments laid over
   * them (each only when present), then what was tested, then the next steps; the
   * methodology closes both as an appendix. */
  if (format == SC_REPORT_FORMAT_A4)
    {
      _sc_report_build_profit (self, store, &d);
      _sc_report_build_overlay (self, store);
      _sc_report_build_hypotheses (self, store, cancellable);
    }
  for (guint i = 0; i < run->n_segments; i++)
    _sc_report_build_segment (self, &d, &run->segments[d.order[i]]);
  if (format == SC_REPORT_FORMAT_SLIDES)
    {
      _sc_report_build_profit (self, store, &d);
      _sc_report_build_overlay (self, store);
      _sc_report_build_hypotheses (self, store, cancellable);
      _sc_report_build_next_steps (self, &d);
    }
  _sc_report_build_appendix (self, &d);
  _sc_report_data_clear (&d);

  sc_page_layout_flow (self->layout);

  return g_steal_pointer (&self);
}

ScReportFormat
sc_report_get_format (ScReport *self)
{
  g_return_val_if_fail (SC_IS_REPORT (self), SC_REPORT_FORMAT_A4);
  return self->format;
}

guint
sc_report_get_n_pages (ScReport *self)
{
  g_return_val_if_fail (SC_IS_REPORT (self), 0);
  return sc_page_layout_get_n_pages (self->layout);
}

/**
 * sc_report_get_page_size:
 * @self: a report
 * @width: (out) (optional): page width in points
 * @height: (out) (optional): page height in points
 */
void
sc_report_get_page_size (ScReport *self,
                         double   *width,
                         double   *height)
{
  g_return_if_fail (SC_IS_REPORT (self));

  if (width != NULL)
    *width = self->m->width;
  if (height != NULL)
    *height = self->m->height;
}

ScReportPageKind
sc_report_get_page_kind (ScReport *self,
                         guint     page)
{
  g_return_val_if_fail (SC_IS_REPORT (self), SC_REPORT_PAGE_TITLE);
  g_return_val_if_fail (page < sc_page_layout_get_n_pages (self->layout), SC_REPORT_PAGE_TITLE);

  return (ScReportPageKind) sc_page_layout_get_page (self->layout, page)->kind;
}

/**
 * sc_report_get_page_title:
 * @self: a report
 * @page: a page number, from 0
 *
 * Returns: (transfer none): what the page is about, for thumbnails and the PDF outline
 */
const char *
sc_report_get_page_title (ScReport *self,
                          guint     page)
{
  g_return_val_if_fail (SC_IS_REPORT (self), NULL);
  g_return_val_if_fail (page < sc_page_layout_get_n_pages (self->layout), NULL);

  return sc_page_layout_get_page (self->layout, page)->title;
}

/**
 * sc_report_get_summary:
 * @self: a report
 *
 * Returns: (transfer none): the executive summary as one paragraph
 */
const char *
sc_report_get_summary (ScReport *self)
{
  g_return_val_if_fail (SC_IS_REPORT (self), NULL);
  return self->summary;
}

/**
 * sc_report_render_page:
 * @self: a report
 * @cr: where to draw, with the page's top left corner at the origin
 * @page: a page number, from 0
 * @width: the width to draw the page at, in @cr's units
 * @height: the height
 *
 * Draws one page, background included, scaled to @width × @height: the same drawing for a
 * thumbnail, the preview and the PDF.
 */
void
sc_report_render_page (ScReport *self,
                       cairo_t  *cr,
                       guint     page,
                       double    width,
                       double    height)
{
  g_autoptr(ScTextContext) context = NULL;
  const ScPage *p;

  g_return_if_fail (SC_IS_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < sc_page_layout_get_n_pages (self->layout));
  g_return_if_fail (width > 0 && height > 0);

  p = sc_page_layout_get_page (self->layout, page);

  cairo_save (cr);
  cairo_scale (cr, width / self->m->width, height / self->m->height);
  cairo_rectangle (cr, 0, 0, self->m->width, self->m->height);
  cairo_clip (cr);
  _sc_set_source (cr, &self->palette->background, 1.0);
  cairo_paint (cr);

  context = sc_page_layout_render_context_new (cr);
  if (p->kind == SC_REPORT_PAGE_TITLE)
    _sc_report_draw_title_page (self, cr, context);
  else
    sc_page_layout_draw_page (self->layout, cr, context, page);
  cairo_restore (cr);
}

static char *
pdf_date (GDateTime *date)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * sc_report_save_pdf:
 * @self: a report
 * @path: the PDF file to write
 * @progress: (nullable): called after each page
 * @progress_data: its data
 * @cancellable: (nullable): polled between pages
 * @error: return location for an error
 *
 * Writes the report as a PDF with embedded fonts, the document's title, author, subject,
 * creator and date, and an outline of its sections.  The file appears complete or not at
 * all: it is written beside @path and renamed over it at the end.
 *
 * Returns: %TRUE on success
 */
gboolean
sc_report_save_pdf (ScReport       *self,
                    const char     *path,
                    ScProgressFunc  progress,
                    gpointer        progress_data,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *doc_title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *keywords = NULL;
  const ScRun *run;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int fd, segments_outline = 0;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (SC_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tmp = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);

  run = sc_charts_get_run (self->charts);
  /* Translators: the PDF's title: "Acme 2025 — Customer segments" */
  doc_title = g_str_equal (self->title, _("Customer segments"))
              ? g_strdup (self->title) : g_strdup_printf (_("%s — Customer segments"), self->title);
  date = pdf_date (self->date);
  {
    GString *k = g_string_new (NULL);

    for (guint s = 0; s < run->n_segments; s++)
      {
        g_autofree char *name = _sc_text_unisolate (run->segments[s].name);

        g_string_append_printf (k, "%s%s", s > 0 ? ", " : "", name);
      }
    keywords = g_string_free (k, FALSE);
  }

  surface = cairo_pdf_surface_create (tmp, self->m->width, self->m->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc_title);
  if (self->author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  self->format == SC_REPORT_FORMAT_A4
                                  ? _("Customer segments report") : _("Customer segments slides"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Segments");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  cr = cairo_create (surface);

  for (guint i = 0; i < sc_page_layout_get_n_pages (self->layout); i++)
    {
      const ScPage *p = sc_page_layout_get_page (self->layout, i);

      if (g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      sc_report_render_page (self, cr, i, self->m->width, self->m->height);

      if (!p->continued)
        {
          g_autofree char *link = g_strdup_printf ("page=%u", i + 1);

          if (p->kind == SC_REPORT_PAGE_SEGMENT)
            {
              if (segments_outline == 0)
                segments_outline = cairo_pdf_surface_add_outline (surface,
                                                                  CAIRO_PDF_OUTLINE_ROOT,
                                                                  _("Segments"), link,
                                                                  CAIRO_PDF_OUTLINE_FLAG_OPEN);
              cairo_pdf_surface_add_outline (surface, segments_outline, p->title, link, 0);
            }
          else
            cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, p->title, link, 0);
        }
      cairo_show_page (cr);
      if (progress != NULL)
        progress ((double) (i + 1) / sc_page_layout_get_n_pages (self->layout),
                  _("Writing the report"), progress_data);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (cancelled || status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      if (cancelled)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                     cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * sc_report_write_pdf:
 * @store: the project
 * @path: the PDF file to write
 * @format: A4 or slides
 * @options: (nullable): title, author and date
 * @progress: (nullable): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Makes the report of the project's current segmentation and writes it; see
 * sc_report_new() and sc_report_save_pdf().
 *
 * Returns: %TRUE on success
 */
gboolean
sc_report_write_pdf (ScStore                *store,
                     const char             *path,
                     ScReportFormat          format,
                     const ScReportOptions  *options,
                     ScProgressFunc          progress,
                     gpointer                progress_data,
                     GCancellable           *cancellable,
                     GError                **error)
{
  g_autoptr(ScReport) report = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (progress != NULL)
    progress (0.0, _("Preparing the report"), progress_data);
  report = sc_report_new (store, format, options, cancellable, error);
  if (report == NULL)
    return FALSE;
  return sc_report_save_pdf (report, path, progress, progress_data, cancellable, error);
}
