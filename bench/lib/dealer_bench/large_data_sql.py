"""The bulk SQL of the large-data generator (large_data.py): orders, deliveries, invoices, payments, refunds,
returns and the dealer relations, as ``INSERT ... SELECT`` over ``generate_series``.

The rows are first planned in temporary tables (``ld_order``, ``ld_line``) with their ids drawn from the real
sequences, so that every table is then filled by one statement that knows all the ids it refers to.
``pg_temp.ld_rnd(n, salt)`` is the seeded random number of row ``n``: a hash, the same on every run.
"""
import time

import psycopg2

from odoo.tools import SQL

TABLES = (
    "res_partner", "dealer_contract_target", "sale_order", "sale_order_line", "stock_picking", "stock_move",
    "stock_move_line", "account_move", "account_move_line", "account_partial_reconcile", "dealer_violation",
    "dealer_complaint", "dealer_feedback", "dealer_stock_report",
)

SETUP = """
CREATE OR REPLACE FUNCTION pg_temp.ld_rnd(n bigint, salt int) RETURNS float8 AS $$
    SELECT (hashint8extended(n, salt::bigint) & 16777215)::float8 / 16777216.0
$$ LANGUAGE sql IMMUTABLE;
DROP TABLE IF EXISTS ld_dealer, ld_product, ld_order, ld_line;
CREATE TEMP TABLE ld_dealer AS
    SELECT t.idx::int, t.id AS partner_id, t.name FROM unnest(%(dealers)s::int[], %(dealer_names)s::varchar[])
      WITH ORDINALITY AS t(id, name, idx);
CREATE TEMP TABLE ld_product AS
    SELECT t.idx::int, t.id AS product_id, t.name, t.price
      FROM unnest(%(products)s::int[], %(product_names)s::varchar[], %(prices)s::numeric[])
      WITH ORDINALITY AS t(id, name, price, idx);
"""

# one row per order: dealer, dates, payment and refund plan, ids
ORDERS = """
CREATE TEMP TABLE ld_order AS
WITH base AS (
    SELECT n, dealer.partner_id, dealer.name AS partner_name,
           %(start)s::date + floor(pg_temp.ld_rnd(n, %(salt)s + 1) * %(days)s)::int AS day,
           pg_temp.ld_rnd(n, %(salt)s + 2) AS r_pay, pg_temp.ld_rnd(n, %(salt)s + 3) AS r_delay,
           pg_temp.ld_rnd(n, %(salt)s + 4) AS r_refund, pg_temp.ld_rnd(n, %(salt)s + 5) AS r_hour
      FROM generate_series(1, %(orders)s) AS n
      JOIN ld_dealer dealer ON dealer.idx = 1 + mod(n - 1, %(n_dealers)s)
), planned AS (
    SELECT base.*, LEAST(day + 2, %(end)s::date) AS ship_day, LEAST(day + 3, %(end)s::date) AS inv_day
      FROM base
), paid AS (
    SELECT planned.*, inv_day + 30 AS due_day,
           CASE WHEN r_pay >= 0.06 THEN GREATEST(inv_day, inv_day + 15 + floor(r_delay * 50)::int) END AS pay_day,
           CASE WHEN r_refund < 0.05 THEN LEAST(inv_day + 5 + floor(r_delay * 20)::int, %(end)s::date) END AS refund_day
      FROM planned
)
SELECT n, partner_id, partner_name, day, ship_day, inv_day, due_day, refund_day,
       CASE WHEN pay_day <= %(end)s::date THEN pay_day END AS pay_day,
       day + make_interval(hours => 8, mins => floor(r_hour * 600)::int) AS date_order,
       ship_day + interval '14 hours' AS date_done,
       'LD' || %(seed)s || '/SO/' || lpad(n::text, 7, '0') AS so_name,
       'LD' || %(seed)s || '/OUT/' || lpad(n::text, 7, '0') AS pick_name,
       nextval('sale_order_id_seq') AS so_id, nextval('stock_picking_id_seq') AS pick_id,
       nextval('account_move_id_seq') AS inv_id, nextval('account_move_line_id_seq') AS rec_line_id,
       0::numeric AS total, NULL::bigint AS pay_id, NULL::bigint AS pay_rec_line_id, NULL::bigint AS pay_bank_line_id,
       NULL::bigint AS full_id, NULL::bigint AS refund_id, NULL::bigint AS ret_pick_id,
       NULL::varchar AS inv_name, NULL::varchar AS inv_prefix, 0 AS inv_seq
  FROM paid;
UPDATE ld_order SET pay_id = nextval('account_move_id_seq'), pay_rec_line_id = nextval('account_move_line_id_seq'),
                    pay_bank_line_id = nextval('account_move_line_id_seq'),
                    full_id = nextval('account_full_reconcile_id_seq')
 WHERE pay_day IS NOT NULL;
UPDATE ld_order SET refund_id = nextval('account_move_id_seq'), ret_pick_id = nextval('stock_picking_id_seq')
 WHERE refund_day IS NOT NULL;
CREATE INDEX ON ld_order (n);
"""

# one row per order line: product, quantity, price, ids; the first line of a refunded order is half returned
LINES = """
CREATE TEMP TABLE ld_line AS
SELECT l AS n, o.n AS order_n, mod(l - 1, %(per_order)s) + 1 AS k, product.product_id, product.name, product.price,
       (1 + floor(pg_temp.ld_rnd(l, %(salt)s + 11) * 12))::numeric AS qty,
       CASE WHEN o.refund_day IS NOT NULL AND mod(l - 1, %(per_order)s) = 0 THEN 1 ELSE 0 END AS refunded,
       nextval('sale_order_line_id_seq') AS sol_id, nextval('stock_move_id_seq') AS move_id,
       nextval('stock_move_line_id_seq') AS sml_id, nextval('account_move_line_id_seq') AS aml_id
  FROM generate_series(1, %(lines)s) AS l
  JOIN ld_order o ON o.n = (l - 1) / %(per_order)s + 1
  JOIN ld_product product ON product.idx = 1 + floor(pg_temp.ld_rnd(l, %(salt)s + 12) * %(n_products)s)::int;
ALTER TABLE ld_line ADD COLUMN subtotal numeric, ADD COLUMN ret_qty numeric, ADD COLUMN ret_move_id bigint,
                    ADD COLUMN ret_sml_id bigint, ADD COLUMN ref_line_id bigint, ADD COLUMN ref_rec_line_id bigint;
UPDATE ld_line SET subtotal = round(qty * price, 2);
UPDATE ld_line SET ret_qty = ceil(qty / 2), ret_move_id = nextval('stock_move_id_seq'),
                   ret_sml_id = nextval('stock_move_line_id_seq'), ref_line_id = nextval('account_move_line_id_seq'),
                   ref_rec_line_id = nextval('account_move_line_id_seq')
 WHERE refunded = 1;
UPDATE ld_order o SET total = s.total FROM (SELECT order_n, SUM(subtotal) AS total FROM ld_line GROUP BY order_n) s
 WHERE s.order_n = o.n;
UPDATE ld_order o SET inv_prefix = %(sale_code)s || '/' || extract(year FROM o.inv_day) || '/', inv_seq = s.seq
  FROM (SELECT n, row_number() OVER (PARTITION BY extract(year FROM inv_day) ORDER BY inv_day, n) AS seq
          FROM ld_order) s
 WHERE s.n = o.n;
UPDATE ld_order SET inv_name = inv_prefix || lpad(inv_seq::text, 6, '0');
CREATE INDEX ON ld_line (order_n);
ANALYZE ld_order; ANALYZE ld_line;
"""

SALES = """
INSERT INTO sale_order (id, company_id, partner_id, partner_invoice_id, partner_shipping_id, currency_id, name, state,
                        date_order, create_date, write_date, create_uid, write_uid, picking_policy, warehouse_id,
                        invoice_status, delivery_status, effective_date, amount_untaxed, amount_tax, amount_total,
                        currency_rate, locked, require_signature, require_payment, prepayment_percent)
SELECT so_id, %(company)s, partner_id, partner_id, partner_id, %(currency)s, so_name, 'sale',
       date_order, date_order, date_order, %(uid)s, %(uid)s, 'direct', %(warehouse)s,
       'invoiced', 'full', date_done, total, 0, total, 1.0, false, false, false, 1.0
  FROM ld_order;
INSERT INTO sale_order_line (id, order_id, sequence, company_id, currency_id, order_partner_id, product_id, product_uom,
                             state, qty_delivered_method, invoice_status, name, product_uom_qty, price_unit,
                             technical_price_unit, discount, price_subtotal, price_tax, price_total,
                             price_reduce_taxexcl, price_reduce_taxinc, qty_delivered, qty_invoiced, qty_to_invoice,
                             untaxed_amount_invoiced, untaxed_amount_to_invoice, is_downpayment, is_expense,
                             customer_lead, warehouse_id, create_date, write_date, create_uid, write_uid)
SELECT l.sol_id, o.so_id, 10 * l.k, %(company)s,
       %(currency)s, o.partner_id, l.product_id, %(uom)s, 'sale', 'stock_move', 'invoiced', l.name, l.qty, l.price,
       l.price, 0, l.subtotal, 0, l.subtotal, l.price, l.price, l.qty - COALESCE(l.ret_qty, 0),
       l.qty - COALESCE(l.ret_qty, 0), 0, round((l.qty - COALESCE(l.ret_qty, 0)) * l.price, 2), 0, false, false, 0,
       %(warehouse)s, o.date_order, o.date_order, %(uid)s, %(uid)s
  FROM ld_line l JOIN ld_order o ON o.n = l.order_n;
"""

# deliveries (stock -> customers) and returns (customers -> stock, ``origin_returned_move_id`` set), all done
STOCK = """
INSERT INTO stock_picking (id, location_id, location_dest_id, picking_type_id, partner_id, company_id, name, origin,
                           move_type, state, priority, printed, is_locked, has_deadline_issue, scheduled_date, date,
                           date_done, sale_id, create_date, write_date, create_uid, write_uid)
SELECT pick_id, %(stock_loc)s, %(customer_loc)s, %(out_type)s, partner_id, %(company)s, pick_name, so_name,
       'direct', 'done', '0', false, true, false, date_done, date_order, date_done, so_id, date_order, date_done,
       %(uid)s, %(uid)s
  FROM ld_order
UNION ALL
SELECT ret_pick_id, %(customer_loc)s, %(stock_loc)s, %(in_type)s, partner_id, %(company)s,
       'LD' || %(seed)s || '/RET/' || lpad(n::text, 7, '0'), 'Return of ' || pick_name,
       'direct', 'done', '0', false, true, false, refund_day + interval '10 hours', refund_day + interval '10 hours',
       refund_day + interval '10 hours', so_id, refund_day + interval '10 hours', refund_day + interval '10 hours',
       %(uid)s, %(uid)s
  FROM ld_order WHERE ret_pick_id IS NOT NULL;
UPDATE stock_picking p SET return_id = o.pick_id FROM ld_order o WHERE p.id = o.ret_pick_id;
INSERT INTO stock_move (id, sequence, company_id, product_id, product_uom, location_id, location_dest_id, partner_id,
                        picking_id, picking_type_id, warehouse_id, name, priority, state, origin, procure_method,
                        reference, product_qty, product_uom_qty, quantity, picked, scrapped, propagate_cancel,
                        is_inventory, additional, date, price_unit, to_refund, sale_line_id, origin_returned_move_id,
                        create_date, write_date, create_uid, write_uid)
SELECT l.move_id, 10, %(company)s, l.product_id, %(uom)s, %(stock_loc)s, %(customer_loc)s, o.partner_id,
       o.pick_id, %(out_type)s, %(warehouse)s, l.name, '0', 'done', o.so_name, 'make_to_stock',
       o.pick_name, l.qty, l.qty, l.qty, true, false, true, false, false, o.date_done, 0, false, l.sol_id, NULL,
       o.date_order, o.date_done, %(uid)s, %(uid)s
  FROM ld_line l JOIN ld_order o ON o.n = l.order_n
UNION ALL
SELECT l.ret_move_id, 10, %(company)s, l.product_id, %(uom)s, %(customer_loc)s, %(stock_loc)s, o.partner_id,
       o.ret_pick_id, %(in_type)s, %(warehouse)s, l.name, '0', 'done', 'Return of ' || o.pick_name, 'make_to_stock',
       'LD' || %(seed)s || '/RET/' || lpad(o.n::text, 7, '0'), l.ret_qty, l.ret_qty, l.ret_qty, true, false, true,
       false, false, o.refund_day + interval '10 hours', 0, true, l.sol_id, l.move_id,
       o.refund_day + interval '10 hours', o.refund_day + interval '10 hours', %(uid)s, %(uid)s
  FROM ld_line l JOIN ld_order o ON o.n = l.order_n WHERE l.ret_move_id IS NOT NULL;
INSERT INTO stock_move_line (id, picking_id, move_id, company_id, product_id, product_uom_id, location_id,
                             location_dest_id, state, reference, quantity, quantity_product_uom, picked, date,
                             create_date, write_date, create_uid, write_uid)
SELECT l.sml_id, o.pick_id, l.move_id, %(company)s, l.product_id, %(uom)s, %(stock_loc)s, %(customer_loc)s, 'done',
       o.pick_name, l.qty, l.qty, true, o.date_done, o.date_done, o.date_done, %(uid)s, %(uid)s
  FROM ld_line l JOIN ld_order o ON o.n = l.order_n
UNION ALL
SELECT l.ret_sml_id, o.ret_pick_id, l.ret_move_id, %(company)s, l.product_id, %(uom)s, %(customer_loc)s,
       %(stock_loc)s, 'done', 'LD' || %(seed)s || '/RET/' || lpad(o.n::text, 7, '0'), l.ret_qty, l.ret_qty, true,
       o.refund_day + interval '10 hours', o.refund_day + interval '10 hours', o.refund_day + interval '10 hours',
       %(uid)s, %(uid)s
  FROM ld_line l JOIN ld_order o ON o.n = l.order_n WHERE l.ret_move_id IS NOT NULL;
"""

# posted customer invoices (untaxed: product lines credit the income account, one receivable line per invoice),
# paid or open; payments are bank journal entries whose receivable line is fully reconciled with the invoice's
INVOICES = """
INSERT INTO account_full_reconcile (id, create_date, write_date, create_uid, write_uid)
SELECT full_id, pay_day, pay_day, %(uid)s, %(uid)s FROM ld_order WHERE full_id IS NOT NULL;
INSERT INTO account_move (id, journal_id, company_id, currency_id, partner_id, commercial_partner_id, name,
                          sequence_prefix, sequence_number, ref, state, move_type, auto_post, payment_state,
                          payment_reference, invoice_partner_display_name, invoice_origin, date, invoice_date,
                          invoice_date_due, invoice_currency_rate, amount_untaxed, amount_tax, amount_total,
                          amount_residual, amount_untaxed_signed, amount_untaxed_in_currency_signed, amount_tax_signed,
                          amount_total_signed, amount_total_in_currency_signed, amount_residual_signed, is_storno,
                          always_tax_exigible, checked, posted_before, made_sequence_gap, is_manually_modified,
                          is_move_sent, create_date, write_date, create_uid, write_uid)
SELECT inv_id, %(sale_journal)s, %(company)s, %(currency)s, partner_id, partner_id, inv_name, inv_prefix, inv_seq,
       NULL, 'posted', 'out_invoice', 'no', CASE WHEN pay_id IS NULL THEN 'not_paid' ELSE 'paid' END, inv_name,
       partner_name, so_name, inv_day, inv_day, due_day, 1.0, total, 0, total,
       CASE WHEN pay_id IS NULL THEN total ELSE 0 END, total, total, 0, total, total,
       CASE WHEN pay_id IS NULL THEN total ELSE 0 END, false, false, true, true, false, false, false,
       inv_day, inv_day, %(uid)s, %(uid)s
  FROM ld_order;
INSERT INTO account_move_line (id, move_id, journal_id, company_id, company_currency_id, currency_id, sequence,
                               account_id, partner_id, product_id, product_uom_id, move_name, parent_state, name,
                               display_type, date, invoice_date, date_maturity, debit, credit, balance,
                               amount_currency, tax_base_amount, amount_residual, amount_residual_currency, quantity,
                               price_unit, price_subtotal, price_total, discount, discount_amount_currency,
                               discount_balance, is_imported, tax_tag_invert, reconciled, is_downpayment,
                               full_reconcile_id, matching_number, create_date, write_date, create_uid, write_uid)
SELECT l.aml_id, o.inv_id, %(sale_journal)s, %(company)s, %(currency)s, %(currency)s, 10 + l.k, %(income)s,
       o.partner_id, l.product_id, %(uom)s, o.inv_name, 'posted', l.name, 'product', o.inv_day, o.inv_day, NULL,
       0, l.subtotal, -l.subtotal, -l.subtotal, 0, 0, 0, l.qty, l.price, l.subtotal, l.subtotal, 0, 0, 0, false, true,
       false, false, NULL, NULL, o.inv_day, o.inv_day, %(uid)s, %(uid)s
  FROM ld_line l JOIN ld_order o ON o.n = l.order_n
UNION ALL
SELECT rec_line_id, inv_id, %(sale_journal)s, %(company)s, %(currency)s, %(currency)s, 100, %(receivable)s,
       partner_id, NULL, NULL, inv_name, 'posted', inv_name, 'payment_term', inv_day, inv_day, due_day,
       total, 0, total, total, 0, CASE WHEN pay_id IS NULL THEN total ELSE 0 END,
       CASE WHEN pay_id IS NULL THEN total ELSE 0 END, 0, 0, 0, 0, 0, 0, 0, false, false, pay_id IS NOT NULL, false,
       full_id, full_id::varchar, inv_day, inv_day, %(uid)s, %(uid)s
  FROM ld_order;
INSERT INTO sale_order_line_invoice_rel (invoice_line_id, order_line_id) SELECT aml_id, sol_id FROM ld_line;
"""

PAYMENTS = """
INSERT INTO account_move (id, journal_id, company_id, currency_id, partner_id, commercial_partner_id, name,
                          sequence_prefix, sequence_number, ref, state, move_type, auto_post, payment_state, date,
                          invoice_currency_rate, amount_untaxed, amount_tax, amount_total, amount_residual,
                          amount_untaxed_signed, amount_untaxed_in_currency_signed, amount_tax_signed,
                          amount_total_signed, amount_total_in_currency_signed, amount_residual_signed, is_storno,
                          always_tax_exigible, checked, posted_before, made_sequence_gap, is_manually_modified,
                          is_move_sent, create_date, write_date, create_uid, write_uid)
SELECT pay_id, %(bank_journal)s, %(company)s, %(currency)s, partner_id, partner_id,
       %(bank_code)s || '/' || extract(year FROM pay_day) || '/' || lpad(s.seq::text, 6, '0'),
       %(bank_code)s || '/' || extract(year FROM pay_day) || '/', s.seq, inv_name, 'posted', 'entry', 'no',
       'not_paid', pay_day, 1.0, 0, 0, total, 0, 0, 0, 0, total, total, 0, false, true, true, true, false, false,
       false, pay_day, pay_day, %(uid)s, %(uid)s
  FROM ld_order JOIN (
       SELECT n, row_number() OVER (PARTITION BY extract(year FROM pay_day) ORDER BY pay_day, n) AS seq
         FROM ld_order WHERE pay_id IS NOT NULL) s USING (n);
INSERT INTO account_move_line (id, move_id, journal_id, company_id, company_currency_id, currency_id, sequence,
                               account_id, partner_id, move_name, parent_state, name, display_type, date,
                               date_maturity, debit, credit, balance, amount_currency, tax_base_amount,
                               amount_residual, amount_residual_currency, discount, discount_amount_currency,
                               discount_balance, is_imported, tax_tag_invert, reconciled, is_downpayment,
                               full_reconcile_id, matching_number, create_date, write_date, create_uid, write_uid)
SELECT o.pay_bank_line_id, o.pay_id, %(bank_journal)s, %(company)s, %(currency)s, %(currency)s, 10, %(bank)s,
       o.partner_id, m.name, 'posted', m.ref, 'product', o.pay_day, o.pay_day, o.total, 0, o.total, o.total, 0,
       0, 0, 0, 0, 0, false, false, false, false, NULL, NULL, o.pay_day, o.pay_day, %(uid)s, %(uid)s
  FROM ld_order o JOIN account_move m ON m.id = o.pay_id
UNION ALL
SELECT o.pay_rec_line_id, o.pay_id, %(bank_journal)s, %(company)s, %(currency)s, %(currency)s, 20, %(receivable)s,
       o.partner_id, m.name, 'posted', m.ref, 'product', o.pay_day, o.pay_day, 0, o.total, -o.total, -o.total, 0,
       0, 0, 0, 0, 0, false, false, true, false, o.full_id, o.full_id::varchar, o.pay_day, o.pay_day,
       %(uid)s, %(uid)s
  FROM ld_order o JOIN account_move m ON m.id = o.pay_id;
INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, full_reconcile_id, debit_currency_id,
                                       credit_currency_id, company_id, max_date, amount, debit_amount_currency,
                                       credit_amount_currency, create_date, write_date, create_uid, write_uid)
SELECT rec_line_id, pay_rec_line_id, full_id, %(currency)s, %(currency)s, %(company)s, pay_day, total, total, total,
       pay_day, pay_day, %(uid)s, %(uid)s
  FROM ld_order WHERE pay_id IS NOT NULL;
"""

# credit notes of the returned quantities, posted and left open (a credit in the dealer's receivable)
REFUNDS = """
INSERT INTO account_move (id, journal_id, company_id, currency_id, partner_id, commercial_partner_id, name,
                          sequence_prefix, sequence_number, ref, state, move_type, auto_post, payment_state,
                          payment_reference, invoice_partner_display_name, invoice_origin, date, invoice_date,
                          invoice_date_due, invoice_currency_rate, amount_untaxed, amount_tax, amount_total,
                          amount_residual, amount_untaxed_signed, amount_untaxed_in_currency_signed, amount_tax_signed,
                          amount_total_signed, amount_total_in_currency_signed, amount_residual_signed, is_storno,
                          always_tax_exigible, checked, posted_before, made_sequence_gap, is_manually_modified,
                          is_move_sent, reversed_entry_id, create_date, write_date, create_uid, write_uid)
SELECT o.refund_id, %(sale_journal)s, %(company)s, %(currency)s, o.partner_id, o.partner_id,
       'R' || %(sale_code)s || '/' || extract(year FROM o.refund_day) || '/' || lpad(s.seq::text, 6, '0'),
       'R' || %(sale_code)s || '/' || extract(year FROM o.refund_day) || '/', s.seq, 'Reversal of: ' || o.inv_name,
       'posted', 'out_refund', 'no', 'not_paid', NULL, o.partner_name, o.so_name, o.refund_day, o.refund_day,
       o.refund_day, 1.0, r.amount, 0, r.amount, r.amount, -r.amount, -r.amount, 0, -r.amount, -r.amount, -r.amount,
       false, false, true, true, false, false, false, o.inv_id, o.refund_day, o.refund_day, %(uid)s, %(uid)s
  FROM ld_order o
  JOIN (SELECT order_n, SUM(round(ret_qty * price, 2)) AS amount FROM ld_line WHERE refunded = 1 GROUP BY order_n) r
    ON r.order_n = o.n
  JOIN (SELECT n, row_number() OVER (PARTITION BY extract(year FROM refund_day) ORDER BY refund_day, n) AS seq
          FROM ld_order WHERE refund_id IS NOT NULL) s ON s.n = o.n;
INSERT INTO account_move_line (id, move_id, journal_id, company_id, company_currency_id, currency_id, sequence,
                               account_id, partner_id, product_id, product_uom_id, move_name, parent_state, name,
                               display_type, date, invoice_date, date_maturity, debit, credit, balance,
                               amount_currency, tax_base_amount, amount_residual, amount_residual_currency, quantity,
                               price_unit, price_subtotal, price_total, discount, discount_amount_currency,
                               discount_balance, is_imported, tax_tag_invert, reconciled, is_downpayment,
                               create_date, write_date, create_uid, write_uid)
SELECT l.ref_line_id, o.refund_id, %(sale_journal)s, %(company)s, %(currency)s, %(currency)s, 10, %(income)s,
       o.partner_id, l.product_id, %(uom)s, m.name, 'posted', l.name, 'product', o.refund_day, o.refund_day, NULL,
       round(l.ret_qty * l.price, 2), 0, round(l.ret_qty * l.price, 2), round(l.ret_qty * l.price, 2), 0, 0, 0,
       l.ret_qty, l.price, round(l.ret_qty * l.price, 2), round(l.ret_qty * l.price, 2), 0, 0, 0, false, false,
       false, false, o.refund_day, o.refund_day, %(uid)s, %(uid)s
  FROM ld_line l JOIN ld_order o ON o.n = l.order_n JOIN account_move m ON m.id = o.refund_id
 WHERE l.refunded = 1
UNION ALL
SELECT l.ref_rec_line_id, o.refund_id, %(sale_journal)s, %(company)s, %(currency)s, %(currency)s, 100,
       %(receivable)s, o.partner_id, NULL, NULL, m.name, 'posted', m.name, 'payment_term', o.refund_day,
       o.refund_day, o.refund_day, 0, round(l.ret_qty * l.price, 2), -round(l.ret_qty * l.price, 2),
       -round(l.ret_qty * l.price, 2), 0, -round(l.ret_qty * l.price, 2), -round(l.ret_qty * l.price, 2), 0, 0, 0,
       0, 0, 0, 0, false, false, false, false, o.refund_day, o.refund_day, %(uid)s, %(uid)s
  FROM ld_line l JOIN ld_order o ON o.n = l.order_n JOIN account_move m ON m.id = o.refund_id
 WHERE l.refunded = 1;
INSERT INTO sale_order_line_invoice_rel (invoice_line_id, order_line_id)
SELECT ref_line_id, sol_id FROM ld_line WHERE refunded = 1;
"""

# monthly targets over the history, around the dealers' average monthly sales
TARGETS = """
INSERT INTO dealer_contract_target (contract_id, partner_id, company_id, period_type, date_start, date_end, amount,
                                    create_date, write_date, create_uid, write_uid)
SELECT c.contract_id, c.partner_id, %(company)s, 'month', g.month::date,
       (g.month + interval '1 month' - interval '1 day')::date,
       round((avg_sales.amount * (0.6 + 0.8 * pg_temp.ld_rnd(c.idx * 1000 + g.i, %(salt)s + 21)))::numeric, -2) + 100,
       now() at time zone 'UTC', now() at time zone 'UTC', %(uid)s, %(uid)s
  FROM unnest(%(contracts)s::int[], %(dealers)s::int[]) WITH ORDINALITY AS c(contract_id, partner_id, idx)
 CROSS JOIN generate_series(%(start)s::timestamp, %(end)s::timestamp, interval '1 month') WITH ORDINALITY AS g(month, i)
 CROSS JOIN (SELECT SUM(total) / (%(n_dealers)s * %(months)s) AS amount FROM ld_order) avg_sales;
UPDATE dealer_contract c SET target_total = t.amount
  FROM (SELECT contract_id, SUM(amount) AS amount FROM dealer_contract_target
         WHERE contract_id = ANY(%(contracts)s::int[]) GROUP BY contract_id) t
 WHERE t.contract_id = c.id;
"""

# violations, complaints, market feedback and channel stock reports, drawn per dealer and month
RELATIONS = """
DROP TABLE IF EXISTS ld_month;
CREATE TEMP TABLE ld_month AS
SELECT d.idx, d.partner_id, g.month::date AS month_start, d.idx::bigint * 1000 + g.i AS key
  FROM ld_dealer d
 CROSS JOIN generate_series(%(start)s::timestamp, %(end)s::timestamp, interval '1 month')
       WITH ORDINALITY AS g(month, i);
INSERT INTO dealer_violation (company_id, partner_id, name, violation_type, state, date, description, points,
                              fine_amount, create_date, write_date, create_uid, write_uid)
SELECT %(company)s, partner_id, 'LD' || %(seed)s || '/VIO/' || key,
       (ARRAY['cross_territory', 'price', 'late_payment', 'quality', 'other'])[1 + mod(key, 5)::int],
       CASE WHEN pg_temp.ld_rnd(key, %(salt)s + 32) < 0.6 THEN 'confirmed'
            WHEN pg_temp.ld_rnd(key, %(salt)s + 32) < 0.85 THEN 'closed'
            WHEN pg_temp.ld_rnd(key, %(salt)s + 32) < 0.95 THEN 'draft' ELSE 'cancelled' END,
       month_start + floor(pg_temp.ld_rnd(key, %(salt)s + 33) * 28)::int, 'Generated violation',
       1 + floor(pg_temp.ld_rnd(key, %(salt)s + 34) * 10), 0, month_start, month_start, %(uid)s, %(uid)s
  FROM ld_month WHERE pg_temp.ld_rnd(key, %(salt)s + 31) < 0.12;
INSERT INTO dealer_complaint (company_id, partner_id, category_id, name, origin, subject_type, priority, state,
                              description, product_qty, escalated, date_reported, date_resolved, resolution_hours,
                              create_date, write_date, create_uid, write_uid)
SELECT %(company)s, partner_id, %(category)s, 'LD' || %(seed)s || '/CMP/' || key2, 'dealer', 'quality', '1', state,
       'Generated complaint', 1, false, reported,
       CASE WHEN state IN ('resolved', 'closed') THEN reported + make_interval(mins => minutes) END,
       CASE WHEN state IN ('resolved', 'closed') THEN minutes / 60.0 ELSE 0 END,
       reported, reported, %(uid)s, %(uid)s
  FROM (SELECT partner_id, key * 4 + j AS key2,
               month_start + make_interval(days => floor(pg_temp.ld_rnd(key * 4 + j, %(salt)s + 42) * 28)::int,
                                           hours => 8 + floor(pg_temp.ld_rnd(key * 4 + j, %(salt)s + 43) * 10)::int)
                   AS reported,
               240 + floor(pg_temp.ld_rnd(key * 4 + j, %(salt)s + 44) * 12000)::int AS minutes,
               CASE WHEN pg_temp.ld_rnd(key * 4 + j, %(salt)s + 45) < 0.1 THEN 'rejected'
                    WHEN pg_temp.ld_rnd(key * 4 + j, %(salt)s + 45) < 0.25 THEN 'new'
                    WHEN pg_temp.ld_rnd(key * 4 + j, %(salt)s + 45) < 0.35 THEN 'in_progress'
                    WHEN pg_temp.ld_rnd(key * 4 + j, %(salt)s + 45) < 0.7 THEN 'resolved' ELSE 'closed' END AS state
          FROM ld_month CROSS JOIN generate_series(1, 2) AS j
         WHERE pg_temp.ld_rnd(key * 4 + j, %(salt)s + 41) < 0.3) c;
INSERT INTO dealer_feedback (company_id, partner_id, name, feedback_type, state, description, color,
                             create_date, write_date, create_uid, write_uid)
SELECT %(company)s, partner_id, 'Market feedback ' || key2, 'demand',
       CASE WHEN pg_temp.ld_rnd(key2, %(salt)s + 52) < 0.1 THEN 'rejected'
            WHEN pg_temp.ld_rnd(key2, %(salt)s + 52) < 0.6 THEN 'done'
            WHEN pg_temp.ld_rnd(key2, %(salt)s + 52) < 0.8 THEN 'in_progress' ELSE 'new' END,
       'Generated market feedback', 0, created, created, %(uid)s, %(uid)s
  FROM (SELECT partner_id, key * 4 + j AS key2,
               month_start + make_interval(days => floor(pg_temp.ld_rnd(key * 4 + j, %(salt)s + 53) * 28)::int,
                                           hours => 9) AS created
          FROM ld_month CROSS JOIN generate_series(1, 2) AS j
         WHERE pg_temp.ld_rnd(key * 4 + j, %(salt)s + 51) < 0.35) f;
INSERT INTO dealer_stock_report (partner_id, company_id, name, state, date, create_date, write_date, create_uid,
                                 write_uid)
SELECT partner_id, %(company)s, 'LD' || %(seed)s || '/STK/' || key,
       CASE WHEN pg_temp.ld_rnd(key, %(salt)s + 62) < 0.05 THEN 'draft'
            WHEN pg_temp.ld_rnd(key, %(salt)s + 62) < 0.5 THEN 'submitted' ELSE 'validated' END,
       (month_start + interval '1 month' - interval '1 day')::date, month_start, month_start, %(uid)s, %(uid)s
  FROM ld_month WHERE pg_temp.ld_rnd(key, %(salt)s + 61) < 0.85;
"""

STEPS = (
    ("plan", SETUP + ORDERS + LINES), ("sales", SALES), ("stock", STOCK), ("invoices", INVOICES),
    ("payments", PAYMENTS), ("refunds", REFUNDS), ("targets", TARGETS), ("relations", RELATIONS),
)


def load(gen):
    """Run the bulk statements of ``gen`` (a LargeDataGenerator whose master data exist)."""
    cr = gen.env.cr
    params = {
        "seed": gen.seed, "salt": gen.seed * 100, "uid": gen.env.uid, "company": gen.company.id,
        "currency": gen.currency.id, "uom": gen.uom.id, "warehouse": gen.warehouse.id,
        "out_type": gen.out_type.id, "in_type": gen.in_type.id, "stock_loc": gen.stock_location.id,
        "customer_loc": gen.customer_location.id, "sale_journal": gen.sale_journal.id,
        "sale_code": gen.sale_journal.code, "bank_journal": gen.bank_journal.id, "bank_code": gen.bank_journal.code,
        "income": gen.income_account.id, "receivable": gen.receivable_account.id, "bank": gen.bank_account.id,
        "category": gen.complaint_category.id, "start": gen.start, "end": gen.end,
        "days": (gen.end - gen.start).days + 1, "months": gen.months, "orders": gen.n_orders,
        "lines": gen.n_orders * gen.lines_per_order, "per_order": gen.lines_per_order, "n_dealers": len(gen.dealers),
        "dealers": gen.dealers.ids, "dealer_names": gen.dealers.mapped("name"),
        "contracts": [contract.id for contract in gen.contracts], "products": gen.products.ids,
        "product_names": gen.products.mapped("name"), "prices": gen.products.mapped("list_price"),
        "n_products": len(gen.products),
    }
    replica = _skip_foreign_key_checks(cr)
    for step, code in STEPS:
        started = time.perf_counter()
        cr.execute(SQL(code, **params))
        gen.say(f"{step}: {time.perf_counter() - started:.1f} s")
    if replica:
        # on an error the transaction is rolled back, and the setting with it (SET LOCAL)
        cr.execute("SET LOCAL session_replication_role = DEFAULT")
    started = time.perf_counter()
    for table in TABLES:
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    gen.say(f"analyze: {time.perf_counter() - started:.1f} s")


def _skip_foreign_key_checks(cr):
    """Skip the foreign key checks of the bulk inserts (their ids are consistent by construction) when the
    database user may (``session_replication_role``, a superuser setting, as for the harness's cluster); several
    times faster on the big tables. Returns whether it is skipped; the caller sets it back."""
    try:
        with cr.savepoint(flush=False):
            cr.execute("SET LOCAL session_replication_role = replica")
        return True
    except psycopg2.Error:
        return False
