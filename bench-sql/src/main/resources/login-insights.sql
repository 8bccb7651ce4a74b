-- login-insights as a Flink user would write it in SQL: the same input, every accepted login written out, and per
-- 1-minute window the logins and distinct users per device type and per locale, to Kafka exactly once.
-- ${...} are filled in from FlinkSqlPeer's flags.

CREATE TABLE raw_logins (
    user_id     STRING,
    app_version STRING,
    device_type STRING,
    ip          STRING,
    locale      STRING,
    device_id   STRING,
    `timestamp` STRING, -- epoch seconds, as a number or as a numeric string
    -- No usable time (not a positive number, or more than a minute ahead of the clock): NULL, which cannot move
    -- the watermark.
    event_time AS CASE
        WHEN TRY_CAST(`timestamp` AS DOUBLE) > 0 AND TRY_CAST(`timestamp` AS DOUBLE) <= UNIX_TIMESTAMP() + 60
        THEN TO_TIMESTAMP_LTZ(CAST(TRY_CAST(`timestamp` AS DOUBLE) * 1000 AS BIGINT), 3)
    END,
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = '${input.topic}',
    'properties.bootstrap.servers' = '${bootstrap.servers}',
    'properties.group.id' = '${group.id}',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true' -- a record that is not JSON, or not an object, is skipped without a word
);

CREATE VIEW logins AS
SELECT
    TRIM(user_id) AS user_id,
    NULLIF(TRIM(app_version), '') AS app_version,
    NULLIF(LOWER(TRIM(device_type)), '') AS device_type,
    NULLIF(TRIM(ip), '') AS ip,
    NULLIF(UPPER(TRIM(locale)), '') AS locale,
    NULLIF(TRIM(device_id), '') AS device_id,
    event_time
FROM raw_logins
WHERE event_time IS NOT NULL AND TRIM(user_id) <> '';

CREATE VIEW windowed_logins AS
SELECT window_start, window_end, user_id,
    COALESCE(device_type, 'unknown') AS device_type,
    COALESCE(locale, 'unknown') AS locale
FROM TABLE(TUMBLE(TABLE logins, DESCRIPTOR(event_time), INTERVAL '1' MINUTE));

-- The sinks' producers batch as every other contender's do: linger 10 ms, 128 KiB batches, lz4.
CREATE TABLE enriched_logins (
    user_id     STRING,
    app_version STRING,
    device_type STRING,
    ip          STRING,
    locale      STRING,
    device_id   STRING,
    event_time  TIMESTAMP_LTZ(3)
) WITH (
    'connector' = 'kafka',
    'topic' = '${processed.topic}',
    'properties.bootstrap.servers' = '${bootstrap.servers}',
    'properties.linger.ms' = '10',
    'properties.batch.size' = '131072',
    'properties.compression.type' = 'lz4',
    'properties.transaction.timeout.ms' = '300000', -- the broker allows at most 15 minutes; the default is an hour
    'key.format' = 'raw',
    'key.fields' = 'user_id',
    'value.format' = 'json',
    'value.json.timestamp-format.standard' = 'ISO-8601',
    'sink.delivery-guarantee' = 'exactly-once',
    'sink.transactional-id-prefix' = '${group.id}-enriched'
);

CREATE TABLE login_insights (
    window_start   TIMESTAMP(3),
    window_end     TIMESTAMP(3),
    dimension      STRING,
    `value`        STRING,
    logins         BIGINT,
    distinct_users BIGINT
) WITH (
    'connector' = 'kafka',
    'topic' = '${insights.topic}',
    'properties.bootstrap.servers' = '${bootstrap.servers}',
    'properties.linger.ms' = '10',
    'properties.batch.size' = '131072',
    'properties.compression.type' = 'lz4',
    'properties.transaction.timeout.ms' = '300000',
    'format' = 'json',
    'json.timestamp-format.standard' = 'ISO-8601',
    'sink.delivery-guarantee' = 'exactly-once',
    'sink.transactional-id-prefix' = '${group.id}-insights'
);

EXECUTE STATEMENT SET
BEGIN
    INSERT INTO enriched_logins
    SELECT * FROM logins;

    -- One INSERT per sink: two exactly-once writers with one transactional id prefix would fence each other.
    INSERT INTO login_insights
    SELECT window_start, window_end, 'device_type', device_type, COUNT(*), COUNT(DISTINCT user_id)
    FROM windowed_logins
    GROUP BY window_start, window_end, device_type
    UNION ALL
    SELECT window_start, window_end, 'locale', locale, COUNT(*), COUNT(DISTINCT user_id)
    FROM windowed_logins
    GROUP BY window_start, window_end, locale;
END;
