/* sc-contact.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *sc_email_normalize    (const char   *raw,
                                 char        **reason);
gboolean  sc_email_looks_valid  (const char   *raw);
char     *sc_email_hash_key     (const char   *email);
char     *sc_contact_clean      (const char   *raw);

G_END_DECLS
