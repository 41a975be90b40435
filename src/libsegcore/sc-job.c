/* sc-job.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Progress of a long operation. Workers call sc_job_update() as often as they like; the
 * values are kept under a mutex and notified from at most one pending low-priority idle in
 * the context that created the job, so a worker never wakes the UI more than once a frame
 * and property notifications only ever happen on the UI thread. */

#include "config.h"

#include "sc-job.h"

struct _ScJob
{
  GObject       parent_instance;
  GMutex        mutex;
  double        fraction;
  char         *message;
  guint         notify_source;
  GMainContext *context;
};

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (ScJob, sc_job, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
sc_job_finalize (GObject *object)
{
  ScJob *self = (ScJob *) object;

  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (sc_job_parent_class)->finalize (object);
}

static void
sc_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  ScJob *self = SC_JOB (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, sc_job_get_fraction (self));
      break;

    case PROP_MESSAGE:
      g_value_take_string (value, sc_job_dup_message (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_job_class_init (ScJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_job_finalize;
  object_class->get_property = sc_job_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sc_job_init (ScJob *self)
{
  g_mutex_init (&self->mutex);
  self->context = g_main_context_ref_thread_default ();
}

ScJob *
sc_job_new (void)
{
  return g_object_new (SC_TYPE_JOB, NULL);
}

double
sc_job_get_fraction (ScJob *self)
{
  double fraction;

  g_return_val_if_fail (SC_IS_JOB (self), 0.0);

  g_mutex_lock (&self->mutex);
  fraction = self->fraction;
  g_mutex_unlock (&self->mutex);
  return fraction;
}

/**
 * sc_job_dup_message:
 *
 * Returns: (transfer full) (nullable): what the job is doing now
 */
char *
sc_job_dup_message (ScJob *self)
{
  char *message;

  g_return_val_if_fail (SC_IS_JOB (self), NULL);

  g_mutex_lock (&self->mutex);
  message = g_strdup (self->message);
  g_mutex_unlock (&self->mutex);
  return message;
}

static gboolean
notify_in_idle (gpointer data)
{
  ScJob *self = data;

  g_mutex_lock (&self->mutex);
  self->notify_source = 0;
  g_mutex_unlock (&self->mutex);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  return G_SOURCE_REMOVE;
}

/**
 * sc_job_update:
 * @fraction: 0..1
 * @message: (nullable): a new message, or %NULL to keep the current one
 *
 * Thread-safe.
 */
void
sc_job_update (ScJob      *self,
               double      fraction,
               const char *message)
{
  g_return_if_fail (SC_IS_JOB (self));

  g_mutex_lock (&self->mutex);
  self->fraction = CLAMP (fraction, 0.0, 1.0);
  if (message != NULL && g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
    }
  if (self->notify_source == 0)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_LOW);
      g_source_set_callback (source, notify_in_idle, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[segments] job progress");
      self->notify_source = g_source_attach (source, self->context);
      g_source_unref (source);
    }
  g_mutex_unlock (&self->mutex);
}

/* An ScProgressFunc that forwards to a job. */
void
sc_job_progress_func (double      fraction,
                      const char *message,
                      gpointer    job)
{
  if (job != NULL)
    sc_job_update (SC_JOB (job), fraction, message);
}
