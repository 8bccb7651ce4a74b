package com.logininsights.signals;

import com.logininsights.common.Signal;

/**
 * What a signal watches: a user, a device or an IP address, each named by a field of the login. The signals' state is
 * keyed by the subject, written as its kind's one-letter prefix and the value ({@code u|424cdd21-...}), so that one
 * keyed operator holds all three kinds without their values meeting.
 */
public enum Subject {
    USER("user_id", 'u'),
    DEVICE("device_id", 'd'),
    IP("ip", 'i');

    private final String fieldName;
    private final char prefix;

    Subject(String fieldName, char prefix) {
        this.fieldName = fieldName;
        this.prefix = prefix;
    }

    /** The login field that names a subject of this kind, as the alerts' {@code subject_type} writes it. */
    public String fieldName() {
        return fieldName;
    }

    /** The state key of one subject of this kind. */
    public String key(String value) {
        return prefix + "|" + value;
    }

    /** What a signal is about. */
    public static Subject of(Signal signal) {
        for (Subject subject : values()) {
            if (subject.fieldName.equals(signal.subjectField())) {
                return subject;
            }
        }
        throw new IllegalArgumentException("no subject is named by " + signal.subjectField());
    }

    /** The kind of subject a state key names. */
    public static Subject ofKey(String key) {
        char prefix = key.charAt(0);
        for (Subject subject : values()) {
            if (subject.prefix == prefix) {
                return subject;
            }
        }
        throw new IllegalArgumentException("not a subject's key: " + key);
    }
}
