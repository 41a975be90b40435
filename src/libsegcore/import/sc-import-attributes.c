/* sc-import-attributes.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Columns kept as customer attributes, gathered per customer while a file is read.  From an
 * orders file the value on a customer's latest order wins; from a customer list, the first
 * listing.  A customer list's contact fields (e-mail, phone, name) are gathered here too, but
 * kept apart: one value per person is no category to profile, and an address is checked
 * and normalised (sc-contact.c) where a category is taken as it is. */

#include "config.h"

#include <math.h>

#include "sc-contact.h"
#include "sc-import-attributes-private.h"
#include "sc-store-activation.h"
#include "sc-value.h"

static void
attr_column_free (ScAttrColumn *ac)
{
  g_clear_pointer (&ac->values, g_array_unref);
  g_clear_pointer (&ac->day, g_array_unref);
  g_clear_pointer (&ac->levels, g_hash_table_unref);
  g_clear_pointer (&ac->names, g_ptr_array_unref);
  g_free (ac);
}

/* Adds the layout's attribute columns to @attributes and returns their builders. */
GPtrArray *
_sc_attr_columns_new (const ScImportLayout *layout,
                      GPtrArray            *attributes,
                      gboolean              with_days)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify) attr_column_free);

  for (guint a = 0; a < layout->n_attrs; a++)
    {
      ScAttrColumn *ac = g_new0 (ScAttrColumn, 1);

      ac->attr = g_new0 (ScAttribute, 1);
      ac->attr->name = g_strdup (layout->header[layout->attr_column[a]]);
      ac->attr->categorical = layout->attr_categorical[a];
      ac->column = (guint) layout->attr_column[a];
      ac->values = g_array_new (FALSE, FALSE, ac->attr->categorical ? sizeof (gint32)
                                                                    : sizeof (double));
      if (with_days)
        ac->day = g_array_new (FALSE, FALSE, sizeof (ScDay));
      if (ac->attr->categorical)
        {
          ac->levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          ac->names = g_ptr_array_new_with_free_func (g_free);
        }
      g_ptr_array_add (attributes, ac->attr);
      g_ptr_array_add (columns, ac);
    }
  return columns;
}

static void
attr_column_grow (ScAttrColumn *ac,
                  guint32       n)
{
  guint old = ac->values->len;

  if (old >= n)
    return;
  g_array_set_size (ac->values, n);
  for (guint j = old; j < n; j++)
    {
      if (ac->attr->categorical)
        g_array_index (ac->values, gint32, j) = -1;
      else
        g_array_index (ac->values, double, j) = NAN;
    }
  if (ac->day != NULL)
    {
      g_array_set_size (ac->day, n);
      for (guint j = old; j < n; j++)
        g_array_index (ac->day, ScDay, j) = G_MININT32;
    }
}

/* Returns FALSE for a value of a numeric column that is not a number. */
gboolean
_sc_attr_column_set (ScAttrColumn *ac,
                     guint32       customer,
                     guint32       n_customers,
                     const char   *value,
                     char          decimal_mark,
                     ScDay         day)
{
  attr_column_grow (ac, n_customers);
  if (sc_value_is_missing (value))
    return TRUE;
  if (ac->day != NULL)
    {
      if (day < g_array_index (ac->day, ScDay, customer))
        return TRUE;
    }

  if (ac->attr->categorical)
    {
      g_autofree char *label = g_strdelimit (g_strstrip (g_strdup (value)), "\r\n", ' ');
      gpointer found = g_hash_table_lookup (ac->levels, label);

      if (found == NULL)
        {
          g_ptr_array_add (ac->names, g_strdup (label));
          found = GUINT_TO_POINTER (ac->names->len);
          g_hash_table_insert (ac->levels, g_steal_pointer (&label), found);
        }
      g_array_index (ac->values, gint32, customer) = (gint32) GPOINTER_TO_UINT (found) - 1;
    }
  else
    {
      double v;

      if (!sc_parse_number (value, decimal_mark, &v) || !isfinite (v))
        return FALSE;
      g_array_index (ac->values, double, customer) = v;
    }
  if (ac->day != NULL)
    g_array_index (ac->day, ScDay, customer) = day;
  return TRUE;
}

/* Hands the gathered values to the attribute, sized to every customer known now. */
void
_sc_attr_column_finish (ScAttrColumn *ac,
                        guint32       n_customers)
{
  ScAttribute *attr = ac->attr;

  attr_column_grow (ac, MAX (n_customers, 1));
  if (attr->categorical)
    {
      attr->n_levels = ac->names->len;
      g_ptr_array_add (ac->names, NULL);
      attr->levels = (char **) g_ptr_array_free (g_steal_pointer (&ac->names), FALSE);
      attr->codes = (gint32 *) g_array_free (g_steal_pointer (&ac->values), FALSE);
    }
  else
    attr->values = (double *) g_array_free (g_steal_pointer (&ac->values), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Contact fields */

static const ScColumnRole contact_roles[SC_N_CONTACT_FIELDS] = {
  SC_ROLE_EMAIL, SC_ROLE_PHONE, SC_ROLE_NAME,
};

ScContactColumns *
_sc_contacts_new (const ScImportLayout *layout)
{
  ScContactColumns *cc = NULL;

  for (guint f = 0; f < SC_N_CONTACT_FIELDS; f++)
    {
      if (layout->column[contact_roles[f]] < 0)
        continue;
      if (cc == NULL)
        {
          cc = g_new0 (ScContactColumns, 1);
          for (guint g = 0; g < SC_N_CONTACT_FIELDS; g++)
            cc->column[g] = -1;
        }
      cc->column[f] = layout->column[contact_roles[f]];
      cc->values[f] = g_ptr_array_new_with_free_func (g_free);
    }
  return cc;
}

void
_sc_contacts_free (ScContactColumns *cc)
{
  if (cc == NULL)
    return;
  for (guint f = 0; f < SC_N_CONTACT_FIELDS; f++)
    g_clear_pointer (&cc->values[f], g_ptr_array_unref);
  g_free (cc);
}

gboolean
_sc_contacts_set (ScContactColumns  *cc,
                  guint32            customer,
                  char             **fields,
                  char             **reason)
{
  gboolean ok = TRUE;

  for (guint f = 0; f < SC_N_CONTACT_FIELDS; f++)
    {
      const char *raw;
      char *value;

      if (cc->column[f] < 0)
        continue;
      raw = fields[cc->column[f]];
      if (cc->values[f]->len <= customer)
        g_ptr_array_set_size (cc->values[f], customer + 1);
      if (sc_value_is_missing (raw))
        continue;
      if (contact_roles[f] == SC_ROLE_EMAIL)
        {
          value = sc_email_normalize (raw, reason);
          if (value == NULL)
            {
              cc->invalid_emails++;
              ok = FALSE;
              continue;
            }
        }
      else
        value = sc_contact_clean (raw);
      g_free (g_ptr_array_index (cc->values[f], customer));
      g_ptr_array_index (cc->values[f], customer) = value;
    }
  return ok;
}

gboolean
_sc_contacts_save (ScContactColumns  *cc,
                   ScStore           *store,
                   guint32            n_customers,
                   GError           **error)
{
  for (guint f = 0; f < SC_N_CONTACT_FIELDS; f++)
    {
      g_autoptr(GPtrArray) all = NULL;
      const char *name = sc_column_role_to_string (contact_roles[f]);

      if (cc->column[f] < 0)
        continue;
      if (!sc_store_load_contacts (store, name, n_customers, &all, error))
        return FALSE;
      for (guint32 c = 0; c < cc->values[f]->len && c < n_customers; c++)
        {
          char *v = g_ptr_array_index (cc->values[f], c);

          if (v != NULL)
            {
              g_free (g_ptr_array_index (all, c));
              g_ptr_array_index (all, c) = g_strdup (v);
            }
        }
      if (!sc_store_save_contacts (store, name, all, error))
        return FALSE;
    }
  return TRUE;
}
