package com.logininsights.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void acceptsAsciiAndMultiByteText() {
        assertThat(Utf8.isValid("plain".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid("ünïcødé ✓ 😀".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(Utf8.isValid(new byte[0])).isTrue();
    }

    @Test
    void rejectsBrokenSequences() {
        assertThat(Utf8.isValid(new byte[] {(byte) 0xC3, 0x28}))
                .as("bad continuation")
                .isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xE2, (byte) 0x82}))
                .as("truncated")
                .isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0xAF}))
                .as("overlong")
                .isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                .as("surrogate")
                .isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xFF})).isFalse();
    }

    @Test
    void findsABadByteAtAnyPositionInLongerRecords() {
        for (int length = 1; length <= 40; length++) {
            for (int bad = 0; bad < length; bad++) {
                byte[] bytes = "x".repeat(length).getBytes(StandardCharsets.US_ASCII);
                assertThat(Utf8.isValid(bytes)).isTrue();
                bytes[bad] = (byte) 0xFF;
                assertThat(Utf8.isValid(bytes))
                        .as("0xFF at %d of %d", bad, length)
                        .isFalse();
                bytes[bad] = (byte) 0xC3;
                assertThat(Utf8.isValid(bytes))
                        .as("lone lead byte at %d of %d", bad, length)
                        .isFalse();
            }
        }
    }
}
