/* sc-source-catalogue.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The export shapes Segments recognises (shop, payment and CRM systems) and the sources a
 * person can name (sc-source-catalogue.c).  Below sc-import-layout.h, which includes it. */

#pragma once

#include <glib.h>

#include "sc-detect.h"

G_BEGIN_DECLS

/**
 * ScImportSource:
 * @SC_IMPORT_SOURCE_AUTO: recognise the export's shape from its header (the default)
 * @SC_IMPORT_SOURCE_GENERIC: no recognition: every row is an order line, nothing filled down
 *
 * Which system a file comes from; the others name one system, whose shapes are then the
 * only ones tried (and one of them must fit).
 */
typedef enum
{
  SC_IMPORT_SOURCE_AUTO,
  SC_IMPORT_SOURCE_GENERIC,
  SC_IMPORT_SOURCE_SHOPIFY,
  SC_IMPORT_SOURCE_WOOCOMMERCE,
  SC_IMPORT_SOURCE_STRIPE,
  SC_IMPORT_SOURCE_SQUARE,
  SC_IMPORT_SOURCE_HUBSPOT,
  SC_IMPORT_SOURCE_SALESFORCE,
  SC_N_IMPORT_SOURCES,
} ScImportSource;

typedef struct _ScSourceShape ScSourceShape;

const char          *sc_import_source_to_string   (ScImportSource        source);
const char          *sc_import_source_get_label   (ScImportSource        source);
gboolean             sc_import_source_from_string (const char           *s,
                                                   ScImportSource       *source);

const ScSourceShape *sc_source_shape_recognise    (ScImportSource        source,
                                                   ScTableKind           kind,
                                                   guint                 n_columns,
                                                   const char * const   *header);
const char          *sc_source_shape_get_id       (const ScSourceShape  *shape);
const char          *sc_source_shape_get_label    (const ScSourceShape  *shape);
ScImportSource       sc_source_shape_get_source   (const ScSourceShape  *shape);

G_END_DECLS
