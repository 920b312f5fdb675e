"""Generator of a large, consistent data set for the assessment benchmark and the large-data test.

``LargeDataGenerator(env, dealers=2000, months=24, lines=500000).run()`` loads, into the current
transaction of a database where the dealer addons are installed:

- master data through batched ``create``: products, 20 territories, grades, the dealers (active), one
  contract per dealer (active, over the whole history) and its monthly targets, two journals of its own
  (so that the sequences of the real journals are untouched), a complaint category;
- the history through bulk SQL (``INSERT ... SELECT generate_series``, see large_data_sql.py): confirmed sale
  orders of five lines, their done deliveries (stock.picking / stock.move / stock.move.line), posted
  customer invoices, payments reconciled with them (some late, some never: overdue), credit notes with
  their return pickings, violations, complaints, market feedback and channel stock reports.

The history covers ``months`` whole months ending at the end of the last complete month (``end``). Every
random choice is a hash of the row number and the seed: the same sizes and seed give the same data.
The rows are what the ORM would have written (NOT NULL columns, company and currency, balanced journal
entries, residual amounts and payment states that match the reconciliations, done moves with their
quantities and the warehouse's picking types and locations), and what the KPIs read
(dealer_assessment/models/dealer_kpi.py).
"""
import logging
import time
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tools import SQL

from odoo.addons.dealer_management.tools.period import period_bounds, previous_period

from . import large_data_sql

_logger = logging.getLogger(__name__)

BATCH = 500
LINES_PER_ORDER = 5


def last_complete_month_end(today=None):
    """The last day of the month before ``today``'s."""
    today = today or date.today()
    return today.replace(day=1) - timedelta(days=1)


class LargeDataGenerator:
    """Load ``dealers`` active dealers with ``months`` months of history and about ``lines`` order lines."""

    def __init__(self, env, dealers=2000, months=24, lines=500000, seed=8, end=None, company=None, say=None):
        # no chatter messages nor tracking for thousands of generated records
        self.env = env(su=True, context=dict(
            env.context, tracking_disable=True, mail_create_nolog=True, mail_notrack=True, mail_create_nosubscribe=True,
        ))
        self.n_dealers = dealers
        self.months = months
        self.lines_per_order = LINES_PER_ORDER
        self.n_orders = max(1, -(-lines // LINES_PER_ORDER))
        self.seed = seed
        self.end = end or last_complete_month_end(fields.Date.context_today(self.env["res.partner"]))
        self.start = (self.end.replace(day=1) - relativedelta(months=months - 1)).replace(day=1)
        self.company = company or self.env.company
        self.say = say or _logger.info
        self.tag = f"LD{seed}"
        self.dealers = self.env["res.partner"]
        self.counts = {}

    # ------------------------------------------------------------------ entry point
    def run(self):
        """Load everything; return {table: rows added}."""
        started = time.perf_counter()
        before = self._table_counts()
        self._master_data()
        self.say(f"master data: {len(self.dealers)} dealers, {len(self.products)} products "
                 f"({time.perf_counter() - started:.1f} s)")
        self.env.flush_all()
        large_data_sql.load(self)
        self.env.invalidate_all()
        after = self._table_counts()
        self.counts = {table: after[table] - before[table] for table in after}
        self.elapsed = time.perf_counter() - started
        return self.counts

    def _table_counts(self):
        counts = {}
        for table in large_data_sql.TABLES:
            self.env.cr.execute(SQL("SELECT COUNT(*) FROM %s", SQL.identifier(table)))
            counts[table] = self.env.cr.fetchone()[0]
        return counts

    # ------------------------------------------------------------------ master data (ORM)
    def _master_data(self):
        env, company = self.env, self.company
        self.currency = company.currency_id
        self.uom = env.ref("uom.product_uom_unit")
        self.warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        self.out_type = self.warehouse.out_type_id
        self.in_type = self.out_type.return_picking_type_id or self.warehouse.in_type_id
        self.stock_location = self.warehouse.lot_stock_id
        self.customer_location = env.ref("stock.stock_location_customers")
        self._accounts()
        self.products = env["product.product"].create([{
            "name": f"{self.tag} product {index:02d}", "type": "consu", "is_storable": True,
            "list_price": 20.0 + 15.0 * index, "standard_price": 12.0 + 9.0 * index, "company_id": False,
            "uom_id": self.uom.id, "uom_po_id": self.uom.id, "taxes_id": [Command.clear()],
        } for index in range(40)])
        # a region (all the dealers), two provinces (half of them each), 20 cities
        Territory = env["dealer.territory"]
        self.region = Territory.create({"name": f"{self.tag} region", "level": "region"})
        self.provinces = Territory.create([
            {"name": f"{self.tag} province {half}", "level": "province", "parent_id": self.region.id}
            for half in "AB"
        ])
        self.territories = Territory.create([
            {"name": f"{self.tag} city {index:02d}", "level": "city", "parent_id": self.provinces[index % 2].id}
            for index in range(20)
        ])
        self.grades = env["dealer.grade"].search([("company_id", "in", (False, company.id))], limit=3)
        if not self.grades:
            self.grades = env["dealer.grade"].create([
                {"name": f"{self.tag} grade {code}", "code": f"{self.tag}{code}"} for code in "ABC"
            ])
        self._dealers()
        self._contracts()
        self.complaint_category = env["dealer.complaint.category"].create({"name": f"{self.tag} complaints"})

    def _accounts(self):
        env, company = self.env, self.company
        Account = env["account.account"]
        domain = Account._check_company_domain(company)
        if not Account.search_count([*domain, ("account_type", "=", "asset_receivable")], limit=1):
            # a database created without demo data and without a country has no chart of accounts yet
            env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        self.receivable_account = company.partner_id.with_company(company).property_account_receivable_id \
            or Account.search([*domain, ("account_type", "=", "asset_receivable")], limit=1)
        self.income_account = Account.search([*domain, ("account_type", "=", "income")], limit=1)
        if not (self.receivable_account and self.income_account):
            raise ValueError(f"Company {company.name} has no chart of accounts: install one first.")
        self.sale_journal = env["account.journal"].create({
            "name": f"{self.tag} Sales", "code": f"S{self.seed % 1000:03d}"[:5], "type": "sale",
            "company_id": company.id, "default_account_id": self.income_account.id,
        })
        self.bank_journal = env["account.journal"].create({
            "name": f"{self.tag} Bank", "code": f"B{self.seed % 1000:03d}"[:5], "type": "bank",
            "company_id": company.id,
        })
        self.bank_account = self.bank_journal.default_account_id

    def _dealers(self):
        Partner = self.env["res.partner"]
        dealers = Partner
        for start in range(0, self.n_dealers, BATCH):
            dealers |= Partner.create([{
                "name": f"{self.tag} dealer {index:05d} 经销商", "is_company": True, "is_dealer": True,
                "company_id": False, "dealer_grade_id": self.grades[index % len(self.grades)].id,
                "dealer_territory_ids": [Command.set(self.territories[index % len(self.territories)].ids)],
            } for index in range(start, min(start + BATCH, self.n_dealers))])
        dealers._dealer_set_state("active")
        # dealers since the start of the history: the assessment leaves out dealers admitted after a period
        dealers._dealer_trusted().write({"dealer_since": self.start})
        self.dealers = dealers

    def _contracts(self):
        """One contract per dealer over the whole history (active), its monthly targets inserted in SQL."""
        Contract = self.env["dealer.contract"]
        contracts = Contract
        for start in range(0, len(self.dealers), BATCH):
            contracts |= Contract.create([{
                "partner_id": dealer.id, "company_id": self.company.id, "date_start": self.start,
                "date_end": self.end + timedelta(days=365), "grade_id": dealer.dealer_grade_id.id,
            } for dealer in self.dealers[start:start + BATCH]])
        self.env.flush_all()
        # the activation checks (documents, territories, overlaps) are dealer_management's tests' business
        self.env.cr.execute(SQL("UPDATE dealer_contract SET state = 'active' WHERE id = ANY(%s)", contracts.ids))
        self.contracts = contracts


def last_complete_quarter(end):
    """(first day, last day) of the last quarter ending on or before ``end``."""
    date_from, date_to = period_bounds(end, "quarter")
    if date_to != end:
        date_from, date_to = previous_period(end, "quarter")
    return date_from, date_to
