/* sc-project-playbooks.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Segment playbooks behind the project facade, sync and async, on the facade's task runner
 * (each run opens a connection of its thread's own). */

#include "config.h"

#include "sc-playbook-private.h"
#include "sc-project-playbooks.h"
#include "sc-project-private.h"

typedef struct
{
  char             *directory;
  ScPlaybookFormat  format;
} PlaybooksInput;

static void
playbooks_input_free (PlaybooksInput *input)
{
  g_free (input->directory);
  g_free (input);
}

static gpointer
playbooks_work (ScStore       *store,
                gpointer       data,
                ScJob         *job,
                GCancellable  *cancellable,
                GError       **error)
{
  PlaybooksInput *input = data;

  return _sc_playbooks_write (store, input->directory, input->format, cancellable, error);
}

/**
 * sc_project_write_playbooks:
 * @directory: the folder to write to; created when missing
 * @format: HTML or PDF
 *
 * Writes one playbook per segment of the current segmentation and an index.html.
 *
 * Returns: (transfer full) (element-type filename) (nullable): the files written, the index
 *   last; %NULL with @error set (%SC_ERROR_NO_DATA without segments)
 */
GPtrArray *
sc_project_write_playbooks (ScProject         *self,
                            const char        *directory,
                            ScPlaybookFormat   format,
                            GCancellable      *cancellable,
                            GError           **error)
{
  PlaybooksInput input = { (char *) directory, format };

  g_return_val_if_fail (directory != NULL, NULL);

  return _sc_project_run (self, playbooks_work, &input, NULL, cancellable, error);
}

/**
 * sc_project_write_playbooks_async:
 *
 * Runs sc_project_write_playbooks() in a worker thread.
 */
void
sc_project_write_playbooks_async (ScProject           *self,
                                  const char          *directory,
                                  ScPlaybookFormat     format,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  PlaybooksInput *input;

  g_return_if_fail (SC_IS_PROJECT (self));
  g_return_if_fail (directory != NULL);

  input = g_new0 (PlaybooksInput, 1);
  input->directory = g_strdup (directory);
  input->format = format;
  _sc_project_run_async (self, sc_project_write_playbooks_async, playbooks_work, input,
                         (GDestroyNotify) playbooks_input_free,
                         (GDestroyNotify) g_ptr_array_unref, NULL, cancellable, callback,
                         user_data);
}

/**
 * sc_project_write_playbooks_finish:
 *
 * Returns: (transfer full) (element-type filename) (nullable): the files written
 */
GPtrArray *
sc_project_write_playbooks_finish (ScProject     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_write_playbooks_async, error);
}
