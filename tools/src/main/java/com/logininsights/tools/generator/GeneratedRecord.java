package com.logininsights.tools.generator;

/** One Kafka record value as it will be sent, and what it was made to be. */
public record GeneratedRecord(RecordKind kind, byte[] value) {}
