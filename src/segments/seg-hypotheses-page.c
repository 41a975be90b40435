/* seg-hypotheses-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Hypotheses page: a guided form stating "customers with ⟨group⟩ have a higher/lower
 * ⟨measure⟩ than the rest", the project's hypotheses with their verdicts, and suggestions
 * from the customer list.  The choices come from the project (its categorical attributes
 * and segments); testing runs through sc_project_test_hypotheses_async(), again after every
 * change of the project or of its hypotheses, a newer test cancelling an older one.  The
 * categories are read in a worker too (the customer list of a large project is slow to open):
 * until they are there the form offers the segments only. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-hypotheses-page.h"
#include "seg-project-loader.h"
#include "seg-row-words.h"
#include "seg-widget-util.h"

struct _SegHypothesesPage
{
  AdwBin              parent_instance;

  AdwComboRow        *group_row;
  AdwComboRow        *value_row;
  AdwComboRow        *metric_row;
  AdwComboRow        *direction_row;
  GtkLabel           *form_hint;
  GtkButton          *add_button;
  GtkSpinner         *spinner;
  GtkListBox         *hypotheses_list;
  GtkListBox         *suggestions_list;

  SegProjectLoader    load;            /* the project and the test running */
  GCancellable       *choices_load;    /* the categories being read, if so */
  GPtrArray          *categories;      /* of ScCategory */
  GPtrArray          *segment_names;   /* of char * */
  ScHypothesisReport *report;
  gboolean            stale;           /* the project changed while the page was not shown */
};

G_DEFINE_FINAL_TYPE (SegHypothesesPage, seg_hypotheses_page, ADW_TYPE_BIN)

/* What the group drop-down's item at index is: an attribute, the segments or interactions. */
static ScHypothesisGroup
group_at (SegHypothesesPage *self,
          guint              index)
{
  guint n_attributes = self->categories != NULL ? self->categories->len : 0;
  gboolean has_segments = self->segment_names != NULL && self->segment_names->len > 0;

  if (index < n_attributes)
    return SC_HYPOTHESIS_GROUP_ATTRIBUTE;
  if (has_segments && index == n_attributes)
    return SC_HYPOTHESIS_GROUP_SEGMENT;
  return SC_HYPOTHESIS_GROUP_INTERACTION;
}

static void
update_values (SegHypothesesPage *self)
{
  guint index = adw_combo_row_get_selected (self->group_row);
  g_autoptr(GtkStringList) values = gtk_string_list_new (NULL);
  ScHypothesisGroup group = group_at (self, index);

  if (group == SC_HYPOTHESIS_GROUP_ATTRIBUTE && index != GTK_INVALID_LIST_POSITION)
    {
      ScCategory *c = g_ptr_array_index (self->categories, index);

      for (guint l = 0; c->levels[l] != NULL; l++)
        gtk_string_list_append (values, c->levels[l]);
    }
  else if (group == SC_HYPOTHESIS_GROUP_SEGMENT)
    for (guint s = 0; s < self->segment_names->len; s++)
      gtk_string_list_append (values, g_ptr_array_index (self->segment_names, s));

  adw_combo_row_set_model (self->value_row, G_LIST_MODEL (values));
  if (group == SC_HYPOTHESIS_GROUP_INTERACTION)
    gtk_label_set_text (self->form_hint, _("No interactions imported: hypotheses about "
                                           "interactions need an interactions file, which "
                                           "cannot be imported yet."));
  else
    gtk_label_set_text (self->form_hint, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            self->load.project != NULL && group != SC_HYPOTHESIS_GROUP_INTERACTION &&
                            g_list_model_get_n_items (G_LIST_MODEL (values)) > 0);
}

/* Fills the group drop-down from the categories and segments known so far. */
static void
show_choices (SegHypothesesPage *self)
{
  g_autoptr(GtkStringList) groups = gtk_string_list_new (NULL);

  for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
    gtk_string_list_append (groups, ((ScCategory *) g_ptr_array_index (self->categories, i))->name);
  if (self->segment_names->len > 0)
    gtk_string_list_append (groups, _("Segment"));
  gtk_string_list_append (groups, _("Interaction type"));
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (groups));
  adw_combo_row_set_selected (self->group_row, 0);
  update_values (self);
}

static void
on_categories_listed (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SegHypothesesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *categories = sc_project_list_categories_finish (SC_PROJECT (source), result,
                                                             &error);

  if (seg_project_load_is_dropped (result, error))
    {
      g_clear_pointer (&categories, g_ptr_array_unref);
      return;
    }
  g_clear_object (&self->choices_load);
  if (categories == NULL)
    g_warning ("Cannot read the customer list: %s", error->message);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  self->categories = categories;
  show_choices (self);
}

static void
load_choices (SegHypothesesPage *self)
{
  GListModel *segments;

  if (self->choices_load != NULL)
    g_cancellable_cancel (self->choices_load);
  g_clear_object (&self->choices_load);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->segment_names, g_ptr_array_unref);
  self->segment_names = g_ptr_array_new_with_free_func (g_free);
  if (self->load.project != NULL)
    {
      segments = sc_project_get_segments (self->load.project);
      for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
        {
          g_autoptr(ScSegment) segment = g_list_model_get_item (segments, i);

          g_ptr_array_add (self->segment_names, g_strdup (sc_segment_get_name (segment)));
        }
      self->choices_load = g_cancellable_new ();
      sc_project_list_categories_async (self->load.project, self->choices_load,
                                        on_categories_listed, g_object_ref (self));
    }
  show_choices (self);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void start_test (SegHypothesesPage *self);

/* After an edit of the hypotheses: tests them again, or tells why the edit failed. */
static void
edited (SegHypothesesPage *self,
        gboolean           done,
        const char        *failure,
        const GError      *error)
{
  if (!done)
    {
      seg_show_error_dialog (seg_widget_get_window (GTK_WIDGET (self)), failure, error->message);
      return;
    }
  start_test (self);
}

static void
add_hypothesis (SegHypothesesPage  *self,
                const ScHypothesis *hypothesis)
{
  g_autoptr(GError) error = NULL;
  gboolean added = sc_project_add_hypothesis (self->load.project, hypothesis, &error) != 0;

  edited (self, added, _("The hypothesis could not be added"), error);
}

static void
on_remove_clicked (GtkButton         *button,
                   SegHypothesesPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "hypothesis-id");
  g_autoptr(GError) error = NULL;
  gboolean removed = sc_project_remove_hypothesis (self->load.project, id, &error);

  edited (self, removed, _("The hypothesis could not be removed"), error);
}

static void
on_suggestion_clicked (GtkButton         *button,
                       SegHypothesesPage *self)
{
  add_hypothesis (self, g_object_get_data (G_OBJECT (button), "hypothesis"));
}

static GtkWidget *
result_row (const ScHypothesisResult *r,
            const char               *title,
            const char               *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* Ends @row with @button, named @name for assistive technologies, and adds it to @list. */
static void
append_with_button (SegHypothesesPage *self,
                    GtkListBox        *list,
                    GtkWidget         *row,
                    GtkWidget         *button,
                    const char        *name,
                    GCallback          on_clicked)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect_object (button, "clicked", on_clicked, self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_append (list, row);
}

static void
show_report (SegHypothesesPage *self)
{
  clear_list (self->hypotheses_list);
  clear_list (self->suggestions_list);
  if (self->report == NULL)
    return;

  for (guint i = 0; i < self->report->results->len; i++)
    {
      const ScHypothesisResult *r = g_ptr_array_index (self->report->results, i);
      GtkWidget *row = result_row (r, r->statement, r->sentence);
      GtkWidget *verdict = gtk_label_new (sc_hypothesis_verdict_to_label (r->verdict));
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gint64 *id = g_new (gint64, 1);

      gtk_widget_set_valign (verdict, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (verdict, r->verdict == SC_HYPOTHESIS_SUPPORTED ? "success"
                                         : "dim-label");
      gtk_widget_add_css_class (verdict, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), verdict);

      *id = r->hypothesis.id;
      g_object_set_data_full (G_OBJECT (remove), "hypothesis-id", id, g_free);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Hypothesis"));
      append_with_button (self, self->hypotheses_list, row, remove, _("Remove Hypothesis"),
                          G_CALLBACK (on_remove_clicked));
    }
  if (self->report->results->len == 0)
    gtk_list_box_append (self->hypotheses_list,
                         result_row (NULL, _("No hypotheses yet"),
                                     _("State one above, or add a suggestion below.")));

  for (guint i = 0; i < self->report->suggestions->len; i++)
    {
      const ScHypothesisResult *r = g_ptr_array_index (self->report->suggestions, i);
      GtkWidget *row = result_row (r, r->statement, r->sentence);
      GtkWidget *add = gtk_button_new_with_label (_("Add"));
      g_autofree char *name = g_strdup_printf (_("Add hypothesis: %s"), r->statement);

      g_object_set_data_full (G_OBJECT (add), "hypothesis", sc_hypothesis_copy (&r->hypothesis),
                              (GDestroyNotify) sc_hypothesis_free);
      append_with_button (self, self->suggestions_list, row, add, name,
                          G_CALLBACK (on_suggestion_clicked));
    }
  if (self->report->suggestions->len == 0)
    gtk_list_box_append (self->suggestions_list,
                         result_row (NULL, _("No suggestions"),
                                     _("No value of the customer list stands out clearly.")));
}

static void
on_tested (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SegHypothesesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ScHypothesisReport *report;

  report = sc_project_test_hypotheses_finish (SC_PROJECT (source), result, &error);
  if (!seg_project_loader_finish (&self->load, result, error))
    {
      g_clear_pointer (&report, sc_hypothesis_report_free);
      return;
    }

  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->report, sc_hypothesis_report_free);
  self->report = report;
  if (report == NULL && !g_error_matches (error, SC_ERROR, SC_ERROR_NO_DATA))
    seg_widget_show_toast (GTK_WIDGET (self), error->message);
  show_report (self);
}

static void
start_test (SegHypothesesPage *self)
{
  seg_project_loader_stop (&self->load);
  if (self->load.project == NULL)
    {
      g_clear_pointer (&self->report, sc_hypothesis_report_free);
      show_report (self);
      return;
    }

  gtk_spinner_start (self->spinner);
  sc_project_test_hypotheses_async (self->load.project, TRUE,
                                    seg_project_loader_start (&self->load), on_tested,
                                    g_object_ref (self));
}

static void
on_add_clicked (SegHypothesesPage *self)
{
  guint group_index = adw_combo_row_get_selected (self->group_row);
  GtkStringObject *value = adw_combo_row_get_selected_item (self->value_row);
  g_auto(ScHypothesis) h = { 0 };

  if (self->load.project == NULL || value == NULL)
    return;

  h.group = group_at (self, group_index);
  if (h.group == SC_HYPOTHESIS_GROUP_ATTRIBUTE)
    h.attribute = g_strdup (((ScCategory *) g_ptr_array_index (self->categories,
                                                                group_index))->name);
  h.value = g_strdup (gtk_string_object_get_string (value));
  h.metric = adw_combo_row_get_selected (self->metric_row);
  h.direction = adw_combo_row_get_selected (self->direction_row) == 1 ? SC_HYPOTHESIS_LOWER
                                                                       : SC_HYPOTHESIS_HIGHER;
  add_hypothesis (self, &h);
}

/* Testing reads every customer's figures: at 1M customers a worker busy for a second or
 * more, which an edit on another page (a rename, a merge) would otherwise start each time
 * and which competes with that page for the cores.  A page not shown is only marked stale
 * and tests again when it is shown. */
static void
on_project_changed (SegHypothesesPage *self)
{
  if (self->load.project != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      seg_project_loader_stop (&self->load);
      return;
    }
  self->stale = FALSE;
  load_choices (self);
  start_test (self);
}

static void
seg_hypotheses_page_map (GtkWidget *widget)
{
  SegHypothesesPage *self = SEG_HYPOTHESES_PAGE (widget);

  GTK_WIDGET_CLASS (seg_hypotheses_page_parent_class)->map (widget);
  if (self->stale)
    on_project_changed (self);
}

static void
seg_hypotheses_page_dispose (GObject *object)
{
  SegHypothesesPage *self = SEG_HYPOTHESES_PAGE (object);

  seg_project_loader_clear (&self->load);
  if (self->choices_load != NULL)
    g_cancellable_cancel (self->choices_load);
  g_clear_object (&self->choices_load);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->segment_names, g_ptr_array_unref);
  g_clear_pointer (&self->report, sc_hypothesis_report_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_HYPOTHESES_PAGE);

  G_OBJECT_CLASS (seg_hypotheses_page_parent_class)->dispose (object);
}

static void
seg_hypotheses_page_class_init (SegHypothesesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_hypotheses_page_dispose;
  widget_class->map = seg_hypotheses_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-hypotheses-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegHypothesesPage, group_row);
  gtk_widget_class_bind_template_child (widget_class, SegHypothesesPage, value_row);
  gtk_widget_class_bind_template_child (widget_class, SegHypothesesPage, metric_row);
  gtk_widget_class_bind_template_child (widget_class, SegHypothesesPage, direction_row);
  gtk_widget_class_bind_template_child (widget_class, SegHypothesesPage, form_hint);
  gtk_widget_class_bind_template_child (widget_class, SegHypothesesPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, SegHypothesesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SegHypothesesPage, hypotheses_list);
  gtk_widget_class_bind_template_child (widget_class, SegHypothesesPage, suggestions_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
}

static void
seg_hypotheses_page_init (SegHypothesesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The choice shows as the row's subtitle, whole; the popup lists the choices whole. */
  {
    g_autoptr(GtkListItemFactory) factory = seg_string_factory_new (TRUE);
    g_autoptr(GtkListItemFactory) list_factory = seg_string_factory_new (FALSE);

    adw_combo_row_set_factory (self->group_row, factory);
    adw_combo_row_set_list_factory (self->group_row, list_factory);
  }
  g_signal_connect_object (self->group_row, "notify::selected", G_CALLBACK (update_values),
                           self, G_CONNECT_SWAPPED);
  load_choices (self);
}

/**
 * seg_hypotheses_page_set_project:
 * @project: (nullable): the window's project
 */
void
seg_hypotheses_page_set_project (SegHypothesesPage *self,
                                 ScProject         *project)
{
  g_return_if_fail (SEG_IS_HYPOTHESES_PAGE (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));

  if (!seg_project_loader_set_project (&self->load, project, G_CALLBACK (on_project_changed),
                                       self))
    return;
  on_project_changed (self);
}

/* Whether a test of the hypotheses runs or the form's choices are being read. */
gboolean
seg_hypotheses_page_is_testing (SegHypothesesPage *self)
{
  g_return_val_if_fail (SEG_IS_HYPOTHESES_PAGE (self), FALSE);

  return seg_project_loader_is_loading (&self->load) || self->choices_load != NULL;
}

/**
 * seg_hypotheses_page_get_report:
 *
 * Returns: (transfer none) (nullable): what the last test found
 */
const ScHypothesisReport *
seg_hypotheses_page_get_report (SegHypothesesPage *self)
{
  g_return_val_if_fail (SEG_IS_HYPOTHESES_PAGE (self), NULL);

  return self->report;
}
