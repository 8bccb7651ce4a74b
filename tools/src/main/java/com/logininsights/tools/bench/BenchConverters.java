package com.logininsights.tools.bench;

import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.cli.Converters;
import com.logininsights.tools.cli.JobFlagWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The benchmark's own kinds of flag value; {@code Cli} puts the flag's name in front of each message. */
final class BenchConverters {
    private BenchConverters() {}

    /** A jar to run: it must be there now, not fail a run an hour into the benchmark. */
    static final class ExistingFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path path = Path.of(value);
            if (!Files.isRegularFile(path)) {
                throw new TypeConversionException("no file " + value);
            }
            return path;
        }
    }

    /** Extra JVM options, separated by spaces: {@code "-XX:TieredStopAtLevel=1 -Xss512k"}. */
    record JavaOptions(List<String> options) {}

    /** Job flags, but none of those with which the benchmark points each run at its own topics and group. */
    static final class JobFlagsConverter implements ITypeConverter<JobFlagWords> {
        @Override
        public JobFlagWords convert(String value) {
            return JobFlagWords.of(value, Contender.FLAGS_OF_EACH_RUN, "the benchmark for each run");
        }
    }

    static final class JavaOptionsConverter implements ITypeConverter<JavaOptions> {
        /** What would change which program runs, rather than how its JVM runs it. */
        private static final Set<String> NOT_OPTIONS = Set.of("-jar", "-cp", "-classpath", "--class-path");

        @Override
        public JavaOptions convert(String value) {
            List<String> options = Arrays.stream(value.trim().split("\\s+"))
                    .filter(option -> !option.isEmpty())
                    .toList();
            for (String option : options) {
                if (!option.startsWith("-")) {
                    throw new TypeConversionException(
                            "'" + option + "' is not a JVM option (each starts with -; separate them with spaces)");
                }
                if (NOT_OPTIONS.contains(option)) {
                    throw new TypeConversionException(option + " would change what runs; give a jar with --job-jar");
                }
            }
            return new JavaOptions(options);
        }
    }

    /** A Kafka client setting, but none of those with which the benchmark tells its contenders apart. */
    static final class KafkaSetting implements ITypeConverter<Map.Entry<String, String>> {
        static final Set<String> SET_BY_THE_BENCHMARK = Set.of(
                "bootstrap.servers",
                "group.id",
                "transactional.id",
                "key.serializer",
                "value.serializer",
                "key.deserializer",
                "value.deserializer");

        @Override
        public Map.Entry<String, String> convert(String value) {
            Map.Entry<String, String> setting = new Converters.KeyValue().convert(value);
            if (SET_BY_THE_BENCHMARK.contains(setting.getKey())) {
                throw new TypeConversionException("the benchmark sets " + setting.getKey() + " itself");
            }
            return setting;
        }
    }
}
