package com.logininsights.testing;

import com.logininsights.model.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A raw input record and the outcome the job owes it: accepted, or rejected with a given reason. {@link #all()}
 * holds at least one of every reason and of every normalisation.
 */
public record Sample(String name, byte[] value, RejectReason expectedReason) {
    /** An event time safely in the past and far from window edges: 2023-09-12T00:45:51Z. */
    public static final long EVENT_SECONDS = 1694479551L;

    public boolean valid() {
        return expectedReason == null;
    }

    @Override
    public String toString() {
        return name;
    }

    static Sample valid(String name, String json) {
        return new Sample(name, json.getBytes(StandardCharsets.UTF_8), null);
    }

    static Sample rejected(String name, String json, RejectReason reason) {
        return new Sample(name, json.getBytes(StandardCharsets.UTF_8), reason);
    }

    public static String login(String userId, long timestampSeconds) {
        return "{\"user_id\": \"" + userId + "\", \"app_version\": \"2.3.0\", \"device_type\": \"android\", "
                + "\"ip\": \"199.172.111.135\", \"locale\": \"RU\", \"device_id\": \"593-47-5928\", "
                + "\"timestamp\": " + timestampSeconds + "}";
    }

    public static List<Sample> all() {
        List<Sample> samples = new ArrayList<>();
        samples.add(valid(
                "assignment example, numeric timestamp", login("424cdd21-063a-43a7-b91b-7ca1a833afae", EVENT_SECONDS)));
        samples.add(valid(
                "timestamp as a numeric string",
                "{\"user_id\": \"u-1\", \"app_version\": \"2.3.0\","
                        + " \"device_type\": \"iOS\", \"ip\": \"1.2.3.4\", \"locale\": \"TX\", \"device_id\": \"d\","
                        + " \"timestamp\": \"" + EVENT_SECONDS + "\"}"));
        samples.add(valid(
                "missing device_type",
                "{\"user_id\": \"u-2\", \"app_version\": \"2.3.0\","
                        + " \"ip\": \"1.2.3.4\", \"locale\": \"VA\", \"device_id\": \"d\", \"timestamp\": "
                        + EVENT_SECONDS
                        + "}"));
        samples.add(valid("only the required fields", "{\"user_id\": \"u-3\", \"timestamp\": " + EVENT_SECONDS + "}"));
        samples.add(valid(
                "blank and null optional fields count as missing",
                "{\"user_id\": \"u-4\"," + " \"device_type\": \"  \", \"locale\": null, \"timestamp\": " + EVENT_SECONDS
                        + "}"));
        samples.add(valid(
                "padding and mixed case are normalised",
                "{\"user_id\": \"  u-5  \","
                        + " \"device_type\": \" IOS \", \"locale\": \" ru \", \"app_version\": \" 2.3.0 \","
                        + " \"timestamp\": \" " + EVENT_SECONDS + " \"}"));
        samples.add(valid(
                "timestamp in milliseconds", "{\"user_id\": \"u-6\", \"timestamp\": " + EVENT_SECONDS * 1000 + "}"));
        samples.add(valid("fractional seconds", "{\"user_id\": \"u-7\", \"timestamp\": " + EVENT_SECONDS + ".25}"));
        samples.add(valid(
                "unknown fields are dropped",
                "{\"user_id\": \"u-8\", \"extra\": {\"a\": [1, 2]}," + " \"timestamp\": " + EVENT_SECONDS + "}"));
        samples.add(valid(
                "non-ASCII text",
                "{\"user_id\": \"usér-ü\", \"locale\": \"ñu\", \"timestamp\": " + EVENT_SECONDS + "}"));

        samples.add(new Sample("no bytes at all", new byte[0], RejectReason.EMPTY));
        samples.add(rejected("only white space", "  \n\t ", RejectReason.EMPTY));
        samples.add(new Sample("a quarter megabyte", padded(256 * 1024), RejectReason.TOO_LARGE));
        samples.add(new Sample(
                "invalid UTF-8",
                withBytes(
                        "{\"user_id\": \"u-",
                        new byte[] {(byte) 0xC3, 0x28},
                        "\", \"timestamp\": " + EVENT_SECONDS + "}"),
                RejectReason.NOT_UTF8));
        samples.add(rejected("key=value text", "user_id=abc,timestamp=1", RejectReason.NOT_JSON));
        samples.add(rejected("truncated JSON", "{\"user_id\": \"u-9\", \"timestamp\": 16944", RejectReason.NOT_JSON));
        samples.add(rejected("trailing garbage", login("u-10", EVENT_SECONDS) + " xyz", RejectReason.NOT_JSON));
        samples.add(rejected(
                "two objects", login("u-11", EVENT_SECONDS) + login("u-11", EVENT_SECONDS), RejectReason.NOT_JSON));
        samples.add(rejected("JSON null", "null", RejectReason.NOT_OBJECT));
        samples.add(rejected("JSON array", "[1, 2]", RejectReason.NOT_OBJECT));
        samples.add(rejected("JSON string", "\"hello\"", RejectReason.NOT_OBJECT));
        samples.add(rejected("JSON number", "42", RejectReason.NOT_OBJECT));
        samples.add(rejected(
                "duplicate user_id",
                "{\"user_id\": \"a\", \"user_id\": \"b\", \"timestamp\": " + EVENT_SECONDS + "}",
                RejectReason.DUPLICATE_FIELD));
        samples.add(rejected("user_id absent", "{\"timestamp\": " + EVENT_SECONDS + "}", RejectReason.MISSING_USER_ID));
        samples.add(rejected(
                "user_id null",
                "{\"user_id\": null, \"timestamp\": " + EVENT_SECONDS + "}",
                RejectReason.MISSING_USER_ID));
        samples.add(rejected(
                "user_id empty",
                "{\"user_id\": \"\", \"timestamp\": " + EVENT_SECONDS + "}",
                RejectReason.MISSING_USER_ID));
        samples.add(rejected("timestamp absent", "{\"user_id\": \"u-12\"}", RejectReason.MISSING_TIMESTAMP));
        samples.add(rejected(
                "timestamp null", "{\"user_id\": \"u-13\", \"timestamp\": null}", RejectReason.MISSING_TIMESTAMP));
        samples.add(rejected(
                "user_id a number",
                "{\"user_id\": 42, \"timestamp\": " + EVENT_SECONDS + "}",
                RejectReason.WRONG_TYPE));
        samples.add(rejected(
                "timestamp a boolean", "{\"user_id\": \"u-14\", \"timestamp\": true}", RejectReason.WRONG_TYPE));
        samples.add(rejected(
                "locale a number",
                "{\"user_id\": \"u-15\", \"locale\": 7, \"timestamp\": " + EVENT_SECONDS + "}",
                RejectReason.WRONG_TYPE));
        samples.add(rejected(
                "device_type an object",
                "{\"user_id\": \"u-16\", \"device_type\": {}," + " \"timestamp\": " + EVENT_SECONDS + "}",
                RejectReason.WRONG_TYPE));
        samples.add(rejected(
                "timestamp a word",
                "{\"user_id\": \"u-17\", \"timestamp\": \"yesterday\"}",
                RejectReason.BAD_TIMESTAMP));
        samples.add(rejected(
                "timestamp negative", "{\"user_id\": \"u-18\", \"timestamp\": -5}", RejectReason.BAD_TIMESTAMP));
        samples.add(
                rejected("timestamp zero", "{\"user_id\": \"u-19\", \"timestamp\": 0}", RejectReason.BAD_TIMESTAMP));
        samples.add(rejected(
                "timestamp an empty string",
                "{\"user_id\": \"u-20\", \"timestamp\": \"\"}",
                RejectReason.BAD_TIMESTAMP));
        samples.add(rejected(
                "timestamp beyond a long",
                "{\"user_id\": \"u-21\", \"timestamp\": " + "123456789012345678901234567890}",
                RejectReason.BAD_TIMESTAMP));
        samples.add(rejected(
                "timestamp in 2100",
                "{\"user_id\": \"u-22\", \"timestamp\": 4102444800}",
                RejectReason.TIMESTAMP_IN_FUTURE));
        samples.add(rejected(
                "timestamp in 2100, in milliseconds",
                "{\"user_id\": \"u-23\", \"timestamp\": " + "4102444800000}",
                RejectReason.TIMESTAMP_IN_FUTURE));
        return samples;
    }

    private static byte[] padded(int size) {
        String head = "{\"user_id\": \"u-big\", \"timestamp\": " + EVENT_SECONDS + ", \"padding\": \"";
        char[] padding = new char[size - head.length() - 2];
        Arrays.fill(padding, 'x');
        return (head + new String(padding) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withBytes(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }
}
