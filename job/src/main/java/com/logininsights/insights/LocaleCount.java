package com.logininsights.insights;

/** One of a window's top locales. */
public record LocaleCount(String locale, long logins, long distinctUsers) {}
