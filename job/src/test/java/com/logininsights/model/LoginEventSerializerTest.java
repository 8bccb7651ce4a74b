package com.logininsights.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.testing.Logins;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class LoginEventSerializerTest {

    @Test
    void flinkPicksOurSerializerForLoginEvents() {
        assertThat(TypeInformation.of(LoginEvent.class).createSerializer(new SerializerConfigImpl()))
                .isInstanceOf(LoginEventSerializer.class);
    }

    @Test
    void everyFieldSurvivesTheRoundTripNullsAndUnicodeIncluded() throws IOException {
        LoginEvent full = Logins.event(
                "424cdd21-063a",
                "2.3.0",
                "android",
                "199.172.111.135",
                "RU",
                "593-47-5928",
                1_694_479_551_000L,
                new SourcePosition("user-login", 3, 1234, 1_694_479_552_250L));
        LoginEvent sparse = Logins.event(
                "ユーザー 😀", null, null, null, null, null, -5, new SourcePosition("t", 0, Long.MAX_VALUE, 0));

        DataOutputSerializer out = new DataOutputSerializer(64);
        LoginEventSerializer.INSTANCE.serialize(full, out);
        LoginEventSerializer.INSTANCE.serialize(sparse, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());

        assertThat(LoginEventSerializer.INSTANCE.deserialize(in)).isEqualTo(full);
        assertThat(LoginEventSerializer.INSTANCE.deserialize(in)).isEqualTo(sparse);
        assertThat(in.available()).isZero();
    }
}
