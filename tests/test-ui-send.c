/* test-ui-send.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Send to Another Tool…" on the Report page: the dialog with its labelled choices, the file
 * chooser after it, and, for a project that knows nobody's consent, the question "No consent
 * information: export all N customers?" before any file is chosen.  With
 * SEGMENTS_SCREENSHOT_DIR set, the two dialogs are saved as PNG files. */

#include "config.h"

#include <adwaita.h>

#include "sc-project-export.h"
#include "seg-application.h"
#include "seg-import-source.h"
#include "seg-report-page.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"

static SegApplication *app;
static char *tmp_dir;

static SegWindow *
new_window (void)
{
  SegWindow *window = seg_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window_is_ready, window));
  return window;
}

typedef struct
{
  GPtrArray *found;
  GType      type;
} Collect;

static gboolean
collect (GtkWidget *widget,
         gpointer   data)
{
  Collect *c = data;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, c->type))
    g_ptr_array_add (c->found, widget);
  return FALSE;
}

static GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  Collect c = { g_ptr_array_new (), type };

  find_widget (root, collect, &c);
  return c.found;
}

static AdwMessageDialog *
wait_for_message_dialog (void)
{
  WAIT_FOR (find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  return ADW_MESSAGE_DIALOG (find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG));
}

/* Answers as a click does: the response, then the dialog closes. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;

  settle (widget);
  texture = render_widget (widget);
  g_assert_cmpuint (count_colours (texture), >, 4);
  save_if_asked (texture, name);
}

static void
test_send_dialog (void)
{
  SegWindow *window = new_window ();
  SegReportPage *page;
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) dropdowns = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  GtkCheckButton *bom;

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample", NULL);
  g_assert_true (wait_until (window_is_ready, window));
  page = SEG_REPORT_PAGE (show_page_of_type (window, "report", SEG_TYPE_REPORT_PAGE));
  WAIT_FOR (gtk_widget_activate_action (GTK_WIDGET (page), "report.send", NULL));
  dialog = wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Send Segments to Another Tool");

  /* Two choices, each with a visible label that names it (mnemonic and accessible). */
  dropdowns = find_all (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN);
  g_assert_cmpuint (dropdowns->len, ==, 2);
  for (guint i = 0; i < dropdowns->len; i++)
    {
      GList *labels = gtk_widget_list_mnemonic_labels (g_ptr_array_index (dropdowns, i));

      g_assert_cmpuint (g_list_length (labels), ==, 1);
      g_list_free (labels);
    }
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (
                      g_ptr_array_index (dropdowns, 0))), ==, SC_N_EXPORT_PRESETS);
  checks = find_all (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 3);
  bom = g_ptr_array_index (checks, 0);

  /* The byte order mark follows the tool: on for the generic CSV, off for HubSpot. */
  g_assert_false (gtk_check_button_get_active (bom));
  gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 0), SC_EXPORT_PRESET_GENERIC);
  g_assert_true (gtk_check_button_get_active (bom));
  gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 0), SC_EXPORT_PRESET_HUBSPOT);
  g_assert_false (gtk_check_button_get_active (bom));
  gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 0), SC_EXPORT_PRESET_GENERIC);
  shoot (GTK_WIDGET (dialog), "send-dialog.png");

  /* The sample knows consent: the file chooser comes next, without a question. */
  answer (dialog, "continue");
  WAIT_FOR (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL);
  g_assert_null (find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG));
  gtk_dialog_response (GTK_DIALOG (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG)),
                       GTK_RESPONSE_CANCEL);
  WAIT_FOR (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_send_without_consent (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-consent.segments", NULL);
  g_autoptr(GFile) sample = seg_window_dup_sample_dir ();
  g_autoptr(GFile) orders = g_file_get_child (sample, "transactions.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SegWindow *window;
  SegReportPage *page;
  AdwMessageDialog *dialog;
  guint64 n_segmented = 0;

  /* Orders alone: the project knows nobody's consent. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScProject) project = sc_project_open (path, TRUE, &error);
    g_autofree char *orders_path = g_file_get_path (orders);

    g_assert_no_error (error);
    test_project_import (project, orders_path);
    test_project_segment_k (project, 0);
    {
      ScConsentSummary consent;

      g_assert_true (sc_project_get_consent_summary (project, &consent, &error));
      g_assert_no_error (error);
      g_assert_false (consent.consent_known);
      n_segmented = consent.segmented;
      g_assert_cmpuint (n_segmented, >, 0);
    }
  }

  window = new_window ();
  g_assert_true (seg_window_open_project (window, file, FALSE));
  g_assert_true (wait_until (window_is_ready, window));
  page = SEG_REPORT_PAGE (show_page_of_type (window, "report", SEG_TYPE_REPORT_PAGE));
  WAIT_FOR (gtk_widget_activate_action (GTK_WIDGET (page), "report.send", NULL));
  dialog = wait_for_message_dialog ();
  answer (dialog, "continue");

  /* The question, with the count, before any file chooser. */
  WAIT_FOR ((dialog = ADW_MESSAGE_DIALOG (find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG))) &&
            g_str_has_prefix (adw_message_dialog_get_heading (dialog), "No consent information"));
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (dialog),
                                   "No consent information: export all "));
  {
    /* the number in the heading is the count of segmented customers, grouped for reading */
    g_autoptr(GString) digits = g_string_new (NULL);

    for (const char *p = adw_message_dialog_get_heading (dialog); *p; p++)
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    g_assert_cmpuint (g_ascii_strtoull (digits->str, NULL, 10), ==, n_segmented);
  }
  g_assert_true (adw_message_dialog_has_response (dialog, "export"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "export"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_null (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG));
  shoot (GTK_WIDGET (dialog), "send-no-consent.png");

  /* Cancelled: nothing more. */
  answer (dialog, "cancel");
  settle_for (200);
  g_assert_null (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG));

  /* Confirmed: the file chooser. */
  WAIT_FOR (gtk_widget_activate_action (GTK_WIDGET (page), "report.send", NULL));
  WAIT_FOR ((dialog = ADW_MESSAGE_DIALOG (find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG))) &&
            g_str_equal (adw_message_dialog_get_heading (dialog),
                         "Send Segments to Another Tool"));
  answer (dialog, "continue");
  WAIT_FOR ((dialog = ADW_MESSAGE_DIALOG (find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG))) &&
            g_str_has_prefix (adw_message_dialog_get_heading (dialog), "No consent information"));
  answer (dialog, "export");
  WAIT_FOR (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL);
  gtk_dialog_response (GTK_DIALOG (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG)),
                       GTK_RESPONSE_CANCEL);
  WAIT_FOR (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The import wizard offers the contact fields for a customer list, detects them, and shows
 * an address as the import keeps it, an invalid one as invalid. */
static void
test_wizard_contact_columns (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "contacts.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SegImportSource) source = seg_import_source_new (SC_TABLE_CUSTOMERS);
  g_autoptr(GError) error = NULL;
  const char *csv = "customer_id,Email,Full Name,Mobile,region\n"
                    "C1, Ada@Example.COM ,Ada Lovelace,+44 20 7946 0018,North\n"
                    "C2,bob@example.org,Bob Li,+1 555 0100,South\n"
                    "C3,not-an-address,Cy Young,,North\n";
  g_autofree char *email = NULL, *bad = NULL;
  gboolean valid = TRUE;

  g_assert_true (g_file_set_contents (path, csv, -1, &error));
  g_assert_no_error (error);
  g_assert_true (seg_import_source_set_file (source, file));
  WAIT_FOR (seg_import_source_is_ready (source));

  g_assert_cmpint (seg_import_source_get_choice (source, 0), ==, SEG_COLUMN_CUSTOMER);
  g_assert_cmpint (seg_import_source_get_choice (source, 1), ==, SEG_COLUMN_EMAIL);
  g_assert_cmpint (seg_import_source_get_choice (source, 2), ==, SEG_COLUMN_NAME);
  g_assert_cmpint (seg_import_source_get_choice (source, 3), ==, SEG_COLUMN_PHONE);
  g_assert_cmpint (seg_import_source_get_choice (source, 4), ==, SEG_COLUMN_CATEGORY);
  g_assert_cmpstr (seg_column_choice_to_label (SEG_COLUMN_EMAIL), ==, "Email Address");

  email = seg_import_source_format_cell (source, 0, 1, &valid);
  g_assert_true (valid);
  g_assert_cmpstr (email, ==, "Ada@example.com");
  bad = seg_import_source_format_cell (source, 2, 1, &valid);
  g_assert_false (valid);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* The sample project goes to the user's data folder: keep it out of the real one. */
  app = ui_test_start (&argc, &argv, "test-ui-send-XXXXXX",
                       "io.github.segments.Segments.TestSend",
                       G_APPLICATION_DEFAULT_FLAGS, &tmp_dir);

  g_test_add_func ("/Ui/Send/dialog", test_send_dialog);
  g_test_add_func ("/Ui/Send/without-consent", test_send_without_consent);
  g_test_add_func ("/Ui/Send/wizard-contact-columns", test_wizard_contact_columns);

  ret = g_test_run ();

  ui_test_stop (&app);
  test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
