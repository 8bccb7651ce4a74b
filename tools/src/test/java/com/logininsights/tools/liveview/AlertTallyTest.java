package com.logininsights.tools.liveview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTallyTest {

    @Test
    void eachAlertCountsInTheWindowOfItsEventTimeWhateverOrderItIsRead() {
        AlertTally tally = new AlertTally();
        tally.alert(20_500, "burst");
        tally.alert(9_999, "new_device");
        tally.alert(10_000, "new_device");
        tally.alert(10_000, "locale_hop");
        tally.alert(19_999, "new_device");

        assertThat(tally.between(0, 10_000)).containsExactly(Map.entry("new_device", 1L));
        assertThat(tally.between(10_000, 20_000))
                .containsExactly(Map.entry("locale_hop", 1L), Map.entry("new_device", 2L));
        assertThat(tally.between(20_000, 30_000)).containsExactly(Map.entry("burst", 1L));
        assertThat(tally.between(30_000, 40_000)).isEmpty();
    }

    @Test
    void forgettingDropsOnlyEarlierEventTimesAndMemoryGrowsWithTimeNotAlerts() {
        AlertTally tally = new AlertTally();
        for (int i = 0; i < 10_000; i++) {
            tally.alert(i, "burst");
            tally.alert(5_000 + i, "shared_ip");
        }
        assertThat(tally.bucketCount()).isEqualTo(15);

        tally.forgetBefore(10_000);
        assertThat(tally.between(0, 10_000)).isEmpty();
        assertThat(tally.between(10_000, 20_000)).containsExactly(Map.entry("shared_ip", 5_000L));
    }
}
