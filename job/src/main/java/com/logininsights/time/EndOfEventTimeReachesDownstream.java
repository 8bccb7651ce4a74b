package com.logininsights.time;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes everything on, and makes sure the end of event time reaches the windows downstream.
 *
 * <p>When the input ends (a bounded run) or the job is stopped with {@code --drain}, the source sends the largest
 * watermark so that every window still open fires. But Flink drops a watermark that a source sends while it is
 * idle, and a source whose partitions have all gone quiet is idle: the last windows would never be written, and a
 * drained job would lose them. Chained right after the source, this operator notes whether the source is idle, and
 * at the end of the input announces it active again and sends the end of event time itself.
 */
public final class EndOfEventTimeReachesDownstream<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T>, BoundedOneInput {
    private boolean idle;

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        idle = status.isIdle();
        super.processWatermarkStatus(status);
    }

    @Override
    public void endInput() {
        if (idle) {
            idle = false;
            output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
            output.emitWatermark(Watermark.MAX_WATERMARK);
        }
    }
}
