package com.logininsights.testing;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;
import com.logininsights.model.SourcePosition;

/** Login events made by hand, by the fields the tests name; any other field of {@link LoginField} is absent. */
public final class Logins {
    private Logins() {}

    public static LoginEvent event(
            String userId,
            String appVersion,
            String deviceType,
            String ip,
            String locale,
            String deviceId,
            long eventTimeMillis,
            SourcePosition source) {
        String[] texts = new String[LoginField.TEXTS.size()];
        texts[LoginField.USER_ID.textIndex()] = userId;
        texts[LoginField.APP_VERSION.textIndex()] = appVersion;
        texts[LoginField.DEVICE_TYPE.textIndex()] = deviceType;
        texts[LoginField.IP.textIndex()] = ip;
        texts[LoginField.LOCALE.textIndex()] = locale;
        texts[LoginField.DEVICE_ID.textIndex()] = deviceId;
        return new LoginEvent(texts, eventTimeMillis, source);
    }
}
