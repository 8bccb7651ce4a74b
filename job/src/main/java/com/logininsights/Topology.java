package com.logininsights;

import com.logininsights.config.JobConfig;
import com.logininsights.insights.DimensionLimits;
import com.logininsights.insights.Insight;
import com.logininsights.insights.LateEventsToInsights;
import com.logininsights.insights.LateForSignals;
import com.logininsights.insights.MergeTalliesIntoInsights;
import com.logininsights.insights.Spread;
import com.logininsights.insights.StampTallyWithWindow;
import com.logininsights.insights.TallyLogins;
import com.logininsights.insights.WindowTally;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.ParseResult;
import com.logininsights.route.SplitValidFromRejected;
import com.logininsights.signals.Alert;
import com.logininsights.signals.EvaluateSignals;
import com.logininsights.signals.Sighting;
import com.logininsights.signals.SightingsOfLogin;
import com.logininsights.signals.SignalRules;
import com.logininsights.time.AcceptedEventWatermarks;
import com.logininsights.time.EndOfEventTimeReachesDownstream;
import com.logininsights.time.NeverIdleDownstream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The whole job on one page. It takes its source and sinks as arguments, so that tests can hand it their own.
 *
 * <pre>
 *  Kafka source (parse at the source; watermarks per partition from accepted events only; a partition stops
 *                holding event time back only once the broker shows it read to its end)
 *    └─ end of event time reaches downstream (also when the source is idle at the end)
 *    └─ split valid from rejected ──side output──► dead-letter sink
 *         ├─────────────────────────────────────► enriched-event sink
 *         ├─ tally per spread bucket, per window ──late──► count late events ─┐
 *         │    └─ merge the buckets into insights ───────────────────────────┼► insight sink
 *         └─ sightings per subject (user, device, ip)                         │
 *              └─ evaluate the signals per subject, in event time ──late──────┘
 *                   └──────────────────────────────────────────────────────────► alert sink
 * </pre>
 *
 * Each operator has a human name for the web UI and a stable uid, so that savepoints survive changes to the job.
 */
public final class Topology {

    /** Where the job writes. */
    public record Sinks(
            Sink<LoginEvent> enriched, Sink<DeadLetter> deadLetters, Sink<Insight> insights, Sink<Alert> alerts) {}

    private static final OutputTag<LoginEvent> LATE_EVENTS = new OutputTag<>("late-events") {};

    private Topology() {}

    public static void build(
            StreamExecutionEnvironment env, JobConfig config, Source<ParseResult, ?, ?> source, Sinks sinks) {
        DataStream<ParseResult> records = env.fromSource(
                        source,
                        AcceptedEventWatermarks.strategy(config.outOfOrderness()),
                        "Kafka source: " + config.inputTopic(),
                        TypeInformation.of(ParseResult.class))
                .uid("kafka-source");

        SingleOutputStreamOperator<LoginEvent> events = records.transform(
                        "End of event time reaches downstream",
                        records.getType(),
                        new EndOfEventTimeReachesDownstream<>())
                .uid("end-of-event-time-reaches-downstream")
                .process(new SplitValidFromRejected())
                .name("Split valid from rejected")
                .uid("split-valid-from-rejected");

        events.getSideOutput(SplitValidFromRejected.DEAD_LETTERS)
                .sinkTo(sinks.deadLetters())
                .name("Kafka sink: dead letters")
                .uid("sink-dead-letters");

        events.sinkTo(sinks.enriched()).name("Kafka sink: enriched events").uid("sink-enriched-events");

        DimensionLimits limits = DimensionLimits.perWindow(config.maxValuesPerDimension());
        TumblingEventTimeWindows windows = TumblingEventTimeWindows.of(config.window());
        SingleOutputStreamOperator<WindowTally> tallies = events.keyBy(
                        event -> Spread.bucketOf(event.userId()), TypeInformation.of(Integer.class))
                .window(windows)
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE_EVENTS)
                .aggregate(new TallyLogins(limits), new StampTallyWithWindow())
                .name("Tally logins per window and spread bucket")
                .uid("tally-logins");

        DataStream<Insight> windowInsights = tallies.transform(
                        "Wait for every tally (never idle downstream)", tallies.getType(), new NeverIdleDownstream<>())
                .uid("tallies-never-idle-downstream")
                .windowAll(windows)
                .allowedLateness(config.allowedLateness())
                .process(new MergeTalliesIntoInsights(limits))
                .name("Merge buckets into window insights")
                .uid("merge-window-insights");

        DataStream<Insight> lateEvents = tallies.getSideOutput(LATE_EVENTS)
                .map(new LateEventsToInsights(windows))
                .name("Count late events")
                .uid("count-late-events");

        // Always in the job, also with every signal off (then no login reaches it), so that a savepoint restores
        // whichever signals are switched on or off.
        SignalRules rules = SignalRules.of(config);
        SingleOutputStreamOperator<Alert> alerts = events.flatMap(new SightingsOfLogin(rules))
                .name("Sightings per subject")
                .uid("sightings-per-subject")
                .keyBy(Sighting::key, Types.STRING)
                .process(new EvaluateSignals(rules, config.allowedLateness()))
                .name("Evaluate signals per subject in event time")
                .uid("evaluate-signals");
        alerts.sinkTo(sinks.alerts()).name("Kafka sink: alerts").uid("sink-alerts");

        DataStream<Insight> lateForSignals = alerts.getSideOutput(EvaluateSignals.LATE)
                .map(late -> Insight.of(new LateForSignals(
                        late.subject().fieldName(), late.userId(), late.timeMillis(), late.source())))
                .returns(Insight.class)
                .name("Logins too late for the signals")
                .uid("late-for-signals");

        windowInsights
                .union(lateEvents, lateForSignals)
                .sinkTo(sinks.insights())
                .name("Kafka sink: insights")
                .uid("sink-insights");
    }
}
