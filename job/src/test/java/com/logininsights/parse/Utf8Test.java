package com.logininsights.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void acceptsAsciiAndMultiByteText() {
        assertThat(Utf8.isValid("plain".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid("ünïcødé ✓ 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid(new byte[0])).isTrue();
    }

    @Test
    void rejectsBrokenSequences() {
        assertThat(Utf8.isValid(new byte[] {(byte) 0xC3, 0x28})).as("bad continuation").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xE2, (byte) 0x82})).as("truncated").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0xAF})).as("overlong").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).as("surrogate").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xFF})).isFalse();
    }
}
