/* seg-segment-list.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The editor's sidebar: the segments of the current run in priority order, rank 1 first.
 * Rows are kept and refilled when the project changes rather than rebuilt, so that the
 * row a keyboard user is on keeps the focus while segments move (Alt+Up/Down); a drag
 * carries the segment's id and its drop activates editor.set-priority on the page. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-format.h"
#include "seg-segment-list.h"
#include "seg-segment-list-private.h"
#include "seg-segment-quality.h"
#include "sc-palette.h"
#include "seg-widget-util.h"

struct _SegSegmentList
{
  AdwBin        parent_instance;

  GtkListBox   *list_box;
  GtkLabel     *count_label;

  ScProject    *project;
  SegSelection *selection;
  GArray       *positions;   /* guint, the segment shown in each row */
  GArray       *ids;         /* gint64 */
  guint         syncing : 1;
};

G_DEFINE_FINAL_TYPE (SegSegmentList, seg_segment_list, ADW_TYPE_BIN)

typedef struct
{
  GtkWidget *rank;
  GtkWidget *swatch;
  GtkWidget *name;
  GtkWidget *detail;
  GtkWidget *badge;
  GtkWidget *unstable;
} RowParts;

/* ------------------------------------------------------------------------------------------ */
/* Swatches, shared with the details                                                          */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  static ScPalette *palettes[2];
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  guint colour = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "seg-colour"));
  gboolean outliers = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "seg-outliers"));
  double r = MIN (width, height) / 2.0;
  ScRgba rgba;

  /* Palettes never change while the program runs: one per variant suffices. */
  if (palettes[dark] == NULL)
    palettes[dark] = sc_palette_new (dark);
  sc_palette_segment_colour (palettes[dark], colour, outliers, &rgba);

  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, rgba.r, rgba.g, rgba.b, rgba.a);
  cairo_fill (cr);
}

GtkWidget *
_seg_swatch_new (int size)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, NULL, NULL);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (area, "segment-dot");
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), area, G_CONNECT_SWAPPED);
  return area;
}

void
_seg_swatch_set_colour (GtkWidget *swatch,
                        guint      colour,
                        gboolean   is_outliers)
{
  g_object_set_data (G_OBJECT (swatch), "seg-colour", GUINT_TO_POINTER (colour));
  g_object_set_data (G_OBJECT (swatch), "seg-outliers", GUINT_TO_POINTER (!!is_outliers));
  gtk_widget_queue_draw (swatch);
}

char *
_seg_dup_quadrant_text (const ScSegmentInfo *info)
{
  ScQuadrant quadrant = sc_quadrant_from_string (sc_segment_info_get_quadrant (info));

  if (quadrant == SC_QUADRANT_NONE)
    return NULL;
  if (info->quadrant_override != NULL)
    /* Translators: a quadrant of the value × potential grid that a person chose */
    return g_strdup_printf (_("%s (set by hand)"), sc_quadrant_get_label (quadrant));
  return g_strdup (sc_quadrant_get_label (quadrant));
}

/* ------------------------------------------------------------------------------------------ */

static const ScRun *
get_run (SegSegmentList *self)
{
  return self->project != NULL ? sc_project_get_run (self->project) : NULL;
}

static int
row_index_of_position (SegSegmentList *self,
                       int             position)
{
  for (guint i = 0; i < self->positions->len; i++)
    if ((int) g_array_index (self->positions, guint, i) == position)
      return (int) i;
  return -1;
}

static void
sync_selection_to_list (SegSegmentList *self)
{
  int position = self->selection != NULL ? seg_selection_get_position (self->selection) : -1;
  int index = row_index_of_position (self, position);

  self->syncing = TRUE;
  if (index >= 0)
    gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, index));
  else
    gtk_list_box_unselect_all (self->list_box);
  self->syncing = FALSE;
}

static void
on_row_selected (SegSegmentList *self,
                 GtkListBoxRow  *row)
{
  int index;

  if (self->syncing || self->selection == NULL)
    return;

  index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  seg_selection_set_position (self->selection,
                              index >= 0 && (guint) index < self->positions->len
                              ? (int) g_array_index (self->positions, guint, index) : -1);
}

/* ------------------------------------------------------------------------------------------ */
/* Drag and drop                                                                              */

static GdkContentProvider *
on_drag_prepare (GtkDragSource  *source,
                 double          x,
                 double          y,
                 SegSegmentList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (index < 0 || (guint) index >= self->ids->len)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, g_array_index (self->ids, gint64, index));
}

static void
on_drag_begin (GtkDragSource  *source,
               GdkDrag        *drag,
               SegSegmentList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, gtk_widget_get_width (row) / 4, 8);
}

static int
rank_at (SegSegmentList *self,
         double          y)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->list_box, (int) y);

  if (row == NULL)
    return (int) self->positions->len;
  return gtk_list_box_row_get_index (row) + 1;
}

static GdkDragAction
on_drop_motion (GtkDropTarget  *target,
                double          x,
                double          y,
                SegSegmentList *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->list_box, (int) y);

  if (row != NULL)
    gtk_list_box_drag_highlight_row (self->list_box, row);
  else
    gtk_list_box_drag_unhighlight_row (self->list_box);
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave (GtkDropTarget  *target,
               SegSegmentList *self)
{
  gtk_list_box_drag_unhighlight_row (self->list_box);
}

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         SegSegmentList *self)
{
  gint64 id = g_value_get_int64 (value);
  int rank = rank_at (self, y);

  gtk_list_box_drag_unhighlight_row (self->list_box);
  if (rank < 1)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "editor.set-priority", "(xu)", id,
                                     (guint) rank);
}

/* ------------------------------------------------------------------------------------------ */
/* Rows                                                                                       */

static GtkWidget *
create_row (SegSegmentList *self)
{
  RowParts *parts = g_new0 (RowParts, 1);
  GtkWidget *row, *box, *names, *first_line;
  GtkDragSource *source;

  row = gtk_list_box_row_new ();
  gtk_widget_add_css_class (row, "segment-row");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  parts->rank = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (parts->rank), 2);
  gtk_label_set_xalign (GTK_LABEL (parts->rank), 1.0);
  gtk_widget_add_css_class (parts->rank, "dim-label");
  gtk_widget_add_css_class (parts->rank, "numeric");
  gtk_box_append (GTK_BOX (box), parts->rank);

  parts->swatch = _seg_swatch_new (14);
  gtk_box_append (GTK_BOX (box), parts->swatch);

  names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (names, TRUE);
  gtk_widget_set_valign (names, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), names);

  /* The badge shares the name's line, so that the figures below have the full width. */
  first_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (names), first_line);

  parts->name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (parts->name), 0.0);
  /* Long names wrap onto a second line rather than widening the sidebar, and only a name
   * longer than two lines is ellipsized (the tooltip has it whole): at 360 px and large
   * text a one-line name would be cut after a few letters (issue 19). */
  gtk_label_set_wrap (GTK_LABEL (parts->name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (parts->name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (parts->name), 2);
  gtk_label_set_ellipsize (GTK_LABEL (parts->name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (parts->name), 22);
  gtk_widget_set_hexpand (parts->name, TRUE);
  gtk_widget_add_css_class (parts->name, "heading");
  gtk_box_append (GTK_BOX (first_line), parts->name);

  parts->unstable = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (parts->unstable, "warning");
  gtk_widget_add_css_class (parts->unstable, "unstable-flag");
  gtk_widget_set_tooltip_text (parts->unstable, seg_unstable_reason ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->unstable),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Unstable"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, seg_unstable_reason (),
                                  -1);
  gtk_widget_set_visible (parts->unstable, FALSE);
  gtk_box_append (GTK_BOX (first_line), parts->unstable);

  /* The figures wrap at the dot rather than being cut: a phone at large text has room for
   * "258 customers" but not for the revenue beside it (issue 19). */
  parts->detail = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (parts->detail), 0.0);
  gtk_label_set_wrap (GTK_LABEL (parts->detail), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (parts->detail), 30);
  gtk_widget_add_css_class (parts->detail, "caption");
  gtk_widget_add_css_class (parts->detail, "dim-label");
  gtk_box_append (GTK_BOX (names), parts->detail);

  parts->badge = gtk_label_new (NULL);
  gtk_widget_set_valign (parts->badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (parts->badge, "quadrant-badge");
  gtk_widget_add_css_class (parts->badge, "caption");
  gtk_box_append (GTK_BOX (first_line), parts->badge);

  g_object_set_data_full (G_OBJECT (row), "seg-row-parts", parts, g_free);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  return row;
}

/* The badge has little room: "Maintain" for "Maintain at low cost"; the tooltip has all. */
static const char *
short_quadrant_label (ScQuadrant quadrant)
{
  if (quadrant == SC_QUADRANT_MAINTAIN)
    /* Translators: short for the quadrant "Maintain at low cost", in a small badge */
    return C_("quadrant", "Maintain");
  return sc_quadrant_get_label (quadrant);
}

/* What a screen reader says for a row of the segment list: rank, name, "1,204 customers ·
 * 32% of revenue", the quadrant and a stability warning. */
static char *
dup_row_label (const ScSegmentInfo    *info,
               const ScSegmentQuality *quality,
               guint                   rank,
               const char             *detail,
               const char             *quadrant)
{
  /* Translators: what a screen reader says for a row of the segment list:
   * rank, name, "1,204 customers · 32% of revenue" */
  char *accessible = g_strdup_printf (_("Priority %u: %s, %s"), rank, info->name, detail);

  if (quadrant != NULL)
    {
      char *with_quadrant = g_strdup_printf ("%s, %s", accessible, quadrant);

      g_free (accessible);
      accessible = with_quadrant;
    }
  if (quality != NULL && quality->unstable)
    {
      g_autofree char *stability = seg_dup_stability_text (quality);
      char *with_flag = g_strdup_printf ("%s, %s", accessible, stability);

      g_free (accessible);
      accessible = with_flag;
    }
  return accessible;
}

/* Sets the row's widgets only when what it shows changed (its label says all of it but the
 * colour), so that an edit of one segment leaves the other rows untouched: no resize, no
 * relayout, no redraw. */
static void
fill_row (GtkWidget              *row,
          const ScSegmentInfo    *info,
          const ScSegmentQuality *quality,
          guint                   rank)
{
  RowParts *parts = g_object_get_data (G_OBJECT (row), "seg-row-parts");
  g_autofree char *rank_text = NULL;
  g_autofree char *customers = seg_format_count (info->size);
  g_autofree char *revenue = seg_format_share (info->revenue_share);
  g_autofree char *detail = NULL;
  g_autofree char *quadrant = _seg_dup_quadrant_text (info);
  g_autofree char *accessible = NULL;
  char *shown;

  /* Translators: "1,204 customers · 32% of revenue" in the segment list */
  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer · %s of revenue",
                                         "%s customers · %s of revenue", info->size),
                            customers, revenue);
  accessible = dup_row_label (info, quality, rank, detail, quadrant);
  shown = g_strdup_printf ("%s\x1f%u\x1f%d", accessible, info->colour, !!info->is_outliers);
  if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "seg-row-shown"), shown) == 0)
    {
      g_free (shown);
      return;
    }
  g_object_set_data_full (G_OBJECT (row), "seg-row-shown", shown, g_free);

  rank_text = g_strdup_printf ("%u", rank);
  gtk_label_set_text (GTK_LABEL (parts->rank), rank_text);
  _seg_swatch_set_colour (parts->swatch, info->colour, info->is_outliers);
  gtk_label_set_text (GTK_LABEL (parts->name), info->name);
  gtk_widget_set_tooltip_text (parts->name, info->name);
  gtk_label_set_text (GTK_LABEL (parts->detail), detail);

  gtk_widget_set_visible (parts->unstable, quality != NULL && quality->unstable);
  gtk_widget_set_visible (parts->badge, quadrant != NULL);
  if (quadrant != NULL)
    {
      ScQuadrant q = sc_quadrant_from_string (sc_segment_info_get_quadrant (info));

      gtk_label_set_text (GTK_LABEL (parts->badge), short_quadrant_label (q));
      gtk_widget_set_tooltip_text (parts->badge, quadrant);
      if (info->quadrant_override != NULL)
        gtk_widget_add_css_class (parts->badge, "overridden");
      else
        gtk_widget_remove_css_class (parts->badge, "overridden");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static gboolean
list_has_focus (SegSegmentList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->list_box) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box)));
}

static void
update_rows (SegSegmentList *self)
{
  const ScRun *run = get_run (self);
  g_autofree guint *order = run != NULL ? sc_run_priority_order (run) : NULL;
  guint n = run != NULL ? run->n_segments : 0;
  guint n_rows = self->positions->len;
  gboolean had_focus = list_has_focus (self);
  g_autofree char *count = NULL;
  GtkListBoxRow *selected;

  for (; n_rows < n; n_rows++)
    gtk_list_box_append (self->list_box, create_row (self));
  for (; n_rows > n; n_rows--)
    gtk_list_box_remove (self->list_box,
                         GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box,
                                                                    (int) n_rows - 1)));

  g_array_set_size (self->positions, n);
  g_array_set_size (self->ids, n);
  for (guint i = 0; i < n; i++)
    {
      const ScSegmentInfo *info = &run->segments[order[i]];

      g_array_index (self->positions, guint, i) = info->position;
      g_array_index (self->ids, gint64, i) = info->id;
      fill_row (GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, (int) i)), info,
                sc_project_get_segment_quality (self->project, info->position), i + 1);
    }

  /* Translators: above the segment list */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", n), n);
  gtk_label_set_text (self->count_label, count);

  sync_selection_to_list (self);

  selected = gtk_list_box_get_selected_row (self->list_box);
  if (had_focus && selected != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (selected));
}

static void
on_project_changed (SegSegmentList *self)
{
  update_rows (self);
}

static void
on_selection_changed (SegSegmentList *self)
{
  sync_selection_to_list (self);
}

/* ------------------------------------------------------------------------------------------ */

static void
seg_segment_list_dispose (GObject *object)
{
  SegSegmentList *self = SEG_SEGMENT_LIST (object);

  seg_segment_list_set_project (self, NULL, NULL);

  G_OBJECT_CLASS (seg_segment_list_parent_class)->dispose (object);
}

static void
seg_segment_list_finalize (GObject *object)
{
  SegSegmentList *self = SEG_SEGMENT_LIST (object);

  g_array_unref (self->positions);
  g_array_unref (self->ids);

  G_OBJECT_CLASS (seg_segment_list_parent_class)->finalize (object);
}

static void
seg_segment_list_class_init (SegSegmentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_segment_list_dispose;
  object_class->finalize = seg_segment_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-segment-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SegSegmentList, list_box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentList, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);

  /* The page (an ancestor) owns the editor.* actions. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "editor.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK,
                                       "editor.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "editor.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK,
                                       "editor.move-down", NULL);
}

static void
seg_segment_list_init (SegSegmentList *self)
{
  GtkDropTarget *target;

  self->positions = g_array_new (FALSE, TRUE, sizeof (guint));
  self->ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (target, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), GTK_EVENT_CONTROLLER (target));
}

/**
 * seg_segment_list_new:
 *
 * Returns: (transfer floating): a new, empty list
 */
GtkWidget *
seg_segment_list_new (void)
{
  return g_object_new (SEG_TYPE_SEGMENT_LIST, NULL);
}

/**
 * seg_segment_list_set_project:
 * @project: (nullable): the project whose current run is listed
 * @selection: (nullable): the window's selection, which the list follows and sets
 */
void
seg_segment_list_set_project (SegSegmentList *self,
                              ScProject      *project,
                              SegSelection   *selection)
{
  g_return_if_fail (SEG_IS_SEGMENT_LIST (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));
  g_return_if_fail (selection == NULL || SEG_IS_SELECTION (selection));

  seg_set_watched_object ((gpointer *) &self->project, project, "changed",
                          G_CALLBACK (on_project_changed), self);

  seg_set_watched_object ((gpointer *) &self->selection, selection, "notify::position",
                          G_CALLBACK (on_selection_changed), self);

  if (self->list_box != NULL)
    update_rows (self);
}

/**
 * seg_segment_list_get_list_box:
 *
 * Returns: (transfer none): the list of rows, one per segment in priority order
 */
GtkListBox *
seg_segment_list_get_list_box (SegSegmentList *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT_LIST (self), NULL);

  return self->list_box;
}

int
seg_segment_list_get_position_at (SegSegmentList *self,
                                  guint           index)
{
  g_return_val_if_fail (SEG_IS_SEGMENT_LIST (self), -1);

  if (index >= self->positions->len)
    return -1;
  return (int) g_array_index (self->positions, guint, index);
}
