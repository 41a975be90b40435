/* seg-import-source.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-importer.h"

G_BEGIN_DECLS

/**
 * SegColumnChoice:
 *
 * What the import does with a column: a #ScColumnRole, with attributes split by kind.
 */
typedef enum
{
  SEG_COLUMN_IGNORE,
  SEG_COLUMN_CUSTOMER,
  SEG_COLUMN_ORDER,
  SEG_COLUMN_DATE,
  SEG_COLUMN_AMOUNT,
  SEG_COLUMN_QUANTITY,
  SEG_COLUMN_PRICE,
  SEG_COLUMN_COST,
  SEG_COLUMN_MARGIN,
  SEG_COLUMN_CONSENT,
  SEG_COLUMN_EMAIL,
  SEG_COLUMN_PHONE,
  SEG_COLUMN_NAME,
  SEG_COLUMN_TYPE,
  SEG_COLUMN_CHANNEL,
  SEG_COLUMN_CATEGORY,
  SEG_COLUMN_NUMBER,
  SEG_N_COLUMN_CHOICES,
} SegColumnChoice;

#define SEG_TYPE_IMPORT_SOURCE (seg_import_source_get_type ())

G_DECLARE_FINAL_TYPE (SegImportSource, seg_import_source, SEG, IMPORT_SOURCE, GObject)

/* Rows the preview shows; detection looks at more. */
#define SEG_IMPORT_PREVIEW_ROWS 100

SegImportSource       *seg_import_source_new               (ScTableKind            kind);
ScTableKind            seg_import_source_get_kind          (SegImportSource       *self);
gboolean               seg_import_source_set_file          (SegImportSource       *self,
                                                            GFile                 *file);
GFile                 *seg_import_source_get_file          (SegImportSource       *self);
char                  *seg_import_source_dup_path          (SegImportSource       *self);
const GError          *seg_import_source_get_error         (SegImportSource       *self);
gboolean               seg_import_source_is_ready          (SegImportSource       *self);
const ScImportPreview *seg_import_source_get_preview       (SegImportSource       *self);

void                   seg_import_source_get_format        (SegImportSource       *self,
                                                            ScImportFormat        *format);
void                   seg_import_source_set_format        (SegImportSource       *self,
                                                            const ScImportFormat  *format);
ScDateOrder            seg_import_source_get_date_order    (SegImportSource       *self);
void                   seg_import_source_set_date_order    (SegImportSource       *self,
                                                            ScDateOrder            order);
ScDateOrder            seg_import_source_get_sniffed_date_order (SegImportSource  *self);

guint                  seg_import_source_get_n_columns     (SegImportSource       *self);
const char            *seg_import_source_get_column_name   (SegImportSource       *self,
                                                            guint                  column);
SegColumnChoice        seg_import_source_get_choice        (SegImportSource       *self,
                                                            guint                  column);
void                   seg_import_source_set_choice        (SegImportSource       *self,
                                                            guint                  column,
                                                            SegColumnChoice        choice);
int                    seg_import_source_find_choice       (SegImportSource       *self,
                                                            SegColumnChoice        choice);
char                  *seg_import_source_dup_missing       (SegImportSource       *self);
gboolean               seg_import_source_get_recalled      (SegImportSource       *self);
void                   seg_import_source_detect_again      (SegImportSource       *self);

char                  *seg_import_source_format_cell       (SegImportSource       *self,
                                                            guint                  row,
                                                            guint                  column,
                                                            gboolean              *valid);
char                  *seg_import_source_describe_column   (SegImportSource       *self,
                                                            guint                  column);

void                   seg_import_source_fill_table        (SegImportSource       *self,
                                                            ScImportTable         *table);
gboolean               seg_import_source_remember          (SegImportSource       *self,
                                                            GError               **error);

gboolean               seg_import_source_get_margin        (SegImportSource       *self,
                                                            double                *percent);
void                   seg_import_source_set_margin        (SegImportSource       *self,
                                                            gboolean               set,
                                                            double                 percent);
gboolean               seg_import_source_has_cost          (SegImportSource       *self);

const char            *seg_column_choice_to_label          (SegColumnChoice        choice);
gboolean               seg_column_choice_is_unique         (SegColumnChoice        choice);

G_END_DECLS
