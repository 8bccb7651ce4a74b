package com.logininsights.insights;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Tells Flink to use {@link WindowTallySerializer} wherever a {@link WindowTally} travels or is stored. */
public final class WindowTallyTypeInfo extends TypeInformation<WindowTally> {

    /** Picked up through the {@code @TypeInfo} annotation on {@link WindowTally}. */
    public static final class Factory extends TypeInfoFactory<WindowTally> {
        @Override
        public TypeInformation<WindowTally> createTypeInfo(Type type, Map<String, TypeInformation<?>> generics) {
            return new WindowTallyTypeInfo();
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<WindowTally> getTypeClass() {
        return WindowTally.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<WindowTally> createSerializer(SerializerConfig config) {
        return WindowTallySerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "WindowTally";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WindowTallyTypeInfo;
    }

    @Override
    public int hashCode() {
        return WindowTallyTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof WindowTallyTypeInfo;
    }
}
