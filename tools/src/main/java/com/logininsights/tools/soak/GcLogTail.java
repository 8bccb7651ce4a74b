package com.logininsights.tools.soak;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the job JVM's GC log as it grows, and hands out the pauses written since the last call. A line still being
 * written is kept until its end arrives.
 *
 * <p>Why the GC log rather than JMX: the JVM writes every collection itself, with its after-size and pause, as it
 * happens, so no collection between two samples is missed, the job needs no JMX port or agent, and a busy or hung
 * job cannot make a sample fail; the file also stays for a reader afterwards.
 */
final class GcLogTail {
    private final Path file;
    private long position;
    private String partialLine = "";

    GcLogTail(Path file) {
        this.file = file;
    }

    /** The JVM option that writes the log this class reads: one line per collection, never rotated. */
    static String jvmOption(Path file) {
        return "-Xlog:gc:file=\"" + file.toAbsolutePath() + "\":uptime,level,tags:filecount=0";
    }

    List<GcPause> newPauses() throws IOException {
        List<GcPause> pauses = new ArrayList<>();
        if (!Files.exists(file)) {
            return pauses;
        }
        String text;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= position) {
                return pauses;
            }
            byte[] bytes = new byte[Math.toIntExact(length - position)];
            in.seek(position);
            in.readFully(bytes);
            position = length;
            text = partialLine + new String(bytes, StandardCharsets.UTF_8);
        }
        int lineStart = 0;
        for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', lineStart)) {
            GcPause.parse(text.substring(lineStart, newline)).ifPresent(pauses::add);
            lineStart = newline + 1;
        }
        partialLine = text.substring(lineStart);
        return pauses;
    }
}
