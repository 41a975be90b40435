/* seg-segments-page-edits.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The segments page's editor.* actions: field, priority and divider edits, which are quick
 * and run at once, and the edits that change who is in which segment (merge, split, move a
 * customer, fold the outliers), which run in a worker of the project
 * (sc_project_reshape_async()) while the page says it is busy.  Each reports problems in
 * one way, through the page. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-format.h"
#include "seg-segments-page-private.h"
#include "seg-widget-util.h"

static void
set_field_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *value = NULL;
  gint64 id;
  int field;

  g_variant_get (parameter, "(xim&s)", &id, &field, &value);
  if (self->project == NULL)
    return;
  if (!sc_project_set_segment_field (self->project, id, (ScSegmentField) field, value, &error))
    _seg_segments_page_show_error (self, _("Could Not Save the Change"), error);
}

static void
accept_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  ScSegmentChanges changes = { .accept_suggested = TRUE };

  if (self->project == NULL)
    return;
  if (sc_project_edit_segment (self->project, g_variant_get_int64 (parameter), &changes, &error))
    _seg_segments_page_show_toast (self, _("Suggested plan accepted"), TRUE);
  else
    _seg_segments_page_show_error (self, _("Could Not Accept the Plan"), error);
}

static void
set_priority (SegSegmentsPage *self,
              gint64           id,
              guint            rank)
{
  g_autoptr(GError) error = NULL;

  if (!sc_project_set_segment_priority (self->project, id, rank, &error))
    _seg_segments_page_show_error (self, _("Could Not Change the Priority"), error);
}

static void
set_priority_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScRun *run = _seg_segments_page_get_run (self);
  gint64 id;
  guint rank;

  g_variant_get (parameter, "(xu)", &id, &rank);
  if (run == NULL)
    return;

  /* A dragged row is selected, so that it can be followed with the keyboard. */
  for (guint s = 0; s < run->n_segments; s++)
    if (run->segments[s].id == id)
      {
        if (run->segments[s].priority == rank)
          return;
        seg_selection_set_position (self->selection, (int) s);
      }
  set_priority (self, id, rank);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScRun *run = _seg_segments_page_get_run (self);
  const ScSegmentInfo *info = _seg_segments_page_selected_info (self);
  g_autofree guint *order = NULL;
  int delta = g_str_equal (action_name, "editor.move-up") ? -1 : 1;
  guint rank = 0;

  if (info == NULL)
    return;
  order = sc_run_priority_order (run);
  for (guint i = 0; i < run->n_segments; i++)
    if (order[i] == info->position)
      rank = i + 1;
  if (rank == 0 || (delta < 0 && rank == 1) || (delta > 0 && rank == run->n_segments))
    return;
  set_priority (self, info->id, (guint) ((int) rank + delta));
}

static void
set_thresholds_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  double value = NAN, potential = NAN;

  if (parameter != NULL)
    g_variant_get (parameter, "(dd)", &value, &potential);
  else if (g_str_equal (action_name, "editor.apply-thresholds"))
    {
      value = gtk_spin_button_get_value (self->value_spin);
      potential = gtk_spin_button_get_value (self->potential_spin);
    }
  if (self->project == NULL)
    return;
  if (!sc_project_set_thresholds (self->project, value, potential, &error))
    _seg_segments_page_show_error (self, _("Could Not Move the Dividers"), error);
}

/* Structural edits ------------------------------------------------------------------------- */

typedef struct
{
  SegSegmentsPage *self;
  char            *done;         /* the toast when it worked */
  const char      *heading;      /* the error dialog's heading otherwise */
} Reshape;

static void
on_reshape_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Reshape *reshape = user_data;
  g_autoptr(SegSegmentsPage) self = reshape->self;
  g_autofree char *done = reshape->done;
  const char *heading = reshape->heading;
  g_autoptr(GError) error = NULL;

  g_free (reshape);
  _seg_segments_page_end_work (self);

  if (sc_project_reshape_finish (SC_PROJECT (source), result, &error))
    _seg_segments_page_show_toast (self, done, TRUE);
  else
    {
      g_clear_pointer (&self->select_after, g_free);
      _seg_segments_page_show_error (self, heading, error);
    }
}

static void
start_reshape (SegSegmentsPage *self,
               ScReshape        kind,
               const guint     *positions,
               guint            n_positions,
               const guint32   *customers,
               guint            n_customers,
               const char      *select_after,
               char            *done,
               const char      *heading,
               const char      *working)
{
  Reshape *reshape = g_new0 (Reshape, 1);

  /* Text typed for a segment is saved before the segments change under it. */
  seg_segment_details_commit (self->details);

  reshape->self = g_object_ref (self);
  reshape->done = done;
  reshape->heading = heading;
  g_free (self->select_after);
  self->select_after = g_strdup (select_after);
  _seg_segments_page_begin_work (self, working);
  sc_project_reshape_async (self->project, kind, positions, n_positions, customers, n_customers,
                            self->cancellable, on_reshape_done, reshape);
}

/* The segment a merge keeps the fields of, as sc_edit_merge() chooses it. */
static guint
merge_target (const ScRun *run,
              const guint *positions,
              guint        n)
{
  guint target = positions[0];

  for (guint i = 1; i < n; i++)
    {
      const ScSegmentInfo *s = &run->segments[positions[i]];
      const ScSegmentInfo *t = &run->segments[target];

      if ((t->is_outliers && !s->is_outliers) ||
          (s->is_outliers == t->is_outliers &&
           (s->size > t->size || (s->size == t->size && positions[i] < target))))
        target = positions[i];
    }
  return target;
}

static void
merge_positions (SegSegmentsPage *self,
                 const guint     *positions,
                 guint            n)
{
  const ScRun *run = _seg_segments_page_get_run (self);
  guint target;

  if (run == NULL || n < 2)
    return;
  for (guint i = 0; i < n; i++)
    if (positions[i] >= run->n_segments)
      return;
  target = merge_target (run, positions, n);
  start_reshape (self, SC_RESHAPE_MERGE, positions, n, NULL, 0, run->segments[target].name,
                 /* Translators: %s is a segment name */
                 g_strdup_printf (_("Merged into “%s”"), run->segments[target].name),
                 _("Could Not Merge the Segments"), _("Merging segments…"));
}

static void
merge_segments_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  gsize n = 0;
  const guint32 *positions = g_variant_get_fixed_array (parameter, &n, sizeof (guint32));
  g_autofree guint *copy = g_new (guint, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    copy[i] = positions[i];
  merge_positions (self, copy, (guint) n);
}

static void
on_merge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   SegSegmentsPage  *self)
{
  GtkListBox *box = g_object_get_data (G_OBJECT (dialog), "seg-list");
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  const ScSegmentInfo *info = _seg_segments_page_selected_info (self);

  if (!g_str_equal (response, "merge") || info == NULL)
    return;

  g_array_append_val (positions, info->position);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "seg-check");
      guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "seg-position"));

      if (check != NULL && gtk_check_button_get_active (check))
        g_array_append_val (positions, position);
    }
  merge_positions (self, (guint *) positions->data, positions->len);
}

static void
on_merge_check_toggled (AdwMessageDialog *dialog)
{
  GtkListBox *box = g_object_get_data (G_OBJECT (dialog), "seg-list");
  gboolean any = FALSE;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "seg-check");

      any |= check != NULL && gtk_check_button_get_active (check);
    }
  adw_message_dialog_set_response_enabled (dialog, "merge", any);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScRun *run = _seg_segments_page_get_run (self);
  const ScSegmentInfo *info = _seg_segments_page_selected_info (self);
  g_autofree guint *order = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *scrolled, *box;

  if (info == NULL)
    return;

  /* Translators: %s is a segment name */
  body = g_strdup_printf (_("Choose the segments to merge with “%s”. The merged segment keeps "
                            "the name and plan of the largest."), info->name);
  dialog = seg_question_dialog_new (seg_widget_get_window (widget), _("Merge Segments"), body,
                                    "merge", _("_Merge"), ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge", FALSE);

  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Segments to merge"), -1);
  order = sc_run_priority_order (run);
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *other = &run->segments[order[i]];
      g_autofree char *count = NULL;
      g_autofree char *size = NULL;
      GtkWidget *row, *check;

      if (other->position == info->position)
        continue;
      count = seg_format_count (other->size);
      size = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers",
                                           other->size), count);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), other->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
      check = gtk_check_button_new ();
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      other->name, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "seg-check", check);
      g_object_set_data (G_OBJECT (row), "seg-position", GUINT_TO_POINTER (other->position));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_merge_check_toggled), dialog);
      gtk_list_box_append (GTK_LIST_BOX (box), row);
    }
  g_object_set_data (G_OBJECT (dialog), "seg-list", box);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScSegmentInfo *info = _seg_segments_page_selected_info (self);
  guint position;

  if (info == NULL)
    return;
  position = info->position;
  /* The larger half keeps the name. */
  start_reshape (self, SC_RESHAPE_SPLIT, &position, 1, NULL, 0, info->name,
                 /* Translators: %s is a segment name */
                 g_strdup_printf (_("Split “%s” in two"), info->name),
                 _("Could Not Split the Segment"), _("Splitting the segment…"));
}

static void
fold_outliers_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScSegmentInfo *info = _seg_segments_page_selected_info (self);

  if (_seg_segments_page_get_run (self) == NULL)
    return;
  start_reshape (self, SC_RESHAPE_FOLD_OUTLIERS, NULL, 0, NULL, 0,
                 info != NULL && !info->is_outliers ? info->name : NULL,
                 g_strdup (_("Outliers folded into the nearest segments")),
                 _("Could Not Fold the Outliers"), _("Folding the outliers…"));
}

/* Moving a customer: find the customer, then move ------------------------------------------ */

/* What a search's callback needs: the page, held until then, the key and the segment. */
typedef struct
{
  SegSegmentsPage *self;
  char            *key;
  guint            to;
} FindCall;

static void
find_call_free (FindCall *call)
{
  g_clear_object (&call->self);
  g_free (call->key);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FindCall, find_call_free)

static void
on_customer_found (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FindCall) data = user_data;
  SegSegmentsPage *self = data->self;
  g_autoptr(GError) error = NULL;
  const ScRun *run;
  const ScSegmentInfo *info;
  guint32 customer;

  _seg_segments_page_end_work (self);
  if (!sc_project_find_customer_finish (SC_PROJECT (source), result, &customer, &error))
    {
      _seg_segments_page_show_error (self, _("Could Not Move the Customer"), error);
      return;
    }

  run = _seg_segments_page_get_run (self);
  if (run == NULL || SC_PROJECT (source) != self->project || data->to >= run->n_segments)
    return;
  if (customer < run->n_customers && run->labels[customer] == data->to)
    {
      g_autoptr(GError) same = NULL;

      /* Translators: a customer id, then a segment name */
      same = g_error_new (SC_ERROR, SC_ERROR_INVALID_INPUT, _("“%s” is already in “%s”."),
                          data->key, run->segments[data->to].name);
      _seg_segments_page_show_error (self, _("Could Not Move the Customer"), same);
      return;
    }

  info = _seg_segments_page_selected_info (self);
  start_reshape (self, SC_RESHAPE_MOVE_CUSTOMERS, &data->to, 1, &customer, 1,
                 info != NULL ? info->name : NULL,
                 /* Translators: a customer id, then a segment name */
                 g_strdup_printf (_("Moved “%s” to “%s”"), data->key,
                                  run->segments[data->to].name),
                 _("Could Not Move the Customer"), _("Moving the customer…"));
}

static void
move_customer_to (SegSegmentsPage *self,
                  const char      *key,
                  guint            to)
{
  FindCall *call;

  if (self->project == NULL || key == NULL || *key == '\0')
    return;

  call = g_new0 (FindCall, 1);
  call->self = g_object_ref (self);
  call->key = g_strstrip (g_strdup (key));
  call->to = to;

  _seg_segments_page_begin_work (self, _("Finding the customer…"));
  sc_project_find_customer_async (self->project, call->key, self->cancellable,
                                  on_customer_found, call);
}

static void
move_customer_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  const char *key;
  guint to;

  g_variant_get (parameter, "(&su)", &key, &to);
  move_customer_to (SEG_SEGMENTS_PAGE (widget), key, to);
}

static void
on_move_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SegSegmentsPage  *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "seg-entry");
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "seg-dropdown");
  GArray *positions = g_object_get_data (G_OBJECT (dialog), "seg-positions");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (!g_str_equal (response, "move") || selected >= positions->len)
    return;
  move_customer_to (self, gtk_editable_get_text (entry),
                    g_array_index (positions, guint, selected));
}

static void
on_move_entry_changed (AdwMessageDialog *dialog,
                       GtkEditable      *entry)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "move", *key != '\0');
}

static void
move_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScRun *run = _seg_segments_page_get_run (self);
  const ScSegmentInfo *info = _seg_segments_page_selected_info (self);
  const char *key = parameter != NULL ? g_variant_get_string (parameter, NULL) : "";
  g_autofree guint *order = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkWidget *dialog, *box, *entry, *dropdown, *label;
  guint initial = 0;

  if (run == NULL)
    return;

  order = sc_run_priority_order (run);
  for (guint i = 0; i < run->n_segments; i++)
    {
      gtk_string_list_append (names, run->segments[order[i]].name);
      g_array_append_val (positions, order[i]);
    }
  /* A customer picked from a segment goes elsewhere; one typed in comes here. */
  for (guint i = 0; info != NULL && i < run->n_segments; i++)
    if ((*key == '\0') == (order[i] == info->position))
      {
        initial = i;
        break;
      }

  dialog = seg_question_dialog_new (seg_widget_get_window (widget), _("Move a Customer"),
                                    _("Type the customer’s id as it appears in your files and "
                                      "choose the segment the customer belongs in."),
                                    "move", _("_Move"), ADW_RESPONSE_SUGGESTED);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("Customer _id"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), key);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);

  label = gtk_label_new_with_mnemonic (_("Move _to"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), initial);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), dropdown);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data (G_OBJECT (dialog), "seg-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "seg-dropdown", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "seg-positions", positions,
                          (GDestroyNotify) g_array_unref);
  on_move_entry_changed (ADW_MESSAGE_DIALOG (dialog), GTK_EDITABLE (entry));
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_move_entry_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_move_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
_seg_segments_page_class_init_edits (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.set-field", "(xims)", set_field_action);
  gtk_widget_class_install_action (widget_class, "editor.accept-plan", "x", accept_plan_action);
  gtk_widget_class_install_action (widget_class, "editor.set-priority", "(xu)",
                                   set_priority_action);
  gtk_widget_class_install_action (widget_class, "editor.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "editor.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "editor.set-thresholds", "(dd)",
                                   set_thresholds_action);
  gtk_widget_class_install_action (widget_class, "editor.apply-thresholds", NULL,
                                   set_thresholds_action);
  gtk_widget_class_install_action (widget_class, "editor.reset-thresholds", NULL,
                                   set_thresholds_action);
  gtk_widget_class_install_action (widget_class, "editor.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "editor.merge-segments", "au",
                                   merge_segments_action);
  gtk_widget_class_install_action (widget_class, "editor.split", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "editor.move-customer", "s",
                                   move_customer_action);
  gtk_widget_class_install_action (widget_class, "editor.move-customer-to", "(su)",
                                   move_customer_to_action);
  gtk_widget_class_install_action (widget_class, "editor.fold-outliers", NULL,
                                   fold_outliers_action);
}
