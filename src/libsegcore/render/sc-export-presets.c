/* sc-export-presets.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Export presets: the segment labels in the columns that a CRM or marketing tool imports as
 * they are.  A preset is data — its columns, their headers, whether it keys on the e-mail
 * address and whether a spreadsheet is its expected reader — read by one writer below, not
 * one function per tool.
 *
 * Rows: one per segmented customer who may be contacted (the rule of the activation CSV,
 * sc_export_assignments()), and, for presets that key on the e-mail address, who has one.
 * Cells that are the same for every member of a segment (its name, tier, quadrant, owner)
 * are formatted once per segment.  Ad platforms (Google Ads Customer Match, Meta custom
 * audiences) get the SHA-256 of the trimmed, lower-cased address and nothing else, as they
 * specify for hashed uploads.
 *
 * Incremental exports: every preset export is recorded in the project with the segment
 * name each customer was sent with (sc-store-activation.c); "changed since the last export"
 * writes only the customers whose name differs from the one the tool last received from
 * this preset (or who were never sent).  Customers not written keep, in the new record, the
 * name the tool still holds.  The file and its record are written together: the record is
 * inserted in a transaction that commits only once the file is in place. */

#include "config.h"

#include "sc-export.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-brief.h"
#include "sc-contact.h"
#include "sc-edit.h"
#include "sc-export-private.h"
#include "sc-potential.h"
#include "sc-store-activation.h"
#include "sc-value.h"

#define CHECK_EVERY   65536

typedef enum
{
  COL_END,
  COL_CUSTOMER_ID,
  COL_EMAIL,
  COL_EMAIL_SHA256,
  COL_PHONE,
  COL_NAME,
  COL_FIRST_NAME,
  COL_LAST_NAME,
  COL_SEGMENT,
  COL_SEGMENT_NUMBER,
  COL_TAGS,
  COL_PRIORITY,
  COL_TIER,
  COL_QUADRANT,
  COL_OWNER,
  COL_VALUE,
  COL_POTENTIAL,
  COL_RECENCY,
  COL_ORDERS,
  COL_SPEND,
  COL_LAST_ORDER,
  COL_AS_OF,
  COL_ATTRIBUTES,
} ColumnKind;

typedef struct
{
  ColumnKind  kind;
  const char *header;
  const char *header_horizon;   /* value and potential: "#" is the horizon in months */
} PresetColumn;

typedef struct
{
  const char   *name;
  const char   *label;
  gboolean      needs_email;
  gboolean      bom;            /* on by default: a spreadsheet is the expected reader */
  PresetColumn  columns[24];
} PresetSpec;

#define TOOL_PLAN_COLUMNS(value, potential) \
  { COL_SEGMENT, "Segment", NULL }, \
  { COL_PRIORITY, "Segment Priority", NULL }, \
  { COL_TIER, "Service Tier", NULL }, \
  { COL_QUADRANT, "Value Quadrant", NULL }, \
  { COL_OWNER, "Segment Owner", NULL }, \
  { COL_VALUE, value, value " (last # months)" }, \
  { COL_POTENTIAL, potential, potential " (next # months)" }, \
  { COL_LAST_ORDER, "Last Order Date", NULL }, \
  { COL_AS_OF, "As Of Date", NULL }

static const PresetSpec presets[SC_N_EXPORT_PRESETS] = {
  [SC_EXPORT_PRESET_HUBSPOT] = {
    "hubspot", "HubSpot", TRUE, FALSE, {
      { COL_EMAIL, "Email", NULL },
      { COL_FIRST_NAME, "First Name", NULL },
      { COL_LAST_NAME, "Last Name", NULL },
      { COL_PHONE, "Phone Number", NULL },
      { COL_CUSTOMER_ID, "Customer ID", NULL },
      TOOL_PLAN_COLUMNS ("Customer Value", "Customer Potential"),
    },
  },
  [SC_EXPORT_PRESET_SALESFORCE] = {
    "salesforce", "Salesforce", TRUE, FALSE, {
      { COL_EMAIL, "Email", NULL },
      { COL_FIRST_NAME, "First Name", NULL },
      { COL_LAST_NAME, "Last Name", NULL },
      { COL_PHONE, "Phone", NULL },
      { COL_CUSTOMER_ID, "Customer ID", NULL },
      TOOL_PLAN_COLUMNS ("Customer Value", "Customer Potential"),
    },
  },
  [SC_EXPORT_PRESET_MAILCHIMP] = {
    "mailchimp", "Mailchimp", TRUE, FALSE, {
      { COL_EMAIL, "Email Address", NULL },
      { COL_FIRST_NAME, "First Name", NULL },
      { COL_LAST_NAME, "Last Name", NULL },
      { COL_PHONE, "Phone Number", NULL },
      { COL_TAGS, "Tags", NULL },
      { COL_CUSTOMER_ID, "Customer ID", NULL },
      TOOL_PLAN_COLUMNS ("Customer Value", "Customer Potential"),
    },
  },
  [SC_EXPORT_PRESET_KLAVIYO] = {
    "klaviyo", "Klaviyo", TRUE, FALSE, {
      { COL_EMAIL, "Email", NULL },
      { COL_FIRST_NAME, "First Name", NULL },
      { COL_LAST_NAME, "Last Name", NULL },
      { COL_CUSTOMER_ID, "Customer ID", NULL },
      TOOL_PLAN_COLUMNS ("Customer Value", "Customer Potential"),
    },
  },
  [SC_EXPORT_PRESET_GOOGLE_ADS] = {
    "google-ads", "Google Ads", TRUE, FALSE, {
      { COL_EMAIL_SHA256, "Email", NULL },
    },
  },
  [SC_EXPORT_PRESET_META] = {
    "meta", "Meta", TRUE, FALSE, {
      { COL_EMAIL_SHA256, "email", NULL },
    },
  },
  [SC_EXPORT_PRESET_GENERIC] = {
    "generic", "Generic CSV", FALSE, TRUE, {
      { COL_CUSTOMER_ID, "customer_id", NULL },
      { COL_EMAIL, "email", NULL },
      { COL_PHONE, "phone", NULL },
      { COL_NAME, "name", NULL },
      { COL_SEGMENT, "segment", NULL },
      { COL_SEGMENT_NUMBER, "segment_number", NULL },
      { COL_PRIORITY, "priority", NULL },
      { COL_TIER, "service_tier", NULL },
      { COL_QUADRANT, "quadrant", NULL },
      { COL_OWNER, "owner", NULL },
      { COL_VALUE, "value", "value_last_#_months" },
      { COL_POTENTIAL, "potential", "potential_next_#_months" },
      { COL_RECENCY, "days_since_last_order", NULL },
      { COL_ORDERS, "orders", NULL },
      { COL_SPEND, "total_spend", NULL },
      { COL_LAST_ORDER, "last_order_date", NULL },
      { COL_AS_OF, "as_of_date", NULL },
      { COL_ATTRIBUTES, NULL, NULL },
    },
  },
};

/**
 * sc_export_preset_to_string:
 *
 * Returns: the preset's name on the command line: "hubspot", "salesforce", "mailchimp",
 *   "klaviyo", "google-ads", "meta" or "generic"
 */
const char *
sc_export_preset_to_string (ScExportPreset preset)
{
  g_return_val_if_fail ((guint) preset < SC_N_EXPORT_PRESETS, "generic");
  return presets[preset].name;
}

gboolean
sc_export_preset_from_string (const char     *s,
                              ScExportPreset *preset)
{
  g_return_val_if_fail (s != NULL && preset != NULL, FALSE);

  for (guint i = 0; i < SC_N_EXPORT_PRESETS; i++)
    if (g_ascii_strcasecmp (s, presets[i].name) == 0)
      {
        *preset = (ScExportPreset) i;
        return TRUE;
      }
  return FALSE;
}

/* Returns: the tool's name, as in "HubSpot" */
const char *
sc_export_preset_to_label (ScExportPreset preset)
{
  g_return_val_if_fail ((guint) preset < SC_N_EXPORT_PRESETS, "");
  return presets[preset].label;
}

/* Returns: whether the preset writes a byte order mark unless told otherwise: only where a
 * spreadsheet is the expected reader (the generic CSV), since Excel needs it to read UTF-8;
 * the tools' importers read UTF-8 as it is. */
gboolean
sc_export_preset_default_bom (ScExportPreset preset)
{
  g_return_val_if_fail ((guint) preset < SC_N_EXPORT_PRESETS, FALSE);
  return presets[preset].bom;
}

/* Returns: whether the preset keys on the e-mail address (customers without one are left
 * out) */
gboolean
sc_export_preset_needs_email (ScExportPreset preset)
{
  g_return_val_if_fail ((guint) preset < SC_N_EXPORT_PRESETS, FALSE);
  return presets[preset].needs_email;
}

/* ------------------------------------------------------------------------------------------ */
/* Cells */

static const char *
tier_label (const char *tier)
{
  if (tier == NULL)
    return NULL;
  if (g_str_equal (tier, "high"))
    return _("High touch");
  if (g_str_equal (tier, "mid"))
    return _("Mid touch");
  if (g_str_equal (tier, "low"))
    return _("Low touch");
  return tier;
}

/* The digits after the decimal mark of an amount in @currency, its ISO 4217 minor unit:
 * none for the yen, the won and the other currencies without a minor unit ("1250", not
 * "1250.00", which a CRM would show as it is), three for the dinars of Bahrain, Iraq, Jordan,
 * Kuwait, Libya and Tunisia and the Omani rial, two for the others and without a currency. */
static int
money_decimals (const char *currency)
{
  static const char zero[] = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
  static const char three[] = "BHD IQD JOD KWD LYD OMR TND";

  if (currency == NULL || strlen (currency) != 3)
    return 2;
  if (strstr (zero, currency) != NULL)
    return 0;
  if (strstr (three, currency) != NULL)
    return 3;
  return 2;
}

/* "2026-03-01": ISO 8601, written by hand because a million rows carry one. */
static void
append_iso_day (ScCsvWriter *w,
                ScDay        day)
{
  int y, m, d;
  char buf[16];

  if (day == SC_DAY_NONE)
    {
      sc_csv_writer_field (w, NULL);
      return;
    }
  sc_day_to_ymd (day, &y, &m, &d);
  if (y < 0 || y > 9999)
    {
      g_autofree char *text = sc_day_format (day);

      sc_csv_writer_field (w, text);
      return;
    }
  buf[0] = (char) ('0' + y / 1000);
  buf[1] = (char) ('0' + y / 100 % 10);
  buf[2] = (char) ('0' + y / 10 % 10);
  buf[3] = (char) ('0' + y % 10);
  buf[4] = '-';
  buf[5] = (char) ('0' + m / 10);
  buf[6] = (char) ('0' + m % 10);
  buf[7] = '-';
  buf[8] = (char) ('0' + d / 10);
  buf[9] = (char) ('0' + d % 10);
  buf[10] = '\0';
  sc_csv_writer_cells (w, buf);
}

/* The first word of a name, or the rest: CRMs ask for first and last name apart. A name
 * of one word is a last name, which Salesforce requires. */
static void
append_name_part (ScCsvWriter *w,
                  const char  *name,
                  gboolean     first)
{
  const char *space = name != NULL ? strchr (name, ' ') : NULL;

  if (name == NULL || (first && space == NULL))
    sc_csv_writer_field (w, NULL);
  else if (first)
    sc_csv_writer_field_len (w, name, (gsize) (space - name));
  else if (space == NULL)
    sc_csv_writer_field (w, name);
  else
    {
      while (*space == ' ')
        space++;
      sc_csv_writer_field (w, space);
    }
}

/* SHA-256 hex of the lower-cased address (addresses are stored trimmed). */
static const char *
hash_email (GChecksum  *checksum,
            const char *email,
            GString    *scratch)
{
  gboolean ascii = TRUE;

  g_string_truncate (scratch, 0);
  for (const char *p = email; *p; p++)
    {
      if ((unsigned char) *p >= 0x80)
        ascii = FALSE;
      g_string_append_c (scratch, g_ascii_tolower (*p));
    }
  if (!ascii)
    {
      g_autofree char *lower = g_utf8_strdown (email, -1);

      g_string_assign (scratch, lower);
    }
  g_checksum_reset (checksum);
  g_checksum_update (checksum, (const guchar *) scratch->str, (gssize) scratch->len);
  return g_checksum_get_string (checksum);
}

/* ------------------------------------------------------------------------------------------ */
/* The export */

typedef struct
{
  const PresetSpec *spec;
  ScRun            *run;
  ScTextColumn      keys;
  ScAggregates     *agg;
  ScFeatures       *features;
  ScPotential      *potential;     /* NULL unless fresh */
  char             *currency;      /* the project’s ISO 4217 code, or NULL */
  int               money_decimals; /* the currency's minor unit: 0 for JPY, 2 without one */
  ScTextColumn      contacts[3];   /* email, phone, name */
  gboolean          has_contacts[3];
  GPtrArray        *attributes;    /* for the generic preset */
  gint8            *consent;
  gboolean          consent_known;
  gboolean         *wanted;        /* per segment position */
  GPtrArray        *segment_cells; /* per segment position and segment column: text */
  /* Cells that repeat over rows, formatted once: */
  char             *as_of_cell;
  ScDay             day_lo;        /* last order dates from day_lo, n_days of them */
  guint             n_days;
  char            **day_cells;
  GPtrArray        *level_cells;   /* per attribute: its levels (GStrv), or NULL */
} PresetData;

static void
preset_data_clear (PresetData *d)
{
  g_clear_pointer (&d->run, sc_run_free);
  sc_text_column_clear (&d->keys);
  g_clear_pointer (&d->agg, sc_aggregates_free);
  g_clear_pointer (&d->features, sc_features_free);
  g_clear_pointer (&d->potential, sc_potential_free);
  g_clear_pointer (&d->currency, g_free);
  for (guint f = 0; f < G_N_ELEMENTS (d->contacts); f++)
    sc_text_column_clear (&d->contacts[f]);
  g_clear_pointer (&d->attributes, g_ptr_array_unref);
  g_clear_pointer (&d->consent, g_free);
  g_clear_pointer (&d->wanted, g_free);
  g_clear_pointer (&d->segment_cells, g_ptr_array_unref);
  g_free (d->as_of_cell);
  g_strfreev (d->day_cells);
  g_clear_pointer (&d->level_cells, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PresetData, preset_data_clear)

static gboolean
column_is_segment_level (ColumnKind kind)
{
  return kind == COL_SEGMENT || kind == COL_SEGMENT_NUMBER || kind == COL_TAGS ||
         kind == COL_PRIORITY || kind == COL_TIER || kind == COL_QUADRANT || kind == COL_OWNER;
}

static char *
segment_cell (const ScSegmentInfo *info,
              ColumnKind           kind)
{
  g_autoptr(GString) out = g_string_new (NULL);
  ScCsvWriter w;
  const char *quadrant = sc_segment_info_get_quadrant (info);

  sc_csv_writer_init (&w, out, SC_CSV_WRITE_DEFAULT);
  switch (kind)
    {
    case COL_SEGMENT:
      sc_csv_writer_field (&w, info->name);
      break;
    case COL_SEGMENT_NUMBER:
      sc_csv_writer_uint (&w, info->position + 1);
      break;
    case COL_TAGS:
      {
        /* Mailchimp splits Tags at commas: one tag per segment name. */
        g_autofree char *tag = g_strdelimit (g_strdup (info->name), ",", ' ');

        sc_csv_writer_field (&w, tag);
      }
      break;
    case COL_PRIORITY:
      sc_csv_writer_uint (&w, info->priority);
      break;
    case COL_TIER:
      sc_csv_writer_field (&w, tier_label (info->service_tier));
      break;
    case COL_QUADRANT:
      sc_csv_writer_field (&w, quadrant != NULL
                               ? sc_quadrant_get_label (sc_quadrant_from_string (quadrant))
                               : NULL);
      break;
    case COL_OWNER:
      sc_csv_writer_field (&w, info->owner);
      break;
    default:
      g_assert_not_reached ();
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Which segments to write: all, or those named by number (1-based, as the CLI and the
 * activation CSV show them) or by name (any case). */
static gboolean
resolve_segments (PresetData          *d,
                  const char * const  *wanted,
                  GError             **error)
{
  const ScRun *run = d->run;

  d->wanted = g_new0 (gboolean, MAX (run->n_segments, 1));
  if (wanted == NULL || wanted[0] == NULL)
    {
      for (guint s = 0; s < run->n_segments; s++)
        d->wanted[s] = TRUE;
      return TRUE;
    }
  for (guint i = 0; wanted[i] != NULL; i++)
    {
      const ScSegmentInfo *info = sc_edit_find_segment (run, wanted[i], error);

      if (info == NULL)
        return FALSE;
      d->wanted[info->position] = TRUE;
    }
  return TRUE;
}

static gboolean
spec_has (const PresetSpec *spec,
          ColumnKind        kind)
{
  for (const PresetColumn *col = spec->columns; col->kind != COL_END; col++)
    if (col->kind == kind)
      return TRUE;
  return FALSE;
}

/* Loads only what the preset's columns need: a hashed audience needs the addresses alone. */
static gboolean
preset_load (PresetData            *d,
             ScStore               *store,
             const ScRun           *run,
             const ScPresetOptions *options,
             GError               **error)
{
  static const char * const fields[] = { "email", "phone", "name" };
  guint32 n;

  d->run = _sc_export_load_run (store, run, error);
  if (d->run == NULL)
    return FALSE;
  n = d->run->n_customers;
  if (!resolve_segments (d, options->segments, error))
    return FALSE;
  if (!sc_store_load_texts (store, "key", 0, FALSE, &d->keys, error))
    return FALSE;
  if (d->keys.n < n)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the segmentation names unknown customers."),
                   sc_store_get_path (store));
      return FALSE;
    }
  if (spec_has (d->spec, COL_RECENCY) || spec_has (d->spec, COL_ORDERS) ||
      spec_has (d->spec, COL_SPEND))
    {
      d->features = _sc_export_load_features (store, d->run, &d->agg, error);
      if (d->features == NULL)
        return FALSE;
    }
  else if (spec_has (d->spec, COL_LAST_ORDER))
    {
      d->agg = sc_store_load_aggregates (store, error);
      if (d->agg == NULL)
        return FALSE;
      if (d->agg->n < n)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                       _("“%s” is damaged: the segmentation names unknown customers."),
                       sc_store_get_path (store));
          return FALSE;
        }
    }

  d->consent = _sc_export_load_consent (store, n, &d->consent_known, error);
  if (d->consent == NULL)
    return FALSE;
  if (!d->consent_known && !options->no_consent_ok)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The project has no consent information, so every customer would be "
                     "exported. Import a customer list with a marketing-consent column, or "
                     "confirm that all customers may be contacted."));
      return FALSE;
    }

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      static const ColumnKind uses[][3] = {
        { COL_EMAIL, COL_EMAIL_SHA256, COL_EMAIL },
        { COL_PHONE, COL_PHONE, COL_PHONE },
        { COL_NAME, COL_FIRST_NAME, COL_LAST_NAME },
      };
      gboolean needed = spec_has (d->spec, uses[f][0]) || spec_has (d->spec, uses[f][1]) ||
                        spec_has (d->spec, uses[f][2]);

      if (!sc_store_has_contacts (store, fields[f], &d->has_contacts[f], error))
        return FALSE;
      if (!needed)
        {
          d->contacts[f].n = n;
          d->contacts[f].text = g_new0 (const char *, MAX (n, 1));
        }
      else if (!sc_store_load_contact_texts (store, fields[f], n, &d->contacts[f], error))
        return FALSE;
    }
  if (d->spec->needs_email && !d->has_contacts[0])
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("%s keys contacts on their e-mail address, and the project has none. "
                     "Import a customer list with an e-mail column."), d->spec->label);
      return FALSE;
    }

  if (spec_has (d->spec, COL_VALUE) || spec_has (d->spec, COL_POTENTIAL))
    {
      GError *local = NULL;

      d->potential = sc_potential_load_current (store, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
    }
  if (d->potential != NULL && (d->potential->n < n || !sc_potential_is_fresh (store,
                                                                             d->potential)))
    g_clear_pointer (&d->potential, sc_potential_free);
  if (d->potential != NULL || spec_has (d->spec, COL_SPEND))
    {
      g_autoptr(GError) local_error = NULL;

      d->currency = sc_brief_load_currency (store, NULL, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  d->money_decimals = money_decimals (d->currency);

  if (spec_has (d->spec, COL_ATTRIBUTES))
    return sc_store_load_attributes (store, n, &d->attributes, error);
  d->attributes = g_ptr_array_new ();
  return TRUE;
}

/* Cells that repeat over many rows, written once through the writer into their own text:
 * the as-of date, each last-order day and each level of a categorical attribute. */
static char *
day_cell (ScDay day)
{
  GString *out = g_string_new (NULL);
  ScCsvWriter w;

  sc_csv_writer_init (&w, out, 0);
  append_iso_day (&w, day);
  return g_string_free (out, FALSE);
}

static char *
field_cell (const char *text)
{
  GString *out = g_string_new (NULL);

  sc_csv_append_field (out, text);
  return g_string_free (out, FALSE);
}

#define MAX_DAY_CELLS 100000

static void
format_repeated_cells (PresetData *d)
{
  guint32 n = d->run->n_customers;

  d->as_of_cell = day_cell (d->run->params.as_of);
  if (d->agg != NULL)
    {
      ScDay lo = G_MAXINT32, hi = G_MININT32;

      for (guint32 i = 0; i < n; i++)
        if (d->agg->last_day[i] != SC_DAY_NONE)
          {
            lo = MIN (lo, d->agg->last_day[i]);
            hi = MAX (hi, d->agg->last_day[i]);
          }
      if (lo <= hi && (gint64) hi - lo < MAX_DAY_CELLS)
        {
          d->day_lo = lo;
          d->n_days = (guint) (hi - lo + 1);
          d->day_cells = g_new0 (char *, d->n_days + 1);
          for (guint k = 0; k < d->n_days; k++)
            d->day_cells[k] = day_cell (lo + (ScDay) k);
        }
    }
  d->level_cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint a = 0; a < d->attributes->len; a++)
    {
      const ScAttribute *attr = g_ptr_array_index (d->attributes, a);
      char **cells = NULL;

      if (attr->categorical)
        {
          cells = g_new0 (char *, attr->n_levels + 1);
          for (guint l = 0; l < attr->n_levels; l++)
            cells[l] = field_cell (attr->levels[l]);
        }
      g_ptr_array_add (d->level_cells, cells);
    }
}

/* Value and potential say their horizon, and the project's currency when it has one:
 * "Customer Value (last 12 months, EUR)", "value_last_12_months_eur". */
static char *
column_header (const PresetColumn *col,
               const ScPotential  *potential,
               const char         *currency)
{
  if (col->header_horizon != NULL && potential != NULL)
    {
      const char *mark = strchr (col->header_horizon, '#');
      g_autofree char *header = g_strdup_printf ("%.*s%u%s", (int) (mark - col->header_horizon),
                                                 col->header_horizon,
                                                 potential->params.horizon_months, mark + 1);
      gsize len = strlen (header);

      if (currency == NULL)
        return g_steal_pointer (&header);
      if (len > 0 && header[len - 1] == ')')
        return g_strdup_printf ("%.*s, %s)", (int) (len - 1), header, currency);
      {
        g_autofree char *lower = g_ascii_strdown (currency, -1);

        return g_strdup_printf ("%s_%s", header, lower);
      }
    }
  return g_strdup (col->header);
}

static void
write_header (ScCsvWriter      *w,
              const PresetData *d)
{
  for (const PresetColumn *col = d->spec->columns; col->kind != COL_END; col++)
    {
      if (col->kind == COL_ATTRIBUTES)
        {
          for (guint a = 0; a < d->attributes->len; a++)
            sc_csv_writer_field (w, ((ScAttribute *) g_ptr_array_index (d->attributes, a))->name);
        }
      else
        {
          g_autofree char *header = column_header (col, d->potential, d->currency);

          sc_csv_writer_field (w, header);
        }
    }
  sc_csv_writer_end_row (w);
}

static void
write_row (ScCsvWriter      *w,
           const PresetData *d,
           guint32           i,
           GChecksum        *checksum,
           GString          *scratch)
{
  guint16 label = d->run->labels[i];
  const char *email = d->contacts[0].text[i];
  const char *name = d->contacts[2].text[i];
  guint n_cols = 0;

  for (const PresetColumn *col = d->spec->columns; col->kind != COL_END; col++)
    {
      if (column_is_segment_level (col->kind))
        {
          guint k = label * G_N_ELEMENTS (d->spec->columns) + n_cols;

          sc_csv_writer_cells (w, g_ptr_array_index (d->segment_cells, k));
          n_cols++;
          continue;
        }
      n_cols++;
      switch (col->kind)
        {
        case COL_CUSTOMER_ID:
          sc_csv_writer_field (w, d->keys.text[i]);
          break;
        case COL_EMAIL:
          sc_csv_writer_field (w, email);
          break;
        case COL_EMAIL_SHA256:
          sc_csv_writer_cells (w, hash_email (checksum, email, scratch));
          break;
        case COL_PHONE:
          sc_csv_writer_phone (w, d->contacts[1].text[i]);
          break;
        case COL_NAME:
          sc_csv_writer_field (w, name);
          break;
        case COL_FIRST_NAME:
        case COL_LAST_NAME:
          append_name_part (w, name, col->kind == COL_FIRST_NAME);
          break;
        case COL_VALUE:
          sc_csv_writer_number (w, d->potential != NULL ? d->potential->value[i] : NAN,
                                d->money_decimals);
          break;
        case COL_POTENTIAL:
          sc_csv_writer_number (w, d->potential != NULL ? d->potential->clv[i] : NAN,
                                d->money_decimals);
          break;
        case COL_RECENCY:
          sc_csv_writer_number (w, d->features->values[SC_FEATURE_RECENCY][i], 0);
          break;
        case COL_ORDERS:
          sc_csv_writer_number (w, d->features->values[SC_FEATURE_FREQUENCY][i], 0);
          break;
        case COL_SPEND:
          sc_csv_writer_number (w, d->features->values[SC_FEATURE_MONETARY][i],
                                d->money_decimals);
          break;
        case COL_LAST_ORDER:
          {
            ScDay day = d->agg->last_day[i];

            if (d->day_cells != NULL && day != SC_DAY_NONE)
              sc_csv_writer_cells (w, d->day_cells[day - d->day_lo]);
            else
              append_iso_day (w, day);
          }
          break;
        case COL_AS_OF:
          sc_csv_writer_cells (w, d->as_of_cell);
          break;
        case COL_ATTRIBUTES:
          for (guint a = 0; a < d->attributes->len; a++)
            {
              const ScAttribute *attr = g_ptr_array_index (d->attributes, a);

              if (!attr->categorical)
                sc_csv_writer_number (w, attr->values[i], -1);
              else if (attr->codes[i] >= 0 && (guint) attr->codes[i] < attr->n_levels)
                sc_csv_writer_cells (w, ((char **) g_ptr_array_index (d->level_cells, a))
                                        [attr->codes[i]]);
              else
                sc_csv_writer_field (w, NULL);
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  sc_csv_writer_end_row (w);
}

/* The names this export records, by code: the run's segments by position, then the names
 * the last export sent that no segment has now. */
static guint16
name_code (GPtrArray   *names,
           GHashTable  *codes,
           const char  *name)
{
  /* names are stored one per line */
  char *line = g_strdelimit (g_strdup (name), "\r\n", ' ');
  gpointer found;

  if (g_hash_table_lookup_extended (codes, line, NULL, &found))
    {
      g_free (line);
      return (guint16) GPOINTER_TO_UINT (found);
    }
  if (names->len >= SC_ACTIVATION_NOT_WRITTEN)
    {
      g_free (line);
      return SC_ACTIVATION_NOT_WRITTEN;
    }
  g_ptr_array_add (names, line);
  g_hash_table_insert (codes, line, GUINT_TO_POINTER (names->len - 1));
  return (guint16) (names->len - 1);
}

/**
 * sc_export_preset:
 * @store: the project
 * @run: (nullable): the segmentation; %NULL for the project's current one
 * @path: the CSV file to write
 * @options: the preset, the segments, the byte order mark and line ends, whether only
 *   changes are written and whether a project without consent information may be exported
 * @result: (out caller-allocates): what was written and what was left out, and why
 * @cancellable: (nullable): polled every 65,536 customers
 *
 * Writes one preset's CSV and records the export in the project, in one transaction
 * (the caller's, when one is open).  See the rationale at the top of this file and the help
 * page "Send segments to other tools" for the columns.
 *
 * Returns: %TRUE on success
 */
gboolean
sc_export_preset (ScStore               *store,
                  const ScRun           *run,
                  const char            *path,
                  const ScPresetOptions *options,
                  ScPresetResult        *result,
                  ScProgressFunc         progress,
                  gpointer               progress_data,
                  GCancellable          *cancellable,
                  GError               **error)
{
  g_auto(PresetData) d = { 0 };
  g_auto(ScExportSink) sink = { 0 };
  g_autoptr(ScActivationRecord) last = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint16 *pos_code = NULL;     /* per segment position: its name's code */
  g_autofree guint16 *last_to_new = NULL;  /* per code of @last: the code in this record */
  g_autofree guint16 *labels = NULL;
  ScActivationRecord record = { 0 };
  ScCsvWriter csv;
  guint n_cols = 0;
  guint32 n;

  g_return_val_if_fail (store != NULL && path != NULL && options != NULL, FALSE);
  g_return_val_if_fail ((guint) options->preset < SC_N_EXPORT_PRESETS, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (result, 0, sizeof *result);
  d.spec = &presets[options->preset];
  if (!preset_load (&d, store, run, options, error))
    return FALSE;
  n = d.run->n_customers;
  result->consent_known = d.consent_known;
  format_repeated_cells (&d);

  /* The cells each segment's members share, formatted once. */
  while (d.spec->columns[n_cols].kind != COL_END)
    n_cols++;
  d.segment_cells = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (d.segment_cells, d.run->n_segments * G_N_ELEMENTS (d.spec->columns));
  for (guint s = 0; s < d.run->n_segments; s++)
    for (guint c = 0; c < n_cols; c++)
      if (column_is_segment_level (d.spec->columns[c].kind))
        g_ptr_array_index (d.segment_cells, d.run->segments[s].position *
                                            G_N_ELEMENTS (d.spec->columns) + c) =
          segment_cell (&d.run->segments[s], d.spec->columns[c].kind);

  /* This export's names: the run's segments, then those only the last export sent. */
  pos_code = g_new (guint16, MAX (d.run->n_segments, 1));
  for (guint k = 0; k < d.run->n_segments; k++)
    pos_code[d.run->segments[k].position] =
      name_code (names, codes, d.run->segments[k].name != NULL ? d.run->segments[k].name : "");
  if (!sc_store_load_last_activation (store, d.spec->name, &last, error))
    return FALSE;
  if (last != NULL)
    {
      guint n_last = g_strv_length (last->segment_names);

      last_to_new = g_new (guint16, MAX (n_last, 1));
      for (guint c = 0; c < n_last; c++)
        last_to_new[c] = name_code (names, codes, last->segment_names[c]);
      /* A damaged record's unknown codes count as never sent. */
      for (guint32 i = 0; i < last->n_customers; i++)
        if (last->labels[i] >= n_last)
          last->labels[i] = SC_ACTIVATION_NOT_WRITTEN;
    }
  result->first_export = last == NULL;
  labels = g_new (guint16, MAX (n, 1));
  record.preset = (char *) d.spec->name;
  record.run = d.run->id;
  record.n_customers = n;
  record.labels = labels;

  if (!_sc_export_sink_open (&sink, path, error))
    return FALSE;
  sc_csv_writer_init (&csv, sink.buf, (options->bom ? SC_CSV_WRITE_BOM : 0) |
                                      (options->crlf ? SC_CSV_WRITE_CRLF : 0));
  write_header (&csv, &d);

  for (guint32 i = 0; i < n; i++)
    {
      guint16 label = d.run->labels[i];
      guint16 before = last != NULL && i < last->n_customers ? last->labels[i]
                                                             : SC_ACTIVATION_NOT_WRITTEN;

      /* What the tool holds unless this export changes it. */
      labels[i] = before != SC_ACTIVATION_NOT_WRITTEN ? last_to_new[before]
                                                      : SC_ACTIVATION_NOT_WRITTEN;

      if ((i & (CHECK_EVERY - 1)) == 0 && i > 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress ((double) i / n, _("Writing customers"), progress_data);
        }

      if (label >= d.run->n_segments || !d.wanted[label])
        continue;
      if (d.consent[i] == 0 || (d.consent_known && d.consent[i] != 1))
        {
          result->excluded_consent++;
          continue;
        }
      if (d.spec->needs_email && d.contacts[0].text[i] == NULL)
        {
          result->without_email++;
          continue;
        }
      if (options->changed_only && labels[i] == pos_code[label])
        {
          result->unchanged++;
          continue;
        }

      write_row (&csv, &d, i, checksum, scratch);
      labels[i] = pos_code[label];
      result->written++;
      if (!_sc_export_sink_flush (&sink, FALSE, error))
        return FALSE;
    }

  g_ptr_array_add (names, NULL);
  record.segment_names = (char **) names->pdata;
  record.n_written = result->written;
  record.n_excluded = result->excluded_consent;
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !sc_store_begin (store, error))
    return FALSE;
  if (!sc_store_end (store,
                     sc_store_add_activation (store, &record, error) &&
                     _sc_export_sink_commit (&sink, error),
                     error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  return TRUE;
}
