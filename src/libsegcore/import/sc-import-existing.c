/* sc-import-existing.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a project holds already, for an import that adds files to it (sc-importer.c): the
 * rows, so that adding the same export twice adds nothing, and the order ids with the
 * numbers their rows are stored with.  Lines with the same order id count as one order
 * (help/C/import-data.page), whichever file they came in: a later file's lines of an order
 * the project holds (an order whose lines fall on both sides of the later file's start, a
 * return, an adjustment) take that order's number instead of a new one, so the project
 * counts its orders as one file of all the rows would, and as a refresh from PostgreSQL,
 * which counts the order ids of all the rows, does. */

#include "config.h"

#include <string.h>

#include "sc-importer-private.h"
#include "sc-store-private.h"

static void
add_existing_row (const char *order_key,
                  guint32     order_no,
                  guint32     customer,
                  ScDay       day,
                  double      amount,
                  gpointer    user_data)
{
  ScImportRun *imp = user_data;
  gboolean added;
  guint32 id;

  if (!imp->has_orders)
    {
      _sc_hash_set_add (&imp->existing_rows, _sc_row_identity (customer, day, amount));
      return;
    }
  if (order_key == NULL)
    return;
  _sc_hash_set_add (&imp->existing_rows, _sc_order_row_identity (order_key, day, amount) | 1);
  /* Rows without an order id (their keys made from the line, "\x1f…") are orders of their
   * own; a check (no store) writes nothing and needs no numbers.  An id keeps the number of
   * its first row. */
  if (imp->store == NULL || order_key[0] == '\x1f')
    return;
  id = _sc_interner_intern (&imp->known_orders, order_key, strlen (order_key), TRUE, &added);
  if (!added || id == SC_INTERN_ABSENT)
    return;
  if (id >= imp->cap_known)
    {
      imp->cap_known = MAX (imp->cap_known * 2, 65536);
      imp->known_order_no = g_renew (guint32, imp->known_order_no, imp->cap_known);
    }
  imp->known_order_no[id] = order_no;
}

/* Loads what the project already holds: for files with order ids, each row's order id, day
 * and amount, and (for an import, not a check) the stored number of each order id; for
 * files without them, each row's customer, day and amount. */
gboolean
_sc_import_load_existing (ScImportRun  *imp,
                          GError      **error)
{
  _sc_hash_set_init (&imp->existing_rows, sc_store_get_n_transactions (imp->known));
  if (imp->has_orders && imp->store != NULL)
    _sc_interner_init (&imp->known_orders, 0);
  if (!_sc_store_foreach_numbered_transaction (imp->known, add_existing_row, imp, error))
    return FALSE;
  /* Without order ids in the project, the file's orders are numbered after its own. */
  if (imp->known_orders.n == 0)
    _sc_import_forget_known_orders (imp);
  return TRUE;
}

/* The number the rows of the file's order @ord (id @okey, @olen bytes) are stored with:
 * the project's number for an id it holds, else the next free one. */
guint32
_sc_import_stored_order_no (ScImportRun *imp,
                            const char  *okey,
                            gsize        olen,
                            guint32      ord)
{
  /* stored ids end at a NUL, as the file's are stored */
  guint32 known = _sc_interner_intern (&imp->known_orders, okey, strnlen (okey, olen), FALSE,
                                       NULL);

  return known != SC_INTERN_ABSENT ? imp->known_order_no[known] : imp->order_base + ord;
}

void
_sc_import_forget_known_orders (ScImportRun *imp)
{
  _sc_interner_clear (&imp->known_orders);
  g_clear_pointer (&imp->known_order_no, g_free);
  g_clear_pointer (&imp->order_stored, g_free);
}
