#!/usr/bin/python3
# test-cli-sources.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of the recognised export shapes of `segments-cli import` (issue 20).

For each source a file written for this test from the system's published export
documentation (tests/data/sources/, our own rows) is imported, and the customers, orders,
net revenue (per customer and in all), the orders left out by reason with their revenue,
and the consent are compared with what this script computes from the CSV itself, following
the documented rules: an order's own columns on its first line only, the statuses that count,
refunds taken off, the main currency only, consent from the latest counted order unless a
customer list says otherwise.  `--source generic` keeps the plain reading, auto-detection
leaves every other test file alone, and malformed input gets a clear message.

usage: test-cli-sources.py SEGMENTS_CLI SOURCE_ROOT [unittest options]
"""

import csv
import glob
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import segments_blob  # noqa: E402

CLI = None
ROOT = None


def data(name):
    return os.path.join(ROOT, 'tests', 'data', 'sources', name)


def run_cli(*args):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=300)


def number(text):
    """An amount as the exports write it: "$1,250.00", "-$4.63", "48.20"."""
    t = text.strip().replace('$', '').replace(',', '')
    return float(t) if t else 0.0


def status_key(value):
    key = value.strip().lower().replace(' ', '_').replace('\t', '_')
    return key or 'no_status'


def expected(path, customer, order, date, amount, status=None, counted=(), refund=None,
             currency=None, per_order=False, consent=None, consent_yes=None):
    """The documented rules, applied here independently of the tool.

    Returns a dict: revenue per customer, orders, excluded {reason: [orders, revenue]},
    consent per customer (1 yes, 0 no) from the latest counted order that has one."""
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    # The orders: with per_order, an order is its first line, the next lines of the same
    # order id its line items.
    orders = []
    previous = None
    line_items = 0
    for r in rows:
        if per_order and r[order] and r[order] == previous:
            line_items += 1
            continue
        previous = r[order]
        orders.append(r)
    counted = {status_key(c) for c in counted}

    def counts(r):
        return status is None or status not in r or status_key(r[status]) in counted

    main_currency = None
    if currency is not None:
        tally = {}
        for r in orders:
            code = r[currency].strip().upper()
            if counts(r) and code:
                tally.setdefault(code, 0)
                tally[code] += 1
        main_currency = max(tally, key=lambda c: (tally[c], -list(tally).index(c)))

    revenue = {}
    excluded = {}
    latest = {}
    n_orders = 0
    for line, r in enumerate(orders):
        gross = number(r[amount])
        reason = None
        net = gross
        if not counts(r):
            reason = status_key(r[status])
        elif main_currency is not None and r[currency].strip() and \
                r[currency].strip().upper() != main_currency:
            reason = 'currency:' + r[currency].strip().upper()
        elif refund is not None and r[refund].strip():
            refunded = abs(number(r[refund]))
            if gross > 0 and refunded > 0:
                if refunded >= gross - 0.005:
                    reason = 'refunded'
                else:
                    net = gross - refunded
        if reason is not None:
            e = excluded.setdefault(reason, [0, 0.0])
            e[0] += 1
            e[1] += gross
            continue
        who = r[customer].strip()
        revenue[who] = revenue.get(who, 0.0) + net
        # a negative amount is a return, not an order
        if net > 0:
            n_orders += 1
        if consent is not None and r[consent].strip():
            value = r[consent].strip().lower()
            yes = value in consent_yes if consent_yes else value in ('yes', 'true', '1', 'y')
            day = r[date][:10]
            if who not in latest or day >= latest[who][0]:
                latest[who] = (day, 1 if yes else 0)
    return {'revenue': revenue, 'orders': n_orders, 'excluded': excluded,
            'consent': {c: v for c, (_, v) in latest.items()}, 'line_items': line_items,
            'lines': len(rows)}


def customer_list(path, customer, consent=None, consent_yes=None):
    """Consent per listed customer: 1 yes, 0 no, 2 unknown (empty)."""
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    result = {}
    for r in rows:
        value = r[consent].strip().lower() if consent else ''
        if not value:
            result[r[customer].strip()] = 2
        elif consent_yes:
            result[r[customer].strip()] = 1 if value in consent_yes else 0
        else:
            result[r[customer].strip()] = 1 if value in ('yes', 'true', '1', 'y') else 0
    return result


class Project:
    """What a project file holds per customer, read straight from its columns."""

    def __init__(self, path):
        db = sqlite3.connect(path)
        cols = {name: segments_blob.raw(blob)
                for name, blob in db.execute('SELECT name, data FROM columns')}
        self.keys = cols['key'].split(b'\0')[:-1]
        self.keys = [k.decode() for k in self.keys]
        n = len(self.keys)
        self.consent = dict(zip(self.keys, cols['consent'])) if 'consent' in cols else {}
        self.monetary = dict(zip(self.keys, struct.unpack(f'<{n}d', cols['monetary'])))
        self.n_orders = dict(zip(self.keys, struct.unpack(f'<{n}i', cols['n_orders'])))
        self.attributes = {name: bool(cat) for name, cat in
                           db.execute('SELECT name, categorical FROM attributes')}
        db.close()


class SourcesTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='segments-sources-')

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def cli_ok(self, *args):
        r = run_cli(*args)
        self.assertEqual(r.returncode, 0, f'{args}: {r.stderr}')
        return r

    def show(self, project):
        return json.loads(self.cli_ok('show', project, '--json').stdout)

    def check(self, project, exp, report, label=None):
        js = self.show(project)
        with_orders = {c for c, v in exp['revenue'].items()}
        self.assertEqual(js['rejected_rows'], 0, report)
        self.assertEqual(js['orders'], exp['orders'])
        self.assertAlmostEqual(js['revenue'], sum(exp['revenue'].values()), places=6)
        self.assertEqual(set(js['excluded_orders']), set(exp['excluded']))
        for reason, (orders, revenue) in exp['excluded'].items():
            self.assertEqual(js['excluded_orders'][reason]['orders'], orders, reason)
            self.assertAlmostEqual(js['excluded_orders'][reason]['revenue'], revenue, places=6)
        p = Project(project)
        self.assertEqual({k for k in p.keys if p.n_orders[k] > 0}, with_orders)
        for c, v in exp['revenue'].items():
            self.assertAlmostEqual(p.monetary[c], v, places=6, msg=c)
        if label is not None:
            self.assertIn(f'Recognised:      {label}', report)
            self.assertIn(f'{exp["lines"]} lines', report)
        self.assertNotIn('Problems', report)
        return js, p

    def import_one(self, name, *extra, customers=None):
        project = self.path(name + '.segments')
        args = ['import', project, '--transactions', data(name + '.csv')]
        if customers:
            args += ['--customers', data(customers + '.csv')]
        r = self.cli_ok(*args, *extra)
        return project, r.stdout

    # ---------------------------------------------------------------------------------------

    def test_shopify_orders(self):
        exp = expected(data('shopify-orders.csv'), 'Email', 'Name', 'Created at', 'Total',
                       status='Financial Status', counted=('paid', 'partially_refunded'),
                       refund='Refunded Amount', currency='Currency', per_order=True,
                       consent='Accepts Marketing')
        project, report = self.import_one('shopify-orders')
        js, p = self.check(project, exp, report, 'Shopify orders export')
        self.assertIn(f'Line items:      {exp["line_items"]} further lines', report)
        self.assertEqual(js['customers'], len(exp['revenue']))
        # consent from each customer's latest counted order
        self.assertEqual({k: p.consent[k] for k in exp['consent']}, exp['consent'])
        self.assertIn('refunded', js['excluded_orders'])
        self.assertIn('voided', js['excluded_orders'])

    def test_shopify_orders_and_customers(self):
        exp = expected(data('shopify-orders.csv'), 'Email', 'Name', 'Created at', 'Total',
                       status='Financial Status', counted=('paid', 'partially_refunded'),
                       refund='Refunded Amount', currency='Currency', per_order=True)
        listed = customer_list(data('shopify-customers.csv'), 'Email',
                               'Accepts Email Marketing')
        project, report = self.import_one('shopify-orders', customers='shopify-customers')
        js, p = self.check(project, exp, report, 'Shopify orders export')
        self.assertIn('Recognised:      Shopify customers export', report)
        self.assertEqual(js['customers'], len(set(exp['revenue']) | set(listed)))
        # the customer list, which is about consent, wins
        self.assertEqual({k: p.consent[k] for k in listed}, listed)
        self.assertEqual(p.attributes, {'Total Spent': False, 'Total Orders': False,
                                        'Tags': True, 'Default Address Country Code': True,
                                        'Default Address Company': True, 'Tax Exempt': True})

    def test_woocommerce(self):
        exp = expected(data('woocommerce-orders.csv'), 'Billing Email', 'Order ID', 'Order Date',
                       'Order Total', status='Order Status',
                       counted=('completed', 'processing', 'wc-completed', 'wc-processing'),
                       refund='Order Refund', currency='Order Currency', per_order=True)
        project, report = self.import_one('woocommerce-orders')
        self.check(project, exp, report, 'WooCommerce orders export')

    def test_stripe(self):
        exp = expected(data('stripe-payments.csv'), 'Customer Email', 'id', 'Created (UTC)',
                       'Amount', status='Status',
                       counted=('succeeded', 'paid', 'partially refunded'),
                       refund='Amount Refunded', currency='Currency')
        project, report = self.import_one('stripe-payments')
        js, _ = self.check(project, exp, report, 'Stripe payments export')
        # a failed payment without a customer is left out, not rejected
        self.assertEqual(js['excluded_orders']['failed']['orders'], 1)

    def test_square(self):
        exp = expected(data('square-transactions.csv'), 'Customer ID', 'Transaction ID', 'Date',
                       'Total Collected', status='Transaction Status',
                       counted=('complete', 'completed'))
        project, report = self.import_one('square-transactions')
        self.check(project, exp, report, 'Square transactions export')
        self.assertIn('Returns (negative amounts): 1', report)

    def test_hubspot(self):
        exp = expected(data('hubspot-deals.csv'), 'Associated Company IDs', 'Record ID',
                       'Close Date', 'Amount', status='Deal Stage',
                       counted=('closed won', 'closedwon'), currency='Currency')
        project, report = self.import_one('hubspot-deals', customers='hubspot-companies')
        js, p = self.check(project, exp, report, 'HubSpot deals export')
        self.assertIn('Recognised:      HubSpot companies export', report)
        self.assertEqual(p.attributes, {'Number of Employees': False, 'Annual Revenue': False,
                                        'Industry': True, 'Lifecycle Stage': True,
                                        'Country/Region': True})
        # contacts: a customer list of their own, consent from the marketing contact status
        contacts = self.path('contacts.segments')
        r = self.cli_ok('import', contacts, '--customers', data('hubspot-contacts.csv'))
        self.assertIn('Recognised:      HubSpot contacts export', r.stdout)
        listed = customer_list(data('hubspot-contacts.csv'), 'Record ID',
                               'Marketing contact status', consent_yes=('marketing contact',))
        p = Project(contacts)
        self.assertEqual(p.consent, listed)
        self.assertEqual(set(p.attributes), {'Lifecycle Stage', 'Lead Status', 'Country/Region'})

    def test_salesforce(self):
        exp = expected(data('salesforce-opportunities.csv'), 'Account ID', 'Opportunity ID',
                       'Close Date', 'Amount', status='Stage', counted=('closed won',))
        project, report = self.import_one('salesforce-opportunities',
                                          customers='salesforce-accounts')
        js, p = self.check(project, exp, report, 'Salesforce opportunities report')
        self.assertIn('Recognised:      Salesforce accounts report', report)
        self.assertEqual(js['customers'], 4)
        self.assertEqual(p.attributes, {'Annual Revenue': False, 'Employees': False,
                                        'Industry': True, 'Type': True, 'Billing Country': True,
                                        'Billing State/Province': True, 'Rating': True})

    def test_mixed_currency(self):
        exp = expected(data('stripe-mixed-currency.csv'), 'Customer Email', 'id',
                       'Created (UTC)', 'Amount', status='Status', counted=('paid',),
                       refund='Amount Refunded', currency='Currency')
        project, report = self.import_one('stripe-mixed-currency')
        js, _ = self.check(project, exp, report, 'Stripe payments export')
        self.assertIn('The orders are in 3 currencies (3 in EUR, 2 in USD, 1 in GBP): only '
                      'those in EUR, the most, are counted', report)
        self.assertEqual(set(js['excluded_orders']), {'currency:USD', 'currency:GBP'})

    # ---------------------------------------------------------------------------------------

    def test_generic_is_todays_reading(self):
        # Switched off, the Shopify file is read as before: the further lines of orders are
        # rejected for their missing e-mail and every order counts, refunded or not.
        with open(data('shopify-orders.csv'), newline='') as f:
            rows = list(csv.DictReader(f))
        firsts = [r for r in rows if r['Email']]
        project = self.path('generic.segments')
        r = self.cli_ok('import', project, '--transactions', data('shopify-orders.csv'),
                        '--source', 'generic')
        self.assertNotIn('Recognised', r.stdout)
        js = self.show(project)
        self.assertEqual(js['rejected_rows'], len(rows) - len(firsts))
        self.assertAlmostEqual(js['revenue'], sum(number(r['Total']) for r in firsts), places=6)
        self.assertEqual(js['excluded_orders'], {})

    def test_auto_leaves_other_files_alone(self):
        # Every other test file imports exactly as with recognition switched off.
        files = sorted(glob.glob(os.path.join(ROOT, 'tests', 'data', 'import', '*.csv')) +
                       glob.glob(os.path.join(ROOT, 'tests', 'data', 'wizard', '*.csv')) +
                       [os.path.join(ROOT, 'data', 'sample', 'transactions.csv')])
        customers = os.path.join(ROOT, 'data', 'sample', 'customers.csv')
        self.assertGreater(len(files), 5)
        for i, path in enumerate(files):
            outputs = []
            for source in ('auto', 'generic'):
                project = self.path(f'{i}-{source}.segments')
                args = ['import', project, '--transactions', path, '--source', source]
                if path.endswith('transactions.csv'):
                    args += ['--customers', customers]
                r = run_cli(*args)
                shows = run_cli('show', project, '--json').stdout if r.returncode == 0 else ''
                outputs.append((r.returncode, r.stdout.replace(project, ''), r.stderr, shows))
            self.assertEqual(outputs[0], outputs[1], path)
            self.assertNotIn('Recognised', outputs[0][1], path)

    def test_fill_down_and_statuses_on_any_file(self):
        # The same mechanisms by hand on a file no shape knows: lower-case made-up names.
        with open(data('shopify-orders.csv'), newline='') as f:
            rows = list(csv.reader(f))
        header = ['order', 'customer', 'status', 'paid', 'f', 'fa', 'marketing', 'cur', 'sub',
                  'ship', 'tax', 'total', 'dc', 'da', 'sm', 'created', 'qty', 'item', 'price',
                  'sku', 'billing', 'refunded', 'id']
        self.assertEqual(len(header), len(rows[0]))
        plain = self.path('plain.csv')
        with open(plain, 'w', newline='') as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows[1:])
        exp = expected(plain, 'customer', 'order', 'created', 'total', status='status',
                       counted=('paid', 'partially_refunded'), per_order=True)
        project = self.path('plain.segments')
        r = self.cli_ok('import', project, '--transactions', plain, '--map', 'order=order',
                        '--map', 'customer=customer', '--map', 'amount=total',
                        '--map', 'date=created', '--fill-down', 'customer',
                        '--fill-down', 'total', '--count-status', 'paid, Partially_Refunded')
        self.check(project, exp, r.stdout)
        self.assertIn('further lines of orders', r.stdout)

    def test_exclusions_add_up_over_imports(self):
        project = self.path('two.segments')
        self.cli_ok('import', project, '--transactions', data('stripe-payments.csv'))
        self.cli_ok('import', project, '--transactions', data('stripe-mixed-currency.csv'))
        a = expected(data('stripe-payments.csv'), 'Customer Email', 'id', 'Created (UTC)',
                     'Amount', status='Status', counted=('succeeded', 'paid',
                                                         'partially refunded'),
                     refund='Amount Refunded', currency='Currency')
        b = expected(data('stripe-mixed-currency.csv'), 'Customer Email', 'id',
                     'Created (UTC)', 'Amount', status='Status', counted=('paid',),
                     refund='Amount Refunded', currency='Currency')
        js = self.show(project)
        self.assertEqual(js['orders'], a['orders'] + b['orders'])
        merged = {}
        for e in (a['excluded'], b['excluded']):
            for reason, (n, rev) in e.items():
                m = merged.setdefault(reason, [0, 0.0])
                m[0] += n
                m[1] += rev
        self.assertEqual({k: v['orders'] for k, v in js['excluded_orders'].items()},
                         {k: v[0] for k, v in merged.items()})

    def test_exclusions_once_per_order(self):
        # The same export again adds nothing; a later export where a pending order is paid
        # counts it and no longer lists it as left out.
        project = self.path('again.segments')
        self.cli_ok('import', project, '--transactions', data('square-transactions.csv'))
        first = self.show(project)
        self.cli_ok('import', project, '--transactions', data('square-transactions.csv'))
        self.assertEqual(self.show(project), first)
        self.assertEqual(first['excluded_orders']['pending']['orders'], 1)
        with open(data('square-transactions.csv')) as f:
            lines = f.read().splitlines()
        later = self.path('square-later.csv')
        paid = [l.replace(',Pending', ',Complete') for l in lines if 'TX1a9f04' in l]
        self.assertEqual(len(paid), 1)
        with open(later, 'w') as f:
            f.write('\n'.join([lines[0]] + paid) + '\n')
        self.cli_ok('import', project, '--transactions', later)
        js = self.show(project)
        self.assertEqual(js['excluded_orders'], {})
        self.assertEqual(js['orders'], first['orders'] + 1)
        self.assertAlmostEqual(js['revenue'], first['revenue'] + number(paid[0].split(',')[10]),
                               places=6)

    # ---------------------------------------------------------------------------------------

    def test_malformed(self):
        project = self.path('bad.segments')
        # a source named that the file is not
        r = run_cli('import', project, '--transactions', data('stripe-payments.csv'),
                    '--source', 'shopify')
        self.assertEqual(r.returncode, 1)
        self.assertIn('is not one of the Shopify exports Segments knows', r.stderr)
        self.assertIn('--source generic', r.stderr)
        self.assertFalse(os.path.exists(project))
        # an unknown source
        r = run_cli('import', project, '--transactions', data('stripe-payments.csv'),
                    '--source', 'magento')
        self.assertEqual(r.returncode, 2)
        self.assertIn('unknown source “magento”', r.stderr)
        # statuses for a file without a status column
        plain = os.path.join(ROOT, 'tests', 'data', 'import', 'basic.csv')
        r = run_cli('import', project, '--transactions', plain, '--count-status', 'paid')
        self.assertEqual(r.returncode, 1)
        self.assertIn('has no status column', r.stderr)
        r = run_cli('import', project, '--transactions', plain, '--count-status', ' , ')
        self.assertEqual(r.returncode, 2)
        # fill-down of a column that is not there
        r = run_cli('import', project, '--transactions', plain, '--fill-down', 'Nope')
        self.assertEqual(r.returncode, 1)
        self.assertIn('has no column named “Nope” (given to fill down)', r.stderr)
        # a refund that is not a number: that row is a problem, the others import
        broken = self.path('broken.csv')
        with open(data('stripe-payments.csv')) as f:
            text = f.read().replace('cus_PA002,Jonas Weber', 'cus_PA002,Jonas Weber', 1)
        lines = text.splitlines()
        lines[2] = lines[2].replace(',120.00,20.00,', ',120.00,twenty,', 1)
        with open(broken, 'w') as f:
            f.write('\n'.join(lines) + '\n')
        r = self.cli_ok('import', project, '--transactions', broken)
        self.assertIn('refund “twenty” is not a number in column Amount Refunded', r.stdout)
        self.assertEqual(self.show(project)['rejected_rows'], 1)
        # nothing counts
        none = self.path('none.csv')
        with open(data('stripe-payments.csv')) as f:
            lines = f.read().splitlines()
        with open(none, 'w') as f:
            f.write('\n'.join([lines[0]] + [l for l in lines[1:] if ',Failed,' in l]) + '\n')
        r = run_cli('import', self.path('none.segments'), '--transactions', none)
        self.assertEqual(r.returncode, 1)
        self.assertIn('No order of “none.csv” counts', r.stderr)


def main():
    global CLI, ROOT
    CLI = sys.argv[1]
    ROOT = sys.argv[2]
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])


if __name__ == '__main__':
    main()
