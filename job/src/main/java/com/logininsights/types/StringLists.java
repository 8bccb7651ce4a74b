package com.logininsights.types;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** A list of strings in a hand-written serializer's format: its size, then each string as {@link StringValue}. */
public final class StringLists {
    private StringLists() {}

    public static void write(List<String> strings, DataOutputView out) throws IOException {
        out.writeInt(strings.size());
        for (String string : strings) {
            StringValue.writeString(string, out);
        }
    }

    public static List<String> read(DataInputView in) throws IOException {
        int size = in.readInt();
        List<String> strings = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            strings.add(StringValue.readString(in));
        }
        return strings;
    }
}
