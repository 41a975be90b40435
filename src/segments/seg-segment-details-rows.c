/* seg-segment-details-rows.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rows of figures the details refill (profile, what sets the segment apart, typical
 * customers), reused from one refill to the next.
 *
 * A refill reuses the rows of the last one in order, as long as each is of the kind and in
 * the group the next row wants; from the first that is not, the rest are replaced.  Setting
 * the same title again changes nothing, so refilling after an edit (or when a worker's
 * figures arrive) relays out only the rows whose text changed, not the whole form. */

#include "config.h"

#include "seg-segment-details-private.h"
#include "seg-segment-quality-private.h"

void
_seg_segment_details_drop_rows (SegSegmentDetails *self,
                                guint              from)
{
  g_autoptr(GPtrArray) dropped = g_ptr_array_new ();

  for (guint i = from; i < self->added_rows->len; i++)
    g_ptr_array_add (dropped, g_ptr_array_index (self->added_rows, i));
  _seg_rows_clear (dropped);
  g_ptr_array_set_size (self->added_rows, MIN (from, self->added_rows->len));
}

GtkWidget *
_seg_segment_details_add_row (SegSegmentDetails   *self,
                              AdwPreferencesGroup *group,
                              RowKind              kind,
                              const char          *title,
                              const char          *subtitle)
{
  GtkWidget *row;

  if (self->rows_used < self->added_rows->len)
    {
      row = g_ptr_array_index (self->added_rows, self->rows_used);
      if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (group) &&
          GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "seg-row-kind")) == kind)
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
          self->rows_used++;
          return row;
        }
      _seg_segment_details_drop_rows (self, self->rows_used);
    }
  row = _seg_rows_add (self->added_rows, group, title, subtitle);
  g_object_set_data (G_OBJECT (row), "seg-row-kind", GUINT_TO_POINTER (kind));
  self->rows_used++;
  return row;
}

/* A combo row rebinds and reselects on every change of its model: its first choice, which
 * names what "automatic" stands for, is replaced only when that changed. */
void
_seg_string_list_set_first (GtkStringList *list,
                            const char    *text)
{
  if (g_strcmp0 (gtk_string_list_get_string (list, 0), text) == 0)
    return;
  gtk_string_list_splice (list, 0, 1, (const char *[]) { text, NULL });
}
