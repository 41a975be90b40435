/* sc-playbook-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A playbook's content, written once (sc-playbook.c) and laid out twice: as HTML and as
 * the report's pages (sc-playbook-write.c), so both say the same. */

#pragma once

#include "sc-palette.h"
#include "sc-playbook.h"
#include "sc-store.h"

G_BEGIN_DECLS

typedef struct
{
  char       *name;
  char       *file;           /* the file name in the output directory */
  ScRgba      colour;
  char       *kicker;         /* "Segment 2 of 5 · priority 1" */
  char       *who;            /* two sentences */
  char       *why;
  char       *objective;
  char      **tactics;
  char       *tier;           /* "High touch: ..." */
  char       *channel;
  char       *cadence;
  char       *owner;          /* nullable: then @owner_missing says what to do */
  char       *owner_missing;
  char       *kpi;            /* "Repeat rate: 42%" */
  char       *plan_note;      /* which parts are suggested */
  guint       n_cols;         /* example customers: header then rows, n_cols cells each */
  GPtrArray  *examples;       /* char ** rows, the first the header */
  char       *examples_note;
} ScPlaybook;

typedef struct
{
  char       *date;
  GPtrArray  *playbooks;      /* ScPlaybook * in priority order */
} ScPlaybookSet;

ScPlaybookSet *_sc_playbook_set_load  (ScStore               *store,
                                       ScPlaybookFormat       format,
                                       GCancellable          *cancellable,
                                       GError               **error);
void           _sc_playbook_set_free  (ScPlaybookSet         *set);
/* sc-playbook-write.c */
GPtrArray     *_sc_playbooks_write    (ScStore               *store,
                                       const char            *directory,
                                       ScPlaybookFormat       format,
                                       GCancellable          *cancellable,
                                       GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPlaybookSet, _sc_playbook_set_free)

G_END_DECLS
