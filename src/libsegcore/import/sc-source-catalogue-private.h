/* sc-source-catalogue-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What one export shape says (the catalogue's tables) and the rules a file is read with
 * once its shape is known or the person named them: fill-down, the status that counts,
 * refunds, currency (sc-source-catalogue.c).  Shared with the layout, the row reader and
 * the rows' verdicts (sc-source-rules.c). */

#pragma once

#include "sc-source-catalogue.h"
#include "sc-types.h"

G_BEGIN_DECLS

#define SC_SHAPE_MAX 16
#define SC_SHAPE_N_ROLES (SC_ROLE_ATTRIBUTE + 1)

/* One export shape.  Column names are matched without regard to case or surrounding blanks;
 * "A|B" names alternatives (the first present is taken).  Lists end with NULL. */
struct _ScSourceShape
{
  const char     *id;                           /* "shopify-orders" */
  ScImportSource  source;
  ScTableKind     kind;
  const char     *label;                        /* N_(): "Shopify orders export" */
  const char     *signature[SC_SHAPE_MAX];      /* every one must be a column */
  const char     *roles[SC_SHAPE_N_ROLES];      /* the column of each role it knows */
  const char     *customer_else;                /* the customer where its column is empty */
  const char     *fill_down[SC_SHAPE_MAX];      /* order-level columns on the first line only */
  const char     *status;                       /* the column saying whether an order counts */
  const char     *counted[SC_SHAPE_MAX];        /* its values that count, lower case */
  const char     *refund;                       /* the refunded part of a counted order */
  const char     *currency;
  const char     *consent_yes[4];               /* consent values meaning yes; NULL: yes/no */
  const char     *numeric[SC_SHAPE_MAX];        /* customer lists: attributes */
  const char     *categories[SC_SHAPE_MAX];
  ScDateOrder     date_order;                   /* AUTO: as the sniffer finds it */
};

/* The rules one file is read with, columns resolved (-1: none). */
typedef struct
{
  const ScSourceShape *shape;        /* recognised, or NULL */
  int                 *fill_down;    /* n_fill_down columns */
  guint                n_fill_down;
  gboolean             per_order;    /* the amount is filled down: counted once per order */
  int                  status;
  char               **counted;      /* lower case */
  int                  refund;
  int                  currency;
  int                  customer_else;  /* the shape's customer column when the role's is empty */
  char                *currency_kept;  /* the dominant currency once the file is scanned */
  gboolean             currency_marked; /* kept from the amounts' markers ("USD 1,200") */
  const char * const  *consent_yes;
  ScDateOrder          date_order;
} ScSourceRules;

void         _sc_source_rules_clear   (ScSourceRules        *rules);
/* The column @names (with "|" alternatives) stands for, or -1. */
int          _sc_source_find_column   (guint                 n_columns,
                                       char * const         *header,
                                       const char           *names);
/* Reads a consent value: with the rules' yes-values, any other non-empty value is no. */
gboolean     _sc_source_read_consent  (const ScSourceRules  *rules,
                                       const char           *value,
                                       gboolean             *yes);
/* The normalised form of a status as a reason: lower case, blanks as '_'. */
char        *_sc_source_status_key    (const char           *value);

/* Sets the columns of the roles @shape knows (over detection; explicit maps come after). */
void         _sc_source_apply_roles   (const ScSourceShape  *shape,
                                       guint                 n_columns,
                                       char * const         *header,
                                       ScColumnGuess        *guesses,
                                       int                  *column);
/* Resolves the rules of an orders file or customer list: the shape's, then the person's
 * fill-down columns and counted statuses on top.  @column holds the final roles. */
gboolean     _sc_source_resolve_rules (ScSourceRules        *rules,
                                       const ScSourceShape  *shape,
                                       ScTableKind           kind,
                                       const char * const   *fill_down,
                                       const char * const   *count_status,
                                       const char           *path,
                                       guint                 n_columns,
                                       char * const         *header,
                                       const int            *column,
                                       GError              **error);
/* A customer list's attributes as the shape names them, those present in the file. */
void         _sc_source_attribute_names (const ScSourceShape *shape,
                                         guint                n_columns,
                                         char * const        *header,
                                         char              ***numeric,
                                         char              ***categories);

/* Fill-down within an order: an empty order-level value on a later line of the same order
 * takes the value of the line above. */
typedef struct
{
  GString   *order;      /* the order id of the line above */
  GPtrArray *values;     /* per fill-down column, its value on the lines above */
  gboolean   any;
} ScFillDown;

void         _sc_fill_down_init       (ScFillDown           *fill,
                                       const ScSourceRules  *rules);
void         _sc_fill_down_clear      (ScFillDown           *fill);
/* Fills the row's fields in place (pointers to values kept in @fill) and says whether it
 * continues the order of the line above. */
gboolean     _sc_fill_down_row        (ScFillDown           *fill,
                                       const ScSourceRules  *rules,
                                       int                   order_column,
                                       char                **fields,
                                       gsize                *lengths);

G_END_DECLS
