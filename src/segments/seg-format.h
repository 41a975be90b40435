/* seg-format.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-segment.h"
#include "sc-types.h"

G_BEGIN_DECLS

char *seg_format_count   (guint64 count);
char       *seg_format_amount (const char *currency,
                               double      amount);
char       *seg_format_number (double      value,
                               int         decimals);
char *seg_format_share   (double  share);
char *seg_format_day     (ScDay   day);
char *seg_format_period  (ScDay   first_day,
                          ScDay   last_day);

char *seg_segment_dup_color_class (ScSegment *segment);

G_END_DECLS
