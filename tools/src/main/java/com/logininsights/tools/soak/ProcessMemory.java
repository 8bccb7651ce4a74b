package com.logininsights.tools.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** A process's resident memory now, from Linux's {@code /proc}: heap, metaspace, threads and direct buffers alike. */
final class ProcessMemory {
    private ProcessMemory() {}

    /** VmRSS in MB; empty when the process is gone or the system has no /proc. */
    static OptionalDouble residentMb(long pid) {
        try {
            return residentMb(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
        } catch (IOException | RuntimeException gone) {
            return OptionalDouble.empty();
        }
    }

    static OptionalDouble residentMb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                return OptionalDouble.of(Long.parseLong(kb) / 1024.0);
            }
        }
        return OptionalDouble.empty();
    }
}
