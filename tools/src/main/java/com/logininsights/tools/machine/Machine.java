package com.logininsights.tools.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the numbers were measured on, and how busy it was: a benchmark on a shared machine says so. */
public record Machine(int cores, double memoryGib, String java, String os, String loadAverage) {

    public static Machine here() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                totalMemoryGib(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                currentLoadAverage());
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    public static String currentLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double totalMemoryGib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    String kb = line.substring("MemTotal:".length()).trim().split(" ")[0];
                    return Long.parseLong(kb) / (1024.0 * 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // below
        }
        return Double.NaN;
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d cores, %.1f GiB, %s, %s", cores, memoryGib, java, os);
    }
}
