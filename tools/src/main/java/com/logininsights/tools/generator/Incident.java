package com.logininsights.tools.generator;

import java.util.List;

/**
 * One injected incident: the logins it is made of, as planned, and what became of each once sent. Not thread-safe:
 * {@link GroundTruth} guards it.
 */
final class Incident {
    /**
     * One login of an incident.
     *
     * @param atMillis when it is due, in milliseconds of the send schedule
     * @param mayFire whether the alert may name this login as its source: every login of a burst or a crowd (which
     *     one crosses the threshold depends on the job's settings), only the second login of a takeover
     */
    record Login(
            long atMillis,
            String userId,
            String appVersion,
            String deviceType,
            String deviceId,
            String ip,
            String locale,
            boolean mayFire) {}

    /** Where a delivered login went: what the job's alert names as its {@code source}. */
    record Position(String topic, int partition, long offset) {}

    private final long id;
    private final IncidentKind kind;
    private final List<Login> logins;
    private final long[] eventSeconds;
    private final Position[] positions;
    private int sent;
    private int settled;

    Incident(long id, IncidentKind kind, List<Login> logins) {
        this.id = id;
        this.kind = kind;
        this.logins = List.copyOf(logins);
        this.eventSeconds = new long[logins.size()];
        this.positions = new Position[logins.size()];
    }

    long id() {
        return id;
    }

    IncidentKind kind() {
        return kind;
    }

    List<Login> logins() {
        return logins;
    }

    /** What the alert of this signal is about: the device, the IP, or else the account. */
    String subject(String signal) {
        Login firing = logins.stream().filter(Login::mayFire).findFirst().orElseThrow();
        return switch (signal) {
            case "shared_device" -> firing.deviceId();
            case "shared_ip" -> firing.ip();
            default -> firing.userId();
        };
    }

    void sent(int index, long seconds) {
        eventSeconds[index] = seconds;
        sent++;
    }

    void delivered(int index, Position position) {
        positions[index] = position;
        settled++;
    }

    void failed() {
        settled++;
    }

    boolean wasSent(int index) {
        return index < sent;
    }

    long eventSeconds(int index) {
        return eventSeconds[index];
    }

    /** Null until delivered, and for a login that failed. */
    Position position(int index) {
        return positions[index];
    }

    boolean anySent() {
        return sent > 0;
    }

    /** Every login sent and its fate known. */
    boolean settled() {
        return sent == logins.size() && settled == sent;
    }

    /** Every login delivered. */
    boolean complete() {
        if (sent < logins.size()) {
            return false;
        }
        for (Position position : positions) {
            if (position == null) {
                return false;
            }
        }
        return true;
    }
}
