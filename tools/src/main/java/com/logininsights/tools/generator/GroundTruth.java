package com.logininsights.tools.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the generator injected, written as it becomes known: one JSON line per alert the job must raise, in incident
 * order, once every login of the incident has been delivered (so that each login's partition and offset are known).
 * Incidents the end of the run cut short are written at {@link #close()}, marked {@code "complete": false}.
 * docs/tools.md describes the format. Called from the sending thread and the producer's callback thread.
 */
final class GroundTruth implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Optional<OutputStream> out;
    private final TreeMap<Long, Incident> open = new TreeMap<>();
    private long injected;
    private long complete;

    private GroundTruth(Optional<OutputStream> out) {
        this.out = out;
    }

    /** Writes to a new file; fails if it exists. */
    static GroundTruth toFile(Path file) throws IOException {
        return new GroundTruth(Optional.of(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)));
    }

    static GroundTruth to(OutputStream out) {
        return new GroundTruth(Optional.of(out));
    }

    /** Keeps count, writes nothing. */
    static GroundTruth none() {
        return new GroundTruth(Optional.empty());
    }

    synchronized void sent(Incidents.Due login) {
        Incident incident = login.incident();
        if (!incident.anySent()) {
            open.put(incident.id(), incident);
            injected++;
        }
        incident.sent(login.index(), login.eventSeconds());
    }

    synchronized void delivered(Incidents.Due login, String topic, int partition, long offset) {
        login.incident().delivered(login.index(), new Incident.Position(topic, partition, offset));
        writeSettled();
    }

    synchronized void failed(Incidents.Due login) {
        login.incident().failed();
        writeSettled();
    }

    /** Incidents with at least one login sent. */
    synchronized long injected() {
        return injected;
    }

    /** Incidents with every login delivered. */
    synchronized long complete() {
        return complete;
    }

    /** Writes what is left, complete or not; call once the producer has settled every send. */
    @Override
    public synchronized void close() throws IOException {
        for (Incident incident : open.values()) {
            write(incident);
        }
        open.clear();
        if (out.isPresent()) {
            out.get().close();
        }
    }

    /** Writes, in order, every incident whose logins have all settled and that no unsettled one precedes. */
    private void writeSettled() {
        while (!open.isEmpty() && open.firstEntry().getValue().settled()) {
            write(open.pollFirstEntry().getValue());
        }
    }

    private void write(Incident incident) {
        if (incident.complete()) {
            complete++;
        }
        if (out.isEmpty()) {
            return;
        }
        try {
            for (String signal : incident.kind().signals()) {
                out.get().write(line(incident, signal));
            }
            out.get().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth", e);
        }
    }

    /** One alert the job must raise; {@code sources} are the logins it may name as its own source. */
    static byte[] line(Incident incident, String signal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("incident", incident.id());
            json.writeStringField("kind", incident.kind().code());
            json.writeStringField("signal", signal);
            json.writeStringField("subject", incident.subject(signal));
            List<Integer> firing = new ArrayList<>();
            for (int i = 0; i < incident.logins().size(); i++) {
                if (incident.logins().get(i).mayFire() && incident.wasSent(i)) {
                    firing.add(i);
                }
            }
            long first = firing.stream().mapToLong(incident::eventSeconds).min().orElse(-1);
            long last = firing.stream().mapToLong(incident::eventSeconds).max().orElse(-1);
            writeTime(json, "event_time", first);
            writeTime(json, "last_event_time", last);
            json.writeBooleanField("complete", incident.complete());
            json.writeArrayFieldStart("sources");
            for (int i : firing) {
                Incident.Position position = incident.position(i);
                if (position != null) {
                    json.writeStartObject();
                    writePosition(json, position);
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("logins");
            for (int i = 0; i < incident.logins().size() && incident.wasSent(i); i++) {
                writeLogin(json, incident, i);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void writeLogin(JsonGenerator json, Incident incident, int index) throws IOException {
        Incident.Login login = incident.logins().get(index);
        json.writeStartObject();
        writeTime(json, "event_time", incident.eventSeconds(index));
        Incident.Position position = incident.position(index);
        if (position != null) {
            writePosition(json, position);
        }
        json.writeStringField("user_id", login.userId());
        json.writeStringField("device_id", login.deviceId());
        json.writeStringField("ip", login.ip());
        json.writeStringField("locale", login.locale());
        json.writeStringField("app_version", login.appVersion());
        json.writeBooleanField("may_fire", login.mayFire());
        json.writeEndObject();
    }

    private static void writePosition(JsonGenerator json, Incident.Position position) throws IOException {
        json.writeStringField("topic", position.topic());
        json.writeNumberField("partition", position.partition());
        json.writeNumberField("offset", position.offset());
    }

    private static void writeTime(JsonGenerator json, String name, long epochSeconds) throws IOException {
        if (epochSeconds < 0) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, Instant.ofEpochSecond(epochSeconds).toString());
        }
    }
}
