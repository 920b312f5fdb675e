from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LEVELS = [("region", "Region"), ("province", "Province"), ("city", "City"), ("district", "District")]
LEVEL_RANK = {code: rank for rank, (code, _label) in enumerate(LEVELS)}


class DealerTerritory(models.Model):
    """A sales territory: region → province → city/district, optionally held by one exclusive dealer."""

    _name = "dealer.territory"
    _description = "Dealer Territory"
    _inherit = ["dealer.workflow.mixin"]
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"
    _check_company_auto = True
    # who holds a territory is set on the dealer, through the territory assignment wizard
    _dealer_protected_fields = ("dealer_ids",)

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    level = fields.Selection(LEVELS, required=True, default="province")
    parent_id = fields.Many2one(
        "dealer.territory", string="Parent Territory", index=True, ondelete="restrict", check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("dealer.territory", "parent_id", string="Sub-territories")
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    country_id = fields.Many2one("res.country", default=lambda self: self.env.ref("base.cn", raise_if_not_found=False))
    state_id = fields.Many2one(
        "res.country.state", string="Province / State", domain="[('country_id', '=?', country_id)]",
        help="For provinces: the state matched against partner addresses; cities inherit their province's.",
    )
    city = fields.Char(help="For cities and districts: the city name matched against partner addresses.")
    is_exclusive = fields.Boolean(
        string="Exclusive", help="Only one active dealer may hold an exclusive territory (独家代理).",
    )
    dealer_ids = fields.Many2many(
        "res.partner", "dealer_partner_territory_rel", "territory_id", "partner_id", string="Dealers",
        domain=[("is_dealer", "=", True)], readonly=True, copy=False,
    )
    exclusive_dealer_id = fields.Many2one(
        "res.partner", compute="_compute_exclusive_dealer_id",
        help="The active dealer holding this exclusive territory.",
    )
    active_dealer_count = fields.Integer(compute="_compute_exclusive_dealer_id")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The territory code must be unique per company."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for territory in self:
            if territory.parent_id:
                territory.complete_name = f"{territory.parent_id.complete_name} / {territory.name}"
            else:
                territory.complete_name = territory.name

    @api.depends("dealer_ids.dealer_state", "is_exclusive")
    def _compute_exclusive_dealer_id(self):
        for territory in self:
            active = territory.dealer_ids.filtered(lambda p: p.dealer_state == "active")
            territory.active_dealer_count = len(active)
            territory.exclusive_dealer_id = active[:1] if territory.is_exclusive else False

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(_("A territory cannot be its own parent."))
        for territory in self.filtered("parent_id"):
            if LEVEL_RANK[territory.parent_id.level] >= LEVEL_RANK[territory.level]:
                raise ValidationError(
                    _("Territory %(name)s (%(level)s) cannot sit under %(parent)s (%(parent_level)s): "
                      "a parent must be a wider level.",
                      name=territory.name, level=territory._level_label(),
                      parent=territory.parent_id.name, parent_level=territory.parent_id._level_label())
                )

    @api.constrains("is_exclusive", "dealer_ids")
    def _check_exclusive(self):
        """An exclusive territory is held by at most one active dealer (all of them are named)."""
        for territory in self.filtered("is_exclusive"):
            active = territory.dealer_ids.filtered(lambda p: p.is_dealer and p.dealer_state == "active")
            if len(active) > 1:
                holders = ", ".join(f"{p.name} ({p.dealer_code or ''})" for p in active.sorted("id"))
                raise ValidationError(_(
                    "Territory %(territory)s is exclusive and can be held by one active dealer only, not by "
                    "%(dealers)s. Release it from the other dealers first, or make the territory non-exclusive.",
                    territory=territory.complete_name, dealers=holders,
                ))

    def _level_label(self):
        return self._selection_label("level")

    def _effective_state(self):
        """The province a territory lies in: its own state, or the nearest ancestor's."""
        self.ensure_one()
        territory = self
        while territory and not territory.state_id:
            territory = territory.parent_id
        return territory.state_id

    @api.model
    def _find_for_address(self, partner):
        """Return the most specific active territory containing the partner's address (or an empty set)."""
        partner = partner.commercial_partner_id if not partner.state_id else partner
        if not partner.state_id:
            return self.browse()
        domain = [("company_id", "in", [False, *self.env.companies.ids])]
        city = (partner.city or "").strip()
        if city:
            candidates = self.search(domain + [("level", "in", ("city", "district")), ("city", "!=", False)])
            matches = candidates.filtered(
                lambda t: t._effective_state() == partner.state_id and t._city_matches(city)
            )
            if matches:
                return matches.sorted(lambda t: (-LEVEL_RANK[t.level], t.id))[0]
        province = self.search(domain + [("state_id", "=", partner.state_id.id), ("level", "=", "province")], limit=1)
        if province:
            return province
        return self.search(domain + [("state_id", "=", partner.state_id.id)], limit=1)

    def _city_matches(self, city):
        """City names match with or without the administrative suffix (杭州 = 杭州市)."""
        self.ensure_one()

        def norm(value):
            value = (value or "").strip().lower()
            for suffix in ("市", "区", "县", " city", " district"):
                if value.endswith(suffix) and len(value) > len(suffix):
                    value = value[: -len(suffix)]
            return value

        return norm(self.city) == norm(city)

    def _contains(self, other):
        """True when `other` is this territory or lies below it."""
        self.ensure_one()
        return bool(other) and other.parent_path.startswith(self.parent_path)
