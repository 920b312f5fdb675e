"""XLSX export of an assessment: the ranking and the KPI details, labels in the user's language."""
import io
import re

from odoo import _, models
from odoo.exceptions import AccessError, MissingError
from odoo.tools import SQL

from odoo.addons.dealer_management.tools.xlsx import new_workbook, write_cell, write_cells

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCORECARD_FIELDS = [
    "partner_id", "rank", "grade_id", "territory_id", "territory_rank", "total", "rating", "has_previous",
    "total_change",
]
LINE_FIELDS = ["scorecard_id", "kpi_id", "sequence", "applicable", "raw_value", "points", "weight", "weighted_points"]


class DealerAssessment(models.Model):
    _inherit = "dealer.assessment"

    def action_export_xlsx(self):
        """Download the assessment as an XLSX workbook (through the route, which checks the access again); a
        workbook of more lines than the company's threshold is made in the background and attached."""
        self.ensure_one()
        self._check_export_access()
        lines = self.env["dealer.scorecard.line"].search_count([("scorecard_id.assessment_id", "=", self.id)])
        if self._dealer_queue_runs_now(lines):
            return {"type": "ir.actions.act_url", "url": f"/dealer_assessment/{self.id}/xlsx", "target": "download"}
        job = self._dealer_delayable(_("Export of %(name)s", name=self.name))._dealer_job_export_xlsx()
        return self._dealer_job_queued(job)

    def _dealer_job_export_xlsx(self):
        """Job: the workbook of each queued assessment, attached to it (made with the rights of who asked)."""
        def export(assessments):
            for assessment in assessments:
                content = assessment._export_xlsx()  # with the rights and record rules of who asked for it
                # sudo: the file is stored on the assessment, which the user may read but not always write
                # (attaching needs write access); whoever may read the assessment may read its attachments
                assessments.env["ir.attachment"].sudo().create({
                    "name": assessment._export_xlsx_filename(), "raw": content,
                    "mimetype": XLSX_MIMETYPE, "res_model": assessment._name, "res_id": assessment.id,
                })
            return assessments.env._("The XLSX export is ready: it is attached to the assessment.")
        return self._dealer_job_perform(export)

    def _check_export_access(self):
        """Refuse the export to users who may not read the assessment (portal users, other companies)."""
        if not self.env.su and not self.env.user.has_group("dealer_management.group_dealer_user"):
            raise AccessError(_("Only users of the Dealers app may export an assessment."))
        try:
            self.check_access("read")
            self.exists().ensure_one()
        except (AccessError, MissingError, ValueError):
            raise AccessError(_(
                "You cannot export this assessment: it does not exist or belongs to a company you do not work for.",
            )) from None

    def _export_xlsx_filename(self):
        self.ensure_one()
        return re.sub(r"[\\/:*?\"<>|]+", "-", _("Assessment %(name)s", name=self.name)) + ".xlsx"

    def _export_xlsx(self):
        """The workbook (bytes): sheet 1 the ranked scorecards, sheet 2 one row per dealer and KPI.

        A fixed number of queries whatever the number of dealers: the scorecards (with the user's rights and
        record rules), their dealers, grades and territories, then the values of all their lines as plain rows
        (one query; tens of thousands of lines are not worth a record each) and the KPIs' names.
        """
        self._check_export_access()
        scorecards = self.env["dealer.scorecard"].search_fetch(
            [("assessment_id", "=", self.id)], SCORECARD_FIELDS, order="rank, partner_id, id",
        )
        lines = self._xlsx_line_rows(scorecards)
        scorecards.partner_id.fetch(["name", "dealer_code"])
        scorecards.grade_id.fetch(["name"])
        scorecards.territory_id.fetch(["complete_name"])

        buffer = io.BytesIO()
        workbook = new_workbook(buffer)
        workbook.set_properties({"title": self.name, "company": self.company_id.name})
        styles = {
            "header": workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                                           "valign": "top"}),
            "text": None,
            "integer": workbook.add_format({"num_format": "0"}),
            "score": workbook.add_format({"num_format": "0.00"}),
            "change": workbook.add_format({"num_format": "+0.00;-0.00;0.00"}),
            "value": workbook.add_format({"num_format": "#,##0.00"}),
        }
        self._xlsx_ranking_sheet(workbook, styles, scorecards)
        self._xlsx_kpi_sheet(workbook, styles, scorecards, lines)
        workbook.close()
        return buffer.getvalue()

    def _xlsx_line_rows(self, scorecards):
        """{scorecard id: [(KPI name, raw value, unit, points, weight, weighted points, applicable)]} in KPI order.

        Plain SQL on the lines of ``scorecards``, which were searched with the user's rights: the lines' record
        rule is their scorecard's (company), and the model access is checked here.
        """
        Line = self.env["dealer.scorecard.line"]
        Line.check_access("read")
        Line.flush_model(LINE_FIELDS)
        self.env.cr.execute(SQL(
            """SELECT scorecard_id, kpi_id, COALESCE(raw_value, 0), COALESCE(points, 0), COALESCE(weight, 0),
                      COALESCE(weighted_points, 0), COALESCE(applicable, FALSE)
                 FROM dealer_scorecard_line
                WHERE scorecard_id = ANY(%s)
             ORDER BY scorecard_id, sequence, id""",
            scorecards.ids,
        ))
        rows = self.env.cr.fetchall()
        kpis = self.env["dealer.kpi"].with_context(active_test=False).browse({row[1] for row in rows})
        names = {kpi.id: (kpi.name, kpi.unit or "") for kpi in kpis}  # in the user's language
        by_card = {}
        for card_id, kpi_id, raw, points, weight, weighted, applicable in rows:
            name, unit = names[kpi_id]
            by_card.setdefault(card_id, []).append((name, raw, unit, points, weight, weighted, applicable))
        return by_card

    # ------------------------------------------------------------------ sheets
    def _xlsx_label(self, model, fname):
        """The field's label in the user's language."""
        return self.env[model]._fields[fname].get_description(self.env)["string"]

    def _xlsx_sheet(self, workbook, styles, name, columns):
        """A sheet with its header row frozen, filtered and sized: columns = [(label, width, style key)]."""
        sheet = workbook.add_worksheet(name[:31])
        for col, (label, width, style) in enumerate(columns):
            sheet.set_column(col, col, width, styles[style])
            write_cell(sheet, 0, col, label, styles["header"])
        sheet.freeze_panes(1, 0)
        return sheet

    def _xlsx_ranking_sheet(self, workbook, styles, scorecards):
        label = self._xlsx_label
        columns = [
            (label("dealer.scorecard", "rank"), 8, "integer"),
            (label("res.partner", "dealer_code"), 14, "text"),
            (label("dealer.scorecard", "partner_id"), 36, "text"),
            (label("dealer.scorecard", "grade_id"), 14, "text"),
            (label("dealer.scorecard", "territory_id"), 28, "text"),
            # the rank within the ranking group says the company's level (Rank in Province...)
            (self.env["dealer.scorecard"]._rank_level_label(self.company_id.dealer_rank_level), 10, "integer"),
            (label("dealer.scorecard", "total"), 12, "score"),
            (label("dealer.scorecard", "rating"), 8, "text"),
            (label("dealer.scorecard", "total_change"), 10, "change"),
        ]
        sheet = self._xlsx_sheet(workbook, styles, _("Ranking"), columns)
        ratings = dict(scorecards._fields["rating"]._description_selection(self.env))
        for row, card in enumerate(scorecards, start=1):
            write_cells(sheet, row, 0, [
                card.rank, card.partner_id.dealer_code or "", card.partner_id.name, card.grade_id.name or "",
                card.territory_id.complete_name or "", card.territory_rank, card.total,
                ratings.get(card.rating, ""),
            ])
            if card.has_previous:
                sheet.write_number(row, 8, card.total_change)
        sheet.autofilter(0, 0, len(scorecards), len(columns) - 1)

    def _xlsx_kpi_sheet(self, workbook, styles, scorecards, lines):
        label = self._xlsx_label
        columns = [
            (label("dealer.scorecard", "rank"), 8, "integer"),
            (label("res.partner", "dealer_code"), 14, "text"),
            (label("dealer.scorecard", "partner_id"), 36, "text"),
            (label("dealer.scorecard.line", "kpi_id"), 30, "text"),
            (label("dealer.scorecard.line", "raw_value"), 14, "value"),
            (label("dealer.scorecard.line", "unit"), 8, "text"),
            (label("dealer.scorecard.line", "points"), 10, "score"),
            (label("dealer.scorecard.line", "weight"), 10, "score"),
            (label("dealer.scorecard.line", "weighted_points"), 12, "score"),
            (label("dealer.scorecard.line", "applicable"), 10, "text"),
        ]
        sheet = self._xlsx_sheet(workbook, styles, _("KPI Details"), columns)
        yes, no = _("Yes"), _("No")
        row = 0
        for card in scorecards:
            dealer = [card.rank, card.partner_id.dealer_code or "", card.partner_id.name]
            for name, raw, unit, points, weight, weighted, applicable in lines.get(card.id, ()):
                row += 1
                write_cells(sheet, row, 0, [*dealer, name, raw, unit, points, weight, weighted,
                                            yes if applicable else no])
        sheet.autofilter(0, 0, row, len(columns) - 1)
