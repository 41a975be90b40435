/* sc-source-catalogue.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The export shapes of the systems people export from, as data: one description per
 * shape says how to recognise it (a signature of column names that all must be there, so
 * that a generic file with a "Status" or an "Email" column is never taken for one), which
 * column plays which role, which order-level columns are written on an order's first line
 * only, which status values count, and where the refunds, the currency and the consent are.
 * Adding a shape is adding a table entry.  The column names follow each system's published
 * export documentation; where versions name a column differently, "A|B" lists both.
 *
 * The mechanisms the tables use are general (any file can have them through the options):
 * fill-down within an order and the resolution of the rules to columns are here; what a
 * row then counts as (sc-source-rules.c) sits above the row reader. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-source-catalogue-private.h"
#include "sc-value.h"

static const ScSourceShape shapes[] = {
  {
    .id = "shopify-orders", .source = SC_IMPORT_SOURCE_SHOPIFY, .kind = SC_TABLE_TRANSACTIONS,
    .label = N_("Shopify orders export"),
    .signature = { "Name", "Email", "Financial Status", "Lineitem name", "Lineitem quantity",
                   "Created at", "Total" },
    .roles = { [SC_ROLE_CUSTOMER] = "Email", [SC_ROLE_ORDER] = "Name",
               [SC_ROLE_DATE] = "Created at", [SC_ROLE_AMOUNT] = "Total",
               [SC_ROLE_CONSENT] = "Accepts Marketing|Accepts Email Marketing" },
    .fill_down = { "Email", "Financial Status", "Paid at", "Accepts Marketing|Accepts Email Marketing",
                   "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Created at",
                   "Refunded Amount" },
    .status = "Financial Status",
    .counted = { "paid", "partially_refunded" },
    .refund = "Refunded Amount",
    .currency = "Currency",
    .date_order = SC_DATE_ORDER_YMD,
  },
  {
    .id = "shopify-customers", .source = SC_IMPORT_SOURCE_SHOPIFY, .kind = SC_TABLE_CUSTOMERS,
    .label = N_("Shopify customers export"),
    .signature = { "Customer ID", "First Name", "Last Name", "Email", "Total Spent",
                   "Total Orders" },
    .roles = { [SC_ROLE_CUSTOMER] = "Email",
               [SC_ROLE_CONSENT] = "Accepts Email Marketing|Accepts Marketing",
               [SC_ROLE_PHONE] = "Phone|Default Address Phone" },
    .numeric = { "Total Spent", "Total Orders" },
    .categories = { "Tags", "Default Address Country Code|Country", "Default Address Company|Company",
                    "Tax Exempt" },
  },
  {
    .id = "woocommerce-orders", .source = SC_IMPORT_SOURCE_WOOCOMMERCE,
    .kind = SC_TABLE_TRANSACTIONS,
    .label = N_("WooCommerce orders export"),
    /* "Email (Billing)" and "Order Refund Amount": the Advanced Order Export plugin's names */
    .signature = { "Order ID|Order Number", "Order Date", "Order Status",
                   "Billing Email|Email (Billing)", "Order Total|Order Total Amount" },
    .roles = { [SC_ROLE_CUSTOMER] = "Billing Email|Email (Billing)",
               [SC_ROLE_ORDER] = "Order ID|Order Number", [SC_ROLE_DATE] = "Order Date",
               [SC_ROLE_AMOUNT] = "Order Total|Order Total Amount" },
    /* One line per item repeats (or leaves empty) the order's own columns. */
    .fill_down = { "Billing Email|Email (Billing)", "Order Date", "Order Status",
                   "Order Total|Order Total Amount", "Order Currency|Currency",
                   "Order Refund|Refund Amount|Order Refund Amount" },
    .status = "Order Status",
    .counted = { "completed", "processing", "wc-completed", "wc-processing" },
    .refund = "Order Refund|Refund Amount|Order Refund Amount",
    .currency = "Order Currency|Currency",
  },
  {
    .id = "stripe-payments", .source = SC_IMPORT_SOURCE_STRIPE, .kind = SC_TABLE_TRANSACTIONS,
    .label = N_("Stripe payments export"),
    /* The unified payments export of today's Dashboard says "Created date (UTC)". */
    .signature = { "id", "Created (UTC)|Created date (UTC)", "Amount", "Amount Refunded",
                   "Currency", "Status" },
    .roles = { [SC_ROLE_CUSTOMER] = "Customer Email|Customer ID", [SC_ROLE_ORDER] = "id",
               [SC_ROLE_DATE] = "Created (UTC)|Created date (UTC)", [SC_ROLE_AMOUNT] = "Amount" },
    /* a customer without an e-mail address is still the customer of its payments */
    .customer_else = "Customer ID",
    .status = "Status",
    .counted = { "succeeded", "paid", "partially refunded" },
    .refund = "Amount Refunded",
    .currency = "Currency",
    .date_order = SC_DATE_ORDER_YMD,
  },
  {
    .id = "square-transactions", .source = SC_IMPORT_SOURCE_SQUARE,
    .kind = SC_TABLE_TRANSACTIONS,
    .label = N_("Square transactions export"),
    .signature = { "Date", "Time", "Time Zone", "Gross Sales", "Net Sales", "Total Collected",
                   "Transaction ID" },
    .roles = { [SC_ROLE_CUSTOMER] = "Customer ID", [SC_ROLE_ORDER] = "Transaction ID",
               [SC_ROLE_DATE] = "Date", [SC_ROLE_AMOUNT] = "Total Collected" },
    .status = "Transaction Status",
    .counted = { "complete", "completed" },
  },
  {
    .id = "hubspot-deals", .source = SC_IMPORT_SOURCE_HUBSPOT, .kind = SC_TABLE_TRANSACTIONS,
    .label = N_("HubSpot deals export"),
    .signature = { "Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date" },
    /* today's exports name the primary company's column "... (Primary)" */
    .roles = { [SC_ROLE_CUSTOMER] = "Associated Company IDs (Primary)|Associated Company IDs|"
                                    "Associated Contact IDs",
               [SC_ROLE_ORDER] = "Record ID", [SC_ROLE_DATE] = "Close Date",
               [SC_ROLE_AMOUNT] = "Amount" },
    .status = "Deal Stage",
    .counted = { "closed won", "closedwon" },
    .currency = "Currency|Deal currency code",
  },
  {
    .id = "hubspot-contacts", .source = SC_IMPORT_SOURCE_HUBSPOT, .kind = SC_TABLE_CUSTOMERS,
    .label = N_("HubSpot contacts export"),
    .signature = { "Record ID", "First Name", "Last Name", "Email", "Lifecycle Stage" },
    .roles = { [SC_ROLE_CUSTOMER] = "Record ID", [SC_ROLE_EMAIL] = "Email",
               [SC_ROLE_PHONE] = "Phone Number",
               [SC_ROLE_CONSENT] = "Marketing contact status" },
    .consent_yes = { "marketing contact", "marketing" },
    .categories = { "Lifecycle Stage", "Lead Status", "Country/Region|Country",
                    "Company Name", "Industry" },
  },
  {
    .id = "hubspot-companies", .source = SC_IMPORT_SOURCE_HUBSPOT, .kind = SC_TABLE_CUSTOMERS,
    .label = N_("HubSpot companies export"),
    .signature = { "Record ID", "Company name", "Company Domain Name|Industry", "Lifecycle Stage" },
    .roles = { [SC_ROLE_CUSTOMER] = "Record ID", [SC_ROLE_NAME] = "Company name",
               [SC_ROLE_PHONE] = "Phone Number" },
    .numeric = { "Number of Employees", "Annual Revenue" },
    .categories = { "Industry", "Lifecycle Stage", "Country/Region|Country", "Type" },
  },
  {
    .id = "salesforce-opportunities", .source = SC_IMPORT_SOURCE_SALESFORCE,
    .kind = SC_TABLE_TRANSACTIONS,
    .label = N_("Salesforce opportunities report"),
    .signature = { "Opportunity Name", "Account Name", "Stage", "Close Date", "Amount" },
    .roles = { [SC_ROLE_CUSTOMER] = "Account ID|Account Name",
               [SC_ROLE_ORDER] = "Opportunity ID", [SC_ROLE_DATE] = "Close Date",
               [SC_ROLE_AMOUNT] = "Amount" },
    .status = "Stage",
    .counted = { "closed won" },
    .currency = "Opportunity Currency|Amount Currency",
  },
  {
    .id = "salesforce-accounts", .source = SC_IMPORT_SOURCE_SALESFORCE,
    .kind = SC_TABLE_CUSTOMERS,
    .label = N_("Salesforce accounts report"),
    .signature = { "Account ID", "Account Name", "Industry", "Billing Country|Type" },
    .roles = { [SC_ROLE_CUSTOMER] = "Account ID", [SC_ROLE_NAME] = "Account Name",
               [SC_ROLE_PHONE] = "Phone" },
    .numeric = { "Annual Revenue", "Employees" },
    .categories = { "Industry", "Type", "Billing Country", "Billing State/Province", "Rating",
                    "Ownership" },
  },
};

static const char * const source_names[SC_N_IMPORT_SOURCES] = {
  "auto", "generic", "shopify", "woocommerce", "stripe", "square", "hubspot", "salesforce",
};

/**
 * sc_import_source_get_label:
 *
 * Returns: the system's name for people ("Shopify"); "" for auto and generic
 */
const char *
sc_import_source_get_label (ScImportSource source)
{
  static const char * const labels[SC_N_IMPORT_SOURCES] = {
    "", "", "Shopify", "WooCommerce", "Stripe", "Square", "HubSpot", "Salesforce",
  };

  g_return_val_if_fail (source < SC_N_IMPORT_SOURCES, "");
  return labels[source];
}

const char *
sc_import_source_to_string (ScImportSource source)
{
  g_return_val_if_fail (source < SC_N_IMPORT_SOURCES, NULL);
  return source_names[source];
}

gboolean
sc_import_source_from_string (const char     *s,
                              ScImportSource *source)
{
  g_return_val_if_fail (s != NULL, FALSE);

  for (guint i = 0; i < SC_N_IMPORT_SOURCES; i++)
    if (g_ascii_strcasecmp (s, source_names[i]) == 0)
      {
        *source = i;
        return TRUE;
      }
  return FALSE;
}

/* Whether @header[i] is @name, ignoring case and surrounding blanks. */
static gboolean
name_matches (const char *header,
              const char *name,
              gsize       name_len)
{
  const char *end;

  while (g_ascii_isspace (*header))
    header++;
  end = header + strlen (header);
  while (end > header && g_ascii_isspace (end[-1]))
    end--;
  return (gsize) (end - header) == name_len && g_ascii_strncasecmp (header, name, name_len) == 0;
}

int
_sc_source_find_column (guint          n_columns,
                        char * const  *header,
                        const char    *names)
{
  const char *p = names;

  while (p != NULL && *p != '\0')
    {
      const char *bar = strchr (p, '|');
      gsize len = bar != NULL ? (gsize) (bar - p) : strlen (p);

      for (guint i = 0; i < n_columns; i++)
        if (name_matches (header[i], p, len))
          return (int) i;
      p = bar != NULL ? bar + 1 : NULL;
    }
  return -1;
}

static gboolean
shape_fits (const ScSourceShape *shape,
            guint                n_columns,
            char * const        *header)
{
  for (guint i = 0; i < SC_SHAPE_MAX && shape->signature[i] != NULL; i++)
    if (_sc_source_find_column (n_columns, header, shape->signature[i]) < 0)
      return FALSE;
  return TRUE;
}

/**
 * sc_source_shape_recognise:
 * @source: %SC_IMPORT_SOURCE_AUTO to try every shape, a system to try only its shapes, or
 *   %SC_IMPORT_SOURCE_GENERIC to try none
 * @kind: an orders file or a customer list
 * @n_columns: the columns of @header
 * @header: the file's column names
 *
 * Returns: (nullable) (transfer none): the first shape whose whole signature is in @header
 */
const ScSourceShape *
sc_source_shape_recognise (ScImportSource       source,
                           ScTableKind          kind,
                           guint                n_columns,
                           const char * const  *header)
{
  if (source == SC_IMPORT_SOURCE_GENERIC || header == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    if (shapes[i].kind == kind &&
        (source == SC_IMPORT_SOURCE_AUTO || shapes[i].source == source) &&
        shape_fits (&shapes[i], n_columns, (char * const *) header))
      return &shapes[i];
  return NULL;
}

const char *
sc_source_shape_get_id (const ScSourceShape *shape)
{
  g_return_val_if_fail (shape != NULL, NULL);
  return shape->id;
}

/**
 * sc_source_shape_get_label:
 *
 * Returns: the shape's name for people, translated ("Shopify orders export")
 */
const char *
sc_source_shape_get_label (const ScSourceShape *shape)
{
  g_return_val_if_fail (shape != NULL, NULL);
  return _(shape->label);
}

ScImportSource
sc_source_shape_get_source (const ScSourceShape *shape)
{
  g_return_val_if_fail (shape != NULL, SC_IMPORT_SOURCE_GENERIC);
  return shape->source;
}

/* ------------------------------------------------------------------------------------------ */
/* Rules                                                                                      */

void
_sc_source_rules_clear (ScSourceRules *rules)
{
  g_clear_pointer (&rules->fill_down, g_free);
  g_clear_pointer (&rules->counted, g_strfreev);
  g_clear_pointer (&rules->currency_kept, g_free);
  rules->currency_marked = FALSE;
  rules->n_fill_down = 0;
}

char *
_sc_source_status_key (const char *value)
{
  g_autofree char *v = g_strstrip (g_ascii_strdown (value, -1));

  if (*v == '\0')
    return g_strdup ("no_status");
  g_strdelimit (v, " \t", '_');
  return g_steal_pointer (&v);
}

gboolean
_sc_source_read_consent (const ScSourceRules *rules,
                         const char          *value,
                         gboolean            *yes)
{
  g_autofree char *v = NULL;

  if (rules->consent_yes == NULL || rules->consent_yes[0] == NULL)
    return sc_parse_bool (value, yes);
  v = g_strstrip (g_ascii_strdown (value, -1));
  *yes = FALSE;
  for (guint i = 0; rules->consent_yes[i] != NULL; i++)
    if (g_str_equal (v, rules->consent_yes[i]))
      *yes = TRUE;
  return *v != '\0';
}

void
_sc_source_apply_roles (const ScSourceShape *shape,
                        guint                n_columns,
                        char * const        *header,
                        ScColumnGuess       *guesses,
                        int                 *column)
{
  for (guint r = SC_ROLE_CUSTOMER; r < SC_ROLE_ATTRIBUTE; r++)
    {
      int col;

      if (shape->roles[r] == NULL)
        continue;
      col = _sc_source_find_column (n_columns, header, shape->roles[r]);
      if (col < 0)
        continue;
      for (guint other = 0; other < SC_SHAPE_N_ROLES; other++)
        if (column[other] == col)
          column[other] = -1;
      if (column[r] >= 0)
        guesses[column[r]].role = SC_ROLE_IGNORE;
      column[r] = col;
      guesses[col].role = r;
    }
}

/* The first column named like a status ("Status", "Order Status", "Financial Status"). */
static int
find_status_column (guint         n_columns,
                    char * const *header)
{
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *h = g_strstrip (g_ascii_strdown (header[i], -1));

      if (g_str_equal (h, "status") || g_str_has_suffix (h, " status") ||
          g_str_has_suffix (h, "_status") || g_str_equal (h, "stage") ||
          g_str_has_suffix (h, " stage"))
        return (int) i;
    }
  return -1;
}

static void
add_status_key (GStrvBuilder *b,
                const char   *status)
{
  g_autofree char *key = _sc_source_status_key (status);
  g_strv_builder_add (b, key);
}

static void
add_fill_down (GArray *columns,
               int     col)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_array_index (columns, int, i) == col)
      return;
  g_array_append_val (columns, col);
}

gboolean
_sc_source_resolve_rules (ScSourceRules        *rules,
                          const ScSourceShape  *shape,
                          ScTableKind           kind,
                          const char * const   *fill_down,
                          const char * const   *count_status,
                          const char           *path,
                          guint                 n_columns,
                          char * const         *header,
                          const int            *column,
                          GError              **error)
{
  g_autoptr(GArray) fills = g_array_new (FALSE, FALSE, sizeof (int));
  const char *base = strrchr (path, G_DIR_SEPARATOR) != NULL ? strrchr (path, G_DIR_SEPARATOR) + 1
                                                             : path;

  _sc_source_rules_clear (rules);
  rules->shape = shape;
  rules->status = rules->refund = rules->currency = rules->customer_else = -1;
  rules->date_order = shape != NULL ? shape->date_order : SC_DATE_ORDER_AUTO;
  rules->consent_yes = shape != NULL ? shape->consent_yes : NULL;
  if (kind != SC_TABLE_TRANSACTIONS)
    return TRUE;

  if (shape != NULL)
    {
      for (guint i = 0; i < SC_SHAPE_MAX && shape->fill_down[i] != NULL; i++)
        {
          int col = _sc_source_find_column (n_columns, header, shape->fill_down[i]);
          if (col >= 0)
            add_fill_down (fills, col);
        }
      if (shape->status != NULL)
        rules->status = _sc_source_find_column (n_columns, header, shape->status);
      if (rules->status >= 0)
        {
          GStrvBuilder *b = g_strv_builder_new ();

          for (guint i = 0; i < SC_SHAPE_MAX && shape->counted[i] != NULL; i++)
            add_status_key (b, shape->counted[i]);
          rules->counted = g_strv_builder_end (b);
          g_strv_builder_unref (b);
        }
      if (shape->refund != NULL)
        rules->refund = _sc_source_find_column (n_columns, header, shape->refund);
      if (shape->currency != NULL)
        rules->currency = _sc_source_find_column (n_columns, header, shape->currency);
      /* only beside the shape's own customer column, not one the person chose */
      if (shape->customer_else != NULL && column[SC_ROLE_CUSTOMER] >= 0 &&
          column[SC_ROLE_CUSTOMER] == _sc_source_find_column (n_columns, header,
                                                              shape->roles[SC_ROLE_CUSTOMER]))
        rules->customer_else = _sc_source_find_column (n_columns, header, shape->customer_else);
      if (rules->customer_else == column[SC_ROLE_CUSTOMER])
        rules->customer_else = -1;
    }

  for (guint i = 0; fill_down != NULL && fill_down[i] != NULL; i++)
    {
      int col = _sc_source_find_column (n_columns, header, fill_down[i]);

      if (col < 0 || strchr (fill_down[i], '|') != NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                       _("“%s” has no column named “%s” (given to fill down)."), base,
                       fill_down[i]);
          return FALSE;
        }
      add_fill_down (fills, col);
    }

  if (count_status != NULL && count_status[0] != NULL)
    {
      GStrvBuilder *b = g_strv_builder_new ();

      if (rules->status < 0)
        rules->status = find_status_column (n_columns, header);
      if (rules->status < 0)
        {
          g_strv_builder_unref (b);
          g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                       _("“%s” has no status column for the statuses that count: none of its "
                         "columns is called Status or ends in “Status” or “Stage”."), base);
          return FALSE;
        }
      /* as keys: "Partially refunded" and "partially_refunded" are the same status */
      for (guint i = 0; count_status[i] != NULL; i++)
        add_status_key (b, count_status[i]);
      g_clear_pointer (&rules->counted, g_strfreev);
      rules->counted = g_strv_builder_end (b);
      g_strv_builder_unref (b);
    }

  if (fills->len > 0 && column[SC_ROLE_ORDER] < 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                   _("Filling down needs the order id of each line, to fill only within an "
                     "order: choose the order id column of “%s” (segments-cli: --map "
                     "order=COLUMN)."), base);
      return FALSE;
    }
  rules->n_fill_down = fills->len;
  rules->fill_down = (int *) g_array_free (g_steal_pointer (&fills), FALSE);
  for (guint i = 0; i < rules->n_fill_down; i++)
    if (rules->fill_down[i] == column[SC_ROLE_AMOUNT])
      rules->per_order = TRUE;
  return TRUE;
}

void
_sc_source_attribute_names (const ScSourceShape   *shape,
                            guint                  n_columns,
                            char * const          *header,
                            char                ***numeric,
                            char                ***categories)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      const char * const *names = pass == 0 ? shape->numeric : shape->categories;
      GStrvBuilder *b = g_strv_builder_new ();

      for (guint i = 0; i < SC_SHAPE_MAX && names[i] != NULL; i++)
        {
          int col = _sc_source_find_column (n_columns, header, names[i]);
          if (col >= 0)
            g_strv_builder_add (b, header[col]);
        }
      *(pass == 0 ? numeric : categories) = g_strv_builder_end (b);
      g_strv_builder_unref (b);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Fill-down                                                                                  */

void
_sc_fill_down_init (ScFillDown          *fill,
                    const ScSourceRules *rules)
{
  fill->order = g_string_new (NULL);
  fill->values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rules->n_fill_down; i++)
    g_ptr_array_add (fill->values, g_strdup (""));
  fill->any = FALSE;
}

void
_sc_fill_down_clear (ScFillDown *fill)
{
  if (fill->order != NULL)
    g_string_free (fill->order, TRUE);
  fill->order = NULL;
  g_clear_pointer (&fill->values, g_ptr_array_unref);
}

gboolean
_sc_fill_down_row (ScFillDown           *fill,
                   const ScSourceRules  *rules,
                   int                   order_column,
                   char                **fields,
                   gsize                *lengths)
{
  const char *order = fields[order_column];
  gboolean same;

  same = fill->any && !sc_value_is_missing (order) && g_str_equal (order, fill->order->str);
  if (!same)
    {
      g_string_assign (fill->order, order);
      fill->any = TRUE;
    }
  for (guint i = 0; i < rules->n_fill_down; i++)
    {
      int col = rules->fill_down[i];

      if (same && sc_value_is_missing (fields[col]))
        {
          /* The row points at the kept copy, valid until the value changes. */
          fields[col] = g_ptr_array_index (fill->values, i);
          lengths[col] = strlen (fields[col]);
        }
      else
        {
          g_free (g_ptr_array_index (fill->values, i));
          g_ptr_array_index (fill->values, i) = g_strdup (fields[col]);
        }
    }
  return same;
}
