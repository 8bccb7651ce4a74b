package com.logininsights.types;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A serializer of a mutable state type. The heap state backend copies a value before handing it out while a snapshot
 * of it is being written, so that an operator can change it in place: that copy must be deep, and is made here by
 * writing the value and reading it back.
 */
public abstract class MutableSerializer<T> extends HandWrittenSerializer<T> {

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(128);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
