/* sc-flow.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What changed between snapshots, in two charts: the migration matrix (sc-migration.h) and
 * the impact lines (sc-impact.h). */

#pragma once

#include "sc-impact.h"
#include "sc-migration.h"
