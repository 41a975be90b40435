/* sc-run-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-kmeans.h"
#include "sc-profile.h"
#include "sc-run.h"
#include "sc-store.h"

G_BEGIN_DECLS

/* @currency (nullable): the project's, for the money amounts of the descriptions
 * (sc_brief_load_currency()). */
ScRun   *_sc_run_compute  (ScStore            *store,
                           const ScRunParams  *params,
                           const char         *currency,
                           ScProgressFunc      progress,
                           gpointer            progress_data,
                           GCancellable       *cancellable,
                           GError            **error);
char     *_sc_run_now     (void);
/* The current run, or %NULL with %SC_ERROR_NO_DATA and the message @missing when there is
 * none (or with the error that kept it from being read). */
ScRun    *_sc_run_load_current_or (ScStore     *store,
                                   const char  *missing,
                                   GError     **error);
/* Adds the value, engagement and profit features @params use (sc-run-features.c). */
gboolean _sc_run_fill_features (ScStore            *store,
                                const ScRunParams  *params,
                                ScFeatures         *features,
                                GCancellable       *cancellable,
                                GError            **error);
/* Adds the engagement features when the project has interactions and gross profit when
 * some line has a cost (sc-run-features.c). */
gboolean _sc_run_fill_known_features (ScStore     *store,
                                      ScFeatures  *features,
                                      GError     **error);
/* Whether customer @c takes part in fitting a run on @params: not when its profit is
 * unknown and the run is built on profit. */
gboolean _sc_run_fits_customer  (const ScRunParams  *params,
                                 const ScFeatures   *features,
                                 guint32             c);
/* The segment position of a customer the fit left out: the nearest centroid of @run's
 * clusters, with an unknown profit at the fitted customers' mean (sc_transform_row()). */
guint16  _sc_run_place_customer (const ScRun        *run,
                                 const ScFeatures   *features,
                                 guint32             c);
/* @run's labels as n (>= run->n_customers) uint32s, SC_LABEL_NONE for the customers
 * imported after the run (free it). */
guint32 *_sc_run_labels_for (const ScRun        *run,
                             gsize               n);
/* Stores run as a new run and makes it current; sets the run's and segments' ids. */
gboolean _sc_run_save     (ScStore       *store,
                           ScRun         *run,
                           GError       **error);
/* Recomputes every segment's figures, profile and suggested name from run->labels (the
 * segments' positions and outlier flags given), keeping what people set. */
gboolean _sc_run_describe (ScStore       *store,
                           ScRun         *run,
                           const char    *currency,
                           GCancellable  *cancellable,
                           GError       **error);
/* _sc_run_describe() with the run's features computed already (they may cover more
 * customers than the run). */
gboolean _sc_run_describe_with (ScStore       *store,
                                ScRun         *run,
                                ScFeatures    *features,
                                const char    *currency,
                                GCancellable  *cancellable,
                                GError       **error);
/* After _sc_run_save: places the segments on the value × potential grid when a model
 * fitted on the current data exists. */
gboolean _sc_run_apply_fresh_potential (ScStore  *store,
                                        ScRun    *run,
                                        GError  **error);

/* The grid's default dividers: the medians of the clustered (not outlier) segments' finite
 * values and potentials (sc_median() of none where there are none); FALSE when either
 * has none. */
gboolean _sc_run_median_thresholds (const ScRun  *run,
                                    double       *value_threshold,
                                    double       *potential_threshold);
/* Stores the run's dividers (a non-finite one as NULL), inside the caller's transaction. */
gboolean _sc_run_save_thresholds   (ScStore      *store,
                                    gint64        run_id,
                                    double        value_threshold,
                                    double        potential_threshold,
                                    GError      **error);

/* Profiles of the segments of @labels (sc_profile_compute()), with an error set when there
 * are none; *attrs (free it) holds copies of @attributes' entries, which must outlive it. */
ScSegmentProfile *_sc_run_profiles (ScFeatures     *features,
                                    const guint32  *labels,
                                    const ScRun    *run,
                                    GPtrArray      *attributes,
                                    ScAttribute   **attrs,
                                    GCancellable   *cancellable,
                                    GError        **error);

/* sc-run-quality.c: how k is chosen and the run validated (sc-validate.h), stored in the
 * run_quality, run_k_scores, segment_quality, segment_distinct and run_merges tables. */
/* Sets the choice of k and the stability check of @kp (and @sp, which must outlive the
 * clustering) from the run's parameters; shares of customers with orders become shares of
 * the @n_clustered points. */
void          _sc_run_kmeans_choice_params (const ScRunParams    *params,
                                            gsize                 n_active,
                                            gsize                 n_clustered,
                                            ScKmeansParams       *kp,
                                            ScStabilityParams    *sp);
/* The validation of a fresh run (labels set, @n_segments of them) from its clustering of
 * the points of @x, the customers marked in @clustered. */
ScValidation *_sc_run_validate             (const ScRun          *run,
                                            guint                 n_segments,
                                            const ScKmeansResult *km,
                                            const ScKmeansParams *kp,
                                            const double         *x,
                                            const guint8         *clustered,
                                            gsize                 n_active);
/* Inside the caller's transaction, after the run's segments were saved. */
gboolean      _sc_run_save_validation      (ScStore              *store,
                                            const ScRun          *run,
                                            GError              **error);
/* Sets run->validation (NULL when none is stored) and the run's search parameters. */
gboolean      _sc_run_load_validation      (ScStore              *store,
                                            ScRun                *run,
                                            GError              **error);

G_END_DECLS
