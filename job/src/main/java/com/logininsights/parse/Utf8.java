package com.logininsights.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 validation: overlong forms, lone surrogates and truncated sequences are all invalid. */
public final class Utf8 {
    private Utf8() {}

    public static boolean isValid(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return decodesStrictly(bytes);
            }
        }
        return true; // plain ASCII, the common case, needs no decoder
    }

    private static boolean decodesStrictly(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
