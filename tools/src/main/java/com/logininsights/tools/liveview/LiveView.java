package com.logininsights.tools.liveview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.logininsights.common.Durations;
import com.logininsights.common.Topics;
import com.logininsights.common.kafka.CommittedReader;
import com.logininsights.tools.cli.Cli;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows the job's output topics as a reader would (read_committed) and prints a {@link WindowReport} for each
 * window summary, with the input records that arrived during that window, the dead letters among them, and the alerts
 * the job raised for the window's logins. The alerts topic may not exist yet (a job from before the signals, or one
 * not started yet): the view then looks for it now and then, and follows it from its beginning once it appears.
 *
 * <p>The job commits its three topics together, one transaction per checkpoint, but a consumer hands back their
 * partitions in whatever order its fetches complete: a summary can be read before or after the records committed
 * with it, and summaries committed together are read back to back. So records are not counted "since the last
 * summary" (that gave one window hundreds of records and the next {@code 0 of 0}). Each enriched event and dead
 * letter counts in the time its input record arrived ({@code source.timestamp}), and a summary is shown once the
 * enriched and dead-letter partitions have been read up to where they ended when the summary was read, so that
 * every record committed with it or before it has been counted.
 */
public final class LiveView implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a summary waits for the other partitions before it is shown with what has been read. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    /** Arrival times older than this many windows (and {@link #MIN_RETENTION}) belong to windows long shown. */
    private static final int WINDOWS_RETAINED = 3;

    private static final Duration MIN_RETENTION = Duration.ofMinutes(2);
    /** How often to look for an alerts topic that did not exist yet, and how long to wait for the answer. */
    private static final Duration ALERTS_LOOK_EVERY = Duration.ofSeconds(10);

    private static final Duration ALERTS_LOOK_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final String alertsTopic;
    /** Every partition assigned: the three topics', and the alerts topic's once it exists. */
    private final List<TopicPartition> assigned;
    /** What a summary waits for: the enriched, dead-letter and alert partitions. */
    private final List<TopicPartition> inputSide;

    private final PrintStream out;
    private final Optional<Instant> countedAfter;
    private final InputTally input = new InputTally();
    private final Deque<PendingWindow> pending = new ArrayDeque<>();
    private final List<JsonNode> summaries = new ArrayList<>();
    private final Map<String, Long> deadLettersByReason = new HashMap<>();
    private final AlertTally alerts = new AlertTally();
    private final Map<String, Long> alertsBySignal = new TreeMap<>();
    private boolean followsAlerts;
    private long lookForAlertsAt;
    private long lateSinceLast;
    private long lateEvents;
    private long longestWindowMillis;

    /** A summary and the late events read before it since the previous one: the insights topic keeps that order. */
    private record SummaryRead(JsonNode summary, long lateEventsBefore) {}

    /** A summary read, and where the enriched and dead-letter partitions ended at that moment. */
    private record PendingWindow(SummaryRead read, Map<TopicPartition, Long> inputEnds, long readAtNanos) {}

    /**
     * @param consumer a read_committed consumer ({@link CommittedConsumer}), assigned every partition of the three
     *     topics and of the alerts topic if it exists, and positioned
     * @param inputSide the enriched and dead-letter partitions among them
     * @param alertSide the alerts topic's partitions among them; empty while it does not exist
     * @param countedAfter the newest arrival among the input the job committed before the view started, if any:
     *     windows that began by then are only partly counted
     */
    LiveView(
            KafkaConsumer<byte[], byte[]> consumer,
            Topics topics,
            String alertsTopic,
            List<TopicPartition> assigned,
            List<TopicPartition> inputSide,
            List<TopicPartition> alertSide,
            Optional<Instant> countedAfter,
            PrintStream out) {
        this.consumer = consumer;
        this.topics = topics;
        this.alertsTopic = alertsTopic;
        this.assigned = new ArrayList<>(assigned);
        this.inputSide = new ArrayList<>(inputSide);
        this.inputSide.addAll(alertSide);
        this.followsAlerts = !alertSide.isEmpty();
        this.countedAfter = countedAfter;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(new LiveViewFlags(), args));
    }

    /**
     * Starts reading at the current end of every partition of the three topics and of the alerts topic, as of now:
     * what the job commits from here on is shown. Fails in one sentence when the broker does not answer or one of
     * the three topics is missing; a missing alerts topic is looked for again while the view runs.
     */
    public static LiveView open(
            String bootstrapServers,
            Map<String, String> kafkaProperties,
            Topics topics,
            String alertsTopic,
            PrintStream out,
            Duration timeout)
            throws IOException {
        KafkaConsumer<byte[], byte[]> consumer = CommittedReader.consumer(bootstrapServers, kafkaProperties);
        try {
            List<TopicPartition> inputSide = CommittedReader.partitionsOf(
                    consumer, bootstrapServers, List.of(topics.processed(), topics.deadLetters()), timeout);
            List<TopicPartition> all = new ArrayList<>(inputSide);
            all.addAll(CommittedReader.partitionsOf(consumer, bootstrapServers, List.of(topics.insights()), timeout));
            List<TopicPartition> alertSide = CommittedReader.partitions(consumer, alertsTopic, timeout);
            all.addAll(alertSide);
            consumer.assign(all);
            consumer.seekToEnd(all);
            Map<TopicPartition, Long> starts = new HashMap<>();
            for (TopicPartition partition : all) {
                // now, not at the first poll: nothing committed after this is missed
                starts.put(partition, consumer.position(partition, timeout));
            }
            starts.keySet().retainAll(inputSide);
            Instant startedAt = Instant.now();
            Optional<Instant> countedAfter;
            try (KafkaConsumer<byte[], byte[]> reader = CommittedReader.consumer(bootstrapServers, kafkaProperties)) {
                countedAfter = InputBeforeStart.newestArrival(reader, starts, startedAt, timeout);
            }
            return new LiveView(consumer, topics, alertsTopic, all, inputSide, alertSide, countedAfter, out);
        } catch (IOException | RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            if (e instanceof TimeoutException) {
                throw new IOException("no Kafka broker answered on " + bootstrapServers + " within "
                        + Durations.format(timeout) + "; check --bootstrap-servers");
            }
            throw e;
        }
    }

    /** Shows every window until {@code duration} has passed (empty: until {@link #stop()}). */
    public void follow(Optional<Duration> duration) {
        long deadline = duration.map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        while (System.nanoTime() < deadline && pollOnce(Duration.ofMillis(500))) {
            // each poll prints the windows it completed
        }
    }

    /** Polls once, counts what arrived and prints every window whose input has been read; false once stopped. */
    public boolean pollOnce(Duration timeout) {
        try {
            lookForAlertsTopic();
            ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
            List<SummaryRead> newSummaries = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                accept(record, newSummaries);
            }
            if (!newSummaries.isEmpty()) {
                Map<TopicPartition, Long> ends = consumer.endOffsets(inputSide, MAX_WAIT);
                long now = System.nanoTime();
                newSummaries.forEach(summary -> pending.add(new PendingWindow(summary, ends, now)));
            }
            printWindowsReadUpTo();
            return true;
        } catch (WakeupException e) {
            return false;
        }
    }

    /**
     * Follows the alerts topic once it exists, from its beginning: it appeared after the view started, so all of it is
     * new. A broker slow to answer is asked again later.
     */
    private void lookForAlertsTopic() {
        if (followsAlerts || System.nanoTime() < lookForAlertsAt) {
            return;
        }
        lookForAlertsAt = System.nanoTime() + ALERTS_LOOK_EVERY.toNanos();
        List<TopicPartition> found;
        try {
            found = CommittedReader.partitions(consumer, alertsTopic, ALERTS_LOOK_TIMEOUT);
        } catch (TimeoutException e) {
            return;
        }
        if (found.isEmpty()) {
            return;
        }
        assigned.addAll(found);
        consumer.assign(assigned);
        consumer.seekToBeginning(found);
        inputSide.addAll(found);
        followsAlerts = true;
        out.printf("(the alerts topic %s appeared: its alerts are counted from here on)%n", alertsTopic);
        out.flush();
    }

    /** Whether the alerts topic exists and is followed. */
    public boolean followsAlerts() {
        return followsAlerts;
    }

    /** Safe from another thread: makes a blocked {@link #pollOnce} return false. */
    public void stop() {
        consumer.wakeup();
    }

    private void accept(ConsumerRecord<byte[], byte[]> record, List<SummaryRead> newSummaries) {
        if (record.topic().equals(topics.processed())) {
            SourceTimestamp.of(record.value()).ifPresent(input::enriched);
            return;
        }
        JsonNode value = parse(record.value());
        if (value == null) {
            return;
        }
        if (record.topic().equals(alertsTopic)) {
            acceptAlert(value);
            return;
        }
        if (record.topic().equals(topics.deadLetters())) {
            String reason = value.path("reason").asText("unknown");
            deadLettersByReason.merge(reason, 1L, Long::sum);
            SourceTimestamp.of(record.value()).ifPresent(arrived -> input.deadLetter(arrived, reason));
        } else if (value.path("type").asText().equals("late_event")) {
            lateSinceLast++;
            lateEvents++;
        } else if (value.path("type").asText().equals("summary")) {
            newSummaries.add(new SummaryRead(value, lateSinceLast));
            lateSinceLast = 0;
        }
    }

    /** An alert needs its signal and event time; whatever else it carries is the job's business. */
    private void acceptAlert(JsonNode alert) {
        String signal = alert.path("signal").asText("");
        Optional<Instant> eventTime = instant(alert.path("event_time").asText(""));
        if (signal.isEmpty() || eventTime.isEmpty()) {
            return;
        }
        alerts.alert(eventTime.get().toEpochMilli(), signal);
        alertsBySignal.merge(signal, 1L, Long::sum);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void printWindowsReadUpTo() {
        while (!pending.isEmpty() && (readUpTo(pending.peek().inputEnds()) || waitedTooLong(pending.peek()))) {
            print(pending.poll().read());
        }
    }

    private boolean readUpTo(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static boolean waitedTooLong(PendingWindow window) {
        return System.nanoTime() - window.readAtNanos() > MAX_WAIT.toNanos();
    }

    private void print(SummaryRead read) {
        JsonNode summary = read.summary();
        Instant start = Instant.parse(summary.get("window_start").asText());
        Instant end = Instant.parse(summary.get("window_end").asText());
        WindowInput arrived = input.between(start.toEpochMilli(), end.toEpochMilli());
        Optional<Instant> partly = countedAfter.filter(after -> !start.isAfter(after));
        Optional<SortedMap<String, Long>> windowAlerts = followsAlerts
                ? Optional.of(alerts.between(start.toEpochMilli(), end.toEpochMilli()))
                : Optional.empty();
        summaries.add(summary);
        out.print(WindowReport.render(summary, arrived, partly, read.lateEventsBefore(), windowAlerts));
        out.flush();
        longestWindowMillis = Math.max(longestWindowMillis, end.toEpochMilli() - start.toEpochMilli());
        long retainMillis = Math.max(WINDOWS_RETAINED * longestWindowMillis, MIN_RETENTION.toMillis());
        input.forgetBefore(System.currentTimeMillis() - retainMillis);
        alerts.forgetBefore(start.toEpochMilli() - retainMillis);
    }

    /** A record that is not JSON is not the job's: it is skipped, not a reason to stop watching. */
    private static JsonNode parse(byte[] bytes) {
        try {
            return bytes == null ? null : JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** The newest arrival among the input committed before the view started: later arrivals are all counted. */
    Optional<Instant> countedAfter() {
        return countedAfter;
    }

    public List<JsonNode> summaries() {
        return List.copyOf(summaries);
    }

    public Map<String, Long> deadLettersByReason() {
        return Map.copyOf(deadLettersByReason);
    }

    public long lateEvents() {
        return lateEvents;
    }

    /** Every alert read, by signal, whether or not its window was shown. */
    public Map<String, Long> alertsBySignal() {
        return Map.copyOf(alertsBySignal);
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
