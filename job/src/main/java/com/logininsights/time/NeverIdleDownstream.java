package com.logininsights.time;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Forwards records and watermarks, but never tells the operator downstream that this stream went idle.
 *
 * <p>It stands between the two phases of the window aggregation. Every subtask of phase one reads every source
 * subtask, so all of them go idle together when the input pauses, and all of them resume together. Flink's
 * combined watermark ignores an idle input and lets an input that resumes rejoin only once it catches up. So when
 * traffic resumes after a pause, phase two can take its watermark from the one phase-one subtask whose resumed
 * watermark arrived first, while another one's tally for the window just closed is still on its way; that tally
 * is then late, and a window operator drops it without a trace. With no idleness announced, phase two waits for
 * the watermark of every phase-one subtask, and each of them sends its tallies before the watermark that closed
 * them. A paused phase one then holds phase two back, which costs nothing: it has nothing to say either.
 */
public final class NeverIdleDownstream<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        // Deliberately not forwarded; see the class comment.
    }
}
