package com.logininsights.tools.generator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Everything a generator run needs, as given on the command line (see {@link GeneratorFlags}).
 *
 * @param recordsPerSecond the target rate; 0 means as fast as the producer can go
 * @param count stop after this many records; empty runs until stopped
 * @param quietPartition a partition never written to, so the job's idleness handling gets exercised
 * @param partitions spread records explicitly over partitions 0..n-1; empty leaves it to the producer, unless a
 *     quiet partition asks for explicit choice over all the topic's partitions
 * @param seed empty picks a random seed, which the run logs so it can be repeated
 * @param startTime event time of the first record; empty means now
 * @param timeLapse how many times faster than the clock event time runs
 * @param incidents what to inject into the background
 * @param groundTruth where to write what was injected; empty writes nothing
 * @param watchedLocales the job's watched locales: the background never uses them, incidents do
 * @param minimumAppVersion the job's minimum app version: the background never runs an older one, incidents do
 */
public record GeneratorConfig(
        String bootstrapServers,
        String topic,
        double recordsPerSecond,
        OptionalLong count,
        double badShare,
        double missingShare,
        Duration jitter,
        OptionalInt quietPartition,
        OptionalInt partitions,
        OptionalLong seed,
        Optional<Instant> startTime,
        double timeLapse,
        Map<String, String> producerProperties,
        Duration reportEvery,
        int users,
        IncidentMix incidents,
        Optional<Path> groundTruth,
        List<String> watchedLocales,
        Optional<AppVersion> minimumAppVersion) {

    public GeneratorConfig {
        producerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(producerProperties));
        watchedLocales = List.copyOf(watchedLocales);
    }

    public boolean unpaced() {
        return recordsPerSecond == 0;
    }

    /** Records per second of event time (of a paced run). */
    public double recordsPerEventSecond() {
        return recordsPerSecond / timeLapse;
    }

    public RecordMix recordMix() {
        return new RecordMix(badShare, missingShare, jitter, users, watchedLocales, minimumAppVersion);
    }
}
