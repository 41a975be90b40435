/* seg-import-source-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The base of the wizard's pages that show one import file (its format, its columns): it
 * holds the file and tells the page when the file changes, so each page only says what it
 * does then. */

#include "config.h"

#include "seg-import-source-page.h"

typedef struct
{
  SegImportSource *source;
} SegImportSourcePagePrivate;

enum {
  PROP_0,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (SegImportSourcePage, seg_import_source_page, ADW_TYPE_BIN)

static void
on_source_changed (SegImportSourcePage *self)
{
  SegImportSourcePageClass *klass = SEG_IMPORT_SOURCE_PAGE_GET_CLASS (self);

  if (klass->source_changed != NULL)
    klass->source_changed (self);
}

static void
on_choices_changed (SegImportSourcePage *self)
{
  SegImportSourcePageClass *klass = SEG_IMPORT_SOURCE_PAGE_GET_CLASS (self);

  if (klass->choices_changed != NULL)
    klass->choices_changed (self);
}

static void
seg_import_source_page_dispose (GObject *object)
{
  SegImportSourcePage *self = SEG_IMPORT_SOURCE_PAGE (object);
  SegImportSourcePagePrivate *priv = seg_import_source_page_get_instance_private (self);

  if (priv->source != NULL)
    g_signal_handlers_disconnect_by_data (priv->source, self);
  g_clear_object (&priv->source);

  G_OBJECT_CLASS (seg_import_source_page_parent_class)->dispose (object);
}

static void
seg_import_source_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SegImportSourcePage *self = SEG_IMPORT_SOURCE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, seg_import_source_page_get_source (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_import_source_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SegImportSourcePage *self = SEG_IMPORT_SOURCE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      seg_import_source_page_set_source (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_import_source_page_class_init (SegImportSourcePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_import_source_page_dispose;
  object_class->get_property = seg_import_source_page_get_property;
  object_class->set_property = seg_import_source_page_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, SEG_TYPE_IMPORT_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seg_import_source_page_init (SegImportSourcePage *self)
{
}

/**
 * seg_import_source_page_get_source:
 *
 * Returns: (transfer none) (nullable): the file the page shows
 */
SegImportSource *
seg_import_source_page_get_source (SegImportSourcePage *self)
{
  SegImportSourcePagePrivate *priv;

  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE_PAGE (self), NULL);

  priv = seg_import_source_page_get_instance_private (self);
  return priv->source;
}

void
seg_import_source_page_set_source (SegImportSourcePage *self,
                                   SegImportSource     *source)
{
  SegImportSourcePagePrivate *priv;

  g_return_if_fail (SEG_IS_IMPORT_SOURCE_PAGE (self));
  g_return_if_fail (source == NULL || SEG_IS_IMPORT_SOURCE (source));

  priv = seg_import_source_page_get_instance_private (self);
  if (priv->source == source)
    return;

  if (priv->source != NULL)
    g_signal_handlers_disconnect_by_data (priv->source, self);
  g_set_object (&priv->source, source);
  if (source != NULL)
    {
      g_signal_connect_swapped (source, "changed", G_CALLBACK (on_source_changed), self);
      g_signal_connect_swapped (source, "choices-changed", G_CALLBACK (on_choices_changed),
                                self);
    }
  on_source_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}
