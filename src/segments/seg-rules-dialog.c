/* seg-rules-dialog.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The "Rules" dialog of the overlay view: the rule segments in first-match order, each
 * removable, and a form to add one.  While the condition is typed, the customers it matches
 * are counted against an #ScRuleContext loaded once when the dialog opens (the attributes
 * and figures of every customer in memory), so a count is one pass over arrays; a rule that
 * cannot be read shows the parser's message, which names the position, under the entry.
 * Adding and deleting are one transaction each and emit ::rules-changed. */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-project-overlay.h"
#include "seg-format.h"
#include "seg-rules-dialog.h"
#include "seg-widget-util.h"

struct _SegRulesDialog
{
  AdwWindow            parent_instance;

  ScProject           *project;
  ScRuleContext       *context;     /* NULL when the project could not be read */
  AdwPreferencesGroup *rules_group;
  GPtrArray           *rule_rows;
  AdwEntryRow         *name_row;
  AdwEntryRow         *expression_row;
  GtkLabel            *count_label;
  GtkLabel            *error_label;
  GtkButton           *add_button;
};

enum {
  RULES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SegRulesDialog, seg_rules_dialog, ADW_TYPE_WINDOW)

static void fill_rules (SegRulesDialog *self);

static void
show_error (SegRulesDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The live count: what the typed condition matches now. */
static void
update_count (SegRulesDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *expression = gtk_editable_get_text (GTK_EDITABLE (self->expression_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (expression));
  gint64 n;

  if (self->context == NULL || *clean == '\0')
    {
      gtk_label_set_text (self->count_label, "");
      show_error (self, NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
      return;
    }
  n = sc_rule_context_count (self->context, *name != '\0' ? name : _("New rule"), expression,
                             &error);
  if (n < 0)
    {
      gtk_label_set_text (self->count_label, "");
      show_error (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
      return;
    }
  count = seg_format_count ((guint64) n);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer matches",
                                       "%s customers match", (gulong) n), count);
  gtk_label_set_text (self->count_label, text);
  show_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), *name != '\0');
}

static void
on_add (SegRulesDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *expression = gtk_editable_get_text (GTK_EDITABLE (self->expression_row));

  if (sc_project_add_rule (self->project, name, expression, NULL, &error) == 0)
    {
      show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->expression_row), "");
  fill_rules (self);
  g_signal_emit (self, signals[RULES_CHANGED], 0);
}

static void
on_delete (GtkButton      *button,
           SegRulesDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = g_object_get_data (G_OBJECT (button), "seg-rule");

  if (!sc_project_delete_rule (self->project, name, &error))
    {
      seg_show_error_dialog (GTK_WINDOW (self), _("Could not delete the rule"), error->message);
      return;
    }
  fill_rules (self);
  g_signal_emit (self, signals[RULES_CHANGED], 0);
}

static void
fill_rules (SegRulesDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = sc_project_list_rules (self->project, &error);

  for (guint i = 0; i < self->rule_rows->len; i++)
    adw_preferences_group_remove (self->rules_group, g_ptr_array_index (self->rule_rows, i));
  g_ptr_array_set_size (self->rule_rows, 0);

  if (rules == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_group_set_description (self->rules_group, escaped);
      return;
    }
  adw_preferences_group_set_description (self->rules_group,
                                         rules->len == 0
                                         ? _("No rules yet. A customer belongs to the first "
                                             "rule it matches.")
                                         : _("A customer belongs to the first rule it matches, "
                                             "in this order."));
  for (guint i = 0; i < rules->len; i++)
    {
      const ScRuleInfo *info = g_ptr_array_index (rules, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *assigned = seg_format_count (info->assigned);
      g_autofree char *matching = seg_format_count (info->matching);
      g_autofree char *counts = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;

      /* Translators: customers a rule gets (first match), then customers it matches */
      counts = g_strdup_printf (_("%s customers, of %s matching"), assigned, matching);
      subtitle = g_strdup_printf ("%s\n%s", info->expression, counts);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* Translators: %s is a rule's name */
      label = g_strdup_printf (_("Delete rule “%s”"), info->name);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "seg-rule", g_strdup (info->name), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_delete), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->rules_group, row);
      g_ptr_array_add (self->rule_rows, row);
    }
}

static GtkWidget *
build_form (SegRulesDialog *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *example;
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;

  adw_preferences_group_set_title (group, _("New Rule"));
  if (self->context != NULL)
    {
      fields = sc_rule_context_list_fields (self->context);
      g_ptr_array_add (fields, NULL);
      joined = g_strjoinv (", ", (char **) fields->pdata);
      /* Translators: %s lists the fields a rule can name */
      description = g_strdup_printf (_("Fields: %s. Operators: = != < <= > >= in contains, "
                                       "with and, or, not."), joined);
      /* Group descriptions are markup: the operators hold "<", the fields any name. */
      escaped = g_markup_escape_text (description, -1);
      adw_preferences_group_set_description (group, escaped);
    }

  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  adw_preferences_group_add (group, GTK_WIDGET (self->name_row));
  self->expression_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* A short title that a phone at large text shows whole; the example is a line of its own
   * below, which wraps (issue 19). */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expression_row), _("Condition"));
  adw_preferences_group_add (group, GTK_WIDGET (self->expression_row));
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->expression_row, "changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));

  example = gtk_label_new (_("For example: employees >= 1000"));
  gtk_label_set_xalign (GTK_LABEL (example), 0.0);
  gtk_label_set_wrap (GTK_LABEL (example), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (example), PANGO_WRAP_WORD);
  gtk_widget_add_css_class (example, "caption");
  gtk_widget_add_css_class (example, "dim-label");
  gtk_box_append (GTK_BOX (box), example);

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->count_label, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "numeric");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->expression_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, example,
                                  self->count_label, NULL, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->count_label));
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0.0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  self->add_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add Rule")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Rule"),
                                  -1);
  gtk_widget_set_halign (GTK_WIDGET (self->add_button), GTK_ALIGN_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->add_button), "suggested-action");
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (on_add), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_button));
  return box;
}

static void
build (SegRulesDialog *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  g_autoptr(GError) error = NULL;

  gtk_box_append (GTK_BOX (outer), adw_header_bar_new ());
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (outer), scrolled);
  adw_window_set_content (ADW_WINDOW (self), outer);

  self->context = sc_project_rule_context_new (self->project, &error);
  self->rules_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->rules_group, _("Rule Segments"));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->rules_group));
  gtk_box_append (GTK_BOX (content), build_form (self));
  if (self->context == NULL)
    show_error (self, error->message);
  fill_rules (self);
}

static void
seg_rules_dialog_dispose (GObject *object)
{
  SegRulesDialog *self = SEG_RULES_DIALOG (object);

  g_clear_pointer (&self->context, sc_rule_context_free);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (seg_rules_dialog_parent_class)->dispose (object);
}

static void
seg_rules_dialog_finalize (GObject *object)
{
  SegRulesDialog *self = SEG_RULES_DIALOG (object);

  g_ptr_array_unref (self->rule_rows);

  G_OBJECT_CLASS (seg_rules_dialog_parent_class)->finalize (object);
}

static void
seg_rules_dialog_class_init (SegRulesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_rules_dialog_dispose;
  object_class->finalize = seg_rules_dialog_finalize;

  /**
   * SegRulesDialog::rules-changed:
   *
   * Emitted after a rule was added or deleted (each one transaction).
   */
  signals[RULES_CHANGED] = g_signal_new ("rules-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seg_rules_dialog_init (SegRulesDialog *self)
{
  self->rule_rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Rules"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

/**
 * seg_rules_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @project: the project whose rules it edits
 *
 * Returns: (transfer floating): a new dialog, not yet shown
 */
GtkWidget *
seg_rules_dialog_new (GtkWindow *parent,
                      ScProject *project)
{
  SegRulesDialog *self;

  g_return_val_if_fail (SC_IS_PROJECT (project), NULL);

  self = g_object_new (SEG_TYPE_RULES_DIALOG, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  self->project = g_object_ref (project);
  build (self);
  return GTK_WIDGET (self);
}
