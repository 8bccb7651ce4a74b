package com.logininsights.tools.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the job's JVM for a full collection ({@code jcmd <pid> GC.run}, the same as {@code System.gc()}). What is left
 * afterwards is what the job still holds: its live heap. Between full collections, G1's heap after a young collection
 * also holds dead objects promoted to the old generation, which only a later mixed or full collection frees, so a
 * rising heap after GC alone does not prove a leak; the live heap does. The cost is one full pause each time.
 */
final class LiveHeapCheck {
    private static final long TIMEOUT_SECONDS = 60;

    private final Path jcmd;

    private LiveHeapCheck(Path jcmd) {
        this.jcmd = jcmd;
    }

    /** Empty when this Java has no jcmd (a runtime image without the JDK's tools). */
    static Optional<LiveHeapCheck> here() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(jcmd) ? Optional.of(new LiveHeapCheck(jcmd)) : Optional.empty();
    }

    /** Runs the full collection and returns once it is done (and in the GC log); throws with jcmd's answer if not. */
    void run(long pid) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.run did not answer within " + TIMEOUT_SECONDS + " s");
        }
        String answer = new String(process.getInputStream().readAllBytes()).trim();
        if (process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " GC.run failed: " + answer);
        }
    }
}
