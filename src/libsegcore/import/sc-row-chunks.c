/* sc-row-chunks.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading a large file on every core, with the same rows, lines and reasons as one reader.
 *
 * The file is cut into byte ranges of a few MiB, each starting just after a line feed.  A
 * line feed may lie inside a quoted field, so a cut is only a guess: worker threads read
 * and parse each range on its own as if a record started there (fields, raw text, the
 * reason a row cannot be used, the values parse() reads) and the row reader, which hands the
 * rows out in file order, proves every cut before using the range behind it.  The range
 * before a cut is read by the same scanner as a whole-file read, from a start already
 * proven (the file's start, by induction), and its last record is read whole even where it
 * crosses the cut; so the cut is a record start of the whole file exactly when that range's
 * reading ends on it.  When it does not (the cut fell inside a multi-line quoted field), or
 * when a range failed (a record too long, an unterminated quote: it may have been read from
 * the wrong state), the row reader discards the range and reads it itself from the proven
 * position, so the rows, their lines and any error are those of a whole-file read.  Line
 * numbers are counted from each range's start and offset by the lines of the ranges before.
 *
 * The workers read at most a few ranges ahead of the reader, so memory stays a few MiB per
 * core whatever the file's size, and the import's own work on the rows (interning, duplicate
 * checks, storing) runs while later ranges are read.  Fill-down needs the row above and is
 * read in one piece; so are small files, where threads cost more than they save. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sc-intern-private.h"
#include "sc-memory.h"
#include "sc-row-reader-private.h"

#define DEFAULT_CHUNK_SIZE (4 * 1024 * 1024)
#define MAX_CHUNK_SIZE (256 * 1024 * 1024)
#define MAX_THREADS 8
#define CUT_WINDOW (64 * 1024)   /* how far after a guessed cut a line feed is looked for */
#define CHECK_EVERY 4096

typedef enum
{
  CHUNK_WAITING,
  CHUNK_READING,
  CHUNK_DONE,
  CHUNK_RELEASED,
} ChunkState;

struct _ScRowChunks
{
  char                 *path;
  const ScImportLayout *layout;
  ScTableKind           kind;
  ScDateOrder           date_order;
  GCancellable         *cancellable;
  guint64               max_bytes;  /* the longest range's */

  ScRowChunk           *chunk;
  ChunkState           *state;
  guint                 n;

  GMutex                lock;
  GCond                 cond;
  guint                 next;       /* the next chunk a worker takes */
  guint                 released;   /* chunks before it are released */
  guint                 window;     /* how many chunks may be read and not yet released */
  gboolean              stop;
  GPtrArray            *spare;      /* ScChunkData left by released chunks */
  GThread              *threads[MAX_THREADS];
  guint                 n_threads;
};

static guint override_threads;
static guint64 override_chunk_size;

void
_sc_row_chunks_override (guint   threads,
                         guint64 chunk_size)
{
  override_threads = threads;
  override_chunk_size = chunk_size;
}

static guint64
env_number (const char *name,
            guint64     fallback)
{
  const char *value = g_getenv (name);
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT32, &n, NULL))
    return fallback;
  return n;
}

static gint32
add_problem (ScChunkData *d,
             ScRow       *row)
{
  ScChunkProblem p = { row->why, row->column, g_steal_pointer (&row->reason) };

  g_array_append_val (d->problems, p);
  return d->problems->len - 1;
}

static guint32
add_text (ScChunkData *d,
          const char  *text,
          gsize        len)
{
  gsize off = d->text_len;

  if (G_UNLIKELY (off + len + 1 > d->text_cap))
    {
      d->text_cap = MAX (d->text_cap * 2, off + len + 1 + 65536);
      d->text = g_realloc (d->text, d->text_cap);
    }
  memcpy (d->text + off, text, len);
  d->text[off + len] = '\0';
  d->text_len = off + len + 1;
  return off;
}

void
_sc_row_chunk_raw (const ScChunkData *d,
                   const ScChunkRow  *cr,
                   GString           *out,
                   char               delim)
{
  g_string_truncate (out, 0);
  g_string_append_len (out, d->text + cr->raw_off, cr->raw_len);
  if (!cr->raw_is_record)
    return;
  /* the fields are in the record: put back the delimiter after each (not after the last) */
  for (guint i = 0; i < cr->n_fields; i++)
    {
      guint32 end = d->field_off[cr->first_field + i] + d->field_len[cr->first_field + i];

      if (end >= cr->raw_off && end < cr->raw_off + cr->raw_len)
        out->str[end - cr->raw_off] = delim;
    }
}

/* The fields' offsets and lengths share one block (the lengths after the offsets): twice
 * the size, so that huge pages fit inside it. */
static void
fields_resize (ScChunkData *d,
               gsize        cap)
{
  guint32 *block = g_new (guint32, 2 * cap);

  sc_memory_advise_huge (block, 2 * cap * sizeof (guint32));
  if (d->n_fields > 0)
    {
      memcpy (block, d->field_off, d->n_fields * sizeof (guint32));
      memcpy (block + cap, d->field_len, d->n_fields * sizeof (guint32));
    }
  g_free (d->field_off);
  d->field_off = block;
  d->field_len = block + cap;
  d->cap_fields = cap;
}

static void
keep_row (ScChunkData *d,
          ScRowReader *part,
          ScRow       *row)
{
  ScChunkRow *cr;
  const char *raw, *record;
  gsize raw_len, record_len;
  guint32 record_off;
  guint64 raw_hash;

  if (G_UNLIKELY (d->n_rows == d->cap_rows))
    {
      d->cap_rows = MAX (2 * d->cap_rows, 4096);
      d->rows = g_renew (ScChunkRow, d->rows, d->cap_rows);
    }
  if (G_UNLIKELY (d->n_fields + row->n_fields > d->cap_fields))
    {
    fields_resize (d, MAX (2 * d->cap_fields, d->n_fields + row->n_fields + 16384));
    }
  cr = &d->rows[d->n_rows++];
  cr->line = row->line;
  cr->n_fields = row->n_fields;
  cr->first_field = d->n_fields;
  /* The fields split in place are copied in one piece with the record. */
  record = _sc_row_reader_get_record (part, &record_len);
  record_off = add_text (d, record, record_len);
  for (guint i = 0; i < row->n_fields; i++)
    {
      const char *f = row->fields[i];

      d->field_off[d->n_fields] = f >= record && f + row->lengths[i] <= record + record_len
                                  ? record_off + (f - record)
                                  : add_text (d, f, row->lengths[i]);
      d->field_len[d->n_fields++] = row->lengths[i];
    }
  /* nearly every row: the raw text is the record with its delimiters, hashed from it */
  if (_sc_row_reader_hash_split (part, &raw_hash))
    {
      cr->raw_is_record = TRUE;
      cr->raw_off = record_off;
      cr->raw_len = record_len;
      cr->raw_hash = raw_hash | 1;
    }
  else
    {
      raw = _sc_row_reader_get_raw (part, &raw_len);
      cr->raw_is_record = _sc_row_reader_raw_is_split (part);
      cr->raw_off = cr->raw_is_record ? record_off : add_text (d, raw, raw_len);
      cr->raw_len = raw_len;
      cr->raw_hash = _sc_hash_bytes (raw, raw_len) | 1;
    }
  cr->problem = row->reason != NULL ? add_problem (d, row) : -1;
  cr->parse_problem = -1;
  cr->tally[0] = cr->tally[1] = -1;
  cr->parsed = -1;
  if (cr->problem < 0)
    {
      cr->parsed = _sc_row_reader_parse (part, row);
      cr->day = row->day;
      cr->amount = row->amount;
      cr->cost = row->cost;
      if (cr->parsed)
        {
          gsize len = row->customer_len;

          cr->cust_len = len;
          cr->cust_off = row->customer >= record && row->customer + len <= record + record_len
                         ? record_off + (row->customer - record)
                         : add_text (d, row->customer, len);
        }
      else
        cr->parse_problem = add_problem (d, row);
      _sc_row_reader_take_tally (part, cr->tally);
    }
}

static void
data_reset (ScChunkData *d)
{
  for (guint i = 0; i < d->problems->len; i++)
    g_free (g_array_index (d->problems, ScChunkProblem, i).reason);
  g_array_set_size (d->problems, 0);
  d->n_rows = 0;
  d->n_fields = 0;
  d->text_len = 0;
}

static void
data_free (ScChunkData *d)
{
  if (d == NULL)
    return;
  data_reset (d);
  g_array_unref (d->problems);
  g_free (d->rows);
  g_free (d->field_off);   /* and the lengths */
  g_free (d->text);
  g_free (d);
}

/* A chunk's storage: one a released chunk left, or a new one. */
static ScChunkData *
data_take (ScRowChunks *chunks)
{
  ScChunkData *d = NULL;

  g_mutex_lock (&chunks->lock);
  if (chunks->spare->len > 0)
    d = g_ptr_array_steal_index_fast (chunks->spare, chunks->spare->len - 1);
  g_mutex_unlock (&chunks->lock);
  if (d == NULL)
    {
      d = g_new0 (ScChunkData, 1);
      d->problems = g_array_new (FALSE, FALSE, sizeof (ScChunkProblem));
    }
  return d;
}

/* Sizes @d for the longest range of @bytes at once, so that a storage left by an earlier
 * chunk serves every later one as it is: growing by doubling copies what was read so far
 * and touches fresh pages for both copies, which the first chunks paid for all through the
 * read.  The text holds the range's records, their last one read past the cut; the rows are
 * estimated from the sample's bytes per row, and grow as before if they were more. */
static void
data_reserve (ScChunkData          *d,
              const ScImportLayout *layout,
              guint64               bytes)
{
  gsize text = (gsize) MIN (bytes, MAX_CHUNK_SIZE) + 65536;
  gsize rows = (gsize) (MIN (bytes, MAX_CHUNK_SIZE) / MAX (layout->bytes_per_row, 8.0) * 1.1)
               + 1024;
  gsize fields = rows * MAX (layout->n_columns, 1);

  if (d->text_cap < text)
    {
      g_free (d->text);
      d->text = g_malloc (text);
      d->text_cap = text;
      sc_memory_advise_huge (d->text, text);
    }
  if (d->cap_rows < rows)
    {
      g_free (d->rows);
      d->rows = g_new (ScChunkRow, rows);
      d->cap_rows = rows;
      sc_memory_advise_huge (d->rows, rows * sizeof (ScChunkRow));
    }
  if (d->cap_fields < fields)
    fields_resize (d, fields);
}

static void
read_chunk (ScRowChunks *chunks,
            ScRowChunk  *c)
{
  g_autoptr(ScRowReader) part = NULL;
  g_autoptr(GError) error = NULL;
  ScChunkData *d = data_take (chunks);
  ScRow *row;
  guint64 n = 0;

  data_reserve (d, chunks->layout, chunks->max_bytes);

  part = _sc_row_reader_new_part (chunks->path, chunks->layout, chunks->kind,
                                  chunks->date_order, c->start, c->limit, &error);
  while (part != NULL && (row = _sc_row_reader_next (part, &error)) != NULL)
    {
      if ((++n % CHECK_EVERY) == 0 &&
          (g_atomic_int_get (&chunks->stop) ||
           g_cancellable_set_error_if_cancelled (chunks->cancellable, &error)))
        break;
      keep_row (d, part, row);
    }
  if (error == NULL && g_atomic_int_get (&chunks->stop))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
  if (error != NULL)
    c->error = g_steal_pointer (&error);
  else
    c->end = _sc_row_reader_part_end (part, &c->n_lines);
  c->data = d;
}

static gpointer
worker (gpointer data)
{
  ScRowChunks *chunks = data;

  g_mutex_lock (&chunks->lock);
  for (;;)
    {
      guint k;

      while (!chunks->stop && chunks->next < chunks->n &&
             chunks->next >= chunks->released + chunks->window)
        g_cond_wait (&chunks->cond, &chunks->lock);
      if (chunks->stop || chunks->next >= chunks->n)
        break;
      k = chunks->next++;
      chunks->state[k] = CHUNK_READING;
      g_mutex_unlock (&chunks->lock);

      read_chunk (chunks, &chunks->chunk[k]);

      g_mutex_lock (&chunks->lock);
      chunks->state[k] = CHUNK_DONE;
      g_cond_broadcast (&chunks->cond);
    }
  g_mutex_unlock (&chunks->lock);
  return NULL;
}

/* The first position after a line feed at or after @guess, or 0 when there is none near. */
static guint64
find_cut (int     fd,
          guint64 guess)
{
  g_autofree char *buf = g_malloc (CUT_WINDOW);
  gssize n;
  const char *lf;

  do
    n = pread (fd, buf, CUT_WINDOW, (off_t) guess);
  while (n < 0 && errno == EINTR);
  if (n <= 0)
    return 0;
  lf = memchr (buf, '\n', n);
  return lf != NULL ? guess + (lf - buf) + 1 : 0;
}

static void
chunk_clear (ScRowChunk *c)
{
  g_clear_pointer (&c->data, data_free);
  g_clear_error (&c->error);
}

ScRowChunks *
_sc_row_chunks_new (const char            *path,
                    const ScImportLayout  *layout,
                    ScTableKind            kind,
                    ScDateOrder            date_order,
                    GCancellable          *cancellable,
                    guint64                size)
{
  g_autoptr(GArray) cuts = NULL;
  ScRowChunks *chunks;
  guint threads;
  guint64 chunk_size, n_guess;
  int fd;

  /* SEGMENTS_IMPORT_THREADS=1 reads in one piece; SEGMENTS_IMPORT_CHUNK_SIZE (bytes) lets
   * tests cut small files. */
  threads = override_threads > 0
            ? override_threads : env_number ("SEGMENTS_IMPORT_THREADS", g_get_num_processors ());
  threads = MIN (threads, MAX_THREADS);
  chunk_size = override_chunk_size > 0
               ? override_chunk_size
               : env_number ("SEGMENTS_IMPORT_CHUNK_SIZE", DEFAULT_CHUNK_SIZE);
  /* a chunk's text is indexed with 32 bits */
  chunk_size = MIN (chunk_size, MAX_CHUNK_SIZE);
  /* Only orders files for now: customer lists are small, and the interactions reader is
   * not covered by the tests of this one. */
  if (threads < 2 || kind != SC_TABLE_TRANSACTIONS || layout->rules.n_fill_down > 0 ||
      size < 2 * chunk_size)
    return NULL;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;
  cuts = g_array_new (FALSE, FALSE, sizeof (guint64));
  n_guess = size / chunk_size;
  for (guint64 k = 0; k < n_guess; k++)
    {
      guint64 cut = k == 0 ? 0 : find_cut (fd, size / n_guess * k);

      if (k == 0 || (cut > g_array_index (cuts, guint64, cuts->len - 1) && cut < size))
        g_array_append_val (cuts, cut);
    }
  close (fd);
  if (cuts->len < 2)
    return NULL;

  chunks = g_new0 (ScRowChunks, 1);
  chunks->path = g_strdup (path);
  chunks->layout = layout;
  chunks->kind = kind;
  chunks->date_order = date_order;
  chunks->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  chunks->n = cuts->len;
  chunks->chunk = g_new0 (ScRowChunk, chunks->n);
  chunks->state = g_new0 (ChunkState, chunks->n);
  for (guint k = 0; k < chunks->n; k++)
    {
      ScRowChunk *c = &chunks->chunk[k];

      c->start = g_array_index (cuts, guint64, k);
      c->limit = k + 1 < chunks->n ? g_array_index (cuts, guint64, k + 1) : G_MAXUINT64;
      chunks->max_bytes = MAX (chunks->max_bytes, MIN (c->limit, size) - c->start);
    }
  chunks->spare = g_ptr_array_new_with_free_func ((GDestroyNotify) data_free);
  g_mutex_init (&chunks->lock);
  g_cond_init (&chunks->cond);
  chunks->window = 2 * threads + 1;
  chunks->n_threads = threads;
  for (guint t = 0; t < threads; t++)
    chunks->threads[t] = g_thread_new ("segments-read", worker, chunks);
  return chunks;
}

guint
_sc_row_chunks_get_n (ScRowChunks *chunks)
{
  return chunks->n;
}

ScRowChunk *
_sc_row_chunks_wait (ScRowChunks *chunks,
                     guint        k)
{
  g_assert (k < chunks->n);

  g_mutex_lock (&chunks->lock);
  while (chunks->state[k] != CHUNK_DONE)
    g_cond_wait (&chunks->cond, &chunks->lock);
  g_mutex_unlock (&chunks->lock);
  return &chunks->chunk[k];
}

/* How many chunks were handed out as read ahead, and how many were read again (a cut
 * refuted, or a failure), in this process: for tests. */
static guint64 n_used, n_reread;

void
_sc_row_chunks_get_counts (guint64 *used,
                           guint64 *reread)
{
  *used = n_used;
  *reread = n_reread;
}

void
_sc_row_chunks_release (ScRowChunks *chunks,
                        guint        k,
                        gboolean     used)
{
  g_mutex_lock (&chunks->lock);
  if (used)
    n_used++;
  else
    n_reread++;
  g_assert (chunks->state[k] == CHUNK_DONE);
  chunks->state[k] = CHUNK_RELEASED;
  if (chunks->chunk[k].data != NULL)
    {
      data_reset (chunks->chunk[k].data);
      g_ptr_array_add (chunks->spare, g_steal_pointer (&chunks->chunk[k].data));
    }
  g_clear_error (&chunks->chunk[k].error);
  chunks->released = MAX (chunks->released, k + 1);
  g_cond_broadcast (&chunks->cond);
  g_mutex_unlock (&chunks->lock);
}

void
_sc_row_chunks_free (ScRowChunks *chunks)
{
  if (chunks == NULL)
    return;
  g_mutex_lock (&chunks->lock);
  g_atomic_int_set (&chunks->stop, TRUE);
  g_cond_broadcast (&chunks->cond);
  g_mutex_unlock (&chunks->lock);
  for (guint t = 0; t < chunks->n_threads; t++)
    g_thread_join (chunks->threads[t]);
  for (guint k = 0; k < chunks->n; k++)
    chunk_clear (&chunks->chunk[k]);
  g_ptr_array_unref (chunks->spare);
  g_mutex_clear (&chunks->lock);
  g_cond_clear (&chunks->cond);
  g_clear_object (&chunks->cancellable);
  g_free (chunks->chunk);
  g_free (chunks->state);
  g_free (chunks->path);
  g_free (chunks);
}
