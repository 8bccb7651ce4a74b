package com.logininsights.insights;

import com.logininsights.model.LoginEvent;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Phase one: adds each login to its spread bucket's tally as it arrives, so a window keeps no events. */
public final class TallyLogins implements AggregateFunction<LoginEvent, WindowTally, WindowTally> {
    private final DimensionLimits limits;

    public TallyLogins(DimensionLimits limits) {
        this.limits = limits;
    }

    @Override
    public WindowTally createAccumulator() {
        return new WindowTally();
    }

    @Override
    public WindowTally add(LoginEvent event, WindowTally tally) {
        tally.add(event, limits);
        return tally;
    }

    @Override
    public WindowTally getResult(WindowTally tally) {
        return tally;
    }

    @Override
    public WindowTally merge(WindowTally a, WindowTally b) {
        a.addAll(b, limits);
        return a;
    }
}
