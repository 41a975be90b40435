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
 * which counts the order ids of all the rows, does.
 *
 * The ids are kept as their 64-bit hashes (the high 32 bits in the slot with the number,
 * the low ones its place), 8 bytes an order: at a million customers the project holds 3
 * million orders, and interning their text took 140 MB and 1.9 s more than the import
 * without it.  A new id of the file can meet an id of the same tag in its probe run (about
 * 2^-29 a lookup at 3/4 full) and take that order's number; a count changes only when
 * that order is the same customer's (a few in millions), rarer than two of a customer's
 * orders sharing a hash in the refresh (sc-pg-days.c).  Rows without an order id (keys
 * made from the line, "\x1f…") are orders of their own and are not kept. */

#include "config.h"

#include <string.h>

#include "sc-importer-private.h"
#include "sc-store-private.h"

/* The slot of @h: the one holding its tag, or the empty one where it would go. */
static gsize
known_slot (const ScImportRun *imp,
            guint64            h)
{
  guint64 tag = (h >> 32) | 1;
  gsize at;

  for (at = h & imp->known_mask;
       imp->known_orders[at] != 0 && imp->known_orders[at] >> 32 != tag;
       at = (at + 1) & imp->known_mask)
    ;
  return at;
}

static void
add_existing_row (const char *order_key,
                  guint32     order_no,
                  guint32     customer,
                  ScDay       day,
                  double      amount,
                  gpointer    user_data)
{
  ScImportRun *imp = user_data;
  guint64 h;
  gsize at;

  if (!imp->has_orders)
    {
      _sc_hash_set_add (&imp->existing_rows, _sc_row_identity (customer, day, amount));
      return;
    }
  if (order_key == NULL)
    return;
  h = _sc_hash_bytes (order_key, strlen (order_key));
  _sc_hash_set_add (&imp->existing_rows, _sc_order_row_identity_of (h, day, amount) | 1);
  /* an id keeps the number of its first row; a table fuller than sized for (the project's
   * order count was wrong) takes no more */
  if (imp->known_orders == NULL || order_key[0] == '\x1f' ||
      imp->n_known >= imp->known_mask - imp->known_mask / 16)
    return;
  at = known_slot (imp, h);
  if (imp->known_orders[at] == 0)
    {
      imp->known_orders[at] = (((h >> 32) | 1) << 32) | order_no;
      imp->n_known++;
    }
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
    {
      gsize size = 1024;

      /* at most 7/8 full: the project has used order_base numbers (3/4 full at 3.16
       * million orders, 32 MB) */
      while (size / 8 * 7 < imp->order_base)
        size *= 2;
      imp->known_orders = g_new0 (guint64, size);
      imp->known_mask = size - 1;
      imp->n_known = 0;
    }
  if (!_sc_store_foreach_numbered_transaction (imp->known, add_existing_row, imp, error))
    return FALSE;
  /* Without order ids in the project, the file's orders are numbered after its own. */
  if (imp->n_known == 0)
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
  gsize at = known_slot (imp, _sc_hash_bytes (okey, strnlen (okey, olen)));

  return imp->known_orders[at] != 0 ? (guint32) imp->known_orders[at] : imp->order_base + ord;
}

void
_sc_import_forget_known_orders (ScImportRun *imp)
{
  g_clear_pointer (&imp->known_orders, g_free);
  g_clear_pointer (&imp->order_stored, g_free);
  imp->n_known = 0;
}
