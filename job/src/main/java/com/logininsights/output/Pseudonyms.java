package com.logininsights.output;

import com.logininsights.config.PseudonymKey;
import com.logininsights.model.LoginField;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stands a keyed hash in for an identifying value: HMAC-SHA256 under the secret key of the field's JSON name, a zero
 * byte and the value, all UTF-8, written as 64 lowercase hex digits. The same value under the same key always gives
 * the same pseudonym, so counts, joins and per-device analytics keep working; without the key nobody can tell which
 * value a pseudonym stands for, not even by hashing every IPv4 address, as a plain hash would allow. The field's name
 * is part of what is hashed, so equal text in two fields gives unrelated pseudonyms. The key's holder can compute
 * the pseudonym of a known value (for a data subject's request) with {@code printf 'ip\0%s' VALUE | openssl dgst
 * -sha256 -hmac KEY}.
 *
 * <p>The JDK's {@code javax.crypto} does the hashing: a library would add nothing but a dependency.
 */
public final class Pseudonyms implements Serializable {
    private static final String ALGORITHM = "HmacSHA256";

    private final PseudonymKey key;
    /** One per sink subtask, made on first use: a Mac is neither serializable nor thread-safe. */
    private transient Mac mac;

    public Pseudonyms(PseudonymKey key) {
        this.key = key;
    }

    /** The pseudonym of {@code value} in {@code field}. */
    public String of(LoginField field, String value) {
        Mac hash = mac();
        hash.update(field.jsonName().getBytes(StandardCharsets.UTF_8));
        hash.update((byte) 0);
        return HexFormat.of().formatHex(hash.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        if (mac == null) {
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(key.bytes(), ALGORITHM));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
            }
        }
        return mac;
    }

    @Override
    public String toString() {
        return "Pseudonyms[" + ALGORITHM + ", key " + key + "]";
    }
}
