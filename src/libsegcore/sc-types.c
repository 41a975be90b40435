/* sc-types.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sc-types.h"

G_DEFINE_QUARK (sc-error-quark, sc_error)
