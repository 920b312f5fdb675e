import time
from collections import defaultdict
from contextlib import contextmanager

from odoo import Command, _, api, models
from odoo.exceptions import UserError

from ..models.dealer_application import normalize_credit_code
from ..tools.period import PERIOD_TYPES, period_bounds
from . import dealer_import_cells as cells
from .dealer_import_cells import RowError

# the lifecycle steps from a new (prospect) dealer to the status of the file, through _dealer_set_state
STATUS_STEPS = {
    "prospect": (),
    "applicant": ("applicant",),
    "active": ("active",),
    "suspended": ("active", "suspended"),
    "terminated": ("terminated",),
}


class DealerImportLoader(models.AbstractModel):
    """The row loaders of the go-live import: each turns one row (or one contract with its targets and tiers, one
    dealer's stock count) into records through the same code paths as the back office's wizards and buttons.

    ``cache`` is built once per file (``_dealer_import_cache``): the dealers by code, the grades, territories,
    payment terms, users, categories and products by their codes, so that a row costs the queries of its own
    writes only.
    """

    _name = "dealer.import.loader"
    _description = "Dealer Import Row Loaders"

    # ------------------------------------------------------------------ look-ups, once per file
    @api.model
    def _dealer_import_cache(self, tables):
        company = self.env.company
        codes = {cells.text(row, "code") for row in tables.get("dealers", ())}
        codes |= {cells.text(row, "parent_code") for row in tables.get("dealers", ())}
        for sheet in ("contacts", "contracts", "stock"):
            codes |= {cells.text(row, "dealer_code") for row in tables.get(sheet, ())}
        codes.discard("")
        # sudo: the dealer codes of every company, to refuse a row naming another company's dealer (it is never
        # written: the row is refused), instead of failing on the unique code
        dealers = self.env["res.partner"].sudo().with_context(active_test=False).search(
            [("dealer_code", "in", list(codes))]) if codes else self.env["res.partner"]
        credit_codes = {normalize_credit_code(cells.text(row, "credit_code")) for row in tables.get("dealers", ())}
        credit_codes.discard("")
        # sudo: as above, a credit code held by a partner the user cannot read is still a duplicate
        holders = self.env["res.partner"].sudo().with_context(active_test=False).search(
            [("vat", "in", list(credit_codes)), ("parent_id", "=", False)]) if credit_codes else dealers.browse()
        references = {cells.text(row, "reference") for row in tables.get("contracts", ())} - {""}
        contracts = self.env["dealer.contract"].search([
            ("name", "in", list(references)), ("company_id", "=", company.id), ("state", "!=", "superseded"),
        ]) if references else self.env["dealer.contract"]
        # sudo: every company's territories, to tell "another company's territory" from "unknown territory"
        territories = self.env["dealer.territory"].sudo().with_context(active_test=False).search([])
        grades = self.env["dealer.grade"].search([("company_id", "in", (False, company.id))])
        terms = self.env["account.payment.term"].search([("company_id", "in", (False, company.id))])
        logins = {cells.text(row, "salesperson") for row in tables.get("dealers", ())} - {""}
        users = self.env["res.users"].search([("login", "in", list(logins))]) if logins else self.env["res.users"]
        product_codes = {cells.text(row, "product_code") for row in tables.get("stock", ())} - {""}
        products = self.env["product.product"].search(
            [("default_code", "in", list(product_codes))]) if product_codes else self.env["product.product"]
        return {
            "company": company,
            "china": self.env.ref("base.cn"),
            # the partners' defaults asked once per file instead of once per partner (a query each)
            "partner_defaults": {"default_display_invoice_template_pdf_report_id":
                                 self.env["res.partner"]._default_display_invoice_template_pdf_report_id()},
            "dealers": {partner.dealer_code: partner.sudo(False) for partner in dealers},
            "vat": {normalize_credit_code(partner.vat): partner.sudo(False) for partner in holders},
            "contracts": {contract.name: contract for contract in contracts},
            "territories": {territory.code: territory.sudo(False) for territory in territories if territory.code},
            "grades": {key: grade for grade in grades for key in (grade.code, grade.name)},
            "terms": {term.name: term for term in terms},
            "users": {user.login: user for user in users},
            "products": {product.default_code: product for product in products},
            "categories": {},
            "states": {},
            "refused": set(),  # the dealer codes whose rows are refused
            "children": {},  # {dealer id: {e-mail or name: contact}}
            "pending": [],  # (map, key) entries of the row being loaded, forgotten when the row is refused
        }

    @contextmanager
    def _dealer_import_phase(self, name):
        """Add the wall time, CPU time and SQL queries of this phase of the import to the context's
        ``dealer_import_phases`` ({phase: [wall, cpu, queries]}, the bench's), when it carries one."""
        phases = self.env.context.get("dealer_import_phases")
        if phases is None:
            yield
            return
        cr = self.env.cr
        before = time.perf_counter(), time.process_time(), cr.sql_log_count
        yield
        self.env.flush_all()
        totals = phases.setdefault(name, [0.0, 0.0, 0])
        totals[0] += time.perf_counter() - before[0]
        totals[1] += time.process_time() - before[1]
        totals[2] += cr.sql_log_count - before[2]

    @api.model
    def _dealer_import_remember(self, cache, name, key, record):
        """Put a record created by the current row in the cache, to be forgotten if the row is refused."""
        cache[name][key] = record
        cache["pending"].append((cache[name], key))

    def _dealer_import_dealer_of(self, cache, row, key):
        """The dealer of this company whose code is in the cell ``key``; RowError when there is none."""
        code = cells.text(row, key, required=True)
        dealer = cache["dealers"].get(code)
        if not dealer and code in cache["refused"]:
            raise RowError(key, _("Dealer %(code)s is refused on the Dealers sheet: correct its row.", code=code))
        if not dealer:
            raise RowError(key, _("No dealer has the code %(code)s: add it to the Dealers sheet.", code=code))
        self._dealer_import_check_company(cache, dealer, key)
        return dealer

    def _dealer_import_check_company(self, cache, dealer, key):
        company = cache["company"]
        if dealer.sudo().company_id not in (company, company.browse()):
            raise RowError(key, _(
                "Dealer code %(code)s belongs to a dealer of another company: the import loads the dealers of "
                "%(company)s only.", code=dealer.dealer_code, company=company.name,
            ))

    def _dealer_import_territories(self, cache, row):
        territories = self.env["dealer.territory"]
        for code in cells.codes(row, "territories"):
            territory = cache["territories"].get(code)
            if not territory:
                raise RowError("territories", _("No territory has the code %(code)s.", code=code))
            if territory.sudo().company_id not in (cache["company"], cache["company"].browse()):
                raise RowError("territories", _(
                    "Territory %(code)s belongs to another company: give territories of %(company)s.",
                    code=code, company=cache["company"].name,
                ))
            territories |= territory
        return territories

    # ------------------------------------------------------------------ dealers
    def _dealer_import_dealer_values(self, cache, row):
        """The dealer's company data of the row (the fields anyone editing the dealer may write)."""
        credit_code = normalize_credit_code(cells.text(row, "credit_code", required=True))
        problem = self.env["dealer.application"]._credit_code_problem(credit_code)
        if problem:
            raise RowError("credit_code", _(
                "The unified social credit code %(code)s is not valid: %(problem)s.", code=credit_code,
                problem=problem,
            ))
        code = cells.text(row, "code", required=True)
        holder = cache["vat"].get(credit_code)
        if holder and holder.sudo().dealer_code != code:
            raise RowError("credit_code", _(
                "The credit code %(credit_code)s already belongs to %(partner)s (dealer code %(code)s): one company "
                "is one dealer.", credit_code=credit_code, partner=holder.sudo().display_name,
                code=holder.sudo().dealer_code or _("none"),
            ))
        vals = {
            "name": cells.text(row, "name", required=True), "vat": credit_code, "is_company": True,
            "street": cells.text(row, "street") or False, "city": cells.text(row, "city") or False,
            "phone": cells.text(row, "phone") or False, "email": cells.text(row, "email") or False,
            "country_id": cache["china"].id,
        }
        province = cells.text(row, "province")
        if province:
            if province not in cache["states"]:
                # 浙江省, 浙江 or 浙: the full name, the name without 省/市/自治区, or the code
                cache["states"][province] = self.env["res.country.state"].search([
                    ("country_id", "=", vals["country_id"]), "|", "|", ("name", "=", province),
                    ("code", "=", province), ("name", "=like", f"{province}%"),
                ], order="name", limit=1)
            if not cache["states"][province]:
                raise RowError("province", _("No province of China is called %(name)s.", name=province))
            vals["state_id"] = cache["states"][province].id
        login = cells.text(row, "salesperson")
        if login:
            if login not in cache["users"]:
                raise RowError("salesperson", _("No user has the login %(login)s.", login=login))
            vals["user_id"] = cache["users"][login].id
        return vals

    def _dealer_import_dealer_row(self, cache, row, codes):
        """The values of one dealer row, read and checked against the file's look-ups (nothing written);
        ``codes``: the dealer codes of the rows before it in the same batch, which may be its parent."""
        code = cells.text(row, "code", required=True)
        vals = self._dealer_import_dealer_values(cache, row)
        grade_name = cells.text(row, "grade")
        grade = cache["grades"].get(grade_name) if grade_name else self.env["dealer.grade"]
        if grade_name and not grade:
            raise RowError("grade", _("No grade of %(company)s is called %(grade)s.", company=cache["company"].name,
                                      grade=grade_name))
        territories = self._dealer_import_territories(cache, row)
        parent_code = cells.text(row, "parent_code")
        if parent_code and parent_code not in codes:
            self._dealer_import_dealer_of(cache, row, "parent_code")
        status = cells.selection(self.env, row, "status", self.env["res.partner"]._fields["dealer_state"], "active")
        since = cells.day(row, "dealer_since")
        credit_limit = cells.number(row, "credit_limit")
        term_name = cells.text(row, "payment_terms")
        term = cache["terms"].get(term_name) if term_name else None
        if term_name and not term:
            raise RowError("payment_terms", _("No payment terms are called %(name)s.", name=term_name))
        if code in cache["dealers"]:
            self._dealer_import_check_company(cache, cache["dealers"][code], "code")
        terms = {}
        if credit_limit:
            terms["credit_limit"] = credit_limit
        if term:
            terms["property_payment_term_id"] = term.id
        return {"code": code, "vals": vals, "grade": grade, "territories": territories, "parent_code": parent_code,
                "status": status, "since": since, "terms": terms}

    def _dealer_import_dealers(self, cache, rows, reason):
        """Create or update the dealers of ``rows`` (each parent distributor before its sub-dealers) set-based:
        company data, grade (history), territories and parent (chatter), status (lifecycle), dealer since, credit
        limit and payment terms; the new dealers in one ``create``, the history and chatter lines in batches."""
        items, codes = [], set()
        with self._dealer_import_phase("parse/validate"):
            for row in rows:
                items.append(self._dealer_import_dealer_row(cache, row, codes))
                codes.add(items[-1]["code"])
        Partner = self.env["res.partner"]
        with self._dealer_import_phase("partners+contacts"):
            new = []
            for item in items:
                dealer = cache["dealers"].get(item["code"])
                if not dealer:
                    new.append(item)
                    continue
                if any(dealer._dealer_value_differs(dealer._fields[fname], value)
                       for fname, value in item["vals"].items()):
                    dealer.write(item["vals"])
                if item["grade"] and item["grade"] != dealer.dealer_grade_id:
                    dealer.with_context(dealer_grade_change_reason=reason)._dealer_trusted().write(
                        {"dealer_grade_id": item["grade"].id})
            # a new dealer has no parent company nor contact persons yet: Odoo's sync has nothing to do
            created = Partner.with_context(
                dealer_grade_change_reason=reason, _partners_skip_fields_sync=True, **cache["partner_defaults"],
            )._dealer_trusted().create([{
                **item["vals"], "company_id": cache["company"].id, "is_dealer": True, "dealer_state": "prospect",
                "dealer_code": item["code"], "dealer_grade_id": item["grade"].id, "dealer_since": item["since"],
            } for item in new]).with_env(self.env)
            for item, dealer in zip(new, created, strict=True):
                self._dealer_import_remember(cache, "dealers", item["code"], dealer)
                self._dealer_import_remember(cache, "vat", item["vals"]["vat"], dealer)
        with self._dealer_import_phase("grades/territory history"):
            dealers = [cache["dealers"][item["code"]] for item in items]
            Partner._dealer_assign_territories_batch({
                dealer: (item["territories"], cache["dealers"][item["parent_code"]] if item["parent_code"] else Partner)
                for item, dealer in zip(items, dealers, strict=True)
            }, reason)
            steps = defaultdict(lambda: Partner)
            for item, dealer in zip(items, dealers, strict=True):
                if item["since"] and item["since"] != dealer.dealer_since:
                    dealer._dealer_trusted().write({"dealer_since": item["since"]})
                if item["status"] != dealer.dealer_state:
                    path = STATUS_STEPS[item["status"]] if dealer.dealer_state == "prospect" else (item["status"],)
                    steps[path] |= dealer
            try:
                for path, group in steps.items():
                    for step in path:
                        group._dealer_set_state(step)
            except UserError as error:
                raise RowError("status", str(error)) from None
            for item, dealer in zip(items, dealers, strict=True):
                # sudo: credit_limit is an accounting field, set as the grade policy sets it (the caller is a
                # Dealer Manager, checked by the wizard)
                dealer = dealer.with_company(cache["company"]).sudo()
                if any(dealer._dealer_value_differs(dealer._fields[fname], value)
                       for fname, value in item["terms"].items()):
                    dealer._dealer_trusted().write(item["terms"])
        return Partner.browse([dealer.id for dealer in dealers])

    @api.model
    def _dealer_import_dealer_order(self, rows):
        """The dealer rows, each parent distributor of the file before its sub-dealers."""
        by_code = {cells.text(row, "code"): row for row in rows}
        ordered, done = [], set()

        def visit(row, path):
            code = cells.text(row, "code")
            if code in done or code in path:
                return
            parent = by_code.get(cells.text(row, "parent_code"))
            if parent is not None:
                visit(parent, path | {code})
            done.add(code)
            ordered.append(row)

        for row in rows:
            visit(row, frozenset())
        return ordered

    # ------------------------------------------------------------------ contacts
    def _dealer_import_contacts(self, cache, rows):
        """Create or update the contact persons of the dealers (matched by e-mail, else by name), new ones in one
        batch; with portal access, their portal users through Odoo's portal wizard (invitation e-mail included)."""
        Partner = self.env["res.partner"]
        with self._dealer_import_phase("partners+contacts"):
            items = []
            for row in rows:
                dealer = self._dealer_import_dealer_of(cache, row, "dealer_code")
                email = cells.text(row, "email")
                portal = cells.boolean(row, "portal_access")
                if portal and not email:
                    raise RowError("email", _("A contact with portal access needs an e-mail address: it is the login."))
                vals = {
                    "name": cells.text(row, "name", required=True), "function": cells.text(row, "function") or False,
                    "email": email or False, "phone": cells.text(row, "phone") or False,
                    "mobile": cells.text(row, "mobile") or False,
                }
                items.append((dealer, (email or vals["name"]).lower(), vals, portal))
            children = cache["children"]
            unknown = {dealer.id for dealer, _key, _vals, _portal in items} - set(children)
            for dealer_id in unknown:
                children[dealer_id] = {}
            if unknown:
                for child in Partner.search([("parent_id", "in", list(unknown))]):
                    children[child.parent_id.id][(child.email or child.name).lower()] = child
            new = {}
            for dealer, key, vals, _portal in items:
                contact = children[dealer.id].get(key)
                if contact and any(contact[fname] != value for fname, value in vals.items()):
                    contact.write(vals)
                elif not contact:
                    new.setdefault((dealer.id, key), {"parent_id": dealer.id, "type": "contact"}).update(vals)
            if new:
                created = self._dealer_import_create_contacts(new, cache["partner_defaults"])
                for (dealer_id, key), contact in zip(new, created, strict=True):
                    children[dealer_id][key] = contact
                    cache["pending"].append((children[dealer_id], key))
        contacts = Partner
        with self._dealer_import_phase("portal access"):
            for dealer, key, _vals, portal in items:
                contact = children[dealer.id][key]
                contacts |= contact
                if portal and not contact.user_ids:
                    wizard = self.env["portal.wizard"].create({"partner_ids": [Command.set(contact.ids)]})
                    wizard.user_ids.action_grant_access()
        return contacts

    def _dealer_import_create_contacts(self, new, defaults):
        """Create the new contact persons (``new``: {(dealer id, key): values}) in one ``create`` that skips Odoo's
        per-contact sync with the parent company (a write or two per contact): the values that sync writes (the
        dealer's commercial fields and address, its language) are given to the create instead, read once per
        dealer; the company-dependent commercial fields of the other companies are synced as Odoo does."""
        Partner = self.env["res.partner"]
        # sudo: Odoo's own sync reads the commercial fields as superuser (_commercial_sync_from_company)
        dealers = Partner.sudo().browse({dealer_id for dealer_id, _key in new})
        commercial = [fname for fname in Partner._commercial_fields() if fname != "property_product_pricelist"]
        address = Partner._address_fields()
        synced, country_pricelists = {}, {}
        for dealer in dealers:
            vals = dealer._update_fields_values(commercial)
            if any(dealer[fname] for fname in address):
                vals.update(dealer._update_fields_values(address))
            # the dealer's pricelist, which the sync writes on a contact, is stored by the field's inverse
            # (product's _inverse_product_pricelist) as the contact's specific pricelist unless it is the default
            # one of the contact's country: the same, with the country's default looked up once
            country = Partner.browse().country_id.browse(vals.get("country_id"))
            if country.code not in country_pricelists:
                country_pricelists[country.code] = self.env["product.pricelist"].search(
                    [("country_group_ids.country_ids.code", "=", country.code or False)], limit=1)
            pricelist = dealer.property_product_pricelist
            vals["specific_property_product_pricelist"] = (
                pricelist.id if pricelist and pricelist != country_pricelists[country.code] else False)
            vals["lang"] = dealer.lang or self.env.context.get("default_lang") or self.env.lang
            synced[dealer.id] = vals
        contacts = Partner.with_context(_partners_skip_fields_sync=True, **defaults).create([
            {**synced[dealer_id], **vals} for (dealer_id, _key), vals in new.items()
        ])
        if len(self.env["res.company"].sudo().search([])) > 1:
            for contact in contacts.sudo():
                contact._company_dependent_commercial_sync()
        return contacts.with_env(self.env)

    # ------------------------------------------------------------------ contracts
    def _dealer_import_target_values(self, cache, row):
        period = cells.selection(self.env, row, "period", self.env["dealer.contract.target"]._fields["period_type"],
                                 "month")
        start = cells.day(row, "date_start", required=True)
        first, last = period_bounds(start, period)
        if first != start:
            raise RowError("date_start", _(
                "A %(period)s target starts on the first day of its period (%(first)s), not on %(day)s.",
                period=dict(PERIOD_TYPES)[period], first=first, day=start,
            ))
        category = cells.text(row, "category")
        if category and category not in cache["categories"]:
            cache["categories"][category] = self.env["product.category"].search(
                ["|", ("complete_name", "=", category), ("name", "=", category)], limit=1)
        if category and not cache["categories"][category]:
            raise RowError("category", _("No product category is called %(name)s.", name=category))
        return {
            "period_type": period, "date_start": first, "date_end": last,
            "amount": cells.number(row, "amount", required=True),
            "quantity": cells.number(row, "quantity"),
            "categ_id": cache["categories"][category].id if category else False,
        }

    def _dealer_import_tier_values(self, cache, row):
        return {
            "achievement_min": cells.number(row, "achievement_min", required=True),
            "rebate_percent": cells.number(row, "rebate_percent"),
            "fixed_bonus": cells.number(row, "fixed_bonus"),
        }

    def _dealer_import_contract_values(self, cache, row):
        dealer = self._dealer_import_dealer_of(cache, row, "dealer_code")
        date_start = cells.day(row, "date_start", required=True)
        date_end = cells.day(row, "date_end", required=True)
        if date_end < date_start:
            raise RowError("date_end", _("The contract ends before it starts."))
        vals = {"partner_id": dealer.id, "date_start": date_start, "date_end": date_end,
                "deposit_amount": cells.number(row, "deposit_amount")}
        if cells.text(row, "territories"):
            vals["territory_ids"] = [Command.set(self._dealer_import_territories(cache, row).ids)]
        if cells.text(row, "credit_limit"):
            vals["credit_limit"] = cells.number(row, "credit_limit")
        status = cells.selection(self.env, row, "status", self.env["dealer.contract"]._fields["state"], "active")
        if status not in ("draft", "active"):
            raise RowError("status", _("A contract is loaded as draft or active."))
        return vals, status, cells.boolean(row, "deposit_received")

    def _dealer_import_contracts(self, cache, items):
        """Create contracts with their targets and rebate tiers (``items``: (row, targets, tiers)) in one batch,
        receive their deposits and activate them through the contract's own buttons. A contract already loaded
        (same reference) is updated while draft, left as it is when the file says the same, refused when the file
        changes a signed contract."""
        Contract = self.env["dealer.contract"]
        new, to_write, contracts, held, active = [], [], Contract, set(), set()
        for row, targets, tiers in items:
            reference = cells.text(row, "reference", required=True)
            vals, status, deposit_held = self._dealer_import_contract_values(cache, row)
            contract = cache["contracts"].get(reference)
            if contract and contract.state != "draft":
                if self._dealer_import_contract_differs(contract, vals, targets, tiers):
                    raise RowError("reference", _(
                        "Contract %(name)s is %(state)s: the file changes its terms. Amend it in the back office "
                        "instead of importing it again.", name=reference, state=contract._state_label(),
                    ))
                contracts |= contract
                continue
            vals.update({
                "target_ids": [Command.clear()] + [Command.create(target) for target in targets],
                "rebate_tier_ids": [Command.clear()] + [Command.create(tier) for tier in tiers],
            })
            if deposit_held:
                held.add(reference)
            if status == "active":
                active.add(reference)
            if contract:
                to_write.append((contract, vals))
            else:
                new.append({**vals, "name": reference})
        for contract, vals in to_write:
            contract.write(vals)
            contracts |= contract
        for contract in Contract.create(new):
            self._dealer_import_remember(cache, "contracts", contract.name, contract)
            contracts |= contract
        # the opening deposit is registered as the dealer's payment on the deposit liability account, dated today
        contracts.filtered(lambda c: c.name in held and c.deposit_state == "required").action_receive_deposit()
        contracts.filtered(lambda c: c.name in active and c.state == "draft").action_activate()
        return contracts

    @api.model
    def _dealer_import_contract_differs(self, contract, vals, targets, tiers):
        """True when the file's terms, targets or tiers differ from what the signed contract holds."""
        if (contract.partner_id.id, contract.date_start, contract.date_end) != (
                vals["partner_id"], vals["date_start"], vals["date_end"]):
            return True
        if contract.currency_id.compare_amounts(contract.deposit_amount, vals["deposit_amount"]):
            return True
        if "territory_ids" in vals and set(contract.territory_ids.ids) != set(vals["territory_ids"][0][2]):
            return True
        if "credit_limit" in vals and contract.currency_id.compare_amounts(contract.credit_limit, vals["credit_limit"]):
            return True
        known = sorted(
            (t.period_type, t.date_start, round(t.amount, 2), round(t.quantity, 3), t.categ_id.id or False)
            for t in contract.target_ids
        )
        wanted = sorted(
            (t["period_type"], t["date_start"], round(t["amount"], 2), round(t["quantity"], 3), t["categ_id"])
            for t in targets
        )
        known_tiers = sorted((t.achievement_min, t.rebate_percent, round(t.fixed_bonus, 2))
                             for t in contract.rebate_tier_ids)
        wanted_tiers = sorted((t["achievement_min"], t["rebate_percent"], round(t["fixed_bonus"], 2)) for t in tiers)
        return known != wanted or known_tiers != wanted_tiers

    # ------------------------------------------------------------------ opening stock
    def _dealer_import_stocks(self, cache, groups):
        """The opening channel stock of dealers (``groups``: the rows of one dealer and date each): validated stock
        reports (what the channel stock analysis reads), created in one batch, replaced while draft, refused when
        a validated one differs."""
        Report = self.env["dealer.stock.report"]
        keys, lines_by_key = [], {}
        for rows in groups:
            dealer = self._dealer_import_dealer_of(cache, rows[0], "dealer_code")
            key = (dealer.id, cells.day(rows[0], "date", required=True))
            lines = lines_by_key[key] = []
            for row in rows:
                code = cells.text(row, "product_code", required=True)
                product = cache["products"].get(code)
                if not product:
                    raise RowError("product_code", _("No product has the internal reference %(code)s.", code=code))
                lines.append({"product_id": product.id, "quantity": cells.number(row, "quantity", required=True),
                              "lot_name": cells.text(row, "lot_name") or False})
            keys.append(key)
        domain = [("partner_id", "in", [dealer_id for dealer_id, _day in keys]),
                  ("company_id", "=", cache["company"].id), ("state", "!=", "cancelled"),
                  ("date", "in", list({day for _dealer, day in keys}))]
        existing = {(report.partner_id.id, report.date): report for report in Report.search(domain)}
        reports, new = Report, []
        for key in keys:
            report, lines = existing.get(key, Report), lines_by_key[key]
            if report.state == "validated":
                known = sorted((line.product_id.id, line.quantity, line.lot_name or False) for line in report.line_ids)
                if known != sorted((line["product_id"], line["quantity"], line["lot_name"]) for line in lines):
                    raise RowError("date", _(
                        "The stock report of %(dealer)s on %(date)s is already validated with other quantities: "
                        "cancel it before importing new ones.", dealer=report.partner_id.display_name, date=key[1],
                    ))
                continue
            commands = [Command.clear()] + [Command.create(line) for line in lines]
            if report:
                report.write({"line_ids": commands})
                reports |= report
            else:
                new.append({"partner_id": key[0], "date": key[1], "line_ids": commands,
                            "note": _("Opening stock of the go-live import")})
        reports |= Report.create(new)
        if reports:
            reports.action_validate()
        return reports or existing.get(keys[0], Report)

    @api.model
    def _dealer_import_group(self, rows, key):
        groups = defaultdict(list)
        for row in rows:
            groups[tuple(cells.text(row, part) for part in key)].append(row)
        return groups
