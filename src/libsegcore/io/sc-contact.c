/* sc-contact.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Contact fields of a customer list: e-mail addresses checked and normalised, phone numbers
 * and names cleaned.
 *
 * An address is accepted in the form people and mail tools actually use (RFC 5321's
 * "dot-atom" local part, no quoted local parts, no comments, no IP-literal domains):
 * local@domain, the local part 1–64 characters of letters, digits, non-ASCII text and
 * !#$%&'*+/=?^_`{|}~- with single dots between them, the domain 1–253 characters of labels
 * of letters, digits, non-ASCII text and inner hyphens, at least two labels, the last not all
 * digits.  Normalising trims surrounding white space and lower-cases the domain, which is
 * case-insensitive; the local part keeps its case, since a mail server may honour it.
 * Matching keys for ad platforms (sc_email_hash_key()) lower-case the whole address. */

#include "config.h"

#include "sc-contact.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define LOCAL_MAX   64
#define DOMAIN_MAX  253
#define LABEL_MAX   63

static gboolean
is_atext (unsigned char c)
{
  return g_ascii_isalnum (c) || c >= 0x80 || strchr ("!#$%&'*+/=?^_`{|}~-", c) != NULL;
}

static const char *
check_local (const char *s,
             gsize       len)
{
  if (len == 0)
    return N_("nothing before the @");
  if (len > LOCAL_MAX)
    return N_("more than 64 characters before the @");
  if (s[0] == '.' || s[len - 1] == '.')
    return N_("a dot at the start or end of the part before the @");
  for (gsize i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) s[i];

      if (c == '.')
        {
          if (s[i + 1] == '.')
            return N_("two dots in a row");
          continue;
        }
      if (!is_atext (c))
        return N_("a character an address cannot hold");
    }
  return NULL;
}

static const char *
check_domain (const char *s,
              gsize       len)
{
  gsize label = 0, labels = 0;
  gboolean all_digits = TRUE;

  if (len == 0)
    return N_("no domain after the @");
  if (len > DOMAIN_MAX)
    return N_("a domain of more than 253 characters");
  for (gsize i = 0; i <= len; i++)
    {
      unsigned char c = i < len ? (unsigned char) s[i] : '.';

      if (c == '.')
        {
          if (label == 0)
            return N_("an empty part in the domain");
          if (s[i - 1] == '-')
            return N_("a domain part that ends with a hyphen");
          labels++;
          label = 0;
          if (i < len)
            all_digits = TRUE;
          continue;
        }
      if (label == 0 && c == '-')
        return N_("a domain part that starts with a hyphen");
      if (!(g_ascii_isalnum (c) || c == '-' || c >= 0x80))
        return N_("a character a domain cannot hold");
      if (!g_ascii_isdigit (c))
        all_digits = FALSE;
      if (++label > LABEL_MAX)
        return N_("a domain part of more than 63 characters");
    }
  if (labels < 2)
    return N_("a domain without a dot");
  if (all_digits)
    return N_("a domain that ends in a number");
  return NULL;
}

/**
 * sc_email_normalize:
 * @raw: (nullable): an address as a file holds it
 * @reason: (out) (optional) (transfer full): why @raw is no address, translated, when
 *   %NULL is returned
 *
 * Checks an e-mail address and normalises it: surrounding white space trimmed, the domain
 * lower-cased.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL when @raw is none
 */
char *
sc_email_normalize (const char  *raw,
                    char       **reason)
{
  g_autofree char *s = NULL;
  g_autofree char *domain = NULL;
  const char *at, *why;
  gsize len;

  if (reason != NULL)
    *reason = NULL;
  if (raw == NULL || !g_utf8_validate (raw, -1, NULL))
    {
      if (reason != NULL)
        *reason = g_strdup (_("not an e-mail address: not valid text"));
      return NULL;
    }
  s = g_strstrip (g_strdup (raw));
  len = strlen (s);
  at = strrchr (s, '@');
  if (at == NULL)
    why = N_("no @");
  else if (memchr (s, '@', (gsize) (at - s)) != NULL)
    why = N_("more than one @");
  else if ((why = check_local (s, (gsize) (at - s))) == NULL)
    why = check_domain (at + 1, len - (gsize) (at - s) - 1);

  if (why != NULL)
    {
      if (reason != NULL)
        /* Translators: %s says what is wrong, as "no @" */
        *reason = g_strdup_printf (_("not an e-mail address: %s"),
                                   g_dgettext (GETTEXT_PACKAGE, why));
      return NULL;
    }
  domain = g_utf8_strdown (at + 1, -1);
  return g_strdup_printf ("%.*s@%s", (int) (at - s), s, domain);
}

/**
 * sc_email_looks_valid:
 *
 * Returns: whether @raw is an address sc_email_normalize() accepts
 */
gboolean
sc_email_looks_valid (const char *raw)
{
  g_autofree char *email = sc_email_normalize (raw, NULL);

  return email != NULL;
}

/**
 * sc_email_hash_key:
 * @email: a normalised address
 *
 * The SHA-256 (lower-case hex) of the trimmed, lower-cased address: the matching key that
 * Google's Customer Match and Meta's custom audiences take for hashed e-mail addresses.
 *
 * Returns: (transfer full): 64 hex digits
 */
char *
sc_email_hash_key (const char *email)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (email));
  g_autofree char *lower = g_utf8_strdown (trimmed, -1);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, lower, -1);
}

/**
 * sc_contact_clean:
 * @raw: (nullable): a phone number or a name as a file holds it
 *
 * Trims white space and folds line breaks and tabs to spaces.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when nothing is left
 */
char *
sc_contact_clean (const char *raw)
{
  char *s;

  if (raw == NULL)
    return NULL;
  s = g_strstrip (g_strdelimit (g_strdup (raw), "\r\n\t", ' '));
  if (*s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}
