/** Back-office tour: register a dealer application from the Dealers app. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_application_tour", {
    url: "/odoo/action-dealer_management.action_dealer_application",
    steps: () => [
        {
            content: "Create an application",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            content: "Legal name of the applicant",
            trigger: "div[name=company_name] input",
            run: "edit Tour Test Trading Co.",
        },
        {
            content: "Its unified social credit code",
            trigger: "div[name=credit_code] input",
            run: "edit 91110000600037341L",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The application is saved as a draft",
            trigger: ".o_form_saved .o_statusbar_status button.o_arrow_button_current:contains(Draft)",
        },
    ],
});
