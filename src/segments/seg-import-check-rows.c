/* seg-import-check-rows.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rows the import check page (seg-import-check-page.c) shows a file's figures in: a
 * title with a selectable figure, a count, and the import's notes one per row. */

#include "config.h"

#include "seg-format.h"
#include "seg-import-check-private.h"
#include "seg-row-words.h"

GtkWidget *
_seg_check_value_row (AdwPreferencesGroup *group,
                      const char          *title,
                      const char          *value,
                      const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  /* A long value (the period) wraps between its words rather than take the title's room. */
  seg_row_wrap_words (ADW_ACTION_ROW (row), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  return row;
}

void
_seg_check_count_row (AdwPreferencesGroup *group,
                      const char          *title,
                      guint64              count,
                      const char          *subtitle)
{
  g_autofree char *value = seg_format_count (count);

  _seg_check_value_row (group, title, value, subtitle);
}

void
_seg_check_note_rows (AdwPreferencesGroup *group,
                      const char          *notes)
{
  g_auto(GStrv) lines = NULL;

  if (notes == NULL || *notes == '\0')
    return;
  lines = g_strsplit (notes, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      GtkWidget *row;

      if (*lines[i] == '\0')
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lines[i]);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-information-symbolic"));
      adw_preferences_group_add (group, row);
    }
}
