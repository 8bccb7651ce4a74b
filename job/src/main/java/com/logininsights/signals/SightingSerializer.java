package com.logininsights.signals;

import com.logininsights.model.SourcePosition;
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
 * Writes a {@link Sighting}: the subject's kind as one byte, its value, then the login's texts (nullable), time and
 * source. Sightings wait in keyed state for event time to pass them, so this format is part of a savepoint: a change
 * needs a new snapshot version that still reads this one.
 */
public final class SightingSerializer extends ImmutableSerializer<Sighting> {
    public static final SightingSerializer INSTANCE = new SightingSerializer();

    /** Named by {@link Sighting}'s {@code @TypeInfo} annotation. */
    public static final class TypeInfo extends TypeInfoFactory<Sighting> {
        @Override
        public TypeInformation<Sighting> createTypeInfo(Type type, Map<String, TypeInformation<?>> generics) {
            return new SerializerTypeInfo<>(Sighting.class, INSTANCE);
        }
    }

    @Override
    public void serialize(Sighting sighting, DataOutputView out) throws IOException {
        out.writeByte(sighting.subject().ordinal());
        StringValue.writeString(sighting.value(), out);
        // A user's sighting is of the user: not written twice.
        StringValue.writeString(sighting.subject() == Subject.USER ? null : sighting.userId(), out);
        StringValue.writeString(sighting.deviceId(), out);
        StringValue.writeString(sighting.locale(), out);
        StringValue.writeString(sighting.appVersion(), out);
        out.writeLong(sighting.timeMillis());
        sighting.source().writeTo(out);
    }

    @Override
    public Sighting deserialize(DataInputView in) throws IOException {
        Subject subject = Subject.values()[in.readByte()];
        String value = StringValue.readString(in);
        String userId = StringValue.readString(in);
        return new Sighting(
                subject,
                value,
                subject == Subject.USER ? value : userId,
                StringValue.readString(in),
                StringValue.readString(in),
                StringValue.readString(in),
                in.readLong(),
                SourcePosition.readFrom(in));
    }

    @Override
    public TypeSerializerSnapshot<Sighting> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint or savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Sighting> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
