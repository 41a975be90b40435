/* seg-selection.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seg-selection.h"

struct _SegSelection
{
  GObject parent_instance;
  int     position;
};

enum {
  PROP_0,
  PROP_POSITION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (SegSelection, seg_selection, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
seg_selection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SegSelection *self = SEG_SELECTION (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_selection_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SegSelection *self = SEG_SELECTION (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      seg_selection_set_position (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_selection_class_init (SegSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = seg_selection_get_property;
  object_class->set_property = seg_selection_set_property;

  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seg_selection_init (SegSelection *self)
{
  self->position = -1;
}

SegSelection *
seg_selection_new (void)
{
  return g_object_new (SEG_TYPE_SELECTION, NULL);
}

int
seg_selection_get_position (SegSelection *self)
{
  g_return_val_if_fail (SEG_IS_SELECTION (self), -1);
  return self->position;
}

void
seg_selection_set_position (SegSelection *self,
                            int           position)
{
  g_return_if_fail (SEG_IS_SELECTION (self));

  position = MAX (position, -1);
  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}
