package com.logininsights.insights;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;

/** An attribute of a login that the insights break counts down by: one of its optional text fields. */
public enum Dimension {
    DEVICE_TYPE(LoginField.DEVICE_TYPE),
    LOCALE(LoginField.LOCALE),
    APP_VERSION(LoginField.APP_VERSION);

    private final LoginField field;

    Dimension(LoginField field) {
        this.field = field;
    }

    /** The field's JSON name, which names the dimension in the insights and in state. */
    public String fieldName() {
        return field.jsonName();
    }

    /** The event's value for this dimension; a missing value counts as {@link LoginEvent#UNKNOWN}. */
    public String valueOf(LoginEvent event) {
        String value = event.text(field);
        return value == null ? LoginEvent.UNKNOWN : value;
    }
}
