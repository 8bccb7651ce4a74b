package com.logininsights.tools.bench.contenders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One build of login-insights that the benchmark runs: a jar, extra JVM options and extra job flags. The second one of
 * an A/B comparison ({@code --job-jar-b}, {@code --job-java-opts-b}, {@code --job-flags-b}) is labelled {@code b},
 * and its rows say so.
 *
 * @param jar empty until resolved: the checkout's local jar for A, A's jar for B
 * @param jobFlags after the benchmark's own, e.g. {@code --signals none}
 */
public record JobVariant(String label, Optional<Path> jar, List<String> javaOptions, List<String> jobFlags) {
    public static final Path DEFAULT_JAR = Path.of("job/target/login-insights-local.jar");

    public static JobVariant a(Optional<Path> jar, List<String> javaOptions) {
        return new JobVariant("", jar, List.copyOf(javaOptions), List.of());
    }

    public static JobVariant b(Optional<Path> jar, List<String> javaOptions, List<String> jobFlags) {
        return new JobVariant("b", jar, List.copyOf(javaOptions), List.copyOf(jobFlags));
    }

    /** The same variant with its jar settled: its own, else {@code otherwise}. */
    public JobVariant resolved(Path otherwise) {
        return new JobVariant(label, Optional.of(jar.orElse(otherwise)), javaOptions, jobFlags);
    }

    public Path requireJar() {
        return jar.orElseThrow(() -> new IllegalStateException("the jar of login-insights " + this + " is not set"));
    }

    /** Every JVM flag of a run of this variant: the contenders' common heap, then the extra options, which win. */
    public List<String> jvmFlags() {
        List<String> flags = new ArrayList<>(Contender.JVM_FLAGS);
        flags.addAll(javaOptions);
        return flags;
    }

    /** {@code login-insights (b)}: how the results name this variant. */
    String name() {
        return label.isEmpty() ? "login-insights" : "login-insights (" + label + ")";
    }

    /** The jar (relative to the checkout where it lies inside it), its size and time, and the JVM flags. */
    public String describe(Path repository) {
        Path path = requireJar().toAbsolutePath().normalize();
        Path shown = path.startsWith(repository.toAbsolutePath().normalize())
                ? repository.toAbsolutePath().normalize().relativize(path)
                : path;
        String file;
        try {
            file = String.format(
                    Locale.ROOT,
                    "%.1f MB, built %s",
                    Files.size(path) / 1e6,
                    LocalDateTime.ofInstant(Files.getLastModifiedTime(path).toInstant(), ZoneId.systemDefault())
                            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        } catch (IOException e) {
            file = "missing";
        }
        return String.format(
                        Locale.ROOT, "%s: `%s` (%s), JVM flags `%s`", name(), shown, file, String.join(" ", jvmFlags()))
                + (jobFlags.isEmpty() ? "" : ", job flags `" + String.join(" ", jobFlags) + "`");
    }
}
