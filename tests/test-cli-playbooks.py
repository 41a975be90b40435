#!/usr/bin/python3
# test-cli-playbooks.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of `segments-cli playbooks`: one page per segment for the front line.

usage: test-cli-playbooks.py SEGMENTS_CLI SOURCE_ROOT [unittest options]

What each playbook must say is taken from the tool's other outputs, independently of the
playbook writer: the segments and their plans from `plan --json`, who may be contacted and
who belongs where from `export --assignments`, and contact fields from the generated
customer list.  PDFs are read back with pdftotext (skipped without it).
"""

import csv
import datetime
import html
import html.parser
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

CLI = None
SOURCE_ROOT = None
EXIT_OK, EXIT_USAGE = 0, 2
SCRIPT = '<script>alert(1)</script>'


def run_cli(*args, timeout=300):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=timeout)


def check(*args):
    r = run_cli(*args)
    assert r.returncode == EXIT_OK, (args, r.stderr)
    return r.stdout


class Page(html.parser.HTMLParser):
    """The text of an HTML page by element, and every start tag seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.stack = []
        self.h1 = ''
        self.rows = []          # table rows: lists of cell texts
        self.text = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.stack.append(tag)
        if tag == 'tr':
            self.rows.append([])
        elif tag in ('td', 'th'):
            self.rows[-1].append('')
        elif tag == 'a':
            self.links.append(dict(attrs)['href'])

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        self.text.append(data)
        if 'h1' in self.stack:
            self.h1 += data
        if self.stack and self.stack[-1] in ('td', 'th') and self.rows:
            self.rows[-1][-1] += data

    def all_text(self):
        return ' '.join(' '.join(self.text).split())


def parse_html(path):
    p = Page()
    with open(path, encoding='utf-8') as f:
        p.feed(f.read())
    return p


def squash(text):
    return ' '.join(text.split())


def write_shop(directory, seed, n_customers=300, with_consent=True, prefix=''):
    """Orders and a customer list with names, e-mails, phones and consent; one customer
    name is a script tag."""
    rng = random.Random(seed)
    orders = os.path.join(directory, prefix + 'orders.csv')
    customers = os.path.join(directory, prefix + 'customers.csv')
    start = datetime.date(2024, 1, 1)
    contacts = {}
    with open(orders, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['order_id', 'customer_id', 'order_date', 'amount'])
        order = 0
        for c in range(n_customers):
            heavy = c % 5 == 0
            for _ in range(rng.randint(1, 14 if heavy else 3)):
                order += 1
                day = start + datetime.timedelta(days=rng.randint(0, 500))
                amount = rng.uniform(10, 300) * (8 if heavy else 1)
                w.writerow(['O%06d' % order, 'K%04d' % c, day.isoformat(), '%.2f' % amount])
    with open(customers, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['customer_id', 'name', 'email', 'phone'] + (['consent'] if with_consent else []))
        for c in range(n_customers):
            cid = 'K%04d' % c
            # The biggest spender of all carries the script name, so it is an example.
            name = SCRIPT if c == 0 else rng.choice(['Ana García', 'Bo Li', 'Zoë Ünal']) + ' %d' % c
            email = 'person%d@example.com' % c
            phone = '+44 20 7946 %04d' % c
            consent = 'yes' if c == 0 or rng.random() < 0.7 else 'no'
            w.writerow([cid, name, email, phone] + ([consent] if with_consent else []))
            contacts[cid] = (name, email, phone)
    return orders, customers, contacts


class PlaybooksTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix='segments-playbooks-')
        cls.sample = os.path.join(cls.tmp, 'sample.segments')
        tx = os.path.join(SOURCE_ROOT, 'data', 'sample', 'transactions.csv')
        cu = os.path.join(SOURCE_ROOT, 'data', 'sample', 'customers.csv')
        check('import', cls.sample, '--transactions', tx, '--customers', cu)
        check('segment', cls.sample)
        cls.shop = os.path.join(cls.tmp, 'shop.segments')
        orders, customers, cls.contacts = write_shop(cls.tmp, seed=17)
        check('import', cls.shop, '--transactions', orders, '--customers', customers)
        check('segment', cls.shop, '--k', '3')
        check('clv', cls.shop)
        # A segment name with markup, and an owner on one segment only.
        check('edit', cls.shop, '--segment', '1', '--name', 'Top ' + SCRIPT + ' & co')
        check('edit', cls.shop, '--segment', '2', '--owner', 'Dana (key accounts)')

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def plans(self, project):
        return json.loads(check('plan', project, '--json'))['plans']

    def members(self, project):
        """customer id -> segment name, for the customers who may be contacted."""
        out = os.path.join(self.tmp, 'assignments-%s.csv' % os.path.basename(project))
        check('export', project, '--assignments', out)
        with open(out, newline='', encoding='utf-8') as f:
            return {r['customer_id']: r['segment_name'] for r in csv.DictReader(f)}

    def write(self, project, fmt):
        out = os.path.join(self.tmp, 'playbooks-%s-%s' % (os.path.basename(project), fmt),
                           'nested')
        shutil.rmtree(os.path.dirname(out), ignore_errors=True)
        args = ['playbooks', project, '-o', out]
        if fmt is not None:
            args += ['--format', fmt]
        r = run_cli(*args)
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        printed = r.stdout.split()
        self.assertTrue(os.path.isdir(out))
        self.assertEqual(sorted(os.path.basename(p) for p in printed), sorted(os.listdir(out)))
        return out, printed

    # ---------------------------------------------------------------------------------------

    def check_html(self, project, contacts=None):
        out, printed = self.write(project, None)
        plans = self.plans(project)
        members = self.members(project)
        files = sorted(f for f in os.listdir(out) if f.endswith('.html') and f != 'index.html')
        self.assertEqual(len(files), len(plans))
        self.assertIn('index.html', os.listdir(out))
        self.assertEqual(os.path.basename(printed[-1]), 'index.html')

        index = parse_html(os.path.join(out, 'index.html'))
        self.assertEqual(sorted(index.links), files)

        seen = set()
        for name in files:
            page = parse_html(os.path.join(out, name))
            self.assertNotIn('script', page.tags, name)
            self.assertNotIn('link', page.tags, name)      # self-contained: CSS inline
            plan = next(p for p in plans if p['name'] == page.h1.strip())
            seen.add(plan['name'])
            text = page.all_text()
            self.assertIn(squash(plan['plan']['objective']), text)
            self.assertIn(squash(plan['plan']['kpi']['text']), text)
            for tactic in plan['plan']['tactics']:
                self.assertIn(squash(tactic), text)
            if plan['owner']:
                self.assertIn(plan['owner'], text)
            else:
                self.assertIn('ask your manager', text)
                self.assertNotIn('Owner', [r[0] for r in page.rows if r])
            self.check_examples(page, plan['name'], members, contacts)
        self.assertEqual(seen, {p['name'] for p in plans})

    def check_examples(self, page, segment, members, contacts):
        header_index = next(i for i, r in enumerate(page.rows) if r and r[0] == 'Customer ID')
        header = page.rows[header_index]
        rows = page.rows[header_index + 1:]
        in_segment = [c for c, s in members.items() if s == segment]
        self.assertEqual(len(rows), min(10, len(in_segment)), segment)
        for row in rows:
            cid = row[0]
            self.assertEqual(members.get(cid), segment, cid)
            if contacts is not None:
                name, email, phone = contacts[cid]
                self.assertEqual(row[header.index('Name')], name)
                self.assertEqual(row[header.index('Email')], email)
                self.assertEqual(row[header.index('Phone')], phone)
            else:
                self.assertNotIn('Email', header)

    def test_sample_html(self):
        self.check_html(self.sample)

    def test_contacts_html(self):
        self.check_html(self.shop, self.contacts)

    def test_escaping(self):
        out, _ = self.write(self.shop, 'html')
        found_name = found_customer = False
        for name in os.listdir(out):
            with open(os.path.join(out, name), encoding='utf-8') as f:
                raw = f.read()
            self.assertNotIn('<script', raw, name)
            found_name |= html.escape('Top ' + SCRIPT + ' & co', quote=False) in raw
            found_customer |= html.escape(SCRIPT, quote=False) in raw and name != 'index.html'
        self.assertTrue(found_name)
        self.assertTrue(found_customer)

    @unittest.skipUnless(shutil.which('pdftotext'), 'pdftotext is not installed')
    def test_pdf_same_content(self):
        for project, contacts in ((self.sample, None), (self.shop, self.contacts)):
            html_out, _ = self.write(project, 'html')
            pdf_out, printed = self.write(project, 'pdf')
            pdfs = sorted(f for f in os.listdir(pdf_out) if f.endswith('.pdf'))
            htmls = sorted(f for f in os.listdir(html_out) if f != 'index.html')
            self.assertEqual([os.path.splitext(f)[0] for f in pdfs],
                             [os.path.splitext(f)[0] for f in htmls])
            self.assertIn('index.html', os.listdir(pdf_out))
            self.assertEqual(sorted(parse_html(os.path.join(pdf_out, 'index.html')).links), pdfs)
            plans = {p['name']: p for p in self.plans(project)}
            for pdf, page_file in zip(pdfs, htmls):
                r = subprocess.run(['pdftotext', '-raw', os.path.join(pdf_out, pdf), '-'],
                                   stdout=subprocess.PIPE, text=True, check=True)
                text = squash(r.stdout)
                page = parse_html(os.path.join(html_out, page_file))
                plan = plans[page.h1.strip()]
                self.assertIn(squash(plan['name']), text)
                self.assertIn(squash(plan['plan']['kpi']['text']), text)
                # Wrapped lines: compare the objective's words in order.
                self.assertIn(squash(plan['plan']['objective'])[:40], text)
                header_index = next(i for i, r in enumerate(page.rows)
                                    if r and r[0] == 'Customer ID')
                # A long cell may wrap in its column: compare without spaces.
                flat = ''.join(text.split())
                for row in page.rows[header_index + 1:]:
                    for cell in row:
                        self.assertIn(''.join(cell.split()), flat, (pdf, cell))

    def test_without_consent_information(self):
        """Without a consent column, examples are any members, and the page says to check
        consent first."""
        project = os.path.join(self.tmp, 'noconsent.segments')
        orders, customers, contacts = write_shop(self.tmp, seed=5, with_consent=False,
                                                 prefix='noconsent-')
        check('import', project, '--transactions', orders, '--customers', customers)
        check('segment', project, '--k', '3')
        out, _ = self.write(project, 'html')
        assignments = os.path.join(self.tmp, 'noconsent-assignments.csv')
        check('export', project, '--assignments', assignments)
        with open(assignments, newline='', encoding='utf-8') as f:
            members = {r['customer_id']: r['segment_name'] for r in csv.DictReader(f)}
        self.assertEqual(len(members), len(contacts))    # nobody is left out
        for name in os.listdir(out):
            if name == 'index.html':
                continue
            page = parse_html(os.path.join(out, name))
            self.assertIn('no consent information', page.all_text())
            self.check_examples(page, page.h1.strip(), members, contacts)

    def test_usage(self):
        r = run_cli('playbooks', self.sample)
        self.assertEqual(r.returncode, EXIT_USAGE)
        self.assertIn('-o', r.stderr)
        r = run_cli('playbooks', self.sample, '-o', os.path.join(self.tmp, 'x'), '--format', 'doc')
        self.assertEqual(r.returncode, EXIT_USAGE)
        self.assertIn('html or pdf', r.stderr)


if __name__ == '__main__':
    CLI, SOURCE_ROOT = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)
