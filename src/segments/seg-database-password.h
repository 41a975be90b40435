/* seg-database-password.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project-pg-browse.h"
#include "sc-project-pg.h"

G_BEGIN_DECLS

void   seg_database_password_store_async   (const ScPgConnection *connection,
                                            const char           *password,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean seg_database_password_store_finish (GAsyncResult        *result,
                                            GError              **error);
void   seg_database_password_lookup_async  (const ScPgConnection *connection,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char  *seg_database_password_lookup_finish (GAsyncResult         *result,
                                            GError              **error);

/* Called with the password typed, or NULL when the person cancelled. */
typedef void (*SegPasswordFunc) (const char *password,
                                 gpointer    user_data);
void   seg_database_password_ask           (GtkWindow            *parent,
                                            const ScPgConnection *connection,
                                            const char           *reason,
                                            SegPasswordFunc       func,
                                            gpointer              user_data,
                                            GDestroyNotify        destroy);

G_END_DECLS
