#!/usr/bin/python3
# test-cli-exports.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The imports a real user brings (session 12): exports as today's systems write them and
as spreadsheets re-save them, built here with a known truth, then imported with
`segments-cli import` and compared through `show --json`, `problems` and the project file.

The generator writes the orders first (customer, date, amount, what happens to the order)
and only then the file in the system's own shape, so the truth never comes from the file:
every order counts with its net amount, is left out for a stated reason, or is rejected
with its line, and the totals (customers, orders, revenue) must match.

usage: test-cli-exports.py SEGMENTS_CLI SOURCE_ROOT [unittest options]
"""

import csv
import importlib.util
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

CLI = None
ROOT = None


def sources_module():
    """test-cli-sources.py, for its reader of a project's per-customer columns."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-cli-sources.py')
    spec = importlib.util.spec_from_file_location('test_cli_sources', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_cli(*args):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=300)


# ------------------------------------------------------------------------------------------
# The generator: orders with their truth, then the file.

class Truth:
    """What an import of the generated file must find."""

    def __init__(self):
        self.revenue = {}        # customer key -> net revenue of its counted orders
        self.orders = 0          # counted orders
        self.excluded = {}       # reason -> [orders, revenue]
        self.rejected = []       # line numbers (1-based, header is line 1)

    def count(self, customer, net):
        self.revenue[customer] = self.revenue.get(customer, 0.0) + net
        self.orders += 1

    def exclude(self, reason, amount):
        e = self.excluded.setdefault(reason, [0, 0.0])
        e[0] += 1
        e[1] += amount


def money(value, decimal=',', group=''):
    """An amount written the way a locale writes it: "1.234,50" with group '.'."""
    whole, cents = f'{value:.2f}'.split('.')
    if group:
        digits = whole.lstrip('-')
        parts = []
        while len(digits) > 3:
            parts.insert(0, digits[-3:])
            digits = digits[:-3]
        parts.insert(0, digits)
        whole = ('-' if value < 0 else '') + group.join(parts)
    return whole + decimal + cents


STRIPE_UNIFIED = ['id', 'Created date (UTC)', 'Amount', 'Amount Refunded', 'Currency',
                  'Captured', 'Converted Amount', 'Converted Amount Refunded', 'Fee',
                  'Refunded date (UTC)', 'Statement Descriptor', 'Status', 'Seller Message',
                  'Card ID', 'Customer ID', 'Customer Description', 'Customer Email',
                  'Description', 'Invoice ID']


def stripe_unified(rng, n, decimal='.'):
    """The unified payments export of today's Stripe Dashboard ("Created date (UTC)"):
    paid, partially and fully refunded, failed, uncaptured and canceled payments; one
    customer has no e-mail address (the customer is its Customer ID then)."""
    truth = Truth()
    rows = []
    for i in range(n):
        email = f'buyer{i % 7}@example.net' if i % 7 != 6 else ''
        who = email or f'cus_{i % 7}'
        amount = rng.choice([19.0, 29.0, 49.5, 120.0, 1250.0])
        kind = rng.choice(['paid', 'paid', 'paid', 'partial', 'refunded', 'failed',
                           'uncaptured', 'canceled'])
        refunded = 0.0
        status = {'paid': 'Paid', 'partial': 'Paid', 'refunded': 'Refunded',
                  'failed': 'Failed', 'uncaptured': 'Uncaptured',
                  'canceled': 'Canceled'}[kind]
        if kind == 'partial':
            refunded = 10.0
        if kind == 'refunded':
            refunded = amount
        if kind in ('paid', 'partial'):
            truth.count(who, amount - refunded)
        elif kind == 'refunded':
            truth.exclude('refunded', amount)
        else:
            truth.exclude(status.lower(), amount)
        day = 1 + i % 28
        rows.append([f'py_{i:05d}', f'2024-02-{day:02d} {i % 24:02d}:{i % 60:02d}',
                     money(amount, decimal), money(refunded, decimal), 'eur',
                     'false' if kind in ('failed', 'uncaptured') else 'true',
                     money(amount, decimal), money(refunded, decimal), money(1.0, decimal),
                     '', 'ATELIER', status, '', f'card_{i}', f'cus_{i % 7}',
                     '', email, 'Order', ''])
    return STRIPE_UNIFIED, rows, truth


SHOPIFY = ['Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status',
           'Accepts Marketing', 'Currency', 'Subtotal', 'Shipping', 'Taxes', 'Total',
           'Discount Code', 'Discount Amount', 'Created at', 'Lineitem quantity',
           'Lineitem name', 'Lineitem price', 'Lineitem sku', 'Billing Name',
           'Refunded Amount', 'Id']


def shopify_orders(rng, n):
    """A Shopify orders export: one line per line item, the order's own columns on its first
    line only; paid, partially refunded, refunded, voided, pending orders."""
    truth = Truth()
    rows = []
    for i in range(n):
        who = f'kunde{i % 9}@example.de'
        lines = rng.randint(1, 3)
        prices = [rng.choice([4.5, 12.0, 18.9, 1299.0]) for _ in range(lines)]
        total = round(sum(prices) + 4.9, 2)
        status = rng.choice(['paid', 'paid', 'partially_refunded', 'refunded', 'voided',
                             'pending'])
        refunded = {'partially_refunded': 5.0, 'refunded': total}.get(status, 0.0)
        if status in ('paid', 'partially_refunded'):
            truth.count(who, total - refunded)
        else:
            truth.exclude(status, total)
        stamp = f'2024-03-{1 + i % 28:02d} 10:{i % 60:02d}:00 +0100'
        for j, price in enumerate(prices):
            first = j == 0
            rows.append([f'#{1001 + i}', who if first else '', status if first else '',
                         stamp if first and status != 'pending' else '',
                         'fulfilled' if first else '', 'yes' if first else '',
                         'EUR' if first else '', f'{sum(prices):.2f}' if first else '',
                         '4.90' if first else '', '0.00' if first else '',
                         f'{total:.2f}' if first else '', '', '0.00' if first else '',
                         stamp if first else '', '1', f'Item {j}', f'{price:.2f}',
                         f'SKU-{j}', 'Kunde' if first else '',
                         f'{refunded:.2f}' if first else '', str(5500000 + i) if first else ''])
    return SHOPIFY, rows, truth


WOO_PLUGIN = ['Order Number', 'Order Status', 'Order Date', 'Customer Note',
              'First Name (Billing)', 'Last Name (Billing)', 'Email (Billing)',
              'Phone (Billing)', 'Payment Method Title', 'Order Subtotal Amount',
              'Order Shipping Amount', 'Order Refund Amount', 'Order Total Amount',
              'Order Total Tax Amount', 'SKU', 'Item #', 'Item Name', 'Quantity (- Refund)',
              'Item Cost']


def woocommerce_plugin(rng, n):
    """WooCommerce orders as the Advanced Order Export plugin writes them by default: one line
    per item, every line repeating the order's columns ("Email (Billing)", "Order Total
    Amount", "Order Refund Amount"), the statuses as the shop shows them."""
    truth = Truth()
    rows = []
    for i in range(n):
        who = f'client{i % 6}@example.fr'
        items = [rng.choice([9.9, 14.99, 24.95, 310.0]) for _ in range(rng.randint(1, 4))]
        subtotal = round(sum(items), 2)
        total = round(subtotal + 4.9, 2)
        status = rng.choice(['Completed', 'Completed', 'Processing', 'Cancelled', 'Refunded',
                             'Pending payment', 'On hold', 'Failed'])
        refund = {'Refunded': total}.get(status, 0.0)
        if status == 'Completed' and i % 3 == 0:
            refund = 4.9
        if status in ('Completed', 'Processing'):
            truth.count(who, total - refund)
        else:
            truth.exclude(status.lower().replace(' ', '_'), total)
        for k, price in enumerate(items):
            rows.append([str(3000 + i), status, f'2024-05-{1 + i % 28:02d} 09:{i % 60:02d}', '',
                         'Claire', 'Dupont', who, '', 'Card', f'{subtotal:.2f}', '4.90',
                         f'{refund:.2f}', f'{total:.2f}', '0.00', f'SKU-{k}', str(k + 1),
                         f'Item {k}', '1', f'{price:.2f}'])
    return WOO_PLUGIN, rows, truth


HUBSPOT_DEALS = ['Record ID', 'Deal Name', 'Pipeline', 'Deal Stage', 'Amount', 'Close Date',
                 'Create Date', 'Deal owner', 'Associated Contact IDs',
                 'Associated Company IDs (Primary)', 'Associated Company (Primary)']


def hubspot_deals(rng, n):
    """A deals export of today's HubSpot: the deal's contact, and its primary company in
    "Associated Company IDs (Primary)", which is the customer (the companies list's key)."""
    truth = Truth()
    rows = []
    for i in range(n):
        company = str(5200001 + i % 4)
        amount = rng.choice([3500.0, 12000.0, 24000.0])
        stage = rng.choice(['Closed won', 'Closed won', 'Closed lost', 'Contract sent'])
        if stage == 'Closed won':
            truth.count(company, amount)
        else:
            truth.exclude(stage.lower().replace(' ', '_'), amount)
        rows.append([str(9100001 + i), f'Deal {i}', 'Sales Pipeline', stage, f'{amount:.0f}',
                     f'2024-0{1 + i % 6}-15 00:00', '2023-11-02 10:00', 'Maja',
                     str(6300001 + i), company, f'Company {i % 4}'])
    return HUBSPOT_DEALS, rows, truth


SALESFORCE = ['Opportunity Owner', 'Account Name', 'Opportunity Name', 'Stage',
              'Fiscal Period', 'Amount', 'Probability (%)', 'Close Date', 'Created Date',
              'Lead Source', 'Type']


def salesforce_report(rng, n, currencies=('USD',)):
    """An opportunities report of a multi-currency org as Salesforce exports it: amounts
    "USD 48,000.00", dates month/day/year, and below the rows the report's notices, each a
    line of its own (an empty one between)."""
    truth = Truth()
    rows = []
    for i in range(n):
        account = f'Account {i % 5}'
        amount = rng.choice([1200.0, 9500.0, 48000.0, 125000.0])
        stage = rng.choice(['Closed Won', 'Closed Won', 'Closed Lost', 'Negotiation/Review',
                            'Prospecting'])
        # the org's currency on most, another on every third opportunity
        currency = currencies[0] if i % 3 or len(currencies) == 1 else currencies[1 + i % 2]
        if stage != 'Closed Won':
            truth.exclude(stage.lower().replace(' ', '_'), amount)
        elif currency != currencies[0]:
            truth.exclude('currency:' + currency, amount)
        else:
            truth.count(account, amount)
        rows.append(['Rita Moreno', account, f'Deal {i}', stage, 'Q1-2024',
                     currency + ' ' + money(amount, '.', ','), '100', f'{1 + i % 3}/{1 + i % 28}/2024',
                     '12/1/2023', 'Web', 'New Customer'])
    footer = ['', 'Grand Totals (%d records)' % n, '', 'Atelier Nord GmbH',
              'Confidential Information - Do Not Distribute',
              'Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.']
    out = io.StringIO()
    w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator='\n')
    w.writerow(SALESFORCE)
    w.writerows(rows)
    for k, text in enumerate(footer):
        w.writerow([text])
        if text:
            truth.rejected.append(n + 2 + k)
    return SALESFORCE, rows, truth, out.getvalue()


def excel_resave(header, rows, decimal_columns):
    """The file as Excel in a German locale saves it: ';'-separated, decimal commas in the
    number columns, CRLF, a BOM, and the formatted but empty rows it keeps below the table
    written as ';;;;' (and one between the orders, where a row was cleared)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=';', lineterminator='\r\n')
    w.writerow(header)
    empty = [''] * len(header)
    for k, r in enumerate(rows):
        r = [v.replace('.', ',') if i in decimal_columns else v for i, v in enumerate(r)]
        w.writerow(r)
        if k == len(rows) // 2:
            w.writerow(empty)
    for _ in range(3):
        w.writerow(empty)
    return '\ufeff' + out.getvalue()


def write_csv(path, header, rows, text=None):
    if text is None:
        out = io.StringIO()
        w = csv.writer(out, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)
        text = out.getvalue()
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(text)


# ------------------------------------------------------------------------------------------

class ExportsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.sources = sources_module()

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='segments-exports-')
        self.rng = random.Random(12)

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def cli_ok(self, *args):
        r = run_cli(*args)
        self.assertEqual(r.returncode, 0, f'{args}: {r.stdout}{r.stderr}')
        return r

    def import_file(self, name, text_or_rows, *extra):
        header, rows, text = text_or_rows
        csv_path = self.path(name)
        write_csv(csv_path, header, rows, text)
        project = self.path(name + '.segments')
        r = self.cli_ok('import', project, '--transactions', csv_path, *extra)
        return project, r.stdout

    def check(self, project, truth, report):
        """Every order counted, left out for its reason or rejected on its line."""
        js = json.loads(self.cli_ok('show', project, '--json').stdout)
        problems = self.cli_ok('problems', project).stdout
        self.assertEqual(js['rejected_rows'], len(truth.rejected), report + problems)
        for line in truth.rejected:
            self.assertIn(f':{line}: rejected', problems)
        self.assertEqual(js['orders'], truth.orders, report)
        self.assertAlmostEqual(js['revenue'], sum(truth.revenue.values()), places=6)
        self.assertEqual(js['customers'], len(truth.revenue), report)
        got = {k: (v['orders'], round(v['revenue'], 6))
               for k, v in js['excluded_orders'].items()}
        self.assertEqual(got, {k: (o, round(r, 6)) for k, (o, r) in truth.excluded.items()},
                         report)
        p = self.sources.Project(project)
        for who, net in truth.revenue.items():
            self.assertAlmostEqual(p.monetary[who], net, places=6, msg=who)
        return js

    # --------------------------------------------------------------------------------------

    def test_stripe_unified_payments(self):
        # Today's Dashboard writes "Created date (UTC)": the export must still be read as
        # Stripe's, so refunded, failed, uncaptured and canceled payments do not count.
        header, rows, truth = stripe_unified(self.rng, 60)
        project, report = self.import_file('unified_payments.csv', (header, rows, None))
        self.assertIn('Recognised:      Stripe payments export', report)
        self.check(project, truth, report)

    def test_stripe_decimal_comma(self):
        # The same export from a Dashboard in a German locale: "399,00", quoted.
        header, rows, truth = stripe_unified(self.rng, 40, decimal=',')
        project, report = self.import_file('zahlungen.csv', (header, rows, None))
        self.assertIn('decimal mark “,”', report)
        self.check(project, truth, report)

    def test_excel_resave_of_shopify(self):
        # Re-saved by Excel: ';', decimal commas, BOM, CRLF and rows of separators only,
        # which are no rows: no order "left out" without a status, nothing rejected.
        header, rows, truth = shopify_orders(self.rng, 30)
        numbers = {header.index(c) for c in ('Subtotal', 'Shipping', 'Taxes', 'Total',
                                             'Discount Amount', 'Lineitem price',
                                             'Refunded Amount')}
        text = excel_resave(header, rows, numbers)
        project, report = self.import_file('orders_export.csv', (header, rows, text))
        self.assertIn('Shopify orders export', report)
        self.assertIn('semicolon-separated', report)
        self.assertIn(f'Rows read:       {len(rows)}\n', report)
        self.assertNotIn('no_status', report)
        self.check(project, truth, report)

    def test_woocommerce_order_export_plugin(self):
        # The plugin's names are WooCommerce's too: an order's total counts once, not once
        # per item line, and cancelled, refunded, unpaid orders are left out.
        header, rows, truth = woocommerce_plugin(self.rng, 40)
        project, report = self.import_file('orders-2024.csv', (header, rows, None))
        self.assertIn('Recognised:      WooCommerce orders export', report)
        self.assertIn('amount = Order Total Amount', report)
        self.check(project, truth, report)

    def test_hubspot_primary_company(self):
        # The deal's customer is its primary company, not its contact: the companies list
        # (keyed by the company's Record ID) matches every customer with deals.
        header, rows, truth = hubspot_deals(self.rng, 30)
        project, report = self.import_file('all-deals.csv', (header, rows, None), '--customers',
                                           os.path.join(ROOT, 'tests', 'data', 'sources',
                                                        'hubspot-companies.csv'))
        self.assertIn('customer = Associated Company IDs (Primary)', report)
        self.assertIn('Customers with orders but not in the list: 0\n', report)
        js = json.loads(self.cli_ok('show', project, '--json').stdout)
        self.assertEqual(js['orders'], truth.orders)
        self.assertAlmostEqual(js['revenue'], sum(truth.revenue.values()), places=6)
        p = self.sources.Project(project)
        for who, net in truth.revenue.items():
            self.assertAlmostEqual(p.monetary[who], net, places=6, msg=who)

    def test_salesforce_report_notices(self):
        # The notices below a report's rows are rejected as what they are, on their lines,
        # not as rows whose values "may contain an unquoted ','".
        header, rows, truth, text = salesforce_report(self.rng, 25)
        project, report = self.import_file('report1.csv', (header, rows, text))
        self.assertIn('Recognised:      Salesforce opportunities report', report)
        self.check(project, truth, report)
        problems = self.cli_ok('problems', project).stdout
        self.assertIn(f'report1.csv:{truth.rejected[-2]}: rejected: a line of text, not a row '
                      'of the table (a title, total or note such as report exports add): '
                      '“Confidential Information - Do Not Distribute”', problems)
        self.assertNotIn('unquoted', problems)

    def test_currencies_in_the_amounts(self):
        # A multi-currency org's report names each amount's currency in the amount itself:
        # amounts in two currencies are never summed; the main one counts, the others are
        # left out by currency, as with a currency column.
        header, rows, truth, text = salesforce_report(self.rng, 45, ('USD', 'EUR', 'GBP'))
        project, report = self.import_file('report2.csv', (header, rows, text))
        self.assertIn('The orders are in 3 currencies', report)
        js = self.check(project, truth, report)
        self.assertEqual(js['currency'], 'USD')
        # a plain table, amounts as a German spreadsheet writes them
        text = ('Kunde;Datum;Betrag\nk1;31.01.2024;1.200,00 €\nk2;01.02.2024;99,00 $\n'
                'k3;02.02.2024;15,50 €\nk2;03.02.2024;12,00\n')
        project, report = self.import_file('umsatz.csv', (None, None, text))
        js = json.loads(self.cli_ok('show', project, '--json').stdout)
        self.assertEqual((js['currency'], js['revenue'], js['orders']), ('EUR', 1227.5, 3))
        self.assertEqual(js['excluded_orders'], {'currency:USD': {'orders': 1, 'revenue': 99}})
        # one currency: nothing left out, the markers name the project's currency
        text = 'customer,date,amount\nc1,2024-01-02,£12.00\nc2,2024-01-03,"£1,250.00"\n'
        project, report = self.import_file('pounds.csv', (None, None, text))
        js = json.loads(self.cli_ok('show', project, '--json').stdout)
        self.assertEqual((js['currency'], js['revenue'], js['excluded_orders']),
                         ('GBP', 1262, {}))

    def test_rows_of_separators_are_no_rows(self):
        # A plain table with cleared rows in it: not rejected, not "duplicates".
        rows = [['c1', '2024-01-02', '10.00'], ['', '', ''], ['c2', '2024-01-03', '20.00'],
                ['', '', ''], ['c3', '2024-01-04', '30.00'], ['', ' ', '']]
        text = 'customer,date,amount\n' + '\n'.join(','.join(r) for r in rows) + '\n'
        project, report = self.import_file('plain.csv', (None, None, text))
        self.assertIn('Rows read:       3\n', report)
        self.assertNotIn('Duplicate', report)
        js = json.loads(self.cli_ok('show', project, '--json').stdout)
        self.assertEqual((js['rejected_rows'], js['transactions'], js['revenue']), (0, 3, 60))

    def test_not_orders(self):
        # A file that is not orders says what it looks like and what to do.
        cases = {
            'products_export.csv': (
                'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Variant SKU,Variant Grams,'
                'Variant Inventory Qty,Variant Price,Image Src,Status\n'
                'napkin,Linen Napkin,<p>Soft</p>,Atelier,Textile,home,TRUE,NAP-01,100,25,12.00,'
                'https://example.com/n.png,active\n',
                'a product catalogue or a stock list'),
            'inventory.csv': ('SKU,Product,Location,On hand,Available,Last counted\n'
                              'NAP-01,Linen Napkin,Main,25,20,2024-01-03\n',
                              'a product catalogue or a stock list'),
            'contacts.csv': ('Customer,Email,Phone,Signed up,Country\n'
                             'c1,ana@example.org,+49 30 1234,2024-01-01,DE\n',
                             'look like a customer list'),
        }
        for name, (text, words) in cases.items():
            write_csv(self.path(name), None, None, text)
            r = run_cli('import', self.path(name + '.segments'), '--transactions',
                        self.path(name))
            self.assertEqual(r.returncode, 1, name)
            self.assertIn(f'“{name}” cannot be read as orders', r.stderr)
            self.assertIn(words, r.stderr)
        # a customer list the catalogue knows, given as orders, is named
        for name, label in (('shopify-customers.csv', 'Shopify customers export'),
                            ('hubspot-contacts.csv', 'HubSpot contacts export'),
                            ('salesforce-accounts.csv', 'Salesforce accounts report')):
            r = run_cli('import', self.path(name + '.segments'), '--transactions',
                        os.path.join(ROOT, 'tests', 'data', 'sources', name))
            self.assertEqual(r.returncode, 1, name)
            self.assertIn(f'It is a {label}: a customer list, not orders', r.stderr)
            self.assertIn('--customers FILE', r.stderr)
            self.assertNotIn('--map', r.stderr)


def main():
    global CLI, ROOT
    CLI = sys.argv[1]
    ROOT = sys.argv[2]
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])


if __name__ == '__main__':
    main()
