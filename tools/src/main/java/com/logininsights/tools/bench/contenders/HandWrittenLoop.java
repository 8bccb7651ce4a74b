package com.logininsights.tools.bench.contenders;

/**
 * What a careful user would write instead of Flink: a Kafka consumer loop that parses and validates each login
 * (streaming Jackson, the job's field rules in spirit), writes the enriched event keyed by user_id or a dead letter
 * with a reason, in transactions that carry the consumed offsets. No windows, no insights: that is the part Flink
 * brings, and this contender shows what the rest costs without it.
 *
 * <p>{@code --bootstrap-servers B --input T --processed T --dead-letters T --group-id G [--transactional]
 * [--bounded]}
 */
public final class HandWrittenLoop {
    private HandWrittenLoop() {}

    public static void main(String[] args) {
        LoopArgs flags = new LoopArgs(args);
        HandParser parser = new HandParser(
                flags.required("--processed"), flags.required("--dead-letters"), System::currentTimeMillis);
        System.exit(new TransformLoop(TransformLoop.settings(flags), parser::route).runInMain());
    }
}
