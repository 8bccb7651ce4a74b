package com.logininsights.insights;

import com.logininsights.types.SerializerTypeInfo;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Named by {@link WindowTally}'s {@code @TypeInfo} annotation, so that Flink uses {@link WindowTallySerializer}. */
public final class WindowTallyTypeInfo extends TypeInfoFactory<WindowTally> {
    @Override
    public TypeInformation<WindowTally> createTypeInfo(Type type, Map<String, TypeInformation<?>> generics) {
        return new SerializerTypeInfo<>(WindowTally.class, WindowTallySerializer.INSTANCE);
    }
}
