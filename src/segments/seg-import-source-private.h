/* seg-import-source-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-import-source.h"

G_BEGIN_DECLS

/* seg-import-source-choices.c */
extern const char * const  _seg_column_choice_names[SEG_N_COLUMN_CHOICES];
extern const ScColumnRole  _seg_column_choice_roles[SEG_N_COLUMN_CHOICES];

SegColumnChoice _seg_column_choice_from_guess (ScTableKind          kind,
                                               const ScColumnGuess *guess);
gboolean        _seg_column_choice_fits_kind  (ScTableKind          kind,
                                               SegColumnChoice      choice);
gboolean        _seg_column_choice_from_name  (const char          *name,
                                               SegColumnChoice     *choice);

G_END_DECLS
