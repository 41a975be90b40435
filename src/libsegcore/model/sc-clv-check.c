/* sc-clv-check.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Whether a fitted customer-value model can be trusted.
 *
 * A maximum-likelihood fit always returns numbers, and the optimiser can even report a
 * stationary point, when the data cannot determine the parameters: on 11 customers BG/NBD
 * "converges" with r = 1.7e6, on a ridge where r and α grow together.  Predictions from such
 * a fit are arbitrary, so the product says "not enough data to estimate potential" with the
 * reason, and shows value only.  A fit is refused when any of these holds:
 *
 * - Too few customers: fewer than MIN_CUSTOMERS with a purchase, or fewer than MIN_REPEAT
 *   repeat buyers for BG/NBD (the drop-out process is only seen through repeat buyers).
 *   Four parameters from a dozen histories is a guess whatever the optimiser says.
 * - A parameter on the optimiser's box (e^±15 on the scale the fit works on): the likelihood
 *   keeps rising towards 0 or infinity, so the estimate is the box, not the data.
 * - The observed information (the Hessian of the log-likelihood at the estimate) is not
 *   finite or not positive definite: a flat or saddle direction.
 * - A standard error of a log-parameter above MAX_LOG_SE: the data allow the parameter to be
 *   e^(2 × 10) times larger or smaller within two standard errors, which is no estimate.
 *   Fits on a few thousand customers have standard errors of 0.05 to 0.5.  On a hundred or
 *   two, a and b often drift up together (every customer about as likely to drop out): their
 *   standard errors reach 3 to 8, yet the mean drop-out a / (a + b), and so the predictions,
 *   stay well determined, so such fits are kept.  Fits that did not fit have standard errors
 *   of tens to hundreds, or none at all (measured on simulated BG/NBD data of 11 to 2,000
 *   customers, 20 seeds each).
 *
 * The thresholds are deliberately loose: they catch fits that did not fit, not fits that are
 * merely imprecise.
 *
 * The spend model is held to less: enough repeat buyers with positive spend (its fit needs
 * 10), no parameter on the box, and q > 1 so that the population's mean spend, which customers
 * without repeat purchases get, exists.  Its shape p running far up is a limit whose
 * predictions stay defined (each repeat buyer's own mean spend, the population mean for the
 * others): shop data with little variation in a customer's order values lead there, and the
 * expected spend is still right. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-clv-check.h"

#define MIN_CUSTOMERS 20
#define MIN_REPEAT    10
#define MAX_LOG_SE    10.0

/* The parameters' problem, or NULL: the same words for both models. */
static char *
check_params (const char   *model,
              const char   *const *names,
              guint         dim,
              gboolean      at_bound,
              const double *log_se)
{
  guint worst = 0;

  if (at_bound)
    /* Translators: %s is "The purchase model" or "The spend model" */
    return g_strdup_printf (_("%s ran to the edge of its range: the data push a parameter "
                              "towards 0 or infinity"), model);
  for (guint i = 0; i < dim; i++)
    {
      if (!isfinite (log_se[i]))
        return g_strdup_printf (_("%s is not determined by the data: its likelihood is flat "
                                  "or has no maximum in some direction"), model);
      if (log_se[i] > log_se[worst])
        worst = i;
    }
  if (log_se[worst] > MAX_LOG_SE)
    /* Translators: "The purchase model's r is too uncertain (standard error of its logarithm
     * 12.3, at most 10.0 is usable)" */
    return g_strdup_printf (_("%s’s %s is too uncertain (standard error of its logarithm %.1f, "
                              "at most %.1f is usable)"), model, names[worst], log_se[worst],
                            MAX_LOG_SE);
  return NULL;
}

/**
 * sc_clv_check_summary:
 * @s: a summary
 *
 * Whether @s has enough customers and repeat buyers to fit the purchase model on.
 *
 * Returns: (transfer full) (nullable): why not, for people; %NULL when it has
 */
char *
sc_clv_check_summary (const ScClvSummary *s)
{
  gsize customers = 0, repeat = 0;

  g_return_val_if_fail (s != NULL, NULL);

  for (gsize i = 0; i < s->n; i++)
    if (s->included[i])
      {
        customers++;
        repeat += s->x[i] > 0;
      }

  if (customers < MIN_CUSTOMERS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Only %" "zu" " customer has orders: the "
                                         "purchase model needs at least %d",
                                         "Only %" "zu" " customers have orders: the "
                                         "purchase model needs at least %d", customers),
                            customers, MIN_CUSTOMERS);
  if (repeat < MIN_REPEAT)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Only %" "zu" " customer bought more than "
                                         "once: the purchase model needs at least %d",
                                         "Only %" "zu" " customers bought more than "
                                         "once: the purchase model needs at least %d", repeat),
                            repeat, MIN_REPEAT);
  return NULL;
}

/**
 * sc_clv_check_bgnbd:
 * @p: a fit from sc_bgnbd_fit() on a summary that passed sc_clv_check_summary()
 *
 * Returns: (transfer full) (nullable): why the fit cannot be used, for people; %NULL when it
 *   can
 */
char *
sc_clv_check_bgnbd (const ScBgnbdParams *p)
{
  static const char *const names[] = { "r", "α", "a", "b" };

  g_return_val_if_fail (p != NULL, NULL);

  return check_params (_("The purchase model"), names, 4, p->at_bound, p->log_se);
}

/**
 * sc_clv_check_gamma_gamma:
 * @p: a fit from sc_gamma_gamma_fit() (which already needs 10 repeat buyers with positive
 *   spend)
 *
 * Returns: (transfer full) (nullable): why the fit cannot be used, for people; %NULL when it
 *   can
 */
char *
sc_clv_check_gamma_gamma (const ScGammaGammaParams *p)
{
  g_return_val_if_fail (p != NULL, NULL);

  if (p->at_bound)
    return check_params (_("The spend model"), NULL, 0, TRUE, NULL);
  if (!(p->q > 1.0))
    return g_strdup_printf (_("The spend model finds no average spend per order: it varies so much "
                              "between customers that its mean is infinite (q = %.3g, at most 1)"), p->q);
  return NULL;
}
