package com.logininsights.tools.bench.contenders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchContenderTest {
    private static final String HEAP = String.join(" ", Contender.JVM_FLAGS);
    private static final RunTopics TOPICS = RunTopics.fresh("in", "x-run1");

    @Test
    void everyContenderButTheSqlPeerMustWriteEachInputRecordOnce() {
        Contender job = Contender.loginInsights(true, 1);

        assertThat(job.miscount(1_000, 1_000, 970)).isEmpty();
        assertThat(job.miscount(999, 1_000, 970)).contains("999 of 1,000 records came out");
        assertThat(job.miscount(1_001, 1_000, 970)).contains("1,001 of 1,000 records came out");
    }

    @Test
    void theSqlPeerMustWriteEveryValidRecordAndAtMostEveryRecord() {
        Contender sql = Contender.FLINK_SQL;

        assertThat(sql.miscount(970, 1_000, 970)).isEmpty();
        assertThat(sql.miscount(985, 1_000, 970)).isEmpty();
        assertThat(sql.miscount(1_000, 1_000, 970)).isEmpty();
        assertThat(sql.miscount(969, 1_000, 970))
                .contains("969 records came out, not from 970 (the valid ones) to 1,000 (all)");
        assertThat(sql.miscount(1_001, 1_000, 970)).isPresent();
    }

    @Test
    void theKafkaSettingsReachEveryContenderAsKafkaPropertyFlags() throws Exception {
        Contender.Launch launch = launch(Optional.empty(), Map.of("compression.type", "none"));

        for (Contender contender : Contender.all()) {
            List<String> command = contender.command(launch, TOPICS, "g");
            assertThat(String.join(" ", command)).as(contender.id()).contains("--kafka-property compression.type=none");
        }
    }

    @Test
    void theSqlPeerRunsItsOwnJarOnTheRunsTopics() throws Exception {
        List<String> command = Contender.FLINK_SQL.command(launch(Optional.empty(), Map.of()), TOPICS, "g");

        assertThat(String.join(" ", command))
                .contains(HEAP + " -jar /checkout/bench-sql/target/login-insights-bench-sql.jar")
                .contains("--input-topic in --processed-topic bench-x-run1-processed")
                .contains("--insights-topic bench-x-run1-insights --group-id g --parallelism 1");
    }

    @Test
    void aVariantBRunsItsOwnJarWithItsOwnJvmOptionsAfterTheCommonHeap() throws Exception {
        JobVariant b = JobVariant.b(Optional.of(Path.of("/old.jar")), List.of("-XX:TieredStopAtLevel=1"), List.of());
        Contender.Launch launch = launch(Optional.of(b), Map.of());
        Contender job = Contender.loginInsights(false, 2);

        Contender variant = job.asVariantB();

        assertThat(variant.id()).isEqualTo("li-alo-p2-b");
        assertThat(variant.title()).isEqualTo("login-insights at-least-once p2 (b)");
        assertThat(String.join(" ", variant.command(launch, TOPICS, "g")))
                .contains(HEAP + " -XX:TieredStopAtLevel=1 -jar /old.jar --bounded")
                .contains("--delivery-guarantee at-least-once --parallelism 2");
        assertThat(String.join(" ", job.command(launch, TOPICS, "g")))
                .contains(HEAP + " -jar /checkout/job/target/login-insights-local.jar --bounded")
                .doesNotContain("TieredStopAtLevel");
        assertThatThrownBy(Contender.HAND_LOOP::asVariantB).hasMessageContaining("no (b) variant");
    }

    @Test
    void aVariantBWithJobFlagsGivesThemAfterTheBenchmarksOwn() throws Exception {
        JobVariant b = JobVariant.b(Optional.empty(), List.of(), List.of("--signals", "none"))
                .resolved(Path.of("/checkout/job/target/login-insights-local.jar"));
        Contender.Launch launch = launch(Optional.of(b), Map.of());
        Contender job = Contender.loginInsights(true, 1);

        assertThat(String.join(" ", job.asVariantB().command(launch, TOPICS, "g")))
                .contains("-jar /checkout/job/target/login-insights-local.jar --bounded")
                .contains("--alerts-topic bench-x-run1-alerts")
                .endsWith("--signals none");
        assertThat(String.join(" ", job.command(launch, TOPICS, "g"))).doesNotContain("--signals");
    }

    @Test
    void everyJobFlagTheBenchmarkSetsIsOneAVariantMayNotName() throws Exception {
        List<String> flags =
                Contender.loginInsights(true, 1).command(launch(Optional.empty(), Map.of()), TOPICS, "g").stream()
                        .filter(word -> word.startsWith("--"))
                        .toList();

        assertThat(flags).isNotEmpty();
        assertThat(Contender.FLAGS_OF_EACH_RUN).containsAll(flags);
    }

    @Test
    void theLoopsReadTheirKafkaPropertiesInOrderTheLastOneWinning() {
        LoopArgs args = new LoopArgs(
                "--input",
                "in",
                "--kafka-property",
                "linger.ms=5",
                "--bounded",
                "--kafka-property",
                "compression.type=none",
                "--kafka-property",
                "linger.ms=0");

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("linger.ms", "0");
        expected.put("compression.type", "none");
        assertThat(args.kafkaProperties()).containsExactlyEntriesOf(expected);
        assertThat(args.required("--input")).isEqualTo("in");
        assertThat(args.has("--bounded")).isTrue();
        assertThatThrownBy(() -> new LoopArgs("--kafka-property", "linger.ms").kafkaProperties())
                .hasMessageContaining("not KEY=VALUE");
    }

    private static Contender.Launch launch(Optional<JobVariant> b, Map<String, String> kafkaProperties) {
        return new Contender.Launch(
                "127.0.0.1:9",
                "tools.jar",
                JobVariant.a(Optional.of(Path.of("/checkout/job/target/login-insights-local.jar")), List.of()),
                b,
                Path.of("/checkout/bench-sql/target/login-insights-bench-sql.jar"),
                kafkaProperties,
                Optional.empty());
    }
}
