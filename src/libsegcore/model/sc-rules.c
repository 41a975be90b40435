/* sc-rules.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rule language of rule segments: a hand-written tokenizer and recursive-descent parser
 * into a small tree, bound once to the fields it names, then evaluated per customer.
 *
 *   expr    := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | '(' expr ')' | field op value | field 'in' '(' value (',' value)* ')'
 *            | field 'contains' value
 *   op      := '=' | '!=' | '<>' | '<' | '<=' | '>' | '>=' (and ≠ ≤ ≥)
 *   field   := word | '[' any text ']'
 *   value   := number | "text" | 'text' | word
 *
 * Errors name the rule and the position (in characters, from 1) where reading stopped, so
 * that the editor can point at it.  Binding turns a categorical comparison into a table of
 * which levels match, so evaluating a customer is one lookup per comparison. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-rules.h"
#include "sc-value.h"

typedef enum
{
  OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_IN, OP_CONTAINS,
} Op;

typedef enum
{
  NODE_AND, NODE_OR, NODE_NOT, NODE_CMP,
} NodeKind;

typedef struct _Node Node;
struct _Node
{
  NodeKind  kind;
  Node     *a, *b;           /* AND, OR: both; NOT: a */
  /* CMP */
  char     *field;
  guint     field_pos;
  Op        op;
  GPtrArray *values;         /* of char *, as written */
  gboolean  *numeric;        /* per value: it was written as a number */
  /* after binding */
  const ScAttribute *attr;
  guint8    *level_match;    /* categorical: per level */
  double     number;         /* numeric: the value compared with */
  double    *numbers;        /* numeric "in": the values */
};

struct _ScRuleExpr
{
  char  *name;
  Node  *root;
};

typedef enum
{
  TOK_END, TOK_LPAREN, TOK_RPAREN, TOK_COMMA, TOK_OP, TOK_STRING, TOK_NUMBER, TOK_WORD,
  TOK_FIELD,
} TokKind;

typedef struct
{
  TokKind  kind;
  char    *text;
  Op       op;
  guint    pos;        /* characters from 1 */
} Token;

typedef struct
{
  const char *name;
  GArray     *tokens;  /* of Token */
  guint       at;
} Parser;

static void
node_free (Node *n)
{
  if (n == NULL)
    return;
  node_free (n->a);
  node_free (n->b);
  g_free (n->field);
  g_clear_pointer (&n->values, g_ptr_array_unref);
  g_free (n->numeric);
  g_free (n->level_match);
  g_free (n->numbers);
  g_free (n);
}

void
sc_rule_expr_free (ScRuleExpr *expr)
{
  if (expr == NULL)
    return;
  node_free (expr->root);
  g_free (expr->name);
  g_free (expr);
}

static void
token_clear (gpointer p)
{
  g_free (((Token *) p)->text);
}

static gboolean
fail (GError     **error,
      const char  *rule,
      guint        pos,
      const char  *message)
{
  /* Translators: the rule's name, a position in its text, then what is wrong there */
  g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT, _("Rule “%s”, position %u: %s"),
               rule, pos, message);
  return FALSE;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_' || c == '.' || c == '-' || c == '%';
}

static gboolean
tokenize (const char  *rule,
          const char  *text,
          GArray      *tokens,
          GError     **error)
{
  const char *p = text;
  guint pos = 1;

  while (TRUE)
    {
      Token t = { 0 };
      gunichar c;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          pos++;
        }
      t.pos = pos;
      if (*p == '\0')
        {
          t.kind = TOK_END;
          g_array_append_val (tokens, t);
          return TRUE;
        }
      c = g_utf8_get_char (p);
      if (c == '(' || c == ')' || c == ',')
        {
          t.kind = c == '(' ? TOK_LPAREN : c == ')' ? TOK_RPAREN : TOK_COMMA;
          p++;
          pos++;
        }
      else if (c == '=' || c == '<' || c == '>' || c == '!' || c == 0x2260 || c == 0x2264 ||
               c == 0x2265)
        {
          gboolean eq_next = p[1] == '=';

          t.kind = TOK_OP;
          if (c == 0x2260 || c == 0x2264 || c == 0x2265)
            {
              t.op = c == 0x2260 ? OP_NE : c == 0x2264 ? OP_LE : OP_GE;
              p = g_utf8_next_char (p);
              pos++;
            }
          else if (c == '!' && !eq_next)
            return fail (error, rule, pos, _("“!” must be followed by “=”"));
          else
            {
              if (c == '<' && p[1] == '>')
                t.op = OP_NE;
              else if (c == '=')
                t.op = OP_EQ;
              else if (c == '!')
                t.op = OP_NE;
              else if (c == '<')
                t.op = eq_next ? OP_LE : OP_LT;
              else
                t.op = eq_next ? OP_GE : OP_GT;
              /* "==" reads as "=" */
              if (eq_next || (c == '<' && p[1] == '>'))
                {
                  p++;
                  pos++;
                }
              p++;
              pos++;
            }
        }
      else if (c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == '[')
        {
          gunichar close = c == '"' ? '"' : c == '\'' ? '\'' : c == 0x201C ? 0x201D
                           : c == 0x2018 ? 0x2019 : ']';
          GString *s = g_string_new (NULL);

          t.kind = c == '[' ? TOK_FIELD : TOK_STRING;
          p = g_utf8_next_char (p);
          pos++;
          while (*p != '\0' && g_utf8_get_char (p) != close)
            {
              const char *next = g_utf8_next_char (p);
              g_string_append_len (s, p, next - p);
              p = next;
              pos++;
            }
          if (*p == '\0')
            {
              g_string_free (s, TRUE);
              return fail (error, rule, t.pos, c == '['
                           ? _("the field name in [ ] is not closed with “]”")
                           : _("the text is not closed with a quote"));
            }
          p = g_utf8_next_char (p);
          pos++;
          t.text = g_string_free (s, FALSE);
        }
      else if (is_word_char (c))
        {
          const char *start = p;
          double v;

          while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
            {
              p = g_utf8_next_char (p);
              pos++;
            }
          t.text = g_strndup (start, p - start);
          t.kind = sc_parse_number (t.text, '.', &v) ? TOK_NUMBER : TOK_WORD;
        }
      else
        {
          g_autofree char *ch = g_ucs4_to_utf8 (&c, 1, NULL, NULL, NULL);
          g_autofree char *msg = g_strdup_printf (_("“%s” is not understood here"), ch);
          return fail (error, rule, pos, msg);
        }
      g_array_append_val (tokens, t);
    }
}

static Token *
peek (Parser *ps)
{
  return &g_array_index (ps->tokens, Token, ps->at);
}

static gboolean
is_keyword (const Token *t,
            const char  *word)
{
  return t->kind == TOK_WORD && g_ascii_strcasecmp (t->text, word) == 0;
}

static Node *parse_or (Parser *ps, GError **error);

static const char *
op_text (Op op)
{
  static const char * const texts[] = { "=", "!=", "<", "<=", ">", ">=", "in", "contains" };
  return texts[op];
}

static gboolean
is_value (const Token *t)
{
  return t->kind == TOK_STRING || t->kind == TOK_NUMBER ||
         (t->kind == TOK_WORD && !is_keyword (t, "and") && !is_keyword (t, "or") &&
          !is_keyword (t, "not"));
}

static gboolean
take_value (Parser      *ps,
            Node        *n,
            GArray      *numeric,
            const char  *after,
            GError     **error)
{
  Token *t = peek (ps);
  gboolean num = t->kind == TOK_NUMBER;

  if (!is_value (t))
    {
      g_autofree char *msg = g_strdup_printf (_("a value is missing after “%s”"), after);
      return fail (error, ps->name, t->pos, msg);
    }
  g_ptr_array_add (n->values, g_strdup (t->text));
  g_array_append_val (numeric, num);
  ps->at++;
  return TRUE;
}

static Node *
parse_comparison (Parser  *ps,
                  GError **error)
{
  Token *t = peek (ps);
  g_autoptr(GArray) numeric = g_array_new (FALSE, FALSE, sizeof (gboolean));
  Node *n;

  if (t->kind != TOK_WORD && t->kind != TOK_FIELD)
    {
      fail (error, ps->name, t->pos, t->kind == TOK_END
            ? _("the rule ends where a condition should follow")
            : _("a field name (an attribute of the customer list, or a feature such as "
                "spend) is expected here"));
      return NULL;
    }
  n = g_new0 (Node, 1);
  n->kind = NODE_CMP;
  n->field = g_strdup (t->text);
  n->field_pos = t->pos;
  n->values = g_ptr_array_new_with_free_func (g_free);
  ps->at++;

  t = peek (ps);
  if (t->kind == TOK_OP)
    {
      n->op = t->op;
      ps->at++;
      if (!take_value (ps, n, numeric, op_text (n->op), error))
        goto bad;
    }
  else if (is_keyword (t, "contains"))
    {
      n->op = OP_CONTAINS;
      ps->at++;
      if (!take_value (ps, n, numeric, "contains", error))
        goto bad;
    }
  else if (is_keyword (t, "in"))
    {
      n->op = OP_IN;
      ps->at++;
      if (peek (ps)->kind != TOK_LPAREN)
        {
          fail (error, ps->name, peek (ps)->pos, _("“in” must be followed by a list in "
                                                   "parentheses, such as (\"North\", \"East\")"));
          goto bad;
        }
      ps->at++;
      while (TRUE)
        {
          if (!take_value (ps, n, numeric, n->values->len == 0 ? "(" : ",", error))
            goto bad;
          t = peek (ps);
          if (t->kind == TOK_RPAREN)
            break;
          if (t->kind != TOK_COMMA)
            {
              fail (error, ps->name, t->pos, _("a comma or “)” is expected in the list"));
              goto bad;
            }
          ps->at++;
        }
      ps->at++;
    }
  else
    {
      g_autofree char *msg =
        g_strdup_printf (_("an operator (= != < <= > >= in contains) is expected after “%s”"),
                         n->field);
      fail (error, ps->name, t->pos, msg);
      goto bad;
    }
  n->numeric = (gboolean *) g_array_steal (numeric, NULL);
  return n;

bad:
  node_free (n);
  return NULL;
}

static Node *
parse_unary (Parser  *ps,
             GError **error)
{
  Token *t = peek (ps);

  if (is_keyword (t, "not"))
    {
      Node *n, *inner;

      ps->at++;
      inner = parse_unary (ps, error);
      if (inner == NULL)
        return NULL;
      n = g_new0 (Node, 1);
      n->kind = NODE_NOT;
      n->a = inner;
      return n;
    }
  if (t->kind == TOK_LPAREN)
    {
      Node *inner;
      guint open = t->pos;

      ps->at++;
      inner = parse_or (ps, error);
      if (inner == NULL)
        return NULL;
      if (peek (ps)->kind != TOK_RPAREN)
        {
          g_autofree char *msg = g_strdup_printf (_("“)” is missing for the “(” at position %u"),
                                                  open);
          node_free (inner);
          fail (error, ps->name, peek (ps)->pos, msg);
          return NULL;
        }
      ps->at++;
      return inner;
    }
  return parse_comparison (ps, error);
}

static Node *
parse_binary (Parser     *ps,
              const char *keyword,
              NodeKind    kind,
              GError    **error)
{
  Node *left = kind == NODE_OR ? parse_binary (ps, "and", NODE_AND, error)
                               : parse_unary (ps, error);

  while (left != NULL && is_keyword (peek (ps), keyword))
    {
      Node *right, *n;

      ps->at++;
      right = kind == NODE_OR ? parse_binary (ps, "and", NODE_AND, error)
                              : parse_unary (ps, error);
      if (right == NULL)
        {
          node_free (left);
          return NULL;
        }
      n = g_new0 (Node, 1);
      n->kind = kind;
      n->a = left;
      n->b = right;
      left = n;
    }
  return left;
}

static Node *
parse_or (Parser  *ps,
          GError **error)
{
  return parse_binary (ps, "or", NODE_OR, error);
}

/**
 * sc_rule_parse:
 * @rule_name: the rule's name, for messages
 * @text: the condition
 *
 * Returns: (transfer full) (nullable): the parsed condition, or %NULL with @error
 *   (%SC_ERROR_INVALID_INPUT) naming the rule and the position
 */
ScRuleExpr *
sc_rule_parse (const char  *rule_name,
               const char  *text,
               GError     **error)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  Parser ps = { rule_name, tokens, 0 };
  ScRuleExpr *expr;
  Node *root;

  g_return_val_if_fail (rule_name != NULL && text != NULL, NULL);

  g_array_set_clear_func (tokens, token_clear);
  if (!g_utf8_validate (text, -1, NULL))
    {
      fail (error, rule_name, 1, _("the text is not valid UTF-8"));
      return NULL;
    }
  if (!tokenize (rule_name, text, tokens, error))
    return NULL;
  if (peek (&ps)->kind == TOK_END)
    {
      fail (error, rule_name, 1, _("the rule is empty; write a condition such as "
                                   "employees >= 1000"));
      return NULL;
    }
  root = parse_or (&ps, error);
  if (root == NULL)
    return NULL;
  if (peek (&ps)->kind != TOK_END)
    {
      node_free (root);
      fail (error, rule_name, peek (&ps)->pos, peek (&ps)->kind == TOK_RPAREN
            ? _("there is a “)” without its “(”")
            : _("“and” or “or” is expected between two conditions"));
      return NULL;
    }
  expr = g_new0 (ScRuleExpr, 1);
  expr->name = g_strdup (rule_name);
  expr->root = root;
  return expr;
}

/* Names compared ignoring case, with "_" for a space. */
static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *x = g_utf8_casefold (a, -1);
  g_autofree char *y = g_utf8_casefold (b, -1);

  g_strdelimit (x, "_", ' ');
  g_strdelimit (y, "_", ' ');
  return strcmp (x, y) == 0;
}

static gboolean
text_matches (const char *level,
              Op          op,
              GPtrArray  *values)
{
  g_autofree char *l = g_utf8_casefold (level, -1);

  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *v = g_utf8_casefold (g_ptr_array_index (values, i), -1);

      if (op == OP_CONTAINS ? strstr (l, v) != NULL : strcmp (l, v) == 0)
        return op != OP_NE;
    }
  return op == OP_NE;
}

static gboolean
bind_node (const char  *rule,
           Node        *n,
           GPtrArray   *fields,
           GError     **error)
{
  if (n->kind != NODE_CMP)
    return bind_node (rule, n->a, fields, error) &&
           (n->b == NULL || bind_node (rule, n->b, fields, error));

  for (guint i = 0; i < fields->len && n->attr == NULL; i++)
    {
      const ScAttribute *a = g_ptr_array_index (fields, i);
      if (same_name (a->name, n->field))
        n->attr = a;
    }
  if (n->attr == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *msg = NULL;

      for (guint i = 0; i < fields->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                ((const ScAttribute *) g_ptr_array_index (fields, i))->name);
      msg = g_strdup_printf (_("there is no attribute or feature named “%s”; the fields are: %s"),
                             n->field, names->str);
      return fail (error, rule, n->field_pos, msg);
    }

  if (n->attr->categorical)
    {
      if (n->op == OP_LT || n->op == OP_LE || n->op == OP_GT || n->op == OP_GE)
        {
          g_autofree char *msg =
            g_strdup_printf (_("“%s” holds text: compare it with =, !=, in or contains, not %s"),
                             n->attr->name, op_text (n->op));
          return fail (error, rule, n->field_pos, msg);
        }
      n->level_match = g_new0 (guint8, MAX (n->attr->n_levels, 1));
      for (guint l = 0; l < n->attr->n_levels; l++)
        n->level_match[l] = text_matches (n->attr->levels[l], n->op, n->values);
      return TRUE;
    }

  if (n->op == OP_CONTAINS)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” holds numbers: “contains” is for text"),
                                              n->attr->name);
      return fail (error, rule, n->field_pos, msg);
    }
  n->numbers = g_new (double, n->values->len);
  for (guint i = 0; i < n->values->len; i++)
    if (!n->numeric[i] ||
        !sc_parse_number (g_ptr_array_index (n->values, i), '.', &n->numbers[i]))
      {
        g_autofree char *msg = g_strdup_printf (_("“%s” holds numbers: “%s” is not a number"),
                                                n->attr->name,
                                                (char *) g_ptr_array_index (n->values, i));
        return fail (error, rule, n->field_pos, msg);
      }
  n->number = n->numbers[0];
  return TRUE;
}

/**
 * sc_rule_bind:
 * @fields: (element-type ScAttribute): what the rule may name
 */
gboolean
sc_rule_bind (ScRuleExpr  *expr,
              GPtrArray   *fields,
              GError     **error)
{
  g_return_val_if_fail (expr != NULL && fields != NULL, FALSE);

  return bind_node (expr->name, expr->root, fields, error);
}

static gboolean
eval (const Node *n,
      guint32     c)
{
  const ScAttribute *a;
  double v;

  switch (n->kind)
    {
    case NODE_AND:
      return eval (n->a, c) && eval (n->b, c);
    case NODE_OR:
      return eval (n->a, c) || eval (n->b, c);
    case NODE_NOT:
      return !eval (n->a, c);
    case NODE_CMP:
    default:
      break;
    }
  a = n->attr;
  g_assert (a != NULL);
  if (a->categorical)
    return a->codes[c] >= 0 && (guint) a->codes[c] < a->n_levels && n->level_match[a->codes[c]];
  v = a->values[c];
  if (!isfinite (v))
    return FALSE;
  switch (n->op)
    {
    case OP_EQ: return v == n->number;
    case OP_NE: return v != n->number;
    case OP_LT: return v < n->number;
    case OP_LE: return v <= n->number;
    case OP_GT: return v > n->number;
    case OP_GE: return v >= n->number;
    case OP_IN:
      for (guint i = 0; i < n->values->len; i++)
        if (v == n->numbers[i])
          return TRUE;
      return FALSE;
    case OP_CONTAINS:
    default:
      return FALSE;
    }
}

gboolean
sc_rule_matches (const ScRuleExpr *expr,
                 guint32           customer)
{
  return eval (expr->root, customer);
}

guint64
sc_rule_count (const ScRuleExpr *expr,
               guint32           n)
{
  guint64 count = 0;

  for (guint32 c = 0; c < n; c++)
    count += eval (expr->root, c);
  return count;
}

void
sc_rules_assign (ScRuleExpr * const *rules,
                 guint               n_rules,
                 guint32             n,
                 guint16            *out)
{
  g_return_if_fail (n_rules < G_MAXUINT16);

  for (guint32 c = 0; c < n; c++)
    {
      guint r = 0;

      while (r < n_rules && !eval (rules[r]->root, c))
        r++;
      out[c] = (guint16) r;
    }
}
