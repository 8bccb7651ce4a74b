package com.logininsights.insights;

import com.logininsights.model.LoginEvent;

/** A valid event that came after its window had closed: it is in no window's figures, and says which it missed. */
public record LateEvent(LoginEvent event, long windowStartMillis, long windowEndMillis) {}
