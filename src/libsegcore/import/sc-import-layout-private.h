/* sc-import-layout-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The layout of one file as the import reads it (sc-import-layout.c), shared with the
 * row reader, the attribute builders and the import above it. */

#pragma once

#include "sc-import-layout.h"
#include "sc-source-catalogue-private.h"

G_BEGIN_DECLS

/* How one file is read: its dialect, header, a sample, and the column of each role. */
typedef struct
{
  ScCsvDialect  dialect;
  guint         n_columns;
  char        **header;         /* n_columns; names made up when the file has none */
  GPtrArray    *sample;         /* of char ** (n_columns each, padded) */
  ScColumnGuess *guesses;
  int           column[SC_N_ROLES];  /* index per role, -1 none (attributes: not used) */
  double        bytes_per_row;       /* in the sample, to size tables before the pass */
  /* columns kept as customer attributes (-1 ends), and whether each is a category */
  int          *attr_column;
  gboolean     *attr_categorical;
  guint         n_attrs;
  /* the plausible bounds of an order row, defaults resolved */
  ScDay         min_day;
  ScDay         max_day;
  double        max_amount;
  /* the recognised shape and the rules of fill-down, status, refunds and currency */
  ScSourceRules rules;
  /* margins by product category: the category column (-1 none) and casefolded category →
   * double percent */
  int           margin_by_column;
  GHashTable   *category_margin;
} ScImportLayout;

void        _sc_import_layout_clear              (ScImportLayout         *layout);
/* Sniffs the dialect (unless set in the options), reads the header and a sample, and
 * detects the column roles; the options' map overrides detection. */
gboolean    _sc_import_layout_read               (const ScImportOptions  *options,
                                                  GCancellable           *cancellable,
                                                  const char             *path,
                                                  ScTableKind             kind,
                                                  ScImportLayout         *layout,
                                                  GError                **error);
gboolean    _sc_import_layout_resolve_date_order (const ScImportOptions  *options,
                                                  GCancellable           *cancellable,
                                                  const char             *path,
                                                  ScImportLayout         *layout,
                                                  ScDateOrder            *order,
                                                  GString                *notes,
                                                  GError                **error);
/* Sets record->settings: how the file was read, for the report. */
void        _sc_import_record_settings           (ScImportRecord         *record,
                                                  ScImportLayout         *layout,
                                                  ScDateOrder             order,
                                                  gboolean                with_dates);
const char *_sc_import_date_order_label          (ScDateOrder             order);
const char *_sc_import_basename                  (const char             *path);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScImportLayout, _sc_import_layout_clear)

G_END_DECLS
