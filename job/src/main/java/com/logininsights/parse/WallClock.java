package com.logininsights.parse;

import java.io.Serializable;

/** The time now, in epoch milliseconds; tests pin it so that "in the future" is repeatable. */
@FunctionalInterface
public interface WallClock extends Serializable {
    long nowMillis();

    WallClock SYSTEM = System::currentTimeMillis;
}
