package com.logininsights.tools.bench.contenders;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The ceiling: copies the input topic to an output topic with plain kafka-clients, record for record, with the same
 * partition, key and value and no parsing. Nothing that reads and writes these topics can be faster by much.
 *
 * <p>{@code --bootstrap-servers B --input T --output T --group-id G [--transactional] [--bounded]}
 */
public final class CeilingCopy {
    private CeilingCopy() {}

    public static void main(String[] args) {
        LoopArgs flags = new LoopArgs(args);
        String output = flags.required("--output");
        TransformLoop loop = new TransformLoop(
                TransformLoop.settings(flags),
                record -> new ProducerRecord<>(output, record.partition(), record.key(), record.value()));
        System.exit(loop.runInMain());
    }
}
