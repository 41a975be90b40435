/* seg-import-check-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The import wizard's check page: a dry run of the import over the whole files (no store),
 * and its summary.  The wizard hands over the ScImportOptions of the coming import; the page
 * runs sc_import() on them in a thread, streaming every problem into a temporary CSV file that
 * "Export Rejected Rows…" copies, and shows what the import would read, keep and leave out.
 *
 * Results are tied to a generation: the wizard calls seg_import_check_page_invalidate() for
 * every change of the files or choices, and a result is current only while no change came
 * since the check started.  Only the last check counts (a serial number tells); the callback
 * holds the page, not the task, and a page disposed meanwhile just deletes the file.
 *
 * The page also holds the plausible range of the import (earliest and latest order date,
 * largest amount), shown once a check left rows out for it (or once changed): a change
 * emits ::bounds-changed, and the wizard puts the range into its options and checks again.
 * The switch that turns the recognition of export shapes off (Shopify, Stripe, …) is held
 * and handed over the same way; it shows once a check recognised a shape, or while off. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "sc-job.h"
#include "sc-value.h"
#include "seg-format.h"
#include "seg-import-check-page.h"
#include "seg-import-check-private.h"
#include "seg-widget-util.h"

#define EXAMPLES_PER_KIND 5

struct _SegImportCheckPage
{
  AdwBin                parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *running_box;
  GtkProgressBar       *progress;
  GtkWidget            *error_box;
  GtkLabel             *error_label;
  GtkBox               *check_results;
  GtkWidget            *export_button;
  GtkWidget            *bounds_group;
  GtkEditable          *min_entry;
  GtkEditable          *max_entry;
  GtkEditable          *amount_entry;
  GtkWidget            *shape_group;
  AdwActionRow         *shape_row;
  GtkSwitch            *shape_switch;
  GtkEditable          *fill_entry;
  GtkEditable          *status_entry;

  /* the plausible range; 0 for the defaults */
  ScDay                 min_day;
  ScDay                 max_day;
  double                max_amount;
  gboolean              generic;         /* recognition of export shapes switched off */
  char                **fill_down;       /* columns to fill down, or NULL */
  char                **count_status;    /* statuses that count, or NULL */

  guint                 generation;      /* bumped by every change of the files or choices */
  ScProject            *project;      /* the import adds to it, or NULL */

  guint                 check_serial;
  gboolean              checking;
  GCancellable         *check_cancellable;
  ScJob                *check_job;
  GBinding             *check_binding[2];
  guint                 check_generation;
  ScImportReport       *check_report;
  GPtrArray            *check_examples;
  GError               *check_failure;
  char                 *problems_path;
  char                 *orders_path;
  guint64               n_problems;

  gboolean              disposed;
};

enum {
  CHANGED,
  BOUNDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SegImportCheckPage, seg_import_check_page, ADW_TYPE_BIN)

static void update (SegImportCheckPage *self);

typedef struct
{
  char    *path;
  guint64  line;
  char    *kind;
  char    *reason;
} CheckExample;

static void
show_toast (SegImportCheckPage *self,
            const char         *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
show_error (SegImportCheckPage *self,
            const char         *heading,
            const char         *message)
{
  GtkWindow *window = seg_widget_get_window (GTK_WIDGET (self));

  if (!self->disposed && window != NULL)
    seg_show_error_dialog (window, heading, message);
}

static void
check_example_free (CheckExample *example)
{
  g_free (example->path);
  g_free (example->kind);
  g_free (example->reason);
  g_free (example);
}

/* ------------------------------------------------------------------------------------------ */
/* The check                                                                                  */

typedef struct
{
  ScImportOptions  options;
  ScProject       *project;
  ScJob           *job;
  guint            serial;
  guint            generation;
  char            *problems_path;
  FILE            *fp;
  GString         *buf;
  int              write_errno;
  GPtrArray       *examples;
  GHashTable      *example_counts;
  guint64          n_problems;
  ScImportReport  *report;
} CheckData;

static void
check_data_free (CheckData *data)
{
  sc_import_options_clear (&data->options);
  g_clear_object (&data->project);
  g_clear_object (&data->job);
  g_free (data->problems_path);
  if (data->fp != NULL)
    fclose (data->fp);
  if (data->buf != NULL)
    g_string_free (data->buf, TRUE);
  g_clear_pointer (&data->examples, g_ptr_array_unref);
  g_clear_pointer (&data->example_counts, g_hash_table_unref);
  g_clear_pointer (&data->report, sc_import_report_free);
  g_free (data);
}

static void
flush_problems (CheckData *data)
{
  if (data->buf->len > 0 && data->write_errno == 0 &&
      fwrite (data->buf->str, 1, data->buf->len, data->fp) != data->buf->len)
    data->write_errno = errno != 0 ? errno : EIO;
  g_string_truncate (data->buf, 0);
}

/* Runs in the check's thread. */
static void
check_problem (const char            *path,
               const ScImportProblem *problem,
               gpointer               user_data)
{
  CheckData *data = user_data;
  g_autofree char *key = g_strconcat (path, "\n", problem->kind, NULL);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (data->example_counts, key));

  data->n_problems++;
  sc_import_problem_append_csv (data->buf, path, problem);
  if (data->buf->len >= 64 * 1024)
    flush_problems (data);

  if (count < EXAMPLES_PER_KIND)
    {
      CheckExample *example = g_new0 (CheckExample, 1);

      example->path = g_strdup (path);
      example->line = problem->line;
      example->kind = g_strdup (problem->kind);
      example->reason = g_strdup (problem->reason);
      g_ptr_array_add (data->examples, example);
      g_hash_table_insert (data->example_counts, g_steal_pointer (&key),
                           GUINT_TO_POINTER (count + 1));
    }
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  GError *error = NULL;

  data->fp = g_fopen (data->problems_path, "wb");
  if (data->fp == NULL)
    {
      int saved = errno;

      g_task_return_new_error (task, G_FILE_ERROR, g_file_error_from_errno (saved),
                               _("Could not write the list of problems: %s"),
                               g_strerror (saved));
      return;
    }
  data->buf = g_string_new (SC_IMPORT_PROBLEMS_CSV_HEADER);
  data->options.problem_func = check_problem;
  data->options.problem_data = data;

  /* Against the project: only rows and customers it does not hold yet count as new. */
  data->report = data->project != NULL
                 ? sc_project_check_import (data->project, &data->options, data->job,
                                            cancellable, &error)
                 : sc_import (NULL, &data->options, sc_job_progress_func, data->job,
                              cancellable, &error);
  flush_problems (data);
  if (fclose (data->fp) != 0 && data->write_errno == 0)
    data->write_errno = errno;
  data->fp = NULL;

  if (data->report == NULL)
    g_task_return_error (task, error);
  else if (data->write_errno != 0)
    g_task_return_new_error (task, G_FILE_ERROR, g_file_error_from_errno (data->write_errno),
                             _("Could not write the list of problems: %s"),
                             g_strerror (data->write_errno));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_check_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SegImportCheckPage) self = user_data;
  CheckData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Only the last check counts; the file of any other is not needed. */
  if (data->serial != self->check_serial || self->disposed)
    {
      g_unlink (data->problems_path);
      return;
    }

  seg_job_progress_unbind (self->check_binding);
  g_clear_object (&self->check_job);
  g_clear_object (&self->check_cancellable);
  self->checking = FALSE;

  g_clear_pointer (&self->check_report, sc_import_report_free);
  g_clear_pointer (&self->check_examples, g_ptr_array_unref);
  g_clear_error (&self->check_failure);
  if (self->problems_path != NULL)
    g_unlink (self->problems_path);
  g_clear_pointer (&self->problems_path, g_free);
  self->n_problems = 0;

  if (ok)
    {
      self->check_report = g_steal_pointer (&data->report);
      self->check_examples = g_steal_pointer (&data->examples);
      self->problems_path = g_steal_pointer (&data->problems_path);
      self->n_problems = data->n_problems;
      self->check_generation = data->generation;
      g_free (self->orders_path);
      self->orders_path = g_steal_pointer (&data->options.transactions_path);
    }
  else
    {
      g_unlink (data->problems_path);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (&self->check_failure, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The check was stopped. Check again to import."));
      else
        self->check_failure = g_steal_pointer (&error);
      self->check_generation = data->generation;
    }

  update (self);
}

/* Showing the check                                                                          */

static AdwPreferencesGroup *
new_group (SegImportCheckPage *self,
           const char      *title,
           const char      *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->check_results, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* The group of one file: its name after @label, how it was read, and how many rows. */
static AdwPreferencesGroup *
new_record_group (SegImportCheckPage   *self,
                  const char           *label,
                  const ScImportRecord *record)
{
  g_autofree char *base = g_filename_display_basename (record->path);
  /* Translators: %s says how a file was read: delimiter, encoding, columns */
  g_autofree char *settings = record->settings != NULL
                              ? g_strdup_printf (_("Read as %s."), record->settings) : NULL;
  /* The file's name goes under the title, where it wraps: a group's title is one line,
   * ellipsized in a narrow window.  The description is markup: names may hold "&" or "<". */
  g_autofree char *description = settings != NULL
                                 ? g_markup_printf_escaped ("%s\n%s", base, settings)
                                 : g_markup_escape_text (base, -1);
  AdwPreferencesGroup *group = new_group (self, label, description);

  _seg_check_count_row (group, _("Rows read"), record->rows_read, NULL);
  return group;
}

/* The further lines of orders and the orders left out by status, refund or currency. */
static void
show_exclusions (AdwPreferencesGroup  *group,
                 const ScImportReport *report)
{
  if (report->line_items > 0)
    _seg_check_count_row (group, _("Line items"), report->line_items,
                          _("Further lines of orders: part of their order, not rows of their own."));
  for (guint i = 0; report->excluded != NULL && i < report->excluded->len; i++)
    {
      const ScImportExclusion *e = &g_array_index (report->excluded, ScImportExclusion, i);
      g_autofree char *revenue = g_strdup_printf ("%'.2f", e->revenue);
      /* Translators: a row title: "Orders left out: refunded" */
      g_autofree char *title = g_strdup_printf (_("Orders left out: %s"), e->reason);
      /* Translators: the amount of the orders left out, before refunds */
      g_autofree char *subtitle = g_strdup_printf (_("Amounting to %s"), revenue);

      _seg_check_count_row (group, title, e->orders, subtitle);
    }
}

/* A comma-separated list as typed, blanks around each item dropped; NULL when empty. */
static char **
split_list (GtkEditable *entry)
{
  g_auto(GStrv) items = g_strsplit (gtk_editable_get_text (entry), ",", -1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; items[i] != NULL; i++)
    if (*g_strstrip (items[i]) != '\0')
      {
        g_strv_builder_add (b, items[i]);
        n++;
      }
  return n > 0 ? g_strv_builder_end (b) : NULL;
}

static gboolean
same_list (char **a,
           char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static void
on_lines_changed (SegImportCheckPage *self)
{
  g_auto(GStrv) fill = split_list (self->fill_entry);
  g_auto(GStrv) status = split_list (self->status_entry);

  if (same_list (fill, self->fill_down) && same_list (status, self->count_status))
    return;
  g_strfreev (self->fill_down);
  g_strfreev (self->count_status);
  self->fill_down = g_steal_pointer (&fill);
  self->count_status = g_steal_pointer (&status);
  if (!self->disposed)
    g_signal_emit (self, signals[BOUNDS_CHANGED], 0);
}

/* What was recognised, and the switch to read the files as plain tables instead. */
static void
show_shape (SegImportCheckPage   *self,
            const ScImportReport *report)
{
  g_autofree char *orders = report != NULL ? sc_import_report_describe_shape (report) : NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (self->generic)
    g_string_append (subtitle, _("Off: the files are read as plain tables, every line an "
                                 "order line and every status counted."));
  if (orders != NULL)
    g_string_append (subtitle, orders);
  if (report != NULL && report->customers_shape != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? "\n" : "",
                            sc_source_shape_get_label (report->customers_shape));
  if (subtitle->len == 0)
    g_string_append (subtitle, _("No export of a shop, payment or CRM system recognised: "
                                 "read as a plain table."));
  adw_action_row_set_subtitle (self->shape_row, subtitle->str);
  gtk_widget_set_visible (self->shape_group, report != NULL || self->check_failure != NULL);
}

static void
on_shape_switch (SegImportCheckPage *self)
{
  gboolean generic = !gtk_switch_get_active (self->shape_switch);

  if (generic == self->generic)
    return;
  self->generic = generic;
  if (!self->disposed)
    g_signal_emit (self, signals[BOUNDS_CHANGED], 0);
}

static void
show_orders (SegImportCheckPage   *self,
             const ScImportReport *report)
{
  const ScImportRecord *r = &report->transactions;
  AdwPreferencesGroup *group = new_record_group (self, _("Orders"), r);

  _seg_check_count_row (group, _("Rows to import"), r->rows_accepted, NULL);
  _seg_check_count_row (group, _("Rows left out"), r->rows_rejected,
                        r->rows_rejected > 0 ? _("The reasons and the first examples are below.")
                                             : NULL);
  if (r->already_present > 0)
    _seg_check_count_row (group, _("Rows in the project already"), r->already_present,
                          _("An earlier import brought them: they are not imported again."));
  if (r->duplicate_rows > 0)
    _seg_check_count_row (group, _("Exact copies of earlier rows"), r->duplicate_rows,
                          _("Imported once: double exports are more common than identical orders."));
  if (r->duplicate_order_ids > 0)
    _seg_check_count_row (group, _("Order IDs used for another customer"), r->duplicate_order_ids,
                          _("These rows are imported all the same."));
  _seg_check_count_row (group, _("Returns (negative amounts)"), r->returns, NULL);
  {
    g_autofree char *new_customers = seg_format_count (r->new_customers);
    /* Translators: %s is a number of customers */
    g_autofree char *subtitle = self->project != NULL
                                ? g_strdup_printf (_("%s not in the project yet"), new_customers)
                                : NULL;

    _seg_check_count_row (group, _("Customers"), r->customers, subtitle);
  }
  if (r->rows_accepted > 0)
    {
      g_autofree char *period = seg_format_period (r->first_day, r->last_day);

      _seg_check_value_row (group, _("Dates"), period, NULL);
    }
  {
    g_autofree char *revenue = seg_format_number (r->revenue, 2);

    _seg_check_value_row (group, _("Net revenue"), revenue, _("Amounts less returns"));
  }
  show_exclusions (group, report);
  _seg_check_note_rows (group, r->notes);
}

static void
show_customers (SegImportCheckPage   *self,
                const ScImportReport *report)
{
  const ScImportRecord *r = &report->customers;
  AdwPreferencesGroup *group = new_record_group (self, _("Customer List"), r);

  _seg_check_count_row (group, _("Customers listed"), r->rows_accepted, NULL);
  _seg_check_count_row (group, _("Rows left out"), r->rows_rejected, NULL);
  if (r->duplicate_rows > 0)
    _seg_check_count_row (group, _("Customers listed more than once"), r->duplicate_rows,
                          _("The first listing is kept."));
  _seg_check_count_row (group, _("Listed customers without orders"), r->unmatched, NULL);
  _seg_check_count_row (group, _("Customers with orders missing from the list"),
                        report->transactions.unmatched, NULL);
  _seg_check_note_rows (group, r->notes);
}

/* Interactions (issue 18): how many rows the import takes and leaves out. */
static void
show_interactions (SegImportCheckPage   *self,
                   const ScImportReport *report)
{
  const ScImportRecord *r = &report->interactions;
  AdwPreferencesGroup *group = new_record_group (self, _("Interactions"), r);

  _seg_check_count_row (group, _("Interactions to import"), r->rows_accepted, NULL);
  _seg_check_count_row (group, _("Interaction rows left out"), r->rows_rejected,
                        r->rows_rejected > 0 ? _("The reasons and the first examples are below.")
                                             : NULL);
  if (r->already_present > 0)
    _seg_check_count_row (group, _("Interactions in the project already"), r->already_present, NULL);
  _seg_check_note_rows (group, r->notes);
}

static const char *
reason_label (ScRejectReason reason)
{
  switch (reason)
    {
    case SC_REJECT_FIELDS: return _("Wrong number of values");
    case SC_REJECT_CUSTOMER: return _("Customer ID missing");
    case SC_REJECT_DATE: return _("Date missing or not a date");
    case SC_REJECT_AMOUNT: return _("Amount missing or not a number");
    case SC_REJECT_ENCODING: return _("Text not in the file’s encoding");
    case SC_REJECT_IMPLAUSIBLE: return _("Date or amount outside the plausible range");
    case SC_N_REJECT_REASONS:
    default: return "";
    }
}

static void
show_problems (SegImportCheckPage   *self,
               const ScImportReport *report)
{
  AdwPreferencesGroup *group;
  guint64 rejected = 0;

  for (guint i = 0; i < SC_N_REJECT_REASONS; i++)
    rejected += report->rejected[i];
  if (self->check_examples == NULL || self->check_examples->len == 0)
    return;

  group = new_group (self, _("Problems"),
                     _("Rows left out are not imported; export them to correct them in the "
                       "program they come from."));
  for (guint i = 0; i < SC_N_REJECT_REASONS; i++)
    if (report->rejected[i] > 0)
      _seg_check_count_row (group, reason_label (i), report->rejected[i], NULL);

  {
    GtkWidget *expander = adw_expander_row_new ();

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("First Examples"));
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                   _("Up to five of each kind, with their line numbers"));
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), rejected > 0);
    for (guint i = 0; i < self->check_examples->len; i++)
      {
        CheckExample *example = g_ptr_array_index (self->check_examples, i);
        g_autofree char *line = seg_format_count (example->line);
        g_autofree char *base = g_filename_display_basename (example->path);
        /* Translators: "Line 3,214: date “31/02/2024” is not a valid date in column X" */
        g_autofree char *text = g_strdup_printf (_("Line %s: %s"), line, example->reason);
        const char *kind = g_str_equal (example->kind, "rejected") ? _("left out")
                           : g_str_equal (example->kind, "duplicate") ? _("duplicate")
                           : _("imported, but check it");
        /* Translators: a problem's subtitle: the file and what happens to the row */
        g_autofree char *subtitle = g_strdup_printf (_("%s, %s"), base, kind);
        GtkWidget *row = adw_action_row_new ();

        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
        adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        gtk_widget_add_css_class (row, "import-problem");
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
      }
    adw_preferences_group_add (group, expander);
  }
}

static void
on_problems_copied (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SegImportCheckPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_copy_finish (G_FILE (source), result, &error))
    {
      show_error (self, _("Could Not Export the Rejected Rows"), error->message);
      return;
    }
  if (!self->disposed)
    show_toast (self, _("Rejected rows exported"));
}

static void
on_export_chosen (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(SegImportCheckPage) self = user_data;
  g_autoptr(GFile) dest = seg_file_chooser_get_accepted (dialog, response);

  if (dest != NULL && !self->disposed && self->problems_path != NULL)
    {
      g_autoptr(GFile) src = g_file_new_for_path (self->problems_path);

      g_file_copy_async (src, dest, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT, NULL, NULL,
                         NULL, on_problems_copied, g_object_ref (self));
    }
  g_object_unref (dialog);
}

static void
export_problems_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SegImportCheckPage *self = SEG_IMPORT_CHECK_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *base = self->orders_path != NULL ? g_path_get_basename (self->orders_path)
                                                    : g_strdup ("import");
  g_autofree char *stem = seg_file_stem (base);
  g_autofree char *name = NULL;

  /* Translators: the suggested name of the exported problem rows; %s is the orders file */
  name = g_strdup_printf (_("%s-problems.csv"), stem);

  chooser = seg_file_chooser_new (_("Export Rejected Rows"), seg_widget_get_window (widget),
                                  GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}


/* ------------------------------------------------------------------------------------------ */
/* The plausible range                                                                        */

static gboolean
bounds_customized (SegImportCheckPage *self)
{
  return self->min_day != 0 || self->max_day != 0 || self->max_amount > 0;
}

/* Reads @entry: empty for the default (0), else a date written YYYY-MM-DD or a positive
 * number up to SC_IMPORT_MAX_AMOUNT_CEILING.  Invalid text is marked and not applied. */
static gboolean
read_bound (GtkEditable *entry,
            gboolean     is_day,
            ScDay       *day,
            double      *amount)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gboolean ok;

  if (*text == '\0')
    {
      if (is_day)
        *day = 0;
      else
        *amount = 0;
      ok = TRUE;
    }
  else if (is_day)
    ok = strlen (text) == 10 && sc_parse_date (text, SC_DATE_ORDER_YMD, day);
  else
    ok = sc_parse_number (text, '.', amount) && *amount > 0 &&
         *amount <= SC_IMPORT_MAX_AMOUNT_CEILING;

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return ok;
}

static void
on_bound_changed (SegImportCheckPage *self,
                  GtkEditable        *entry)
{
  ScDay min_day = self->min_day;
  ScDay max_day = self->max_day;
  double max_amount = self->max_amount;
  gboolean changed;

  if (entry == self->min_entry)
    read_bound (entry, TRUE, &min_day, NULL);
  else if (entry == self->max_entry)
    read_bound (entry, TRUE, &max_day, NULL);
  else
    read_bound (entry, FALSE, NULL, &max_amount);

  if (entry != self->amount_entry)
    {
      ScImportOptions range = { 0 };
      ScDay first, last;

      /* A range that ends before it begins would leave every order out: marked like any
       * text that is not a date, and not applied. */
      range.min_day = min_day;
      range.max_day = max_day;
      sc_import_options_get_bounds (&range, &first, &last, NULL);
      if (first > last)
        {
          gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
          return;
        }
    }

  changed = min_day != self->min_day || max_day != self->max_day ||
            max_amount != self->max_amount;
  self->min_day = min_day;
  self->max_day = max_day;
  self->max_amount = max_amount;
  if (changed && !self->disposed)
    g_signal_emit (self, signals[BOUNDS_CHANGED], 0);
}

static void
set_placeholders (SegImportCheckPage *self)
{
  ScImportOptions defaults;
  ScDay min_day, max_day;
  double max_amount;
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *amount_text = NULL;

  sc_import_options_init (&defaults);
  sc_import_options_get_bounds (&defaults, &min_day, &max_day, &max_amount);
  sc_import_options_clear (&defaults);
  min_text = sc_day_format (min_day);
  max_text = sc_day_format (max_day);
  amount_text = g_strdup_printf ("%.0f", max_amount);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->min_entry), min_text);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->max_entry), max_text);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->amount_entry), amount_text);
}

/* ------------------------------------------------------------------------------------------ */

static gboolean
is_current (SegImportCheckPage *self)
{
  return self->check_report != NULL && self->check_generation == self->generation &&
         !self->checking;
}

static void
update (SegImportCheckPage *self)
{
  GtkWidget *child;
  gboolean current = is_current (self);

  if (self->disposed)
    return;

  gtk_widget_set_visible (self->running_box, self->checking);
  gtk_widget_set_visible (self->error_box,
                          !self->checking && self->check_failure != NULL &&
                          self->check_generation == self->generation);
  if (self->check_failure != NULL)
    gtk_label_set_text (self->error_label, self->check_failure->message);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->check_results))) != NULL)
    gtk_box_remove (self->check_results, child);
  gtk_widget_set_visible (self->export_button, current && self->n_problems > 0);
  /* Once shown, the range stays while it differs from the defaults, so that it does not
   * vanish under the user's hands when a wider one lets every row in. */
  gtk_widget_set_visible (self->bounds_group,
                          bounds_customized (self) ||
                          (self->check_report != NULL &&
                           self->check_report->rejected[SC_REJECT_IMPLAUSIBLE] > 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "check.export-problems",
                                 current && self->n_problems > 0);

  show_shape (self, current ? self->check_report : NULL);
  if (current)
    {
      if (self->check_report->transactions.kind != NULL)
        show_orders (self, self->check_report);
      if (self->check_report->customers.kind != NULL)
        show_customers (self, self->check_report);
      if (self->check_report->interactions.kind != NULL)
        show_interactions (self, self->check_report);
      show_problems (self, self->check_report);
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
seg_import_check_page_dispose (GObject *object)
{
  SegImportCheckPage *self = SEG_IMPORT_CHECK_PAGE (object);

  self->disposed = TRUE;
  seg_import_check_page_stop (self);
  g_clear_object (&self->project);
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_IMPORT_CHECK_PAGE);

  G_OBJECT_CLASS (seg_import_check_page_parent_class)->dispose (object);
}

static void
seg_import_check_page_finalize (GObject *object)
{
  SegImportCheckPage *self = SEG_IMPORT_CHECK_PAGE (object);

  if (self->problems_path != NULL)
    g_unlink (self->problems_path);
  g_free (self->problems_path);
  g_free (self->orders_path);
  g_clear_pointer (&self->check_report, sc_import_report_free);
  g_clear_pointer (&self->check_examples, g_ptr_array_unref);
  g_clear_error (&self->check_failure);
  g_strfreev (self->fill_down);
  g_strfreev (self->count_status);

  G_OBJECT_CLASS (seg_import_check_page_parent_class)->finalize (object);
}

static void
seg_import_check_page_class_init (SegImportCheckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_import_check_page_dispose;
  object_class->finalize = seg_import_check_page_finalize;

  /**
   * SegImportCheckPage::changed:
   *
   * A check started, ended or became out of date.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SegImportCheckPage::bounds-changed:
   *
   * The user changed the plausible range, switched the recognition of export shapes or
   * changed the columns to fill down or the statuses that count;
   * seg_import_check_page_fill_bounds() gives them all.
   */
  signals[BOUNDS_CHANGED] = g_signal_new ("bounds-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-import-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, running_box);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, progress);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, error_box);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, check_results);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, bounds_group);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, min_entry);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, max_entry);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, shape_group);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, shape_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, shape_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_bound_changed);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, fill_entry);
  gtk_widget_class_bind_template_child (widget_class, SegImportCheckPage, status_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_shape_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_lines_changed);

  gtk_widget_class_install_action (widget_class, "check.export-problems", NULL,
                                   export_problems_action);
}

static void
seg_import_check_page_init (SegImportCheckPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "check.export-problems", FALSE);
  set_placeholders (self);
}

/**
 * seg_import_check_page_start:
 * @options: (transfer full): the options of the coming import; the page clears them
 *
 * Stops a running check and checks @options for the current generation.
 */
void
seg_import_check_page_start (SegImportCheckPage *self,
                             ScImportOptions    *options)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CheckData *data;
  int fd;

  g_return_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self));
  g_return_if_fail (options != NULL);

  seg_import_check_page_stop (self);

  data = g_new0 (CheckData, 1);
  data->options = *options;
  data->project = self->project != NULL ? g_object_ref (self->project) : NULL;
  memset (options, 0, sizeof *options);
  fd = g_file_open_tmp ("segments-problems-XXXXXX.csv", &data->problems_path, &error);
  if (fd < 0)
    {
      check_data_free (data);
      g_clear_error (&self->check_failure);
      self->check_failure = g_steal_pointer (&error);
      self->check_generation = self->generation;
      update (self);
      return;
    }
  close (fd);

  data->job = sc_job_new ();
  data->serial = ++self->check_serial;
  data->generation = self->generation;
  data->examples = g_ptr_array_new_with_free_func ((GDestroyNotify) check_example_free);
  data->example_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->checking = TRUE;
  self->check_generation = self->generation;
  self->check_job = g_object_ref (data->job);
  self->check_cancellable = g_cancellable_new ();
  seg_job_progress_bind_to (self->check_binding, data->job, self->progress, self->progress,
                            "text");
  gtk_progress_bar_set_text (self->progress, _("Starting…"));

  /* No source object: the worker may drop the task last, and a widget must never be
   * finalised there. The callback holds the page instead and lets go on the main thread. */
  task = g_task_new (NULL, self->check_cancellable, on_check_done, g_object_ref (self));
  g_task_set_source_tag (task, seg_import_check_page_start);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  sc_job_run_in_thread (task, check_thread);

  update (self);
}

/**
 * seg_import_check_page_stop:
 *
 * Stops the check without waiting for it: its result, when it comes, is dropped.
 */
void
seg_import_check_page_stop (SegImportCheckPage *self)
{
  g_return_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self));

  if (self->checking)
    self->check_serial++;
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  seg_job_progress_unbind (self->check_binding);
  g_clear_object (&self->check_job);
  self->checking = FALSE;
}

/**
 * seg_import_check_page_cancel:
 *
 * Cancels the running check; it ends as failed, "stopped", and can be started again.
 */
void
seg_import_check_page_cancel (SegImportCheckPage *self)
{
  g_return_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self));

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
}

/**
 * seg_import_check_page_invalidate:
 *
 * Says that the files or the choices changed: the last result is out of date.
 */
void
seg_import_check_page_invalidate (SegImportCheckPage *self)
{
  g_return_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self));

  self->generation++;
}

/**
 * seg_import_check_page_refresh:
 *
 * Shows the state of the check again (after seg_import_check_page_invalidate()).
 */
void
seg_import_check_page_refresh (SegImportCheckPage *self)
{
  g_return_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self));

  update (self);
}

/**
 * seg_import_check_page_set_project:
 * @project: (nullable): the project the import adds to
 *
 * With a project, the check counts only the rows and customers new to it.
 */
void
seg_import_check_page_set_project (SegImportCheckPage *self,
                                   ScProject          *project)
{
  g_return_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self));

  g_set_object (&self->project, project);
}

/**
 * seg_import_check_page_is_running:
 *
 * Returns: whether a check runs
 */
gboolean
seg_import_check_page_is_running (SegImportCheckPage *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self), FALSE);

  return self->checking;
}

/**
 * seg_import_check_page_is_current:
 *
 * Returns: whether the last check succeeded and nothing changed since it started
 */
gboolean
seg_import_check_page_is_current (SegImportCheckPage *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self), FALSE);

  return is_current (self);
}

/**
 * seg_import_check_page_is_stale:
 *
 * Returns: whether the result shown (or the check running) is for an earlier generation
 */
gboolean
seg_import_check_page_is_stale (SegImportCheckPage *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self), TRUE);

  return self->check_generation != self->generation;
}

/**
 * seg_import_check_page_get_report:
 *
 * Returns: (transfer none) (nullable): the report of the last check, current or not
 */
const ScImportReport *
seg_import_check_page_get_report (SegImportCheckPage *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self), NULL);

  return self->check_report;
}

/**
 * seg_import_check_page_get_failure:
 *
 * Returns: (transfer none) (nullable): why the last check failed
 */
const GError *
seg_import_check_page_get_failure (SegImportCheckPage *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self), NULL);

  return self->check_failure;
}

/**
 * seg_import_check_page_dup_problems_path:
 *
 * Returns: (transfer full) (nullable): the CSV file holding every problem of the current
 *   check
 */
char *
seg_import_check_page_dup_problems_path (SegImportCheckPage *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self), NULL);

  return is_current (self) ? g_strdup (self->problems_path) : NULL;
}

/**
 * seg_import_check_page_fill_bounds:
 * @options: the options of a check or an import
 *
 * Puts the plausible range the user chose into @options (0 where the default holds), the
 * generic source when the user switched the recognition of export shapes off, and the
 * columns to fill down and statuses that count the user typed.
 */
void
seg_import_check_page_fill_bounds (SegImportCheckPage *self,
                                   ScImportOptions    *options)
{
  g_return_if_fail (SEG_IS_IMPORT_CHECK_PAGE (self));
  g_return_if_fail (options != NULL);

  options->min_day = self->min_day;
  options->max_day = self->max_day;
  options->max_amount = self->max_amount;
  if (self->generic)
    options->source = SC_IMPORT_SOURCE_GENERIC;
  g_strfreev (options->fill_down);
  g_strfreev (options->count_status);
  options->fill_down = g_strdupv (self->fill_down);
  options->count_status = g_strdupv (self->count_status);
}
