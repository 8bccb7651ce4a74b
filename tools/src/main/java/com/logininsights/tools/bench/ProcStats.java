package com.logininsights.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reads a running process's CPU time and peak resident memory from Linux's {@code /proc}. */
final class ProcStats {
    /** utime and stime are fields 14 and 15 of /proc/PID/stat; counted from the state (field 3), 11 and 12. */
    private static final int UTIME_AFTER_STATE = 11;

    private ProcStats() {}

    /** User plus system CPU of every thread of the process, in clock ticks. */
    static long cpuTicks(String statLine) {
        // The command name (field 2) is in parentheses and may hold spaces and parentheses itself: the last ')'
        // ends it.
        String[] rest = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(rest[UTIME_AFTER_STATE]) + Long.parseLong(rest[UTIME_AFTER_STATE + 1]);
    }

    /** VmHWM, the kernel's own high-water mark of resident memory, in kB; empty when the status has none. */
    static OptionalLong peakResidentKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String value = line.substring("VmHWM:".length()).trim();
                return OptionalLong.of(Long.parseLong(value.substring(0, value.indexOf(' '))));
            }
        }
        return OptionalLong.empty();
    }

    static String stat(long pid) throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    }

    static String status(long pid) throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(pid), "status"));
    }

    /** Clock ticks per second, as {@code getconf CLK_TCK} says; 100 (the Linux default) if it cannot be asked. */
    static long ticksPerSecond() {
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
