from odoo import http
from odoo.http import request

from odoo.addons.dealer_portal.controllers.portal import DealerPortal


class DealerTrainingMaterialPortal(DealerPortal):
    """Training materials of the dealer's grade: a list and a download route that checks the grade."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_training_material_count" in counters:
            values["dealer_training_material_count"] = len(self._dealer_training_materials())
        return values

    def _dealer_training_materials(self, material_id=None):
        """The materials the user's dealer may read (all, or the one of `material_id`), sudo for display."""
        dealer = request.env.user._dealer_portal_dealer()
        if not dealer:
            return request.env["dealer.training.material"]
        Material = request.env["dealer.training.material"]
        domain = Material._dealer_available_domain(dealer.sudo())
        if material_id is not None:
            domain = [("id", "=", material_id)] + domain
        # sudo: portal users have no right on the materials; the domain is the published ones of the dealer's grade
        return Material.sudo().search(domain, order="sequence, id desc")

    @http.route("/my/training-materials", type="http", auth="user", website=True, readonly=True)
    def portal_my_training_materials(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_training_materials",
            "dealer": request.env.user._dealer_portal_dealer(),
            "materials": self._dealer_training_materials(),
        })
        return request.render("dealer_portal_training_material.portal_my_training_materials", values)

    @http.route("/my/training-materials/<int:material_id>/download", type="http", auth="user", readonly=True)
    def portal_training_material_download(self, material_id, **kw):
        """The file of a material the user's dealer may read; any other id is not found."""
        material = self._dealer_training_materials(material_id)
        if not material.file:
            raise request.not_found()
        # sudo: the material was found within what the user's dealer may read (above)
        return request.env["ir.binary"]._get_stream_from(
            material, "file", filename=material.file_name or material.name,
        ).get_response(as_attachment=True)
