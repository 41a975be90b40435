/* sc-playbook.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a segment playbook says, for a sales or support team: who the customers are, why
 * they matter, the plan (set by people or suggested, see sc-plan.c) and ten customers to
 * start with.  Every sentence is written from the segment's figures; the writers
 * (sc-playbook-write.c) only lay it out.
 *
 * The example customers are the segment's members with the highest net spend among those
 * who may be contacted: with consent information, only customers who gave consent (the rule
 * of the activation exports); without it, any member, and the playbook says so. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-aggregates.h"
#include "sc-brief.h"
#include "sc-export-private.h"
#include "sc-format.h"
#include "sc-plan.h"
#include "sc-playbook-private.h"
#include "sc-run.h"
#include "sc-store-activation.h"
#include "sc-types.h"

#define N_CONTACTS 3

typedef struct
{
  ScRun         *run;
  ScPlans       *plans;
  ScAggregates  *agg;
  ScTextColumn   keys;
  ScTextColumn   contacts[N_CONTACTS];   /* name, email, phone */
  gboolean       has_contacts[N_CONTACTS];
  gint8         *consent;
  gboolean       consent_known;
  guint32       *order;                  /* customers by segment, spend (high first), id */
  guint32        n_order;
  char          *currency;               /* ISO 4217, or NULL */
} PlaybookData;

static const char * const contact_fields[N_CONTACTS] = { "name", "email", "phone" };

static void
playbook_data_clear (PlaybookData *d)
{
  g_clear_pointer (&d->run, sc_run_free);
  g_clear_pointer (&d->plans, sc_plans_free);
  g_clear_pointer (&d->agg, sc_aggregates_free);
  sc_text_column_clear (&d->keys);
  for (guint f = 0; f < N_CONTACTS; f++)
    sc_text_column_clear (&d->contacts[f]);
  g_clear_pointer (&d->consent, g_free);
  g_clear_pointer (&d->order, g_free);
  g_clear_pointer (&d->currency, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlaybookData, playbook_data_clear)

static void
playbook_free (ScPlaybook *p)
{
  g_free (p->name);
  g_free (p->file);
  g_free (p->kicker);
  g_free (p->who);
  g_free (p->why);
  g_free (p->objective);
  g_strfreev (p->tactics);
  g_free (p->tier);
  g_free (p->channel);
  g_free (p->cadence);
  g_free (p->owner);
  g_free (p->owner_missing);
  g_free (p->kpi);
  g_free (p->plan_note);
  g_clear_pointer (&p->examples, g_ptr_array_unref);
  g_free (p->examples_note);
  g_free (p);
}

void
_sc_playbook_set_free (ScPlaybookSet *set)
{
  g_free (set->date);
  g_clear_pointer (&set->playbooks, g_ptr_array_unref);
  g_free (set);
}

/**
 * sc_playbook_format_from_string:
 * @s: "html" or "pdf"
 * @format: (out): the format
 *
 * Returns: %TRUE when @s names a format
 */
gboolean
sc_playbook_format_from_string (const char        *s,
                                ScPlaybookFormat  *format)
{
  g_return_val_if_fail (s != NULL && format != NULL, FALSE);

  if (g_ascii_strcasecmp (s, "html") == 0)
    *format = SC_PLAYBOOK_HTML;
  else if (g_ascii_strcasecmp (s, "pdf") == 0)
    *format = SC_PLAYBOOK_PDF;
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Loading */

static int
compare_members (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const PlaybookData *d = user_data;
  guint32 i = *(const guint32 *) a, j = *(const guint32 *) b;
  double si = d->agg->monetary[i], sj = d->agg->monetary[j];

  if (d->run->labels[i] != d->run->labels[j])
    return d->run->labels[i] < d->run->labels[j] ? -1 : 1;
  if (si != sj)
    return si > sj ? -1 : 1;
  return i < j ? -1 : i > j;
}

static gboolean
damaged (ScStore  *store,
         GError  **error)
{
  g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
               _("“%s” is damaged: the segmentation names unknown customers."),
               sc_store_get_path (store));
  return FALSE;
}

static gboolean
load_data (PlaybookData  *d,
           ScStore       *store,
           GCancellable  *cancellable,
           GError       **error)
{
  GError *local = NULL;
  guint32 n;

  d->run = sc_run_load_current (store, &local);
  if (d->run == NULL || d->run->n_segments == 0)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else
        g_set_error_literal (error, SC_ERROR, SC_ERROR_NO_DATA,
                             _("There are no segments yet: segment the customers first."));
      return FALSE;
    }
  n = d->run->n_customers;
  d->currency = sc_brief_load_currency (store, NULL, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  d->plans = sc_plan_run (store, d->run, cancellable, error);
  if (d->plans == NULL)
    return FALSE;
  d->agg = sc_store_load_aggregates (store, error);
  if (d->agg == NULL)
    return FALSE;
  if (!sc_store_load_texts (store, "key", 0, FALSE, &d->keys, error))
    return FALSE;
  if (d->agg->n < n || d->keys.n < n)
    return damaged (store, error);
  for (guint f = 0; f < N_CONTACTS; f++)
    {
      if (!sc_store_has_contacts (store, contact_fields[f], &d->has_contacts[f], error))
        return FALSE;
      if (d->has_contacts[f] &&
          !sc_store_load_contact_texts (store, contact_fields[f], n, &d->contacts[f], error))
        return FALSE;
    }
  d->consent = _sc_export_load_consent (store, n, &d->consent_known, error);
  if (d->consent == NULL)
    return FALSE;

  d->order = g_new (guint32, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    if (d->run->labels[i] != SC_LABEL_NONE && (!d->consent_known || d->consent[i] == 1))
      d->order[d->n_order++] = i;
  g_qsort_with_data (d->order, d->n_order, sizeof *d->order, compare_members, d);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing */

static char *
file_name (const ScSegmentInfo *s,
           guint                rank,
           ScPlaybookFormat     format)
{
  g_autofree char *ascii = g_str_to_ascii (s->name, "C");
  g_autoptr(GString) slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && slug->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "segment");
  return g_strdup_printf ("%02u-%s.%s", rank, slug->str,
                          format == SC_PLAYBOOK_PDF ? "pdf" : "html");
}

/* Two sentences: how many, then what sets them apart (the profile's traits, written from the
 * figures by sc-naming.c), or their averages when nothing does. */
static char *
who_they_are (const ScSegmentInfo *s,
              const char          *currency)
{
  g_autofree char *size = sc_format_count (s->size);
  g_autofree char *share = sc_format_percent (s->share, -1);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* Translators: "1,234 customers, 12% of all customers." */
  first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer, %s of all customers.",
                                        "%s customers, %s of all customers.", s->size),
                           size, share);
  if (s->profile != NULL && *s->profile != '\0')
    second = g_str_has_suffix (s->profile, ".") ? g_strdup (s->profile)
                                                : g_strconcat (s->profile, ".", NULL);
  else if (s->frequency > 0)
    {
      g_autofree char *orders = sc_format_number (s->frequency, 1);
      g_autofree char *spend = sc_format_money (s->monetary, currency);
      g_autofree char *recency = sc_format_days (s->recency);

      /* Translators: "On average they placed 3.2 orders, spent 1,234 in total and last
       * ordered 45 days ago." */
      second = g_strdup_printf (_("On average they placed %s orders, spent %s in total and "
                                  "last ordered %s ago."), orders, spend, recency);
    }
  else
    second = g_strdup (_("They have not ordered yet."));
  return g_strdup_printf ("%s %s", first, second);
}

static char *
why_they_matter (const ScRun         *run,
                 const ScSegmentInfo *s,
                 const char          *currency)
{
  g_autofree char *revenue_share = sc_format_percent (s->revenue_share, -1);
  g_autofree char *revenue = sc_format_money (s->revenue, currency);
  g_autofree char *share = sc_format_percent (s->share, -1);
  GString *out = g_string_new (NULL);

  /* Translators: "They bring 45% of all revenue (1,234,567) from 12% of the customers." */
  g_string_append_printf (out, _("They bring %s of all revenue (%s) from %s of the customers."),
                          revenue_share, revenue, share);
  if (isfinite (s->value) && isfinite (s->potential))
    {
      g_autofree char *value = sc_format_money (s->value, currency);
      g_autofree char *potential = sc_format_money (s->potential, currency);

      g_string_append_c (out, ' ');
      /* Translators: the members' mean current value and potential (expected future value) */
      g_string_append_printf (out, _("On average a customer’s current value is %s and their "
                                     "potential (expected future value) %s."), value, potential);
    }
  if (s->priority > 0)
    {
      g_string_append_c (out, ' ');
      /* Translators: "Priority 1 of 5 segments." */
      g_string_append_printf (out, _("Priority %u of %u segments."), s->priority,
                              run->n_segments);
    }
  return g_string_free (out, FALSE);
}

static char *
plan_note (const ScPlan *plan)
{
  static const struct { ScPlanField field; const char *label; } fields[] = {
    { SC_PLAN_FIELD_OBJECTIVE, N_("objective") },
    { SC_PLAN_FIELD_TACTICS, N_("tactics") },
    { SC_PLAN_FIELD_TIER, N_("service tier") },
  };
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (plan->suggested & fields[i].field)
      g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", _(fields[i].label));
  if (list->len == 0)
    return g_strdup (_("This plan was set by the team."));
  /* Translators: "Suggested from the data and not yet confirmed: objective, tactics." */
  return g_strdup_printf (_("Suggested from the data and not yet confirmed: %s."), list->str);
}

static void
add_examples (ScPlaybook          *p,
              const PlaybookData  *d,
              const ScSegmentInfo *s,
              guint32             *cursor)
{
  const char *labels[N_CONTACTS] = { _("Name"), _("Email"), _("Phone") };
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  guint n = 0;

  g_ptr_array_add (header, g_strdup (_("Customer ID")));
  for (guint f = 0; f < N_CONTACTS; f++)
    if (d->has_contacts[f])
      g_ptr_array_add (header, g_strdup (labels[f]));
  g_ptr_array_add (header, g_strdup (_("Orders")));
  g_ptr_array_add (header, g_strdup (_("Net spend")));
  p->n_cols = header->len;
  g_ptr_array_add (header, NULL);
  p->examples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (p->examples, g_ptr_array_free (g_steal_pointer (&header), FALSE));

  while (*cursor < d->n_order && d->run->labels[d->order[*cursor]] < s->position)
    (*cursor)++;
  for (; *cursor < d->n_order && d->run->labels[d->order[*cursor]] == s->position; (*cursor)++)
    {
      guint32 c = d->order[*cursor];
      GPtrArray *row;

      if (n == SC_PLAYBOOK_N_EXAMPLES)
        continue;
      row = g_ptr_array_new ();
      g_ptr_array_add (row, g_strdup (d->keys.text[c] != NULL ? d->keys.text[c] : ""));
      for (guint f = 0; f < N_CONTACTS; f++)
        if (d->has_contacts[f])
          g_ptr_array_add (row, g_strdup (d->contacts[f].text[c] != NULL
                                          ? d->contacts[f].text[c] : ""));
      g_ptr_array_add (row, sc_format_count (d->agg->n_orders[c]));
      g_ptr_array_add (row, sc_format_money (d->agg->monetary[c], d->currency));
      g_ptr_array_add (row, NULL);
      g_ptr_array_add (p->examples, g_ptr_array_free (row, FALSE));
      n++;
    }

  if (n == 0)
    p->examples_note = g_strdup (d->consent_known
                                 ? _("No customer of this segment has given consent to be "
                                     "contacted.")
                                 : _("This segment has no customers to show."));
  else if (d->consent_known)
    /* Translators: "The 10 customers with the highest net spend who agreed to be contacted." */
    p->examples_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "The customer with the highest net spend "
                                                     "who agreed to be contacted.",
                                                     "The %u customers with the highest net "
                                                     "spend who agreed to be contacted.", n), n);
  else
    p->examples_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "The customer with the highest net spend. "
                                                     "The project has no consent information: "
                                                     "check that a customer may be contacted "
                                                     "before you do.",
                                                     "The %u customers with the highest net "
                                                     "spend. The project has no consent "
                                                     "information: check that a customer may "
                                                     "be contacted before you do.", n), n);
}

static ScPlaybook *
playbook_new (const PlaybookData  *d,
              const ScPalette     *palette,
              const ScSegmentInfo *s,
              guint                rank,
              ScPlaybookFormat     format)
{
  const ScPlan *plan = &d->plans->plans[s->position];
  ScPlaybook *p = g_new0 (ScPlaybook, 1);
  g_autofree char *size = sc_format_count (s->size);
  guint32 cursor = 0;

  p->name = g_strdup (s->name);
  p->file = file_name (s, rank, format);
  sc_palette_segment_colour (palette, s->colour, s->is_outliers, &p->colour);
  /* Translators: "Segment playbook · 1 of 5 · 1,234 customers" */
  p->kicker = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Segment playbook · %u of %u · %s customer",
                                            "Segment playbook · %u of %u · %s customers",
                                            s->size),
                               rank, d->run->n_segments, size);
  p->who = who_they_are (s, d->currency);
  p->why = why_they_matter (d->run, s, d->currency);
  p->objective = g_strdup (plan->objective);
  p->tactics = g_strdupv (plan->tactics);
  p->tier = g_strdup (plan->tier_meaning);
  p->channel = g_strdup (plan->channel);
  p->cadence = g_strdup (plan->cadence);
  p->owner = g_strstrip (g_strdup (s->owner != NULL ? s->owner : ""));
  if (*p->owner == '\0')
    {
      g_clear_pointer (&p->owner, g_free);
    p->owner_missing = g_strdup (_("No one owns this segment yet: ask your manager who does "
                                   "before you act on this playbook."));
    }
  /* Translators: a KPI and its current value: "Repeat rate: 42%" */
  p->kpi = g_strdup_printf (_("%s: %s"), plan->kpi_name, plan->kpi_text);
  p->plan_note = plan_note (plan);
  add_examples (p, d, s, &cursor);
  return p;
}

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  const ScSegmentInfo *s = *(ScSegmentInfo * const *) a;
  const ScSegmentInfo *t = *(ScSegmentInfo * const *) b;
  guint ps = s->priority > 0 ? s->priority : G_MAXUINT;
  guint pt = t->priority > 0 ? t->priority : G_MAXUINT;

  if (ps != pt)
    return ps < pt ? -1 : 1;
  return s->position < t->position ? -1 : s->position > t->position;
}

/* Every segment's playbook, in priority order. */
ScPlaybookSet *
_sc_playbook_set_load (ScStore           *store,
                       ScPlaybookFormat   format,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_auto(PlaybookData) d = { 0 };
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  ScPlaybookSet *set;

  if (!load_data (&d, store, cancellable, error))
    return NULL;
  for (guint s = 0; s < d.run->n_segments; s++)
    g_ptr_array_add (order, &d.run->segments[s]);
  g_ptr_array_sort (order, compare_priority);

  set = g_new0 (ScPlaybookSet, 1);
  /* Translators: the playbooks' date, as in "3 March 2026"; see g_date_time_format() */
  set->date = g_date_time_format (now, _("%-d %B %Y"));
  set->playbooks = g_ptr_array_new_with_free_func ((GDestroyNotify) playbook_free);
  for (guint i = 0; i < order->len; i++)
    g_ptr_array_add (set->playbooks, playbook_new (&d, palette, g_ptr_array_index (order, i),
                                                   i + 1, format));
  return set;
}
