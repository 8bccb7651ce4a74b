package com.logininsights.model;

import com.logininsights.types.ImmutableSerializer;
import com.logininsights.types.SerializerTypeInfo;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes a {@link LoginEvent} field by field. Every accepted login crosses the network once, to the window tally:
 * Flink's POJO serializer would read each field by reflection and write a null flag before it, which the profile
 * showed as a tenth of the source thread's time.
 *
 * <p>The job keeps no login in state (the windows keep tallies), so the format follows {@link LoginField} freely: a
 * field added there is written here without a new format version.
 */
public final class LoginEventSerializer extends ImmutableSerializer<LoginEvent> {
    public static final LoginEventSerializer INSTANCE = new LoginEventSerializer();

    /** Named by {@link LoginEvent}'s {@code @TypeInfo} annotation. */
    public static final class TypeInfo extends TypeInfoFactory<LoginEvent> {
        @Override
        public TypeInformation<LoginEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> generics) {
            return new SerializerTypeInfo<>(LoginEvent.class, INSTANCE);
        }
    }

    /**
     * The text fields in the order of {@link LoginField}, then the event time and the source. Strings go through
     * {@link StringValue}, which writes null as well; the optional fields are often null.
     */
    @Override
    public void serialize(LoginEvent event, DataOutputView out) throws IOException {
        for (LoginField field : LoginField.TEXTS) {
            StringValue.writeString(event.text(field), out);
        }
        out.writeLong(event.eventTimeMillis());
        event.source().writeTo(out);
    }

    @Override
    public LoginEvent deserialize(DataInputView in) throws IOException {
        String[] texts = new String[LoginField.TEXTS.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = StringValue.readString(in);
        }
        return new LoginEvent(texts, in.readLong(), SourcePosition.readFrom(in));
    }

    @Override
    public TypeSerializerSnapshot<LoginEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint or savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LoginEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
