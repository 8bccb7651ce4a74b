package com.logininsights.output;

import java.io.Serializable;

/** Writes one value as a JSON object with the writer it is given, and returns the object's UTF-8 bytes. */
@FunctionalInterface
public interface JsonRenderer<T> extends Serializable {
    byte[] render(T value, JsonWriter json);
}
