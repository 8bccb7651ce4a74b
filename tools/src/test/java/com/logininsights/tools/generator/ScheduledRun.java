package com.logininsights.tools.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The generator's send loop without Kafka, as {@link LoginEventGenerator} runs it: at each slot of a paced schedule
 * the incident logins due by then, then one background record. Every record is "delivered" at once to partition 0
 * of {@code user-login}, at its place in the stream; the ground truth is written to memory.
 */
final class ScheduledRun {
    static final Instant START = Instant.parse("2026-01-12T03:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<GeneratedRecord> records = new ArrayList<>();
    private final ByteArrayOutputStream truth = new ByteArrayOutputStream();

    /** Runs {@code count} background records at {@code rate} a second, the last slot known in advance. */
    static ScheduledRun of(long seed, RecordMix mix, IncidentMix incidents, int count, double rate) {
        ScheduledRun run = new ScheduledRun();
        OptionalLong lastSlot = OptionalLong.of((long) ((count - 1) * 1000 / rate));
        run.run(seed, mix, incidents, count, rate, lastSlot);
        return run;
    }

    /** The same, with the end unknown in advance (a stop signal, or --rate max): incidents may be cut short. */
    static ScheduledRun stoppedAfter(long seed, RecordMix mix, IncidentMix incidents, int count, double rate) {
        ScheduledRun run = new ScheduledRun();
        run.run(seed, mix, incidents, count, rate, OptionalLong.empty());
        return run;
    }

    private void run(long seed, RecordMix mix, IncidentMix incidentMix, int count, double rate, OptionalLong last) {
        LoginRecordFactory factory = new LoginRecordFactory(seed, START, mix);
        Incidents incidents = new Incidents(incidentMix, mix, seed, START, last);
        GroundTruth ledger = GroundTruth.to(truth);
        for (int slot = 0; slot < count; slot++) {
            long millis = (long) (slot * 1000 / rate);
            for (Incidents.Due login : incidents.due(millis)) {
                ledger.sent(login);
                ledger.delivered(login, "user-login", 0, records.size());
                records.add(login.record());
            }
            records.add(factory.next(millis));
        }
        try {
            ledger.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String groundTruthText() {
        return truth.toString(StandardCharsets.UTF_8);
    }

    List<JsonNode> groundTruth() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : groundTruthText().split("\n")) {
            if (!line.isEmpty()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    JsonNode record(long offset) {
        try {
            return JSON.readTree(records.get((int) offset).value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
