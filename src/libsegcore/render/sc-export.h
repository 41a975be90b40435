/* sc-export.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "sc-features.h"
#include "sc-palette.h"
#include "sc-run.h"
#include "sc-store.h"

#include "sc-csv.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/* CSV cells */

/* The CSV cells and rows are written by the core's one writer, sc-csv-writer.h. */

/* JSON text, for the segment definitions here and the CLI's --json output. */
void     sc_json_append_string  (GString     *out,
                                 const char  *s);

/* ------------------------------------------------------------------------------------------ */
/* Consent */

/**
 * ScConsentSummary:
 * @segmented: customers with a segment in the run
 * @consent_yes: of those, customers who agreed to marketing
 * @consent_no: of those, customers who refused
 * @consent_unknown: of those, customers whose consent the project does not know
 * @consent_known: whether the project knows consent for at least one of its customers
 * @excluded: segmented customers left out of activation exports: those who refused, and,
 *   when @consent_known, also those with unknown consent
 *
 * Who may be contacted.  Customers the run puts in no segment are in none of the counts.
 */
typedef struct
{
  guint64  segmented;
  guint64  consent_yes;
  guint64  consent_no;
  guint64  consent_unknown;
  gboolean consent_known;
  guint64  excluded;
} ScConsentSummary;

gboolean sc_export_consent_summary (ScStore          *store,
                                    const ScRun      *run,
                                    ScConsentSummary *summary,
                                    GError          **error);

/* ------------------------------------------------------------------------------------------ */
/* Activation and segment definitions */

gboolean sc_export_assignments  (ScStore         *store,
                                 const ScRun     *run,
                                 const char      *path,
                                 guint64         *n_written,
                                 guint64         *n_excluded,
                                 ScProgressFunc   progress,
                                 gpointer         progress_data,
                                 GCancellable    *cancellable,
                                 GError         **error);

/* ------------------------------------------------------------------------------------------ */
/* Presets: files a CRM or marketing tool imports as they are (sc-export-presets.c) */

/**
 * ScExportPreset:
 * @SC_EXPORT_PRESET_HUBSPOT: HubSpot contacts import: Email, names, phone, custom properties
 * @SC_EXPORT_PRESET_SALESFORCE: Salesforce Data Import Wizard: Email, names, custom fields
 * @SC_EXPORT_PRESET_MAILCHIMP: Mailchimp audience import: Email Address, Tags, merge fields
 * @SC_EXPORT_PRESET_KLAVIYO: Klaviyo profiles: Email, names, custom properties
 * @SC_EXPORT_PRESET_GOOGLE_ADS: Google Ads Customer Match: SHA-256 of the e-mail address
 * @SC_EXPORT_PRESET_META: Meta custom audiences: SHA-256 of the e-mail address
 * @SC_EXPORT_PRESET_GENERIC: every field, for spreadsheets and other tools
 */
typedef enum
{
  SC_EXPORT_PRESET_HUBSPOT,
  SC_EXPORT_PRESET_SALESFORCE,
  SC_EXPORT_PRESET_MAILCHIMP,
  SC_EXPORT_PRESET_KLAVIYO,
  SC_EXPORT_PRESET_GOOGLE_ADS,
  SC_EXPORT_PRESET_META,
  SC_EXPORT_PRESET_GENERIC,
} ScExportPreset;

#define SC_N_EXPORT_PRESETS (SC_EXPORT_PRESET_GENERIC + 1)

const char *sc_export_preset_to_string   (ScExportPreset   preset);
gboolean    sc_export_preset_from_string (const char      *s,
                                          ScExportPreset  *preset);
const char *sc_export_preset_to_label    (ScExportPreset   preset);
gboolean    sc_export_preset_default_bom (ScExportPreset   preset);
gboolean    sc_export_preset_needs_email (ScExportPreset   preset);

/**
 * ScPresetOptions:
 * @preset: which tool
 * @segments: (nullable) (array zero-terminated=1): segments to write, by number (1-based)
 *   or name; %NULL for all
 * @bom: start with the UTF-8 byte order mark
 * @crlf: end rows in CR LF
 * @changed_only: write only customers whose segment changed since this preset's last export
 * @no_consent_ok: export even though the project knows nobody's consent
 */
typedef struct
{
  ScExportPreset      preset;
  const char * const *segments;
  gboolean            bom;
  gboolean            crlf;
  gboolean            changed_only;
  gboolean            no_consent_ok;
} ScPresetOptions;

/**
 * ScPresetResult:
 * @written: rows written
 * @excluded_consent: customers of the chosen segments left out for want of consent
 * @without_email: customers left out because the preset keys on an e-mail address they lack
 * @unchanged: customers left out because their segment did not change since the last export
 * @consent_known: whether the project knows consent for anyone
 * @first_export: whether this is the preset's first export (so nothing counts as unchanged)
 */
typedef struct
{
  guint64  written;
  guint64  excluded_consent;
  guint64  without_email;
  guint64  unchanged;
  gboolean consent_known;
  gboolean first_export;
} ScPresetResult;

gboolean sc_export_preset       (ScStore                *store,
                                 const ScRun            *run,
                                 const char             *path,
                                 const ScPresetOptions  *options,
                                 ScPresetResult         *result,
                                 ScProgressFunc          progress,
                                 gpointer                progress_data,
                                 GCancellable           *cancellable,
                                 GError                **error);

/**
 * ScSegmentsFormat:
 * @SC_SEGMENTS_FORMAT_AUTO: from the file name: JSON for ".json", CSV for ".csv"
 * @SC_SEGMENTS_FORMAT_CSV: one row per segment
 * @SC_SEGMENTS_FORMAT_JSON: one object with the run and an array of segments
 */
typedef enum
{
  SC_SEGMENTS_FORMAT_AUTO,
  SC_SEGMENTS_FORMAT_CSV,
  SC_SEGMENTS_FORMAT_JSON,
} ScSegmentsFormat;

gboolean sc_export_segments     (ScStore          *store,
                                 const ScRun      *run,
                                 const char       *path,
                                 ScSegmentsFormat  format,
                                 GError          **error);

/* ------------------------------------------------------------------------------------------ */
/* Charts */

/**
 * ScChartKind:
 * @SC_CHART_SCATTER: customers by recency and spend, coloured by segment
 * @SC_CHART_SIZES: each segment's share of customers and of revenue
 * @SC_CHART_GRID: segments on the value × potential grid
 */
typedef enum
{
  SC_CHART_SCATTER,
  SC_CHART_SIZES,
  SC_CHART_GRID,
} ScChartKind;

const char *sc_chart_kind_to_string   (ScChartKind   kind);
gboolean    sc_chart_kind_from_string (const char   *s,
                                       ScChartKind  *kind);
const char *sc_chart_kind_to_title    (ScChartKind   kind);

typedef struct _ScCharts ScCharts;

ScCharts         *sc_charts_new          (ScStore          *store,
                                          GCancellable     *cancellable,
                                          GError          **error);
void              sc_charts_free         (ScCharts         *charts);
const ScRun      *sc_charts_get_run      (ScCharts         *charts);
const ScFeatures *sc_charts_get_features (ScCharts         *charts);
void              sc_charts_paint        (ScCharts         *charts,
                                          ScChartKind       kind,
                                          cairo_t          *cr,
                                          const ScPalette  *palette,
                                          double            width,
                                          double            height,
                                          double            scale);

/**
 * ScChartFile:
 * @kind: which chart
 * @width: width in logical pixels (points in SVG and PDF), 16 to 20,000
 * @height: height, 16 to 20,000
 * @scale: device pixels per logical pixel of a PNG (2 for HiDPI), and the resolution of the
 *   scatter's point image in SVG and PDF; 0.5 to 8
 * @dark: use the dark palette
 *
 * How a chart is drawn to a file; the file's extension (.png, .svg or .pdf) chooses the
 * format.
 */
typedef struct
{
  ScChartKind kind;
  int         width;
  int         height;
  double      scale;
  gboolean    dark;
} ScChartFile;

gboolean          sc_charts_write        (ScCharts          *charts,
                                          const char        *path,
                                          const ScChartFile *file,
                                          GError           **error);

gboolean sc_export_chart        (ScStore           *store,
                                 const char        *path,
                                 const ScChartFile *file,
                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCharts, sc_charts_free)

G_END_DECLS
