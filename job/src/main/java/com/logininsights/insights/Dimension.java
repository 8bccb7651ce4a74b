package com.logininsights.insights;

import com.logininsights.model.LoginEvent;

/** An attribute of a login that the insights break counts down by. */
public enum Dimension {
    DEVICE_TYPE("device_type"),
    LOCALE("locale"),
    APP_VERSION("app_version");

    private final String fieldName;

    Dimension(String fieldName) {
        this.fieldName = fieldName;
    }

    public String fieldName() {
        return fieldName;
    }

    /** The event's value for this dimension; a missing value counts as {@link LoginEvent#UNKNOWN}. */
    public String valueOf(LoginEvent event) {
        String value = switch (this) {
            case DEVICE_TYPE -> event.deviceType();
            case LOCALE -> event.locale();
            case APP_VERSION -> event.appVersion();
        };
        return value == null ? LoginEvent.UNKNOWN : value;
    }
}
