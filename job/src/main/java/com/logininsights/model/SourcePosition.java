package com.logininsights.model;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Where a record was read from: enough to find it again in Kafka. */
public record SourcePosition(String topic, int partition, long offset, long kafkaTimestampMillis) {

    /** A stable, unique name for the record; the dead-letter and late-event keys use it. */
    public String id() {
        return topic + "/" + partition + "/" + offset;
    }

    /** For the serializers of the types that carry a position: its fields, in the order of the record. */
    public void writeTo(DataOutputView out) throws IOException {
        StringValue.writeString(topic, out);
        out.writeInt(partition);
        out.writeLong(offset);
        out.writeLong(kafkaTimestampMillis);
    }

    public static SourcePosition readFrom(DataInputView in) throws IOException {
        return new SourcePosition(StringValue.readString(in), in.readInt(), in.readLong(), in.readLong());
    }
}
