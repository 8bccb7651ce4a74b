package com.logininsights.testing;

import com.logininsights.model.ParseResult;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The job's own deserializer, with a fault a test can arm: the next record after {@link #arm()} throws once, as a
 * crashing operator would, and the job must recover from its last checkpoint. The switch is static because the
 * MiniCluster runs the job in the test's JVM on copies of this object.
 */
public final class FailOnceDeserializer implements KafkaRecordDeserializationSchema<ParseResult> {
    private static final AtomicBoolean ARMED = new AtomicBoolean();
    private final KafkaRecordDeserializationSchema<ParseResult> real;

    public FailOnceDeserializer(KafkaRecordDeserializationSchema<ParseResult> real) {
        this.real = real;
    }

    public static void arm() {
        ARMED.set(true);
    }

    public static boolean fired() {
        return !ARMED.get();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParseResult> out) throws IOException {
        if (ARMED.compareAndSet(true, false)) {
            throw new IllegalStateException("failure injected by the test at " + record.topic() + "/"
                    + record.partition() + "/" + record.offset());
        }
        real.deserialize(record, out);
    }

    @Override
    public TypeInformation<ParseResult> getProducedType() {
        return real.getProducedType();
    }
}
