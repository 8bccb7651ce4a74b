package com.logininsights.testing;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * A window operator exactly as the DataStream API builds it (assigner, trigger, allowed lateness, late side output
 * and our functions), run in Flink's keyed operator test harness: elements, watermarks and firings one at a time,
 * with the operator's real state.
 */
public final class WindowHarness {
    private WindowHarness() {}

    /** An environment to declare a window stage in; it never runs. */
    public static StreamExecutionEnvironment declaring() {
        return StreamExecutionEnvironment.getExecutionEnvironment();
    }

    /** The harness of the keyed operator that made {@code windowed}; the caller opens and closes it. */
    @SuppressWarnings("unchecked")
    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> of(DataStream<OUT> windowed)
            throws Exception {
        OneInputTransformation<IN, OUT> transformation = (OneInputTransformation<IN, OUT>) windowed.getTransformation();
        return new KeyedOneInputStreamOperatorTestHarness<>(
                transformation.getOperatorFactory(),
                (KeySelector<IN, K>) transformation.getStateKeySelector(),
                (TypeInformation<K>) transformation.getStateKeyType());
    }
}
