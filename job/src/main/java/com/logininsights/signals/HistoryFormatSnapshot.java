package com.logininsights.signals;

import java.io.IOException;
import java.util.function.IntFunction;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint or savepoint records about a subject's state: the format its serializer wrote. State of an earlier
 * format is read in that format, then written in the current one (Flink migrates it when the operator registers the
 * state).
 *
 * <ul>
 *   <li>{@value #WITH_WAITING}: the waiting logins inside the history, right after the wake-up.
 *   <li>{@value #WITHOUT_WAITING}: main at ca894a4, the first build with the signals, whose waiting logins were a list
 *       state of their own. Its snapshots were Flink's {@code SimpleTypeSerializerSnapshot}, which writes version 3
 *       and no fields, under the same class names, so they restore here.
 * </ul>
 */
abstract class HistoryFormatSnapshot<H extends History> implements TypeSerializerSnapshot<H> {
    static final int WITHOUT_WAITING = 3;
    static final int WITH_WAITING = 4;
    static final int CURRENT = WITH_WAITING;

    private final IntFunction<TypeSerializer<H>> serializerOfFormat;
    private int format = CURRENT;

    HistoryFormatSnapshot(IntFunction<TypeSerializer<H>> serializerOfFormat) {
        this.serializerOfFormat = serializerOfFormat;
    }

    @Override
    public int getCurrentVersion() {
        return CURRENT;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {
        // The version Flink writes before this says everything.
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        if (readVersion != WITHOUT_WAITING && readVersion != WITH_WAITING) {
            throw new IOException("signals state of format " + readVersion + " is not one this build reads ("
                    + WITHOUT_WAITING + " or " + WITH_WAITING + "); was it written by a later build?");
        }
        format = readVersion;
    }

    @Override
    public TypeSerializer<H> restoreSerializer() {
        return serializerOfFormat.apply(format);
    }

    @Override
    public TypeSerializerSchemaCompatibility<H> resolveSchemaCompatibility(TypeSerializerSnapshot<H> oldSnapshot) {
        if (oldSnapshot.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        return ((HistoryFormatSnapshot<H>) oldSnapshot).format == format
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
}
