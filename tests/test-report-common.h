/* test-report-common.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-edit.h"
#include "sc-export.h"
#include "sc-importer.h"
#include "sc-potential.h"
#include "sc-project.h"
#include "sc-report.h"
#include "sc-value.h"

G_BEGIN_DECLS

/* What test-report.c and test-export.c share: the main fixture (the bundled sample plus
 * three giant accounts, segmented with k = 4 and a fitted customer value model, two segments
 * with a Cyrillic and a Hebrew name, one owner that looks like a spreadsheet formula), a
 * small project of planted groups, and readers of the files the report and exports write. */

#define CYRILLIC_NAME "Лояльные клиенты"
#define HEBREW_NAME   "לקוחות נאמנים"
#define FORMULA_OWNER "=cmd|' /C calc'!A0"
#define N_GIANTS      3

/* The main fixture, made by make_fixture(). */
extern char  *fixture_dir;
extern char  *fixture_path;
extern guint  fixture_segments;

char *
tmp_dir (void);

gboolean
have_program (const char *name);

gboolean
need_poppler (void);

/* Runs a program and returns its standard output; asserts it succeeded. */
char *
run_program (const char * const *argv);

/* The text of one page (from 1) or of all (0), with every run of white space made one
 * space, so that phrases match across line breaks. */
char *
pdf_text (const char *pdf,
          int         page);

char *
pdf_info (const char *pdf);

guint
pdf_pages (const char *pdf);

void
assert_contains (const char *haystack,
                 const char *needle);

/* A plain CSV reader for the files under test: quoted fields, doubled quotes, line breaks
 * inside quotes.  Returns rows of fields. */
GPtrArray *
csv_parse (const char *text);

int
column_of (char      **header,
           const char *name);

void
segment (ScStore *store,
         guint    k,
         double   outlier_z);

void
set_field (ScStore        *store,
           gint64          id,
           ScSegmentField  field,
           const char     *value);

ScRun *
current_run (ScStore *store);

/* The sample, three giants, k = 4, a value model, and names people might give. */
void
make_fixture (void);

ScStore *
open_fixture (void);

/* Names of the fixture's segments in priority order. */
GPtrArray *
fixture_names (void);

/* Customers of the sample who refused marketing, counted from the file itself. */
guint
sample_refusals (void);

/* Where the outputs go: SC_REPORT_OUTPUT_DIR when set, else a fresh temporary directory. */
char *
output_dir (void);

void
output_dir_done (const char *dir);

/* A small project of planted groups, for the cases the sample does not cover. */
char *
make_small_project (const char  *dir,
                    const char **extra_ids,
                    guint        n_extra,
                    gboolean     do_segment);

G_END_DECLS
