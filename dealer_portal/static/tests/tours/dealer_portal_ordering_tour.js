/** Portal tour: a dealer quick-orders two products, is refused over its credit limit, then orders less. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_portal_ordering_tour", {
    url: "/my/cart",
    steps: () => [
        {
            content: "Paste two lines of the quick order: product code and quantity",
            trigger: "textarea#quick_lines",
            async run(helpers) {
                await helpers.edit("TOUR-PUMP 8\nTOUR-VALVE 2");
            },
        },
        {
            content: "Add them to the cart",
            trigger: ".o_dealer_quick_add",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Both products are in the cart",
            trigger: ".o_dealer_cart_line:contains(Tour Valve)",
        },
        {
            content: "Submit the order",
            trigger: ".o_dealer_submit_order",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order is above the credit limit: refused with the figures, the cart is kept",
            trigger: ".o_dealer_form_error:contains(Credit limit exceeded)",
        },
        {
            content: "Order fewer pumps",
            trigger: ".o_dealer_cart_line:contains(Tour Pump) input[name=quantity]",
            run: "edit 1",
        },
        {
            content: "Update the quantity",
            trigger: ".o_dealer_cart_line:contains(Tour Pump) button:contains(Update)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The cart holds the smaller quantity",
            trigger: ".o_dealer_cart_line:contains(Tour Pump) input[name=quantity][value='1.0']",
        },
        {
            content: "Submit it",
            trigger: ".o_dealer_submit_order",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order is confirmed: its portal page opens",
            trigger: "#introduction h2:contains(Sales Order)",
        },
        {
            content: "Open the list of orders",
            trigger: "body",
            run: () => {
                window.location.href = "/my/orders";
            },
            expectUnloadPage: true,
        },
        {
            content: "The accepted order is in the list",
            trigger: ".o_portal_my_doc_table a[href*='/my/orders/']",
        },
    ],
});
