/* seg-import-source-choices.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a column of an import file can be used as (SegColumnChoice): the core role each
 * choice stands for, its name in remembered layouts, its label, and which kinds of file
 * have it. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-import-source-private.h"

const char * const _seg_column_choice_names[] = {
  [SEG_COLUMN_IGNORE] = "ignore",
  [SEG_COLUMN_CUSTOMER] = "customer",
  [SEG_COLUMN_ORDER] = "order",
  [SEG_COLUMN_DATE] = "date",
  [SEG_COLUMN_AMOUNT] = "amount",
  [SEG_COLUMN_QUANTITY] = "quantity",
  [SEG_COLUMN_PRICE] = "price",
  [SEG_COLUMN_COST] = "cost",
  [SEG_COLUMN_MARGIN] = "margin",
  [SEG_COLUMN_CONSENT] = "consent",
  [SEG_COLUMN_EMAIL] = "email",
  [SEG_COLUMN_PHONE] = "phone",
  [SEG_COLUMN_NAME] = "name",
  [SEG_COLUMN_TYPE] = "type",
  [SEG_COLUMN_CHANNEL] = "channel",
  [SEG_COLUMN_CATEGORY] = "category",
  [SEG_COLUMN_NUMBER] = "number",
};

const ScColumnRole _seg_column_choice_roles[] = {
  [SEG_COLUMN_IGNORE] = SC_ROLE_IGNORE,
  [SEG_COLUMN_CUSTOMER] = SC_ROLE_CUSTOMER,
  [SEG_COLUMN_ORDER] = SC_ROLE_ORDER,
  [SEG_COLUMN_DATE] = SC_ROLE_DATE,
  [SEG_COLUMN_AMOUNT] = SC_ROLE_AMOUNT,
  [SEG_COLUMN_QUANTITY] = SC_ROLE_QUANTITY,
  [SEG_COLUMN_PRICE] = SC_ROLE_PRICE,
  [SEG_COLUMN_COST] = SC_ROLE_COST,
  [SEG_COLUMN_MARGIN] = SC_ROLE_MARGIN,
  [SEG_COLUMN_CONSENT] = SC_ROLE_CONSENT,
  [SEG_COLUMN_EMAIL] = SC_ROLE_EMAIL,
  [SEG_COLUMN_PHONE] = SC_ROLE_PHONE,
  [SEG_COLUMN_NAME] = SC_ROLE_NAME,
  [SEG_COLUMN_TYPE] = SC_ROLE_TYPE,
  [SEG_COLUMN_CHANNEL] = SC_ROLE_CHANNEL,
  [SEG_COLUMN_CATEGORY] = SC_ROLE_ATTRIBUTE,
  [SEG_COLUMN_NUMBER] = SC_ROLE_ATTRIBUTE,
};

/**
 * seg_column_choice_to_label:
 *
 * Returns: the choice for people, as the column role menus show it
 */
const char *
seg_column_choice_to_label (SegColumnChoice choice)
{
  switch (choice)
    {
    case SEG_COLUMN_CUSTOMER: return _("Customer ID");
    case SEG_COLUMN_ORDER: return _("Order ID");
    case SEG_COLUMN_DATE: return _("Order Date");
    case SEG_COLUMN_AMOUNT: return _("Amount");
    case SEG_COLUMN_QUANTITY: return _("Quantity");
    case SEG_COLUMN_PRICE: return _("Unit Price");
    case SEG_COLUMN_CONSENT: return _("Marketing Consent");
    case SEG_COLUMN_EMAIL: return _("Email Address");
    case SEG_COLUMN_PHONE: return _("Phone Number");
    case SEG_COLUMN_NAME: return _("Customer Name");
    case SEG_COLUMN_CATEGORY: return _("Attribute (Category)");
    case SEG_COLUMN_NUMBER: return _("Attribute (Number)");
    /* the newer roles are named as the core names them */
    case SEG_COLUMN_COST:
    case SEG_COLUMN_MARGIN:
    case SEG_COLUMN_TYPE:
    case SEG_COLUMN_CHANNEL: return sc_column_role_to_label (_seg_column_choice_roles[choice]);
    case SEG_COLUMN_IGNORE:
    case SEG_N_COLUMN_CHOICES:
    default: return _("Ignore");
    }
}

/**
 * seg_column_choice_is_unique:
 *
 * Returns: whether at most one column can have @choice
 */
gboolean
seg_column_choice_is_unique (SegColumnChoice choice)
{
  return choice != SEG_COLUMN_IGNORE && choice != SEG_COLUMN_CATEGORY &&
         choice != SEG_COLUMN_NUMBER;
}

SegColumnChoice
_seg_column_choice_from_guess (ScTableKind          kind,
                   const ScColumnGuess *guess)
{
  switch (guess->role)
    {
    case SC_ROLE_CUSTOMER: return SEG_COLUMN_CUSTOMER;
    case SC_ROLE_ORDER: return SEG_COLUMN_ORDER;
    case SC_ROLE_DATE: return SEG_COLUMN_DATE;
    case SC_ROLE_AMOUNT: return SEG_COLUMN_AMOUNT;
    case SC_ROLE_QUANTITY: return SEG_COLUMN_QUANTITY;
    case SC_ROLE_PRICE: return SEG_COLUMN_PRICE;
    case SC_ROLE_CONSENT: return SEG_COLUMN_CONSENT;
    case SC_ROLE_EMAIL: return SEG_COLUMN_EMAIL;
    case SC_ROLE_PHONE: return SEG_COLUMN_PHONE;
    case SC_ROLE_NAME: return SEG_COLUMN_NAME;
    case SC_ROLE_COST: return SEG_COLUMN_COST;
    case SC_ROLE_MARGIN: return SEG_COLUMN_MARGIN;
    case SC_ROLE_TYPE:
      return kind == SC_TABLE_INTERACTIONS ? SEG_COLUMN_TYPE : SEG_COLUMN_CATEGORY;
    case SC_ROLE_CHANNEL:
      return kind == SC_TABLE_INTERACTIONS ? SEG_COLUMN_CHANNEL : SEG_COLUMN_CATEGORY;
    case SC_ROLE_ATTRIBUTE:
      /* As the importer does with a customer list left to detection. */
      if (guess->kind == SC_VALUE_EMPTY)
        return SEG_COLUMN_IGNORE;
      return guess->kind == SC_VALUE_INTEGER || guess->kind == SC_VALUE_NUMBER
             ? SEG_COLUMN_NUMBER : SEG_COLUMN_CATEGORY;
    case SC_ROLE_IGNORE:
    default:
      return SEG_COLUMN_IGNORE;
    }
}

/* Whether a file of @kind has a column for @choice: contact fields come from the customer
 * list only, cost and margin from orders, type and channel from interactions (whose amount
 * is an interaction's value). */
gboolean
_seg_column_choice_fits_kind (ScTableKind     kind,
                  SegColumnChoice choice)
{
  switch (choice)
    {
    case SEG_COLUMN_CUSTOMER:
    case SEG_COLUMN_IGNORE:
      return TRUE;
    case SEG_COLUMN_CATEGORY:
    case SEG_COLUMN_NUMBER:
    case SEG_COLUMN_CONSENT:
      return kind != SC_TABLE_INTERACTIONS;
    case SEG_COLUMN_EMAIL:
    case SEG_COLUMN_PHONE:
    case SEG_COLUMN_NAME:
      return kind == SC_TABLE_CUSTOMERS;
    case SEG_COLUMN_DATE:
    case SEG_COLUMN_AMOUNT:
      return kind != SC_TABLE_CUSTOMERS;
    case SEG_COLUMN_TYPE:
    case SEG_COLUMN_CHANNEL:
      return kind == SC_TABLE_INTERACTIONS;
    case SEG_COLUMN_ORDER:
    case SEG_COLUMN_QUANTITY:
    case SEG_COLUMN_PRICE:
    case SEG_COLUMN_COST:
    case SEG_COLUMN_MARGIN:
    case SEG_N_COLUMN_CHOICES:
    default:
      return kind == SC_TABLE_TRANSACTIONS;
    }
}

gboolean
_seg_column_choice_from_name (const char      *name,
                  SegColumnChoice *choice)
{
  for (guint i = 0; i < SEG_N_COLUMN_CHOICES; i++)
    if (g_strcmp0 (_seg_column_choice_names[i], name) == 0)
      {
        *choice = i;
        return TRUE;
      }
  return FALSE;
}
