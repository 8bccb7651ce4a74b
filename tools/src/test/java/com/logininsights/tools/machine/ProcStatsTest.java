package com.logininsights.tools.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void cpuIsUserPlusSystemTicksEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 56 7 8 20 0 30 0 100 "
                + "5000000 20000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcStats.cpuTicks(stat)).isEqualTo(1234 + 56);
    }

    @Test
    void peakResidentMemoryIsVmHwm() {
        String status = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t  345678 kB\nVmRSS:\t  300000 kB\n";
        assertThat(ProcStats.peakResidentKb(status)).hasValue(345_678);
        assertThat(ProcStats.peakResidentKb("Name:\tzombie\nState:\tZ (zombie)\n"))
                .isEmpty();
    }

    @Test
    void residentMemoryNowIsVmRssInMegabytes() {
        String status = "Name:\tjava\nVmHWM:\t  345678 kB\nVmRSS:\t  307200 kB\n";
        assertThat(ProcStats.residentMb(status)).hasValue(300.0);
        assertThat(ProcStats.residentMb("Name:\tzombie\n")).isEmpty();
    }

    @Test
    void readsThisVeryProcess() throws Exception {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcStats.cpuTicks(ProcStats.stat(pid))).isPositive();
        OptionalLong peak = ProcStats.peakResidentKb(ProcStats.status(pid));
        assertThat(peak).isPresent();
        assertThat(peak.getAsLong()).isPositive();
        assertThat(ProcStats.ticksPerSecond()).isPositive();
        assertThat(ProcStats.residentMb(pid)).isPresent();
    }
}
