/* sc-import-attributes-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The customer attributes gathered while a file is read (sc-import-attributes.c), for the
 * import (sc-importer.c). */

#pragma once

#include "sc-import-layout-private.h"
#include "sc-store.h"

G_BEGIN_DECLS

/* One column becoming a customer attribute: values gathered per customer id while reading,
 * handed to an ScAttribute at the end.  From an orders file the value of a customer's latest
 * order wins, so @day holds the day of the value kept; from a customer list the first
 * listing wins (later ones are duplicates) and @day is NULL. */
typedef struct
{
  ScAttribute *attr;      /* owned by the import's attribute array */
  guint        column;
  GArray      *values;    /* gint32 level per customer (-1 missing) or double (NAN missing) */
  GArray      *day;       /* ScDay per customer, orders file only */
  GHashTable  *levels;    /* label -> level + 1 */
  GPtrArray   *names;     /* level labels */
} ScAttrColumn;

/* Adds the layout's attribute columns to @attributes and returns their builders. */
GPtrArray *_sc_attr_columns_new    (const ScImportLayout *layout,
                                    GPtrArray            *attributes,
                                    gboolean              with_days);
/* Returns FALSE for a value of a numeric column that is not a number. */
gboolean   _sc_attr_column_set     (ScAttrColumn         *ac,
                                    guint32               customer,
                                    guint32               n_customers,
                                    const char           *value,
                                    char                  decimal_mark,
                                    ScDay                 day);
/* Hands the gathered values to the attribute, sized to every customer known now. */
void       _sc_attr_column_finish  (ScAttrColumn         *ac,
                                    guint32               n_customers);

/* The contact fields of a customer list (e-mail, phone, name), gathered per customer: kept
 * apart from the attributes, which are categories to profile, not one value per person. */
#define SC_N_CONTACT_FIELDS 3

typedef struct
{
  int        column[SC_N_CONTACT_FIELDS];   /* in the file, -1 none */
  GPtrArray *values[SC_N_CONTACT_FIELDS];   /* char * per customer, NULL missing */
  guint64    invalid_emails;
} ScContactColumns;

/* NULL when the layout has no contact column. */
ScContactColumns *_sc_contacts_new     (const ScImportLayout  *layout);
void              _sc_contacts_free    (ScContactColumns      *cc);
/* Keeps a row's contact fields. Returns FALSE for an e-mail address that is none, with
 * @reason set (the rest of the row is kept). */
gboolean          _sc_contacts_set     (ScContactColumns      *cc,
                                        guint32                customer,
                                        char                 **fields,
                                        char                 **reason);
/* Adds them to what the project holds, the newest listing winning. */
gboolean          _sc_contacts_save    (ScContactColumns      *cc,
                                        ScStore               *store,
                                        guint32                n_customers,
                                        GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScContactColumns, _sc_contacts_free)

G_END_DECLS
