/**
 * Portal tour: a dealer adds pumps from the catalog (cards on a phone, the table on a larger screen) and valves by
 * quick order, is refused over its credit limit, then orders less. Run at desktop and at phone size
 * (tests/test_portal_ordering.py).
 */
import { registry } from "@web/core/registry";

// below Bootstrap's md breakpoint the catalog shows cards, from it on the table
const PHONE_WIDTH = 768;

registry.category("web_tour.tours").add("dealer_portal_ordering_tour", {
    url: "/my/catalog?search=TOUR",
    steps: () => [
        {
            content: "The catalog fits the screen: cards on a phone, the table on a larger screen",
            trigger: "[data-code='TOUR-PUMP'] .o_dealer_add",
            run() {
                const phone = window.innerWidth < PHONE_WIDTH;
                const layout = phone ? ".o_dealer_catalog_card" : ".o_dealer_catalog_row";
                const button = [...document.querySelectorAll("[data-code='TOUR-PUMP'] .o_dealer_add")].find(
                    (el) => el.offsetParent !== null
                );
                if (!button || !button.closest(layout)) {
                    throw new Error(`The visible Add button is not in ${layout} at ${window.innerWidth} px`);
                }
                const overflow = document.documentElement.scrollWidth - window.innerWidth;
                if (overflow > 0) {
                    throw new Error(`The catalog is ${overflow} px wider than the ${window.innerWidth} px screen`);
                }
                const price = button.closest(layout).querySelector(".o_dealer_net_price").getBoundingClientRect();
                if (price.right > window.innerWidth || button.getBoundingClientRect().right > window.innerWidth) {
                    throw new Error("The net price or the Add button is off-screen");
                }
            },
        },
        {
            content: "Type the quantity of pumps",
            trigger: "[data-code='TOUR-PUMP'] input[name=quantity]",
            run: "edit 8",
        },
        {
            content: "Add them to the cart",
            trigger: "[data-code='TOUR-PUMP'] .o_dealer_add",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The catalog says what was added and how many products the cart holds",
            trigger: ".o_dealer_cart_added:contains(Tour Pump)",
            run() {
                const text = document.querySelector(".o_dealer_cart_added").textContent;
                if (!text.includes("8 ×") || !text.includes("Products in your cart: 1")) {
                    throw new Error(`The confirmation does not give the quantity and the cart count: ${text}`);
                }
            },
        },
        {
            content: "Open the cart from the confirmation",
            trigger: ".o_dealer_cart_added a.o_dealer_cart_added_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Paste a quick order line: product code and quantity",
            trigger: "textarea#quick_lines",
            async run(helpers) {
                await helpers.edit("TOUR-VALVE 2");
            },
        },
        {
            content: "Add it to the cart",
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
            content: "The accepted order is in the list, with its status and its delivery",
            trigger: ".o_portal_my_doc_table tr:has(a[href*='/my/orders/']):has(.o_dealer_order_state:contains(Sales Order)):has(.o_dealer_order_delivery:contains(Not Delivered))",
        },
    ],
});
