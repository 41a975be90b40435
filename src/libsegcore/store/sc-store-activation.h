/* sc-store-activation.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-store.h"

G_BEGIN_DECLS

/**
 * ScTextColumn:
 * @n: the customers covered
 * @text: per customer, its text or %NULL; pointers into @data
 *
 * A column of texts as stored, one allocation for all of them.
 */
typedef struct
{
  guint32      n;
  const char **text;
  char        *data;
} ScTextColumn;

void     sc_text_column_clear          (ScTextColumn *column);
gboolean sc_store_load_texts           (ScStore      *store,
                                        const char   *name,
                                        guint32       n,
                                        gboolean      empty_is_null,
                                        ScTextColumn *column,
                                        GError      **error);
gboolean sc_store_load_contact_texts   (ScStore      *store,
                                        const char   *field,
                                        guint32       n,
                                        ScTextColumn *column,
                                        GError      **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScTextColumn, sc_text_column_clear)

/* Contact fields ("email", "phone", "name"): a text per customer, NULL where unknown. */
gboolean sc_store_load_contacts        (ScStore      *store,
                                        const char   *field,
                                        guint32       n_customers,
                                        GPtrArray   **values,
                                        GError      **error);
gboolean sc_store_save_contacts        (ScStore      *store,
                                        const char   *field,
                                        GPtrArray    *values,
                                        GError      **error);
gboolean sc_store_has_contacts         (ScStore      *store,
                                        const char   *field,
                                        gboolean     *has,
                                        GError      **error);

/**
 * ScActivationRecord:
 * @preset: the preset's name
 * @run: the segmentation exported
 * @n_written: rows written
 * @n_excluded: customers left out for want of consent
 * @segment_names: (array zero-terminated=1): the segment names written, by code
 * @n_customers: the length of @labels
 * @labels: per customer, the code of the segment name written, or
 *   %SC_ACTIVATION_NOT_WRITTEN
 *
 * One preset export, as the project keeps it: what each customer was sent as.
 */
#define SC_ACTIVATION_NOT_WRITTEN G_MAXUINT16

typedef struct
{
  char     *preset;
  gint64    run;
  guint64   n_written;
  guint64   n_excluded;
  char    **segment_names;
  guint32   n_customers;
  guint16  *labels;
} ScActivationRecord;

void     sc_activation_record_free      (ScActivationRecord  *record);
gboolean sc_store_add_activation        (ScStore             *store,
                                         const ScActivationRecord *record,
                                         GError             **error);
gboolean sc_store_load_last_activation  (ScStore             *store,
                                         const char          *preset,
                                         ScActivationRecord **record,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScActivationRecord, sc_activation_record_free)

G_END_DECLS
