package com.logininsights.kafka;

import com.logininsights.model.ParseResult;
import com.logininsights.model.SourcePosition;
import com.logininsights.parse.LoginRecordParser;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses each Kafka record at the source, so that the watermark can be taken from the event's own timestamp per
 * partition. Every record yields exactly one result, accepted or rejected.
 */
public final class LoginRecordDeserializer implements KafkaRecordDeserializationSchema<ParseResult> {
    private final LoginRecordParser parser;

    public LoginRecordDeserializer(LoginRecordParser parser) {
        this.parser = parser;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParseResult> out) {
        SourcePosition source =
                new SourcePosition(record.topic(), record.partition(), record.offset(), record.timestamp());
        out.collect(parser.parse(record.value(), record.key(), source));
    }

    @Override
    public TypeInformation<ParseResult> getProducedType() {
        return TypeInformation.of(ParseResult.class);
    }
}
