/* seg-drift-row.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One row of the What Changed dialog's drift list: a segment's swatch, name, reason, sizes
 * and the pills of the flags its drift raised. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-changes-private.h"
#include "seg-format.h"
#include "seg-widget-util.h"

static char *
colour_class (guint    colour,
              gboolean is_outliers)
{
  if (is_outliers)
    return g_strdup ("segment-color-outlier");
  return g_strdup_printf ("segment-color-%u", colour % SC_PALETTE_N_SEGMENT_COLOURS);
}

static char *
format_change (double change)
{
  if (!isfinite (change))
    return g_strdup ("–");
  /* Translators: a relative change, as in "+21%" or "−8%" */
  return g_strdup_printf (change < 0 ? _("−%.0f%%") : _("+%.0f%%"), fabs (round (change * 100)));
}

/* The pills a drift row shows, in this order: a short label and the rule behind it. */
static const struct
{
  ScDriftFlags  flag;
  const char   *label;
  const char   *tooltip;
} drift_flags[] = {
  /* Translators: a drift flag: the segment did not exist before */
  { SC_DRIFT_FLAG_NEW, N_("New"), N_("No earlier segment matches this one.") },
  /* Translators: a drift flag: the segment no longer exists */
  { SC_DRIFT_FLAG_GONE, N_("Gone"),
    N_("No segment matches this one any more.") },
  /* Translators: a drift flag: the segment grew or shrank a lot */
  { SC_DRIFT_FLAG_SIZE, N_("Size"),
    N_("Its share of the customers changed more than it does between two normal periods.") },
  /* Translators: a drift flag: the segment's typical customer moved */
  { SC_DRIFT_FLAG_CENTROID, N_("Profile"),
    N_("The typical recency, frequency and spend of the members moved more than they do "
       "between two normal periods.") },
  /* Translators: a drift flag: the spread of recency, frequency or spend changed */
  { SC_DRIFT_FLAG_PSI, N_("Spread"),
    N_("How recency, frequency or spend are spread among the members changed more than "
       "between two normal periods (population stability index).") },
  /* Translators: a drift flag: many members are in another segment now */
  { SC_DRIFT_FLAG_LEFT, N_("Members left"),
    N_("More of the earlier members are in another segment now than left in the period "
       "before.") },
  /* Translators: a drift flag: the members' recent revenue changed a lot */
  { SC_DRIFT_FLAG_REVENUE, N_("Revenue"),
    N_("The members' revenue in the last 90 days changed more than it does between two "
       "normal periods.") },
  /* Translators: a drift flag: the revenue per order changed a lot */
  { SC_DRIFT_FLAG_ORDER_VALUE, N_("Order value"),
    N_("The revenue per order changed more than it does between two normal periods.") },
  /* Translators: a drift flag: the chance that members are still active changed */
  { SC_DRIFT_FLAG_P_ALIVE, N_("Still active"),
    N_("The members' mean chance of still being active (P(alive)) changed more than it does "
       "between two normal periods.") },
};

/**
 * _seg_drift_row_new:
 * @s: a segment's drift
 * @migration: the migration of the same comparison, for the segment's colour
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
_seg_drift_row_new (const ScSegmentDrift *s,
                    const ScMigration    *migration)
{
  const ScFlowSegment *seg = NULL;
  g_autofree char *colour = NULL;
  g_autofree char *from_size = seg_format_count (s->size_from);
  g_autofree char *to_size = seg_format_count (s->size_to);
  g_autofree char *size_change = format_change (s->size_change);
  g_autofree char *revenue_change = format_change (s->revenue_change);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autoptr(GString) accessible = g_string_new (s->name);
  GtkWidget *row, *box, *swatch, *texts, *name, *reason, *detail, *flags = NULL;

  if (s->to_position >= 0 && (guint) s->to_position < migration->n_to)
    seg = &migration->to[s->to_position];
  else if (s->from_position >= 0 && (guint) s->from_position < migration->n_from)
    seg = &migration->from[s->from_position];

  colour = seg != NULL ? colour_class (seg->colour, seg->is_outliers)
                       : colour_class (0, s->is_outliers);
  row = seg_swatch_row_new (colour, &box, &swatch);
  gtk_widget_add_css_class (row, "drift-row");
  if (s->flags != 0)
    gtk_widget_add_css_class (row, "drift-flagged");
  gtk_widget_set_valign (swatch, GTK_ALIGN_START);
  gtk_widget_set_margin_top (swatch, 3);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  /* The name wraps rather than being cut: a phone gives the row little room (issue 19). */
  name = seg_heading_label_new (s->name);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_box_append (GTK_BOX (texts), name);

  if (s->reason != NULL)
    {
      g_autofree char *sentence = g_strconcat (s->reason, ".", NULL);

      reason = gtk_label_new (sentence);
      g_string_append_printf (accessible, ": %s", sentence);
    }
  else
    {
      reason = gtk_label_new (_("No noticeable change."));
      gtk_widget_add_css_class (reason, "dim-label");
      g_string_append_printf (accessible, ": %s", _("No noticeable change."));
    }
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (texts), reason);

  /* Translators: a segment's size before and now, and the change, as in
   * "400 → 316 customers (−21%)" */
  g_string_append_printf (details, _("%s → %s customers (%s)"), from_size, to_size, size_change);
  if (isfinite (s->revenue_change))
    /* Translators: appended to a segment's size: the change of its revenue */
    g_string_append_printf (details, _(" · revenue in 90 days %s"), revenue_change);
  if (isfinite (s->left_share) && s->left_share > 0)
    {
      g_autofree char *left = seg_format_share (s->left_share);

      /* Translators: appended to a segment's size: the share of earlier members that left */
      g_string_append_printf (details, _(" · %s of its members left"), left);
    }
  detail = gtk_label_new (details->str);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "numeric");
  gtk_box_append (GTK_BOX (texts), detail);
  g_string_append_printf (accessible, " %s.", details->str);

  /* The pills under the texts, on as many lines as the width needs: beside them, up to
   * nine pills kept the dialog 700 px wide. */
  if (s->flags != 0)
    {
      flags = gtk_flow_box_new ();
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flags), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flags), G_N_ELEMENTS (drift_flags));
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flags), 6);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flags), 6);
      gtk_widget_set_margin_top (flags, 4);
      gtk_widget_add_css_class (flags, "drift-flags");
      gtk_box_append (GTK_BOX (texts), flags);
    }
  for (guint i = 0; i < G_N_ELEMENTS (drift_flags); i++)
    if (s->flags & drift_flags[i].flag)
      {
        GtkWidget *pill = gtk_label_new (_(drift_flags[i].label));

        gtk_widget_add_css_class (pill, "drift-flag");
        gtk_widget_add_css_class (pill, "caption");
        gtk_widget_set_tooltip_text (pill, _(drift_flags[i].tooltip));
        /* Each pill as wide as its word: the box fills the row (its height is measured for
         * the row's width) and the pills start at its left. */
        gtk_widget_set_halign (pill, GTK_ALIGN_START);
        gtk_flow_box_append (GTK_FLOW_BOX (flags), pill);
        gtk_widget_set_focusable (gtk_widget_get_parent (pill), FALSE);
      }

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible->str, -1);
  g_object_set_data (G_OBJECT (row), "drift-flags", GUINT_TO_POINTER (s->flags));
  return row;
}
