package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppVersionTest {

    @Test
    void versionsAreOrderedPartByPartAsNumbers() {
        List<String> ascending = List.of("0.9", "1.9.3", "2.1.9", "2.2", "2.2.1", "2.3.0", "2.9.1", "2.10.0", "10.0");
        for (int i = 0; i + 1 < ascending.size(); i++) {
            AppVersion older = AppVersion.parse(ascending.get(i));
            AppVersion newer = AppVersion.parse(ascending.get(i + 1));
            assertThat(older.isOlderThan(newer)).as("%s < %s", older, newer).isTrue();
            assertThat(newer.isOlderThan(older)).as("%s > %s", newer, older).isFalse();
        }
    }

    @Test
    void aMissingPartCountsAsZero() {
        assertThat(AppVersion.parse("2.3")).isEqualTo(AppVersion.parse("2.3.0"));
        assertThat(AppVersion.parse("2.3")).hasSameHashCodeAs(AppVersion.parse("2.3.0.0"));
        assertThat(AppVersion.parse("2.3").isOlderThan(AppVersion.parse("2.3.0")))
                .isFalse();
    }

    @Test
    void onlyDottedNumbersAreVersions() {
        for (String text : List.of("", "v2", "2.", ".2", "2..3", "2.3-beta", "banana")) {
            assertThatThrownBy(() -> AppVersion.parse(text))
                    .as("'%s'", text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a dotted version");
        }
    }
}
