/* seg-report-send.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Send to Another Tool…" on the Report page: which tool (the export presets), which
 * segments, the byte order mark and line ends, and only the changes since the last export;
 * then, when the project knows nobody's marketing consent, the question whether every
 * customer may go out; then the file chooser.  The export itself runs as the page's other
 * exports do (seg-report-exporter.c). */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-project-export.h"
#include "seg-format.h"
#include "seg-report-page-private.h"
#include "seg-widget-util.h"

typedef struct
{
  SegReportPage  *page;
  GtkDropDown    *tool;
  GtkDropDown    *segments;
  GtkCheckButton *bom;
  GtkCheckButton *crlf;
  GtkCheckButton *changed;
  ScPresetOptions options;
  char           *segment;      /* "3": the segment's number, or NULL for all */
} SendForm;

static void
send_form_free (gpointer  data,
                GClosure *closure)
{
  SendForm *form = data;

  g_clear_object (&form->page);
  g_free (form->segment);
  g_free (form);
}

/* The choices, without the widgets (gone with their dialog), for the next question. */
static SendForm *
send_form_copy (const SendForm *form)
{
  SendForm *copy = g_new0 (SendForm, 1);

  copy->page = g_object_ref (form->page);
  copy->options = form->options;
  copy->segment = g_strdup (form->segment);
  return copy;
}

static GtkWindow *
page_window (SegReportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
choose_file (SendForm *form)
{
  SegReportPage *self = form->page;
  g_autofree char *title = NULL;
  const char *one[] = { form->segment, NULL };

  if (self->disposed || self->project == NULL ||
      seg_report_exporter_get_job (self->exporter) != NULL)
    return;
  form->options.segments = form->segment != NULL ? one : NULL;
  seg_report_exporter_set_preset (self->exporter, &form->options);
  form->options.segments = NULL;
  title = sc_project_dup_title (self->project);
  seg_report_exporter_choose_file (self->exporter, page_window (self), SEG_REPORT_EXPORT_PRESET,
                                   title, SC_CHART_SCATTER);
}

static void
on_consent_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  SendForm *form = user_data;

  if (g_str_equal (response, "export"))
    {
      form->options.no_consent_ok = TRUE;
      choose_file (form);
    }
}

static void
on_send_response (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  SendForm *form = user_data;
  SegReportPage *self = form->page;
  const ScRun *run;
  ScConsentSummary consent;
  g_autoptr(GError) error = NULL;
  guint tool, segment;

  if (!g_str_equal (response, "continue") || self->disposed || self->project == NULL)
    return;

  tool = gtk_drop_down_get_selected (form->tool);
  form->options.preset = (ScExportPreset) MIN (tool, SC_N_EXPORT_PRESETS - 1);
  form->options.bom = gtk_check_button_get_active (form->bom);
  form->options.crlf = gtk_check_button_get_active (form->crlf);
  form->options.changed_only = gtk_check_button_get_active (form->changed);
  form->options.no_consent_ok = FALSE;
  segment = gtk_drop_down_get_selected (form->segments);
  run = sc_project_get_run (self->project);
  g_clear_pointer (&form->segment, g_free);
  if (segment > 0 && run != NULL && segment <= run->n_segments)
    form->segment = g_strdup_printf ("%u", segment);

  if (!sc_project_get_consent_summary (self->project, &consent, &error))
    {
      seg_show_error_dialog (page_window (self),
                             seg_report_export_error_heading (SEG_REPORT_EXPORT_PRESET),
                             error->message);
      return;
    }
  if (!consent.consent_known)
    {
      g_autofree char *count = seg_format_count (consent.segmented);
      g_autofree char *heading = NULL;
      GtkWidget *question;

      /* Translators: %s is a number of customers */
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "No consent information: export all %s "
                                              "customer?",
                                              "No consent information: export all %s "
                                              "customers?", consent.segmented), count);
      question = seg_question_dialog_new (page_window (self), heading,
                                          _("The data has no marketing-consent column, so "
                                            "nobody can be left out for want of consent. "
                                            "Export only if every customer agreed to be "
                                            "contacted."),
                                          "export", _("_Export All"),
                                          ADW_RESPONSE_DESTRUCTIVE);
      g_signal_connect_data (question, "response", G_CALLBACK (on_consent_response),
                             send_form_copy (form), send_form_free, 0);
      gtk_window_present (GTK_WINDOW (question));
      return;
    }
  choose_file (form);
}

static void
on_tool_selected (GtkDropDown    *tool,
                  GParamSpec     *pspec,
                  GtkCheckButton *bom)
{
  guint i = gtk_drop_down_get_selected (tool);

  gtk_check_button_set_active (bom, sc_export_preset_default_bom (MIN (i, SC_N_EXPORT_PRESETS
                                                                          - 1)));
}

static GtkWidget *
labelled_row (GtkGrid    *grid,
              int         row,
              const char *label_text,
              GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  return widget;
}

/**
 * _seg_report_page_send_action:
 *
 * Asks which tool and how, then where: the "report.send" action.
 */
void
_seg_report_page_send_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  SegReportPage *self = SEG_REPORT_PAGE (widget);
  const ScRun *run = self->project != NULL ? sc_project_get_run (self->project) : NULL;
  g_autoptr(GtkStringList) tools = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) segments = gtk_string_list_new (NULL);
  GtkWidget *dialog, *grid, *box;
  SendForm *form;

  if (run == NULL || seg_report_exporter_get_job (self->exporter) != NULL)
    return;

  for (guint i = 0; i < SC_N_EXPORT_PRESETS; i++)
    gtk_string_list_append (tools, sc_export_preset_to_label ((ScExportPreset) i));
  gtk_string_list_append (segments, _("All segments, one file"));
  for (guint p = 0; p < run->n_segments; p++)
    for (guint k = 0; k < run->n_segments; k++)
      if (run->segments[k].position == p)
        gtk_string_list_append (segments, run->segments[k].name);

  form = g_new0 (SendForm, 1);
  form->page = g_object_ref (self);
  form->tool = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&tools)), NULL));
  form->segments = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&segments)),
                                                     NULL));
  form->bom = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
                                  _("Byte order mark, for _Excel")));
  form->crlf = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
                                   _("_Windows line ends (CR LF)")));
  form->changed = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
                                      _("Only customers whose segment _changed since the last "
                                        "export to this tool")));
  gtk_check_button_set_active (form->bom, sc_export_preset_default_bom (0));
  g_signal_connect_object (form->tool, "notify::selected", G_CALLBACK (on_tool_selected),
                           form->bom, 0);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  labelled_row (GTK_GRID (grid), 0, _("_Tool"), GTK_WIDGET (form->tool));
  labelled_row (GTK_GRID (grid), 1, _("_Segments"), GTK_WIDGET (form->segments));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->bom));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->crlf));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->changed));

  dialog = seg_question_dialog_new (page_window (self), _("Send Segments to Another Tool"),
                                    _("One row per customer who may be contacted, in the "
                                      "columns the tool imports. Customers without marketing "
                                      "consent are left out."),
                                    "continue", _("C_hoose File…"), ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_send_response), form,
                         send_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
