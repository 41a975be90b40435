/* seg-overview-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-bars-chart.h"
#include "seg-data-quality.h"
#include "seg-figure-grid.h"
#include "seg-format.h"
#include "seg-overview-page.h"
#include "seg-profit-group.h"
#include "seg-segment-quality-private.h"
#include "seg-widget-util.h"

struct _SegOverviewPage
{
  AdwBin               parent_instance;

  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkWidget           *summing_box;
  GtkSpinner          *summing_spinner;
  GtkLabel            *customers_value;
  GtkLabel            *orders_value;
  GtkLabel            *revenue_value;
  GtkLabel            *period_value;
  GtkLabel            *segments_value;
  GtkStack            *segments_stack;
  GtkListBox          *segments_list;
  GtkWidget           *sizes_box;
  SegChart            *bars_chart;
  AdwPreferencesGroup *decisions_group;
  SegProfitGroup      *profit_group;    /* added below the decisions, hidden until loaded */
  SegDataQuality      *data_quality;

  GListModel          *segments;
  ScProject           *project;
  SegSelection        *selection;
  GPtrArray           *decision_rows;   /* the rows of decisions_group, refilled */
};

G_DEFINE_FINAL_TYPE (SegOverviewPage, seg_overview_page, ADW_TYPE_BIN)

static GtkWidget *
create_segment_row (gpointer item,
                    gpointer user_data)
{
  ScSegment *segment = item;
  g_autofree char *color_class = seg_segment_dup_color_class (segment);
  g_autofree char *customers = seg_format_count (sc_segment_get_size (segment));
  g_autofree char *share = seg_format_share (sc_segment_get_share (segment));
  g_autofree char *revenue_share = seg_format_share (sc_segment_get_revenue_share (segment));
  g_autofree char *detail = NULL;
  g_autofree char *revenue_text = NULL;
  GtkWidget *row, *box, *swatch, *names, *name, *sub, *revenue, *bar, *revenue_label;

  row = seg_swatch_row_new (color_class, &box, &swatch);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);

  names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (names, TRUE);
  gtk_widget_set_valign (names, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), names);

  name = seg_heading_label_new (sc_segment_get_name (segment));
  /* Beside the share bar a narrow window leaves a name little room: it wraps, whole. */
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (names), name);

  if (sc_segment_get_is_outliers (segment))
    /* Translators: the first %s is a number of customers, the second a percentage */
    detail = g_strdup_printf (_("%s customers (%s), set apart: their figures look implausible"),
                              customers, share);
  else
    /* Translators: the first %s is a number of customers, the second a percentage */
    detail = g_strdup_printf (_("%s customers (%s)"), customers, share);
  sub = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (sub), 0.0);
  gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "numeric");
  gtk_box_append (GTK_BOX (names), sub);

  /* The revenue share under the name, the bar taking the row's width: beside the name it
   * left a phone's row at large text too little room for words such as "occasional". */
  revenue = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_top (revenue, 4);
  gtk_box_append (GTK_BOX (names), revenue);

  bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar),
                           CLAMP (sc_segment_get_revenue_share (segment), 0.0, 1.0));
  gtk_widget_set_size_request (bar, 80, -1);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (bar, "segment-share");
  gtk_widget_add_css_class (bar, color_class);
  /* The default offsets would colour the bar by level; here its colour is the segment's. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_box_append (GTK_BOX (revenue), bar);

  /* Translators: %s is a percentage, as in "52% of revenue" */
  revenue_text = g_strdup_printf (_("%s of revenue"), revenue_share);
  revenue_label = gtk_label_new (revenue_text);
  gtk_label_set_xalign (GTK_LABEL (revenue_label), 1.0);
  gtk_widget_add_css_class (revenue_label, "caption");
  gtk_widget_add_css_class (revenue_label, "numeric");
  gtk_box_append (GTK_BOX (revenue), revenue_label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, revenue_text,
                                  -1);

  return row;
}

static void
update_segments (SegOverviewPage *self)
{
  guint n = self->segments != NULL ? g_list_model_get_n_items (self->segments) : 0;
  g_autofree char *count = NULL;

  gtk_stack_set_visible_child_name (self->segments_stack, n > 0 ? "list" : "none");
  gtk_widget_set_visible (self->sizes_box, n > 0);

  /* No run: the card is left out; the Segments section below says why and offers to
   * segment. */
  count = seg_format_count (n);
  gtk_label_set_text (self->segments_value, count);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->segments_value)), n > 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Decisions needed                                                                           */

static const char *
decision_kind_text (ScDecisionKind kind)
{
  switch (kind)
    {
    case SC_DECISION_OWNER: return _("No owner");
    case SC_DECISION_UNSTABLE: return _("Unstable segment");
    case SC_DECISION_PLAN: return _("Suggested plan");
    case SC_DECISION_ANOMALIES: return _("Implausible figures");
    default: g_return_val_if_reached (NULL);
    }
}

static void
on_decision_activated (AdwActionRow    *row,
                       SegOverviewPage *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "seg-position"));

  /* Through the shared selection and the window's action, as the charts do. */
  if (self->selection != NULL)
    seg_selection_set_position (self->selection, (int) position);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "segments");
}

/* The plans still suggested are left out: every segment starts with one, and the Segments
 * page marks them; the list keeps what only people can settle. */
static void
update_decisions (SegOverviewPage *self)
{
  g_autoptr(GPtrArray) decisions = NULL;

  _seg_rows_clear (self->decision_rows);
  decisions = self->project != NULL ? sc_project_get_decisions (self->project, NULL) : NULL;
  for (guint i = 0; decisions != NULL && i < decisions->len; i++)
    {
      const ScDecision *d = g_ptr_array_index (decisions, i);
      GtkWidget *row = _seg_rows_add (self->decision_rows, self->decisions_group, d->text,
                                      decision_kind_text (d->kind));

      gtk_widget_remove_css_class (row, "property");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "seg-position", GUINT_TO_POINTER (d->position));
      g_signal_connect (row, "activated", G_CALLBACK (on_decision_activated), self);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->decisions_group), self->decision_rows->len > 0);
}

static void
on_project_changed (SegOverviewPage *self)
{
  update_decisions (self);
}

static void
on_segments_changed (SegOverviewPage *self)
{
  update_segments (self);
}

static void
seg_overview_page_dispose (GObject *object)
{
  SegOverviewPage *self = SEG_OVERVIEW_PAGE (object);

  if (self->segments != NULL)
    g_signal_handlers_disconnect_by_func (self->segments, on_segments_changed, self);
  g_clear_object (&self->segments);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_clear_object (&self->project);
  g_clear_object (&self->selection);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (seg_overview_page_parent_class)->dispose (object);
}

static void
seg_overview_page_finalize (GObject *object)
{
  SegOverviewPage *self = SEG_OVERVIEW_PAGE (object);

  g_ptr_array_unref (self->decision_rows);

  G_OBJECT_CLASS (seg_overview_page_parent_class)->finalize (object);
}

static void
seg_overview_page_class_init (SegOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_overview_page_dispose;
  object_class->finalize = seg_overview_page_finalize;

  g_type_ensure (SEG_TYPE_BARS_CHART);
  g_type_ensure (SEG_TYPE_FIGURE_GRID);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, summing_box);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, summing_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, customers_value);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, orders_value);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, revenue_value);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, period_value);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, segments_value);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, segments_stack);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, segments_list);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, sizes_box);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, bars_chart);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, decisions_group);
}

static void
seg_overview_page_init (SegOverviewPage *self)
{
  SegKeyFigures none = { 0, };
  GtkWidget *column;

  self->decision_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->profit_group = SEG_PROFIT_GROUP (seg_profit_group_new ());
  self->data_quality = SEG_DATA_QUALITY (seg_data_quality_new ());
  column = gtk_widget_get_parent (GTK_WIDGET (self->decisions_group));
  gtk_box_insert_child_after (GTK_BOX (column), GTK_WIDGET (self->profit_group),
                              GTK_WIDGET (self->decisions_group));
  gtk_box_insert_child_after (GTK_BOX (column), GTK_WIDGET (self->data_quality),
                              GTK_WIDGET (self->profit_group));

  seg_overview_page_set_figures (self, "", &none);
  update_segments (self);
}

/**
 * seg_overview_page_new:
 *
 * Returns: (transfer floating): a new, empty overview
 */
GtkWidget *
seg_overview_page_new (void)
{
  return g_object_new (SEG_TYPE_OVERVIEW_PAGE, NULL);
}

/**
 * seg_overview_page_set_figures:
 * @title: the project's name
 * @figures: the key figures of the project's data
 */
void
seg_overview_page_set_figures (SegOverviewPage     *self,
                               const char          *title,
                               const SegKeyFigures *figures)
{
  g_autofree char *customers = NULL;
  g_autofree char *orders = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *period = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (SEG_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (figures != NULL);

  customers = seg_format_count (figures->customers);

  if (figures->has_summary)
    {
      g_autofree char *first = seg_format_day (figures->first_day);
      g_autofree char *last = seg_format_day (figures->last_day);
      int days = figures->last_day - figures->first_day + 1;

      orders = seg_format_count (figures->orders);
      revenue = seg_format_amount (self->project != NULL ? sc_project_get_currency (self->project, NULL) : NULL,
                                   figures->revenue);
      period = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
      /* Translators: the dates of the first and the last order in the project */
      subtitle = g_strdup_printf (_("Orders from %s to %s"), first, last);
    }
  else
    /* Being summed, a spinner says so; with no orders the subtitle does, and the cards of
     * figures that do not exist yet are left out rather than showing a dash. */
    subtitle = g_strdup (figures->transactions == 0 && !figures->loading
                         ? _("This project holds no orders yet.") : "");

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *subtitle != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->summing_box), figures->loading);
  gtk_spinner_set_spinning (self->summing_spinner, figures->loading);
  gtk_label_set_text (self->customers_value, customers);
  gtk_label_set_text (self->orders_value, orders != NULL ? orders : "");
  gtk_label_set_text (self->revenue_value, revenue != NULL ? revenue : "");
  gtk_label_set_text (self->period_value, period != NULL ? period : "");
  for (GtkLabel **value = (GtkLabel *[]) { self->orders_value, self->revenue_value,
                                           self->period_value, NULL };
       *value != NULL; value++)
    gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (*value)), figures->has_summary);
}

/**
 * seg_overview_page_set_segments:
 * @segments: (nullable): a list of #ScSegment, or %NULL when there is no run
 */
void
seg_overview_page_set_segments (SegOverviewPage *self,
                                GListModel      *segments)
{
  g_return_if_fail (SEG_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (segments == NULL || G_IS_LIST_MODEL (segments));

  if (!seg_set_watched_object ((gpointer *) &self->segments, segments, "items-changed",
                               G_CALLBACK (on_segments_changed), self))
    return;

  gtk_list_box_bind_model (self->segments_list, self->segments, create_segment_row, NULL, NULL);
  update_segments (self);
}

/**
 * seg_overview_page_set_project:
 * @project: (nullable): the window's project
 * @selection: (nullable): the window's selection
 *
 * Gives the segment sizes chart its data and the selection it shares with the other pages,
 * lists the decisions the project still needs, and loads its profit and data-quality audit
 * in workers.
 */
void
seg_overview_page_set_project (SegOverviewPage *self,
                               ScProject       *project,
                               SegSelection    *selection)
{
  g_return_if_fail (SEG_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));
  g_return_if_fail (selection == NULL || SEG_IS_SELECTION (selection));

  seg_chart_set_project (self->bars_chart, project);
  seg_chart_set_selection (self->bars_chart, selection);
  seg_figure_group_set_project (SEG_FIGURE_GROUP (self->profit_group), project);
  seg_figure_group_set_project (SEG_FIGURE_GROUP (self->data_quality), project);

  g_set_object (&self->selection, selection);
  seg_set_watched_object ((gpointer *) &self->project, project, "changed",
                          G_CALLBACK (on_project_changed), self);
  update_decisions (self);
}

/**
 * seg_overview_page_get_bars_chart:
 *
 * Returns: (transfer none): the segment sizes chart
 */
SegChart *
seg_overview_page_get_bars_chart (SegOverviewPage *self)
{
  g_return_val_if_fail (SEG_IS_OVERVIEW_PAGE (self), NULL);

  return self->bars_chart;
}
