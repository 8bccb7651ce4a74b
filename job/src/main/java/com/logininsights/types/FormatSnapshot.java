package com.logininsights.types;

import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint or savepoint records about a hand-written serializer whose format has changed: the format of the
 * state it wrote, as the snapshot's version, and nothing else. State of an earlier format restores with a serializer
 * that reads that format; Flink then migrates it to the current one when the operator registers the state. The
 * subclasses are the serializers' nested {@code Snapshot} classes, whose names are in every savepoint.
 */
public abstract class FormatSnapshot<T> implements TypeSerializerSnapshot<T> {
    private final String stateName;
    private final int currentFormat;
    private final Map<Integer, TypeSerializer<T>> readerOfFormat;
    private int format;

    /**
     * @param format the format of the state this snapshot is about, until {@link #readSnapshot} says otherwise
     * @param readerOfFormat a serializer for each format this build reads, the current one included
     */
    protected FormatSnapshot(
            String stateName, int format, int currentFormat, Map<Integer, TypeSerializer<T>> readerOfFormat) {
        this.stateName = stateName;
        this.format = format;
        this.currentFormat = currentFormat;
        this.readerOfFormat = readerOfFormat;
    }

    @Override
    public int getCurrentVersion() {
        return currentFormat;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {
        // The version Flink writes before this says everything.
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        if (!readerOfFormat.containsKey(readVersion)) {
            throw new IOException(stateName + " state of format " + readVersion + " is not one this build reads ("
                    + String.join(
                            " or ",
                            new TreeSet<>(readerOfFormat.keySet())
                                    .stream().map(String::valueOf).toList())
                    + "); was it written by a later build?");
        }
        format = readVersion;
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return readerOfFormat.get(format);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        return ((FormatSnapshot<T>) oldSnapshot).format == format
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
}
