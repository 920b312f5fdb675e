"""Hand records over from one addon to another when code moves between addons (used by ``pre_init_hook``s).

Odoo ties every record an addon ships (models, fields, views, actions, menus, access rights, rules, crons, data)
to that addon through ``ir_model_data.module``, and a model's SQL constraints and many2many tables through
``ir_model_constraint.module`` / ``ir_model_relation.module``. When a model, a field or a view moves to another
addon, a database created before the move still has these rows under the old addon: the old addon's next upgrade
would delete what it no longer ships (and drop the tables). The new addon's ``pre_init_hook`` calls
:func:`move_xmlids` first, so the records, their data and the references to them are kept and now belong to the
new addon.
"""
from odoo.tools import SQL


def move_xmlids(env, from_module, to_module, names=(), patterns=(), models=()):
    """Give ``to_module`` the records of ``from_module`` named ``names`` (exact xml ids without module),
    matching ``patterns`` (SQL LIKE patterns, e.g. ``"%dealer_service_inspection%"``), and the SQL constraints
    and many2many tables of the ``models`` (model names). Returns the number of xml ids moved.

    Idempotent: run on a fresh database (nothing under ``from_module``) it moves nothing.
    """
    cr = env.cr
    env["ir.model.data"].flush_model()
    conditions = []
    if names:
        conditions.append(SQL("name IN %s", tuple(names)))
    conditions.extend(SQL("name LIKE %s", pattern) for pattern in patterns)
    moved = 0
    if conditions:
        cr.execute(SQL(
            "UPDATE ir_model_data SET module = %s WHERE module = %s AND (%s)",
            to_module, from_module, SQL(" OR ").join(conditions),
        ))
        moved = cr.rowcount
    if models:
        for table in ("ir_model_constraint", "ir_model_relation"):
            cr.execute(SQL(
                """UPDATE %(table)s SET module = (SELECT id FROM ir_module_module WHERE name = %(to)s)
                    WHERE module = (SELECT id FROM ir_module_module WHERE name = %(from)s)
                      AND model IN (SELECT id FROM ir_model WHERE model IN %(models)s)
                      AND EXISTS (SELECT 1 FROM ir_module_module WHERE name = %(to)s)""",
                table=SQL.identifier(table), to=to_module, models=tuple(models), **{"from": from_module},
            ))
    env["ir.model.data"].invalidate_model(["module"])
    env.registry.clear_cache()  # the xml id lookups
    return moved
