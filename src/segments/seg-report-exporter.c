/* seg-report-exporter.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The exports of the Report page: the report and the slides as PDF, the activation list,
 * the segment definitions and the charts, and the file chooser that asks where.  It is an
 * object of its own, not a widget, so that no worker ever holds a widget.
 *
 * Exports run one at a time, in workers with their own connection to the project
 * (sc_project_export_async(), the report's seg_report_doc_save_pdf_async()).  The export's
 * GTask has no source object; its data holds the exporter, and every callback that can drop
 * the task last runs on the main thread.  The running export's job is
 * the "job" property: the page binds its progress bar to it while it is set. */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-project-export.h"
#include "seg-format.h"
#include "seg-report-exporter.h"
#include "seg-widget-util.h"

struct _SegReportExporter
{
  GObject               parent_instance;

  ScJob                *job;              /* of the export running, if any */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GFile                *export_folder;    /* where the last export went */
  ScPresetOptions       preset;           /* for SEG_REPORT_EXPORT_PRESET */
  char                 *preset_segment;   /* the one segment chosen, or NULL for all */
};

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

enum {
  FILE_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SegReportExporter, seg_report_exporter, G_TYPE_OBJECT)

typedef struct
{
  SegReportExporter *exporter;
  SegReportExport    what;
  ScJob             *job;
  GCancellable      *cancellable;
  GFile             *file;
  ScProject         *project;
  char              *path;
  char              *display_name;
  SegReportChart     chart;
  guint64            written;
  guint64            excluded;
  ScPresetOptions    preset;
  char              *preset_segment;
  ScPresetResult     preset_result;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->exporter);
  g_clear_object (&data->job);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->file);
  g_clear_object (&data->project);
  g_free (data->path);
  g_free (data->display_name);
  g_free (data->preset_segment);
  g_free (data);
}

typedef struct
{
  const char *name;        /* for people */
  const char *mime_type;
  const char *extension;   /* with the dot */
} FileType;

static const FileType pdf_types[] = { { N_("PDF Document"), "application/pdf", ".pdf" } };
static const FileType csv_types[] = { { N_("CSV Table"), "text/csv", ".csv" } };
static const FileType segments_types[] = {
  { N_("JSON Document"), "application/json", ".json" },
  { N_("CSV Table"), "text/csv", ".csv" },
};
static const FileType chart_types[] = {
  { N_("PNG Image"), "image/png", ".png" },
  { N_("SVG Image"), "image/svg+xml", ".svg" },
  { N_("PDF Document"), "application/pdf", ".pdf" },
};

/* What each kind of export is called in messages, and the files it writes. */
typedef struct
{
  const char     *chooser_title;
  const char     *error_heading;
  const char     *start_message;
  const FileType *types;
  guint           n_types;
} ExportKind;

static const ExportKind export_kinds[] = {
  [SEG_REPORT_EXPORT_PDF] = { N_("Export Report"),
                              N_("Could Not Export the Report"),
                              N_("Exporting the report…"),
                              pdf_types, G_N_ELEMENTS (pdf_types) },
  [SEG_REPORT_EXPORT_SLIDES] = { N_("Export Slides"),
                                 N_("Could Not Export the Slides"),
                                 N_("Exporting the slides…"),
                                 pdf_types, G_N_ELEMENTS (pdf_types) },
  [SEG_REPORT_EXPORT_ACTIVATION] = { N_("Export Activation List"),
                                     N_("Could Not Export the Activation List"),
                                     N_("Exporting the activation list…"),
                                     csv_types, G_N_ELEMENTS (csv_types) },
  [SEG_REPORT_EXPORT_SEGMENTS] = { N_("Export Segment Definitions"),
                                   N_("Could Not Export the Segment Definitions"),
                                   N_("Exporting the segment definitions…"),
                                   segments_types, G_N_ELEMENTS (segments_types) },
  [SEG_REPORT_EXPORT_CHART] = { N_("Export Chart"),
                                N_("Could Not Export the Chart"),
                                N_("Exporting the chart…"),
                                chart_types, G_N_ELEMENTS (chart_types) },
  [SEG_REPORT_EXPORT_PRESET] = { N_("Export for Another Tool"),
                                 N_("Could Not Export the File for Another Tool"),
                                 N_("Exporting the file for another tool…"),
                                 csv_types, G_N_ELEMENTS (csv_types) },
};

/* ------------------------------------------------------------------------------------------ */
/* Messages                                                                                   */

/**
 * seg_report_export_error_heading:
 *
 * Returns: the heading of the dialog telling that an export of @what failed
 */
const char *
seg_report_export_error_heading (SegReportExport what)
{
  g_return_val_if_fail (what < G_N_ELEMENTS (export_kinds), NULL);

  return _(export_kinds[what].error_heading);
}

static char *
export_done_message (const ExportData *data)
{
  switch (data->what)
    {
    case SEG_REPORT_EXPORT_PDF:
      /* Translators: %s is a file name */
      return g_strdup_printf (_("Report saved as “%s”"), data->display_name);
    case SEG_REPORT_EXPORT_SLIDES:
      /* Translators: %s is a file name */
      return g_strdup_printf (_("Slides saved as “%s”"), data->display_name);
    case SEG_REPORT_EXPORT_SEGMENTS:
      /* Translators: %s is a file name */
      return g_strdup_printf (_("Segment definitions saved as “%s”"), data->display_name);
    case SEG_REPORT_EXPORT_CHART:
      /* Translators: %s is a file name */
      return g_strdup_printf (_("Chart saved as “%s”"), data->display_name);
    case SEG_REPORT_EXPORT_PRESET:
      {
        const ScPresetResult *r = &data->preset_result;
        g_autofree char *written = seg_format_count (r->written);
        g_autofree char *excluded = seg_format_count (r->excluded_consent);

        if (!r->consent_known)
          /* Translators: %s is a number of customers, then a tool's name ("HubSpot") */
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s customer exported for %s; no consent "
                                               "information",
                                               "%s customers exported for %s; no consent "
                                               "information", r->written),
                                  written, sc_export_preset_to_label (data->preset.preset));
        /* Translators: a number of customers written, a tool's name, a number left out:
         * "1,234 customers exported for HubSpot; 56 without consent left out" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s customer exported for %s; %s without consent "
                                             "left out",
                                             "%s customers exported for %s; %s without consent "
                                             "left out", r->written),
                                written, sc_export_preset_to_label (data->preset.preset),
                                excluded);
      }
    case SEG_REPORT_EXPORT_ACTIVATION:
      {
        g_autofree char *written = seg_format_count (data->written);
        g_autofree char *excluded = seg_format_count (data->excluded);

        if (data->excluded == 0)
          /* Translators: %s is a number of customers */
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer exported",
                                               "%s customers exported", data->written),
                                  written);
        /* Translators: the first %s is a number of customers written, the second of
         * customers left out: "12,345 customers exported; 678 without consent left out" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s customer exported; %s without consent left out",
                                             "%s customers exported; %s without consent left out",
                                             data->written),
                                written, excluded);
      }
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Running an export                                                                          */

static void
set_job (SegReportExporter *self,
         ScJob             *job,
         GCancellable      *cancellable)
{
  g_set_object (&self->cancellable, cancellable);
  if (g_set_object (&self->job, job))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

/* Ends the export of task and hands the result on to whoever asked. */
static void
finish_export (GTask  *task,
               GError *error)
{
  ExportData *data = g_task_get_task_data (task);

  if (data->exporter->job == data->job)
    set_job (data->exporter, NULL, NULL);

  if (error == NULL)
    g_task_return_pointer (task, export_done_message (data), g_free);
  else
    g_task_return_error (task, error);
}

static void
on_pdf_saved (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  seg_report_doc_save_pdf_finish (SEG_REPORT_DOC (source), result, &error);
  finish_export (task, error);
}

static void
on_export_doc_built (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SegReportDoc) doc = NULL;
  ExportData *data = g_task_get_task_data (task);
  GError *error = NULL;

  doc = seg_report_doc_new_finish (result, &error);
  if (doc == NULL)
    {
      finish_export (task, error);
      return;
    }

  seg_report_doc_save_pdf_async (doc, data->file, data->job, data->cancellable, on_pdf_saved,
                                 g_steal_pointer (&task));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  ScExportRequest done = { 0, };
  GError *error = NULL;

  if (sc_project_export_finish (SC_PROJECT (source), result, &done, &error))
    {
      data->written = done.n_written;
      data->excluded = done.n_excluded;
      data->preset_result = done.preset_result;
    }
  finish_export (task, error);
}

static void
start_project_export (GTask *task)
{
  ExportData *data = g_task_get_task_data (task);
  ScExportRequest request = { .path = data->path };

  switch (data->what)
    {
    case SEG_REPORT_EXPORT_ACTIVATION:
      request.kind = SC_EXPORT_ASSIGNMENTS;
      break;
    case SEG_REPORT_EXPORT_SEGMENTS:
      request.kind = SC_EXPORT_SEGMENTS;
      break;
    case SEG_REPORT_EXPORT_CHART:
      request.kind = SC_EXPORT_CHART;
      request.chart = data->chart.kind;
      request.width = data->chart.width;
      request.height = data->chart.height;
      request.scale = data->chart.scale;
      request.dark = FALSE;
      break;
    case SEG_REPORT_EXPORT_PRESET:
      {
        const char *one[] = { data->preset_segment, NULL };

        request.kind = SC_EXPORT_PRESET;
        request.preset = data->preset;
        /* copied by sc_project_export_async() */
        request.preset.segments = data->preset_segment != NULL ? one : NULL;
        sc_project_export_async (data->project, &request, data->job, data->cancellable,
                                 on_exported, task);
        return;
      }
    case SEG_REPORT_EXPORT_PDF:
    case SEG_REPORT_EXPORT_SLIDES:
    default:
      g_assert_not_reached ();
    }

  sc_project_export_async (data->project, &request, data->job, data->cancellable, on_exported,
                           task);
}

/* ------------------------------------------------------------------------------------------ */
/* Choosing where to export                                                                   */

static gboolean
has_extension (const char     *name,
               const FileType *types,
               guint           n)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < n; i++)
    if (g_str_has_suffix (lower, types[i].extension))
      return TRUE;
  return FALSE;
}

static char *
suggested_name (SegReportExport  what,
                const char      *title,
                ScChartKind      chart,
                ScExportPreset   preset)
{
  switch (what)
    {
    case SEG_REPORT_EXPORT_PDF:
      /* Translators: a file name; %s is the project's name */
      return g_strdup_printf (_("%s Report.pdf"), title);
    case SEG_REPORT_EXPORT_SLIDES:
      /* Translators: a file name; %s is the project's name */
      return g_strdup_printf (_("%s Slides.pdf"), title);
    case SEG_REPORT_EXPORT_ACTIVATION:
      /* Translators: a file name; %s is the project's name */
      return g_strdup_printf (_("%s Activation.csv"), title);
    case SEG_REPORT_EXPORT_SEGMENTS:
      /* Translators: a file name; %s is the project's name */
      return g_strdup_printf (_("%s Segments.json"), title);
    case SEG_REPORT_EXPORT_CHART:
      return g_strdup_printf ("%s.png", sc_chart_kind_to_title (chart));
    case SEG_REPORT_EXPORT_PRESET:
      /* Translators: a file name; the project's name, then a tool's ("HubSpot") */
      return g_strdup_printf (_("%s for %s.csv"), title, sc_export_preset_to_label (preset));
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(SegReportExporter) self = user_data;
  SegReportExport what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "what"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  const FileType *types;
  guint n;

  if (response == GTK_RESPONSE_ACCEPT && self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL)
    {
      types = export_kinds[what].types;
      n = export_kinds[what].n_types;
      name = g_file_get_basename (file);

      /* A name typed without an extension takes the one of the chosen file type. */
      if (!has_extension (name, types, n))
        {
          GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
          const char *filter_name = filter != NULL ? gtk_file_filter_get_name (filter) : NULL;
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *with_extension = NULL;
          guint chosen = 0;

          for (guint i = 0; i < n; i++)
            if (g_strcmp0 (filter_name, _(types[i].name)) == 0)
              chosen = i;
          with_extension = g_strconcat (name, types[chosen].extension, NULL);
          g_object_unref (file);
          file = g_file_get_child (parent, with_extension);
        }

      g_clear_object (&self->export_folder);
      self->export_folder = g_file_get_parent (file);
    }

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
  if (file != NULL)
    g_signal_emit (self, signals[FILE_CHOSEN], 0, (int) what, file);
}

/* ------------------------------------------------------------------------------------------ */

static void
seg_report_exporter_dispose (GObject *object)
{
  SegReportExporter *self = SEG_REPORT_EXPORTER (object);

  seg_report_exporter_cancel (self);
  seg_report_exporter_close_chooser (self);

  G_OBJECT_CLASS (seg_report_exporter_parent_class)->dispose (object);
}

static void
seg_report_exporter_finalize (GObject *object)
{
  SegReportExporter *self = SEG_REPORT_EXPORTER (object);

  g_clear_object (&self->job);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->export_folder);
  g_free (self->preset_segment);

  G_OBJECT_CLASS (seg_report_exporter_parent_class)->finalize (object);
}

static void
seg_report_exporter_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SegReportExporter *self = SEG_REPORT_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_report_exporter_class_init (SegReportExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_report_exporter_dispose;
  object_class->finalize = seg_report_exporter_finalize;
  object_class->get_property = seg_report_exporter_get_property;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, SC_TYPE_JOB,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegReportExporter::file-chosen:
   * @what: the #SegReportExport asked for
   * @file: the file chosen, with an extension
   *
   * The file chooser of seg_report_exporter_choose_file() was accepted.
   */
  signals[FILE_CHOSEN] = g_signal_new ("file-chosen", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_FILE);
}

static void
seg_report_exporter_init (SegReportExporter *self)
{
}

SegReportExporter *
seg_report_exporter_new (void)
{
  return g_object_new (SEG_TYPE_REPORT_EXPORTER, NULL);
}

/**
 * seg_report_exporter_get_job:
 *
 * Returns: (transfer none) (nullable): the job of the export running, if any
 */
ScJob *
seg_report_exporter_get_job (SegReportExporter *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_EXPORTER (self), NULL);

  return self->job;
}

/**
 * seg_report_exporter_can_export:
 * @project: (nullable): the project to export from
 * @file: where to write
 *
 * Returns: whether an export of @project to @file can start now; %G_IO_ERROR_BUSY while
 *   another export runs
 */
gboolean
seg_report_exporter_can_export (SegReportExporter  *self,
                                ScProject          *project,
                                GFile              *file,
                                GError            **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (SEG_IS_REPORT_EXPORTER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (project == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No project is open."));
      return FALSE;
    }
  if (self->job != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("Another export is still running."));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Exports can only be saved in local folders."));
      return FALSE;
    }
  return TRUE;
}

/**
 * seg_report_exporter_export_async:
 * @project: the project to export from
 * @doc: (nullable): the report laid out for the project as it is now, written when it is of
 *   the format asked for instead of laying it out again
 * @what: what to write
 * @file: where; a local file, whose extension says the format of segment definitions
 *   and charts
 * @chart: (nullable): the chart, for %SEG_REPORT_EXPORT_CHART
 * @cancellable: (nullable): cancels the export, as seg_report_exporter_cancel() does
 *
 * Exports in a worker; the job is the "job" property while it runs.  Fails with
 * %G_IO_ERROR_BUSY while another export runs.
 */
void
seg_report_exporter_export_async (SegReportExporter    *self,
                                  ScProject            *project,
                                  SegReportDoc         *doc,
                                  SegReportExport       what,
                                  GFile                *file,
                                  const SegReportChart *chart,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) own_cancellable = NULL;
  g_autoptr(ScJob) job = NULL;
  GError *error = NULL;
  ExportData *data;

  g_return_if_fail (SEG_IS_REPORT_EXPORTER (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));
  g_return_if_fail (doc == NULL || SEG_IS_REPORT_DOC (doc));
  g_return_if_fail (what <= SEG_REPORT_EXPORT_PRESET);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (what != SEG_REPORT_EXPORT_CHART || chart != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* No source object: the exporter is held by the task's data instead. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, seg_report_exporter_export_async);

  if (!seg_report_exporter_can_export (self, project, file, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job = sc_job_new ();
  sc_job_update (job, 0.0, _(export_kinds[what].start_message));
  own_cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();

  data = g_new0 (ExportData, 1);
  data->exporter = g_object_ref (self);
  data->what = what;
  data->job = g_object_ref (job);
  data->cancellable = g_object_ref (own_cancellable);
  data->file = g_object_ref (file);
  data->project = g_object_ref (project);
  data->display_name = g_file_get_basename (file);
  data->path = g_file_get_path (file);
  if (chart != NULL)
    data->chart = *chart;
  data->preset = self->preset;
  data->preset.segments = NULL;
  data->preset_segment = g_strdup (self->preset_segment);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  set_job (self, job, own_cancellable);

  if (what == SEG_REPORT_EXPORT_PDF || what == SEG_REPORT_EXPORT_SLIDES)
    {
      ScReportFormat format = what == SEG_REPORT_EXPORT_SLIDES ? SC_REPORT_FORMAT_SLIDES
                                                               : SC_REPORT_FORMAT_A4;

      if (doc != NULL && seg_report_doc_get_format (doc) == format)
        seg_report_doc_save_pdf_async (doc, file, job, own_cancellable, on_pdf_saved,
                                       g_steal_pointer (&task));
      else
        seg_report_doc_new_async (project, format, own_cancellable, on_export_doc_built,
                                  g_steal_pointer (&task));
    }
  else
    start_project_export (g_steal_pointer (&task));
}

/**
 * seg_report_exporter_export_finish:
 *
 * Returns: (transfer full): a message for people saying what was written, or %NULL on
 *   errors
 */
char *
seg_report_exporter_export_finish (SegReportExporter  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (SEG_IS_REPORT_EXPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        seg_report_exporter_export_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * seg_report_exporter_cancel:
 *
 * Cancels the export running, if any.
 */
void
seg_report_exporter_cancel (SegReportExporter *self)
{
  g_return_if_fail (SEG_IS_REPORT_EXPORTER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/**
 * seg_report_exporter_choose_file:
 * @parent: (nullable): the window the chooser is modal for
 * @what: what is to be exported
 * @project_title: the project's name, for the suggested file name
 * @chart: the chart chosen, for the suggested file name of a chart
 *
 * Asks where to export; "file-chosen" tells the answer.  A chooser still open is closed.
 */
void
seg_report_exporter_choose_file (SegReportExporter *self,
                                 GtkWindow         *parent,
                                 SegReportExport    what,
                                 const char        *project_title,
                                 ScChartKind        chart)
{
  g_autofree char *name = NULL;
  const ExportKind *kind;

  g_return_if_fail (SEG_IS_REPORT_EXPORTER (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (what <= SEG_REPORT_EXPORT_PRESET);

  seg_report_exporter_close_chooser (self);

  kind = &export_kinds[what];
  self->chooser = seg_file_chooser_new (_(kind->chooser_title), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"));
  g_object_set_data (G_OBJECT (self->chooser), "what", GINT_TO_POINTER (what));

  for (guint i = 0; i < kind->n_types; i++)
    {
      const FileType *type = &kind->types[i];
      g_autoptr(GtkFileFilter) filter = seg_file_filter_new (_(type->name), type->mime_type,
                                                             type->extension + 1);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }

  if (self->export_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), self->export_folder,
                                         NULL);
  name = suggested_name (what, project_title, chart, self->preset.preset);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * seg_report_exporter_close_chooser:
 *
 * Closes the file chooser, if one is open, as if it was cancelled.
 */
void
seg_report_exporter_close_chooser (SegReportExporter *self)
{
  g_return_if_fail (SEG_IS_REPORT_EXPORTER (self));

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
}

/**
 * seg_report_exporter_set_preset:
 * @options: the preset, byte order mark, line ends, changes only and whether a project
 *   without consent information may be exported; @options->segments names one segment
 *   (by number or name) or is %NULL for all
 *
 * Sets what the next %SEG_REPORT_EXPORT_PRESET writes (and the file name suggested for it).
 */
void
seg_report_exporter_set_preset (SegReportExporter     *self,
                                const ScPresetOptions *options)
{
  g_return_if_fail (SEG_IS_REPORT_EXPORTER (self));
  g_return_if_fail (options != NULL);

  self->preset = *options;
  self->preset.segments = NULL;
  g_free (self->preset_segment);
  self->preset_segment = options->segments != NULL ? g_strdup (options->segments[0]) : NULL;
}
