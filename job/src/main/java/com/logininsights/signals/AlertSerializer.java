package com.logininsights.signals;

import com.logininsights.common.Signal;
import com.logininsights.model.SourcePosition;
import com.logininsights.signals.Alert.Count;
import com.logininsights.signals.Alert.Evidence;
import com.logininsights.signals.Alert.LocaleHop;
import com.logininsights.signals.Alert.NewDevice;
import com.logininsights.signals.Alert.OutdatedVersion;
import com.logininsights.signals.Alert.WatchedLocale;
import com.logininsights.types.ImmutableSerializer;
import com.logininsights.types.SerializerTypeInfo;
import com.logininsights.types.StringLists;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes an {@link Alert} on its way from the signals to the alerts sink: the signal as one byte, the login's fields,
 * then the evidence of that signal. Alerts are not kept in state, so the format may change with the type.
 */
public final class AlertSerializer extends ImmutableSerializer<Alert> {
    public static final AlertSerializer INSTANCE = new AlertSerializer();

    /** Named by {@link Alert}'s {@code @TypeInfo} annotation. */
    public static final class TypeInfo extends TypeInfoFactory<Alert> {
        @Override
        public TypeInformation<Alert> createTypeInfo(Type type, Map<String, TypeInformation<?>> generics) {
            return new SerializerTypeInfo<>(Alert.class, INSTANCE);
        }
    }

    @Override
    public void serialize(Alert alert, DataOutputView out) throws IOException {
        out.writeByte(alert.signal().ordinal());
        StringValue.writeString(alert.subject(), out);
        StringValue.writeString(alert.userId(), out);
        out.writeLong(alert.eventTimeMillis());
        alert.source().writeTo(out);
        Evidence evidence = alert.evidence();
        if (evidence instanceof NewDevice device) {
            StringValue.writeString(device.deviceId(), out);
            StringValue.writeString(device.previousDeviceId(), out);
            out.writeLong(device.previousSeenMillis());
            out.writeInt(device.knownDevices());
        } else if (evidence instanceof LocaleHop hop) {
            StringValue.writeString(hop.locale(), out);
            StringValue.writeString(hop.previousLocale(), out);
            out.writeLong(hop.previousSeenMillis());
        } else if (evidence instanceof WatchedLocale watched) {
            StringValue.writeString(watched.locale(), out);
            StringValue.writeString(watched.previousLocale(), out);
        } else if (evidence instanceof OutdatedVersion outdated) {
            StringValue.writeString(outdated.appVersion(), out);
            StringValue.writeString(outdated.minimumVersion(), out);
        } else {
            Count count = (Count) evidence;
            out.writeLong(count.logins());
            out.writeLong(count.firstLoginMillis());
            out.writeLong(count.lastLoginMillis());
            StringLists.write(count.userIds(), out);
            out.writeInt(count.threshold());
            out.writeLong(count.withinMillis());
        }
    }

    @Override
    public Alert deserialize(DataInputView in) throws IOException {
        Signal signal = Signal.values()[in.readByte()];
        String subject = StringValue.readString(in);
        String userId = StringValue.readString(in);
        long eventTime = in.readLong();
        SourcePosition source = SourcePosition.readFrom(in);
        return new Alert(signal, subject, userId, eventTime, source, evidence(signal, in));
    }

    private static Evidence evidence(Signal signal, DataInputView in) throws IOException {
        return switch (signal) {
            case NEW_DEVICE ->
                new NewDevice(StringValue.readString(in), StringValue.readString(in), in.readLong(), in.readInt());
            case LOCALE_HOP -> new LocaleHop(StringValue.readString(in), StringValue.readString(in), in.readLong());
            case WATCHED_LOCALE -> new WatchedLocale(StringValue.readString(in), StringValue.readString(in));
            case OUTDATED_VERSION -> new OutdatedVersion(StringValue.readString(in), StringValue.readString(in));
            case BURST, SHARED_DEVICE, SHARED_IP -> {
                long logins = in.readLong();
                long first = in.readLong();
                long last = in.readLong();
                List<String> userIds = StringLists.read(in);
                yield new Count(logins, first, last, userIds, in.readInt(), in.readLong());
            }
        };
    }

    @Override
    public TypeSerializerSnapshot<Alert> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint or savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Alert> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
