package com.logininsights.output;

import com.logininsights.insights.Insight;
import com.logininsights.insights.LateForSignals;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.signals.Alert;
import java.time.Instant;

/** The Kafka key of each output record. */
public final class OutputKeys {
    private OutputKeys() {}

    /** The user, so that one user's logins stay in order in one partition. */
    public static String enriched(LoginEvent event) {
        return event.userId();
    }

    /** The rejected record's source position, which names it uniquely. */
    public static String deadLetter(DeadLetter letter) {
        return letter.source().id();
    }

    /**
     * The window and the value ({@code 2026-11-23T07:44:50Z/summary}, {@code .../device_type/ios}), so that a
     * compacted topic keeps the latest revision of each; a late event by its source position.
     */
    public static String insight(Insight insight) {
        if (insight.summary() != null) {
            return window(insight.summary().windowStartMillis()) + "/summary";
        } else if (insight.dimension() != null) {
            return window(insight.dimension().windowStartMillis()) + "/"
                    + insight.dimension().dimension().fieldName() + "/"
                    + insight.dimension().value();
        } else if (insight.lateEvent() != null) {
            return "late/" + insight.lateEvent().event().source().id();
        } else {
            LateForSignals late = insight.lateForSignals();
            return "late-for-signals/" + late.subjectType() + "/"
                    + late.source().id();
        }
    }

    /** What the alert is about (the user, device id or IP address), so that one subject's alerts stay in order. */
    public static String alert(Alert alert) {
        return alert.subject();
    }

    private static String window(long startMillis) {
        return Instant.ofEpochMilli(startMillis).toString();
    }
}
