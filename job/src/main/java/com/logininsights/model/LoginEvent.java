package com.logininsights.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A validated, normalised login. Optional fields that were absent, null or blank are null here and named by
 * {@link #missingFields()}.
 */
@TypeInfo(LoginEventSerializer.TypeInfo.class)
public record LoginEvent(
        String userId,
        String appVersion,
        String deviceType,
        String ip,
        String locale,
        String deviceId,
        long eventTimeMillis,
        SourcePosition source) {

    /** The value the insights use for an optional field that is missing. */
    public static final String UNKNOWN = "unknown";

    public List<String> missingFields() {
        List<String> missing = new ArrayList<>(0);
        if (appVersion == null) missing.add("app_version");
        if (deviceType == null) missing.add("device_type");
        if (ip == null) missing.add("ip");
        if (locale == null) missing.add("locale");
        if (deviceId == null) missing.add("device_id");
        return missing;
    }

    public boolean hasMissingFields() {
        return appVersion == null || deviceType == null || ip == null || locale == null || deviceId == null;
    }
}
