package com.logininsights.insights;

import com.logininsights.types.SerializerTypeInfo;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link WindowTally} for checkpoints and between operators. Without it Flink would fall back to Kryo for
 * the sketches, which the job forbids (pipeline.generic-types: false) because Kryo state cannot evolve.
 */
public final class WindowTallySerializer extends TypeSerializer<WindowTally> {
    public static final WindowTallySerializer INSTANCE = new WindowTallySerializer();

    /** Named by {@link WindowTally}'s {@code @TypeInfo} annotation. */
    public static final class TypeInfo extends TypeInfoFactory<WindowTally> {
        @Override
        public TypeInformation<WindowTally> createTypeInfo(Type type, Map<String, TypeInformation<?>> generics) {
            return new SerializerTypeInfo<>(WindowTally.class, INSTANCE);
        }
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<WindowTally> duplicate() {
        return this; // stateless
    }

    @Override
    public WindowTally createInstance() {
        return new WindowTally();
    }

    @Override
    public WindowTally copy(WindowTally from) {
        return from.copy();
    }

    @Override
    public WindowTally copy(WindowTally from, WindowTally reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(WindowTally tally, DataOutputView out) throws IOException {
        out.writeLong(tally.windowStartMillis);
        out.writeLong(tally.windowEndMillis);
        out.writeInt(tally.spread);
        out.writeLong(tally.logins);
        out.writeLong(tally.recordsWithMissingFields);
        writeSketch(tally.users, out);
        for (Dimension dimension : Dimension.values()) {
            Map<String, ValueTally> values = tally.byDimension.get(dimension);
            out.writeInt(values.size());
            for (Map.Entry<String, ValueTally> entry : values.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeLong(entry.getValue().logins);
                writeSketch(entry.getValue().users, out);
            }
        }
    }

    @Override
    public WindowTally deserialize(DataInputView in) throws IOException {
        WindowTally tally = new WindowTally();
        tally.windowStartMillis = in.readLong();
        tally.windowEndMillis = in.readLong();
        tally.spread = in.readInt();
        tally.logins = in.readLong();
        tally.recordsWithMissingFields = in.readLong();
        tally.users = readSketch(in);
        for (Dimension dimension : Dimension.values()) {
            Map<String, ValueTally> values = tally.byDimension.get(dimension);
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                String value = in.readUTF();
                long logins = in.readLong();
                values.put(value, new ValueTally(logins, readSketch(in)));
            }
        }
        return tally;
    }

    @Override
    public WindowTally deserialize(WindowTally reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    private static void writeSketch(DistinctUsers users, DataOutputView out) throws IOException {
        byte[] bytes = users.toBytes();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static DistinctUsers readSketch(DataInputView in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return DistinctUsers.fromBytes(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WindowTallySerializer;
    }

    @Override
    public int hashCode() {
        return WindowTallySerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<WindowTally> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint or savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowTally> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
