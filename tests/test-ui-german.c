/* test-ui-german.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application in German (issue 19): with LANG=de_DE.UTF-8 and LANGUAGE=de, and the
 * catalogue the build compiles from po/de.po (meson's i18n.gettext writes
 * po/de/LC_MESSAGES/segments.mo in the build folder), the window's page titles, its empty
 * state, its main menu and segments-cli --help are German.
 *
 * The locale must exist on the system (build-aux/test generates it with localedef); when it
 * does not, the test says so and is skipped (exit status 77).  The expected texts are the
 * msgstrs of po/de.po: a changed translation is changed here too. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "seg-application.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"

static SegApplication *app;
static char *locale_dir;

/* Depth first over every widget, shown or not: the view stack's pages exist before a project
 * is open, even while the empty state hides them. */
static GtkWidget *
find_any_widget (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_any_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_primary_menu_button (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

static GHashTable *
menu_labels (GMenuModel *model)
{
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *todo = g_ptr_array_new ();

  g_ptr_array_add (todo, model);
  while (todo->len > 0)
    {
      GMenuModel *menu = g_ptr_array_steal_index (todo, todo->len - 1);

      for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
        {
          char *label = NULL;
          GMenuModel *link;

          if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
            g_hash_table_add (labels, label);
          if ((link = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION)) != NULL)
            {
              g_ptr_array_add (todo, link);
              g_object_unref (link);   /* the menu keeps it */
            }
        }
    }
  g_ptr_array_unref (todo);
  return labels;
}

static void
test_german_catalogue (void)
{
  /* The catalogue is found, and it is the German one: not the English msgid back. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Overview"), ==, "Übersicht");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", 1), ==,
                   "%u Segment");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", 5), ==,
                   "%u Segmente");
}

static void
test_german_window (void)
{
  struct { const char *name; const char *title; } pages[] = {
    { "brief", "Briefing" },
    { "overview", "Übersicht" },
    { "explore", "Erkunden" },
    { "segments", "Segmente" },
    { "report", "Bericht" },
    { "hypotheses", "Hypothesen" },
  };
  SegWindow *window = SEG_WINDOW (seg_window_new (GTK_APPLICATION (app)));
  GtkWidget *stack, *status, *menu_button;
  g_autoptr(GtkSelectionModel) stack_pages = NULL;
  g_autoptr(GHashTable) labels = NULL;
  guint checked = 0;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (widget_is_mapped, window));

  /* Every page of the view switcher has its German title. */
  stack = find_any_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  stack_pages = adw_view_stack_get_pages (ADW_VIEW_STACK (stack));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (stack_pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (stack_pages), i);

      for (guint j = 0; j < G_N_ELEMENTS (pages); j++)
        if (g_strcmp0 (adw_view_stack_page_get_name (page), pages[j].name) == 0)
          {
            g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, pages[j].title);
            checked++;
          }
    }
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (pages));

  /* The empty state: its description and its two buttons, mnemonics kept. */
  status = find_widget (GTK_WIDGET (window), is_of_type, GSIZE_TO_POINTER (ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (status);
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                                   "Importieren Sie die Bestellungen Ihrer Kunden"));
  g_assert_nonnull (find_widget (status, is_button_labelled, (gpointer) "Daten imp_ortieren …"));
  g_assert_nonnull (find_widget (status, is_button_labelled, (gpointer) "_Beispieldaten öffnen"));
  g_assert_null (find_widget (status, is_button_labelled, (gpointer) "Open _Sample Data"));

  /* The main menu. */
  menu_button = find_widget (GTK_WIDGET (window), is_primary_menu_button, NULL);
  g_assert_nonnull (menu_button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button), ==, "Hauptmenü");
  labels = menu_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));
  g_assert_true (g_hash_table_contains (labels, "_Neues Projekt …"));
  g_assert_true (g_hash_table_contains (labels, "_Hilfe"));
  g_assert_true (g_hash_table_contains (labels, "_Info zu Segmente"));
  g_assert_false (g_hash_table_contains (labels, "_Help"));

  save_widget_if_asked (GTK_WIDGET (window), "german-empty-window.png");
  destroy_all_windows ();
}

static void
test_german_cli_help (void)
{
  const char *cli = g_getenv ("SEGMENTS_CLI");
  const char *argv[] = { cli, "--help", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (cli);
  envp = g_environ_setenv (envp, "LANGUAGE", "de", TRUE);
  envp = g_environ_setenv (envp, "LANG", "de_DE.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "de_DE.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "SEGMENTS_LOCALEDIR", locale_dir, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_assert_true (g_str_has_prefix (out, "Aufruf: segments-cli BEFEHL PROJEKT"));
  g_assert_nonnull (strstr (out, "\nBefehle:\n"));
  g_assert_nonnull (strstr (out, "Die Kunden eines Projekts segmentieren"));
  g_assert_null (strstr (out, "Usage:"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *mo = NULL;
  int ret;

  /* The test environment runs in C.UTF-8; this test in German. */
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_printerr ("The locale de_DE.UTF-8 is not installed (build-aux/test generates it with "
                  "“localedef -i de_DE -f UTF-8 de_DE.UTF-8”, from Debian’s locales package): "
                  "skipping the German test.\n");
      return 77;
    }

  g_test_init (&argc, &argv, NULL);

  /* The build's catalogues, as meson's i18n.gettext lays them out under po/. */
  locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  mo = g_build_filename (locale_dir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing: the build compiles it from po/de.po", mo);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  tmp = test_make_xdg_home ("test-ui-german-XXXXXX");
  gtk_init ();
  adw_init ();

  app = seg_application_new ("io.github.segments.Segments.Test",
                             G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/Ui/German/catalogue", test_german_catalogue);
  g_test_add_func ("/Ui/German/window", test_german_window);
  g_test_add_func ("/Ui/German/cli-help", test_german_cli_help);

  ret = g_test_run ();

  destroy_all_windows ();
  g_clear_object (&app);
  test_remove_tree (tmp);
  g_free (locale_dir);

  return ret;
}
