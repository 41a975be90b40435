/* sc-project-playbooks.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-playbook.h"
#include "sc-project.h"

G_BEGIN_DECLS

/* Segment playbooks for sales and support teams, through a project (see sc-playbook.c). */

GPtrArray *sc_project_write_playbooks        (ScProject            *self,
                                              const char           *directory,
                                              ScPlaybookFormat      format,
                                              GCancellable         *cancellable,
                                              GError              **error);
void       sc_project_write_playbooks_async  (ScProject            *self,
                                              const char           *directory,
                                              ScPlaybookFormat      format,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray *sc_project_write_playbooks_finish (ScProject            *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
