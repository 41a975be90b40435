/* test-ui-wizard.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The import wizard under Xvfb, driven on the fixture files in tests/data/wizard through its
 * actions and widgets as a user would: the pages read the files, the check counts what the
 * import will do, and the import fills or extends a project (or, cancelled, leaves it as it
 * was).  The user's data, cache and config folders point to a temporary folder, so that the
 * remembered layouts and recent files start empty.  With SEGMENTS_SCREENSHOT_DIR set, each
 * page is saved there as a PNG for the help pages. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-project.h"
#include "seg-application.h"
#include "seg-import-check-page.h"
#include "seg-import-columns-page.h"
#include "seg-import-wizard.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"
#include "ui-wizard-utils.h"

static SegApplication *app;

static char *
data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "wizard", name, NULL);
}

static GFile *
data_file (const char *name)
{
  g_autofree char *path = data_path (name);

  return g_file_new_for_path (path);
}

static gboolean
is_drawable_column_view (GtkWidget *widget,
                         gpointer   data)
{
  return GTK_IS_COLUMN_VIEW (widget) && gtk_widget_is_drawable (widget);
}

static gboolean
is_drawable_columns_page (GtkWidget *widget,
                          gpointer   data)
{
  return SEG_IS_IMPORT_COLUMNS_PAGE (widget) && gtk_widget_is_drawable (widget);
}

static gboolean
is_drawable_drop_down (GtkWidget *widget,
                       gpointer   data)
{
  return GTK_IS_DROP_DOWN (widget) && gtk_widget_is_drawable (widget);
}

/* The value shown beside a row's title (a label with the "numeric" style), as the check
 * page and the customer list page show figures. */
static const char *
row_value (GtkWidget  *root,
           const char *title)
{
  GtkWidget *label = find_widget (root, is_drawable_label_starting, (gpointer) title);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  GtkWidget *row;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);

  g_ptr_array_add (stack, row);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "numeric"))
        return gtk_label_get_text (GTK_LABEL (w));
      for (GtkWidget *child = gtk_widget_get_first_child (w); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_assert_not_reached ();
}

static SegWindow *
new_window (void)
{
  return wizard_new_window (GTK_APPLICATION (app));
}

/* Opens the wizard as the menu item does. */

/* Goes from the page shown to the check page and waits for the check. */

/* ------------------------------------------------------------------------------------------ */

static void
test_wizard_opens (void)
{
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);

  /* Nothing chosen: Next waits for an orders file; the project row says a new one is made. */
  g_assert_false (next_enabled (wizard));
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "A New Project"));
  /* The buttons show their labels once the page knows it is wide (icons when narrow). */
  WAIT_FOR (find_widget (GTK_WIDGET (wizard), is_drawable_button_labelled,
                         (gpointer) "_Choose…") != NULL);

  /* The import action opens the same wizard again rather than a second one. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "import", NULL);
  drain_events ();
  g_assert_true (find_wizard () == wizard);

  /* Escape closes it (window.close, which Escape is bound to). */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "window.close", NULL);
  drain_events ();
  g_assert_null (find_wizard ());
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "empty");

  destroy_all_windows ();
}

static void
test_wizard_semicolon_decimal_comma (void)
{
  g_autofree char *project_path = temp_path ("Semicolon.segments");
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(GFile) orders = data_file ("semicolon-comma.csv");
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);
  SegImportSource *source = seg_import_wizard_get_orders (wizard);
  const ScImportPreview *preview;
  const ScImportReport *report;
  GtkWidget *view;
  GtkWidget *cell;
  ScProject *project;
  g_autofree char *amount = NULL;
  g_autofree char *date = NULL;
  gboolean valid;

  remove_project (project_path);
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  drain_events ();
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "semicolon-comma.csv"));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-files.png");

  /* Format: sniffed, and said so; the preview shows values as they will be read. */
  press_next (wizard);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "format");
  preview = seg_import_source_get_preview (source);
  g_assert_cmpint (preview->dialect.delimiter, ==, ';');
  g_assert_cmpint (preview->dialect.decimal_mark, ==, ',');
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Automatic (semicolon)"));
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Automatic (D/M/Y)"));
  view = find_widget (GTK_WIDGET (wizard), is_drawable_column_view, NULL);
  g_assert_nonnull (view);
  /* The line number and the file's four columns. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view))),
                    ==, 5);
  amount = seg_import_source_format_cell (source, 0, 3, &valid);
  g_assert_true (valid);
  g_assert_cmpstr (amount, ==, "1234.50");
  date = seg_import_source_format_cell (source, 0, 2, &valid);
  g_assert_true (valid);
  g_assert_cmpstr (date, ==, "5 Mar 2024");
  WAIT_FOR (find_widget (view, is_drawable_label_starting, (gpointer) "1234.50") != NULL);
  g_assert_nonnull (find_widget (view, is_drawable_label_starting, (gpointer) "1234.50"));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-format.png");

  /* Read with a point as decimal mark, "1.234,50" is no amount; back to automatic. */
  {
    ScImportFormat format = { 0 };
    g_autofree char *point = NULL;

    format.decimal_mark = '.';
    seg_import_source_set_format (source, &format);
    point = seg_import_source_format_cell (source, 0, 3, &valid);
    g_assert_false (valid);
    g_assert_cmpstr (point, ==, "1.234,50");
    /* The preview shows it, marked as unreadable. */
    WAIT_FOR (find_widget (view, is_drawable_label_starting, (gpointer) "1.234,50") != NULL);
    cell = find_widget (view, is_drawable_label_starting, (gpointer) "1.234,50");
    g_assert_nonnull (cell);
    g_assert_true (gtk_widget_has_css_class (cell, "error"));
    format.decimal_mark = 0;
    seg_import_source_set_format (source, &format);
    WAIT_FOR (find_widget (view, is_drawable_label_starting, (gpointer) "1234.50") != NULL);
    cell = find_widget (view, is_drawable_label_starting, (gpointer) "1234.50");
    g_assert_nonnull (cell);
    g_assert_false (gtk_widget_has_css_class (cell, "error"));
  }

  press_next (wizard);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "columns");
  g_assert_true (next_enabled (wizard));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-columns.png");

  report = run_check (wizard);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->transactions.rows_read, ==, 6);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 6);
  g_assert_cmpuint (report->transactions.returns, ==, 1);
  g_assert_cmpuint (report->transactions.customers, ==, 4);
  g_assert_cmpfloat_with_epsilon (report->transactions.revenue, 1601.00, 1e-9);
  /* What the page shows is what was counted. */
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Rows read"), ==, "6");
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Net revenue"), ==, "1,601.00");
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Dates"), ==, "5 Mar 2024 – 30 Apr 2024");
  save_widget_if_asked (GTK_WIDGET (wizard), "import-check.png");

  press_next (wizard);
  g_assert_true (wait_until (page_is_done, wizard));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-done.png");

  /* The new project is the window's now. */
  project = seg_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpstr (sc_project_get_path (project), ==, project_path);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 4);
  g_assert_cmpuint (sc_project_get_n_transactions (project), ==, 6);

  /* Segment Now closes the wizard and segments in the window. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.segment", NULL);
  drain_events ();
  g_assert_null (find_wizard ());

  destroy_all_windows ();
  remove_project (project_path);
}

static void
test_wizard_order_lines (void)
{
  g_autoptr(GFile) orders = data_file ("order-lines.csv");
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);
  SegImportSource *source = seg_import_wizard_get_orders (wizard);
  const ScImportReport *report;
  GtkWidget *page;
  GtkDropDown *price;
  int price_column;

  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  press_next (wizard);
  press_next (wizard);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "columns");

  /* No amount column: quantity × unit price makes the amount, and the page says so. */
  g_assert_cmpint (seg_import_source_find_choice (source, SEG_COLUMN_AMOUNT), ==, -1);
  g_assert_cmpint (seg_import_source_find_choice (source, SEG_COLUMN_QUANTITY), ==, 3);
  price_column = seg_import_source_find_choice (source, SEG_COLUMN_PRICE);
  g_assert_cmpint (price_column, ==, 5);
  g_assert_true (next_enabled (wizard));
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_containing,
                                 (gpointer) "quantity × the unit price"));

  /* Without the unit price the missing column is named, and Next waits. */
  page = find_widget (GTK_WIDGET (wizard), is_drawable_columns_page, NULL);
  g_assert_nonnull (page);
  price = seg_import_columns_page_get_dropdown (SEG_IMPORT_COLUMNS_PAGE (page), price_column);
  g_assert_nonnull (price);
  gtk_drop_down_set_selected (price, 0);
  drain_events ();
  g_assert_cmpint (seg_import_source_get_choice (source, price_column), ==, SEG_COLUMN_IGNORE);
  g_assert_false (next_enabled (wizard));
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Choose the column with the unit price"));

  /* Choosing it again from the menu puts things right. */
  gtk_drop_down_set_selected (price, 6);
  drain_events ();
  g_assert_cmpint (seg_import_source_get_choice (source, price_column), ==, SEG_COLUMN_PRICE);
  g_assert_true (next_enabled (wizard));

  /* A customer id taken by another column moves: the first column now has it. */
  seg_import_source_set_choice (source, 0, SEG_COLUMN_CUSTOMER);
  drain_events ();
  g_assert_cmpint (seg_import_source_get_choice (source, 6), ==, SEG_COLUMN_IGNORE);
  g_assert_cmpint (gtk_drop_down_get_selected (
                     seg_import_columns_page_get_dropdown (SEG_IMPORT_COLUMNS_PAGE (page), 6)),
                   ==, 0);
  seg_import_source_set_choice (source, 6, SEG_COLUMN_CUSTOMER);
  seg_import_source_set_choice (source, 0, SEG_COLUMN_ORDER);
  drain_events ();

  report = run_check (wizard);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 6);
  g_assert_cmpuint (report->transactions.customers, ==, 3);
  g_assert_cmpuint (report->transactions.returns, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->transactions.revenue, 74.20, 1e-9);
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Net revenue"), ==, "74.20");

  destroy_all_windows ();
}

static void
test_wizard_problems (void)
{
  g_autoptr(GFile) orders = data_file ("problems.csv");
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);
  const ScImportReport *report;
  g_autofree char *problems_path = NULL;
  g_autofree char *problems = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  report = run_check (wizard);

  /* Two rows without a customer id (lines 3 and 6), three without a valid date (4, 7, 9). */
  g_assert_cmpuint (report->transactions.rows_read, ==, 9);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 4);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 5);
  g_assert_cmpuint (report->rejected[SC_REJECT_CUSTOMER], ==, 2);
  g_assert_cmpuint (report->rejected[SC_REJECT_DATE], ==, 3);
  g_assert_cmpfloat_with_epsilon (report->transactions.revenue, 157.50, 1e-9);

  /* The page shows the same counts, and each problem with its line and reason. */
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Rows left out"), ==, "5");
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Customer ID missing"), ==, "2");
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Date missing or not a date"), ==, "3");
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Line 4: date “2024-02-31” is not a valid date"));
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Line 6: the customer id is missing in column "
                                            "customer_id"));
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_button_labelled,
                                 (gpointer) "_Export Rejected Rows…"));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-check-problems.png");

  /* Every problem is in the file "Export Rejected Rows…" saves. */
  problems_path = seg_import_wizard_dup_problems_path (wizard);
  g_assert_nonnull (problems_path);
  g_assert_true (g_file_get_contents (problems_path, &problems, NULL, NULL));
  lines = g_strsplit (problems, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 5 + 1);
  g_assert_cmpstr (lines[0], ==, "file,line,column,kind,reason,raw");
  g_assert_nonnull (strstr (lines[2], ",4,order_date,rejected,"));
  g_assert_true (g_str_has_suffix (lines[2], "\"O3,C2,2024-02-31,10.00\""));

  /* The temporary file goes with the wizard. */
  destroy_all_windows ();
  g_assert_false (g_file_test (problems_path, G_FILE_TEST_EXISTS));
}

static void
test_wizard_not_a_table (void)
{
  g_autoptr(GFile) pdf = data_file ("report.pdf");
  g_autofree char *empty_path = temp_path ("empty.csv");
  g_autoptr(GFile) empty = g_file_new_for_path (empty_path);
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);

  /* A PDF: named, with what to do instead, on the first page; Next stays off. */
  g_assert_false (seg_import_wizard_set_orders_file (wizard, pdf));
  drain_events ();
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_containing,
                                 (gpointer) "“report.pdf” is a PDF document, not a table."));
  g_assert_false (next_enabled (wizard));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-not-a-table.png");

  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));
  g_assert_false (seg_import_wizard_set_orders_file (wizard, empty));
  drain_events ();
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_containing,
                                 (gpointer) "“empty.csv” is empty"));
  g_assert_false (next_enabled (wizard));

  /* Binary data, and a single line far longer than any header (as a 2 GB file without
   * line breaks starts): said plainly, read no further than the start. */
  {
    g_autofree char *binary_path = temp_path ("data.bin");
    g_autofree char *line_path = temp_path ("one-line.csv");
    g_autoptr(GFile) binary = g_file_new_for_path (binary_path);
    g_autoptr(GFile) line = g_file_new_for_path (line_path);
    g_autofree char *long_line = g_strnfill (300 * 1024, 'x');
    static const char bytes[] = { 'a', 'b', 0, 1, 2, 3, 0, (char) 0xff, '\n', 'c', 0 };

    g_assert_true (g_file_set_contents (binary_path, bytes, sizeof bytes, NULL));
    g_assert_false (seg_import_wizard_set_orders_file (wizard, binary));
    drain_events ();
    g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_containing,
                                   (gpointer) "“data.bin” holds binary data"));
    g_assert_false (next_enabled (wizard));

    g_assert_true (g_file_set_contents (line_path, long_line, -1, NULL));
    g_assert_false (seg_import_wizard_set_orders_file (wizard, line));
    drain_events ();
    g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_containing,
                                   (gpointer) "this does not look like a table"));
    g_assert_false (next_enabled (wizard));
    g_unlink (binary_path);
    g_unlink (line_path);
  }

  /* A good file then clears the message. */
  {
    g_autoptr(GFile) good = data_file ("semicolon-comma.csv");

    g_assert_true (seg_import_wizard_set_orders_file (wizard, good));
    drain_events ();
    g_assert_null (find_widget (GTK_WIDGET (wizard), is_drawable_label_containing,
                                (gpointer) "is empty"));
    g_assert_true (next_enabled (wizard));
  }

  destroy_all_windows ();
  g_unlink (empty_path);
}

static void
test_wizard_customer_list (void)
{
  g_autofree char *project_path = temp_path ("Customers.segments");
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(GFile) orders = data_file ("semicolon-comma.csv");
  g_autoptr(GFile) customers = data_file ("customers.csv");
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);
  SegImportSource *list = seg_import_wizard_get_customers (wizard);
  const ScImportReport *report;
  ScProject *project;

  remove_project (project_path);
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  g_assert_true (seg_import_wizard_set_customers_file (wizard, customers));
  press_next (wizard);
  press_next (wizard);
  press_next (wizard);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "customers");

  /* Detected: the id, consent, a category and a number. */
  g_assert_cmpint (seg_import_source_get_choice (list, 0), ==, SEG_COLUMN_CUSTOMER);
  g_assert_cmpint (seg_import_source_get_choice (list, 1), ==, SEG_COLUMN_CATEGORY);
  g_assert_cmpint (seg_import_source_get_choice (list, 2), ==, SEG_COLUMN_NUMBER);
  g_assert_cmpint (seg_import_source_get_choice (list, 3), ==, SEG_COLUMN_CONSENT);

  /* K-01, K-02 and K-03 have orders; K-04 has orders but is not listed. */
  g_assert_true (wait_until (check_done, wizard));
  drain_events ();
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Customers in the list who have orders"),
                   ==, "3 of 4");
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "1 customer with orders is not in the list."));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-customers.png");

  /* Leaving out the number of employees. */
  seg_import_source_set_choice (list, 2, SEG_COLUMN_IGNORE);
  report = run_check (wizard);
  g_assert_cmpuint (report->customers.rows_accepted, ==, 4);
  g_assert_cmpuint (report->customers.unmatched, ==, 1);
  g_assert_cmpuint (report->transactions.unmatched, ==, 1);

  press_next (wizard);
  g_assert_true (wait_until (page_is_done, wizard));
  project = seg_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 5);

  /* Exactly the attribute kept; consent as the list says. */
  {
    g_autoptr(ScStore) store = sc_store_open (project_path, FALSE, NULL);
    g_autoptr(GPtrArray) attributes = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (store);
    g_assert_true (sc_store_load_attributes (store, 5, &attributes, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (attributes->len, ==, 1);
    g_assert_cmpstr (((ScAttribute *) g_ptr_array_index (attributes, 0))->name, ==, "Branche");
  }

  destroy_all_windows ();
  remove_project (project_path);
}

/* Orders that take a while to import: long enough to cancel while it runs. */
static char *
write_big_file (guint n_rows)
{
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  char *path = temp_path ("big.csv");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "O%u,C%u,2024-%02u-%02u,%u.%02u\n", i, i % 9973, 1 + i % 12,
                            1 + i % 28, 1 + i % 500, i % 100);
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

static gboolean
import_has_progressed (gpointer data)
{
  SegImportWizard *wizard = data;
  GtkWidget *label = find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                  (gpointer) "Reading orders: ");

  return label != NULL || !seg_import_wizard_is_busy (wizard);
}

static void
test_wizard_cancel_import (void)
{
  g_autofree char *project_path = temp_path ("Cancel.segments");
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(GFile) small = data_file ("semicolon-comma.csv");
  gboolean screenshots = g_getenv ("SEGMENTS_SCREENSHOT_DIR") != NULL;
  guint n_rows = screenshots ? 4000000 : 400000;
  g_autofree char *big_path = write_big_file (n_rows);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  SegWindow *window = new_window ();
  SegImportWizard *wizard;
  ScProject *project;

  /* A project with six orders in it. */
  remove_project (project_path);
  wizard = open_wizard (window);
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, small));
  run_check (wizard);
  press_next (wizard);
  g_assert_true (wait_until (page_is_done, wizard));
  gtk_window_close (GTK_WINDOW (wizard));
  drain_events ();
  project = seg_window_get_project (window);
  g_assert_cmpuint (sc_project_get_n_transactions (project), ==, 6);

  /* Adding a big file, cancelled while it runs: the project stays as it was.  The import
   * reads 400,000 rows in a fraction of a second, so Cancel follows Import at once; with
   * screenshots asked for, the file is big enough to show the progress first. */
  wizard = open_wizard (window);
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Add to “Cancel”"));
  g_assert_true (seg_import_wizard_set_orders_file (wizard, big));
  run_check (wizard);
  g_assert_cmpuint (seg_import_wizard_get_check_report (wizard)->transactions.rows_accepted,
                    ==, n_rows);
  g_assert_true (next_enabled (wizard));
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "import");
  g_assert_true (seg_import_wizard_is_busy (wizard));
  if (screenshots)
    {
      g_assert_true (wait_until (import_has_progressed, wizard));
      save_widget_if_asked (GTK_WIDGET (wizard), "import-progress.png");
    }
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.cancel", NULL);
  g_assert_true (wait_until (page_is_check_and_idle, wizard));
  g_assert_null (seg_import_wizard_get_import_report (wizard));
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Import cancelled"));

  g_assert_true (seg_window_get_project (window) == project);
  g_assert_cmpuint (sc_project_get_n_transactions (project), ==, 6);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 4);
  {
    g_autoptr(ScProject) reopened = sc_project_open (project_path, FALSE, NULL);

    g_assert_nonnull (reopened);
    g_assert_cmpuint (sc_project_get_n_transactions (reopened), ==, 6);
  }

  destroy_all_windows ();
  remove_project (project_path);
  g_unlink (big_path);
}

static void
test_wizard_cancel_new_project (void)
{
  g_autofree char *project_path = temp_path ("Cancelled New.segments");
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autofree char *big_path = write_big_file (200000);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);

  remove_project (project_path);
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, big));
  run_check (wizard);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  g_assert_true (seg_import_wizard_is_busy (wizard));
  g_assert_true (g_file_test (project_path, G_FILE_TEST_IS_REGULAR));

  /* Closing the wizard (Escape) cancels; the project file made for the import goes. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "window.close", NULL);
  g_object_add_weak_pointer (G_OBJECT (wizard), (gpointer *) &wizard);
  while (wizard != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (g_file_test (project_path, G_FILE_TEST_EXISTS));
  g_assert_null (seg_window_get_project (window));
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "empty");

  destroy_all_windows ();
  g_unlink (big_path);
}

/* Issue 21: the wizard's first import of a new project takes the write-once way (no
 * #ScProject of the file is open during it, the window opens it after); adding a file to
 * the project the window then holds open keeps the usual way, through the WAL. */
static void
test_wizard_new_project_written_once (void)
{
  g_autofree char *project_path = temp_path ("Written Once.segments");
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(GFile) orders = data_file ("semicolon-comma.csv");
  g_autofree char *more_path = temp_path ("written-once-more.csv");
  g_autoptr(GFile) more = g_file_new_for_path (more_path);
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);
  ScProject *project;
  int written_once = 0;
  guint handler = g_log_set_handler ("Sc", G_LOG_LEVEL_DEBUG, count_written_once,
                                     &written_once);

  g_assert_true (g_file_set_contents (more_path,
                                      "Bestellnummer;Kundennummer;Bestelldatum;Betrag\n"
                                      "B-2001;K-01;02.04.2024;15,00\n"
                                      "B-2002;K-09;03.04.2024;7,50\n", -1, NULL));
  remove_project (project_path);
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  run_check (wizard);
  press_next (wizard);
  g_assert_true (wait_until (page_is_done, wizard));
  g_assert_cmpint (g_atomic_int_get (&written_once), ==, 1);
  /* The window opened the new project, in WAL mode again, with the rows in the file. */
  WAIT_FOR (seg_window_get_project (window) != NULL);
  project = seg_window_get_project (window);
  g_assert_cmpstr (sc_project_get_path (project), ==, project_path);
  g_assert_cmpuint (sc_project_get_n_transactions (project), ==, 6);
  {
    g_autofree char *journal = g_strconcat (project_path, "-journal", NULL);

    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  }
  gtk_window_close (GTK_WINDOW (wizard));
  drain_events ();

  /* Into the project the window shows: its connections stay open, the import takes the
   * usual way. */
  wizard = open_wizard (window);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, more));
  run_check (wizard);
  press_next (wizard);
  g_assert_true (wait_until (page_is_done, wizard));
  g_assert_cmpint (g_atomic_int_get (&written_once), ==, 1);
  g_assert_true (seg_window_get_project (window) == project);
  g_assert_cmpuint (sc_project_get_n_transactions (project), ==, 8);

  g_log_remove_handler ("Sc", handler);
  destroy_all_windows ();
  remove_project (project_path);
  g_unlink (more_path);
}

/* The wizard shows a recent file named "order-lines.csv" (the list is read in the
 * background: waited for). */
static gboolean
shows_recent_order_lines (gpointer wizard)
{
  return find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                      (gpointer) "order-lines.csv") != NULL;
}

static void
test_wizard_remembers_layout (void)
{
  g_autofree char *project_path = temp_path ("Remember.segments");
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(GFile) orders = data_file ("order-lines.csv");
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);
  SegImportSource *source = seg_import_wizard_get_orders (wizard);

  remove_project (project_path);
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  g_assert_false (seg_import_source_get_recalled (source));
  /* Country kept as a customer attribute; the description column stays ignored. */
  g_assert_cmpint (seg_import_source_get_choice (source, 7), ==, SEG_COLUMN_IGNORE);
  seg_import_source_set_choice (source, 7, SEG_COLUMN_CATEGORY);
  run_check (wizard);
  press_next (wizard);
  g_assert_true (wait_until (page_is_done, wizard));
  gtk_window_close (GTK_WINDOW (wizard));
  drain_events ();

  /* The imported file is offered as a recent file... */
  wizard = open_wizard (window);
  g_assert_true (wait_until (shows_recent_order_lines, wizard));

  /* ...and the next file with this header starts with those choices, and says so. */
  source = seg_import_wizard_get_orders (wizard);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  g_assert_true (seg_import_source_get_recalled (source));
  g_assert_cmpint (seg_import_source_get_choice (source, 7), ==, SEG_COLUMN_CATEGORY);
  press_next (wizard);
  press_next (wizard);
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "The choices from your last import"));

  /* Detect Again drops them. */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (wizard), is_drawable_button_labelled,
                                      (gpointer) "_Detect Again"), "clicked");
  drain_events ();
  g_assert_false (seg_import_source_get_recalled (source));
  g_assert_cmpint (seg_import_source_get_choice (source, 7), ==, SEG_COLUMN_IGNORE);

  /* Back on the files page, imports now go to the project the first one made. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.back", NULL);
  drain_events ();
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Add to “Remember”"));

  destroy_all_windows ();
  remove_project (project_path);
}

static void
test_wizard_recent_files (void)
{
  g_autoptr(GFile) imported = data_file ("order-lines.csv");
  g_autofree char *uri = g_file_get_uri (imported);
  char *groups[] = { (char *) "segments-import", NULL };
  GtkRecentData recent = {
    NULL, NULL, (char *) "text/csv", (char *) "Segments", (char *) "segments %u", groups, FALSE
  };
  SegWindow *window;
  SegImportWizard *wizard;
  GtkWidget *label;
  GtkWidget *row;

  /* A file imported before (as a successful import records it) is offered; choosing it
   * uses it as the orders file. */
  g_assert_true (gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &recent));
  window = new_window ();
  wizard = open_wizard (window);
  label = find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                       (gpointer) "order-lines.csv");
  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  drain_events ();
  g_assert_nonnull (seg_import_source_get_file (seg_import_wizard_get_orders (wizard)));
  g_assert_true (next_enabled (wizard));

  destroy_all_windows ();
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static void
test_wizard_drop_on_window (void)
{
  g_autoptr(GFile) orders = data_file ("semicolon-comma.csv");
  g_autoptr(GFile) customers = data_file ("customers.csv");
  SegWindow *window = new_window ();
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  g_autoptr(GSList) files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  SegImportWizard *wizard;

  g_assert_nonnull (target);
  g_assert_true (g_type_is_a (GDK_TYPE_FILE_LIST,
                              gtk_drop_target_get_gtypes (target, NULL)[0]));

  /* Two files dropped, the customer list first: each goes where it belongs. */
  files = g_slist_append (files, customers);
  files = g_slist_append (files, orders);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  g_assert_true (wait_until (has_wizard, NULL));
  wizard = find_wizard ();
  g_assert_true (g_file_equal (seg_import_source_get_file (seg_import_wizard_get_orders (wizard)),
                               orders));
  g_assert_true (g_file_equal (seg_import_source_get_file (seg_import_wizard_get_customers (wizard)),
                               customers));
  g_assert_true (next_enabled (wizard));

  destroy_all_windows ();
}

static void
test_wizard_keyboard_and_names (void)
{
  g_autoptr(GFile) orders = data_file ("order-lines.csv");
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);
  GtkWidget *page;

  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  press_next (wizard);
  press_next (wizard);

  /* Every role menu has a name that says which column it sets. */
  page = find_widget (GTK_WIDGET (wizard), is_drawable_columns_page, NULL);
  for (guint i = 0; i < 8; i++)
    {
      GtkDropDown *dropdown =
        seg_import_columns_page_get_dropdown (SEG_IMPORT_COLUMNS_PAGE (page), i);
      g_autofree char *expected =
        g_strdup_printf ("Use of column “%s”",
                         seg_import_source_get_column_name (seg_import_wizard_get_orders (wizard),
                                                            i));

      g_assert_nonnull (dropdown);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)), ==, expected);
      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (dropdown)) ||
                     gtk_widget_get_first_child (GTK_WIDGET (dropdown)) != NULL);
    }
  g_assert_nonnull (find_widget (page, is_drawable_drop_down, NULL));

  /* Back goes back a page, and Ctrl+Page Up is bound to it. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.back", NULL);
  drain_events ();
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "format");

  destroy_all_windows ();
}

static gboolean
is_drawable_combo_row_titled (GtkWidget *widget,
                              gpointer   data)
{
  return ADW_IS_COMBO_ROW (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* A fixed-width export, its header spaced differently from its rows (written here). */
static char *
write_spaced_orders (guint   *n_rows,
                     guint   *n_customers,
                     double  *revenue)
{
  g_autofree char *path = temp_path ("spaced-orders.txt");
  g_autoptr(GString) text = g_string_new (" customer_id  date number_of_cds dollar_value\n");

  *n_rows = 0;
  *revenue = 0;
  *n_customers = 25;
  for (guint c = 1; c <= *n_customers; c++)
    for (guint k = 0; k <= c % 3; k++)
      {
        guint cents = 500 + 137 * c + 61 * k;

        g_string_append_printf (text, " %05u 1997%02u%02u %2u %7u.%02u\n", c, 1 + (c + k) % 12,
                                1 + (3 * c + 7 * k) % 28, 1 + k, cents / 100, cents % 100);
        *revenue += cents / 100.0;
        (*n_rows)++;
      }
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return g_steal_pointer (&path);
}

static void
test_wizard_whitespace_file (void)
{
  g_autofree char *project_path = temp_path ("Spaced.segments");
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autofree char *orders_path = NULL;
  g_autoptr(GFile) orders = NULL;
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);
  SegImportSource *source = seg_import_wizard_get_orders (wizard);
  const ScImportPreview *preview;
  const ScImportReport *report;
  GtkWidget *view;
  GtkWidget *row;
  GListModel *items;
  ScProject *project;
  g_autofree char *date = NULL;
  guint n_rows, n_customers;
  double revenue;
  gboolean valid;

  orders_path = write_spaced_orders (&n_rows, &n_customers, &revenue);
  orders = g_file_new_for_path (orders_path);
  remove_project (project_path);
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  drain_events ();

  /* Sniffed as separated by any run of blanks, and said so. */
  press_next (wizard);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "format");
  preview = seg_import_source_get_preview (source);
  g_assert_nonnull (preview);
  g_assert_cmpint (preview->dialect.delimiter, ==, SC_CSV_WHITESPACE);
  g_assert_true (preview->dialect.has_header);
  g_assert_cmpuint (preview->n_columns, ==, 4);
  g_assert_cmpstr (preview->header[0], ==, "customer_id");
  g_assert_cmpstr (preview->header[1], ==, "date");
  g_assert_cmpstr (preview->header[3], ==, "dollar_value");
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Automatic (spaces or tabs)"));
  view = find_widget (GTK_WIDGET (wizard), is_drawable_column_view, NULL);
  g_assert_nonnull (view);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view))),
                    ==, 5);
  WAIT_FOR (find_widget (view, is_drawable_label_starting, (gpointer) "00001") != NULL);
  date = seg_import_source_format_cell (source, 0, 1, &valid);
  g_assert_true (valid);
  g_assert_cmpstr (date, ==, "4 Feb 1997");

  /* The separator menu offers it by name; choosing it reads the file the same way. */
  row = find_widget (GTK_WIDGET (wizard), is_drawable_combo_row_titled,
                     (gpointer) "_Column Separator");
  g_assert_nonnull (row);
  items = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items),
                                               g_list_model_get_n_items (items) - 1),
                   ==, "Spaces or Tabs (Any Number)");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), g_list_model_get_n_items (items) - 1);
  drain_events ();
  {
    ScImportFormat format;

    seg_import_source_get_format (source, &format);
    g_assert_cmpint (format.delimiter, ==, SC_CSV_WHITESPACE);
  }
  preview = seg_import_source_get_preview (source);
  g_assert_nonnull (preview);
  g_assert_cmpuint (preview->n_columns, ==, 4);

  press_next (wizard);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "columns");
  g_assert_true (next_enabled (wizard));

  report = run_check (wizard);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->transactions.rows_read, ==, n_rows);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, n_rows);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 0);
  g_assert_cmpuint (report->transactions.customers, ==, n_customers);
  g_assert_cmpfloat_with_epsilon (report->transactions.revenue, revenue, 1e-6);

  press_next (wizard);
  g_assert_true (wait_until (page_is_done, wizard));
  project = seg_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, n_customers);
  g_assert_cmpuint (sc_project_get_n_transactions (project), ==, n_rows);

  destroy_all_windows ();
  remove_project (project_path);
  g_unlink (orders_path);
}

static gboolean
is_drawable_entry_with_placeholder (GtkWidget *widget,
                                    gpointer   data)
{
  return GTK_IS_ENTRY (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), data) == 0;
}

/* An order dated 1960 is left out as implausible; widening the range on the check page
 * checks again, and the import takes the row. */
static void
test_wizard_plausible_range (void)
{
  g_autofree char *project_path = temp_path ("Range.segments");
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(GFile) orders = data_file ("old-orders.csv");
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);
  const ScImportReport *report;
  GtkWidget *earliest;
  ScProject *project;

  remove_project (project_path);
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  report = run_check (wizard);
  g_assert_cmpuint (report->transactions.rows_read, ==, 4);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 3);
  g_assert_cmpuint (report->rejected[SC_REJECT_IMPLAUSIBLE], ==, 1);
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Date or amount outside the plausible range"),
                   ==, "1");
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Plausible Range"));

  /* The range shows its defaults as placeholders. */
  earliest = find_widget (GTK_WIDGET (wizard), is_drawable_entry_with_placeholder,
                          (gpointer) "1970-01-01");
  g_assert_nonnull (earliest);
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_entry_with_placeholder,
                                 (gpointer) "1000000000000"));
  /* The group is below the problems: scroll there for the picture. */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (earliest, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj;

    g_assert_nonnull (scrolled);
    adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    settle (GTK_WIDGET (wizard));
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) -
                                   gtk_adjustment_get_page_size (adj));
    drain_events ();
  }
  save_widget_if_asked (GTK_WIDGET (wizard), "import-check-range.png");

  /* Text that is not a date is marked and changes nothing: the check stays current. */
  gtk_editable_set_text (GTK_EDITABLE (earliest), "1950-13-01");
  drain_events ();
  g_assert_true (gtk_widget_has_css_class (earliest, "error"));
  g_assert_true (seg_import_wizard_get_check_report (wizard) == report);

  /* A range that would end before it begins is marked too and changes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (earliest), "2200-01-01");
  drain_events ();
  g_assert_true (gtk_widget_has_css_class (earliest, "error"));
  g_assert_true (seg_import_wizard_get_check_report (wizard) == report);

  /* A real date checks again, and the 1960 order is in. */
  gtk_editable_set_text (GTK_EDITABLE (earliest), "1950-01-01");
  drain_events ();
  g_assert_false (gtk_widget_has_css_class (earliest, "error"));
  g_assert_true (wait_until (check_done, wizard));
  drain_events ();
  report = seg_import_wizard_get_check_report (wizard);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 4);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 0);
  g_assert_cmpuint (report->rejected[SC_REJECT_IMPLAUSIBLE], ==, 0);
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Rows to import"), ==, "4");
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Dates"), ==, "1 May 1960 – 3 Feb 2024");
  /* The changed range stays in view. */
  g_assert_true (gtk_widget_is_drawable (earliest));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-check-range-widened.png");

  /* The import applies the same range. */
  press_next (wizard);
  g_assert_true (wait_until (page_is_done, wizard));
  project = seg_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpuint (sc_project_get_n_transactions (project), ==, 4);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 3);

  destroy_all_windows ();
  remove_project (project_path);
}

static gboolean
is_drawable_switch (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_SWITCH (widget) && gtk_widget_is_drawable (widget);
}

/* Inside an expander that may still be opening. */
static gboolean
is_entry_with_placeholder (GtkWidget *widget,
                           gpointer   data)
{
  return GTK_IS_ENTRY (widget) &&
         g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), data) == 0;
}

static gboolean
is_drawable_expander_titled (GtkWidget *widget,
                             gpointer   data)
{
  return ADW_IS_EXPANDER_ROW (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* A Shopify orders export (issue 20): the check says what it recognised, the switch reads
 * it as a plain table instead, as before, and fill-down and statuses typed on the check page
 * do by hand what recognition did. */
static void
test_wizard_export_shape (void)
{
  g_autofree char *project_path = temp_path ("Shop.segments");
  g_autofree char *orders_path = g_build_filename (TEST_DATA_DIR, "sources",
                                                   "shopify-orders.csv", NULL);
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(GFile) orders = g_file_new_for_path (orders_path);
  SegWindow *window = new_window ();
  SegImportWizard *wizard = open_wizard (window);
  const ScImportReport *report;
  GtkWidget *sw, *lines, *fill, *statuses;
  ScProject *project;
  g_autoptr(GArray) excluded = NULL;

  remove_project (project_path);
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  report = run_check (wizard);
  g_assert_nonnull (report->orders_shape);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 0);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 7);
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Shopify orders export: 10 orders, 16 lines, 3 "
                                            "orders left out"));
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Line items"), ==, "6");
  g_assert_cmpstr (row_value (GTK_WIDGET (wizard), "Orders left out: voided"), ==, "1");
  /* The check page's switch: the columns page has one too (a project-wide margin). */
  sw = find_widget (find_widget (GTK_WIDGET (wizard), is_of_type,
                                 GSIZE_TO_POINTER (SEG_TYPE_IMPORT_CHECK_PAGE)),
                    is_drawable_switch, NULL);
  g_assert_nonnull (sw);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-check-shape.png");

  /* Off: the plain reading, the further lines of orders rejected for their missing e-mail. */
  gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
  drain_events ();
  g_assert_true (wait_until (check_done, wizard));
  drain_events ();
  report = seg_import_wizard_get_check_report (wizard);
  g_assert_null (report->orders_shape);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 6);
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                 (gpointer) "Off: the files are read as plain tables"));

  /* The same mechanisms by hand: fill the e-mail and the total down each order and count
   * only paid orders; the further lines are line items again. */
  lines = find_widget (GTK_WIDGET (wizard), is_drawable_expander_titled,
                       (gpointer) "Order Lines and Statuses");
  g_assert_nonnull (lines);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (lines), TRUE);
  drain_events ();
  fill = find_widget (lines, is_entry_with_placeholder, (gpointer) "Email, Total");
  statuses = find_widget (lines, is_entry_with_placeholder, (gpointer) "paid, partially_refunded");
  g_assert_nonnull (fill);
  g_assert_nonnull (statuses);
  gtk_editable_set_text (GTK_EDITABLE (fill), "Email, Total");
  gtk_editable_set_text (GTK_EDITABLE (statuses), " paid ,");
  drain_events ();
  g_assert_true (wait_until (check_done, wizard));
  drain_events ();
  report = seg_import_wizard_get_check_report (wizard);
  g_assert_null (report->orders_shape);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 0);
  g_assert_cmpuint (report->line_items, ==, 6);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 6);   /* paid only */
  gtk_editable_set_text (GTK_EDITABLE (fill), "");
  gtk_editable_set_text (GTK_EDITABLE (statuses), "");
  drain_events ();
  g_assert_true (wait_until (check_done, wizard));

  /* On again, and imported as recognised. */
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  drain_events ();
  g_assert_true (wait_until (check_done, wizard));
  drain_events ();
  g_assert_nonnull (seg_import_wizard_get_check_report (wizard)->orders_shape);
  press_next (wizard);
  g_assert_true (wait_until (page_is_done, wizard));
  project = seg_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpuint (sc_project_get_n_transactions (project), ==, 7);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 5);
  excluded = sc_project_list_exclusions (project, NULL);
  g_assert_nonnull (excluded);
  g_assert_cmpuint (excluded->len, ==, 3);

  destroy_all_windows ();
  remove_project (project_path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-wizard-XXXXXX",
                       "io.github.segments.Segments.WizardTest", G_APPLICATION_DEFAULT_FLAGS, &tmp);

  g_test_add_func ("/Ui/Wizard/opens", test_wizard_opens);
  g_test_add_func ("/Ui/Wizard/semicolon-decimal-comma", test_wizard_semicolon_decimal_comma);
  g_test_add_func ("/Ui/Wizard/order-lines", test_wizard_order_lines);
  g_test_add_func ("/Ui/Wizard/problems", test_wizard_problems);
  g_test_add_func ("/Ui/Wizard/not-a-table", test_wizard_not_a_table);
  g_test_add_func ("/Ui/Wizard/customer-list", test_wizard_customer_list);
  g_test_add_func ("/Ui/Wizard/cancel-import", test_wizard_cancel_import);
  g_test_add_func ("/Ui/Wizard/cancel-new-project", test_wizard_cancel_new_project);
  g_test_add_func ("/Ui/Wizard/new-project-written-once",
                   test_wizard_new_project_written_once);
  g_test_add_func ("/Ui/Wizard/remembers-layout", test_wizard_remembers_layout);
  g_test_add_func ("/Ui/Wizard/recent-files", test_wizard_recent_files);
  g_test_add_func ("/Ui/Wizard/drop-on-window", test_wizard_drop_on_window);
  g_test_add_func ("/Ui/Wizard/keyboard-and-names", test_wizard_keyboard_and_names);
  g_test_add_func ("/Ui/Wizard/whitespace-file", test_wizard_whitespace_file);
  g_test_add_func ("/Ui/Wizard/plausible-range", test_wizard_plausible_range);
  g_test_add_func ("/Ui/Wizard/export-shape", test_wizard_export_shape);

  ret = g_test_run ();

  ui_test_stop (&app);
  test_remove_tree (tmp);

  return ret;
}
