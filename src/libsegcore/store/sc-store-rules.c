/* sc-store-rules.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rules table (rule segments, issue 18) and the record of conflicting re-imports: when
 * a customer list is imported again and gives a customer another value of an attribute, the
 * old and new values are kept, so that the data-quality audit can say who changed. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-store-private.h"
#include "sc-store-rules.h"

void
sc_rule_text_free (ScRuleText *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->name);
  g_free (rule->expression);
  g_free (rule);
}

gboolean
sc_store_list_rules (ScStore    *store,
                     GPtrArray **rules,
                     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_rule_text_free);
  int rc;

  if (!_sc_store_prepare (store, "SELECT id, name, expression FROM rules ORDER BY position",
                          &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScRuleText *r = g_new0 (ScRuleText, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->name = _sc_store_column_dup (stmt, 1);
      r->expression = _sc_store_column_dup (stmt, 2);
      g_ptr_array_add (out, r);
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return FALSE;
  *rules = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
rule_exists (ScStore    *store,
             const char *name,
             gboolean   *exists,
             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  return _sc_store_lookup (store, "SELECT 1 FROM rules WHERE name = ?", name, &stmt, exists,
                           error);
}

gint64
sc_store_add_rule (ScStore     *store,
                   const char  *name,
                   const char  *expression,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  gboolean exists;

  if (!rule_exists (store, name, &exists, error))
    return 0;
  if (exists)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("There is already a rule named “%s”; choose another name or delete it "
                     "first."), name);
      return 0;
    }
  if (!_sc_store_prepare (store, "INSERT INTO rules (position, name, expression, created_at) "
                          "VALUES ((SELECT coalesce (max (position), 0) + 1 FROM rules), ?, ?, ?)",
                          &stmt, error))
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, expression, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, created, -1, SQLITE_STATIC);
  if (!_sc_store_step_done (store, stmt, error))
    return 0;
  return _sc_store_last_insert_id (store);
}

gboolean
sc_store_delete_rule (ScStore     *store,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean exists;

  if (!rule_exists (store, name, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT, _("There is no rule named “%s”."),
                   name);
      return FALSE;
    }
  if (!_sc_store_prepare (store, "DELETE FROM rules WHERE name = ?", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return _sc_store_step_done (store, stmt, error);
}

void
sc_attribute_conflict_free (ScAttributeConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->attribute);
  g_free (conflict->old_value);
  g_free (conflict->new_value);
  g_free (conflict);
}

/* The value of @attr for customer @c as text, NULL when missing. */
static char *
value_text (const ScAttribute *attr,
            guint32            c)
{
  if (attr->categorical)
    return attr->codes[c] >= 0 && (guint) attr->codes[c] < attr->n_levels
           ? g_strdup (attr->levels[attr->codes[c]]) : NULL;
  return isfinite (attr->values[c]) ? g_strdup_printf ("%.15g", attr->values[c]) : NULL;
}

gboolean
_sc_store_record_conflicts (ScStore    *store,
                            guint64     import_id,
                            guint32     n_customers,
                            GPtrArray  *attributes,
                            GError    **error)
{
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (attributes == NULL || attributes->len == 0)
    return TRUE;
  if (!sc_store_load_attributes (store, n_customers, &old, error))
    return FALSE;
  if (old->len == 0)
    return TRUE;
  if (!_sc_store_prepare (store, "INSERT INTO attribute_conflicts (import, attribute, customer, "
                          "old_value, new_value) VALUES (?, ?, ?, ?, ?)", &stmt, error))
    return FALSE;

  for (guint a = 0; a < attributes->len; a++)
    {
      const ScAttribute *now = g_ptr_array_index (attributes, a);

      for (guint b = 0; b < old->len; b++)
        {
          const ScAttribute *before = g_ptr_array_index (old, b);

          if (g_strcmp0 (before->name, now->name) != 0)
            continue;
          for (guint32 c = 0; c < n_customers; c++)
            {
              g_autofree char *was = value_text (before, c);
              g_autofree char *is = was != NULL ? value_text (now, c) : NULL;

              if (is == NULL || g_strcmp0 (was, is) == 0)
                continue;
              sqlite3_bind_int64 (stmt, 1, import_id);
              sqlite3_bind_text (stmt, 2, now->name, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (stmt, 3, c);
              sqlite3_bind_text (stmt, 4, was, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 5, is, -1, SQLITE_STATIC);
              if (!_sc_store_step_done (store, stmt, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
sc_store_list_conflicts (ScStore    *store,
                         GPtrArray **conflicts,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sc_attribute_conflict_free);
  int rc;

  if (!_sc_store_prepare (store, "SELECT attribute, customer, old_value, new_value FROM "
                          "attribute_conflicts ORDER BY import, rowid", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScAttributeConflict *c = g_new0 (ScAttributeConflict, 1);

      c->attribute = _sc_store_column_dup (stmt, 0);
      c->customer = (guint32) sqlite3_column_int64 (stmt, 1);
      c->old_value = _sc_store_column_dup (stmt, 2);
      c->new_value = _sc_store_column_dup (stmt, 3);
      g_ptr_array_add (out, c);
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return FALSE;
  *conflicts = g_steal_pointer (&out);
  return TRUE;
}
