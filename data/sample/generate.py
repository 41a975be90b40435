#!/usr/bin/python3
# generate.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the sample data set shipped with Segments.

A fictional wholesaler of industrial supplies with about 3,000 business customers and two
years of orders ending on 2025-12-31.  The customers are drawn from a few behaviours so that
segmentation has something real to find:

  loyal      buy every few weeks, large baskets, since the start of the period
  regular    buy every month or two, medium baskets
  fading     were regulars in 2024, slowed down, last order 4-12 months ago
  newcomer   first order in the last four months
  one-timer  a single order (rarely two) and never came back
  key        a handful of very large accounts with very large orders (outliers)

About 3% of orders are partly or fully returned: a negative row with the same order id a few
days after the order.  About 8% of customers have not given marketing consent.  Each line has
a cost (gross margin around 32%; about 3% of customers are served at a loss; about 1% of
lines have no cost).

interactions.csv holds e-mail opens and clicks, web visits, support tickets and campaign
responses of the last four months, from a generator of its own so that the other files do
not change when it does; a group of "browsers" reads many e-mails but seldom buys.

The output is deterministic (fixed seed) and sorted, so re-running it gives identical files:

  /usr/bin/python3 data/sample/generate.py [OUTPUT_DIR]
"""

import datetime
import os
import sys

import numpy as np

SEED = 20251231
N_CUSTOMERS = 3000
START = datetime.date(2024, 1, 1)
END = datetime.date(2025, 12, 31)
N_DAYS = (END - START).days + 1
RETURN_RATE = 0.03
NO_CONSENT_RATE = 0.08

# name: share of customers
GROUPS = [
    ("loyal", 0.08),
    ("regular", 0.32),
    ("fading", 0.15),
    ("newcomer", 0.15),
    ("one-timer", 0.295),
    ("key", 0.005),
]

INDUSTRIES = ["Manufacturing", "Construction", "Logistics", "Healthcare", "Retail",
              "Hospitality", "Professional Services", "Education", "Public Sector",
              "Energy"]
SIZES = ["Micro", "Small", "Medium", "Large", "Enterprise"]
REGIONS = ["DACH", "Benelux", "Nordics", "UK & Ireland", "France", "Southern Europe",
           "Central Europe"]
CHANNELS = ["Web shop", "Field sales", "Partner", "Trade fair", "Referral", "Marketplace"]

# Company-size mix per group: bigger firms buy more and more often.
SIZE_WEIGHTS = {
    "loyal":     [0.05, 0.20, 0.40, 0.25, 0.10],
    "regular":   [0.15, 0.35, 0.35, 0.12, 0.03],
    "fading":    [0.25, 0.40, 0.25, 0.08, 0.02],
    "newcomer":  [0.35, 0.35, 0.20, 0.08, 0.02],
    "one-timer": [0.45, 0.35, 0.15, 0.04, 0.01],
    "key":       [0.00, 0.00, 0.00, 0.30, 0.70],
}
CHANNEL_WEIGHTS = {
    "loyal":     [0.20, 0.45, 0.20, 0.05, 0.10, 0.00],
    "regular":   [0.40, 0.25, 0.15, 0.07, 0.10, 0.03],
    "fading":    [0.45, 0.15, 0.15, 0.10, 0.05, 0.10],
    "newcomer":  [0.45, 0.10, 0.10, 0.15, 0.10, 0.10],
    "one-timer": [0.45, 0.05, 0.05, 0.15, 0.05, 0.25],
    "key":       [0.00, 0.80, 0.20, 0.00, 0.00, 0.00],
}
INDUSTRY_WEIGHTS = [0.22, 0.14, 0.10, 0.10, 0.10, 0.07, 0.11, 0.05, 0.05, 0.06]
REGION_WEIGHTS = [0.30, 0.13, 0.10, 0.12, 0.12, 0.13, 0.10]
SIZE_FACTOR = [0.6, 0.85, 1.0, 1.4, 2.0]

# Order value drops a little in the quiet weeks of summer and at the turn of the year.
def season(day):
    d = START + datetime.timedelta(days=int(day))
    if d.month == 8 or (d.month == 12 and d.day > 20):
        return 0.85
    if d.month in (3, 9, 10):
        return 1.1
    return 1.0


def weighted(rng, items, weights):
    w = np.asarray(weights, dtype=float)
    return items[rng.choice(len(items), p=w / w.sum())]


def renewal_days(rng, first, last, mean_gap, jitter=0.5):
    """Order days from first to last with gamma-distributed gaps around mean_gap."""
    days = []
    day = first
    shape = 1.0 / (jitter * jitter)
    while day <= last:
        days.append(day)
        day += max(1, int(round(rng.gamma(shape, mean_gap / shape))))
    return days


def order_days(rng, group):
    """Days (0 = START) of one customer's orders, and the customer's basket scale."""
    last_day = N_DAYS - 1
    if group == "loyal":
        first = int(rng.integers(0, 120))
        gap = rng.uniform(16, 28)
        days = renewal_days(rng, first, last_day, gap, 0.35)
        basket = rng.lognormal(np.log(2400), 0.35)
    elif group == "regular":
        first = int(rng.integers(0, 300))
        gap = rng.uniform(50, 80)
        days = renewal_days(rng, first, last_day, gap, 0.5)
        basket = rng.lognormal(np.log(850), 0.45)
    elif group == "fading":
        first = int(rng.integers(0, 240))
        stop = last_day - int(rng.integers(120, 365))
        gap = rng.uniform(45, 90)
        days = renewal_days(rng, first, max(first, stop), gap, 0.6)
        basket = rng.lognormal(np.log(650), 0.5)
    elif group == "newcomer":
        first = last_day - int(rng.integers(5, 110))
        gap = rng.uniform(20, 45)
        days = renewal_days(rng, first, last_day, gap, 0.6)[:3]
        basket = rng.lognormal(np.log(500), 0.55)
    elif group == "one-timer":
        first = int(rng.integers(0, N_DAYS - 300))
        days = [first]
        if rng.random() < 0.12:
            days.append(first + int(rng.integers(7, 60)))
        basket = rng.lognormal(np.log(320), 0.6)
    else:  # key account
        first = int(rng.integers(0, 60))
        gap = rng.uniform(25, 45)
        days = renewal_days(rng, first, last_day, gap, 0.4)
        basket = rng.lognormal(np.log(16000), 0.3)
    if not days:
        days = [first]
    return days, basket


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    rng = np.random.default_rng(SEED)

    names = [g for g, _ in GROUPS]
    counts = [int(round(share * N_CUSTOMERS)) for _, share in GROUPS]
    counts[names.index("one-timer")] += N_CUSTOMERS - sum(counts)
    groups = []
    for name, count in zip(names, counts):
        groups += [name] * count
    groups = [groups[i] for i in rng.permutation(len(groups))]

    customers = []
    orders = []  # (day, customer index, amount)
    for idx, group in enumerate(groups):
        size = weighted(rng, list(range(len(SIZES))), SIZE_WEIGHTS[group])
        customers.append((
            "CUST-%05d" % (idx + 1),
            weighted(rng, INDUSTRIES, INDUSTRY_WEIGHTS),
            SIZES[size],
            weighted(rng, REGIONS, REGION_WEIGHTS),
            weighted(rng, CHANNELS, CHANNEL_WEIGHTS[group]),
            "no" if rng.random() < NO_CONSENT_RATE else "yes",
        ))
        days, basket = order_days(rng, group)
        basket *= SIZE_FACTOR[size]
        for day in days:
            amount = basket * rng.lognormal(0.0, 0.4) * season(day)
            orders.append((day, idx, max(12.0, round(amount, 2))))

    orders.sort(key=lambda o: (o[0], o[1]))
    rows = []  # (day, order number, customer index, amount)
    for number, (day, idx, amount) in enumerate(orders, start=100001):
        rows.append((day, number, idx, amount))
        if rng.random() < RETURN_RATE:
            back = day + int(rng.integers(2, 21))
            if back <= N_DAYS - 1:
                share = 1.0 if rng.random() < 0.25 else rng.uniform(0.1, 0.6)
                rows.append((back, number, idx, -round(amount * share, 2)))
    rows.sort(key=lambda r: (r[0], r[1], -r[3]))

    with open(os.path.join(out_dir, "customers.csv"), "w", newline="\n") as f:
        f.write("customer_id,industry,company_size,region,channel,consent\n")
        for c in customers:
            f.write(",".join('"%s"' % v if "," in v else v for v in c) + "\n")

    costs = line_costs(rows, len(customers))
    with open(os.path.join(out_dir, "transactions.csv"), "w", newline="\n") as f:
        f.write("order_id,customer_id,order_date,amount,cost\n")
        for (day, number, idx, amount), cost in zip(rows, costs):
            date = START + datetime.timedelta(days=int(day))
            f.write("SO-%d,CUST-%05d,%s,%.2f,%s\n" % (number, idx + 1, date.isoformat(), amount,
                                                      "" if cost is None else "%d" % cost))


def line_costs(rows, n_customers):
    """The cost of each order line, from a generator of its own so that every other column
    stays as it was: a gross margin per customer around 32 %, a few accounts served at a
    loss (deep discounts, costly delivery), and about 1 % of lines without a cost (the
    product master lacked it), which Segments counts instead of reading as zero.  A return
    gives its cost back."""
    rng = np.random.default_rng(SEED + 18)
    margin = np.clip(rng.normal(0.32, 0.07, n_customers), 0.08, 0.6)
    at_loss = rng.random(n_customers) < 0.03
    margin[at_loss] = rng.uniform(-0.25, -0.03, int(at_loss.sum()))
    costs = []
    for _day, _number, idx, amount in rows:
        line_margin = margin[idx] + rng.normal(0.0, 0.03)
        missing = rng.random() < 0.01
        # whole currency units: the file stays small, and a cost is rarely kept to the cent
        costs.append(None if missing else int(round(amount * (1.0 - line_margin))))
    return costs

    write_interactions(out_dir, groups)


def write_interactions(out_dir, groups):
    """interactions.csv: e-mail opens and clicks, web visits, support tickets and campaign
    responses per customer.  Drawn from a generator of their own (seeded), after the other
    files, so the orders and the customer list stay exactly as they were.  Most customers
    open a few e-mails; a "browser" group among the one-time and fading buyers opens and
    reads many e-mails and visits the web shop often but seldom buys — what an
    engagement-aware segmentation finds and an RFM-only one cannot."""
    rng = np.random.default_rng(SEED + 18)
    rates = {  # per 30 days: opens, clicks, visits, tickets, campaign responses
        "loyal": (3.0, 0.8, 2.0, 0.15, 0.2),
        "regular": (2.0, 0.4, 1.0, 0.08, 0.1),
        "fading": (0.6, 0.05, 0.2, 0.10, 0.02),
        "newcomer": (2.5, 0.6, 2.5, 0.05, 0.15),
        "one-timer": (0.4, 0.05, 0.1, 0.02, 0.01),
        "key": (1.5, 0.3, 1.0, 0.6, 0.05),
        "browser": (14.0, 3.0, 6.0, 0.02, 0.8),
    }
    types = ["email_open", "email_click", "web_visit", "support_ticket", "campaign_response"]
    channels = ["newsletter", "newsletter", "web", "helpdesk", "campaign"]
    rows = []
    for idx, group in enumerate(groups):
        if group in ("one-timer", "fading") and rng.random() < 0.3:
            group = "browser"
        for t, rate in enumerate(rates[group]):
            # half the rate, over the last 120 days of the period
            for _ in range(int(rng.poisson(rate * 2))):
                day = N_DAYS - 1 - int(rng.integers(0, 120))
                rows.append((day, idx, t))
    rows = sorted(set(rows))  # one interaction of a type per customer and day
    with open(os.path.join(out_dir, "interactions.csv"), "w", newline="\n") as f:
        f.write("customer_id,date,type,channel\n")
        for day, idx, t in rows:
            date = START + datetime.timedelta(days=int(day))
            f.write("CUST-%05d,%s,%s,%s\n" % (idx + 1, date.isoformat(), types[t], channels[t]))


if __name__ == "__main__":
    main()
