package com.logininsights.signals;

import com.logininsights.types.FormatSnapshot;
import com.logininsights.types.MutableSerializer;
import com.logininsights.types.SerializerTypeInfo;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes a {@link SharedHistory}, which is keyed state: this format is part of every savepoint, so a change needs a
 * new format in {@link History} that the snapshot still reads beside the earlier ones.
 */
public final class SharedHistorySerializer extends MutableSerializer<SharedHistory> {
    public static final SharedHistorySerializer INSTANCE = new SharedHistorySerializer(true);

    /** Reads state of {@link History#FORMAT_WITHOUT_WAITING}, to be written again in the current format. */
    static final SharedHistorySerializer WITHOUT_WAITING_READER = new SharedHistorySerializer(false);

    private final boolean withWaiting;

    private SharedHistorySerializer(boolean withWaiting) {
        this.withWaiting = withWaiting;
    }

    /** Named by {@link SharedHistory}'s {@code @TypeInfo} annotation. */
    public static final class TypeInfo extends TypeInfoFactory<SharedHistory> {
        @Override
        public TypeInformation<SharedHistory> createTypeInfo(Type type, Map<String, TypeInformation<?>> generics) {
            return new SerializerTypeInfo<>(SharedHistory.class, INSTANCE);
        }
    }

    @Override
    public void serialize(SharedHistory history, DataOutputView out) throws IOException {
        out.writeLong(history.lastLoginMillis);
        out.writeLong(history.wakeUpMillis);
        if (withWaiting) {
            history.writeWaitingTo(out);
        }
        out.writeInt(history.users.size());
        for (Map.Entry<String, Long> user : history.users.entrySet()) {
            StringValue.writeString(user.getKey(), out);
            out.writeLong(user.getValue());
        }
        out.writeBoolean(history.episode != null);
        if (history.episode != null) {
            history.episode.writeTo(out);
        }
    }

    @Override
    public SharedHistory deserialize(DataInputView in) throws IOException {
        SharedHistory history = new SharedHistory();
        history.lastLoginMillis = in.readLong();
        history.wakeUpMillis = in.readLong();
        if (withWaiting) {
            history.readWaitingFrom(in);
        }
        int users = in.readInt();
        for (int i = 0; i < users; i++) {
            history.users.put(StringValue.readString(in), in.readLong());
        }
        if (in.readBoolean()) {
            history.episode = Episode.readFrom(in);
        }
        return history;
    }

    @Override
    public TypeSerializerSnapshot<SharedHistory> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer, in the format the state was written in, from a checkpoint or savepoint. */
    public static final class Snapshot extends FormatSnapshot<SharedHistory> {
        public Snapshot() {
            super(
                    "device or address history",
                    History.FORMAT_WITH_WAITING,
                    History.FORMAT_WITH_WAITING,
                    History.readerOfFormat(WITHOUT_WAITING_READER, INSTANCE));
        }
    }
}
