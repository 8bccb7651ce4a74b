package com.logininsights.tools.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTailTest {

    @Test
    void aYoungPauseGivesItsAfterSizeAndPause() {
        GcPause pause = GcPause.parse(
                        "[38.975s][info][gc] GC(20) Pause Young (Normal) (G1 Evacuation Pause) 79M->50M(129M) 58.835ms")
                .orElseThrow();

        assertThat(pause.id()).isEqualTo(20);
        assertThat(pause.name()).isEqualTo("Pause Young (Normal) (G1 Evacuation Pause)");
        assertThat(pause.afterBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(pause.afterMb()).isEqualTo(50.0);
        assertThat(pause.millis()).isEqualTo(58.835);
        assertThat(pause.full()).isFalse();
        assertThat(pause.requested()).isFalse();
    }

    @Test
    void aFullCollectionAskedForWithJcmdIsFullAndRequested() {
        GcPause pause = GcPause.parse(
                        "[66.911s][info][gc] GC(29) Pause Full (Diagnostic Command) 66M->54M(161M) 588.581ms")
                .orElseThrow();

        assertThat(pause.full()).isTrue();
        assertThat(pause.requested()).isTrue();
        assertThat(pause.afterMb()).isEqualTo(54.0);
    }

    @Test
    void otherCollectorsAndUnitsAreRead() {
        assertThat(GcPause.parse("[1.2s][info][gc] GC(3) Pause Young (Allocation Failure) 900K->512K(2G) 1.5ms"))
                .hasValueSatisfying(pause -> {
                    assertThat(pause.afterBytes()).isEqualTo(512L * 1024);
                    assertThat(pause.millis()).isEqualTo(1.5);
                });
        assertThat(GcPause.parse("[1.2s][info][gc] GC(4) Pause Full (Ergonomics) 3G->1G(4G) 2000,250ms"))
                .hasValueSatisfying(pause -> {
                    assertThat(pause.afterBytes()).isEqualTo(1024L * 1024 * 1024);
                    assertThat(pause.millis()).isEqualTo(2000.25);
                    assertThat(pause.requested()).isFalse();
                });
    }

    @Test
    void linesThatAreNotPausesAreNotPauses() {
        assertThat(GcPause.parse("[0.006s][info][gc] Using G1")).isEmpty();
        assertThat(GcPause.parse("[36.997s][info][gc] GC(19) Concurrent Mark Cycle"))
                .isEmpty();
        assertThat(GcPause.parse("[39.131s][info][gc] GC(19) Concurrent Mark Cycle 2134.472ms"))
                .isEmpty();
    }

    @Test
    void eachPauseIsHandedOutOnceAndAHalfWrittenLineWaitsForItsEnd(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        GcLogTail tail = new GcLogTail(log);
        assertThat(tail.newPauses()).as("no log yet").isEmpty();

        append(
                log,
                "[0.006s][info][gc] Using G1\n[1.0s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 3.456ms\n[2.0s][info][gc] GC(1) Pause Young");
        assertThat(tail.newPauses()).extracting(GcPause::id).containsExactly(0L);

        append(log, " (Normal) (G1 Evacuation Pause) 30M->5M(256M) 2.5ms\n");
        assertThat(tail.newPauses()).extracting(GcPause::id).containsExactly(1L);
        assertThat(tail.newPauses()).isEmpty();
    }

    @Test
    void theJvmOptionWritesOneNeverRotatedFile() {
        assertThat(GcLogTail.jvmOption(Path.of("/tmp/run/job-gc.log")))
                .isEqualTo("-Xlog:gc:file=\"/tmp/run/job-gc.log\":uptime,level,tags:filecount=0");
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
