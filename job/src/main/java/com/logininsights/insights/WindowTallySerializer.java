package com.logininsights.insights;

import com.logininsights.types.FormatSnapshot;
import com.logininsights.types.SerializerTypeInfo;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes a {@link WindowTally} for checkpoints, savepoints and between operators. Without it Flink would fall back to
 * Kryo for the sketches, which the job forbids (pipeline.generic-types: false) because Kryo state cannot evolve.
 *
 * <p>The format has a version, kept in every savepoint by {@link Snapshot}, and a savepoint of an earlier format is
 * read and then rewritten in the current one:
 *
 * <ul>
 *   <li>{@value #FORMAT_BY_NAME}: each dimension under its name, so that a dimension added later is simply absent
 *       from older state, and strings of any length and any characters.
 *   <li>{@value #FORMAT_0_1}: release 0.1: the dimensions in the order they were declared, values as modified
 *       UTF-8 of at most 65,535 bytes.
 * </ul>
 */
public final class WindowTallySerializer extends TypeSerializer<WindowTally> {
    static final int FORMAT_0_1 = 3;
    static final int FORMAT_BY_NAME = 4;
    static final int CURRENT_FORMAT = FORMAT_BY_NAME;

    public static final WindowTallySerializer INSTANCE = new WindowTallySerializer(CURRENT_FORMAT);

    /** The dimensions release 0.1 knew, in the order it wrote them. */
    private static final Dimension[] DIMENSIONS_0_1 = {Dimension.DEVICE_TYPE, Dimension.LOCALE, Dimension.APP_VERSION};

    private static final Map<String, Dimension> BY_NAME = new HashMap<>();

    static {
        for (Dimension dimension : Dimension.values()) {
            BY_NAME.put(dimension.fieldName(), dimension);
        }
    }

    private final int format;

    private WindowTallySerializer(int format) {
        this.format = format;
    }

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
        if (format == FORMAT_0_1) {
            for (Dimension dimension : DIMENSIONS_0_1) {
                writeValues(tally.byDimension.get(dimension), out);
            }
            return;
        }
        out.writeInt(tally.byDimension.size());
        for (Map.Entry<Dimension, Map<String, ValueTally>> dimension : tally.byDimension.entrySet()) {
            StringValue.writeString(dimension.getKey().fieldName(), out);
            writeValues(dimension.getValue(), out);
        }
    }

    private void writeValues(Map<String, ValueTally> values, DataOutputView out) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, ValueTally> entry : values.entrySet()) {
            if (format == FORMAT_0_1) {
                out.writeUTF(entry.getKey());
            } else {
                StringValue.writeString(entry.getKey(), out);
            }
            out.writeLong(entry.getValue().logins);
            writeSketch(entry.getValue().users, out);
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
        if (format == FORMAT_0_1) {
            for (Dimension dimension : DIMENSIONS_0_1) {
                readValues(tally.byDimension.get(dimension), in);
            }
            return tally;
        }
        int dimensions = in.readInt();
        for (int i = 0; i < dimensions; i++) {
            Dimension dimension = BY_NAME.get(StringValue.readString(in));
            // A dimension this release does not know (state of a later one) is read and dropped.
            readValues(dimension == null ? new HashMap<>() : tally.byDimension.get(dimension), in);
        }
        return tally;
    }

    private void readValues(Map<String, ValueTally> values, DataInputView in) throws IOException {
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            String value = format == FORMAT_0_1 ? in.readUTF() : StringValue.readString(in);
            long logins = in.readLong();
            values.put(value, new ValueTally(logins, readSketch(in)));
        }
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
        return other instanceof WindowTallySerializer that && that.format == format;
    }

    @Override
    public int hashCode() {
        return 31 * WindowTallySerializer.class.hashCode() + format;
    }

    @Override
    public TypeSerializerSnapshot<WindowTally> snapshotConfiguration() {
        return new Snapshot(format);
    }

    /**
     * What a checkpoint or savepoint records about this serializer: the format of the state it wrote. Release 0.1
     * wrote a snapshot of the same name with no fields, as version {@value #FORMAT_0_1}, so its savepoints restore
     * here too.
     */
    public static final class Snapshot extends FormatSnapshot<WindowTally> {
        /** For Flink, which reads the format with {@link #readSnapshot}. */
        public Snapshot() {
            this(CURRENT_FORMAT);
        }

        Snapshot(int format) {
            super(
                    "window tally",
                    format,
                    CURRENT_FORMAT,
                    Map.of(FORMAT_0_1, new WindowTallySerializer(FORMAT_0_1), FORMAT_BY_NAME, INSTANCE));
        }
    }
}
