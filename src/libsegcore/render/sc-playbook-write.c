/* sc-playbook-write.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Segment playbooks as files: each playbook (sc-playbook.c) as one self-contained HTML page
 * (inline CSS, every text escaped) or as an A4 PDF laid out and drawn by the report's page
 * engine (sc-page-layout.c), and an index.html linking them.  Each file is written beside
 * its target and renamed over it when complete (sc-export-sink.c). */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>

#include "sc-export-private.h"
#include "sc-page-layout.h"
#include "sc-playbook-private.h"
#include "sc-types.h"

/* A one-page handout: larger text than the report, read on paper or a phone. */
static const ScPageMetrics playbook_metrics = {
  595.276, 841.89, 48.0, 40.0, 54.0, 28.0, 9.0, 3.0, 14.0, 10.0, 9.0, 4.5, 3.4,
  {
    [SC_STYLE_TITLE]      = { 26.0, TRUE,  FALSE,  0.0,  8.0 },
    [SC_STYLE_SUBTITLE]   = { 13.0, FALSE, TRUE,   0.0,  6.0 },
    [SC_STYLE_KICKER]     = { 10.0, TRUE,  TRUE,   0.0,  6.0 },
    [SC_STYLE_H1]         = { 22.0, TRUE,  FALSE,  0.0,  6.0 },
    [SC_STYLE_H2]         = { 12.5, TRUE,  FALSE,  8.0,  3.0 },
    [SC_STYLE_BODY]       = {  9.6, FALSE, FALSE,  0.0,  4.0 },
    [SC_STYLE_SMALL]      = {  9.0, FALSE, FALSE,  0.0,  4.0 },
    [SC_STYLE_CAPTION]    = {  8.5, FALSE, TRUE,   2.0,  6.0 },
    [SC_STYLE_CARD_VALUE] = { 16.0, TRUE,  FALSE,  0.0,  0.0 },
    [SC_STYLE_CARD_LABEL] = {  8.5, FALSE, TRUE,   0.0,  0.0 },
    [SC_STYLE_TABLE]      = {  8.2, FALSE, FALSE,  0.0,  4.0 },
    [SC_STYLE_TABLE_HEAD] = {  8.3, TRUE,  TRUE,   0.0,  0.0 },
    [SC_STYLE_FOOTER]     = {  8.0, FALSE, TRUE,   0.0,  0.0 },
  },
};

static gboolean
write_text_file (const char  *path,
                 GString     *text,
                 GError     **error)
{
  g_auto(ScExportSink) sink = { 0 };

  if (!_sc_export_sink_open (&sink, path, error))
    return FALSE;
  g_string_append_len (sink.buf, text->str, text->len);
  return _sc_export_sink_commit (&sink, error);
}

/* The plan's rows, the same in both formats: label, then text. */
static void
plan_rows (const ScPlaybook  *p,
           const char       **labels,
           const char       **texts)
{
  labels[0] = _("Objective");
  texts[0] = p->objective;
  labels[1] = _("Service tier");
  texts[1] = p->tier;
  labels[2] = _("Channel");
  texts[2] = p->channel;
  labels[3] = _("Cadence");
  texts[3] = p->cadence;
  labels[4] = _("Owner");
  texts[4] = p->owner;
}

#define N_PLAN_ROWS 5

/* ------------------------------------------------------------------------------------------ */
/* HTML */

static const char html_style[] =
  "body{font-family:Cantarell,'Noto Sans',system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
  "padding:0 1rem;color:#1e1e1e;line-height:1.45}"
  "h1{margin:.2rem 0 1rem;font-size:1.9rem}h2{font-size:1.15rem;margin:1.6rem 0 .4rem}"
  ".kicker{color:#5e5c64;font-weight:bold;font-size:.9rem}"
  ".swatch{display:inline-block;width:.8em;height:.8em;border-radius:.2em;margin-right:.4em}"
  "table{border-collapse:collapse;width:100%;font-size:.92rem}"
  "th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #deddda;vertical-align:top}"
  "th{color:#5e5c64}.note{color:#5e5c64;font-size:.88rem}"
  ".ask{background:#fdf6e3;border-left:4px solid #e5a50a;padding:.5rem .8rem}"
  "footer{margin-top:2rem;color:#77767b;font-size:.8rem}"
  "@media (prefers-color-scheme:dark){body{background:#242424;color:#f6f5f4}"
  "th,.kicker,.note{color:#c0bfbc}th,td{border-color:#3d3846}.ask{background:#3d3846}}";

static void
html_text (GString    *out,
           const char *tag,
           const char *attrs,
           const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append_printf (out, "<%s%s>%s</%s>\n", tag, attrs != NULL ? attrs : "", escaped, tag);
}

static void
html_begin (GString    *out,
            const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  g_string_append_printf (out, "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n",
                          escaped, html_style);
}

static void
html_end (GString    *out,
          const char *date)
{
  g_autofree char *footer = g_strdup_printf (_("Made with Segments on %s"), date);

  html_text (out, "footer", NULL, footer);
  g_string_append (out, "</body>\n</html>\n");
}

static void
html_playbook (GString             *out,
               const ScPlaybook    *p,
               const ScPlaybookSet *set)
{
  const char *labels[N_PLAN_ROWS], *texts[N_PLAN_ROWS];
  g_autofree char *name = g_markup_escape_text (p->name, -1);

  html_begin (out, p->name);
  html_text (out, "p", " class=\"kicker\"", p->kicker);
  g_string_append_printf (out, "<h1><span class=\"swatch\" style=\"background:#%02x%02x%02x\">"
                               "</span>%s</h1>\n",
                          (guint) (p->colour.r * 255 + 0.5), (guint) (p->colour.g * 255 + 0.5),
                          (guint) (p->colour.b * 255 + 0.5), name);
  html_text (out, "h2", NULL, _("Who they are"));
  html_text (out, "p", NULL, p->who);
  html_text (out, "h2", NULL, _("Why they matter"));
  html_text (out, "p", NULL, p->why);

  html_text (out, "h2", NULL, _("The plan"));
  g_string_append (out, "<table>\n");
  plan_rows (p, labels, texts);
  for (guint i = 0; i < N_PLAN_ROWS; i++)
    {
      if (texts[i] == NULL)
        continue;
      g_string_append (out, "<tr>");
      html_text (out, "th", " scope=\"row\"", labels[i]);
      html_text (out, "td", NULL, texts[i]);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</table>\n");
  if (p->owner_missing != NULL)
    html_text (out, "p", " class=\"ask\"", p->owner_missing);
  html_text (out, "h2", NULL, _("Tactics"));
  g_string_append (out, "<ul>\n");
  for (guint i = 0; p->tactics != NULL && p->tactics[i] != NULL; i++)
    html_text (out, "li", NULL, p->tactics[i]);
  g_string_append (out, "</ul>\n");
  html_text (out, "h2", NULL, _("KPI to watch"));
  html_text (out, "p", NULL, p->kpi);
  html_text (out, "p", " class=\"note\"", p->plan_note);

  html_text (out, "h2", NULL, _("Customers to start with"));
  if (p->examples->len > 1)
    {
      g_string_append (out, "<table>\n");
      for (guint r = 0; r < p->examples->len; r++)
        {
          char **row = g_ptr_array_index (p->examples, r);

          g_string_append (out, "<tr>");
          for (guint c = 0; c < p->n_cols; c++)
            html_text (out, r == 0 ? "th" : "td", r == 0 ? " scope=\"col\"" : NULL, row[c]);
          g_string_append (out, "</tr>\n");
        }
      g_string_append (out, "</table>\n");
    }
  html_text (out, "p", " class=\"note\"", p->examples_note);
  html_end (out, set->date);
}

static gboolean
write_index (const ScPlaybookSet  *set,
             const char           *directory,
             GPtrArray            *written,
             GError              **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *path = g_build_filename (directory, "index.html", NULL);

  html_begin (out, _("Segment playbooks"));
  html_text (out, "h1", NULL, _("Segment playbooks"));
  html_text (out, "p", NULL, _("One page per customer segment, in priority order: who the "
                               "customers are, why they matter, the plan and customers to "
                               "start with."));
  g_string_append (out, "<ol>\n");
  for (guint i = 0; i < set->playbooks->len; i++)
    {
      const ScPlaybook *p = g_ptr_array_index (set->playbooks, i);
      g_autofree char *href = g_uri_escape_string (p->file, NULL, FALSE);
      g_autofree char *name = g_markup_escape_text (p->name, -1);

      g_string_append_printf (out, "<li><a href=\"%s\">%s</a></li>\n", href, name);
    }
  g_string_append (out, "</ol>\n");
  html_end (out, set->date);
  if (!write_text_file (path, out, error))
    return FALSE;
  g_ptr_array_add (written, g_steal_pointer (&path));
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* PDF */

static void
layout_playbook (ScPageLayout     *layout,
                 const ScPlaybook *p)
{
  const char *labels[N_PLAN_ROWS], *texts[N_PLAN_ROWS];
  static const double plan_widths[] = { 0.22, 0.78 };
  static const ScAlign plan_align[] = { SC_ALIGN_START, SC_ALIGN_START };
  ScSection *section = sc_page_layout_add_section (layout, 0, p->name, 0);
  ScBlock *b;

  sc_section_add_text (section, SC_STYLE_KICKER, p->kicker);
  b = sc_section_add_block (section, SC_BLOCK_SWATCH_HEAD, SC_STYLE_H1);
  b->text = g_strdup (p->name);
  b->accent = p->colour;
  b->has_accent = TRUE;

  sc_section_add_heading (section, _("Who they are"));
  sc_section_add_text (section, SC_STYLE_BODY, p->who);
  sc_section_add_heading (section, _("Why they matter"));
  sc_section_add_text (section, SC_STYLE_BODY, p->why);

  sc_section_add_heading (section, _("The plan"));
  b = sc_section_add_table (section, 2, plan_widths, plan_align);
  {
    char *head[] = { g_strdup (_("Part")), g_strdup (_("For this segment")) };

    sc_block_add_row (b, head);
  }
  plan_rows (p, labels, texts);
  for (guint i = 0; i < N_PLAN_ROWS; i++)
    {
      char *row[2];

      if (texts[i] == NULL)
        continue;
      row[0] = g_strdup (labels[i]);
      row[1] = g_strdup (texts[i]);
      sc_block_add_row (b, row);
    }
  if (p->owner_missing != NULL)
    {
      b = sc_section_add_bullet (section, SC_STYLE_BODY, p->owner_missing);
      b->accent = p->colour;
      b->has_accent = TRUE;
    }
  sc_section_add_heading (section, _("Tactics"));
  for (guint i = 0; p->tactics != NULL && p->tactics[i] != NULL; i++)
    sc_section_add_bullet (section, SC_STYLE_BODY, p->tactics[i]);
  sc_section_add_heading (section, _("KPI to watch"));
  sc_section_add_text (section, SC_STYLE_BODY, p->kpi);
  sc_section_add_text (section, SC_STYLE_CAPTION, p->plan_note);

  sc_section_add_heading (section, _("Customers to start with"));
  if (p->examples->len > 1)
    {
      g_autofree double *widths = g_new (double, p->n_cols);
      g_autofree ScAlign *align = g_new (ScAlign, p->n_cols);

      double weight = 0;

      /* Orders and spend narrow at the end; the id, then the contact fields sharing what
       * is left, an e-mail address (the second contact column when there is one) twice. */
      for (guint c = 0; c < p->n_cols; c++)
        {
          gboolean figure = c + 2 >= p->n_cols;

          widths[c] = figure ? 0.0 : c == 0 && p->n_cols > 3 ? 1.0 : c == 2 ? 2.0 : 1.4;
          weight += widths[c];
          align[c] = figure ? SC_ALIGN_END : SC_ALIGN_START;
        }
      for (guint c = 0; c < p->n_cols; c++)
        widths[c] = c + 2 == p->n_cols ? 0.08 : c + 1 == p->n_cols ? 0.12
                                       : widths[c] / weight * 0.80;
      b = sc_section_add_table (section, p->n_cols, widths, align);
      for (guint r = 0; r < p->examples->len; r++)
        {
          /* The table takes the cells; the array of pointers stays ours. */
          char **row = g_strdupv (g_ptr_array_index (p->examples, r));

          sc_block_add_row (b, row);
          g_free (row);
        }
    }
  sc_section_add_text (section, SC_STYLE_CAPTION, p->examples_note);
}

static gboolean
write_pdf (const ScPlaybook     *p,
           const ScPlaybookSet  *set,
           const char           *path,
           GError              **error)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  g_autoptr(ScPageLayout) layout = NULL;
  g_auto(ScExportSink) sink = { 0 };
  g_autofree char *footer = NULL;
  ScExportCairoSink cs = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  palette->font_size = playbook_metrics.chart_font;
  layout = sc_page_layout_new (&playbook_metrics, palette, NULL, NULL);
  /* Translators: the playbook's footer: "Loyal buyers · Segment playbook · 3 March 2026" */
  footer = g_strdup_printf (_("%s · Segment playbook · %s"), p->name, set->date);
  sc_page_layout_set_footer (layout, footer);
  layout_playbook (layout, p);
  sc_page_layout_flow (layout);

  if (!_sc_export_sink_open (&sink, path, error))
    return FALSE;
  cs.sink = &sink;
  surface = cairo_pdf_surface_create_for_stream (_sc_export_cairo_sink_write, &cs,
                                                 playbook_metrics.width,
                                                 playbook_metrics.height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, p->name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, _("Segment playbook"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Segments");
  cr = cairo_create (surface);
  for (guint i = 0; i < sc_page_layout_get_n_pages (layout); i++)
    {
      PangoContext *context;

      cairo_save (cr);
      cairo_set_source_rgb (cr, palette->background.r, palette->background.g,
                            palette->background.b);
      cairo_paint (cr);
      context = sc_page_layout_render_context_new (cr);
      sc_page_layout_draw_page (layout, cr, context, i);
      g_object_unref (context);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (cs.error != NULL)
    {
      g_propagate_error (error, cs.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return _sc_export_sink_commit (&sink, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API */

/**
 * _sc_playbooks_write:
 * @store: the project
 * @directory: where to write; created when missing
 * @format: HTML or PDF
 * @cancellable: (nullable): polled between files
 * @error: return location for an error
 *
 * Writes one playbook per segment of the current segmentation, in priority order, and an
 * index.html listing them.
 *
 * Returns: (transfer full) (element-type filename) (nullable): the paths written, the
 *   index last
 */
GPtrArray *
_sc_playbooks_write (ScStore           *store,
                     const char        *directory,
                     ScPlaybookFormat   format,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_autoptr(ScPlaybookSet) set = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (store != NULL && directory != NULL, NULL);
  g_return_val_if_fail (format == SC_PLAYBOOK_HTML || format == SC_PLAYBOOK_PDF, NULL);

  set = _sc_playbook_set_load (store, format, cancellable, error);
  if (set == NULL)
    return NULL;
  if (g_mkdir_with_parents (directory, 0777) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), directory, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < set->playbooks->len; i++)
    {
      const ScPlaybook *p = g_ptr_array_index (set->playbooks, i);
      g_autofree char *path = g_build_filename (directory, p->file, NULL);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (format == SC_PLAYBOOK_PDF)
        {
          if (!write_pdf (p, set, path, error))
            return NULL;
        }
      else
        {
          g_autoptr(GString) out = g_string_new (NULL);

          html_playbook (out, p, set);
          if (!write_text_file (path, out, error))
            return NULL;
        }
      g_ptr_array_add (written, g_steal_pointer (&path));
    }
  if (!write_index (set, directory, written, error))
    return NULL;
  return g_steal_pointer (&written);
}
