/* seg-brief-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Brief page: the project brief as GNOME preferences rows.  Every row saves on apply
 * (Enter or its apply button): the page copies the brief it last read, changes that one
 * part and hands the whole brief to the project, which saves it in one transaction as an
 * undoable edit.  The project then says the brief changed, and the page reads it again in
 * a worker (the KPIs' baselines read every customer's figures).  KPIs and stakeholders are
 * typed as the CLI takes them ("repeat rate = 40%", "Ana Ruiz, Sales, sponsor") and parsed
 * by the same core functions, so both accept and refuse the same text. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-brief-page.h"
#include "seg-project-loader.h"
#include "seg-widget-util.h"

struct _SegBriefPage
{
  AdwBin                parent_instance;

  AdwEntryRow          *objective_row;
  GtkMenuButton        *suggestions_button;
  AdwEntryRow          *goal_row;
  AdwPreferencesGroup  *kpi_group;
  AdwEntryRow          *add_kpi_row;
  AdwPreferencesGroup  *people_group;
  AdwEntryRow          *add_person_row;
  AdwEntryRow          *scope_row;
  AdwEntryRow          *review_row;
  AdwEntryRow          *currency_row;

  SegProjectLoader      load;          /* the project and the brief being read */
  ScBrief              *brief;
  GPtrArray            *kpi_rows;      /* the rows shown for the brief's lists */
  GPtrArray            *person_rows;
};

G_DEFINE_FINAL_TYPE (SegBriefPage, seg_brief_page, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------------------------ */
/* Showing the brief                                                                           */

/* Only a part that changed in the project is written into its row: text typed into
 * another row and not applied yet stays. */
static void
set_row_text (AdwEntryRow *row,
              gboolean     first,
              const char  *before,
              const char  *text)
{
  const char *now = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!first && g_strcmp0 (before, text) == 0)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (g_strcmp0 (now, text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
remove_button_new (const char *action,
                   guint       index,
                   const char *accessible_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  return button;
}

/* The lists' rows go before the row that adds to them. */
static void
add_list_row (AdwPreferencesGroup *group,
              AdwEntryRow         *add_row,
              GPtrArray           *rows,
              GtkWidget           *row)
{
  g_object_ref (add_row);
  adw_preferences_group_remove (group, GTK_WIDGET (add_row));
  adw_preferences_group_add (group, row);
  adw_preferences_group_add (group, GTK_WIDGET (add_row));
  g_object_unref (add_row);
  g_ptr_array_add (rows, row);
}

static void
show_kpis (SegBriefPage *self)
{
  clear_rows (self->kpi_group, self->kpi_rows);
  for (guint i = 0; self->brief != NULL && i < self->brief->kpis->len; i++)
    {
      const ScBriefKpi *k = &g_array_index (self->brief->kpis, ScBriefKpi, i);
      g_autofree char *baseline = sc_brief_format_kpi_value (self->brief, k->name, k->baseline);
      g_autofree char *target = sc_brief_format_kpi_value (self->brief, k->name, k->target);
      g_autofree char *subtitle = NULL;
      g_autofree char *remove = g_strdup_printf (_("Remove %s"), k->name);
      GtkWidget *row = adw_action_row_new ();
      const char *id = sc_brief_kpi_id (k->name);

      if (id != NULL)
        /* Translators: a KPI's value in the data now, and its target */
        subtitle = g_strdup_printf (_("Now %s · target %s"), baseline, target);
      else
        /* Translators: a KPI the data cannot measure, and its target */
        subtitle = g_strdup_printf (_("Target %s · not measured from the data"), target);
      /* What people typed is text, not Pango markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     id != NULL ? sc_brief_kpi_label (id) : k->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 remove_button_new ("brief.remove-kpi", i, remove));
      add_list_row (self->kpi_group, self->add_kpi_row, self->kpi_rows, row);
    }
}

static void
show_people (SegBriefPage *self)
{
  clear_rows (self->people_group, self->person_rows);
  for (guint i = 0; self->brief != NULL && i < self->brief->stakeholders->len; i++)
    {
      const ScStakeholder *s = &g_array_index (self->brief->stakeholders, ScStakeholder, i);
      const char *role = sc_stakeholder_role_to_label (s->role);
      g_autofree char *subtitle = s->team != NULL ? g_strdup_printf ("%s · %s", s->team, role)
                                                  : g_strdup (role);
      g_autofree char *remove = g_strdup_printf (_("Remove %s"), s->name);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 remove_button_new ("brief.remove-stakeholder", i, remove));
      add_list_row (self->people_group, self->add_person_row, self->person_rows, row);
    }
}

/* Shows self->brief, which replaced @before (NULL: nothing was shown). */
static void
show_brief (SegBriefPage  *self,
            const ScBrief *before)
{
  const ScBrief *b = self->brief;
  gboolean first = before == NULL || b == NULL;

#define PART(brief, field) ((brief) != NULL ? (brief)->field : NULL)
  set_row_text (self->objective_row, first, PART (before, objective), PART (b, objective));
  set_row_text (self->goal_row, first, PART (before, goal), PART (b, goal));
  set_row_text (self->scope_row, first, PART (before, scope), PART (b, scope));
  set_row_text (self->review_row, first, PART (before, review_date), PART (b, review_date));
  set_row_text (self->currency_row, first, PART (before, currency), PART (b, currency));
#undef PART
  show_kpis (self);
  show_people (self);
  gtk_widget_set_sensitive (adw_bin_get_child (ADW_BIN (self)), b != NULL);
}

static void
replace_brief (SegBriefPage *self,
               ScBrief      *brief)
{
  g_autoptr(ScBrief) before = g_steal_pointer (&self->brief);

  self->brief = brief;
  show_brief (self, before);
}

static void
on_brief_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SegBriefPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScBrief) brief = sc_project_load_brief_finish (SC_PROJECT (source), result, &error);

  /* A later load or another project replaced this one. */
  if (!seg_project_loader_finish (&self->load, result, error))
    return;
  if (brief == NULL)
    {
      seg_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  replace_brief (self, g_steal_pointer (&brief));
}

static void
reload (SegBriefPage *self)
{
  seg_project_loader_stop (&self->load);
  if (self->load.project == NULL)
    return;
  sc_project_load_brief_async (self->load.project, seg_project_loader_start (&self->load),
                               on_brief_loaded, g_object_ref (self));
}

/* Baselines follow the data and the segments; snapshots change neither. */
static void
on_project_changed (SegBriefPage *self,
                    guint         parts)
{
  if (parts & ~SC_PROJECT_PART_SNAPSHOTS)
    reload (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Saving                                                                                      */

typedef gboolean (*EditFunc) (ScBrief     *brief,
                              const char  *text,
                              GError     **error);

/* Changes a copy of the brief with @edit and saves it; on a problem the row turns red and
 * keeps the text so it can be corrected. */
static gboolean
save_edit (SegBriefPage *self,
           AdwEntryRow  *row,
           EditFunc      edit)
{
  g_autoptr(ScBrief) brief = NULL;
  g_autoptr(GError) error = NULL;

  if (self->load.project == NULL || self->brief == NULL)
    return FALSE;
  brief = sc_brief_copy (self->brief);
  if (!edit (brief, gtk_editable_get_text (GTK_EDITABLE (row)), &error) ||
      !sc_project_set_brief (self->load.project, brief, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      seg_widget_show_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  /* Shown at once; the reload the project triggers adds the baselines. */
  replace_brief (self, g_steal_pointer (&brief));
  return TRUE;
}

static gboolean
edit_objective (ScBrief *b, const char *text, GError **error)
{
  sc_brief_set_text (&b->objective, text);
  return TRUE;
}

static gboolean
edit_goal (ScBrief *b, const char *text, GError **error)
{
  sc_brief_set_text (&b->goal, text);
  return TRUE;
}

static gboolean
edit_scope (ScBrief *b, const char *text, GError **error)
{
  sc_brief_set_text (&b->scope, text);
  return TRUE;
}

static gboolean
edit_review_date (ScBrief *b, const char *text, GError **error)
{
  sc_brief_set_text (&b->review_date, text);
  return sc_brief_check_date (b->review_date, error);
}

static gboolean
edit_currency (ScBrief *b, const char *text, GError **error)
{
  g_autofree char *up = g_ascii_strup (text, -1);

  sc_brief_set_text (&b->currency, up);
  return sc_brief_check_currency (b->currency, error);
}

static gboolean
edit_add_kpi (ScBrief *b, const char *text, GError **error)
{
  g_autofree char *name = NULL;
  double target;

  if (!sc_brief_parse_kpi (text, &name, &target, error))
    return FALSE;
  sc_brief_add_kpi (b, name, target);
  return TRUE;
}

static gboolean
edit_add_person (ScBrief *b, const char *text, GError **error)
{
  ScStakeholder s;

  if (!sc_brief_parse_stakeholder (text, &s, error))
    return FALSE;
  g_array_append_val (b->stakeholders, s);
  return TRUE;
}

static void
on_apply (AdwEntryRow  *row,
          SegBriefPage *self)
{
  static const struct { gsize offset; EditFunc edit; } rows[] = {
    { G_STRUCT_OFFSET (SegBriefPage, objective_row), edit_objective },
    { G_STRUCT_OFFSET (SegBriefPage, goal_row), edit_goal },
    { G_STRUCT_OFFSET (SegBriefPage, scope_row), edit_scope },
    { G_STRUCT_OFFSET (SegBriefPage, review_row), edit_review_date },
    { G_STRUCT_OFFSET (SegBriefPage, currency_row), edit_currency },
    { G_STRUCT_OFFSET (SegBriefPage, add_kpi_row), edit_add_kpi },
    { G_STRUCT_OFFSET (SegBriefPage, add_person_row), edit_add_person },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (G_STRUCT_MEMBER (AdwEntryRow *, self, rows[i].offset) == row)
      {
        /* An added KPI or stakeholder is a row of its own now: the entry is free again. */
        if (save_edit (self, row, rows[i].edit) &&
            (row == self->add_kpi_row || row == self->add_person_row))
          gtk_editable_set_text (GTK_EDITABLE (row), "");
        return;
      }
}

static void
remove_item (SegBriefPage *self,
             GArray       *(*list) (ScBrief *),
             guint         index)
{
  g_autoptr(ScBrief) brief = NULL;
  g_autoptr(GError) error = NULL;
  GArray *items;

  if (self->load.project == NULL || self->brief == NULL)
    return;
  brief = sc_brief_copy (self->brief);
  items = list (brief);
  if (index >= items->len)
    return;
  g_array_remove_index (items, index);
  if (!sc_project_set_brief (self->load.project, brief, &error))
    seg_widget_show_toast (GTK_WIDGET (self), error->message);
}

static GArray *
kpis_of (ScBrief *brief)
{
  return brief->kpis;
}

static GArray *
people_of (ScBrief *brief)
{
  return brief->stakeholders;
}

static void
remove_kpi_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  remove_item (SEG_BRIEF_PAGE (widget), kpis_of, g_variant_get_uint32 (parameter));
}

static void
remove_stakeholder_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  remove_item (SEG_BRIEF_PAGE (widget), people_of, g_variant_get_uint32 (parameter));
}

static void
use_objective_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SegBriefPage *self = SEG_BRIEF_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->objective_row),
                         g_variant_get_string (parameter, NULL));
  save_edit (self, self->objective_row, edit_objective);
}

/* ------------------------------------------------------------------------------------------ */

static void
seg_brief_page_dispose (GObject *object)
{
  SegBriefPage *self = SEG_BRIEF_PAGE (object);

  seg_brief_page_set_project (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_BRIEF_PAGE);
  G_OBJECT_CLASS (seg_brief_page_parent_class)->dispose (object);
}

static void
seg_brief_page_finalize (GObject *object)
{
  SegBriefPage *self = SEG_BRIEF_PAGE (object);

  g_clear_pointer (&self->brief, sc_brief_free);
  g_clear_pointer (&self->kpi_rows, g_ptr_array_unref);
  g_clear_pointer (&self->person_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (seg_brief_page_parent_class)->finalize (object);
}

static void
seg_brief_page_class_init (SegBriefPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_brief_page_dispose;
  object_class->finalize = seg_brief_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-brief-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegBriefPage, objective_row);
  gtk_widget_class_bind_template_child (widget_class, SegBriefPage, suggestions_button);
  gtk_widget_class_bind_template_child (widget_class, SegBriefPage, goal_row);
  gtk_widget_class_bind_template_child (widget_class, SegBriefPage, kpi_group);
  gtk_widget_class_bind_template_child (widget_class, SegBriefPage, add_kpi_row);
  gtk_widget_class_bind_template_child (widget_class, SegBriefPage, people_group);
  gtk_widget_class_bind_template_child (widget_class, SegBriefPage, add_person_row);
  gtk_widget_class_bind_template_child (widget_class, SegBriefPage, scope_row);
  gtk_widget_class_bind_template_child (widget_class, SegBriefPage, review_row);
  gtk_widget_class_bind_template_child (widget_class, SegBriefPage, currency_row);

  gtk_widget_class_install_action (widget_class, "brief.remove-kpi", "u", remove_kpi_action);
  gtk_widget_class_install_action (widget_class, "brief.remove-stakeholder", "u",
                                   remove_stakeholder_action);
  gtk_widget_class_install_action (widget_class, "brief.use-objective", "s",
                                   use_objective_action);
}

static void
seg_brief_page_init (SegBriefPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  const char * const *suggestions = sc_brief_objective_suggestions ();
  AdwEntryRow *rows[7];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->kpi_rows = g_ptr_array_new ();
  self->person_rows = g_ptr_array_new ();

  for (guint i = 0; suggestions[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

      g_menu_item_set_action_and_target_value (item, "brief.use-objective",
                                               g_variant_new_string (suggestions[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->suggestions_button, G_MENU_MODEL (menu));

  rows[0] = self->objective_row;
  rows[1] = self->goal_row;
  rows[2] = self->scope_row;
  rows[3] = self->review_row;
  rows[4] = self->currency_row;
  rows[5] = self->add_kpi_row;
  rows[6] = self->add_person_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect (rows[i], "apply", G_CALLBACK (on_apply), self);
  gtk_widget_set_sensitive (adw_bin_get_child (ADW_BIN (self)), FALSE);
}

void
seg_brief_page_set_project (SegBriefPage *self,
                            ScProject    *project)
{
  g_return_if_fail (SEG_IS_BRIEF_PAGE (self));

  if (!seg_project_loader_set_project (&self->load, project, G_CALLBACK (on_project_changed),
                                       self))
    return;
  g_clear_pointer (&self->brief, sc_brief_free);
  if (self->kpi_rows != NULL)
    show_brief (self, NULL);
  reload (self);
}

const ScBrief *
seg_brief_page_get_brief (SegBriefPage *self)
{
  g_return_val_if_fail (SEG_IS_BRIEF_PAGE (self), NULL);
  return self->brief;
}
