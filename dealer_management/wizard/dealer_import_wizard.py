import base64

import psycopg2

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import spreadsheet
from . import dealer_import_cells as cells
from .dealer_import_cells import RowError

# what a refused row may raise: the message is shown in the row's error line
BATCH_SIZE = 200
ROW_ERRORS = (RowError, UserError, ValidationError, AccessError, psycopg2.IntegrityError)


class DealerImportWizard(models.TransientModel):
    """Load an existing dealer network (上线导入): dealers, contacts, contracts with targets and rebate tiers, and
    opening channel stock, from the suite's XLSX workbook (one sheet per table) or a CSV file of one table.

    The whole file is loaded or none of it: every row is tried in a savepoint so that all the refused rows are
    listed (sheet, row, column, message), then everything is rolled back when one row was refused. A row goes
    through the back office's own code paths (grade history, territory assignment with its chatter line, the
    dealer lifecycle and the exclusivity of territories, the contract's buttons), with "Initial import" as the
    reason. Loading the same file again updates the dealers by code and the contracts by reference.
    Dealer Managers only: grade, territories, parent distributor and status are written through trusted code.
    """

    _name = "dealer.import.wizard"
    _description = "Import Dealer Network"
    _inherit = ["dealer.import.loader"]
    _rec_name = "filename"

    file = fields.Binary(attachment=False)
    filename = fields.Char()
    csv_sheet = fields.Selection(
        [(key, label._source) for key, label in cells.SHEETS], string="Table of the CSV file", default="dealers",
        help="A CSV file holds one table; an XLSX workbook holds them all, one sheet each.",
    )
    state = fields.Selection([("draft", "Draft"), ("refused", "Refused"), ("done", "Loaded")], default="draft",
                             readonly=True)
    error_ids = fields.One2many("dealer.import.wizard.error", "wizard_id", string="Errors", readonly=True)
    summary = fields.Text(readonly=True)
    template_file = fields.Binary(attachment=False, readonly=True)
    template_filename = fields.Char(readonly=True)

    def _check_rights(self):
        self.env["res.partner"]._check_dealer_manager(_("Only a Dealer Manager may import a dealer network."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_rights()
        # the outcome is the import's to write: no caller starts from a "loaded" wizard, in values or defaults
        result_fields = ("state", "error_ids", "summary")
        for vals in vals_list:
            for fname in result_fields:
                vals.pop(fname, None)
        context = {key: value for key, value in self.env.context.items()
                   if key not in {f"default_{fname}" for fname in result_fields}}
        # a whole new context: the only way to drop keys from it
        return super(DealerImportWizard, self.with_context(context)).create(vals_list)  # pylint: disable=W8121

    def write(self, vals):
        self._check_rights()
        if {"state", "error_ids", "summary"} & set(vals) and not self.env.context.get("dealer_import_result"):
            raise AccessError(_("The result of an import is written by the import only."))
        return super().write(vals)

    # ------------------------------------------------------------------ templates
    def action_download_template(self):
        """The template in the user's language: the XLSX workbook, or with a CSV table chosen, that table."""
        self.ensure_one()
        self._check_rights()
        if self.csv_sheet and self.env.context.get("dealer_import_csv"):
            content = spreadsheet.template_csv(self.env, cells.COLUMNS[self.csv_sheet],
                                               [cells.EXAMPLES[self.csv_sheet]])
            filename = f"dealer_import_{self.csv_sheet}.csv"
        else:
            content = spreadsheet.template_workbook(self.env, [
                (label, cells.COLUMNS[key], [cells.EXAMPLES[key]]) for key, label in cells.SHEETS
            ])
            filename = "dealer_import.xlsx"
        self.with_context(dealer_import_result=True).write(
            {"template_file": base64.b64encode(content), "template_filename": filename})
        return {
            "type": "ir.actions.act_url", "target": "self",
            "url": f"/web/content/dealer.import.wizard/{self.id}/template_file/{filename}?download=true",
        }

    # ------------------------------------------------------------------ reading
    def _dealer_import_tables(self):
        """{sheet key: rows} of the uploaded file; UserError when it is not a file of the template's shape."""
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose the file to import: fill in the template first."))
        content = base64.b64decode(self.file)
        extension = spreadsheet.file_extension(self.filename or "")
        if extension == "xlsx":
            sheet_names = spreadsheet.names_by_key(self.env, cells.SHEETS)
            raw = {}
            for title, table in spreadsheet.read_xlsx_sheets(content).items():
                key = sheet_names.get(spreadsheet.header_key(title))
                if not key:
                    raise UserError(_(
                        "The workbook has a sheet %(sheet)s: its sheets must be named %(sheets)s, as in the template.",
                        sheet=title, sheets=", ".join(self.env._(label) for _k, label in cells.SHEETS),
                    ))
                raw[key] = table
        elif extension == "csv":
            raw = {self.csv_sheet or "dealers": spreadsheet.read_csv(content)}
        else:
            raise UserError(_("Import a CSV or XLSX file in the shape of the template."))
        tables = {}
        for key, table in raw.items():
            columns = cells.COLUMNS[key]
            header, rows = spreadsheet.table_rows(self.env, table, columns)
            missing = [k for k in cells.REQUIRED[key] if k not in header]
            if None in header or missing or len(set(header)) != len(header):
                labels = dict(columns)
                raise UserError(_(
                    "The first row of sheet %(sheet)s must name the columns %(columns)s (%(required)s required), "
                    "as in the template.", sheet=self.env._(dict(cells.SHEETS)[key]),
                    columns=", ".join(self.env._(label) for _k, label in columns),
                    required=", ".join(self.env._(labels[k]) for k in cells.REQUIRED[key]),
                ))
            tables[key] = rows
        if not any(tables.values()):
            raise UserError(_("The file has no line under its header rows: fill in the template."))
        return tables

    # ------------------------------------------------------------------ loading
    def action_import(self):
        """Load the file: all of it, or nothing with the refused rows listed."""
        self.ensure_one()
        self._check_rights()
        with self._dealer_import_phase("parse/validate"):
            tables = self._dealer_import_tables()
        return self._dealer_import_load(tables)

    def _dealer_import_load(self, tables):
        """Load ``tables`` (the file as ``_dealer_import_tables`` read it) and write the result on the wizard."""
        errors, counts = self._dealer_import_run(tables)
        result = self.with_context(dealer_import_result=True)
        if errors:
            result.write({
                "state": "refused", "summary": _("The file was not loaded: %(count)s rows are refused. Correct them "
                                                 "and import the whole file again.", count=len(errors)),
                "error_ids": [Command.clear()] + [Command.create(error) for error in errors],
            })
        else:
            result.write({"state": "done", "error_ids": [Command.clear()], "summary": _(
                "Loaded: %(dealers)s dealers, %(contacts)s contacts, %(contracts)s contracts, %(targets)s targets, "
                "%(stock)s opening stock reports.", **counts,
            )})
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
            "target": "new", "name": _("Import Dealer Network"),
        }

    def _dealer_import_run(self, tables):
        """Load ``tables``; ([error values], counts). The whole file is read and checked against look-ups made
        once, then each sheet is loaded set-based in batches of BATCH_SIZE rows (one ``create`` per model and
        batch, the history and chatter lines in batches, no tracking or creation log), each batch in a savepoint;
        a refused batch is loaded again row by row to find the refused rows. When a row is refused, the whole
        import is rolled back (to the savepoint taken before the first row), so that nothing stays written."""
        env = self.env
        reason = _("Initial import")
        with self._dealer_import_phase("parse/validate"):
            cache = self._dealer_import_cache(tables)
            errors = self._dealer_import_duplicates(tables)
            targets = self._dealer_import_lines(cache, tables, "targets", self._dealer_import_target_values, errors)
            tiers = self._dealer_import_lines(cache, tables, "rebate_tiers", self._dealer_import_tier_values, errors)
        counts = dict.fromkeys(("dealers", "contacts", "contracts", "targets", "stock"), 0)
        # the history the wizards leave is written by the loaders themselves: no tracking values, creation logs
        # or followers for the thousands of records of a go-live file
        loader = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True,
                                   mail_notrack=True)
        whole = env.cr.savepoint()

        def attempt(sheet, row, function, *args):
            cache["pending"].clear()
            try:
                with env.cr.savepoint():
                    result = function(cache, *args)
                    # computed in the loader's context (no tracking), before the savepoint's flush
                    loader.env.flush_all()
                    return result
            except ROW_ERRORS as error:
                for mapping, key in cache["pending"]:
                    mapping.pop(key, None)
                errors.append(self._dealer_import_error(sheet, row, error))
                return None

        def attempt_batches(sheet, items, function, row_of, *args, refused=None):
            """Load ``items`` in batches; the number of items loaded. ``refused(item)`` is called for each item
            refused."""
            loaded = 0
            for start in range(0, len(items), BATCH_SIZE):
                batch = items[start:start + BATCH_SIZE]
                cache["pending"].clear()
                try:
                    with env.cr.savepoint():
                        function(cache, batch, *args)
                        loader.env.flush_all()
                    loaded += len(batch)
                    continue
                except ROW_ERRORS:
                    for mapping, key in cache["pending"]:
                        mapping.pop(key, None)
                for item in batch:
                    if attempt(sheet, row_of(item), function, [item], *args):
                        loaded += 1
                    elif refused:
                        refused(item)
            return loaded

        counts["dealers"] = attempt_batches(
            "dealers", loader._dealer_import_dealer_order(tables.get("dealers", [])), loader._dealer_import_dealers,
            lambda row: row, reason, refused=lambda row: cache["refused"].add(cells.text(row, "code")))
        counts["contacts"] = attempt_batches(
            "contacts", tables.get("contacts", []), loader._dealer_import_contacts, lambda row: row)
        items = []
        for row in tables.get("contracts", []):
            reference = cells.text(row, "reference")
            items.append((row, targets.pop(reference, []), tiers.pop(reference, [])))
        with loader._dealer_import_phase("contracts+targets+tiers"):
            counts["contracts"] = attempt_batches("contracts", items, loader._dealer_import_contracts, lambda i: i[0])
        counts["targets"] = sum(len(item[1]) for item in items)
        for sheet, left in (("targets", targets), ("rebate_tiers", tiers)):
            for reference in left:
                errors.append(self._dealer_import_error(sheet, None, RowError("contract_reference", _(
                    "Contract %(name)s is not on the Contracts sheet.", name=reference))))
        with loader._dealer_import_phase("opening figures"):
            groups = list(self._dealer_import_group(tables.get("stock", []), ("dealer_code", "date")).values())
            counts["stock"] = attempt_batches("stock", groups, loader._dealer_import_stocks, lambda rows: rows[0])
        if errors:
            whole.close(rollback=True)
            env.invalidate_all()
        else:
            whole.close(rollback=False)
        order = {env._(label): index for index, (_key, label) in enumerate(cells.SHEETS)}
        errors.sort(key=lambda error: (order.get(error["sheet"], 0), error["row"]))
        return errors, counts

    def _dealer_import_error(self, sheet, row, error):
        """The error line of a refused row: sheet, row number, column label and message in the user's language."""
        column = getattr(error, "column", None)
        if isinstance(error, RowError):
            message = error.message
        elif isinstance(error, psycopg2.IntegrityError):
            message = _("The row breaks a database rule: %(rule)s", rule=error.pgerror or "")
        else:
            message = str(error)
        labels = dict(cells.COLUMNS[sheet])
        return {
            "sheet": self.env._(dict(cells.SHEETS)[sheet]), "row": row["row"] if row else 0,
            "column": self.env._(labels[column]) if column in labels else False, "message": message,
        }

    def _dealer_import_duplicates(self, tables):
        """The error lines of the dealer codes and contract references a sheet repeats (the later rows)."""
        errors = []
        for sheet, key in (("dealers", "code"), ("contracts", "reference")):
            seen = {}
            kept = []
            for row in tables.get(sheet, []):
                value = cells.text(row, key)
                if value and value in seen:
                    errors.append(self._dealer_import_error(sheet, row, RowError(key, _(
                        "%(value)s is already on row %(row)s of this sheet.", value=value, row=seen[value]))))
                    continue
                seen.setdefault(value, row["row"])
                kept.append(row)
            if sheet in tables:
                tables[sheet] = kept
        return errors

    def _dealer_import_lines(self, cache, tables, sheet, read, errors):
        """{contract reference: [line values]} of the targets or rebate tiers sheet, the refused rows in ``errors``."""
        lines = {}
        for row in tables.get(sheet, []):
            try:
                reference = cells.text(row, "contract_reference", required=True)
                lines.setdefault(reference, []).append(read(cache, row))
            except RowError as error:
                errors.append(self._dealer_import_error(sheet, row, error))
        return lines
