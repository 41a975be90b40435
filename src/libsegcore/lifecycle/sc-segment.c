/* sc-segment.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A segment of the current run as an object, so list widgets can bind to it. */

#include "config.h"

#include <math.h>

#include "sc-enum-types.h"
#include "sc-segment.h"

struct _ScSegment
{
  GObject       parent_instance;
  ScSegmentInfo info;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_PROFILE,
  PROP_POSITION,
  PROP_COLOUR,
  PROP_IS_OUTLIERS,
  PROP_KIND,
  PROP_SIZE,
  PROP_SHARE,
  PROP_REVENUE,
  PROP_REVENUE_SHARE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (ScSegment, sc_segment, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
sc_segment_finalize (GObject *object)
{
  ScSegment *self = (ScSegment *) object;

  g_free (self->info.name);
  g_free (self->info.suggested_name);
  g_free (self->info.description);
  g_free (self->info.profile);
  g_free (self->info.quadrant);

  G_OBJECT_CLASS (sc_segment_parent_class)->finalize (object);
}

static void
sc_segment_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ScSegment *self = SC_SEGMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->info.name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->info.description);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->info.profile);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->info.position);
      break;
    case PROP_COLOUR:
      g_value_set_uint (value, self->info.colour);
      break;
    case PROP_IS_OUTLIERS:
      g_value_set_boolean (value, self->info.is_outliers);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->info.kind);
      break;
    case PROP_SIZE:
      g_value_set_uint64 (value, self->info.size);
      break;
    case PROP_SHARE:
      g_value_set_double (value, self->info.share);
      break;
    case PROP_REVENUE:
      g_value_set_double (value, self->info.revenue);
      break;
    case PROP_REVENUE_SHARE:
      g_value_set_double (value, self->info.revenue_share);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_segment_class_init (ScSegmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sc_segment_finalize;
  object_class->get_property = sc_segment_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL, flags);
  properties[PROP_POSITION] = g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_COLOUR] = g_param_spec_uint ("colour", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_IS_OUTLIERS] = g_param_spec_boolean ("is-outliers", NULL, NULL, FALSE, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, SC_TYPE_SEGMENT_KIND,
                                            SC_SEGMENT_KIND_SEGMENT, flags);
  properties[PROP_SIZE] = g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_SHARE] = g_param_spec_double ("share", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_REVENUE] = g_param_spec_double ("revenue", NULL, NULL,
                                                  -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_REVENUE_SHARE] = g_param_spec_double ("revenue-share", NULL, NULL,
                                                        -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sc_segment_init (ScSegment *self)
{
}

ScSegment *
sc_segment_new (const ScSegmentInfo *info)
{
  ScSegment *self = g_object_new (SC_TYPE_SEGMENT, NULL);

  self->info = *info;
  self->info.name = g_strdup (info->name);
  self->info.suggested_name = g_strdup (info->suggested_name);
  self->info.description = g_strdup (info->description);
  self->info.profile = g_strdup (info->profile);
  self->info.quadrant = g_strdup (info->quadrant);
  return self;
}

const char *
sc_segment_get_name (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), NULL);
  return self->info.name;
}

const char *
sc_segment_get_profile (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), NULL);
  return self->info.profile;
}
guint
sc_segment_get_colour (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), 0);
  return self->info.colour;
}

gboolean
sc_segment_get_is_outliers (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), FALSE);
  return self->info.is_outliers;
}

ScSegmentKind
sc_segment_get_kind (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), SC_SEGMENT_KIND_SEGMENT);
  return self->info.kind;
}

guint64
sc_segment_get_size (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), 0);
  return self->info.size;
}

double
sc_segment_get_share (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), NAN);
  return self->info.share;
}

double
sc_segment_get_revenue (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), NAN);
  return self->info.revenue;
}

double
sc_segment_get_revenue_share (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), NAN);
  return self->info.revenue_share;
}

double
sc_segment_get_recency (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), NAN);
  return self->info.recency;
}

double
sc_segment_get_frequency (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), NAN);
  return self->info.frequency;
}

double
sc_segment_get_monetary (ScSegment *self)
{
  g_return_val_if_fail (SC_IS_SEGMENT (self), NAN);
  return self->info.monetary;
}
