package com.logininsights.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints a local run keeps in its folder. Flink writes each run's under {@code <dir>/<job id>/chk-<n>}, and
 * a checkpoint is complete once its {@code _metadata} file is written.
 */
final class LocalCheckpoints {
    private final Path dir;

    LocalCheckpoints(Path dir) {
        this.dir = dir;
    }

    /** The most recently completed checkpoint of any earlier run. */
    Optional<Path> latest() {
        return completed().max(Comparator.comparing(LocalCheckpoints::completedAt));
    }

    /**
     * Deletes the folders of earlier runs that hold no completed checkpoint: a run that resumed took its
     * checkpoint over and left only empty folders behind.
     */
    void removeEmptyRuns() {
        for (Path run : list(dir)) {
            if (Files.isDirectory(run) && list(run).stream().noneMatch(LocalCheckpoints::isComplete)) {
                deleteRecursively(run);
            }
        }
    }

    private Stream<Path> completed() {
        return list(dir).stream()
                .filter(Files::isDirectory)
                .flatMap(run -> list(run).stream())
                .filter(LocalCheckpoints::isComplete);
    }

    private static boolean isComplete(Path checkpoint) {
        return checkpoint.getFileName().toString().startsWith("chk-")
                && Files.isRegularFile(checkpoint.resolve("_metadata"));
    }

    private static FileTime completedAt(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
