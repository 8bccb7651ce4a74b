package com.logininsights.insights;

import com.logininsights.model.SourcePosition;

/**
 * A valid login that came after event time had passed it, so the signals about one of its subjects could not put it
 * in order and left it out. It is in the enriched stream as usual, and in the windows unless it is also a {@link
 * LateEvent}.
 *
 * @param subjectType the subject whose signals missed it: {@code user_id}, {@code device_id} or {@code ip}
 */
public record LateForSignals(String subjectType, String userId, long eventTimeMillis, SourcePosition source) {}
