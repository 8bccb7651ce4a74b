package com.logininsights.tools;

import java.io.PrintStream;
import java.util.List;

/** Stops what a tool started, newest first (each child process by its PID), saying which as it goes. */
public final class StartedPrograms {
    /** A started program that can say what it is. */
    public interface Named extends AutoCloseable {
        String name();
    }

    private StartedPrograms() {}

    /** A program that closes as {@code program} does, named {@code name}. */
    public static Named named(String name, AutoCloseable program) {
        return new Named() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void close() throws Exception {
                program.close();
            }
        };
    }

    /** @param started newest first, as each tool adds them; a {@link Named} one is named in the output */
    public static void stopAll(List<AutoCloseable> started, PrintStream out) {
        if (started.isEmpty()) {
            return;
        }
        out.println();
        out.print("Stopping:");
        for (AutoCloseable program : started) {
            try {
                program.close();
                if (program instanceof Named named) {
                    out.print(" " + named.name());
                }
            } catch (Exception e) {
                out.print(" (" + e.getMessage() + ")");
            }
        }
        out.println(". Done.");
        out.flush();
    }
}
