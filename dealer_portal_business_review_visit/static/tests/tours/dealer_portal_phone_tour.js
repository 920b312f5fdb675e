/**
 * Portal tour on a phone (390x844): a dealer's owner reads its business review and its visits, answers a visit
 * finding with a note, reads its people's certifications, downloads a training material and registers an adviser
 * to a dealer meeting (tests/test_portal_phone_tour.py).
 */
import { registry } from "@web/core/registry";

/** The page fits the phone's width: nothing to scroll sideways. */
function checkFitsThePhone(what) {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 0) {
        throw new Error(`${what} is ${overflow} px wider than the ${window.innerWidth} px screen`);
    }
}

function goTo(url) {
    return { content: `Open ${url}`, trigger: "body", run: () => (window.location.href = url), expectUnloadPage: true };
}

registry.category("web_tour.tours").add("dealer_portal_phone_tour", {
    steps: () => [
        {
            content: "The business review shows the quarter's visits and the findings to put right",
            trigger: ".o_dealer_business_review_visits:contains(Visit findings to put right)",
            run() {
                checkFitsThePhone("The business review page");
                const cells = [...document.querySelectorAll(".o_dealer_business_review_visits td.text-end")];
                if (cells[0].textContent.trim() !== "1") {
                    throw new Error(`One visit done, not ${cells[0].textContent.trim()}`);
                }
            },
        },
        {
            content: "Go to the visit findings from the review",
            trigger: ".o_dealer_business_review_visits a[href='/my/visit-findings']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the finding",
            trigger: ".o_dealer_visit_finding_row a:contains(Price tags missing)",
            run() {
                checkFitsThePhone("The visit findings list");
                this.anchor.click();
            },
            expectUnloadPage: true,
        },
        {
            content: "Write what was done",
            trigger: ".o_dealer_visit_finding_form textarea[name=answer]",
            run: "edit Price tags put up on every E5",
        },
        {
            content: "Send the answer",
            trigger: ".o_dealer_visit_finding_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is recorded and shown",
            trigger: ".o_dealer_visit_finding_answered",
            run() {
                checkFitsThePhone("The visit finding page");
                const answer = document.querySelector(".o_dealer_visit_finding_answer");
                if (!answer || !answer.textContent.includes("Price tags put up on every E5")) {
                    throw new Error("The dealer's answer is not on the finding's page");
                }
            },
        },
        goTo("/my/staff-qualification"),
        {
            content: "The owner sees its adviser qualified",
            trigger: ".o_dealer_staff_row:contains(Adviser Anna) .badge.text-bg-success",
            run: () => checkFitsThePhone("The staff qualification page"),
        },
        goTo("/my/training-materials"),
        {
            content: "Download the brand handbook",
            trigger: ".o_dealer_training_material:contains(Brand handbook) a[href$='/download']",
            async run() {
                checkFitsThePhone("The training materials page");
                const response = await fetch(this.anchor.getAttribute("href"));
                const body = await response.text();
                const disposition = response.headers.get("Content-Disposition") || "";
                if (response.status !== 200 || !disposition.includes("attachment") || !body.includes("HANDBOOK")) {
                    throw new Error(`The download failed: ${response.status} ${disposition}`);
                }
            },
        },
        goTo("/my/trainings"),
        {
            content: "Register the adviser to the dealer conference",
            trigger: ".o_dealer_training_event:contains(Phone tour conference) button[type=submit]",
            run() {
                checkFitsThePhone("The trainings page");
                const form = this.anchor.closest("form");
                const option = [...form.querySelectorAll("option")].find((o) => o.textContent.includes("Adviser Anna"));
                form.querySelector("select[name=partner_id]").value = option.value;
                this.anchor.click();
            },
            expectUnloadPage: true,
        },
        {
            content: "The registration is confirmed and listed",
            trigger: ".o_dealer_training_registration:contains(Phone tour conference):contains(Adviser Anna)",
            run: () => checkFitsThePhone("The trainings page after the registration"),
        },
    ],
});
