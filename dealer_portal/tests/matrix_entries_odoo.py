"""The entries of Odoo's own portal routes in the security matrix (tests/test_security_portal_matrix.py).

The matrix enumerates the routes of Odoo's addons (``sale``, ``account``, ``portal``, ``payment``, ``mail``, ``web``…)
that a dealer's portal users reach (ODOO_ROUTE_PREFIXES there); a new one without an entry here fails the test.

An entry is a ROUTES entry (matrix_entries.py) with ``"addon"``: the Odoo addon that declares the route, and:
- ``"method"``: "GET", "POST" or "JSON" (a JSON-RPC call, with ``"params": params(case, record)``);
- the roles: the owner of dealer A on dealer B's record and the anonymous visitor get ``"expect"`` ("refused": a
  redirect, 403/404 or a JSON error; "page": any answer without B's data); the staff of a dealer get what its owner
  gets (``"owner_only": False``: Odoo gives every contact of a customer its documents); ``"distributor"``: what the
  distributor D gets on its sub-dealer S's record: "reads" (S's data, never S's share link, nothing written) or the
  same as ``"expect"`` when absent;
- ``"token"``: "shared" when the record's access token opens the route to anybody (Odoo's share link, a read),
  "anonymous" when it opens it to the anonymous visitor only (acting on a dealer's order with its share link: the
  people of another dealer are refused even with it);
- ``"watch"``: watch(record) -> the records that must not change (default: the record);
- ``"quiet"``: True when Odoo logs the route's refusal as an error (its answer's status is checked all the same).
"""
import io
import json

from PIL import Image, PngImagePlugin

from odoo import Command

from .common_ordering import signature_png
from .matrix_entries import invoice, order

# models whose number of records an attack must not change
MESSAGES = {"mail.message": [("model", "=", "sale.order")]}
TRANSACTIONS = {"payment.transaction": []}
ATTACHMENTS = {"ir.attachment": []}


# ------------------------------------------------------------------ record factories (a record of `dealer`)
def quotation(case, dealer):
    """A quotation of the dealer sent for signature, with its share link and a message of the dealer's user."""
    product = case.env["product.product"].create({
        "name": f"Quoted part of {dealer.name}", "type": "consu", "list_price": 10.0,
    })
    sale = case.env["sale.order"].create({
        "partner_id": dealer.id, "require_signature": True, "order_line": [Command.create({"product_id": product.id})],
    })
    sale.action_quotation_sent()
    sale._portal_ensure_token()
    sale.message_post(body=f"Chatter of {dealer.name}", message_type="comment", subtype_xmlid="mail.mt_comment",
                      author_id=case.users_by_dealer[dealer.id].partner_id.id)
    return sale


def quotation_document(case, dealer):
    """A quotation whose product has a document shown on the quotation page."""
    sale = quotation(case, dealer)
    case.env["product.document"].create({
        "name": f"doc-{dealer.id}.txt", "raw": f"DOCUMENT OF {dealer.name}".encode(), "attached_on_sale": "quotation",
        "res_model": "product.product", "res_id": sale.order_line.product_id.id,
    })
    return sale


def quotation_option(case, dealer):
    """A quotation with one optional product added to it and one not added yet (sale_management)."""
    sale = quotation(case, dealer)
    products = case.env["product.product"].create([
        {"name": f"Option {number} of {dealer.name}", "type": "consu", "list_price": 5.0} for number in (1, 2)
    ])
    sale.sale_order_option_ids = [
        Command.create({"product_id": product.id, "name": product.name, "price_unit": 5.0}) for product in products
    ]
    sale.sale_order_option_ids[:1].add_option_to_order()
    return sale


def chatter_message(case, dealer):
    """The message the dealer's user posted on its quotation (already translated: no call to Google)."""
    message = quotation(case, dealer).message_ids.filtered(lambda m: m.message_type == "comment")[:1]
    case.env["mail.message.translation"].create({
        "message_id": message.id, "body": message.body, "source_lang": "en", "target_lang": "en",
    })
    return message


def order_file(case, dealer):
    """A file on the dealer's quotation, with an XML id (the /web/content/<xmlid> routes)."""
    sale = quotation(case, dealer)
    attachment = case.env["ir.attachment"].create({
        "name": f"order-file-{dealer.id}.txt", "raw": f"ORDER FILE OF {dealer.name}".encode(),
        "res_model": "sale.order", "res_id": sale.id,
    })
    case.env["ir.model.data"].create({
        "module": "__export__", "name": f"matrix_order_file_{attachment.id}", "model": "ir.attachment",
        "res_id": attachment.id,
    })
    return attachment


def order_image(case, dealer):
    """A PNG on the dealer's quotation whose bytes carry a text naming the dealer (served unresized at 0x0)."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"IMAGE OF {dealer.name}")
    stream = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(stream, format="PNG", pnginfo=info)
    attachment = order_file(case, dealer)
    attachment.write({"name": f"order-image-{dealer.id}.png", "raw": stream.getvalue(), "mimetype": "image/png"})
    return attachment


def invoice_file(case, dealer):
    return case.env["ir.attachment"].create({
        "name": f"invoice-file-{dealer.id}.txt", "raw": f"INVOICE FILE OF {dealer.name}".encode(),
        "res_model": "account.move", "res_id": invoice(case, dealer).id,
    })


def pending_file(case, dealer):
    """A file the dealer's user uploaded in the chatter composer and did not post yet."""
    return case.env["ir.attachment"].with_user(case.users_by_dealer[dealer.id]).sudo().create({
        "name": f"pending-{dealer.id}.txt", "raw": f"PENDING FILE OF {dealer.name}".encode(),
        "res_model": "mail.compose.message", "res_id": 0,
    })


def payment_token(case, dealer):
    provider = case.env["payment.provider"].create({"name": f"Matrix provider {dealer.id}", "code": "none",
                                                    "state": "test"})
    return case.env["payment.token"].create({
        "provider_id": provider.id, "payment_method_id": case.env.ref("payment.payment_method_unknown").id,
        "partner_id": dealer.id, "provider_ref": f"matrix-{dealer.id}", "payment_details": f"Card of {dealer.name}",
    })


# ------------------------------------------------------------------ entry builders
def _route(addon, record, url, method="GET", expect="refused", **entry):
    return {"owner_only": False, "addon": addon, "record": record, "url": url, "method": method, "expect": expect,
            **entry}


def _thread(rec):
    return {"thread_model": "sale.order", "thread_id": rec.id}


def _order_payment(rec):
    return {"access_token": "wrong", "amount": rec.amount_total, "provider_id": 1, "payment_method_id": 1,
            "token_id": None, "flow": "direct", "tokenization_requested": False, "landing_route": "/my"}


def _text_marker(rec):
    return rec.sudo().raw.decode()


def _image_marker(rec):
    return f"IMAGE OF {rec.env['sale.order'].browse(rec.res_id).partner_id.name}"


def _binary(url, image=False, **entry):
    """A /web/content or /web/image route on a file of a dealer's order (Odoo serves it to its own people, or with
    the file's own access token: a share link)."""
    return _route("web", order_image if image else order_file, url, token="shared",
                  marker=_image_marker if image else _text_marker, **entry)


def _chatter_text(rec):
    return f"Chatter of {rec.author_id.commercial_partner_id.name}"


def _xmlid(rec):
    return rec.get_external_id()[rec.id]


ODOO_ROUTES = {
    # sale: quotations and orders
    "/my/quotes": _route("sale", quotation, lambda rec: "/my/quotes", expect="page"),
    "/my/quotes/page/<int:page>": _route("sale", quotation, lambda rec: "/my/quotes/page/1", expect="page"),
    # a distributor's list holds its sub-dealers' orders, read-only (without their share link)
    "/my/orders": _route("sale", order, lambda rec: "/my/orders", expect="page", distributor="reads"),
    "/my/orders/page/<int:page>": _route("sale", order, lambda rec: "/my/orders/page/1", expect="page",
                                         distributor="reads"),
    "/my/orders/<int:order_id>": _route("sale", quotation, lambda rec: f"/my/orders/{rec.id}", token="shared",
                                        distributor="reads"),
    "/my/orders/<int:order_id>/accept": _route(
        "sale", quotation, lambda rec: f"/my/orders/{rec.id}/accept", method="JSON", token="anonymous",
        params=lambda case, rec: {"name": "Signed by another dealer", "signature": signature_png()}, count=MESSAGES,
    ),
    "/my/orders/<int:order_id>/decline": _route(
        "sale", quotation, lambda rec: f"/my/orders/{rec.id}/decline", method="POST", token="anonymous",
        data=lambda case, rec: {"csrf_token": case._csrf(), "decline_message": "Declined by another dealer"},
        count=MESSAGES,
    ),
    "/my/orders/<int:order_id>/document/<int:document_id>": _route(
        "sale", quotation_document, lambda rec: f"/my/orders/{rec.id}/document/{rec._get_product_documents().id}",
        token="shared", distributor="reads", marker=lambda rec: rec._get_product_documents().raw.decode(),
    ),
    "/my/orders/<int:order_id>/transaction": _route(
        "sale", quotation, lambda rec: f"/my/orders/{rec.id}/transaction", method="JSON", token="anonymous",
        params=lambda case, rec: _order_payment(rec), count=TRANSACTIONS,
    ),
    "/payment/pay": _route(
        "payment", quotation, lambda rec: f"/payment/pay?sale_order_id={rec.id}&amount={rec.amount_total}"
                                          f"&access_token=wrong", count=TRANSACTIONS,
    ),
    # sale_management: optional products of a quotation
    "/my/orders/<int:order_id>/update_line_dict": _route(
        "sale_management", quotation_option, lambda rec: f"/my/orders/{rec.id}/update_line_dict", method="JSON",
        token="anonymous", watch=lambda rec: rec.order_line,
        params=lambda case, rec: {"line_id": rec.sale_order_option_ids.line_id[:1].id, "input_quantity": 9},
    ),
    "/my/orders/<int:order_id>/add_option/<int:option_id>": _route(
        "sale_management", quotation_option,
        lambda rec: f"/my/orders/{rec.id}/add_option/{rec.sale_order_option_ids[1:].id}", method="JSON",
        token="anonymous", count={"sale.order.line": []},
    ),
    # sale_stock: delivery slips (the order's share link opens them too)
    "/my/picking/pdf/<int:picking_id>": _route(
        "sale_stock", order, lambda rec: f"/my/picking/pdf/{rec.picking_ids[:1].id}", token="shared",
        marker=lambda rec: rec.picking_ids[:1].name,
    ),
    "/my/picking/return/pdf/<int:picking_id>": _route(
        "sale_stock", order, lambda rec: f"/my/picking/return/pdf/{rec.picking_ids[:1].id}", token="shared",
        marker=lambda rec: rec.picking_ids[:1].name,
    ),
    # account: invoices (a distributor does not read its sub-dealers' invoices)
    "/my/invoices": _route("account", invoice, lambda rec: "/my/invoices", expect="page"),
    "/my/invoices/page/<int:page>": _route("account", invoice, lambda rec: "/my/invoices/page/1", expect="page"),
    "/my/invoices/<int:invoice_id>": _route("account", invoice, lambda rec: f"/my/invoices/{rec.id}", token="shared"),
    "/my/invoices/overdue": _route("account_payment", invoice, lambda rec: "/my/invoices/overdue", expect="page"),
    # the invoice's share link pays it, whoever holds it (Odoo's payment link)
    "/invoice/transaction/<int:invoice_id>": _route(
        "account_payment", invoice, lambda rec: f"/invoice/transaction/{rec.id}", method="JSON", token="shared",
        params=lambda case, rec: {**_order_payment(rec), "amount": rec.amount_total}, count=TRANSACTIONS,
    ),
    "/invoice/transaction/overdue": _route(
        "account_payment", invoice, lambda rec: "/invoice/transaction/overdue", method="JSON", expect="page",
        params=lambda case, rec: {**_order_payment(rec), "payment_reference": rec.name}, count=TRANSACTIONS,
    ),
    '/account/download_invoice_attachments/<models("ir.attachment"):attachments>': _route(
        "account", invoice_file, lambda rec: f"/account/download_invoice_attachments/{rec.id}", marker=_text_marker,
    ),
    '/account/download_invoice_documents/<models("account.move"):invoices>/<string:filetype>': _route(
        "account", invoice, lambda rec: f"/account/download_invoice_documents/{rec.id}/pdf",
    ),
    # portal: home, account, chatter
    "/my": _route("portal", quotation, lambda rec: "/my", expect="page"),
    "/my/home": _route("portal", quotation, lambda rec: "/my/home", expect="page"),
    "/my/account": _route("portal", quotation, lambda rec: "/my/account", expect="page"),
    "/my/security": _route("portal", quotation, lambda rec: "/my/security", expect="page"),
    "/my/counters": _route("portal", quotation, lambda rec: "/my/counters", method="JSON", expect="page",
                           params=lambda case, rec: {"counters": ["quotation_count", "order_count", "invoice_count"]}),
    "/my/deactivate_account": _route(
        "portal", quotation, lambda rec: "/my/deactivate_account", method="POST", expect="page",
        data=lambda case, rec: {"csrf_token": case._csrf(), "validation": "wrong", "password": "wrong"},
        count={"res.users": [("active", "=", True)]},
    ),
    # the token of a pending upload is its uploader's, to remove it
    "/portal/attachment/remove": _route(
        "portal", pending_file, lambda rec: "/portal/attachment/remove", method="JSON", count=ATTACHMENTS,
        token="shared",
        params=lambda case, rec: {"attachment_id": rec.id}, marker=_text_marker,
    ),
    "/portal/chatter_init": _route("portal", quotation, lambda rec: "/portal/chatter_init", method="JSON",
                                   expect="page", params=lambda case, rec: _thread(rec)),
    "/mail/chatter_fetch": _route(
        "portal", quotation, lambda rec: "/mail/chatter_fetch", method="JSON", expect="page", distributor="reads",
        params=lambda case, rec: _thread(rec), marker=lambda rec: f"Chatter of {rec.partner_id.name}",
    ),
    "/mail/update_is_internal": _route(
        "portal", chatter_message, lambda rec: "/mail/update_is_internal", method="JSON",
        params=lambda case, rec: {"message_id": rec.id, "is_internal": True}, marker=_chatter_text,
    ),
    "/mail/unfollow": _route(
        "mail", quotation, lambda rec: f"/mail/unfollow?model=sale.order&res_id={rec.id}"
                                       f"&pid={rec.partner_id.id}&token=wrong",
        expect="page", count={"mail.followers": [("res_model", "=", "sale.order")]},
    ),
    "/mail/view": _route("mail", quotation, lambda rec: f"/mail/view?model=sale.order&res_id={rec.id}",
                         token="shared", distributor="reads"),
    # mail: the chatter of a dealer's order
    "/mail/message/post": _route(
        "mail", quotation, lambda rec: "/mail/message/post", method="JSON", count=MESSAGES,
        params=lambda case, rec: {**_thread(rec), "post_data": {"body": "Posted by another dealer",
                                                                "message_type": "comment"}},
    ),
    "/mail/message/update_content": _route(
        "mail", chatter_message, lambda rec: "/mail/message/update_content", method="JSON",
        params=lambda case, rec: {"message_id": rec.id, "body": "Changed by another dealer", "attachment_ids": []},
        marker=_chatter_text,
    ),
    "/mail/message/reaction": _route(
        "mail", chatter_message, lambda rec: "/mail/message/reaction", method="JSON",
        params=lambda case, rec: {"message_id": rec.id, "content": "👍", "action": "add"},
        count={"mail.message.reaction": []}, marker=_chatter_text,
    ),
    "/mail/message/translate": _route(
        "mail", chatter_message, lambda rec: "/mail/message/translate", method="JSON", distributor="reads",
        params=lambda case, rec: {"message_id": rec.id}, marker=_chatter_text,
    ),
    "/mail/message/<int:message_id>": _route("mail", chatter_message, lambda rec: f"/mail/message/{rec.id}",
                                             distributor="reads", marker=lambda rec: rec.record_name),
    "/mail/thread/data": _route(
        "mail", order_file, lambda rec: "/mail/thread/data", method="JSON", expect="page",
        params=lambda case, rec: {"thread_model": "sale.order", "thread_id": rec.res_id,
                                  "request_list": ["followers", "attachments"]},
    ),
    "/mail/thread/messages": _route(
        "mail", quotation, lambda rec: "/mail/thread/messages", method="JSON", expect="page", distributor="reads",
        params=lambda case, rec: _thread(rec), marker=lambda rec: f"Chatter of {rec.partner_id.name}",
    ),
    "/mail/attachment/upload": _route(
        "mail", quotation, lambda rec: "/mail/attachment/upload", method="POST", count=ATTACHMENTS,
        data=lambda case, rec: {"csrf_token": case._csrf(), **_thread(rec)},
        files=lambda case, rec: {"ufile": ("planted.txt", b"PLANTED")},
    ),
    "/mail/attachment/delete": _route(
        "mail", order_file, lambda rec: "/mail/attachment/delete", method="JSON", count=ATTACHMENTS, token="shared",
        params=lambda case, rec: {"attachment_id": rec.id}, marker=_text_marker,
    ),
    "/mail/attachment/zip": _route(
        "mail", order_file, lambda rec: "/mail/attachment/zip", method="POST", marker=_text_marker,
        data=lambda case, rec: {"csrf_token": case._csrf(), "file_ids": str(rec.id), "zip_name": "files.zip"},
    ),
    # payment
    "/my/payment_method": _route("payment", payment_token, lambda rec: "/my/payment_method", expect="page",
                                 marker=lambda rec: rec.payment_details),
    "/payment/archive_token": _route(
        "payment", payment_token, lambda rec: "/payment/archive_token", method="JSON",
        params=lambda case, rec: {"token_id": rec.id}, marker=lambda rec: rec.payment_details,
    ),
    "/payment/confirmation": _route(
        "payment", quotation, lambda rec: "/payment/confirmation?tx_id=1&access_token=wrong", expect="page",
    ),
    "/payment/status": _route("payment", quotation, lambda rec: "/payment/status", expect="page"),
    "/payment/status/poll": _route("payment", quotation, lambda rec: "/payment/status/poll", method="JSON",
                                   expect="page"),
    "/payment/transaction": _route(
        "payment", quotation, lambda rec: "/payment/transaction", method="JSON", count=TRANSACTIONS,
        params=lambda case, rec: {**_order_payment(rec), "partner_id": rec.partner_id.id,
                                  "currency_id": rec.currency_id.id, "reference_prefix": rec.name},
    ),
    # reports
    # the back office's report routes: portal users print their orders and invoices from the portal pages
    "/report/<converter>/<reportname>/<docids>": _route(
        "web", quotation, lambda rec: f"/report/pdf/sale.report_saleorder/{rec.id}", quiet=True,
    ),
    "/report/<converter>/<reportname>": _route(
        "web", quotation, lambda rec: f"/report/html/sale.report_saleorder?context="
                                      f"{json.dumps({'active_ids': rec.ids})}", expect="page",
    ),
    "/report/download": _route(
        "web", quotation, lambda rec: "/report/download", method="POST", expect="page",
        data=lambda case, rec: {"csrf_token": case._csrf(), "context": "{}", "data": json.dumps(
            [f"/report/pdf/sale.report_saleorder/{rec.id}", "qweb-pdf"])},
    ),
    "/report/barcode": _route("web", quotation, lambda rec: "/report/barcode?barcode_type=QR&value=x",
                              expect="page"),
    "/report/barcode/<barcode_type>/<path:value>": _route("web", quotation, lambda rec: "/report/barcode/QR/x",
                                                          expect="page"),
    "/report/check_wkhtmltopdf": _route("web", quotation, lambda rec: "/report/check_wkhtmltopdf", method="JSON",
                                        expect="page"),
    # files of a dealer's order
    "/web/content": _binary(lambda rec: f"/web/content?id={rec.id}"),
    "/web/content/<int:id>": _binary(lambda rec: f"/web/content/{rec.id}"),
    "/web/content/<int:id>/<string:filename>": _binary(lambda rec: f"/web/content/{rec.id}/{rec.name}"),
    "/web/content/<string:model>/<int:id>/<string:field>": _binary(
        lambda rec: f"/web/content/ir.attachment/{rec.id}/datas"),
    "/web/content/<string:model>/<int:id>/<string:field>/<string:filename>": _binary(
        lambda rec: f"/web/content/ir.attachment/{rec.id}/datas/{rec.name}"),
    "/web/content/<string:xmlid>": _binary(lambda rec: f"/web/content/{_xmlid(rec)}"),
    "/web/content/<string:xmlid>/<string:filename>": _binary(lambda rec: f"/web/content/{_xmlid(rec)}/{rec.name}"),
}

# /web/image serves the same files (a placeholder image when refused); 0x0: the image as stored, not resized
_IMAGE_URLS = {
    "/web/image": lambda rec: f"/web/image?id={rec.id}",
    "/web/image/<int:id>": lambda rec: f"/web/image/{rec.id}",
    "/web/image/<int:id>-<string:unique>": lambda rec: f"/web/image/{rec.id}-x",
    "/web/image/<int:id>-<string:unique>/<int:width>x<int:height>": lambda rec: f"/web/image/{rec.id}-x/0x0",
    "/web/image/<int:id>-<string:unique>/<int:width>x<int:height>/<string:filename>":
        lambda rec: f"/web/image/{rec.id}-x/0x0/{rec.name}",
    "/web/image/<int:id>-<string:unique>/<string:filename>": lambda rec: f"/web/image/{rec.id}-x/{rec.name}",
    "/web/image/<int:id>/<int:width>x<int:height>": lambda rec: f"/web/image/{rec.id}/0x0",
    "/web/image/<int:id>/<int:width>x<int:height>/<string:filename>": lambda rec: f"/web/image/{rec.id}/0x0/{rec.name}",
    "/web/image/<int:id>/<string:filename>": lambda rec: f"/web/image/{rec.id}/{rec.name}",
    "/web/image/<string:model>/<int:id>/<string:field>": lambda rec: f"/web/image/ir.attachment/{rec.id}/datas",
    "/web/image/<string:model>/<int:id>/<string:field>/<int:width>x<int:height>":
        lambda rec: f"/web/image/ir.attachment/{rec.id}/datas/0x0",
    "/web/image/<string:model>/<int:id>/<string:field>/<int:width>x<int:height>/<string:filename>":
        lambda rec: f"/web/image/ir.attachment/{rec.id}/datas/0x0/{rec.name}",
    "/web/image/<string:model>/<int:id>/<string:field>/<string:filename>":
        lambda rec: f"/web/image/ir.attachment/{rec.id}/datas/{rec.name}",
    "/web/image/<string:xmlid>": lambda rec: f"/web/image/{_xmlid(rec)}",
    "/web/image/<string:xmlid>/<int:width>x<int:height>": lambda rec: f"/web/image/{_xmlid(rec)}/0x0",
    "/web/image/<string:xmlid>/<int:width>x<int:height>/<string:filename>":
        lambda rec: f"/web/image/{_xmlid(rec)}/0x0/{rec.name}",
    "/web/image/<string:xmlid>/<string:filename>": lambda rec: f"/web/image/{_xmlid(rec)}/{rec.name}",
}
ODOO_ROUTES.update({pattern: _binary(url, image=True, expect="page") for pattern, url in _IMAGE_URLS.items()})



# Odoo's loyalty card pages (loyalty, installed with dealer_loyalty): a card of the dealer, read by its owner only
def loyalty_card(case, dealer):
    program = case.env["loyalty.program"].create({"name": f"Card program of {dealer.name}", "program_type": "loyalty"})
    return case.env["loyalty.card"].create({"program_id": program.id, "partner_id": dealer.id, "points": 10})


ODOO_ROUTES.update({
    "/my/loyalty_card/<int:card_id>/history": _route(
        "loyalty", loyalty_card, lambda rec: f"/my/loyalty_card/{rec.id}/history"),
    "/my/loyalty_card/<int:card_id>/history/page/<int:page>": _route(
        "loyalty", loyalty_card, lambda rec: f"/my/loyalty_card/{rec.id}/history/page/1"),
    "/my/loyalty_card/<int:card_id>/values": _route(
        "loyalty", loyalty_card, lambda rec: f"/my/loyalty_card/{rec.id}/values", method="JSON", expect="page",
        params=lambda case, rec: {"card_id": rec.id}),
})
