#!/usr/bin/python3
# test-cli-activation.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of `segments-cli export --preset`: files for CRM and marketing tools.

usage: test-cli-activation.py SEGMENTS_CLI [unittest options]

The data is generated here (seeded), and what each file must hold is worked out here from
the generated files, independently of the tool: who consented, which addresses are valid,
each customer's last order, the SHA-256 of each address (hashlib).  Every file is read back
with Python's csv module.
"""

import csv
import datetime
import hashlib
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

CLI = None

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
FORMULA_STARTS = ('=', '+', '-', '@', '\t', '\r')
BOM = b'\xef\xbb\xbf'
PRESETS = ('hubspot', 'salesforce', 'mailchimp', 'klaviyo', 'google-ads', 'meta', 'generic')
HASHED = ('google-ads', 'meta')

# The columns each tool's importer expects (see help/C/send-segments.page). Value and
# potential carry the value model's horizon once a model is fitted.
PLAN = ['Segment', 'Segment Priority', 'Service Tier', 'Value Quadrant', 'Segment Owner',
        'Customer Value (last 12 months)', 'Customer Potential (next 12 months)',
        'Last Order Date', 'As Of Date']
HEADERS = {
    'hubspot': ['Email', 'First Name', 'Last Name', 'Phone Number', 'Customer ID'] + PLAN,
    'salesforce': ['Email', 'First Name', 'Last Name', 'Phone', 'Customer ID'] + PLAN,
    'mailchimp': ['Email Address', 'First Name', 'Last Name', 'Phone Number', 'Tags',
                  'Customer ID'] + PLAN,
    'klaviyo': ['Email', 'First Name', 'Last Name', 'Customer ID'] + PLAN,
    'google-ads': ['Email'],
    'meta': ['email'],
    'generic': ['customer_id', 'email', 'phone', 'name', 'segment', 'segment_number',
                'priority', 'service_tier', 'quadrant', 'owner', 'value_last_12_months',
                'potential_next_12_months', 'days_since_last_order', 'orders', 'total_spend',
                'last_order_date', 'as_of_date', 'region', 'plan'],
}
EMAIL_COLUMN = {'hubspot': 'Email', 'salesforce': 'Email', 'mailchimp': 'Email Address',
                'klaviyo': 'Email', 'generic': 'email', 'google-ads': 'Email', 'meta': 'email'}
ID_COLUMN = {'hubspot': 'Customer ID', 'salesforce': 'Customer ID', 'mailchimp': 'Customer ID',
             'klaviyo': 'Customer ID', 'generic': 'customer_id'}
SEGMENT_COLUMN = {'hubspot': 'Segment', 'salesforce': 'Segment', 'mailchimp': 'Segment',
                  'klaviyo': 'Segment', 'generic': 'segment'}
LAST_ORDER_COLUMN = {'generic': 'last_order_date'}
AS_OF_COLUMN = {'generic': 'as_of_date'}
PHONE_COLUMNS = ('Phone', 'Phone Number', 'phone')


def run_cli(*args, timeout=300):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=timeout)


def strip_bom(data):
    return data[len(BOM):] if data.startswith(BOM) else data


def read_csv(path):
    """Header and rows (as dicts) of a preset file, and its raw bytes."""
    with open(path, 'rb') as f:
        data = f.read()
    text = strip_bom(data).decode('utf-8')
    rows = list(csv.reader(io.StringIO(text, newline='')))
    header, body = rows[0], rows[1:]
    for r in body:
        assert len(r) == len(header), (path, r)
    return header, [dict(zip(header, r)) for r in body], data


def unneutralise(cell):
    """The text a neutralised cell stands for: the writer puts an apostrophe before a
    leading = + - @ tab or CR."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_STARTS:
        return cell[1:]
    return cell


def sha256(email):
    return hashlib.sha256(email.strip().lower().encode('utf-8')).hexdigest()


def valid_email(text):
    """The generator below writes addresses that are clearly valid or clearly not: valid
    ones have one @, something before it and a dotted domain without spaces."""
    t = text.strip()
    if t.count('@') != 1:
        return False
    local, domain = t.split('@')
    return bool(local) and '.' in domain and ' ' not in t and '..' not in t


def normalise_email(text):
    local, domain = text.strip().split('@')
    return local + '@' + domain.lower()


class Data:
    """A generated shop: orders, and a customer list with contact fields and consent."""

    def __init__(self, directory, seed, n_customers=240, with_consent=True):
        rng = random.Random(seed)
        self.orders_path = os.path.join(directory, 'orders.csv')
        self.customers_path = os.path.join(directory, 'customers.csv')
        self.last_order = {}
        self.email = {}          # customer -> normalised address, valid ones only
        self.consent = {}        # customer -> True / False / None
        self.name = {}
        start = datetime.date(2024, 1, 1)
        with open(self.orders_path, 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f)
            w.writerow(['order_id', 'customer_id', 'order_date', 'amount'])
            order = 0
            for c in range(n_customers):
                cid = 'C%04d' % c
                heavy = c % 4 == 0
                for _ in range(rng.randint(1, 12 if heavy else 3)):
                    order += 1
                    day = start + datetime.timedelta(days=rng.randint(0, 540))
                    amount = rng.uniform(20, 400) * (5 if heavy else 1)
                    w.writerow(['O%06d' % order, cid, day.isoformat(), '%.2f' % amount])
                    self.last_order[cid] = max(self.last_order.get(cid, day), day)
        self.as_of = max(self.last_order.values()) + datetime.timedelta(days=1)

        formula_emails = ['=1+2@example.com', '+sum@example.com', '-x@example.com',
                          '@@evil.example']
        formula_names = ['=HYPERLINK("http://evil.example")', '+cmd|\' /C calc\'!A0',
                         '@SUM(A1)', '-2+3']
        header = ['customer_id', 'email', 'name', 'phone', 'region', 'plan']
        if with_consent:
            header.append('marketing_consent')
        with open(self.customers_path, 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f)
            w.writerow(header)
            for c in range(n_customers):
                cid = 'C%04d' % c
                kind = rng.random()
                if c < len(formula_emails):
                    email = formula_emails[c]
                elif kind < 0.08:
                    email = ''
                elif kind < 0.15:
                    email = rng.choice(['no-at-sign', 'two@@example.com', 'a@b',
                                        'x y@example.com'])
                else:
                    email = ' %s.%d@%s ' % (rng.choice(['Ana', 'bo', 'Céline', 'Dmitri']), c,
                                            rng.choice(['Example.COM', 'mail.example.org']))
                if c < len(formula_names):
                    name = formula_names[c]
                else:
                    name = rng.choice(['Ana García', 'Bo Li', 'Zoë Ünal', 'Single',
                                       'Jean Paul Sartre'])
                phone = rng.choice(['+44 20 7946 %04d' % c, '(555) 010-%04d' % c, ''])
                row = [cid, email, name, phone, rng.choice(['North', 'South', 'Café Est']),
                       rng.choice(['basic', 'pro'])]
                consent = None
                if with_consent:
                    consent = rng.choice([True, True, False, None])
                    row.append({True: 'yes', False: 'no', None: ''}[consent])
                w.writerow(row)
                self.consent[cid] = consent
                self.name[cid] = name
                if valid_email(email):
                    self.email[cid] = normalise_email(email)
        self.customers = sorted(self.last_order)


class ActivationTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix='segments-activation-')
        cls.data = Data(cls.tmp, seed=17)
        cls.project = os.path.join(cls.tmp, 'shop.segments')
        r = run_cli('import', cls.project, '--transactions', cls.data.orders_path,
                    '--customers', cls.data.customers_path)
        assert r.returncode == 0, r.stderr
        cls.import_out = r.stdout
        for args in (('segment', cls.project, '--k', '3'), ('clv', cls.project)):
            r = run_cli(*args)
            assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def export(self, preset, *extra, project=None, name=None):
        out = os.path.join(self.tmp, name or ('%s.csv' % preset))
        r = run_cli('export', project or self.project, '--preset', preset, '-o', out, *extra)
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        return out, r

    def expected_ids(self, preset):
        """Customers a preset must write: consent given (the project knows consent), and
        for presets keyed on e-mail, a valid address."""
        ids = set()
        for cid in self.data.customers:
            if self.data.consent[cid] is not True:
                continue
            if preset != 'generic' and cid not in self.data.email:
                continue
            ids.add(cid)
        return ids

    def segment_of(self):
        """customer -> segment name, from the generic export of everyone."""
        path, _ = self.export('generic', name='segments-of.csv')
        _, rows, _ = read_csv(path)
        return {r['customer_id']: r['segment'] for r in rows}

    # ---------------------------------------------------------------------------------------

    def test_headers_encoding_and_round_trip(self):
        for preset in PRESETS:
            with self.subTest(preset=preset):
                path, r = self.export(preset)
                header, rows, data = read_csv(path)
                self.assertEqual(header, HEADERS[preset])
                # UTF-8 (decoding above would have failed), a BOM only where a spreadsheet
                # is the expected reader, LF line ends by default
                self.assertEqual(data.startswith(BOM), preset == 'generic')
                self.assertNotIn(b'\r\n', data)
                self.assertEqual(len(rows), len(self.expected_ids(preset)))
                self.assertIn('%d customers written' % len(rows), r.stdout)
                # the round trip: writing the parsed rows again gives the same text
                again = io.StringIO(newline='')
                w = csv.writer(again, lineterminator='\n')
                w.writerow(header)
                for row in rows:
                    w.writerow([row[h] for h in header])
                self.assertEqual(csv.reader(io.StringIO(again.getvalue())).__next__(), header)
                self.assertEqual(list(csv.reader(io.StringIO(again.getvalue())))[1:],
                                 [[row[h] for h in header] for row in rows])

    def test_currency_in_value_headers(self):
        # With the brief's currency, value and potential say it in their headers; the values
        # and every other header stay as they are.
        project = os.path.join(self.tmp, 'currency.segments')
        shutil.copyfile(self.project, project)
        r = run_cli('brief', project, '--currency', 'EUR')
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        for preset in ('hubspot', 'generic'):
            with self.subTest(preset=preset):
                before, _, _ = read_csv(self.export(preset)[0])
                after, _, _ = read_csv(self.export(preset, project=project,
                                                   name='currency-%s.csv' % preset)[0])
                renamed = {b: a for b, a in zip(before, after) if a != b}
                if preset == 'generic':
                    self.assertEqual(renamed, {
                        'value_last_12_months': 'value_last_12_months_eur',
                        'potential_next_12_months': 'potential_next_12_months_eur'})
                else:
                    self.assertEqual(renamed, {
                        'Customer Value (last 12 months)': 'Customer Value (last 12 months, EUR)',
                        'Customer Potential (next 12 months)':
                            'Customer Potential (next 12 months, EUR)'})

    def test_bom_and_crlf_options(self):
        for preset in ('hubspot', 'meta', 'generic'):
            with self.subTest(preset=preset):
                path, _ = self.export(preset, '--bom', '--crlf', name='bom-%s.csv' % preset)
                with open(path, 'rb') as f:
                    data = f.read()
                self.assertTrue(data.startswith(BOM))
                lines = strip_bom(data).split(b'\n')
                self.assertEqual(lines[-1], b'')
                self.assertTrue(all(line.endswith(b'\r') for line in lines[:-1]))
                header, rows, _ = read_csv(path)
                self.assertEqual(header, HEADERS[preset])

    def test_rows_and_dates(self):
        for preset in ('hubspot', 'salesforce', 'mailchimp', 'klaviyo', 'generic'):
            with self.subTest(preset=preset):
                path, _ = self.export(preset)
                _, rows, _ = read_csv(path)
                ids = {r[ID_COLUMN[preset]] for r in rows}
                self.assertEqual(ids, self.expected_ids(preset))
                last_col = LAST_ORDER_COLUMN.get(preset, 'Last Order Date')
                as_of_col = AS_OF_COLUMN.get(preset, 'As Of Date')
                email_col = EMAIL_COLUMN[preset]
                for r in rows:
                    cid = r[ID_COLUMN[preset]]
                    self.assertEqual(datetime.date.fromisoformat(r[last_col]),
                                     self.data.last_order[cid])
                    self.assertEqual(datetime.date.fromisoformat(r[as_of_col]),
                                     self.data.as_of)
                    self.assertEqual(unneutralise(r[email_col]), self.data.email.get(cid, ''))
                    self.assertTrue(r[SEGMENT_COLUMN[preset]])

    def test_names_and_labels(self):
        path, _ = self.export('hubspot')
        _, rows, _ = read_csv(path)
        quadrants = {'Invest', 'Keep', 'Grow', 'Maintain at low cost', ''}
        for r in rows:
            name = self.data.name[r['Customer ID']]
            first, last = unneutralise(r['First Name']), unneutralise(r['Last Name'])
            self.assertEqual((first + ' ' + last).strip(), name)
            self.assertIn(r['Value Quadrant'], quadrants)
            float(r['Customer Value (last 12 months)'] or 0)
        path, _ = self.export('mailchimp')
        _, rows, _ = read_csv(path)
        for r in rows:
            self.assertEqual(r['Tags'], r['Segment'].replace(',', ' '))

    def test_hashed_audiences(self):
        for preset in HASHED:
            with self.subTest(preset=preset):
                path, _ = self.export(preset)
                header, rows, _ = read_csv(path)
                got = [r[header[0]] for r in rows]
                want = {sha256(self.data.email[cid]) for cid in self.expected_ids(preset)}
                self.assertEqual(len(got), len(set(got)))
                self.assertEqual(set(got), want)
                for h in got:
                    self.assertRegex(h, r'^[0-9a-f]{64}$')

    def test_formulas_neutralised(self):
        for preset in PRESETS:
            with self.subTest(preset=preset):
                path, _ = self.export(preset, '--no-consent-column-ok')
                header, rows, _ = read_csv(path)
                for r in rows:
                    for column, cell in r.items():
                        if not cell or cell[0] not in FORMULA_STARTS:
                            continue
                        if column in PHONE_COLUMNS:
                            self.assertRegex(cell, r'^[0-9+() ./-]+$')
                            continue
                        float(cell)   # only numbers may start with a sign
                if preset in HASHED:
                    continue
                emails = {r[EMAIL_COLUMN[preset]] for r in rows}
                # the formula-like addresses are there, neutralised
                checked = 0
                for cid in self.data.email:
                    email = self.data.email[cid]
                    if email[:1] in FORMULA_STARTS and self.data.consent[cid] is True:
                        self.assertIn("'" + email, emails)
                        checked += 1
                self.assertGreater(checked, 0)

    def test_formula_names_written_neutralised(self):
        # the generic file of everyone holds every formula-like name
        path, _ = self.export('generic')
        _, rows, _ = read_csv(path)
        checked = 0
        for r in rows:
            name = self.data.name[r['customer_id']]
            if name[:1] in FORMULA_STARTS:
                self.assertEqual(r['name'], "'" + name)
                checked += 1
            else:
                self.assertEqual(r['name'], name)
        self.assertGreater(checked, 0)

    def test_no_non_consenting_customer_in_any_preset(self):
        refused = {cid for cid, c in self.data.consent.items() if c is not True}
        refused_hashes = {sha256(self.data.email[c]) for c in refused if c in self.data.email}
        self.assertTrue(refused)
        for preset in PRESETS:
            with self.subTest(preset=preset):
                path, r = self.export(preset)
                header, rows, _ = read_csv(path)
                if preset in HASHED:
                    self.assertFalse({row[header[0]] for row in rows} & refused_hashes)
                else:
                    self.assertFalse({row[ID_COLUMN[preset]] for row in rows} & refused)
                # every customer is segmented: all who did not consent are counted
                self.assertIn('%d customers left out: no marketing consent' % len(refused),
                              r.stdout)

    def test_segment_filter(self):
        segment_of = self.segment_of()
        names = sorted(set(segment_of.values()))
        path, _ = self.export('generic', '--segment', names[0], name='one.csv')
        _, rows, _ = read_csv(path)
        self.assertTrue(rows)
        self.assertEqual({r['segment'] for r in rows}, {names[0]})
        number = rows[0]['segment_number']
        path, _ = self.export('generic', '--segment', number, '--segment', names[-1].upper(),
                              name='two.csv')
        _, rows2, _ = read_csv(path)
        self.assertEqual({r['segment'] for r in rows2}, {names[0], names[-1]})
        self.assertEqual(len(rows2), sum(1 for c, s in segment_of.items()
                                         if s in (names[0], names[-1])))
        r = run_cli('export', self.project, '--preset', 'generic', '-o',
                    os.path.join(self.tmp, 'none.csv'), '--segment', 'No such segment')
        self.assertEqual(r.returncode, EXIT_BAD_INPUT)
        self.assertIn('There is no segment “No such segment”', r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, 'none.csv')))

    def test_usage(self):
        out = os.path.join(self.tmp, 'usage.csv')
        for args in (('--preset', 'myspace', '-o', out), ('--preset', 'hubspot'),
                     ('--assignments', out, '--bom')):
            r = run_cli('export', self.project, *args)
            self.assertEqual(r.returncode, EXIT_USAGE, args)
        self.assertFalse(os.path.exists(out))

    def test_invalid_emails_reported(self):
        self.assertIn('e-mail addresses were not valid', self.import_out)
        r = run_cli('problems', self.project)
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        self.assertIn('not an e-mail address', r.stdout)

    def test_changed_since_last(self):
        project = os.path.join(self.tmp, 'changes.segments')
        shutil.copy(self.project, project)
        first, r1 = self.export('klaviyo', '--changed-since-last', project=project,
                                name='k1.csv')
        self.assertIn('First Klaviyo export', r1.stdout)
        _, rows1, _ = read_csv(first)
        self.assertEqual(len(rows1), len(self.expected_ids('klaviyo')))
        second, r2 = self.export('klaviyo', '--changed-since-last', project=project,
                                 name='k2.csv')
        _, rows2, _ = read_csv(second)
        self.assertEqual(rows2, [])
        self.assertIn('%d customers left out: segment unchanged' % len(rows1), r2.stdout)

        before = {r['Customer ID']: r['Segment'] for r in rows1}
        r = run_cli('segment', project, '--k', '4')
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        third, _ = self.export('klaviyo', '--changed-since-last', project=project,
                               name='k3.csv')
        _, rows3, _ = read_csv(third)
        everyone, _ = self.export('generic', project=project, name='k-all.csv')
        _, all_rows, _ = read_csv(everyone)
        after = {r['customer_id']: r['segment'] for r in all_rows}
        changed = {c for c in before if after.get(c) != before[c]}
        self.assertTrue(changed)
        self.assertLess(len(changed), len(before))
        self.assertEqual({r['Customer ID'] for r in rows3}, changed)
        for r in rows3:
            self.assertEqual(r['Segment'], after[r['Customer ID']])


class NoConsentTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix='segments-activation-')
        cls.data = Data(cls.tmp, seed=5, n_customers=120, with_consent=False)
        cls.project = os.path.join(cls.tmp, 'shop.segments')
        r = run_cli('import', cls.project, '--transactions', cls.data.orders_path,
                    '--customers', cls.data.customers_path)
        assert r.returncode == 0, r.stderr
        r = run_cli('segment', cls.project, '--k', '3')
        assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_refused_without_flag(self):
        for preset in PRESETS:
            with self.subTest(preset=preset):
                out = os.path.join(self.tmp, 'refused-%s.csv' % preset)
                r = run_cli('export', self.project, '--preset', preset, '-o', out)
                self.assertEqual(r.returncode, EXIT_BAD_INPUT)
                self.assertIn('No consent information', r.stderr)
                self.assertIn('all %d segmented customers' % len(self.data.customers),
                              r.stderr)
                self.assertIn('--no-consent-column-ok', r.stderr)
                self.assertFalse(os.path.exists(out))

    def test_everyone_with_flag(self):
        for preset in PRESETS:
            with self.subTest(preset=preset):
                out = os.path.join(self.tmp, 'all-%s.csv' % preset)
                r = run_cli('export', self.project, '--preset', preset, '-o', out,
                            '--no-consent-column-ok')
                self.assertEqual(r.returncode, EXIT_OK, r.stderr)
                self.assertIn('No consent information', r.stdout)
                _, rows, _ = read_csv(out)
                want = len(self.data.customers) if preset == 'generic' else len(self.data.email)
                self.assertEqual(len(rows), want)


def main():
    global CLI
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    CLI = sys.argv[1]
    argv = [sys.argv[0]] + sys.argv[2:]
    unittest.main(argv=argv, verbosity=2)


if __name__ == '__main__':
    sys.exit(main())
