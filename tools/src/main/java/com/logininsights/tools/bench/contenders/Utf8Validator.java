package com.logininsights.tools.bench.contenders;

/**
 * Strict UTF-8 validation without decoding (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
 * Jackson alone would let some invalid bytes through inside strings.
 */
final class Utf8Validator {
    private Utf8Validator() {}

    static boolean isValid(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int continuation;
            int secondLow = 0x80;
            int secondHigh = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                continuation = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                continuation = 2;
                if (lead == 0xE0) {
                    secondLow = 0xA0; // else overlong
                } else if (lead == 0xED) {
                    secondHigh = 0x9F; // else a UTF-16 surrogate
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                continuation = 3;
                if (lead == 0xF0) {
                    secondLow = 0x90; // else overlong
                } else if (lead == 0xF4) {
                    secondHigh = 0x8F; // else above U+10FFFF
                }
            } else {
                return false;
            }
            if (i + continuation >= n) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondLow || second > secondHigh) {
                return false;
            }
            for (int k = 2; k <= continuation; k++) {
                int next = bytes[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return false;
                }
            }
            i += continuation + 1;
        }
        return true;
    }
}
