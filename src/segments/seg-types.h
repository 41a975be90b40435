/* seg-types.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the application, its windows and pages share without depending on each other. */

/* One schema for the stable and the development build: see the comment in the schema. */
#define SEG_SETTINGS_SCHEMA_ID "io.github.segments.Segments"
