package com.logininsights.tools.generator;

/**
 * One name/value pair of a record, in the order it will be written. The value is a String, a Number, a Boolean,
 * null, a List or a Map: whatever {@link JsonObjectWriter} can write, including the wrong types we mean to send.
 */
record Field(String name, Object value) {}
