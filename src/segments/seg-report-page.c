/* seg-report-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Report page: a live preview of the report or the slides, Present mode, and every
 * export (PDF, slides, activation CSV, segment definitions, charts).
 *
 * The report is laid out in a worker (SegReportDoc) whenever the project changes or the
 * format is switched, but only while the page is shown: edits on other pages just mark it
 * out of date.  A newer build cancels an older one, and the page keeps showing the older
 * report until the newer is ready, so editing never makes it flash.
 *
 * The preview (pictures of pages drawn in workers, thumbnails, zoom) is in
 * seg-report-page-preview.c.
 *
 * Exports are SegReportExporter's: one at a time, in workers, with progress and Cancel on
 * the page; the result is a toast, and errors a dialog. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-export.h"
#include "sc-job.h"
#include "sc-render-enum-types.h"
#include "seg-fold-layout.h"
#include "seg-format.h"
#include "seg-present-window.h"
#include "seg-report-page-private.h"
#include "seg-row-words.h"
#include "seg-widget-util.h"

/* Edits often come in bursts (typing a name): one layout after the burst. */
#define REBUILD_DELAY_MS 300

static const struct
{
  int width;
  int height;
} chart_sizes[] = {
  { 800, 500 },
  { 1200, 750 },
  { 1600, 1000 },
  { 1920, 1080 },
};

static const ScChartKind chart_kinds[] = { SC_CHART_SIZES, SC_CHART_GRID, SC_CHART_SCATTER };

enum {
  PROP_0,
  PROP_FORMAT,
  PROP_N_PAGES,
  PROP_PAGE,
  PROP_UPDATING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SegReportPage, seg_report_page, ADW_TYPE_BIN)


/* ------------------------------------------------------------------------------------------ */
/* Messages                                                                                   */

static void
show_toast (SegReportPage *self,
            const char    *title)
{
  seg_widget_show_toast (GTK_WIDGET (self), title);
}

static void
show_error (SegReportPage *self,
            const char    *heading,
            const char    *body)
{
  if (!self->disposed)
    seg_show_error_dialog (seg_widget_get_window (GTK_WIDGET (self)), heading, body);
}

/* ------------------------------------------------------------------------------------------ */
/* Labels                                                                                     */

static void
update_consent_label (SegReportPage *self)
{
  const ScConsentSummary *consent;
  g_autofree char *text = NULL;

  if (self->doc == NULL)
    {
      gtk_label_set_text (self->consent_label,
                          _("One row per customer who may be contacted, with segment, "
                            "priority and scores."));
      return;
    }

  consent = seg_report_doc_get_consent (self->doc);
  if (!consent->consent_known)
    text = g_strdup (_("One row per customer with segment, priority and scores. The data says "
                       "nothing about marketing consent, so nobody is left out."));
  else if (consent->excluded > 0)
    {
      g_autofree char *excluded = seg_format_count (consent->excluded);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "One row per customer who may be contacted, with "
                                           "segment, priority and scores. %s customer without "
                                           "marketing consent is left out.",
                                           "One row per customer who may be contacted, with "
                                           "segment, priority and scores. %s customers without "
                                           "marketing consent are left out.",
                                           consent->excluded),
                              excluded);
    }
  else
    text = g_strdup (_("One row per customer with segment, priority and scores. Every "
                       "customer agreed to marketing."));

  gtk_label_set_text (self->consent_label, text);
}

/* ------------------------------------------------------------------------------------------ */
/* The report                                                                                 */

static void
set_updating (SegReportPage *self,
              gboolean       updating)
{
  gtk_widget_set_visible (GTK_WIDGET (self->update_spinner), updating && self->doc != NULL);
  gtk_spinner_set_spinning (self->update_spinner, updating && self->doc != NULL);
  gtk_spinner_set_spinning (self->loading_spinner, updating && self->doc == NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
}

static void
drop_doc (SegReportPage *self)
{
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->doc);
  self->serial = 0;
  _seg_report_page_clear_thumbs (self);
  seg_page_picture_set_texture (self->preview, NULL);
  self->page = 0;
  _seg_report_page_update_page_label (self);
  update_consent_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

static void
set_doc (SegReportPage *self,
         SegReportDoc  *doc)
{
  static guint serials;
  double width, height;
  guint n = seg_report_doc_get_n_pages (doc);
  gboolean same_shape;

  same_shape = self->doc != NULL && self->thumbs->len == n &&
               seg_report_doc_get_format (self->doc) == seg_report_doc_get_format (doc);

  /* Pictures of the report replaced are not wanted any more. */
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);

  g_set_object (&self->doc, doc);
  self->serial = ++serials;
  seg_report_doc_get_page_size (doc, &width, &height);
  seg_page_picture_set_page_size (self->preview, width, height);

  /* With as many pages as before, the old pictures stay until the new ones are drawn. */
  if (!same_shape)
    {
      _seg_report_page_make_thumbs (self, n, width, height);
      seg_page_picture_set_texture (self->preview, NULL);
    }

  _seg_report_page_update_thumb_labels (self);
  update_consent_label (self);
  gtk_stack_set_visible_child_name (self->stack, "report");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);

  self->page = MIN (self->page, n - 1);
  _seg_report_page_show_page (self, self->page);
  _seg_report_page_queue_schedule_render (self);
}

typedef struct
{
  SegReportPage *self;
  GCancellable  *cancellable;
} BuildRequest;

static void
on_built (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  BuildRequest *request = user_data;
  g_autoptr(SegReportPage) self = request->self;
  g_autoptr(GCancellable) cancellable = request->cancellable;
  g_autoptr(SegReportDoc) doc = NULL;
  g_autoptr(GError) error = NULL;

  g_free (request);
  doc = seg_report_doc_new_finish (result, &error);

  /* Superseded by a newer build, or the page went away. */
  if (self->disposed || cancellable != self->build_cancellable)
    return;

  g_clear_object (&self->build_cancellable);
  set_updating (self, FALSE);

  if (doc != NULL)
    set_doc (self, doc);
  else if (g_error_matches (error, SC_ERROR, SC_ERROR_NO_DATA))
    {
      drop_doc (self);
      gtk_stack_set_visible_child_name (self->stack, "none");
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *markup = g_markup_escape_text (error->message, -1);

      drop_doc (self);
      adw_status_page_set_description (self->error_page, markup);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }

  _seg_report_page_update_actions (self);
}

static void
start_build (SegReportPage *self)
{
  BuildRequest *request;

  g_clear_handle_id (&self->rebuild_timeout, g_source_remove);
  if (self->build_cancellable != NULL)
    g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  self->dirty = FALSE;

  if (self->project == NULL)
    return;

  if (sc_project_get_run (self->project) == NULL)
    {
      drop_doc (self);
      gtk_stack_set_visible_child_name (self->stack, "none");
      set_updating (self, FALSE);
      _seg_report_page_update_actions (self);
      return;
    }

  self->build_cancellable = g_cancellable_new ();
  if (self->doc == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  set_updating (self, TRUE);

  request = g_new0 (BuildRequest, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->build_cancellable);
  seg_report_doc_new_async (self->project, self->format, self->build_cancellable, on_built,
                            request);
  _seg_report_page_update_actions (self);
}

static gboolean
on_rebuild_timeout (gpointer data)
{
  SegReportPage *self = data;

  self->rebuild_timeout = 0;
  start_build (self);
  return G_SOURCE_REMOVE;
}

/* The report no longer matches the project or the format: lay it out again when shown. */
static void
invalidate (SegReportPage *self,
            gboolean       at_once)
{
  self->dirty = TRUE;
  _seg_report_page_update_actions (self);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (at_once || self->doc == NULL)
    start_build (self);
  else
    {
      g_clear_handle_id (&self->rebuild_timeout, g_source_remove);
      self->rebuild_timeout = g_timeout_add (REBUILD_DELAY_MS, on_rebuild_timeout, self);
    }
}

static void
on_project_changed (SegReportPage *self)
{
  invalidate (self, FALSE);
}

static void
on_format_toggled (SegReportPage   *self,
                   GtkToggleButton *button)
{
  ScReportFormat format = gtk_toggle_button_get_active (self->slides_button)
                          ? SC_REPORT_FORMAT_SLIDES : SC_REPORT_FORMAT_A4;

  if (!gtk_toggle_button_get_active (button) || format == self->format)
    return;

  self->format = format;
  self->page = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
  invalidate (self, TRUE);
}

/* The report is the current one: no build pending or running. */
static gboolean
doc_is_current (SegReportPage *self)
{
  return self->doc != NULL && !self->dirty && self->build_cancellable == NULL &&
         self->rebuild_timeout == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Moving between pages, Present mode                                                         */

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SegReportPage *self = SEG_REPORT_PAGE (widget);

  if (self->page > 0)
    _seg_report_page_show_page (self, self->page - 1);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SegReportPage *self = SEG_REPORT_PAGE (widget);

  _seg_report_page_show_page (self, self->page + 1);
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SegReportPage *self = SEG_REPORT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;
  SegReportDoc *doc = slides && doc_is_current (self) ? self->doc : NULL;

  if (self->project == NULL)
    return;

  if (self->present != NULL)
    {
      gtk_window_present (self->present);
      return;
    }

  /* From the slide shown when the slides are, else from the first. */
  self->present = GTK_WINDOW (seg_present_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                      self->project, doc,
                                                      slides ? self->page : 0));
  g_object_add_weak_pointer (G_OBJECT (self->present), (gpointer *) &self->present);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  start_build (SEG_REPORT_PAGE (widget));
}

/* ------------------------------------------------------------------------------------------ */
/* Exports                                                                                    */

/* The exporter's job is bound to the progress below the export buttons while it runs. */
static void
on_exporter_job_changed (SegReportPage *self)
{
  ScJob *job = seg_report_exporter_get_job (self->exporter);

  if (self->disposed)
    return;

  seg_job_progress_bind (self->progress_bindings, job, self->progress_bar,
                         self->progress_label);
  if (job == NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_revealer_set_reveal_child (self->progress_revealer, job != NULL);
  _seg_report_page_update_actions (self);
}

typedef struct
{
  SegReportPage     *page;
  SegReportExporter *exporter;
  SegReportExport    what;
} PageExport;

static void
page_export_free (PageExport *data)
{
  g_clear_object (&data->page);
  g_clear_object (&data->exporter);
  g_free (data);
}

/* Tells people how the export ended, and hands the result on to whoever asked. */
static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PageExport *data = g_task_get_task_data (task);
  SegReportPage *self = data->page;
  SegReportExport what = data->what;
  GError *error = NULL;
  g_autofree char *message = NULL;

  message = seg_report_exporter_export_finish (data->exporter, result, &error);
  if (message != NULL)
    {
      if (!self->disposed)
        show_toast (self, message);
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (!self->disposed)
            show_toast (self, _("Export cancelled"));
        }
      else
        show_error (self, seg_report_export_error_heading (what), error->message);
      g_task_return_error (task, error);
    }
}

static ScChartKind
chosen_chart (SegReportPage *self)
{
  guint i = gtk_drop_down_get_selected (self->chart_kind_dropdown);

  return chart_kinds[MIN (i, G_N_ELEMENTS (chart_kinds) - 1)];
}

static void
on_file_chosen (SegReportPage   *self,
                SegReportExport  what,
                GFile           *file)
{
  if (!self->disposed)
    seg_report_page_export_to (self, what, file, NULL, NULL, NULL);
}

static void
choose_file (SegReportPage   *self,
             SegReportExport  what)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *title = NULL;

  if (self->project == NULL || seg_report_exporter_get_job (self->exporter) != NULL)
    return;

  title = sc_project_dup_title (self->project);
  seg_report_exporter_choose_file (self->exporter, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   what, title, chosen_chart (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  static const struct { const char *name; SegReportExport what; } actions[] = {
    { "report.export-pdf", SEG_REPORT_EXPORT_PDF },
    { "report.export-slides", SEG_REPORT_EXPORT_SLIDES },
    { "report.export-activation", SEG_REPORT_EXPORT_ACTIVATION },
    { "report.export-segments", SEG_REPORT_EXPORT_SEGMENTS },
    { "report.export-chart", SEG_REPORT_EXPORT_CHART },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (action_name, actions[i].name))
      choose_file (SEG_REPORT_PAGE (widget), actions[i].what);
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SegReportPage *self = SEG_REPORT_PAGE (widget);

  seg_report_exporter_cancel (self->exporter);
}

/* ------------------------------------------------------------------------------------------ */

void
_seg_report_page_update_actions (SegReportPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_run = self->project != NULL && sc_project_get_run (self->project) != NULL;
  gboolean shown = self->doc != NULL;
  guint n = shown ? seg_report_doc_get_n_pages (self->doc) : 0;
  gboolean idle = seg_report_exporter_get_job (self->exporter) == NULL;

  gtk_widget_action_set_enabled (widget, "report.previous-page", shown && self->page > 0);
  gtk_widget_action_set_enabled (widget, "report.next-page", shown && self->page + 1 < n);
  _seg_report_page_update_zoom_actions (self, shown);
  gtk_widget_action_set_enabled (widget, "report.zoom-fit", shown);
  gtk_widget_action_set_enabled (widget, "report.zoom-original", shown);
  gtk_widget_action_set_enabled (widget, "report.zoom-to", shown);
  gtk_widget_action_set_enabled (widget, "report.present", has_run);
  gtk_widget_action_set_enabled (widget, "report.export-pdf", has_run && idle);
  gtk_widget_action_set_enabled (widget, "report.export-slides", has_run && idle);
  gtk_widget_action_set_enabled (widget, "report.export-activation", has_run && idle);
  gtk_widget_action_set_enabled (widget, "report.export-segments", has_run && idle);
  gtk_widget_action_set_enabled (widget, "report.export-chart", has_run && idle);
  gtk_widget_action_set_enabled (widget, "report.send", has_run && idle);
  gtk_widget_action_set_enabled (widget, "report.playbooks", has_run);
  gtk_widget_action_set_enabled (widget, "report.cancel-export", !idle);
  gtk_widget_action_set_enabled (widget, "report.reload", self->project != NULL);
}

static void
seg_report_page_map (GtkWidget *widget)
{
  SegReportPage *self = SEG_REPORT_PAGE (widget);

  GTK_WIDGET_CLASS (seg_report_page_parent_class)->map (widget);

  if (self->dirty && self->build_cancellable == NULL)
    start_build (self);
  _seg_report_page_queue_schedule_render (self);
}

/* The window closes: what runs for it stops. */
static void
seg_report_page_unroot (GtkWidget *widget)
{
  SegReportPage *self = SEG_REPORT_PAGE (widget);

  g_clear_handle_id (&self->rebuild_timeout, g_source_remove);
  if (self->build_cancellable != NULL)
    {
      g_cancellable_cancel (self->build_cancellable);
      g_clear_object (&self->build_cancellable);
      self->dirty = TRUE;
    }
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  seg_report_exporter_cancel (self->exporter);
  if (self->present != NULL)
    gtk_window_close (self->present);

  GTK_WIDGET_CLASS (seg_report_page_parent_class)->unroot (widget);
}

static void
disconnect_project (SegReportPage *self)
{
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
}

static void
seg_report_page_dispose (GObject *object)
{
  SegReportPage *self = SEG_REPORT_PAGE (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->rebuild_timeout, g_source_remove);
  g_clear_handle_id (&self->render_idle, g_source_remove);
  g_clear_handle_id (&self->zoom_idle, g_source_remove);
  if (self->build_cancellable != NULL)
    g_cancellable_cancel (self->build_cancellable);
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  if (self->exporter != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->exporter, self);
      seg_report_exporter_cancel (self->exporter);
      seg_report_exporter_close_chooser (self->exporter);
    }
  seg_job_progress_unbind (self->progress_bindings);
  if (self->present != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->present), (gpointer *) &self->present);
      self->present = NULL;
    }

  disconnect_project (self);
  g_clear_object (&self->project);
  g_clear_object (&self->selection);
  g_clear_object (&self->doc);
  g_clear_object (&self->build_cancellable);
  g_clear_object (&self->exporter);

  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_REPORT_PAGE);

  G_OBJECT_CLASS (seg_report_page_parent_class)->dispose (object);
}

static void
seg_report_page_finalize (GObject *object)
{
  SegReportPage *self = SEG_REPORT_PAGE (object);

  g_clear_pointer (&self->thumbs, g_ptr_array_unref);
  g_clear_object (&self->render_cancellable);

  G_OBJECT_CLASS (seg_report_page_parent_class)->finalize (object);
}

static void
seg_report_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SegReportPage *self = SEG_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, seg_report_page_get_n_pages (self));
      break;
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_UPDATING:
      g_value_set_boolean (value, seg_report_page_is_updating (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The page's keys, managed by the window so that they work wherever the focus is while the
 * page shows. */
static GtkEventController *
new_shortcut_controller (void)
{
  static const SegKeyAction keys[] = {
    { GDK_KEY_plus, GDK_CONTROL_MASK, "report.zoom-in" },
    { GDK_KEY_equal, GDK_CONTROL_MASK, "report.zoom-in" },
    { GDK_KEY_KP_Add, GDK_CONTROL_MASK, "report.zoom-in" },
    { GDK_KEY_minus, GDK_CONTROL_MASK, "report.zoom-out" },
    { GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "report.zoom-out" },
    { GDK_KEY_0, GDK_CONTROL_MASK, "report.zoom-fit" },
    { GDK_KEY_KP_0, GDK_CONTROL_MASK, "report.zoom-fit" },
    { GDK_KEY_F5, 0, "report.present" },
  };
  GtkEventController *controller = seg_key_actions_controller_new (keys, G_N_ELEMENTS (keys));

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  return controller;
}

static void
seg_report_page_class_init (SegReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_report_page_dispose;
  object_class->finalize = seg_report_page_finalize;
  object_class->get_property = seg_report_page_get_property;
  widget_class->map = seg_report_page_map;
  widget_class->unroot = seg_report_page_unroot;

  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, SC_TYPE_REPORT_FORMAT, SC_REPORT_FORMAT_A4,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATING] =
    g_param_spec_boolean ("updating", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SEG_TYPE_PAGE_PICTURE);
  g_type_ensure (SEG_TYPE_FOLD_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, thumbs_list);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, thumbs_scroll);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, a4_button);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, slides_button);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, update_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, page_label);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, preview_scroll);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, preview);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, consent_label);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, chart_kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, chart_size_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, chart_hidpi_check);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SegReportPage, progress_bar);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_thumb_selected",
                                                G_CALLBACK (_seg_report_page_on_thumb_selected));
  gtk_widget_class_bind_template_callback (widget_class, on_format_toggled);

  gtk_widget_class_install_action (widget_class, "report.previous-page", NULL,
                                   previous_page_action);
  gtk_widget_class_install_action (widget_class, "report.next-page", NULL, next_page_action);
  _seg_report_page_install_zoom_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "report.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "report.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "report.export-slides", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "report.export-activation", NULL,
                                   export_action);
  gtk_widget_class_install_action (widget_class, "report.export-segments", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "report.export-chart", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "report.send", NULL,
                                   _seg_report_page_send_action);
  gtk_widget_class_install_action (widget_class, "report.playbooks", NULL,
                                   _seg_report_page_playbooks_action);
  gtk_widget_class_install_action (widget_class, "report.cancel-export", NULL,
                                   cancel_export_action);
  gtk_widget_class_install_action (widget_class, "report.reload", NULL, reload_action);
}

static void
seg_report_page_init (SegReportPage *self)
{
  GtkEventController *controller;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sizes = gtk_string_list_new (NULL);

  self->thumbs = g_ptr_array_new_with_free_func (g_free);
  self->format = SC_REPORT_FORMAT_A4;
  self->dirty = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  seg_check_button_wrap (self->chart_hidpi_check);

  self->exporter = seg_report_exporter_new ();
  g_signal_connect_swapped (self->exporter, "notify::job", G_CALLBACK (on_exporter_job_changed),
                            self);
  g_signal_connect_swapped (self->exporter, "file-chosen", G_CALLBACK (on_file_chosen), self);

  g_signal_connect_object (self->preview, "notify::effective-zoom",
                           G_CALLBACK (_seg_report_page_on_preview_zoom_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "notify::scale-factor",
                           G_CALLBACK (_seg_report_page_queue_schedule_render), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "wants-texture",
                           G_CALLBACK (_seg_report_page_queue_schedule_render), self, G_CONNECT_SWAPPED);

  /* Ctrl+scroll zooms; plain scrolling scrolls. */
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (_seg_report_page_on_preview_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->preview_scroll), controller);

  gtk_widget_add_controller (GTK_WIDGET (self), new_shortcut_controller ());

  for (guint i = 0; i < G_N_ELEMENTS (chart_kinds); i++)
    gtk_string_list_append (kinds, sc_chart_kind_to_title (chart_kinds[i]));
  gtk_drop_down_set_model (self->chart_kind_dropdown, G_LIST_MODEL (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (chart_sizes); i++)
    {
      /* Translators: a picture's size in pixels, "1200 × 750" */
      g_autofree char *size = g_strdup_printf (_("%d × %d"), chart_sizes[i].width,
                                               chart_sizes[i].height);

      gtk_string_list_append (sizes, size);
    }
  gtk_drop_down_set_model (self->chart_size_dropdown, G_LIST_MODEL (sizes));
  gtk_drop_down_set_selected (self->chart_size_dropdown, 1);

  update_consent_label (self);
  _seg_report_page_update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, "none");
}

void
seg_report_page_set_project (SegReportPage *self,
                             ScProject     *project,
                             SegSelection  *selection)
{
  g_return_if_fail (SEG_IS_REPORT_PAGE (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));
  g_return_if_fail (selection == NULL || SEG_IS_SELECTION (selection));

  g_set_object (&self->selection, selection);
  if (project == self->project)
    return;

  disconnect_project (self);
  g_set_object (&self->project, project);
  if (self->present != NULL)
    gtk_window_close (self->present);
  seg_report_exporter_cancel (self->exporter);

  g_clear_handle_id (&self->rebuild_timeout, g_source_remove);
  if (self->build_cancellable != NULL)
    g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  drop_doc (self);
  set_updating (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "none");

  if (project != NULL)
    {
      g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                               G_CONNECT_SWAPPED);
      invalidate (self, TRUE);
    }
  _seg_report_page_update_actions (self);
}

ScReportFormat
seg_report_page_get_format (SegReportPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_PAGE (self), SC_REPORT_FORMAT_A4);

  return self->format;
}

/**
 * seg_report_page_set_format:
 * @format: A4 report or slides
 *
 * Shows the report in @format, as the toggle in the page's toolbar does.
 */
void
seg_report_page_set_format (SegReportPage  *self,
                            ScReportFormat  format)
{
  g_return_if_fail (SEG_IS_REPORT_PAGE (self));

  gtk_toggle_button_set_active (format == SC_REPORT_FORMAT_SLIDES ? self->slides_button
                                                                  : self->a4_button, TRUE);
}

/**
 * seg_report_page_get_n_pages:
 *
 * Returns: the number of pages shown, 0 before the first layout
 */
guint
seg_report_page_get_n_pages (SegReportPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_PAGE (self), 0);

  return self->doc != NULL ? seg_report_doc_get_n_pages (self->doc) : 0;
}

/**
 * seg_report_page_is_updating:
 *
 * Returns: whether the page shows no report, or an out-of-date one, while a new layout is
 *   prepared or waits to be
 */
gboolean
seg_report_page_is_updating (SegReportPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_PAGE (self), FALSE);

  return self->build_cancellable != NULL || self->rebuild_timeout != 0;
}

guint
seg_report_page_get_page (SegReportPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_PAGE (self), 0);

  return self->page;
}

void
seg_report_page_set_page (SegReportPage *self,
                          guint          page)
{
  g_return_if_fail (SEG_IS_REPORT_PAGE (self));

  _seg_report_page_show_page (self, page);
}

/**
 * seg_report_page_get_zoom:
 *
 * Returns: the preview's zoom as a fraction of actual size (1.0 = 100 %), as shown
 */
double
seg_report_page_get_zoom (SegReportPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_PAGE (self), 0.0);

  return _seg_report_page_effective_zoom (self);
}

/**
 * seg_report_page_get_present_window:
 *
 * Returns: (transfer none) (nullable): the Present mode window, while it is open
 */
GtkWindow *
seg_report_page_get_present_window (SegReportPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_PAGE (self), NULL);

  return self->present;
}

/**
 * seg_report_page_export_to:
 * @what: what to write
 * @file: where; a local file, whose extension says the format of segment definitions
 *   and charts
 * @cancellable: (nullable): cancels the export, as the page's Cancel button does
 * @callback: (nullable): called when the export ended
 * @user_data: for @callback
 *
 * Exports as the page's buttons do after the file chooser: in a worker, with progress on
 * the page, a toast when done and a dialog on errors.  Charts are drawn with the kind and
 * size chosen on the page.  Fails with %G_IO_ERROR_BUSY while another export runs.
 */
void
seg_report_page_export_to (SegReportPage       *self,
                           SegReportExport      what,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SegReportChart chart = { 0, };
  GError *error = NULL;
  PageExport *data;

  g_return_if_fail (SEG_IS_REPORT_PAGE (self));
  g_return_if_fail (what <= SEG_REPORT_EXPORT_PRESET);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* No source object: a worker must never drop the last reference to a widget. The task's
   * data holds the page, and the task ends on the main thread. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, seg_report_page_export_to);
  data = g_new0 (PageExport, 1);
  data->page = g_object_ref (self);
  data->what = what;
  g_task_set_task_data (task, data, (GDestroyNotify) page_export_free);

  /* What cannot start is not told on the page, only to the caller. */
  if (self->exporter == NULL)
    {
      /* Disposed: the page has let go of its project and its exporter. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No project is open."));
      return;
    }
  if (!seg_report_exporter_can_export (self->exporter, self->project, file, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->exporter = g_object_ref (self->exporter);

  if (what == SEG_REPORT_EXPORT_CHART)
    {
      guint size = MIN (gtk_drop_down_get_selected (self->chart_size_dropdown),
                        G_N_ELEMENTS (chart_sizes) - 1);

      chart.kind = chosen_chart (self);
      chart.width = chart_sizes[size].width;
      chart.height = chart_sizes[size].height;
      chart.scale = gtk_check_button_get_active (self->chart_hidpi_check) ? 2.0 : 1.0;
    }

  /* The report on screen is the one written, when it is of the project as it is. */
  seg_report_exporter_export_async (self->exporter, self->project,
                                    doc_is_current (self) ? self->doc : NULL, what, file,
                                    &chart, cancellable, on_exported, g_steal_pointer (&task));
}

/**
 * seg_report_page_export_finish:
 *
 * Returns: %TRUE when the file was written
 */
gboolean
seg_report_page_export_finish (SegReportPage  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (SEG_IS_REPORT_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == seg_report_page_export_to,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * seg_report_page_export_pdf_to:
 * @file: a local PDF file
 * @format: the report or the slides
 *
 * seg_report_page_export_to() for %SEG_REPORT_EXPORT_PDF or %SEG_REPORT_EXPORT_SLIDES;
 * finish with seg_report_page_export_finish().
 */
void
seg_report_page_export_pdf_to (SegReportPage       *self,
                               GFile               *file,
                               ScReportFormat       format,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  seg_report_page_export_to (self, format == SC_REPORT_FORMAT_SLIDES ? SEG_REPORT_EXPORT_SLIDES
                                                                     : SEG_REPORT_EXPORT_PDF,
                             file, cancellable, callback, user_data);
}
