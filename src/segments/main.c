/* main.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "seg-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SegApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Segments"));

  app = seg_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN);

  status = g_application_run (G_APPLICATION (app), argc, argv);
  /* Started without its settings schema: it said why and opened nothing. */
  if (status == 0 && seg_application_is_broken (app))
    status = 1;

  return status;
}
