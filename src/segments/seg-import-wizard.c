/* seg-import-wizard.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The import wizard: files → format → columns → customer list → interactions → check →
 * import, each page present when its file is (orders can be left out when interactions are
 * added to an open project).  It is a
 * front end to the core importer and adds nothing segments-cli cannot do: every choice ends
 * up in the ScImportOptions of one sc_import() call.
 *
 * The pages are widgets of their own; the wizard coordinates them.  Two pieces of work run
 * in threads.  The check, a dry run of that same call over the whole files, belongs to the
 * check page (SegImportCheckPage); the wizard starts it on the customer list page already,
 * where it counts the matching customers, and tells the page of every change so that a
 * result is reused while nothing has changed since.  The import itself, the last step, is in
 * seg-import-wizard-import.c.
 *
 * The wizard knows its window only as a GtkWindow: it asks it to show a new project through
 * the window's actions, and whether a project file is in use through a signal the window
 * answers. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-format.h"
#include "seg-import-wizard-private.h"
#include "seg-widget-util.h"

/* A changed choice on the customer list page checks again after this pause. */
#define RECHECK_DELAY_MS 400

enum {
  PROJECT_FILE_IN_USE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SegImportWizard, seg_import_wizard, ADW_TYPE_WINDOW)

static void update_navigation (SegImportWizard *self);
static void update_match      (SegImportWizard *self);
static void start_check       (SegImportWizard *self);

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

void
_seg_import_wizard_show_toast (SegImportWizard *self,
            const char      *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

void
_seg_import_wizard_show_error (SegImportWizard *self,
            const char      *heading,
            const char      *message)
{
  if (!self->closed)
    seg_show_error_dialog (GTK_WINDOW (self), heading, message);
}

void
_seg_import_wizard_build_options (SegImportWizard *self,
               ScImportOptions *options)
{
  sc_import_options_init (options);
  if (_seg_import_wizard_has_orders (self))
    {
      options->transactions_path = seg_import_source_dup_path (self->orders);
      seg_import_source_fill_table (self->orders, &options->orders);
      options->date_order = seg_import_source_get_date_order (self->orders);
      /* as segments-cli import --margin */
      options->set_margin = !seg_import_source_has_cost (self->orders) &&
                            seg_import_source_get_margin (self->orders,
                                                          &options->margin_percent);
    }
  seg_import_check_page_fill_bounds (self->check_page, options);
  if (self->has_customers)
    {
      options->customers_path = seg_import_source_dup_path (self->customers);
      seg_import_source_fill_table (self->customers, &options->customers);
    }
  if (self->has_interactions)
    {
      options->interactions_path = seg_import_source_dup_path (self->interactions);
      seg_import_source_fill_table (self->interactions, &options->interactions);
      /* The date order is one for all files: the orders' choice, else the interactions'. */
      if (options->date_order == SC_DATE_ORDER_AUTO)
        options->date_order = seg_import_source_get_date_order (self->interactions);
    }
}

/* Orders are needed, except when interactions alone are added to an open project. */
gboolean
_seg_import_wizard_has_orders (SegImportWizard *self)
{
  return seg_import_source_get_file (self->orders) != NULL;
}

static gboolean
interactions_alone (SegImportWizard *self)
{
  return self->project != NULL && self->has_interactions && !self->has_customers &&
         !_seg_import_wizard_has_orders (self);
}

/* Every file chosen reads as a table and has the columns it needs. */
static gboolean
sources_ready (SegImportWizard *self)
{
  gboolean has_orders = _seg_import_wizard_has_orders (self);

  return (has_orders || interactions_alone (self)) &&
         (!has_orders || seg_import_source_is_ready (self->orders)) &&
         (!self->has_customers || seg_import_source_is_ready (self->customers)) &&
         (!self->has_interactions || seg_import_source_is_ready (self->interactions));
}

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                      */

static void
update_files_page (SegImportWizard *self)
{
  ScProject *project = self->project;
  g_autofree char *title = project != NULL ? sc_project_dup_title (project) : NULL;

  seg_import_check_page_set_project (self->check_page, project);
  seg_import_files_page_update (self->files_page, self->has_customers, self->has_interactions,
                                title);
}

static void
on_sources_changed (SegImportWizard *self)
{
  seg_import_check_page_invalidate (self->check_page);
  if (self->closed)
    return;
  update_files_page (self);
  update_navigation (self);
}

static gboolean
recheck_timeout (gpointer data)
{
  SegImportWizard *self = data;

  self->recheck_source = 0;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "customers") == 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "check") == 0)
    start_check (self);
  return G_SOURCE_REMOVE;
}

static void
on_customer_choices_changed (SegImportWizard *self)
{
  if (self->closed ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "customers") != 0)
    return;
  g_clear_handle_id (&self->recheck_source, g_source_remove);
  self->recheck_source = g_timeout_add (RECHECK_DELAY_MS, recheck_timeout, self);
  seg_import_check_page_refresh (self->check_page);
}

/* The plausible range changed on the check page: check again once the typing pauses. */
static void
on_bounds_changed (SegImportWizard *self)
{
  seg_import_check_page_invalidate (self->check_page);
  if (self->closed || self->importing)
    return;
  g_clear_handle_id (&self->recheck_source, g_source_remove);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "check") == 0)
    self->recheck_source = g_timeout_add (RECHECK_DELAY_MS, recheck_timeout, self);
  seg_import_check_page_refresh (self->check_page);
}

/**
 * seg_import_wizard_set_orders_file:
 * @file: the orders or order lines table
 *
 * Reads the start of @file; a file that is not a table is named with the reason on the
 * files page.
 *
 * Returns: whether @file reads as a table
 */
gboolean
seg_import_wizard_set_orders_file (SegImportWizard *self,
                                   GFile           *file)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return seg_import_source_set_file (self->orders, file);
}

/**
 * seg_import_wizard_set_customers_file:
 * @file: (nullable): a customer list, or %NULL for none
 *
 * Returns: whether @file reads as a table (%TRUE for none)
 */
gboolean
seg_import_wizard_set_customers_file (SegImportWizard *self,
                                      GFile           *file)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  self->has_customers = file != NULL;
  return seg_import_source_set_file (self->customers, file) || file == NULL;
}

/**
 * seg_import_wizard_set_interactions_file:
 * @file: (nullable): interactions (visits, e-mail opens, tickets…), or %NULL for none
 *
 * Returns: whether @file reads as a table (%TRUE for none)
 */
gboolean
seg_import_wizard_set_interactions_file (SegImportWizard *self,
                                         GFile           *file)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  self->has_interactions = file != NULL;
  return seg_import_source_set_file (self->interactions, file) || file == NULL;
}

/* An orders file has dates and amounts; a customer list has neither. */
static gboolean
looks_like_orders (GFile *file)
{
  g_autoptr(SegImportSource) probe = seg_import_source_new (SC_TABLE_TRANSACTIONS);

  return seg_import_source_set_file (probe, file) && seg_import_source_is_ready (probe);
}

/* Interactions have a customer, a date and a type, and no amount that would make them
 * orders. */
static gboolean
looks_like_interactions (GFile *file)
{
  g_autoptr(SegImportSource) probe = seg_import_source_new (SC_TABLE_INTERACTIONS);

  return seg_import_source_set_file (probe, file) && seg_import_source_is_ready (probe) &&
         !looks_like_orders (file);
}

/**
 * seg_import_wizard_add_files:
 * @files: (element-type GFile): dropped or opened files
 *
 * A file that reads as interactions (a customer, a date and a type, no amount) becomes the
 * interactions file.  Of the others, it takes one or two: of two, the one that reads as
 * orders (dates and amounts) becomes the orders file and the other the customer list.  One
 * file becomes the orders file, or the customer list when a readable orders file is there
 * and it does not read as orders.
 */
void
seg_import_wizard_add_files (SegImportWizard *self,
                             GSList          *files)
{
  g_autoptr(GSList) rest = NULL;
  GFile *first, *second;

  g_return_if_fail (SEG_IS_IMPORT_WIZARD (self));

  if (files == NULL || self->importing)
    return;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      if (looks_like_interactions (l->data))
        seg_import_wizard_set_interactions_file (self, l->data);
      else
        rest = g_slist_append (rest, l->data);
    }
  files = rest;
  if (files == NULL)
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "files") != 0)
        _seg_import_wizard_go_to (self, "files");
      return;
    }

  first = files->data;
  second = files->next != NULL ? files->next->data : NULL;

  if (second != NULL)
    {
      if (!looks_like_orders (first) && looks_like_orders (second))
        {
          GFile *swap = first;
          first = second;
          second = swap;
        }
      seg_import_wizard_set_orders_file (self, first);
      seg_import_wizard_set_customers_file (self, second);
    }
  else if (seg_import_source_is_ready (self->orders) && !looks_like_orders (first))
    seg_import_wizard_set_customers_file (self, first);
  else
    seg_import_wizard_set_orders_file (self, first);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "files") != 0 &&
      !self->importing)
    _seg_import_wizard_go_to (self, "files");
}

static void
on_orders_chosen (SegImportWizard *self,
                  GFile           *file)
{
  if (!self->closed)
    seg_import_wizard_set_orders_file (self, file);
}

static void
on_customers_chosen (SegImportWizard *self,
                     GFile           *file)
{
  if (!self->closed)
    seg_import_wizard_set_customers_file (self, file);
}

static void
on_interactions_chosen (SegImportWizard *self,
                        GFile           *file)
{
  if (!self->closed)
    seg_import_wizard_set_interactions_file (self, file);
}

static gboolean
on_drop (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         SegImportWizard *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = NULL;

  if (list == NULL || self->importing)
    return FALSE;
  files = gdk_file_list_get_files (list);
  if (files == NULL)
    return FALSE;
  seg_import_wizard_add_files (self, files);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Navigation                                                                                 */

/* The steps the files chosen need, in order; "done" shows as the import step. */
static guint
page_sequence (SegImportWizard *self,
               const char     **pages)
{
  guint n = 0;

  pages[n++] = "files";
  if (_seg_import_wizard_has_orders (self) || self->project == NULL)
    {
      pages[n++] = "format";
      pages[n++] = "columns";
    }
  if (self->has_customers)
    pages[n++] = "customers";
  if (self->has_interactions)
    pages[n++] = "interactions";
  pages[n++] = "check";
  pages[n++] = "import";
  return n;
}

#define MAX_STEPS 7

static int
page_index (SegImportWizard *self,
            const char      *page,
            const char     **pages,
            guint           *n_pages)
{
  *n_pages = page_sequence (self, pages);
  if (g_str_equal (page, "done"))
    page = "import";
  for (guint i = 0; i < *n_pages; i++)
    if (g_str_equal (pages[i], page))
      return (int) i;
  return -1;
}

static const char *
next_page (SegImportWizard *self,
           const char      *page)
{
  const char *pages[MAX_STEPS];
  guint n;
  int i = page_index (self, page, pages, &n);

  /* From the check on, the import moves on by itself. */
  if (i < 0 || g_str_equal (page, "check") || (guint) i + 1 >= n)
    return NULL;
  return pages[i + 1];
}

static const char *
previous_page (SegImportWizard *self,
               const char      *page)
{
  const char *pages[MAX_STEPS];
  guint n;
  int i = page_index (self, page, pages, &n);

  if (i <= 0 || g_str_equal (page, "import") || g_str_equal (page, "done"))
    return NULL;
  return pages[i - 1];
}

static gboolean
can_go_next (SegImportWizard *self,
             const char      *page)
{
  gboolean customers_ok = !self->has_customers ||
                          seg_import_source_get_preview (self->customers) != NULL;
  gboolean interactions_ok = !self->has_interactions ||
                             seg_import_source_get_preview (self->interactions) != NULL;
  gboolean orders_ok = _seg_import_wizard_has_orders (self)
                       ? seg_import_source_get_preview (self->orders) != NULL
                       : interactions_alone (self);

  if (self->importing)
    return FALSE;
  if (g_str_equal (page, "files"))
    return orders_ok && customers_ok && interactions_ok;
  if (g_str_equal (page, "format"))
    return seg_import_source_get_preview (self->orders) != NULL;
  if (g_str_equal (page, "columns"))
    return seg_import_source_is_ready (self->orders);
  if (g_str_equal (page, "customers"))
    return seg_import_source_is_ready (self->customers);
  if (g_str_equal (page, "interactions"))
    return seg_import_source_is_ready (self->interactions);
  if (g_str_equal (page, "check"))
    return seg_import_check_page_is_current (self->check_page) && sources_ready (self);
  return FALSE;
}

static void
update_navigation (SegImportWizard *self)
{
  const char *page;
  static const struct { const char *page; const char *title; } titles[] = {
    { "files", N_("Files") },
    { "format", N_("Format") },
    { "columns", N_("Columns") },
    { "customers", N_("Customer List") },
    { "interactions", N_("Interactions") },
    { "database", N_("Database") },
    { "check", N_("Check") },
    { "import", N_("Import") },
    { "done", N_("Import") },
  };
  const char *pages[MAX_STEPS];
  guint n_steps;
  int step;
  const char *title = "";
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;
  gboolean working;
  gboolean checking = seg_import_check_page_is_running (self->check_page);

  if (self->closed)
    return;

  page = gtk_stack_get_visible_child_name (self->stack);
  /* The database step has buttons of its own. */
  working = g_str_equal (page, "import") || g_str_equal (page, "done") ||
            g_str_equal (page, "database");
  step = page_index (self, page, pages, &n_steps) + 1;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].page, page))
      title = _(titles[i].title);
  /* Translators: the wizard's subtitle, "Step 2 of 5: Format" */
  subtitle = step > 0 ? g_strdup_printf (_("Step %u of %u: %s"), (guint) step, n_steps, title)
                      : g_strdup (title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* A narrow window or large text ellipsizes the title and subtitle: hovering shows both. */
  tooltip = g_strdup_printf ("%s\n%s", adw_window_title_get_title (self->window_title), subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), tooltip);

  gtk_widget_set_visible (self->back_button, !working);
  gtk_widget_set_visible (self->next_button, !working);
  gtk_button_set_label (GTK_BUTTON (self->next_button),
                        g_str_equal (page, "check") ? _("_Import") : _("_Next"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", can_go_next (self, page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back",
                                 !working && previous_page (self, page) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel",
                                 self->importing && self->import_cancellable != NULL &&
                                 !g_cancellable_is_cancelled (self->import_cancellable));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.stop-check", checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.check", !checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.segment",
                                 !self->importing && (self->import_report != NULL ||
                                                      g_str_equal (page, "done")));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.database",
                                 sc_pg_available () && !self->importing);
}

void
_seg_import_wizard_go_to (SegImportWizard *self,
       const char      *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);

  /* The check also counts the matching customers: start it on the customer list page. */
  if ((g_str_equal (page, "check") || g_str_equal (page, "customers")) &&
      !seg_import_check_page_is_current (self->check_page) &&
      (!seg_import_check_page_is_running (self->check_page) ||
       seg_import_check_page_is_stale (self->check_page)))
    start_check (self);

  update_match (self);
  update_navigation (self);
}

/* ------------------------------------------------------------------------------------------ */
/* The check                                                                                  */

static void
start_check (SegImportWizard *self)
{
  ScImportOptions options;

  g_clear_handle_id (&self->recheck_source, g_source_remove);
  seg_import_check_page_stop (self->check_page);

  if (!sources_ready (self))
    return;

  _seg_import_wizard_build_options (self, &options);
  seg_import_check_page_start (self->check_page, &options);
}

/* The customer list page shows how many listed customers the check found orders for. */
static void
update_match (SegImportWizard *self)
{
  SegImportCheckPage *page = self->check_page;
  gboolean checking = seg_import_check_page_is_running (page);
  const GError *failure = seg_import_check_page_get_failure (page);
  const ScImportReport *r = seg_import_check_page_get_report (page);

  if (!self->has_customers || self->closed)
    return;

  gtk_spinner_set_spinning (self->match_spinner, checking);
  gtk_widget_set_visible (GTK_WIDGET (self->match_spinner), checking);

  if (checking || seg_import_check_page_is_stale (page))
    {
      gtk_label_set_text (self->match_value, "");
      adw_action_row_set_subtitle (self->match_row, _("Reading both files…"));
    }
  else if (failure != NULL)
    {
      gtk_label_set_text (self->match_value, "");
      adw_action_row_set_subtitle (self->match_row, failure->message);
    }
  else if (r != NULL)
    {
      guint64 listed = r->customers.customers;
      guint64 matched = listed - MIN (r->customers.unmatched, listed);
      g_autofree char *matched_text = seg_format_count (matched);
      g_autofree char *listed_text = seg_format_count (listed);
      g_autofree char *missing_text = seg_format_count (r->transactions.unmatched);
      /* Translators: "2,950 of 3,000" customers */
      g_autofree char *value = g_strdup_printf (_("%s of %s"), matched_text, listed_text);
      g_autofree char *subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%s customer with orders is not in the list.",
                                      "%s customers with orders are not in the list.",
                                      r->transactions.unmatched),
                         missing_text);

      gtk_label_set_text (self->match_value, value);
      adw_action_row_set_subtitle (self->match_row, subtitle);
    }
}

static void
on_check_changed (SegImportWizard *self)
{
  update_match (self);
  update_navigation (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Actions                                                                                    */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  const char *next;

  if (!can_go_next (self, page))
    return;

  if (g_str_equal (page, "check"))
    {
      _seg_import_wizard_start_import (self);
      return;
    }

  next = next_page (self, page);
  if (next != NULL)
    _seg_import_wizard_go_to (self, next);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);
  const char *previous = previous_page (self, gtk_stack_get_visible_child_name (self->stack));

  if (previous != NULL && !self->importing)
    {
      /* A check running for a page being left would only hold the disk busy. */
      if (seg_import_check_page_is_running (self->check_page))
        seg_import_check_page_stop (self->check_page);
      _seg_import_wizard_go_to (self, previous);
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  _seg_import_wizard_cancel_import (SEG_IMPORT_WIZARD (widget));
}

static void
stop_check_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);

  seg_import_check_page_cancel (self->check_page);
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  start_check (SEG_IMPORT_WIZARD (widget));
}

static void
segment_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);

  if (self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.segment", NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static void
database_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);

  seg_import_database_set_target (self->database_page, self->project, self->project_file);
  _seg_import_wizard_go_to (self, "database");
}

static void
on_database_leave (SegImportWizard *self)
{
  _seg_import_wizard_go_to (self, "files");
}

/* The database step imported: the same last page as for files. */
static void
on_database_done (SegImportWizard *self,
                  const char      *description,
                  const char      *path,
                  gboolean         new_project)
{
  gboolean segmented = !new_project && self->project != NULL &&
                       sc_project_get_run (self->project) != NULL;

  if (new_project && self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.open-imported", "s", path);
  _seg_import_wizard_show_done (self, description, segmented);
}

void
_seg_import_wizard_show_done (SegImportWizard *self,
                              const char      *description,
                              gboolean         segmented)
{
  adw_status_page_set_description (self->done_status, description);
  gtk_button_set_label (GTK_BUTTON (self->segment_button),
                        segmented ? _("_Show Segments") : _("_Segment Now"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->segment_button),
                                  segmented ? "import.show-segments" : "import.segment");
  _seg_import_wizard_go_to (self, "done");
}

static void
show_segments_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);

  if (self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.show-page", "s", "segments");
  gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------------------------------ */

static gboolean
seg_import_wizard_close_request (GtkWindow *window)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (window);

  /* Closing cancels: the import rolls back, and the project stays as it was. */
  self->closed = TRUE;
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  seg_import_check_page_stop (self->check_page);

  return GTK_WINDOW_CLASS (seg_import_wizard_parent_class)->close_request (window);
}

static void
seg_import_wizard_dispose (GObject *object)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (object);

  self->closed = TRUE;
  g_clear_handle_id (&self->recheck_source, g_source_remove);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  seg_import_check_page_stop (self->check_page);
  seg_job_progress_unbind (self->import_binding);

  if (self->orders != NULL)
    g_signal_handlers_disconnect_by_data (self->orders, self);
  if (self->customers != NULL)
    g_signal_handlers_disconnect_by_data (self->customers, self);
  if (self->interactions != NULL)
    g_signal_handlers_disconnect_by_data (self->interactions, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_IMPORT_WIZARD);

  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
  g_clear_object (&self->project);
  g_clear_object (&self->orders);
  g_clear_object (&self->customers);
  g_clear_object (&self->interactions);
  g_clear_object (&self->project_file);

  G_OBJECT_CLASS (seg_import_wizard_parent_class)->dispose (object);
}

static void
seg_import_wizard_finalize (GObject *object)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (object);

  g_clear_pointer (&self->import_report, sc_import_report_free);
  g_clear_object (&self->import_job);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->import_project);
  g_free (self->import_path);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (seg_import_wizard_parent_class)->finalize (object);
}

static void
seg_import_wizard_class_init (SegImportWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = seg_import_wizard_dispose;
  object_class->finalize = seg_import_wizard_finalize;
  window_class->close_request = seg_import_wizard_close_request;

  /**
   * SegImportWizard::project-file-in-use:
   * @path: where a new project is to be created
   *
   * Asks whether another window shows the project at @path (or imports into it): the
   * wizard does not replace it then.
   *
   * Returns: %TRUE when @path is in use
   */
  signals[PROJECT_FILE_IN_USE] = g_signal_new ("project-file-in-use", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0,
                                               g_signal_accumulator_true_handled, NULL, NULL,
                                               G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  g_type_ensure (SEG_TYPE_IMPORT_FORMAT_PAGE);
  g_type_ensure (SEG_TYPE_IMPORT_COLUMNS_PAGE);
  g_type_ensure (SEG_TYPE_IMPORT_CHECK_PAGE);
  g_type_ensure (SEG_TYPE_IMPORT_FILES_PAGE);
  g_type_ensure (SEG_TYPE_IMPORT_DATABASE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-import-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, files_page);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, format_page);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, columns_page);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, customers_format_page);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, customers_columns_page);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, interactions_format_page);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, interactions_columns_page);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, match_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, match_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, match_value);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, check_page);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, database_page);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, import_status);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, import_progress);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, import_stage);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, done_status);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, segment_button);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.stop-check", NULL, stop_check_action);
  gtk_widget_class_install_action (widget_class, "import.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "import.segment", NULL, segment_action);
  gtk_widget_class_install_action (widget_class, "import.database", NULL, database_action);
  gtk_widget_class_install_action (widget_class, "import.show-segments", NULL,
                                   show_segments_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "import.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "import.back", NULL);
}

static void
seg_import_wizard_init (SegImportWizard *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->orders = seg_import_source_new (SC_TABLE_TRANSACTIONS);
  self->customers = seg_import_source_new (SC_TABLE_CUSTOMERS);
  self->interactions = seg_import_source_new (SC_TABLE_INTERACTIONS);
  g_signal_connect_swapped (self->interactions, "changed", G_CALLBACK (on_sources_changed),
                            self);
  g_signal_connect_swapped (self->interactions, "choices-changed",
                            G_CALLBACK (on_sources_changed), self);
  g_signal_connect_swapped (self->orders, "changed", G_CALLBACK (on_sources_changed), self);
  g_signal_connect_swapped (self->orders, "choices-changed", G_CALLBACK (on_sources_changed),
                            self);
  g_signal_connect_swapped (self->customers, "changed", G_CALLBACK (on_sources_changed), self);
  g_signal_connect_swapped (self->customers, "choices-changed",
                            G_CALLBACK (on_sources_changed), self);
  g_signal_connect_swapped (self->customers, "changed",
                            G_CALLBACK (on_customer_choices_changed), self);
  g_signal_connect_swapped (self->customers, "choices-changed",
                            G_CALLBACK (on_customer_choices_changed), self);

  seg_import_files_page_set_sources (self->files_page, self->orders, self->customers,
                                     self->interactions);
  g_signal_connect_object (self->files_page, "orders-chosen", G_CALLBACK (on_orders_chosen),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->files_page, "customers-chosen",
                           G_CALLBACK (on_customers_chosen), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->files_page, "interactions-chosen",
                           G_CALLBACK (on_interactions_chosen), self, G_CONNECT_SWAPPED);
  seg_import_source_page_set_source (SEG_IMPORT_SOURCE_PAGE (self->format_page), self->orders);
  seg_import_source_page_set_source (SEG_IMPORT_SOURCE_PAGE (self->columns_page), self->orders);
  seg_import_source_page_set_source (SEG_IMPORT_SOURCE_PAGE (self->customers_format_page),
                                     self->customers);
  seg_import_source_page_set_source (SEG_IMPORT_SOURCE_PAGE (self->customers_columns_page),
                                     self->customers);
  seg_import_source_page_set_source (SEG_IMPORT_SOURCE_PAGE (self->interactions_format_page),
                                     self->interactions);
  seg_import_source_page_set_source (SEG_IMPORT_SOURCE_PAGE (self->interactions_columns_page),
                                     self->interactions);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);

  update_files_page (self);
  g_signal_connect_object (self->check_page, "changed", G_CALLBACK (on_check_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->database_page, "done", G_CALLBACK (on_database_done), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->database_page, "leave", G_CALLBACK (on_database_leave), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check_page, "bounds-changed", G_CALLBACK (on_bounds_changed),
                           self, G_CONNECT_SWAPPED);
  update_match (self);
  update_navigation (self);
}

/**
 * seg_import_wizard_new:
 * @window: the window to import into
 * @project: (nullable): its project, or %NULL to import into a new one
 *
 * The wizard asks @window to show a new project with its "win.open-imported" action, and
 * does not import while @window's "win.import" action is disabled (it is busy).
 *
 * Returns: (transfer none): a new wizard, modal for @window; present it
 */
SegImportWizard *
seg_import_wizard_new (GtkWindow *window,
                       ScProject *project)
{
  SegImportWizard *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (project == NULL || SC_IS_PROJECT (project), NULL);

  self = g_object_new (SEG_TYPE_IMPORT_WIZARD, "transient-for", window, NULL);
  self->window = window;
  self->project = project != NULL ? g_object_ref (project) : NULL;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  update_files_page (self);
  return self;
}

/**
 * seg_import_wizard_get_window:
 *
 * Returns: (transfer none) (nullable): the window imported into, while it exists
 */
GtkWindow *
seg_import_wizard_get_window (SegImportWizard *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), NULL);

  return self->window;
}

/**
 * seg_import_wizard_set_project_file:
 * @file: (nullable): where a new project goes
 *
 * When the window has no project, the import creates one at @file (replacing a file there)
 * instead of asking where to save it.
 */
void
seg_import_wizard_set_project_file (SegImportWizard *self,
                                    GFile           *file)
{
  g_return_if_fail (SEG_IS_IMPORT_WIZARD (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->project_file, file);
}

/**
 * seg_import_wizard_get_orders:
 *
 * Returns: (transfer none): the orders file and its settings
 */
SegImportSource *
seg_import_wizard_get_orders (SegImportWizard *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), NULL);

  return self->orders;
}

/**
 * seg_import_wizard_get_customers:
 *
 * Returns: (transfer none): the customer list and its settings; it has no file when there
 *   is none
 */
SegImportSource *
seg_import_wizard_get_customers (SegImportWizard *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), NULL);

  return self->customers;
}

/**
 * seg_import_wizard_get_interactions:
 *
 * Returns: (transfer none): the interactions file and its settings; it has no file when
 *   there is none
 */
SegImportSource *
seg_import_wizard_get_interactions (SegImportWizard *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), NULL);

  return self->interactions;
}

/**
 * seg_import_wizard_get_page_name:
 *
 * Returns: "files", "format", "columns", "customers", "interactions", "database", "check",
 *   "import" or "done"
 */
const char *
seg_import_wizard_get_page_name (SegImportWizard *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * seg_import_wizard_is_busy:
 *
 * Returns: whether a check or an import runs
 */
gboolean
seg_import_wizard_is_busy (SegImportWizard *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), FALSE);

  return seg_import_check_page_is_running (self->check_page) || self->importing;
}

/**
 * seg_import_wizard_get_check_report:
 *
 * Returns: (transfer none) (nullable): the report of the check, if it is up to date
 */
const ScImportReport *
seg_import_wizard_get_check_report (SegImportWizard *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), NULL);

  return seg_import_check_page_is_current (self->check_page)
         ? seg_import_check_page_get_report (self->check_page) : NULL;
}

/**
 * seg_import_wizard_get_import_report:
 *
 * Returns: (transfer none) (nullable): the report of the import, once it has succeeded
 */
const ScImportReport *
seg_import_wizard_get_import_report (SegImportWizard *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), NULL);

  return self->import_report;
}

/**
 * seg_import_wizard_dup_problems_path:
 *
 * Returns: (transfer full) (nullable): the CSV file holding every problem of the current
 *   check, which "Export Rejected Rows…" copies
 */
char *
seg_import_wizard_dup_problems_path (SegImportWizard *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), NULL);

  return seg_import_check_page_dup_problems_path (self->check_page);
}

/**
 * seg_import_wizard_get_database:
 *
 * Returns: (transfer none): the database step
 */
SegImportDatabase *
seg_import_wizard_get_database (SegImportWizard *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), NULL);

  return self->database_page;
}
