/* sc-interactions.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The third file kind: interactions (e-mail opens and clicks, web visits, support tickets,
 * campaign responses, or any other type a system writes), one row each with a customer, a
 * date, a type and optionally a value and a channel.  They are read with the same reader,
 * sniffing and role detection as orders, rows that cannot be used are kept as problems with
 * their line, column and reason, and the rows go into the import's one transaction.
 *
 * The rules for repeated rows are those of orders without an order column: an exact copy of
 * an earlier row of the file (the same raw text) is reported and imported once, and a row
 * the project already holds (the same customer, day, type, value and channel) is counted as
 * already present and skipped, so adding a file twice adds nothing.  A customer seen only
 * here becomes a customer of the project, as one named only by a customer list does.
 *
 * Speed: the set of the file's row hashes is the one structure per row that orders without
 * an order column share and orders with one do not (they look for copies only among rows of
 * orders seen before), and at millions of rows it is far larger than the caches: every look
 * into it waited for memory.  The row's slot is therefore asked for (prefetched) as soon as
 * the raw text is hashed and looked at only after the row has been parsed and its type and
 * channel interned, so the wait overlaps that work, and the set is laid on huge pages
 * where the system offers them (Linux's transparent huge pages on request), so that a look
 * does not first wait for the page tables.  A copy is still found whatever its fields hold:
 * a row that cannot be read is checked for being a copy before it is rejected, as before. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sc-format.h"
#include "sc-importer-private.h"
#include "sc-memory.h"
#include "sc-store-interactions.h"
#include "sc-value.h"

struct _ScInteractionBatch
{
  gsize       n;
  gsize       cap;
  guint32    *customer;
  ScDay      *day;
  guint16    *type;
  double     *value;
  guint16    *channel;
  ScInterner  types;        /* the project's names first, in their order */
  ScInterner  channels;     /* "" (no channel) is 0 */
  guint64    *per_type;     /* rows of this file per type, for the notes */
  gsize       per_type_cap;
};

void
_sc_interaction_batch_free (ScInteractionBatch *b)
{
  if (b == NULL)
    return;
  g_free (b->customer);
  g_free (b->day);
  g_free (b->type);
  g_free (b->value);
  g_free (b->channel);
  g_free (b->per_type);
  _sc_interner_clear (&b->types);
  _sc_interner_clear (&b->channels);
  g_free (b);
}

static guint64
identity (guint32 customer,
          ScDay   day,
          guint16 type,
          double  value,
          guint16 channel)
{
  char buf[sizeof customer + sizeof day + sizeof type + sizeof value + sizeof channel];
  char *p = buf;

  /* every NaN is the same missing value */
  if (isnan (value))
    value = NAN;
  memcpy (p, &customer, sizeof customer);
  p += sizeof customer;
  memcpy (p, &day, sizeof day);
  p += sizeof day;
  memcpy (p, &type, sizeof type);
  p += sizeof type;
  memcpy (p, &value, sizeof value);
  p += sizeof value;
  memcpy (p, &channel, sizeof channel);
  return _sc_hash_bytes (buf, sizeof buf) | 1;
}

static gboolean
load_names (ScStore     *store,
            const char  *which,
            ScInterner  *in,
            GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;

  if (store == NULL)
    {
      if (g_str_equal (which, "interaction_channels"))
        _sc_interner_intern (in, "", 0, TRUE, NULL);
      return TRUE;
    }
  if (!sc_store_load_interaction_names (store, which, &names, error))
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      _sc_interner_intern (in, name, strlen (name), TRUE, NULL);
    }
  return TRUE;
}

/* The identities of the rows the project already holds. */
static gboolean
load_existing (ScImportContext  *ctx,
               ScHashSet        *existing,
               GError          **error)
{
  g_autoptr(ScInteractions) ix = NULL;

  if (ctx->store == NULL || !sc_store_has_interactions (ctx->store))
    return TRUE;
  ix = sc_store_load_interactions (ctx->store, ctx->cancellable, error);
  if (ix == NULL)
    return FALSE;
  _sc_hash_set_init (existing, ix->n);
  for (gsize i = 0; i < ix->n; i++)
    _sc_hash_set_add (existing, identity (ix->customer[i], ix->day[i], ix->type[i],
                                          ix->value[i], ix->channel[i]));
  return TRUE;
}

static void
grow (ScInteractionBatch *b)
{
  b->cap = MAX (b->cap + b->cap / 2, 65536);
  b->customer = g_renew (guint32, b->customer, b->cap);
  b->day = g_renew (ScDay, b->day, b->cap);
  b->type = g_renew (guint16, b->type, b->cap);
  b->value = g_renew (double, b->value, b->cap);
  b->channel = g_renew (guint16, b->channel, b->cap);
}

/* The id of a type or channel name, added when new; FALSE with @error when there would be
 * more names than a row can point at. */
static gboolean
intern_name (ScInterner  *in,
             const char  *path,
             const char  *what,
             const char  *text,
             guint16     *id,
             GError     **error)
{
  gsize len = strlen (text);
  guint32 v;

  /* blanks around a name do not make another type; no copy per row */
  while (len > 0 && g_ascii_isspace (*text))
    {
      text++;
      len--;
    }
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  v = _sc_interner_intern (in, text, len, TRUE, NULL);

  if (v == SC_INTERN_ABSENT || v > SC_INTERACTION_MAX_NAMES - 1)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” has more than %u distinct %s; is the right column chosen?"),
                   _sc_import_basename (path), SC_INTERACTION_MAX_NAMES - 1, what);
      return FALSE;
    }
  *id = (guint16) v;
  return TRUE;
}

static void
append_notes (ScInteractionBatch *b,
              ScImportRecord     *record,
              guint64             only_here,
              GString            *notes)
{
  gboolean first = TRUE;

  if (only_here > 0)
    g_string_append_printf (notes, _("%" PRIu64 " customers appear only in the interactions "
                                     "(no orders or customer list so far).\n"), only_here);
  if (record->rows_accepted == 0)
    return;
  g_string_append (notes, _("Types: "));
  for (guint t = 0; t < MIN (b->types.n, b->per_type_cap); t++)
    {
      g_autofree char *count = NULL;

      if (b->per_type[t] == 0)
        continue;
      count = sc_format_count (b->per_type[t]);
      /* Translators: one interaction type and its rows, "email_open 1,234" */
      g_string_append_printf (notes, first ? _("%s %s") : _(", %s %s"),
                              _sc_interner_key (&b->types, t), count);
      first = FALSE;
    }
  g_string_append_c (notes, '\n');
}

gboolean
_sc_interactions_read (ScImportRun         *run,
                       const char          *path,
                       ScInteractionBatch **out,
                       GError             **error)
{
  g_autoptr(ScInteractionBatch) b = g_new0 (ScInteractionBatch, 1);
  g_auto(ScImportLayout) layout = { 0 };
  g_autoptr(ScRowReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree guint8 *seen = NULL;
  gsize seen_cap = 0;
  ScHashSet rows_seen = { 0 }, existing = { 0 };
  ScImportContext ctx;
  ScImportRecord *record;
  ScDateOrder order;
  int c_type, c_channel;
  guint64 only_here = 0;
  gsize expected;
  gboolean ok = FALSE;
  ScRow *row;

  _sc_import_run_get (run, &ctx);
  record = &ctx.report->interactions;
  if (!_sc_import_layout_read (ctx.options, ctx.cancellable, path, SC_TABLE_INTERACTIONS,
                               &layout, error) ||
      !_sc_import_layout_resolve_date_order (ctx.options, ctx.cancellable, path, &layout,
                                             &order, notes, error))
    return FALSE;
  reader = _sc_import_run_begin (run, record, path, &layout, order, notes, error);
  if (reader == NULL)
    return FALSE;
  c_type = layout.column[SC_ROLE_TYPE];
  c_channel = layout.column[SC_ROLE_CHANNEL];

  _sc_interner_init (&b->types, 64);
  _sc_interner_init (&b->channels, 64);
  if (!load_names (ctx.store, "interaction_types", &b->types, error) ||
      !load_names (ctx.store, "interaction_channels", &b->channels, error) ||
      !load_existing (&ctx, &existing, error))
    goto out;

  expected = (gsize) (_sc_row_reader_get_size (reader) / MAX (layout.bytes_per_row, 8.0) * 1.05)
             + 1024;
  _sc_interner_reserve (ctx.customers, ctx.customers->n + expected / 8);
  _sc_hash_set_init (&rows_seen, expected);
  /* calloc()ed memory of this size is fresh from mmap(), not touched yet. */
  sc_memory_advise_huge (rows_seen.slot, (rows_seen.mask + 1) * sizeof (guint64));
  b->cap = expected;
  b->cap = MAX (b->cap, 1);
  grow (b);

  while ((row = _sc_row_reader_next (reader, &local_error)) != NULL)
    {
      const char *raw;
      gsize raw_len;
      guint16 type = 0, channel = SC_INTERACTION_NO_CHANNEL;
      guint64 row_hash;
      guint32 cust;
      gboolean added, parsed, copy;

      record->rows_read++;
      if (row->reason != NULL)
        {
          if (!_sc_import_run_problem (run, record, reader, row, FALSE, error))
            goto out;
          continue;
        }
      raw = _sc_row_reader_get_raw (reader, &raw_len);
      row_hash = _sc_hash_bytes (raw, raw_len) | 1;
      __builtin_prefetch (&rows_seen.slot[row_hash & rows_seen.mask], 1);
      parsed = _sc_row_reader_parse (reader, row);
      /* An exact copy has the type and channel of its first row: interning them first adds
       * no name and cannot fail for it. */
      if (parsed &&
          (!intern_name (&b->types, path, _("interaction types"), row->fields[c_type], &type,
                         error) ||
           (c_channel >= 0 && !sc_value_is_missing (row->fields[c_channel]) &&
            !intern_name (&b->channels, path, _("channels"), row->fields[c_channel], &channel,
                          error))))
        goto out;
      copy = _sc_hash_set_add (&rows_seen, row_hash);
      if (copy || !parsed)
        {
          if (!_sc_import_run_problem (run, record, reader, row, copy, error))
            goto out;
          continue;
        }

      if (existing.slot != NULL)
        {
          guint32 known = _sc_interner_intern (ctx.customers, row->customer,
                                               strlen (row->customer), FALSE, NULL);

          if (known != SC_INTERN_ABSENT &&
              _sc_hash_set_contains (&existing, identity (known, row->day, type, row->amount,
                                                          channel)))
            {
              record->already_present++;
              continue;
            }
        }

      cust = _sc_interner_intern (ctx.customers, row->customer, strlen (row->customer), TRUE,
                                  &added);
      if (cust == SC_INTERN_ABSENT)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("“%s” has more distinct customers than Segments can hold."),
                       _sc_import_basename (path));
          goto out;
        }
      only_here += added;

      if (b->n == b->cap)
        grow (b);
      b->customer[b->n] = cust;
      b->day[b->n] = row->day;
      b->type[b->n] = type;
      b->value[b->n] = row->amount;
      b->channel[b->n] = channel;
      b->n++;

      if (type >= b->per_type_cap)
        {
          gsize old = b->per_type_cap;
          b->per_type_cap = MAX (64, (gsize) type * 2);
          b->per_type = g_renew (guint64, b->per_type, b->per_type_cap);
          memset (b->per_type + old, 0, (b->per_type_cap - old) * sizeof (guint64));
        }
      b->per_type[type]++;

      _sc_import_count_customer (record, &seen, &seen_cap, cust, ctx.n_existing);
      record->rows_accepted++;
      if (!isnan (row->amount))
        record->revenue += row->amount;
      record->first_day = MIN (record->first_day, row->day);
      record->last_day = MAX (record->last_day, row->day);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  if (record->rows_read == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("The interactions file “%s” has a header but no rows."),
                   _sc_import_basename (path));
      goto out;
    }

  record->unmatched = only_here;
  append_notes (b, record, only_here, notes);
  record->notes = g_string_free (g_steal_pointer (&notes), FALSE);
  *out = g_steal_pointer (&b);
  ok = TRUE;

out:
  g_free (rows_seen.slot);
  g_free (existing.slot);
  return ok;
}

static GPtrArray *
interner_names (const ScInterner *in)
{
  GPtrArray *names = g_ptr_array_new_full (in->n, g_free);

  /* the keys are back to back in the order of their ids */
  for (const char *key = in->buf, *end = in->buf + in->buf_len; key < end;
       key += strlen (key) + 1)
    g_ptr_array_add (names, g_strdup (key));
  return names;
}

gboolean
_sc_interactions_store (ScImportRun         *run,
                        ScInteractionBatch  *b,
                        GError             **error)
{
  g_autoptr(GPtrArray) types = interner_names (&b->types);
  g_autoptr(GPtrArray) channels = interner_names (&b->channels);
  ScImportContext ctx;

  _sc_import_run_get (run, &ctx);
  g_return_val_if_fail (ctx.store != NULL, FALSE);

  return sc_store_save_interaction_names (ctx.store, "interaction_types", types, error) &&
         sc_store_save_interaction_names (ctx.store, "interaction_channels", channels, error) &&
         sc_store_insert_interactions (ctx.store, ctx.report->interactions.id, b->n,
                                       b->customer, b->day, b->type, b->value, b->channel,
                                       ctx.cancellable, error);
}
