"""Dealer onboarding driven by an external client over XML-RPC: application → approval → active dealer."""
import xmlrpc.client

import pytest

RPC_FAULT_CODE_WARNING = 2  # UserError / ValidationError: the message only, no traceback
RPC_FAULT_CODE_ACCESS_ERROR = 4


@pytest.fixture(scope="module")
def zhejiang(admin):
    state_id = admin.xmlid("base", "state_cn_ZJ")
    state = admin.execute("res.country.state", "read", [state_id], fields=["country_id"])[0]
    assert state["country_id"][0] == admin.xmlid("base", "cn")
    return state_id


@pytest.fixture(scope="module")
def grade(dealer_manager, run_id):
    return dealer_manager.execute("dealer.grade", "create", {
        "name": f"E2E Grade {run_id}", "code": f"E2E-{run_id}",
        "min_application_score": 0.0, "document_type_ids": [(6, 0, [])], "credit_limit": 200000.0,
    })


@pytest.fixture(scope="module")
def territory(dealer_manager, run_id, zhejiang):
    return dealer_manager.execute("dealer.territory", "create", {
        "name": f"E2E Zhejiang {run_id}", "code": f"E2E-ZJ-{run_id}", "level": "province", "state_id": zhejiang,
    })


@pytest.fixture
def application_values(credit_code, grade, territory, zhejiang, run_id):
    def make(**vals):
        values = {
            "company_name": f"杭州端到端贸易有限公司 {run_id}",
            "credit_code": credit_code(),
            "proposed_grade_id": grade,
            "proposed_territory_ids": [(6, 0, [territory])],
            "street": "文三路 1 号", "city": "杭州市", "state_id": zhejiang,
            "contact_name": "王伟", "phone": "+86 571 0000 0000", "email": f"wang.{run_id}@example.com",
        }
        values.update(vals)
        return values
    return make


def _application_under_review(client, values):
    app_id = client.execute("dealer.application", "create", values)
    client.execute("dealer.application", "action_submit", [app_id])
    client.execute("dealer.application", "action_start_review", [app_id])
    return app_id


def _score_criteria(client, app_id, score):
    [app] = client.execute("dealer.application", "read", [app_id], fields=["criterion_ids"])
    assert app["criterion_ids"], "a new application gets one evaluation line per active criterion"
    client.execute("dealer.application.criterion", "write", app["criterion_ids"], {"score": score})


def test_manager_onboards_a_dealer(dealer_manager, application_values, grade, territory):
    values = application_values()
    app_id = _application_under_review(dealer_manager, values)
    _score_criteria(dealer_manager, app_id, 80.0)
    [app] = dealer_manager.execute("dealer.application", "read", [app_id], fields=["state", "score"])
    assert app["state"] == "review"
    assert app["score"] == pytest.approx(80.0)

    dealer_manager.execute("dealer.application", "action_approve", [app_id])

    [app] = dealer_manager.execute("dealer.application", "read", [app_id], fields=["state", "partner_id"])
    assert app["state"] == "approved"
    assert app["partner_id"], "approval links the dealer partner to the application"
    [partner] = dealer_manager.execute("res.partner", "read", [app["partner_id"][0]], fields=["dealer_code"])
    assert partner["dealer_code"].startswith("DLR")

    dealers = dealer_manager.execute(
        "res.partner", "search_read", [("is_dealer", "=", True), ("dealer_code", "=", partner["dealer_code"])],
        fields=["name", "vat", "dealer_state", "dealer_grade_id", "dealer_territory_ids", "dealer_since"],
    )
    assert len(dealers) == 1
    dealer = dealers[0]
    assert dealer["id"] == app["partner_id"][0]
    assert dealer["name"] == values["company_name"]
    assert dealer["vat"] == values["credit_code"]
    assert dealer["dealer_state"] == "active"
    assert dealer["dealer_grade_id"][0] == grade
    assert dealer["dealer_territory_ids"] == [territory]
    assert dealer["dealer_since"]


def test_invalid_credit_code_is_refused(dealer_manager, application_values, credit_code):
    valid = credit_code()
    wrong_check = "0" if valid[-1] != "0" else "1"
    values = application_values(credit_code=valid[:-1] + wrong_check)
    with pytest.raises(xmlrpc.client.Fault) as caught:
        dealer_manager.execute("dealer.application", "create", values)
    fault = caught.value
    assert fault.faultCode == RPC_FAULT_CODE_WARNING, fault.faultString
    assert "Traceback" not in fault.faultString
    assert f"The unified social credit code {values['credit_code']}" in fault.faultString
    assert "check character" in fault.faultString
    assert not dealer_manager.execute("dealer.application", "search",
                                      [("credit_code", "=", values["credit_code"])])


def test_dealer_user_cannot_approve(dealer_manager, dealer_user, application_values):
    values = application_values()
    app_id = _application_under_review(dealer_manager, values)
    _score_criteria(dealer_manager, app_id, 80.0)
    with pytest.raises(xmlrpc.client.Fault) as caught:
        dealer_user.execute("dealer.application", "action_approve", [app_id])
    fault = caught.value
    assert fault.faultCode == RPC_FAULT_CODE_ACCESS_ERROR, fault.faultString
    assert "Only a Dealer Manager may approve a dealer application" in fault.faultString
    [app] = dealer_manager.execute("dealer.application", "read", [app_id], fields=["state", "partner_id"])
    assert app["state"] == "review"
    assert not app["partner_id"]
    assert not dealer_manager.execute("res.partner", "search",
                                      [("vat", "=", values["credit_code"]), ("is_dealer", "=", True)])
