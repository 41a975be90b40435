/* sc-playbook.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>


G_BEGIN_DECLS

/**
 * ScPlaybookFormat:
 * @SC_PLAYBOOK_HTML: one self-contained HTML file per segment
 * @SC_PLAYBOOK_PDF: one A4 PDF per segment, drawn by the report's page layout
 *
 * How segment playbooks are written; either way an index.html lists them.
 */
typedef enum
{
  SC_PLAYBOOK_HTML,
  SC_PLAYBOOK_PDF,
} ScPlaybookFormat;

#define SC_PLAYBOOK_N_EXAMPLES 10

gboolean   sc_playbook_format_from_string (const char        *s,
                                           ScPlaybookFormat  *format);

G_END_DECLS
