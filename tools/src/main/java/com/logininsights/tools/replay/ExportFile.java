package com.logininsights.tools.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of dead letters, one JSON object per line (see {@link DeadLetterJson}), for people to read and fix. It is
 * written beside its final name and moved there once complete, so a failed export leaves no half file behind.
 */
final class ExportFile implements AutoCloseable {
    private static final int PROBLEMS_SHOWN = 10;

    private final Path file;
    private final Path partial;
    private final BufferedWriter writer;
    private boolean complete;

    private ExportFile(Path file) throws IOException {
        this.file = file;
        this.partial = file.resolveSibling(file.getFileName() + ".part");
        this.writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
    }

    static ExportFile create(Path file) throws IOException {
        return new ExportFile(file);
    }

    void write(DeadLetter letter) throws IOException {
        writer.write(DeadLetterJson.line(letter));
        writer.newLine();
    }

    /** Moves the file to its name: what was written is all there is. */
    void complete() throws IOException {
        writer.close();
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        complete = true;
    }

    @Override
    public void close() throws IOException {
        writer.close();
        if (!complete) {
            Files.deleteIfExists(partial);
        }
    }

    /** Every dead letter in the file, or every problem in it: nothing is sent from a file that has one. */
    static List<DeadLetter> read(Path file) throws BadFile, IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new BadFile(file, List.of("the file is not UTF-8 text"));
        }
        List<DeadLetter> letters = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                letters.add(DeadLetterJson.read(lines.get(i)));
            } catch (DeadLetterJson.InvalidDeadLetter e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new BadFile(file, problems);
        }
        return letters;
    }

    /** A file with lines that are not dead letters; the message names the first few. */
    static final class BadFile extends Exception {
        BadFile(Path file, List<String> problems) {
            super(file + " has " + problems.size() + " line" + (problems.size() == 1 ? "" : "s")
                    + " that cannot be replayed, so nothing was sent:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size())))
                    + (problems.size() > PROBLEMS_SHOWN ? "\n  ..." : ""));
        }
    }
}
