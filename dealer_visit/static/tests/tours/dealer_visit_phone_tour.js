/**
 * A visit on a phone (390 x 844, tests/test_visit_tour.py): check in where the phone is, answer the checklist,
 * write a finding, check out. The browser's position is granted by the tour's first step (the test's browser
 * has no position of its own): 150 m from the dealer's shop.
 */
import { registry } from "@web/core/registry";

const NEAR_THE_SHOP = { latitude: 30.2754, longitude: 120.1558 };
const POINTS = 5;

function answerPoint(index, answer) {
    return [
        {
            content: `Open checklist point ${index}`,
            trigger: `.o_field_widget[name=line_ids] .o_kanban_record:not(.o_kanban_ghost):eq(${index - 1})`,
            run: "click",
        },
        {
            content: `Answer ${answer}`,
            trigger: `.modal .o_field_widget[name=answer] input[data-value=${answer}]`,
            run: "click",
        },
        {
            content: "Save the point",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
    ];
}

registry.category("web_tour.tours").add("dealer_visit_phone_tour", {
    steps: () => [
        {
            content: "The phone gives its position (granted for the test)",
            trigger: ".o_dealer_visit_check_in",
            run() {
                navigator.geolocation.getCurrentPosition = (success) => success({ coords: NEAR_THE_SHOP });
                const overflow = document.documentElement.scrollWidth - window.innerWidth;
                if (overflow > 0) {
                    throw new Error(`The visit form is ${overflow} px wider than the ${window.innerWidth} px screen`);
                }
            },
        },
        {
            content: "Check in on site",
            trigger: ".o_dealer_visit_check_in",
            run: "click",
        },
        {
            content: "Checked in: the check-out button replaces it",
            trigger: ".o_dealer_visit_check_out",
        },
        ...answerPoint(1, "yes"),
        ...answerPoint(2, "yes"),
        ...answerPoint(3, "no"),
        ...answerPoint(4, "yes"),
        ...answerPoint(POINTS, "yes"),
        {
            content: "Open the findings",
            trigger: ".o_notebook .nav-link:contains(Findings)",
            run: "click",
        },
        {
            content: "Add a finding",
            trigger: ".o_field_widget[name=finding_ids] .o-kanban-button-new",
            run: "click",
        },
        {
            content: "What was found",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Price tags missing on the E5",
        },
        {
            content: "What the dealer must do",
            trigger: ".modal .o_field_widget[name=action] textarea",
            run: "edit Put the price tags up",
        },
        {
            content: "By when",
            trigger: ".modal .o_field_widget[name=deadline] input",
            run: "edit 12/31/2099",
        },
        {
            content: "Save the finding",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The finding is on the visit",
            trigger: ".o_field_widget[name=finding_ids] .o_kanban_record:contains(Price tags missing)",
        },
        {
            content: "Check out",
            trigger: ".o_dealer_visit_check_out",
            run: "click",
        },
        {
            content: "The visit is done: no check-in or check-out button any more",
            trigger: ".o_form_view:not(:has(.o_dealer_visit_geo))",
        },
    ],
});
