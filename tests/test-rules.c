/* test-rules.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rule language of rule segments (model/sc-rules.c): every operator against a direct
 * evaluation on generated customers, and malformed rules with errors that name the rule and
 * the position. */

#include <math.h>
#include <string.h>

#include "sc-rules.h"
#include "sc-store.h"

#define N 500

static const char * const industries[] = { "Retail", "Manufacturing", "Energy", "Retail Banking" };

typedef struct
{
  GPtrArray *fields;
  gint32     industry[N];
  double     employees[N];
} Data;

static void
data_init (Data    *d,
           guint32  seed)
{
  GRand *rand = g_rand_new_with_seed (seed);
  ScAttribute *ind = g_new0 (ScAttribute, 1);
  ScAttribute *emp = g_new0 (ScAttribute, 1);

  ind->name = g_strdup ("Industry");
  ind->categorical = TRUE;
  ind->n_levels = G_N_ELEMENTS (industries);
  ind->levels = g_new0 (char *, ind->n_levels + 1);
  for (guint l = 0; l < ind->n_levels; l++)
    ind->levels[l] = g_strdup (industries[l]);
  ind->codes = g_new (gint32, N);
  emp->name = g_strdup ("Company size");
  emp->values = g_new (double, N);
  for (guint c = 0; c < N; c++)
    {
      /* one in ten missing */
      d->industry[c] = ind->codes[c] = g_rand_int_range (rand, 0, 10) == 0
                                       ? -1 : g_rand_int_range (rand, 0, ind->n_levels);
      d->employees[c] = emp->values[c] = g_rand_int_range (rand, 0, 10) == 0
                                         ? NAN : g_rand_int_range (rand, 1, 3000);
    }
  d->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_attribute_free);
  g_ptr_array_add (d->fields, ind);
  g_ptr_array_add (d->fields, emp);
  g_rand_free (rand);
}

typedef gboolean (*Expect) (const Data *d, guint c, double x);

static gboolean e_ge (const Data *d, guint c, double x) { return d->employees[c] >= x; }
static gboolean e_gt (const Data *d, guint c, double x) { return d->employees[c] > x; }
static gboolean e_le (const Data *d, guint c, double x) { return d->employees[c] <= x; }
static gboolean e_lt (const Data *d, guint c, double x) { return d->employees[c] < x; }
static gboolean e_eq (const Data *d, guint c, double x) { return d->employees[c] == x; }
static gboolean e_ne (const Data *d, guint c, double x) { return !isnan (d->employees[c]) && d->employees[c] != x; }

static gboolean
is_level (const Data *d, guint c, const char *level)
{
  return d->industry[c] >= 0 && strcmp (industries[d->industry[c]], level) == 0;
}

static void
check_count (const Data  *d,
             const char  *text,
             guint64      expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRuleExpr) e = sc_rule_parse ("Test", text, &error);

  g_assert_no_error (error);
  g_assert_true (sc_rule_bind (e, d->fields, &error));
  g_assert_no_error (error);
  if (sc_rule_count (e, N) != expected)
    g_error ("“%s”: %" G_GUINT64_FORMAT " matches, expected %" G_GUINT64_FORMAT, text,
             sc_rule_count (e, N), expected);
}

static void
test_numeric_operators (void)
{
  static const struct { const char *op; Expect f; } ops[] = {
    { ">=", e_ge }, { ">", e_gt }, { "<=", e_le }, { "<", e_lt }, { "=", e_eq }, { "!=", e_ne },
    { "<>", e_ne }, { "≥", e_ge }, { "≤", e_le }, { "≠", e_ne },
  };

  for (guint32 seed = 1; seed <= 5; seed++)
    {
      Data d;

      data_init (&d, seed);
      for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
        {
          double x = d.employees[seed * 7];
          g_autofree char *text = NULL;
          guint64 expected = 0;

          if (isnan (x))
            x = 1000;
          text = g_strdup_printf ("[Company size] %s %g", ops[i].op, x);
          for (guint c = 0; c < N; c++)
            expected += !isnan (d.employees[c]) && ops[i].f (&d, c, x);
          check_count (&d, text, expected);
        }
      g_ptr_array_unref (d.fields);
    }
}

static void
test_text_operators (void)
{
  Data d;
  guint64 eq = 0, ne = 0, in = 0, contains = 0, both = 0, either = 0, neither = 0, num_in = 0;

  data_init (&d, 42);
  for (guint c = 0; c < N; c++)
    {
      gboolean retail = is_level (&d, c, "Retail");
      gboolean big = !isnan (d.employees[c]) && d.employees[c] >= 1000;

      eq += retail;
      ne += d.industry[c] >= 0 && !retail;
      in += is_level (&d, c, "Retail") || is_level (&d, c, "Energy");
      contains += d.industry[c] >= 0 && strstr (industries[d.industry[c]], "Retail") != NULL;
      both += retail && big;
      either += retail || big;
      neither += !(retail || big);
      num_in += d.employees[c] == 5 || d.employees[c] == 10;
    }
  check_count (&d, "industry = \"Retail\"", eq);
  check_count (&d, "INDUSTRY = retail", eq);         /* names and text ignore case */
  check_count (&d, "industry != 'Retail'", ne);
  check_count (&d, "industry in (\"Retail\", Energy)", in);
  check_count (&d, "industry contains retail", contains);
  check_count (&d, "industry = Retail and company_size >= 1000", both);
  check_count (&d, "industry = Retail or [company size] >= 1000", either);
  check_count (&d, "not (industry = Retail or [Company size] >= 1000)", neither);
  check_count (&d, "not not industry = Retail", eq);
  check_count (&d, "[Company size] in (5, 10)", num_in);
  g_ptr_array_unref (d.fields);
}

static void
test_first_match (void)
{
  Data d;
  g_autoptr(GError) error = NULL;
  ScRuleExpr *rules[2];
  guint16 out[N];

  data_init (&d, 3);
  rules[0] = sc_rule_parse ("Big", "[company size] >= 1000", &error);
  rules[1] = sc_rule_parse ("Retail", "industry = Retail", &error);
  g_assert_no_error (error);
  g_assert_true (sc_rule_bind (rules[0], d.fields, NULL) && sc_rule_bind (rules[1], d.fields, NULL));
  sc_rules_assign (rules, 2, N, out);
  for (guint c = 0; c < N; c++)
    {
      guint expected = !isnan (d.employees[c]) && d.employees[c] >= 1000 ? 0
                       : is_level (&d, c, "Retail") ? 1 : 2;
      g_assert_cmpuint (out[c], ==, expected);
    }
  sc_rule_expr_free (rules[0]);
  sc_rule_expr_free (rules[1]);
  g_ptr_array_unref (d.fields);
}

static void
test_errors (void)
{
  static const struct { const char *text; const char *message; } syntax[] = {
    { "", "Rule “Bad”, position 1: the rule is empty" },
    { "employees >=", "Rule “Bad”, position 13: a value is missing after “>=”" },
    { "employees 1000", "Rule “Bad”, position 11: an operator" },
    { "(industry = Retail", "Rule “Bad”, position 19: “)” is missing for the “(” at position 1" },
    { "industry = Retail)", "Rule “Bad”, position 18: there is a “)” without its “(”" },
    { "industry = Retail region = North", "Rule “Bad”, position 19: “and” or “or” is expected" },
    { "industry = \"Retail", "Rule “Bad”, position 12: the text is not closed" },
    { "industry in Retail", "Rule “Bad”, position 13: “in” must be followed by a list" },
    { "industry in (Retail Energy)", "Rule “Bad”, position 21: a comma or “)”" },
    { "industry ! Retail", "Rule “Bad”, position 10: “!” must be followed by “=”" },
    { "industry = Retail and", "Rule “Bad”, position 22: the rule ends" },
    { "industry = Retail ; x", "Rule “Bad”, position 19: “;” is not understood here" },
    { "[Company size >= 5", "Rule “Bad”, position 1: the field name in [ ] is not closed" },
  };
  static const struct { const char *text; const char *message; } binding[] = {
    { "employees >= 1000", "Rule “Bad”, position 1: there is no attribute or feature named "
                           "“employees”; the fields are: Industry, Company size" },
    { "industry > 5", "Rule “Bad”, position 1: “Industry” holds text" },
    { "[company size] contains 5", "position 1: “Company size” holds numbers: “contains”" },
    { "not [company size] >= lots", "position 5: “Company size” holds numbers: “lots” is not a number" },
  };
  Data d;

  data_init (&d, 9);
  for (guint i = 0; i < G_N_ELEMENTS (syntax); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScRuleExpr) e = sc_rule_parse ("Bad", syntax[i].text, &error);

      g_assert_null (e);
      g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
      if (strstr (error->message, syntax[i].message) == NULL)
        g_error ("“%s”: got “%s”, expected “%s”", syntax[i].text, error->message,
                 syntax[i].message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (binding); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScRuleExpr) e = sc_rule_parse ("Bad", binding[i].text, &error);

      g_assert_no_error (error);
      g_assert_false (sc_rule_bind (e, d.fields, &error));
      g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
      if (strstr (error->message, binding[i].message) == NULL)
        g_error ("“%s”: got “%s”, expected “%s”", binding[i].text, error->message,
                 binding[i].message);
    }
  g_ptr_array_unref (d.fields);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/Rules/numeric-operators", test_numeric_operators);
  g_test_add_func ("/Core/Rules/text-operators", test_text_operators);
  g_test_add_func ("/Core/Rules/first-match", test_first_match);
  g_test_add_func ("/Core/Rules/errors", test_errors);
  return g_test_run ();
}
