/* seg-stall-probe.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A probe for bench/bench-app.py, off unless SEGMENTS_STALL_PROBE names a file.
 *
 * Every main-loop iteration runs prepare → poll → check → dispatch, and sources are prepared
 * and checked in priority order.  A source of the highest priority is therefore checked first
 * when the loop wakes from poll and prepared first when the next iteration begins, so the time
 * from its check to its next prepare is how long that iteration kept the main thread busy —
 * a stall when it is long.  The probe writes one JSON object a line, T being wall-clock
 * milliseconds (g_get_real_time) so that the bench can set them against its own clock:
 *   {"ev":"start","t":T}
 *   {"ev":"iter","t":T,"ms":M,"cpu_ms":C,"runq_ms":Q}  an iteration busy for 2 ms or more
 *                                  (C: the main thread's CPU time in it; Q: the time it was
 *                                  ready to run but waited for a core, from the kernel's
 *                                  schedstat, -1 where there is none); T is when it began.
 *                                  What M holds beyond C and Q the thread slept: a lock, the
 *                                  X server's answer, the disk.
 *   {"ev":"paint","t":T,"view":V}  a frame the window painted; V is the visible page of its
 *                                  view stack, null while no project is shown
 *   {"ev":"beat","t":T,"busy":B,"by":W}  every 100 ms; B: the project or some widget still
 *                                  works in the background (a busy chart, a spinning spinner:
 *                                  W names it and its parent's type)
 *   {"ev":"cmd","t":T,"what":S}    a command from the bench, as it starts
 * Commands come as an action group exported on D-Bus at the application's object path plus
 * "/probe", so the bench drives the widgets' own actions, not a copy of what they do:
 *   activate (ss)       widget action B on the first widget of type A ("editor.merge")
 *   activate-with (sss) the same with a parameter in GVariant text format (D-Bus has no
 *                       maybe types, which some actions take)
 *   set (ssv)           property B of the first widget of type A
 *   select i            the window's selected segment (a position, -1 for none) */

#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "seg-chart.h"
#include "seg-scatter-chart.h"
#include "seg-stall-probe.h"

#define ITER_MIN_US 2000

typedef struct
{
  GSource  source;
  gint64   woke;      /* when the loop left poll, 0 before */
  gint64   woke_cpu;  /* the main thread's CPU time then */
  gint64   woke_runq; /* its time waiting for a core then, -1 if not known */
} ProbeSource;

static FILE *probe_out;
static GtkWidget *probe_stack;   /* the window's view stack, once found */
static GtkWidget *probe_window;  /* not a reference: the probe stops with the window */

static void
probe_write (const char *ev,
             gint64      t_us,
             const char *fields)
{
  fprintf (probe_out, "{\"ev\":\"%s\",\"t\":%.3f%s%s}\n", ev, t_us / 1000.0,
           fields != NULL ? "," : "", fields != NULL ? fields : "");
  fflush (probe_out);
}

/* On a loaded machine a long iteration may be one the thread waited to be scheduled for;
 * its CPU time says what it did itself. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Linux's /proc/thread-self/schedstat: CPU time, time waiting on a run queue (both in ns)
 * and time slices.  Read from a descriptor kept open, for the main thread only. */
static int schedstat_fd = -1;

static gint64
thread_runq_us (void)
{
  char buf[96];
  ssize_t n;
  unsigned long long on_cpu, waited;

  if (schedstat_fd < 0)
    return -1;
  n = pread (schedstat_fd, buf, sizeof buf - 1, 0);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  if (sscanf (buf, "%llu %llu", &on_cpu, &waited) != 2)
    return -1;
  return (gint64) (waited / 1000);
}

static gboolean
probe_prepare (GSource *source,
               int     *timeout)
{
  ProbeSource *probe = (ProbeSource *) source;

  *timeout = -1;
  if (probe->woke != 0 && probe_out != NULL)
    {
      gint64 busy = g_get_monotonic_time () - probe->woke;
      gint64 cpu = thread_cpu_us () - probe->woke_cpu;

      if (busy >= ITER_MIN_US)
        {
          gint64 runq = thread_runq_us ();
          g_autofree char *fields =
            g_strdup_printf ("\"ms\":%.3f,\"cpu_ms\":%.3f,\"runq_ms\":%.3f", busy / 1000.0,
                             cpu / 1000.0, runq >= 0 && probe->woke_runq >= 0
                                           ? (runq - probe->woke_runq) / 1000.0 : -1.0);

          probe_write ("iter", g_get_real_time () - busy, fields);
        }
    }
  probe->woke = 0;
  return FALSE;
}

static gboolean
probe_check (GSource *source)
{
  ((ProbeSource *) source)->woke = g_get_monotonic_time ();
  ((ProbeSource *) source)->woke_cpu = thread_cpu_us ();
  ((ProbeSource *) source)->woke_runq = thread_runq_us ();
  return FALSE;
}

static GSourceFuncs probe_funcs = { probe_prepare, probe_check, NULL, NULL, NULL, NULL };

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The widget still working in the background, if any. */
static GtkWidget *
find_busy (GtkWidget *widget)
{
  /* A scatter not shown waits for a size to bin for: busy, but not working. */
  if (SEG_IS_SCATTER_CHART (widget) && seg_scatter_chart_get_busy (SEG_SCATTER_CHART (widget)) &&
      gtk_widget_get_mapped (widget))
    return widget;
  if (SEG_IS_CHART (widget) && seg_chart_get_project (SEG_CHART (widget)) != NULL &&
      sc_project_get_busy (seg_chart_get_project (SEG_CHART (widget))))
    return widget;
  if (GTK_IS_SPINNER (widget) && gtk_spinner_get_spinning (GTK_SPINNER (widget)) &&
      gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *busy = find_busy (child);

      if (busy != NULL)
        return busy;
    }
  return NULL;
}

static gboolean
beat (gpointer user_data)
{
  GtkWidget *busy;
  g_autofree char *fields = NULL;

  if (probe_window == NULL)
    return G_SOURCE_REMOVE;
  busy = find_busy (probe_window);
  /* An import or a segmentation of the window's own shows its progress in a dialog; the
   * window can cancel it (win.cancel is enabled) as long as it runs. */
  if (busy == NULL && G_IS_ACTION_GROUP (probe_window) &&
      g_action_group_get_action_enabled (G_ACTION_GROUP (probe_window), "cancel"))
    busy = probe_window;
  /* Which widget, to tell a slow load from a spinner left spinning. */
  fields = busy != NULL
    ? g_strdup_printf ("\"busy\":true,\"by\":\"%s%s%s\"", G_OBJECT_TYPE_NAME (busy),
                       gtk_widget_get_parent (busy) != NULL ? " in " : "",
                       gtk_widget_get_parent (busy) != NULL
                       ? G_OBJECT_TYPE_NAME (gtk_widget_get_parent (busy)) : "")
    : g_strdup ("\"busy\":false");
  probe_write ("beat", g_get_real_time (), fields);
  return G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkWidget *stack;
  const char *view = NULL;
  g_autofree char *fields = NULL;

  if (probe_stack == NULL && probe_window != NULL)
    {
      probe_stack = find_widget (probe_window, ADW_TYPE_VIEW_STACK);
      if (probe_stack != NULL)
        g_object_add_weak_pointer (G_OBJECT (probe_stack), (gpointer *) &probe_stack);
    }
  stack = probe_stack;
  if (stack != NULL && gtk_widget_get_mapped (stack))
    view = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
  fields = view != NULL ? g_strdup_printf ("\"view\":\"%s\"", view) : g_strdup ("\"view\":null");
  probe_write ("paint", g_get_real_time (), fields);
}

static void
on_realize (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
}

static void
on_window_destroyed (gpointer  user_data,
                     GObject  *where)
{
  probe_window = NULL;
}

static GtkWidget *
target (GVariant *parameter)
{
  const char *type_name = NULL;
  GType type;

  g_variant_get_child (parameter, 0, "&s", &type_name);
  type = g_type_from_name (type_name);
  if (type == 0 || probe_window == NULL)
    return NULL;
  return find_widget (probe_window, type);
}

static void
log_command (const char *name,
             GVariant   *parameter)
{
  g_autofree char *text = parameter != NULL ? g_variant_print (parameter, FALSE) : NULL;
  g_autoptr(GString) fields = g_string_new ("\"what\":\"");

  g_string_append (fields, name);
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (p == text)
        g_string_append_c (fields, ' ');
      if (*p == '"' || *p == '\\')
        g_string_append_c (fields, '\\');
      g_string_append_c (fields, *p);
    }
  g_string_append_c (fields, '"');
  probe_write ("cmd", g_get_real_time (), fields->str);
}

/* Logs the command; returns its widget (the first of type A, or NULL) and sets *name to B. */
static GtkWidget *
start_command (GSimpleAction  *action,
               GVariant       *parameter,
               const char    **name)
{
  log_command (g_action_get_name (G_ACTION (action)), parameter);
  g_variant_get_child (parameter, 1, "&s", name);
  return target (parameter);
}

static void
activate_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  const char *name = NULL;
  GtkWidget *widget = start_command (action, parameter, &name);
  g_autoptr(GVariant) arg = NULL;

  if (g_variant_n_children (parameter) > 2)
    {
      const char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_variant_get_child (parameter, 2, "&s", &text);
      arg = g_variant_parse (NULL, text, NULL, NULL, &error);
      if (arg == NULL)
        {
          g_warning ("Stall probe: %s", error->message);
          return;
        }
    }
  if (widget == NULL || !gtk_widget_activate_action_variant (widget, name, arg))
    g_warning ("Stall probe: no action %s", name);
}

static void
set_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  const char *name = NULL;
  GtkWidget *widget = start_command (action, parameter, &name);
  g_autoptr(GVariant) arg = NULL;
  g_auto(GValue) given = G_VALUE_INIT;
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *pspec;

  g_variant_get_child (parameter, 2, "v", &arg);
  pspec = widget != NULL ? g_object_class_find_property (G_OBJECT_GET_CLASS (widget), name) : NULL;
  if (pspec == NULL)
    {
      g_warning ("Stall probe: no property %s", name);
      return;
    }
  g_value_init (&value, pspec->value_type);
  if (G_TYPE_IS_ENUM (pspec->value_type) && g_variant_is_of_type (arg, G_VARIANT_TYPE_STRING))
    {
      g_autoptr(GEnumClass) enums = g_type_class_ref (pspec->value_type);
      GEnumValue *nick = g_enum_get_value_by_nick (enums, g_variant_get_string (arg, NULL));

      if (nick == NULL)
        {
          g_warning ("Stall probe: no value %s", g_variant_get_string (arg, NULL));
          return;
        }
      g_value_set_enum (&value, nick->value);
    }
  else
    {
      g_dbus_gvariant_to_gvalue (arg, &given);
      if (!g_value_transform (&given, &value))
        {
          g_warning ("Stall probe: %s cannot take that value", name);
          return;
        }
    }
  g_object_set_property (G_OBJECT (widget), name, &value);
}

static void
select_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkWidget *chart = probe_window != NULL ? find_widget (probe_window, SEG_TYPE_CHART) : NULL;

  log_command (g_action_get_name (G_ACTION (action)), parameter);
  if (chart != NULL && seg_chart_get_selection (SEG_CHART (chart)) != NULL)
    seg_selection_set_position (seg_chart_get_selection (SEG_CHART (chart)),
                                g_variant_get_int32 (parameter));
}

static void
export_commands (void)
{
  static const GActionEntry entries[] = {
    { "activate", activate_action, "(ss)" },
    { "activate-with", activate_action, "(sss)" },
    { "set", set_action, "(ssv)" },
    { "select", select_action, "i" },
  };
  GApplication *app = g_application_get_default ();
  GDBusConnection *bus = app != NULL ? g_application_get_dbus_connection (app) : NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (bus == NULL)
    return;
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), NULL);
  path = g_strconcat (g_application_get_dbus_object_path (app), "/probe", NULL);
  /* The connection keeps the group for the rest of the process, as long as the probe runs. */
  if (g_dbus_connection_export_action_group (bus, path, G_ACTION_GROUP (group), &error) == 0)
    g_warning ("Stall probe: %s", error->message);
}

void
seg_stall_probe_install (GtkWidget *window)
{
  const char *path = g_getenv ("SEGMENTS_STALL_PROBE");
  GSource *source;

  g_return_if_fail (GTK_IS_WIDGET (window));

  if (path == NULL || *path == '\0' || probe_out != NULL)
    return;
  probe_out = fopen (path, "w");
  if (probe_out == NULL)
    {
      g_warning ("Stall probe: cannot write %s", path);
      return;
    }
  /* Installed from the main thread, which is the one whose waits count. */
  schedstat_fd = open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
  probe_window = window;
  g_object_weak_ref (G_OBJECT (window), on_window_destroyed, NULL);
  probe_write ("start", g_get_real_time (), NULL);

  source = g_source_new (&probe_funcs, sizeof (ProbeSource));
  g_source_set_priority (source, G_MININT);
  g_source_set_name (source, "SegStallProbe");
  g_source_attach (source, NULL);
  g_source_unref (source);
  g_timeout_add (100, beat, NULL);

  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  export_commands ();
}
