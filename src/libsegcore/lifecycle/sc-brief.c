/* sc-brief.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The project brief: objective, business goal, success KPIs, stakeholders, scope.  A KPI
 * the product knows (repeat rate, 90-day churn, the top segment's revenue, …) gets its
 * baseline from the data each time the brief is read, so it never goes stale after an
 * import; only the names and targets people wrote are stored.  The brief is saved whole,
 * in one transaction, so an edit is all-or-nothing and undo restores a complete earlier
 * brief. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-brief.h"
#include "sc-format.h"
#include "sc-store-private.h"

/* ------------------------------------------------------------------------------------------ */
/* The brief as data                                                                           */

static void
kpi_clear (ScBriefKpi *kpi)
{
  g_clear_pointer (&kpi->name, g_free);
}

void
sc_stakeholder_clear (ScStakeholder *stakeholder)
{
  g_clear_pointer (&stakeholder->name, g_free);
  g_clear_pointer (&stakeholder->team, g_free);
}

ScBrief *
sc_brief_new (void)
{
  ScBrief *brief = g_new0 (ScBrief, 1);

  brief->kpis = g_array_new (FALSE, TRUE, sizeof (ScBriefKpi));
  g_array_set_clear_func (brief->kpis, (GDestroyNotify) kpi_clear);
  brief->stakeholders = g_array_new (FALSE, TRUE, sizeof (ScStakeholder));
  g_array_set_clear_func (brief->stakeholders, (GDestroyNotify) sc_stakeholder_clear);
  return brief;
}

void
sc_brief_free (ScBrief *brief)
{
  if (brief == NULL)
    return;
  g_free (brief->objective);
  g_free (brief->goal);
  g_free (brief->scope);
  g_free (brief->review_date);
  g_free (brief->currency);
  g_array_unref (brief->kpis);
  g_array_unref (brief->stakeholders);
  g_free (brief);
}

/* Empty text is no text: the brief stores NULL for it. */
static char *
dup_text (const char *s)
{
  g_autofree char *copy = NULL;

  if (s == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (s));
  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

void
sc_brief_set_text (char       **field,
                   const char  *text)
{
  g_free (*field);
  *field = dup_text (text);
}

void
sc_brief_add_kpi (ScBrief    *brief,
                  const char *name,
                  double      target)
{
  ScBriefKpi kpi = { dup_text (name), NAN, target };

  g_return_if_fail (brief != NULL && kpi.name != NULL);
  g_array_append_val (brief->kpis, kpi);
}

void
sc_brief_add_stakeholder (ScBrief           *brief,
                          const char        *name,
                          const char        *team,
                          ScStakeholderRole  role)
{
  ScStakeholder s = { dup_text (name), dup_text (team), role };

  g_return_if_fail (brief != NULL && s.name != NULL);
  g_array_append_val (brief->stakeholders, s);
}

ScBrief *
sc_brief_copy (const ScBrief *brief)
{
  ScBrief *copy = sc_brief_new ();

  copy->objective = g_strdup (brief->objective);
  copy->goal = g_strdup (brief->goal);
  copy->scope = g_strdup (brief->scope);
  copy->review_date = g_strdup (brief->review_date);
  copy->currency = g_strdup (brief->currency);
  for (guint i = 0; i < brief->kpis->len; i++)
    {
      const ScBriefKpi *k = &g_array_index (brief->kpis, ScBriefKpi, i);
      ScBriefKpi kpi = { g_strdup (k->name), k->baseline, k->target };

      g_array_append_val (copy->kpis, kpi);
    }
  for (guint i = 0; i < brief->stakeholders->len; i++)
    {
      const ScStakeholder *s = &g_array_index (brief->stakeholders, ScStakeholder, i);

      sc_brief_add_stakeholder (copy, s->name, s->team, s->role);
    }
  return copy;
}

gboolean
sc_brief_is_empty (const ScBrief *brief)
{
  return brief->objective == NULL && brief->goal == NULL && brief->scope == NULL &&
         brief->review_date == NULL && brief->currency == NULL && brief->kpis->len == 0 &&
         brief->stakeholders->len == 0;
}

static gboolean
same_number (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* What people wrote is equal; baselines, which the data decides, are not compared. */
gboolean
sc_brief_equal (const ScBrief *a,
                const ScBrief *b)
{
  if (g_strcmp0 (a->objective, b->objective) != 0 || g_strcmp0 (a->goal, b->goal) != 0 ||
      g_strcmp0 (a->scope, b->scope) != 0 || g_strcmp0 (a->review_date, b->review_date) != 0 ||
      g_strcmp0 (a->currency, b->currency) != 0 || a->kpis->len != b->kpis->len ||
      a->stakeholders->len != b->stakeholders->len)
    return FALSE;
  for (guint i = 0; i < a->kpis->len; i++)
    {
      const ScBriefKpi *x = &g_array_index (a->kpis, ScBriefKpi, i);
      const ScBriefKpi *y = &g_array_index (b->kpis, ScBriefKpi, i);

      if (g_strcmp0 (x->name, y->name) != 0 || !same_number (x->target, y->target))
        return FALSE;
    }
  for (guint i = 0; i < a->stakeholders->len; i++)
    {
      const ScStakeholder *x = &g_array_index (a->stakeholders, ScStakeholder, i);
      const ScStakeholder *y = &g_array_index (b->stakeholders, ScStakeholder, i);

      if (g_strcmp0 (x->name, y->name) != 0 || g_strcmp0 (x->team, y->team) != 0 ||
          x->role != y->role)
        return FALSE;
    }
  return TRUE;
}

const char * const *
sc_brief_objective_suggestions (void)
{
  static const char *translated[6];
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      translated[0] = _("Grow revenue from the best customers");
      translated[1] = _("Reduce churn among valuable customers");
      translated[2] = _("Cross-sell to existing customers");
      translated[3] = _("Find the customers for a new offer");
      translated[4] = _("Focus sales and service effort where it pays");
      translated[5] = NULL;
      g_once_init_leave (&once, 1);
    }
  return (const char * const *) translated;
}

/* ------------------------------------------------------------------------------------------ */
/* Stakeholders                                                                                */

static const char * const role_strings[] = { "sponsor", "approver", "user" };

const char *
sc_stakeholder_role_to_string (ScStakeholderRole role)
{
  g_return_val_if_fail (role < SC_N_STAKEHOLDER_ROLES, NULL);
  return role_strings[role];
}

const char *
sc_stakeholder_role_to_label (ScStakeholderRole role)
{
  switch (role)
    {
    case SC_STAKEHOLDER_SPONSOR: return _("Sponsor");
    case SC_STAKEHOLDER_APPROVER: return _("Approver");
    case SC_STAKEHOLDER_USER: return _("User of the segments");
    case SC_N_STAKEHOLDER_ROLES:
    default: g_return_val_if_reached (NULL);
    }
}

/* Takes "sponsor", "approver" or "user", any case; "user of the segments" too. */
gboolean
sc_stakeholder_role_from_string (const char        *text,
                                 ScStakeholderRole *role)
{
  g_autofree char *s = g_ascii_strdown (text != NULL ? text : "", -1);

  g_strstrip (s);
  if (g_str_equal (s, "user of the segments"))
    s[strlen ("user")] = '\0';
  for (guint r = 0; r < SC_N_STAKEHOLDER_ROLES; r++)
    if (g_str_equal (s, role_strings[r]))
      {
        *role = r;
        return TRUE;
      }
  return FALSE;
}

/**
 * sc_brief_parse_stakeholder:
 * @text: "NAME, TEAM, ROLE"; TEAM may be empty ("Ana,,sponsor")
 * @stakeholder: (out caller-allocates): clear it with sc_stakeholder_clear()
 */
gboolean
sc_brief_parse_stakeholder (const char     *text,
                            ScStakeholder  *stakeholder,
                            GError        **error)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  ScStakeholderRole role;

  memset (stakeholder, 0, sizeof *stakeholder);
  if (g_strv_length (parts) != 3)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” is not a stakeholder: write “name, team, role”"), text);
      return FALSE;
    }
  stakeholder->name = dup_text (parts[0]);
  if (stakeholder->name == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” has no name: write “name, team, role”"), text);
      return FALSE;
    }
  if (!sc_stakeholder_role_from_string (parts[2], &role))
    {
      g_autofree char *given = g_strstrip (g_strdup (parts[2]));

      sc_stakeholder_clear (stakeholder);
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” is not a role: a stakeholder is a sponsor, an approver or a user "
                     "of the segments"), given);
      return FALSE;
    }
  stakeholder->team = dup_text (parts[1]);
  stakeholder->role = role;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* KPIs                                                                                        */

typedef struct
{
  const char *id;
  const char *label;
  ScKpiUnit   unit;
  const char *aliases;   /* normalised names, separated by '|' */
} KpiDef;

static const KpiDef kpi_defs[] = {
  { "repeat_rate", N_("Repeat rate"), SC_KPI_UNIT_PERCENT, "repeat|repeat_purchase_rate" },
  { "churn_90d", N_("90-day churn"), SC_KPI_UNIT_PERCENT, "90_day_churn|churn_90|churn" },
  { "top_segment_revenue", N_("Revenue of the top segment"), SC_KPI_UNIT_MONEY,
    "revenue_of_the_top_segment|top_segment" },
  { "revenue", N_("Net revenue"), SC_KPI_UNIT_MONEY, "net_revenue" },
  { "active_customers", N_("Customers with orders"), SC_KPI_UNIT_COUNT,
    "customers|customers_with_orders" },
  { "order_value", N_("Average order value"), SC_KPI_UNIT_MONEY,
    "average_order_value|aov" },
};

/* "90-day Churn " → "90_day_churn". */
static char *
normalise_name (const char *name)
{
  g_autofree char *down = g_utf8_strdown (name, -1);
  GString *out = g_string_new (NULL);

  g_strstrip (down);
  for (const char *p = down; *p != '\0'; p++)
    {
      gboolean sep = *p == ' ' || *p == '-' || *p == '_';

      if (!sep)
        g_string_append_c (out, *p);
      else if (out->len > 0 && out->str[out->len - 1] != '_')
        g_string_append_c (out, '_');
    }
  return g_string_free (out, FALSE);
}

static const KpiDef *
find_kpi (const char *name)
{
  g_autofree char *key = NULL;

  if (name == NULL)
    return NULL;
  key = normalise_name (name);
  for (guint i = 0; i < G_N_ELEMENTS (kpi_defs); i++)
    {
      g_auto(GStrv) aliases = g_strsplit (kpi_defs[i].aliases, "|", -1);

      if (g_str_equal (key, kpi_defs[i].id) || g_strv_contains ((const char * const *) aliases, key))
        return &kpi_defs[i];
      {
        g_autofree char *label = normalise_name (_(kpi_defs[i].label));

        if (g_str_equal (key, label))
          return &kpi_defs[i];
      }
    }
  return NULL;
}

const char *
sc_brief_kpi_id (const char *name)
{
  const KpiDef *def = find_kpi (name);

  return def != NULL ? def->id : NULL;
}

const char *
sc_brief_kpi_label (const char *id)
{
  const KpiDef *def = find_kpi (id);

  return def != NULL ? _(def->label) : NULL;
}

ScKpiUnit
sc_brief_kpi_unit (const char *name)
{
  const KpiDef *def = find_kpi (name);

  return def != NULL ? def->unit : SC_KPI_UNIT_NONE;
}

const char * const *
sc_brief_kpi_ids (void)
{
  static const char *ids[G_N_ELEMENTS (kpi_defs) + 1];
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      for (guint i = 0; i < G_N_ELEMENTS (kpi_defs); i++)
        ids[i] = kpi_defs[i].id;
      g_once_init_leave (&once, 1);
    }
  return (const char * const *) ids;
}

/**
 * sc_brief_parse_kpi:
 * @text: "NAME=TARGET", TARGET a number with an optional "%" (rates are in percent)
 * @name: (out) (transfer full): the name, trimmed
 * @target: (out): the target
 */
gboolean
sc_brief_parse_kpi (const char  *text,
                    char       **name,
                    double      *target,
                    GError     **error)
{
  const char *eq = text != NULL ? strrchr (text, '=') : NULL;
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  char *end = NULL;
  double v;

  if (eq == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” is not a KPI: write “name=target”, such as “repeat rate=40%%”"),
                   text != NULL ? text : "");
      return FALSE;
    }
  {
    g_autofree char *left = g_strndup (text, eq - text);

    key = dup_text (left);
  }
  value = g_strstrip (g_strdup (eq + 1));
  if (key == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” has no KPI name: write “name=target”"), text);
      return FALSE;
    }
  v = g_ascii_strtod (value, &end);
  if (end != NULL && *end == '%')
    end++;
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (*value == '\0' || end == value || end == NULL || *end != '\0' || !isfinite (v))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The target of “%s” is not a number: “%s”"), key, value);
      return FALSE;
    }
  *name = g_steal_pointer (&key);
  *target = v;
  return TRUE;
}

char *
sc_brief_format_kpi_value (const ScBrief *brief,
                           const char    *name,
                           double         value)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup (_("not known"));
  switch (sc_brief_kpi_unit (name))
    {
    case SC_KPI_UNIT_PERCENT:
      return sc_format_percent (value / 100.0, 1);
    case SC_KPI_UNIT_MONEY:
      if (brief != NULL && brief->currency != NULL)
        {
          g_autofree char *prefix = g_strconcat (brief->currency, " ", NULL);

          return sc_format_currency (value, prefix);
        }
      return sc_format_currency (value, NULL);
    case SC_KPI_UNIT_COUNT:
      return sc_format_number (round (value), 0);
    case SC_KPI_UNIT_NONE:
    default:
      return sc_format_number (value, -1);
    }
}

/* Repeat rate and churn are shares of the customers with at least one order: a customer
 * only listed in a customer list has nothing to repeat or to stop. */
void
sc_brief_compute_baselines (ScBrief            *brief,
                            const ScAggregates *aggregates,
                            const ScRun        *run)
{
  double n_buyers = 0, n_repeat = 0, n_lapsed = 0, revenue = 0, orders = 0;
  double top_revenue = NAN;
  ScDay last = SC_DAY_NONE;

  g_return_if_fail (brief != NULL);

  if (aggregates != NULL)
    {
      last = sc_aggregates_last_day (aggregates);
      for (guint32 c = 0; c < aggregates->n; c++)
        {
          revenue += aggregates->monetary[c];
          orders += aggregates->n_orders[c];
          if (aggregates->n_orders[c] == 0)
            continue;
          n_buyers++;
          n_repeat += aggregates->n_orders[c] >= 2;
          /* More than 90 days without an order before the data's last day. */
          n_lapsed += aggregates->last_day[c] != SC_DAY_NONE && last - aggregates->last_day[c] > 90;
        }
    }
  if (run != NULL && run->n_segments > 0)
    {
      g_autofree guint *order = sc_run_priority_order (run);

      top_revenue = run->segments[order[0]].revenue;
    }

  for (guint i = 0; i < brief->kpis->len; i++)
    {
      ScBriefKpi *kpi = &g_array_index (brief->kpis, ScBriefKpi, i);
      const char *id = sc_brief_kpi_id (kpi->name);
      gboolean data = aggregates != NULL && n_buyers > 0;

      kpi->baseline = NAN;
      if (id == NULL)
        continue;
      if (g_str_equal (id, "repeat_rate") && data)
        kpi->baseline = 100.0 * n_repeat / n_buyers;
      else if (g_str_equal (id, "churn_90d") && data)
        kpi->baseline = 100.0 * n_lapsed / n_buyers;
      else if (g_str_equal (id, "top_segment_revenue"))
        kpi->baseline = top_revenue;
      else if (g_str_equal (id, "revenue") && data)
        kpi->baseline = revenue;
      else if (g_str_equal (id, "active_customers") && data)
        kpi->baseline = n_buyers;
      else if (g_str_equal (id, "order_value") && data && orders > 0)
        kpi->baseline = revenue / orders;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Validation                                                                                  */

gboolean
sc_brief_check_date (const char  *text,
                     GError     **error)
{
  gboolean shape;

  if (text == NULL)
    return TRUE;
  shape = strlen (text) == 10;
  for (guint i = 0; shape && i < 10; i++)
    shape = i == 4 || i == 7 ? text[i] == '-' : g_ascii_isdigit (text[i]);
  if (shape && g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text)))
    return TRUE;
  g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
               _("“%s” is not a date: write the review date as YYYY-MM-DD, such as 2026-09-30"),
               text);
  return FALSE;
}

/* The active ISO 4217 codes, three letters each. */
gboolean
sc_brief_check_currency (const char  *code,
                         GError     **error)
{
  if (code == NULL || sc_currency_is_code (code))
    return TRUE;
  g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
               _("“%s” is not a currency code: use a three-letter ISO 4217 code such as EUR, "
                 "USD or GBP"), code);
  return FALSE;
}

/**
 * sc_brief_load_currency:
 * @source: (out) (optional): where the currency comes from
 *
 * The project's currency: the brief's, else the one the imported amounts were marked with
 * (kept by the import, see sc-currency.h), else the locale's, which people are then asked
 * to confirm.
 *
 * Returns: (transfer full) (nullable): an ISO 4217 code; %NULL with @source
 *   %SC_CURRENCY_NONE when none is known, or with @error set
 */
char *
sc_brief_load_currency (ScStore           *store,
                        ScCurrencySource  *source,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *code = NULL;
  ScCurrencySource from = SC_CURRENCY_NONE;
  int rc;

  if (!_sc_store_prepare (store, "SELECT currency FROM brief WHERE id = 1", &stmt, error))
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    code = _sc_store_column_dup (stmt, 0);
  else if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return NULL;

  if (code != NULL && *code != '\0')
    from = SC_CURRENCY_BRIEF;
  else
    {
      g_clear_pointer (&code, g_free);
      if (!sc_store_get_meta (store, SC_CURRENCY_META_KEY, &code, error))
        return NULL;
      if (sc_currency_is_code (code))
        from = SC_CURRENCY_DATA;
      else
        {
          g_clear_pointer (&code, g_free);
          code = sc_currency_from_locale ();
          from = code != NULL ? SC_CURRENCY_LOCALE : SC_CURRENCY_NONE;
        }
    }

  if (source != NULL)
    *source = from;
  return g_steal_pointer (&code);
}

gboolean
sc_brief_validate (const ScBrief  *brief,
                   GError        **error)
{
  if (!sc_brief_check_date (brief->review_date, error) ||
      !sc_brief_check_currency (brief->currency, error))
    return FALSE;
  for (guint i = 0; i < brief->kpis->len; i++)
    {
      const ScBriefKpi *kpi = &g_array_index (brief->kpis, ScBriefKpi, i);

      if (kpi->name == NULL || *kpi->name == '\0')
        {
          g_set_error_literal (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                               _("A KPI has no name."));
          return FALSE;
        }
    }
  for (guint i = 0; i < brief->stakeholders->len; i++)
    {
      const ScStakeholder *s = &g_array_index (brief->stakeholders, ScStakeholder, i);

      if (s->name == NULL || *s->name == '\0' || s->role >= SC_N_STAKEHOLDER_ROLES)
        {
          g_set_error_literal (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                               _("A stakeholder needs a name and a role: sponsor, approver "
                                 "or user of the segments."));
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* The project file                                                                            */

static void
bind_text (sqlite3_stmt *stmt,
           int           col,
           const char   *s)
{
  if (s != NULL)
    sqlite3_bind_text (stmt, col, s, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, col);
}

ScBrief *
sc_brief_load (ScStore  *store,
               GError  **error)
{
  g_autoptr(ScBrief) brief = sc_brief_new ();
  g_autoptr(sqlite3_stmt) head = NULL;
  g_autoptr(sqlite3_stmt) kpis = NULL;
  g_autoptr(sqlite3_stmt) people = NULL;
  int rc;

  if (!_sc_store_prepare (store, "SELECT objective, goal, scope, review_date, currency "
                                 "FROM brief WHERE id = 1", &head, error) ||
      !_sc_store_prepare (store, "SELECT name, target FROM brief_kpis ORDER BY position",
                          &kpis, error) ||
      !_sc_store_prepare (store, "SELECT name, team, role FROM brief_stakeholders "
                                 "ORDER BY position", &people, error))
    return NULL;

  rc = sqlite3_step (head);
  if (rc == SQLITE_ROW)
    {
      brief->objective = _sc_store_column_dup (head, 0);
      brief->goal = _sc_store_column_dup (head, 1);
      brief->scope = _sc_store_column_dup (head, 2);
      brief->review_date = _sc_store_column_dup (head, 3);
      brief->currency = _sc_store_column_dup (head, 4);
    }
  else if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return NULL;

  while ((rc = sqlite3_step (kpis)) == SQLITE_ROW)
    {
      ScBriefKpi kpi = { _sc_store_column_dup (kpis, 0), NAN,
                         _sc_store_column_double (kpis, 1) };

      g_array_append_val (brief->kpis, kpi);
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return NULL;

  while ((rc = sqlite3_step (people)) == SQLITE_ROW)
    {
      ScStakeholder s = { _sc_store_column_dup (people, 0), _sc_store_column_dup (people, 1),
                          SC_STAKEHOLDER_USER };

      sc_stakeholder_role_from_string ((const char *) sqlite3_column_text (people, 2), &s.role);
      g_array_append_val (brief->stakeholders, s);
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return NULL;

  return g_steal_pointer (&brief);
}

gboolean
sc_brief_save (ScStore        *store,
               const ScBrief  *brief,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) head = NULL;
  g_autoptr(sqlite3_stmt) kpi = NULL;
  g_autoptr(sqlite3_stmt) person = NULL;
  gboolean ok = FALSE;

  if (!sc_brief_validate (brief, error) || !sc_store_begin (store, error))
    return FALSE;
  if (!_sc_store_exec (store, "DELETE FROM brief; DELETE FROM brief_kpis; "
                              "DELETE FROM brief_stakeholders;", error) ||
      !_sc_store_prepare (store, "INSERT INTO brief (id, objective, goal, scope, review_date, "
                                 "currency) VALUES (1, ?, ?, ?, ?, ?)", &head, error) ||
      !_sc_store_prepare (store, "INSERT INTO brief_kpis (position, name, target) "
                                 "VALUES (?, ?, ?)", &kpi, error) ||
      !_sc_store_prepare (store, "INSERT INTO brief_stakeholders (position, name, team, role) "
                                 "VALUES (?, ?, ?, ?)", &person, error))
    goto out;

  bind_text (head, 1, brief->objective);
  bind_text (head, 2, brief->goal);
  bind_text (head, 3, brief->scope);
  bind_text (head, 4, brief->review_date);
  bind_text (head, 5, brief->currency);
  if (!_sc_store_step_done (store, head, error))
    goto out;

  for (guint i = 0; i < brief->kpis->len; i++)
    {
      const ScBriefKpi *k = &g_array_index (brief->kpis, ScBriefKpi, i);

      sqlite3_bind_int (kpi, 1, (int) i);
      bind_text (kpi, 2, k->name);
      _sc_store_bind_double (kpi, 3, k->target);
      if (!_sc_store_step_done (store, kpi, error))
        goto out;
    }
  for (guint i = 0; i < brief->stakeholders->len; i++)
    {
      const ScStakeholder *s = &g_array_index (brief->stakeholders, ScStakeholder, i);

      sqlite3_bind_int (person, 1, (int) i);
      bind_text (person, 2, s->name);
      bind_text (person, 3, s->team);
      bind_text (person, 4, sc_stakeholder_role_to_string (s->role));
      if (!_sc_store_step_done (store, person, error))
        goto out;
    }
  ok = TRUE;

out:
  return sc_store_end (store, ok, error);
}

ScBrief *
sc_brief_load_with_baselines (ScStore      *store,
                              const ScRun  *run,
                              GError      **error)
{
  g_autoptr(ScBrief) brief = sc_brief_load (store, error);
  g_autoptr(ScAggregates) aggregates = NULL;
  gboolean needed = FALSE;

  if (brief == NULL)
    return NULL;
  for (guint i = 0; i < brief->kpis->len && !needed; i++)
    needed = sc_brief_kpi_id (g_array_index (brief->kpis, ScBriefKpi, i).name) != NULL;
  if (needed && sc_store_get_n_customers (store) > 0)
    {
      aggregates = sc_store_load_aggregates (store, error);
      if (aggregates == NULL)
        return NULL;
    }
  sc_brief_compute_baselines (brief, aggregates, run);
  return g_steal_pointer (&brief);
}
