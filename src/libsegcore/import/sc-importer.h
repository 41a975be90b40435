/* sc-importer.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-import-layout.h"
#include "sc-import-report.h"
#include "sc-store.h"
#include "sc-types.h"

G_BEGIN_DECLS

/**
 * sc_import:
 * @store: (nullable): the project; %NULL for a dry run that only checks the files
 *
 * Reads, validates and (unless @store is %NULL) stores the files in one transaction: on
 * error or cancellation nothing is written.
 */
ScImportReport *sc_import (ScStore                *store,
                           const ScImportOptions  *options,
                           ScProgressFunc          progress,
                           gpointer                progress_data,
                           GCancellable           *cancellable,
                           GError                **error);
ScImportReport *sc_import_check (ScStore                *known,
                                 const ScImportOptions  *options,
                                 ScProgressFunc          progress,
                                 gpointer                progress_data,
                                 GCancellable           *cancellable,
                                 GError                **error);

G_END_DECLS
