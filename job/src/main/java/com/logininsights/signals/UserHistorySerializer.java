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
 * Writes a {@link UserHistory}, which is keyed state: this format is part of every savepoint, so a change needs a new
 * format in {@link History} that the snapshot still reads beside the earlier ones. Strings go through {@link
 * StringValue} (a length, then the characters; one byte each for ASCII), which also writes null.
 */
public final class UserHistorySerializer extends MutableSerializer<UserHistory> {
    public static final UserHistorySerializer INSTANCE = new UserHistorySerializer(true);

    /** Reads state of {@link History#FORMAT_WITHOUT_WAITING}, to be written again in the current format. */
    static final UserHistorySerializer WITHOUT_WAITING_READER = new UserHistorySerializer(false);

    private final boolean withWaiting;

    private UserHistorySerializer(boolean withWaiting) {
        this.withWaiting = withWaiting;
    }

    /** Named by {@link UserHistory}'s {@code @TypeInfo} annotation. */
    public static final class TypeInfo extends TypeInfoFactory<UserHistory> {
        @Override
        public TypeInformation<UserHistory> createTypeInfo(Type type, Map<String, TypeInformation<?>> generics) {
            return new SerializerTypeInfo<>(UserHistory.class, INSTANCE);
        }
    }

    @Override
    public void serialize(UserHistory history, DataOutputView out) throws IOException {
        out.writeLong(history.lastLoginMillis);
        out.writeLong(history.wakeUpMillis);
        if (withWaiting) {
            history.writeWaitingTo(out);
        }
        out.writeByte(history.devices.size());
        for (Map.Entry<String, Long> device : history.devices.entrySet()) {
            StringValue.writeString(device.getKey(), out);
            out.writeLong(device.getValue());
        }
        StringValue.writeString(history.lastLocale, out);
        out.writeLong(history.lastLocaleMillis);
        out.writeLong(history.lastHopMillis);
        StringValue.writeString(history.lastAppVersion, out);
        out.writeInt(history.recentLogins.size());
        for (long time : history.recentLogins) {
            out.writeLong(time);
        }
        out.writeBoolean(history.burst != null);
        if (history.burst != null) {
            history.burst.writeTo(out);
        }
    }

    @Override
    public UserHistory deserialize(DataInputView in) throws IOException {
        UserHistory history = new UserHistory();
        history.lastLoginMillis = in.readLong();
        history.wakeUpMillis = in.readLong();
        if (withWaiting) {
            history.readWaitingFrom(in);
        }
        int devices = in.readUnsignedByte();
        for (int i = 0; i < devices; i++) {
            history.devices.put(StringValue.readString(in), in.readLong());
        }
        history.lastLocale = StringValue.readString(in);
        history.lastLocaleMillis = in.readLong();
        history.lastHopMillis = in.readLong();
        history.lastAppVersion = StringValue.readString(in);
        int recent = in.readInt();
        for (int i = 0; i < recent; i++) {
            history.recentLogins.add(in.readLong());
        }
        if (in.readBoolean()) {
            history.burst = Episode.readFrom(in);
        }
        return history;
    }

    @Override
    public TypeSerializerSnapshot<UserHistory> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer, in the format the state was written in, from a checkpoint or savepoint. */
    public static final class Snapshot extends FormatSnapshot<UserHistory> {
        public Snapshot() {
            super(
                    "user history",
                    History.FORMAT_WITH_WAITING,
                    History.FORMAT_WITH_WAITING,
                    History.readerOfFormat(WITHOUT_WAITING_READER, INSTANCE));
        }
    }
}
