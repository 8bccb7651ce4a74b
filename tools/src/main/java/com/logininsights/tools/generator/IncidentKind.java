package com.logininsights.tools.generator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the generator can inject, each made to raise exactly the job's alerts it names (issue 20's signals) and
 * nothing else: an incident's accounts, devices and IPs are its own, never the background's.
 */
public enum IncidentKind {
    /** An account seen at home, then a minute later from a new device in another locale. */
    TAKEOVER("takeover", List.of("new_device", "locale_hop")),
    /** One account logging in many times within half a minute ({@code --burst-size}). */
    BURST("burst", List.of("burst")),
    /** One device used by many fresh accounts within a minute ({@code --crowd-size}). */
    SHARED_DEVICE("shared_device", List.of("shared_device")),
    /** One IP used by many fresh accounts within a minute ({@code --crowd-size}). */
    SHARED_IP("shared_ip", List.of("shared_ip")),
    /** One login from a watched locale ({@code --watched-locales}). */
    WATCHED_LOCALE("watched_locale", List.of("watched_locale")),
    /** One login on an app version older than {@code --min-app-version}, a version no other incident uses. */
    OUTDATED_VERSION("outdated_version", List.of("outdated_version"));

    private final String code;
    private final List<String> signals;

    IncidentKind(String code, List<String> signals) {
        this.code = code;
        this.signals = signals;
    }

    /** The name on the command line and in the ground truth. */
    public String code() {
        return code;
    }

    /** The alerts the job must raise for one such incident, one of each. */
    public List<String> signals() {
        return signals;
    }

    public static Optional<IncidentKind> of(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }
}
