package com.logininsights.tools.generator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the next {@code user-login} record: mostly upstream-shaped JSON, with the configured shares of records that
 * lack an optional field or are malformed. Pure and seeded: the same seed, start time and schedule give the same
 * bytes, so a failing pipeline run can be replayed record for record.
 */
public final class LoginRecordFactory {
    /** The field order of the upstream producer; records vary from it as the upstream ones do. */
    static final List<String> UPSTREAM_ORDER =
            List.of("user_id", "app_version", "device_type", "ip", "locale", "device_id", "timestamp");

    /** Upstream drops device_type far more often than anything else. */
    private static final WeightedChoice<String> MISSING_FIELDS = new WeightedChoice<String>()
            .add("device_type", 6)
            .add("app_version", 1)
            .add("ip", 1)
            .add("locale", 1)
            .add("device_id", 1);

    private static final double NULL_RATHER_THAN_ABSENT = 0.25;
    private static final double TIMESTAMP_AS_STRING = 0.5;

    private final SplittableRandom random;
    private final RecordMix mix;
    private final long startMillis;
    private final UserPool users;
    private final Malformations malformations;

    public LoginRecordFactory(long seed, Instant startTime, RecordMix mix) {
        this.random = new SplittableRandom(seed);
        this.mix = mix;
        this.startMillis = startTime.toEpochMilli();
        this.users = new UserPool(mix.userPoolSize(), random, mix.background());
        this.malformations = new Malformations(random, users);
    }

    /**
     * @param millisSinceStart the record's place in the send schedule; its event time is the start time plus this,
     *     minus a random jitter, so event times trail the schedule and arrive out of order
     */
    public GeneratedRecord next(long millisSinceStart) {
        long eventSeconds = Math.floorDiv(startMillis + millisSinceStart - jitterMillis(), 1000);
        List<Field> fields = inVariedOrder(validFields(eventSeconds));
        if (random.nextDouble() < mix.badShare()) {
            List<RecordKind> kinds = RecordKind.malformations();
            return malformations.make(kinds.get(random.nextInt(kinds.size())), fields, eventSeconds);
        }
        if (random.nextDouble() < mix.missingShare()) {
            return new GeneratedRecord(RecordKind.VALID_MISSING_FIELD, JsonObjectWriter.write(withoutOneField(fields)));
        }
        return new GeneratedRecord(RecordKind.VALID, JsonObjectWriter.write(fields));
    }

    private long jitterMillis() {
        long most = mix.jitter().toMillis();
        return most == 0 ? 0 : random.nextLong(most + 1);
    }

    private List<Field> validFields(long eventSeconds) {
        UserPool.LoginUser user = users.next();
        Object timestamp = random.nextDouble() < TIMESTAMP_AS_STRING ? String.valueOf(eventSeconds) : eventSeconds;
        List<Field> fields = new ArrayList<>(8);
        fields.add(new Field("user_id", user.userId()));
        fields.add(new Field("app_version", user.appVersion()));
        fields.add(new Field("device_type", user.deviceType()));
        fields.add(new Field("ip", UpstreamValues.ipv4(random)));
        fields.add(new Field("locale", user.locale()));
        fields.add(new Field("device_id", user.deviceId()));
        fields.add(new Field("timestamp", timestamp));
        return fields;
    }

    /** Half in upstream order, a quarter with device_type moved last (as in a published sample), a quarter shuffled. */
    private List<Field> inVariedOrder(List<Field> fields) {
        double draw = random.nextDouble();
        if (draw < 0.5) {
            return fields;
        }
        if (draw < 0.75) {
            Field deviceType = fields.remove(UPSTREAM_ORDER.indexOf("device_type"));
            fields.add(deviceType);
            return fields;
        }
        for (int i = fields.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            fields.set(i, fields.set(j, fields.get(i)));
        }
        return fields;
    }

    private List<Field> withoutOneField(List<Field> fields) {
        String missing = MISSING_FIELDS.pick(random);
        boolean asNull = random.nextDouble() < NULL_RATHER_THAN_ABSENT;
        List<Field> result = new ArrayList<>(fields.size());
        for (Field field : fields) {
            if (!field.name().equals(missing)) {
                result.add(field);
            } else if (asNull) {
                result.add(new Field(missing, null));
            }
        }
        return result;
    }
}
