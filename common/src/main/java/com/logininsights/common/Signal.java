package com.logininsights.common;

import java.util.Arrays;
import java.util.Optional;

/**
 * The suspicious patterns the job raises alerts for, each about one kind of subject. Their names are the alerts'
 * {@code signal} field, the values of the job's {@code --signals} flag and the {@code signal} label of its {@code
 * alerts} counters; the tools read them from here too.
 */
public enum Signal {
    /** A user logs in from a device not seen for that user within {@code --device-memory}. */
    NEW_DEVICE("new_device", "user_id"),
    /** A user seen in two locales within {@code --locale-hop-within}. */
    LOCALE_HOP("locale_hop", "user_id"),
    /** More than {@code --burst-logins} logins by one user within {@code --burst-within}. */
    BURST("burst", "user_id"),
    /** One device_id used by more than {@code --shared-device-users} users within {@code --shared-within}. */
    SHARED_DEVICE("shared_device", "device_id"),
    /** One ip used by more than {@code --shared-ip-users} users within {@code --shared-within}. */
    SHARED_IP("shared_ip", "ip"),
    /** A login from a locale on {@code --watched-locales}. */
    WATCHED_LOCALE("watched_locale", "user_id"),
    /** A login on an app version below {@code --minimum-app-version}. */
    OUTDATED_VERSION("outdated_version", "user_id");

    private final String signalName;
    private final String subjectField;

    Signal(String signalName, String subjectField) {
        this.signalName = signalName;
        this.subjectField = subjectField;
    }

    /** As the alerts, the flags and the metrics write it: {@code new_device}. */
    public String signalName() {
        return signalName;
    }

    /** The login field that names what an alert of this signal is about: its {@code subject_type}. */
    public String subjectField() {
        return subjectField;
    }

    public static Optional<Signal> named(String name) {
        return Arrays.stream(values()).filter(s -> s.signalName.equals(name)).findFirst();
    }
}
