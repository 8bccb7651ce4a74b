package com.logininsights.tools;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Kafka's client logs, for the commands that talk to a terminal. */
public final class KafkaLogs {
    private KafkaLogs() {}

    /**
     * Only errors: a broker that is not up yet is polled until it answers, and each refused connection would
     * otherwise print a warning between the lines the user reads. The commands say themselves what went wrong.
     */
    public static void onlyErrors() {
        for (String logger : List.of("org.apache.kafka", "org.apache.kafka.clients")) {
            Configurator.setLevel(logger, Level.ERROR);
        }
    }
}
