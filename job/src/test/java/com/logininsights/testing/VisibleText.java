package com.logininsights.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What people other than the job's owner can read about a run (its process list entry, its logs, what its REST API
 * serves), place by place, to search for a secret in.
 */
public final class VisibleText {
    private final Map<String, String> places = new LinkedHashMap<>();

    public VisibleText add(String place, String text) {
        places.merge(place, text, (before, more) -> before + "\n" + more);
        return this;
    }

    /** A file as bytes decoded leniently: a log with a stray byte must still be searched. */
    public VisibleText addFile(String place, Path file) throws IOException {
        return add(place, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    /**
     * The process as {@code ps} shows it: its command line as {@link ProcessHandle} reports it, and, on Linux, the
     * {@code /proc/<pid>/cmdline} that {@code ps} reads.
     */
    public VisibleText addProcess(ProcessHandle process) throws IOException {
        ProcessHandle.Info info = process.info();
        add("command line (ProcessHandle)", info.commandLine().orElse(""));
        add("arguments (ProcessHandle)", String.join(" ", info.arguments().orElse(new String[0])));
        Path cmdline = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
        if (Files.isReadable(cmdline)) {
            add(
                    "/proc/<pid>/cmdline",
                    Files.readString(cmdline, StandardCharsets.UTF_8).replace('\0', ' '));
        }
        return this;
    }

    /** The places whose text contains {@code secret}, in the order they were added. */
    public List<String> placesShowing(String secret) {
        return places.entrySet().stream()
                .filter(place -> place.getValue().contains(secret))
                .map(Map.Entry::getKey)
                .toList();
    }

    public String text(String place) {
        String text = places.get(place);
        if (text == null) {
            throw new IllegalArgumentException("nothing was read from " + place + "; places: " + places.keySet());
        }
        return text;
    }

    public int size() {
        return places.size();
    }

    public long characters() {
        return places.values().stream().mapToLong(String::length).sum();
    }
}
