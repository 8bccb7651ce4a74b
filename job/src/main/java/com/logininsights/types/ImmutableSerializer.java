package com.logininsights.types;

/** A serializer of an immutable type: a value is its own copy. */
public abstract class ImmutableSerializer<T> extends HandWrittenSerializer<T> {

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final T copy(T from) {
        return from;
    }
}
