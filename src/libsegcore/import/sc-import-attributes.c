/* sc-import-attributes.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Columns kept as customer attributes, gathered per customer while a file is read.  From an
 * orders file the value on a customer's latest order wins; from a customer list, the first
 * listing. */

#include "config.h"

#include <math.h>

#include "sc-import-attributes-private.h"
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
