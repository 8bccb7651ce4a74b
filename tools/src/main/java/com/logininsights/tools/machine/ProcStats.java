package com.logininsights.tools.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A running process's CPU time and resident memory, now and at its peak, from Linux's {@code /proc}: the
 * benchmark's and the soak's readings of the programs they run.
 */
public final class ProcStats {
    /** utime and stime are fields 14 and 15 of /proc/PID/stat; counted from the state (field 3), 11 and 12. */
    private static final int UTIME_AFTER_STATE = 11;

    private ProcStats() {}

    /** User plus system CPU of every thread of the process, in clock ticks. */
    public static long cpuTicks(String statLine) {
        // The command name (field 2) is in parentheses and may hold spaces and parentheses itself: the last ')'
        // ends it.
        String[] rest = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(rest[UTIME_AFTER_STATE]) + Long.parseLong(rest[UTIME_AFTER_STATE + 1]);
    }

    /** VmHWM, the kernel's own high-water mark of resident memory, in kB; empty when the status has none. */
    public static OptionalLong peakResidentKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String value = line.substring("VmHWM:".length()).trim();
                return OptionalLong.of(Long.parseLong(value.substring(0, value.indexOf(' '))));
            }
        }
        return OptionalLong.empty();
    }

    /** VmRSS in MB: heap, metaspace, threads and direct buffers alike; empty when the process is gone or no /proc. */
    public static OptionalDouble residentMb(long pid) {
        try {
            return residentMb(status(pid));
        } catch (IOException | RuntimeException gone) {
            return OptionalDouble.empty();
        }
    }

    public static OptionalDouble residentMb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                return OptionalDouble.of(Long.parseLong(kb) / 1024.0);
            }
        }
        return OptionalDouble.empty();
    }

    public static String stat(long pid) throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    }

    public static String status(long pid) throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(pid), "status"));
    }

    /** Clock ticks per second, as {@code getconf CLK_TCK} says; 100 (the Linux default) if it cannot be asked. */
    public static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String answer = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(answer) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
