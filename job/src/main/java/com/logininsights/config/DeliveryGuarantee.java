package com.logininsights.config;

/** How the sinks write: in Kafka transactions committed with each checkpoint, or as soon as possible. */
public enum DeliveryGuarantee {
    EXACTLY_ONCE("exactly-once"),
    AT_LEAST_ONCE("at-least-once");

    private final String flagValue;

    DeliveryGuarantee(String flagValue) {
        this.flagValue = flagValue;
    }

    public String flagValue() {
        return flagValue;
    }
}
