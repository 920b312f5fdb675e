import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

/** The browser's position, or null when it has none or the user refuses it (the visit then has no distance). */
export function getPosition() {
    if (!navigator.geolocation) {
        return Promise.resolve(null);
    }
    return new Promise((resolve) => {
        navigator.geolocation.getCurrentPosition(
            (position) => resolve(position.coords),
            () => resolve(null),
            { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 }
        );
    });
}

/** Check-in / check-out of a visit: saves the form, reads the phone's position, calls the visit's button. */
export class DealerVisitGeoButtons extends Component {
    static template = "dealer_visit.GeoButtons";
    static props = { ...standardWidgetProps };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
    }

    get state() {
        return this.props.record.data.state;
    }

    async onClick(method) {
        const record = this.props.record;
        if (!(await record.save())) {
            return;
        }
        const coords = await getPosition();
        if (!coords) {
            this.notification.add(_t("The position is unavailable: the visit is recorded without its distance."), {
                type: "warning",
            });
        }
        const kwargs = coords ? { latitude: coords.latitude, longitude: coords.longitude } : {};
        await this.orm.call("dealer.visit", method, [[record.resId]], kwargs);
        await record.load();
    }
}

registry.category("view_widgets").add("dealer_visit_geo_buttons", { component: DealerVisitGeoButtons });
