#!/usr/bin/python3
# bench-activation.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Times `segments-cli export --preset` for every preset on a generated project.

usage: bench-activation.py SEGMENTS_CLI DIR [--runs N]

DIR holds transactions.csv and customers.csv from ../shared/bench/gen_transactions.py. The
customer list is extended here with contact fields (customers-contacts.csv: an e-mail
address for 95 % of customers, 1 % of them invalid, a name and a phone number), imported
with the orders, segmented (k = 5) and given a value model, so that every column of every
preset is filled.  Each preset export is then run N times (default 3); the median wall time
of the whole command (start, loading the project's columns, writing the file, recording the
export) is printed with the rows written.
"""

import csv
import os
import random
import statistics
import subprocess
import sys
import time


def add_contacts(src, dst, seed=3):
    rng = random.Random(seed)
    first = ['Ana', 'Bo', 'Céline', 'Dmitri', 'Eve', 'Farid', 'Grace', 'Hiro']
    last = ['García', 'Li', 'Ünal', 'Smith', 'Okafor', 'Nowak', 'Rossi', 'Kim']
    with open(src, newline='', encoding='utf-8') as f, \
         open(dst, 'w', newline='', encoding='utf-8') as out:
        r = csv.reader(f)
        w = csv.writer(out)
        header = next(r)
        w.writerow(header + ['email', 'name', 'phone'])
        for row in r:
            x = rng.random()
            if x < 0.05:
                email = ''
            elif x < 0.0595:
                email = 'not-an-address'
            else:
                email = '%s.%s@Example-%d.com' % (row[0].lower(), rng.choice(last).lower(),
                                                  rng.randint(0, 99))
            name = '%s %s' % (rng.choice(first), rng.choice(last))
            phone = '+44 20 %04d %04d' % (rng.randint(0, 9999), rng.randint(0, 9999))
            w.writerow(row + [email, name, phone])


def run(*args):
    r = subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit('%s failed: %s' % (' '.join(args), r.stderr))
    return r


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cli, directory = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[sys.argv.index('--runs') + 1]) if '--runs' in sys.argv else 3
    customers = os.path.join(directory, 'customers-contacts.csv')
    project = os.path.join(directory, 'activation.segments')
    if not os.path.exists(customers):
        add_contacts(os.path.join(directory, 'customers.csv'), customers)
    if not os.path.exists(project):
        t = time.monotonic()
        run(cli, 'import', project, '--transactions',
            os.path.join(directory, 'transactions.csv'), '--customers', customers)
        run(cli, 'segment', project, '--k', '5')
        run(cli, 'clv', project)
        print('prepared the project in %.1f s' % (time.monotonic() - t))

    print('| preset | rows written | median of %d | min | file size |' % runs)
    print('|---|---:|---:|---:|---:|')
    for preset in ('hubspot', 'salesforce', 'mailchimp', 'klaviyo', 'google-ads', 'meta',
                   'generic'):
        out = os.path.join(directory, 'bench-%s.csv' % preset)
        times = []
        for _ in range(runs):
            t = time.monotonic()
            r = run(cli, 'export', project, '--preset', preset, '-o', out)
            times.append(time.monotonic() - t)
        written = r.stdout.split(' customer')[0]
        print('| %s | %s | %.2f s | %.2f s | %.0f MB |' % (
            preset, written, statistics.median(times), min(times),
            os.path.getsize(out) / 1e6))


if __name__ == '__main__':
    main()
