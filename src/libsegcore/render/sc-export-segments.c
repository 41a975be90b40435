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

      g_string_append (out, i > 0 ? ",\n  {" : "\n  {");
      json_key (out, "priority", TRUE);
      g_string_append_printf (out, "%u", s->priority);
      json_key (out, "segment", FALSE);
      g_string_append_printf (out, "%u", s->position + 1);
      json_key (out, "id", FALSE);
      g_string_append_printf (out, "%" PRId64, s->id);
      json_key (out, "name", FALSE);
      sc_json_append_string (out, s->name);
      json_key (out, "suggested_name", FALSE);
      sc_json_append_string (out, s->suggested_name);
      json_key (out, "description", FALSE);
      sc_json_append_string (out, s->description);
      json_key (out, "colour", FALSE);
      g_string_append_printf (out, "%u", s->colour);
      json_key (out, "colour_hex", FALSE);
      sc_json_append_string (out, hex);
      json_key (out, "is_outliers", FALSE);
      g_string_append (out, s->is_outliers ? "true" : "false");
      json_key (out, "quadrant", FALSE);
      sc_json_append_string (out, sc_segment_info_get_quadrant (s));
      json_key (out, "computed_quadrant", FALSE);
      sc_json_append_string (out, s->quadrant);
      json_key (out, "quadrant_override", FALSE);
      sc_json_append_string (out, s->quadrant_override);
      json_key (out, "service_tier", FALSE);
      sc_json_append_string (out, s->service_tier);
      json_key (out, "owner", FALSE);
      sc_json_append_string (out, s->owner);
      json_key (out, "objective", FALSE);
      sc_json_append_string (out, s->objective);
      json_key (out, "tactics", FALSE);
      sc_json_append_string (out, s->tactics);
      json_key (out, "profile", FALSE);
      sc_json_append_string (out, s->profile);
      json_key (out, "size", FALSE);
      g_string_append_printf (out, "%" PRIu64, s->size);
      json_key (out, "share", FALSE);
      json_number (out, s->share);
      json_key (out, "revenue", FALSE);
      json_number (out, s->revenue);
      json_key (out, "revenue_share", FALSE);
      json_number (out, s->revenue_share);
      json_key (out, "recency", FALSE);
      json_number (out, s->recency);
      json_key (out, "frequency", FALSE);
      json_number (out, s->frequency);
      json_key (out, "monetary", FALSE);
      json_number (out, s->monetary);
      json_key (out, "value", FALSE);
      json_number (out, s->value);
      json_key (out, "potential", FALSE);
      json_number (out, s->potential);
      json_key (out, "p_alive", FALSE);
      json_number (out, s->p_alive);
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
      const char *texts[] = {
        s->name, s->suggested_name, s->description, hex, s->is_outliers ? "yes" : "no",
        sc_segment_info_get_quadrant (s), s->quadrant, s->quadrant_override, s->service_tier,
        s->owner, s->objective, s->tactics, s->profile,
      };
      struct { double v; int decimals; } numbers[] = {
        { s->share, 6 }, { s->revenue, 2 }, { s->revenue_share, 6 }, { s->recency, 2 },
        { s->frequency, 3 }, { s->monetary, 2 }, { s->value, 2 }, { s->potential, 2 },
        { s->p_alive, 4 },
      };

      g_string_append_printf (out, "%u,%u,%" PRId64, s->priority, s->position + 1,
                              s->id);
      csv->in_row = TRUE;
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        sc_csv_writer_field (csv, texts[t]);
      sc_csv_writer_uint (csv, s->size);
      for (guint v = 0; v < G_N_ELEMENTS (numbers); v++)
        sc_csv_writer_number (csv, numbers[v].v, numbers[v].decimals);
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
