/* sc-export-segments.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The segment definitions, in priority order, as JSON or CSV: every field people edit and
 * every figure, for other tools. */

#include "config.h"

#include "sc-export.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sc-export-private.h"
#include "sc-value.h"

/**
 * sc_json_append_string:
 * @s: (nullable): UTF-8 text; %NULL appends `null`
 *
 * Appends @s as a JSON string, quoted and escaped.
 */
void
sc_json_append_string (GString    *out,
                       const char *s)
{
  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_number (GString *out,
             double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", v));
}

static void
json_key (GString    *out,
          const char *key,
          gboolean    first)
{
  g_string_append (out, first ? "\n    " : ",\n    ");
  sc_json_append_string (out, key);
  g_string_append (out, ": ");
}

static char *
colour_hex (guint    colour,
            gboolean is_outliers)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScRgba rgba;

  sc_palette_segment_colour (palette, colour, is_outliers, &rgba);
  return sc_rgba_to_hex (&rgba);
}

/* The fields of a segment both formats write, in file order: three texts, then (after
 * the colour) eight texts, then (after the size) nine figures with their CSV decimals. */
static const char *const head_text_keys[] = { "name", "suggested_name", "description" };
static const char *const tail_text_keys[] = {
  "quadrant", "computed_quadrant", "quadrant_override", "service_tier", "owner", "objective",
  "tactics", "profile",
};
static const struct
{
  const char *key;
  int         decimals;
} figure_columns[] = {
  { "share", 6 }, { "revenue", 2 }, { "revenue_share", 6 }, { "recency", 2 },
  { "frequency", 3 }, { "monetary", 2 }, { "value", 2 }, { "potential", 2 }, { "p_alive", 4 },
};

typedef struct
{
  const char *head[G_N_ELEMENTS (head_text_keys)];
  const char *tail[G_N_ELEMENTS (tail_text_keys)];
  double      figures[G_N_ELEMENTS (figure_columns)];
} SegmentFields;

static void
segment_fields (const ScSegmentInfo *s,
                SegmentFields       *f)
{
  const char *head[] = { s->name, s->suggested_name, s->description };
  const char *tail[] = {
    sc_segment_info_get_quadrant (s), s->quadrant, s->quadrant_override, s->service_tier,
    s->owner, s->objective, s->tactics, s->profile,
  };
  double figures[] = {
    s->share, s->revenue, s->revenue_share, s->recency, s->frequency, s->monetary, s->value,
    s->potential, s->p_alive,
  };

  G_STATIC_ASSERT (sizeof head == sizeof f->head);
  G_STATIC_ASSERT (sizeof tail == sizeof f->tail);
  G_STATIC_ASSERT (sizeof figures == sizeof f->figures);
  memcpy (f->head, head, sizeof head);
  memcpy (f->tail, tail, sizeof tail);
  memcpy (f->figures, figures, sizeof figures);
}

static void
json_texts (GString           *out,
            const char *const *keys,
            const char *const *texts,
            guint              n)
{
  for (guint t = 0; t < n; t++)
    {
      json_key (out, keys[t], FALSE);
      sc_json_append_string (out, texts[t]);
    }
}

static void
write_segments_json (GString     *out,
                     const ScRun *run,
                     const guint *order)
{
  g_autofree char *as_of = sc_day_format (run->params.as_of);

  g_string_append (out, "{\n  \"run\": {");
  g_string_append_printf (out, "\n    \"id\": %" PRId64 ",", run->id);
  g_string_append (out, "\n    \"created_at\": ");
  sc_json_append_string (out, run->created_at);
  g_string_append (out, ",\n    \"as_of\": ");
  sc_json_append_string (out, as_of);
  g_string_append_printf (out, ",\n    \"k\": %u,\n    \"k_auto\": %s,\n    \"seed\": %"
                          PRIu64 ",\n    \"silhouette\": ", run->k,
                          run->k_auto ? "true" : "false", run->params.seed);
  json_number (out, run->silhouette);
  g_string_append (out, ",\n    \"value_threshold\": ");
  json_number (out, run->value_threshold);
  g_string_append (out, ",\n    \"potential_threshold\": ");
  json_number (out, run->potential_threshold);
  g_string_append (out, "\n  },\n  \"segments\": [");

  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];
      g_autofree char *hex = colour_hex (s->colour, s->is_outliers);
      SegmentFields f;

      segment_fields (s, &f);
      g_string_append (out, i > 0 ? ",\n  {" : "\n  {");
      json_key (out, "priority", TRUE);
      g_string_append_printf (out, "%u", s->priority);
      json_key (out, "segment", FALSE);
      g_string_append_printf (out, "%u", s->position + 1);
      json_key (out, "id", FALSE);
      g_string_append_printf (out, "%" PRId64, s->id);
      json_texts (out, head_text_keys, f.head, G_N_ELEMENTS (f.head));
      json_key (out, "colour", FALSE);
      g_string_append_printf (out, "%u", s->colour);
      json_key (out, "colour_hex", FALSE);
      sc_json_append_string (out, hex);
      json_key (out, "is_outliers", FALSE);
      g_string_append (out, s->is_outliers ? "true" : "false");
      json_texts (out, tail_text_keys, f.tail, G_N_ELEMENTS (f.tail));
      json_key (out, "size", FALSE);
      g_string_append_printf (out, "%" PRIu64, s->size);
      for (guint v = 0; v < G_N_ELEMENTS (f.figures); v++)
        {
          json_key (out, figure_columns[v].key, FALSE);
          json_number (out, f.figures[v]);
        }
      g_string_append (out, "\n  }");
    }
  g_string_append (out, "\n  ]\n}\n");
}

static void
write_segments_csv (ScCsvWriter *csv,
                    const ScRun *run,
                    const guint *order)
{
  GString *out = csv->buf;

  g_string_append (out, "priority,segment,id,name,suggested_name,description,colour,is_outliers,"
                        "quadrant,computed_quadrant,quadrant_override,service_tier,owner,"
                        "objective,tactics,profile,size,share,revenue,revenue_share,recency,"
                        "frequency,monetary,value,potential,p_alive");
  sc_csv_writer_end_row (csv);
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];
      g_autofree char *hex = colour_hex (s->colour, s->is_outliers);
      SegmentFields f;

      segment_fields (s, &f);
      g_string_append_printf (out, "%u,%u,%" PRId64, s->priority, s->position + 1,
                              s->id);
      csv->in_row = TRUE;
      for (guint t = 0; t < G_N_ELEMENTS (f.head); t++)
        sc_csv_writer_field (csv, f.head[t]);
      sc_csv_writer_field (csv, hex);
      sc_csv_writer_field (csv, s->is_outliers ? "yes" : "no");
      for (guint t = 0; t < G_N_ELEMENTS (f.tail); t++)
        sc_csv_writer_field (csv, f.tail[t]);
      sc_csv_writer_uint (csv, s->size);
      for (guint v = 0; v < G_N_ELEMENTS (f.figures); v++)
        sc_csv_writer_number (csv, f.figures[v], figure_columns[v].decimals);
      sc_csv_writer_end_row (csv);
    }
}

/**
 * sc_export_segments:
 * @store: the project
 * @run: (nullable): the segmentation; %NULL for the project's current one
 * @path: the file to write
 * @format: CSV, JSON, or %SC_SEGMENTS_FORMAT_AUTO to choose by @path's extension
 * @error: return location for an error
 *
 * Writes the segment definitions in priority order: every field people edit (name,
 * description, quadrant override, service tier, owner, objective, tactics, colour) and
 * every figure (size, shares, revenue, member means, value, potential, P(alive)).  Text
 * that is not set is %null in JSON and an empty cell in CSV.  Colours are given as a
 * palette index and as the light palette's "#rrggbb".
 *
 * Returns: %TRUE on success
 */
gboolean
sc_export_segments (ScStore           *store,
                    const ScRun       *run,
                    const char        *path,
                    ScSegmentsFormat   format,
                    GError           **error)
{
  g_autoptr(ScRun) own_run = NULL;
  g_autofree guint *order = NULL;
  g_auto(ScExportSink) sink = { 0 };

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format == SC_SEGMENTS_FORMAT_AUTO)
    {
      g_autofree char *lower = g_ascii_strdown (path, -1);

      if (g_str_has_suffix (lower, ".json"))
        format = SC_SEGMENTS_FORMAT_JSON;
      else if (g_str_has_suffix (lower, ".csv"))
        format = SC_SEGMENTS_FORMAT_CSV;
      else
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("“%s” should end in .json or .csv, to say which format to write."),
                       path);
          return FALSE;
        }
    }

  own_run = _sc_export_load_run (store, run, error);
  if (own_run == NULL)
    return FALSE;
  order = sc_run_priority_order (own_run);

  if (!_sc_export_sink_open (&sink, path, error))
    return FALSE;
  if (format == SC_SEGMENTS_FORMAT_JSON)
    write_segments_json (sink.buf, own_run, order);
  else
    {
      ScCsvWriter csv;

      sc_csv_writer_init (&csv, sink.buf, SC_CSV_WRITE_DEFAULT);
      write_segments_csv (&csv, own_run, order);
    }
  return _sc_export_sink_commit (&sink, error);
}
