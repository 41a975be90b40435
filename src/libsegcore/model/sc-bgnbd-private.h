/* sc-bgnbd-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pieces of BG/NBD (sc-bgnbd.c) the predictions of sc-clv.c reuse. */

#pragma once

#include "sc-bgnbd.h"

G_BEGIN_DECLS

gboolean _sc_bgnbd_params_valid (const ScBgnbdParams *p);

void     _sc_bgnbd_integral     (const double        *s,
                                 guint                n,
                                 double               k,
                                 double               a,
                                 double               bb,
                                 double              *z,
                                 double              *pw,
                                 double              *G,
                                 double              *out);

G_END_DECLS
