package com.logininsights.kafka;

import com.logininsights.model.ParseResult;
import com.logininsights.time.PartitionProgress;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Flink's {@link KafkaSource}, unchanged in what it reads, how it checkpoints and how it assigns partitions, but with
 * readers that let a partition stop holding event time back only once the broker shows it read to its end (see
 * {@link ReadToEndReader}). Its splits and checkpoints are the Kafka source's own, so savepoints move freely between
 * the two.
 */
public final class ReadToEndSource
        implements Source<ParseResult, KafkaPartitionSplit, KafkaSourceEnumState>, ResultTypeQueryable<ParseResult> {
    private static final long serialVersionUID = 1L;
    private static final Duration LEAST_WATCH_INTERVAL = Duration.ofMillis(100);
    private static final Duration MOST_WATCH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration LEAST_BROKER_SILENCE = Duration.ofSeconds(2);

    private final KafkaSource<ParseResult> kafka;
    private final PartitionProgress.Rules rules;
    private final Properties watchConsumerProperties;
    private final Duration watchInterval;

    /**
     * @param consumerProperties the Kafka client settings the source itself uses (connection, security, group)
     */
    public ReadToEndSource(
            KafkaSource<ParseResult> kafka,
            Duration outOfOrderness,
            Duration idleness,
            Duration advanceAfterQuietOrNull,
            Properties consumerProperties) {
        this.kafka = kafka;
        this.watchInterval = watchInterval(idleness);
        this.rules = new PartitionProgress.Rules(
                outOfOrderness, idleness, advanceAfterQuietOrNull, maxBrokerSilence(watchInterval));
        this.watchConsumerProperties = consumerProperties;
    }

    /**
     * How often each reader asks the broker where its partitions end: a tenth of the idleness timeout, so that silence
     * is judged on many answers, between 100 ms and 1 s.
     */
    static Duration watchInterval(Duration idleness) {
        Duration tenth = idleness.dividedBy(10);
        if (tenth.compareTo(LEAST_WATCH_INTERVAL) < 0) {
            return LEAST_WATCH_INTERVAL;
        }
        return tenth.compareTo(MOST_WATCH_INTERVAL) > 0 ? MOST_WATCH_INTERVAL : tenth;
    }

    /**
     * How long the broker may go without answering before what it said no longer counts: three questions, and at
     * least 2 s. It stays under the default 5 s out-of-orderness, so that records a producer held back during a
     * shorter blip are still within the bound when they arrive.
     */
    static Duration maxBrokerSilence(Duration watchInterval) {
        Duration threeQuestions = watchInterval.multipliedBy(3);
        return threeQuestions.compareTo(LEAST_BROKER_SILENCE) < 0 ? LEAST_BROKER_SILENCE : threeQuestions;
    }

    @Override
    public Boundedness getBoundedness() {
        return kafka.getBoundedness();
    }

    @Override
    public SourceReader<ParseResult, KafkaPartitionSplit> createReader(SourceReaderContext context) throws Exception {
        String name = context.metricGroup().getAllVariables().getOrDefault("<task_name>", "source") + "-"
                + context.getIndexOfSubtask();
        Properties properties = EndOffsetWatch.consumerProperties(
                watchConsumerProperties,
                watchConsumerProperties.getProperty("group.id", "login-insights") + "-end-offset-watch-"
                        + context.getIndexOfSubtask());
        return new ReadToEndReader(kafka.createReader(context), rules, properties, watchInterval, name);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception {
        return kafka.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState checkpoint) throws Exception {
        return kafka.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return kafka.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return kafka.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<ParseResult> getProducedType() {
        return kafka.getProducedType();
    }
}
