package com.logininsights.tools.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoakCommandTest {

    @Test
    void defaultsAreHalfAnHourAtFiveThousandRecordsASecondSampledEveryTenSeconds() {
        SoakConfig config = SoakCommand.parse();

        assertThat(config.duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.rate()).isEqualTo(5000);
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.sampleEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.liveHeapEvery()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.jobHeap()).isEqualTo("8g");
        assertThat(config.parallelism()).isEmpty();
        assertThat(config.partitions()).isEqualTo(3);
        assertThat(config.seed()).isEmpty();
        assertThat(config.outDir()).isEmpty();
        assertThat(config.jobJar()).isEmpty();
        assertThat(config.users()).as("the generator's own default").isEmpty();
        assertThat(config.jobFlags()).isEmpty();
    }

    @Test
    void everyFlag() {
        SoakConfig config = SoakCommand.parse(
                "--duration", "2h",
                "--rate", "800",
                "--checkpoint-interval", "500ms",
                "--sample-every", "1m",
                "--live-heap-every", "0",
                "--job-heap", "512m",
                "--parallelism", "2",
                "--partitions", "6",
                "--seed", "42",
                "--out", "here",
                "--job-jar", "old.jar",
                "--users", "10_000_000",
                "--job-flags", "--state-backend rocksdb");

        assertThat(config.duration()).isEqualTo(Duration.ofHours(2));
        assertThat(config.rate()).isEqualTo(800);
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.sampleEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.liveHeapEvery()).isZero();
        assertThat(config.jobHeap()).isEqualTo("512m");
        assertThat(config.parallelism()).hasValue(2);
        assertThat(config.partitions()).isEqualTo(6);
        assertThat(config.seed()).hasValue(42);
        assertThat(config.outDir()).contains(Path.of("here"));
        assertThat(config.jobJar()).contains(Path.of("old.jar"));
        assertThat(config.users()).hasValue(10_000_000);
        assertThat(config.jobFlags()).containsExactly("--state-backend", "rocksdb");
    }

    @Test
    void jobFlagsComeInTheOrderGivenWhetherAWordOrSeveralAtATime() {
        SoakConfig config = SoakCommand.parse(
                "--job-flag=--state-backend=rocksdb",
                "--job-flags",
                "--signals burst,new_device",
                "--job-flag",
                "--device-memory 7d");

        assertThat(config.jobFlags())
                .containsExactly("--state-backend=rocksdb", "--signals", "burst,new_device", "--device-memory", "7d");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "--parallelism 4, --parallelism is set by the soak",
        "--state-backend rocksdb --checkpoint-interval=1s, --checkpoint-interval=1s is set by the soak",
        "--input-topic other, --input-topic is set by the soak",
        "--web-ui-port 8081, --web-ui-port is set by the soak",
        "rocksdb, 'rocksdb' does not start with a job flag",
    })
    void aJobFlagTheSoakSetsItselfIsRefused(String flags, String message) {
        assertThatThrownBy(() -> SoakCommand.parse("--job-flags", flags))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--job-flags: ")
                .hasMessageContaining(message);
    }

    @Test
    void theSummaryShowsTheCommandAsAShellTakesItAgain() {
        assertThat(Soak.commandLine("--users", "50000", "--job-flags", "--state-backend rocksdb"))
                .isEqualTo("scripts/soak --users 50000 --job-flags \"--state-backend rocksdb\"");
        assertThat(Soak.commandLine()).isEqualTo("scripts/soak");
    }

    @Test
    void everyJobFlagTheSoakSetsIsOneTheExtraFlagsMayNotName() {
        SoakConfig config = SoakCommand.parse("--parallelism", "2", "--job-flags", "--state-backend rocksdb");
        Soak soak = new Soak(config, Path.of("/checkout"), System.out, "scripts/soak");

        List<String> command =
                soak.jobCommand(Path.of("job.jar"), "127.0.0.1:9092", Path.of("gc.log"), Path.of("results"), 8081);
        List<String> soaksOwn = command.subList(0, command.size() - 2).stream()
                .filter(word -> word.startsWith("--"))
                .toList();

        assertThat(command.subList(command.size() - 2, command.size())).containsExactly("--state-backend", "rocksdb");
        assertThat(soaksOwn).contains("--bootstrap-servers", "--parallelism");
        assertThat(Soak.JOB_FLAGS_OF_THE_SOAK).containsAll(soaksOwn);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--duration, 30",
        "--duration, 0",
        "--rate, 0",
        "--rate, fast",
        "--checkpoint-interval, 10x",
        "--sample-every, 0s",
        "--live-heap-every, often",
        "--job-heap, 1 gigabyte",
        "--job-heap, 0g",
        "--parallelism, -1",
        "--partitions, many",
        "--seed, x",
        "--users, 0",
        "--users, 3000000000",
    })
    void aBadValueIsRefusedWithAMessageNamingTheFlag(String flag, String value) {
        assertThatThrownBy(() -> SoakCommand.parse(flag, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(flag);
    }

    @Test
    void anUnknownFlagIsNamedWithTheNearestKnownOne() {
        assertThatThrownBy(() -> SoakCommand.parse("--durration", "5m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--durration")
                .hasMessageContaining("did you mean --duration");
    }

    @Test
    void aRunShorterThanOneSampleIsRefused() {
        assertThatThrownBy(() -> SoakCommand.parse("--duration", "5s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--duration (5s) must be at least --sample-every (10s)");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        String usage = SoakCommand.usage();

        assertThat(usage)
                .contains("--duration=DURATION", "(default: 30m)", "--rate=RECORDS/S", "(default: 5000)")
                .contains("--sample-every", "--live-heap-every", "--job-heap", "--out", "--job-jar")
                .contains("--users=N", "--job-flag, --job-flags=\"FLAGS\"");
        assertThat(usage.replaceAll("\\s+", " "))
                .contains("(default: the generator's own, 10000,")
                .contains("3% of them malformed");
        assertThat(SoakCommand.wantsHelp("--rate", "10", "--help")).isTrue();
        assertThat(SoakCommand.wantsHelp("--rate", "10")).isFalse();
    }
}
