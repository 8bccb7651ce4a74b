package com.logininsights.tools.playground;

import com.logininsights.tools.generator.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The playground's command line. */
public final class PlaygroundFlags {
    private PlaygroundFlags() {}

    public static final String USAGE = String.join(
            "\n",
            "Usage: scripts/playground [flags]",
            "",
            "Starts a Kafka broker, our data generator and the login-insights job with the Flink web UI, and shows",
            "each closed window's insights here. Ctrl-C stops everything.",
            "",
            "  --window DURATION             tumbling window of the insights (default: 10s)",
            "  --rate N|max                  records per second from the generator (default: 50)",
            "  --bad-share FRACTION          share of malformed records, 0 to 1 (default: 0.03)",
            "  --bootstrap-servers HOST:PORT use this running broker instead of starting one",
            "  --broker-port PORT            port of the broker the playground starts (default: 29092)",
            "  --data-dir DIR                the broker's data and every log (default: .playground)",
            "  --fresh                       wipe the data folder first",
            "  --web-ui-port PORT            Flink web UI (default: 8081)",
            "  --checkpoint-interval DURATION  how often results are committed (default: 5s)",
            "  --duration DURATION           stop by itself after this long (default: run until Ctrl-C)",
            "  --help                        this text",
            "",
            "Durations are written like 500ms, 10s or 1m.",
            "");

    public static PlaygroundConfig parse(String[] args) {
        Optional<String> broker = Optional.empty();
        int brokerPort = 29092;
        Path dataDir = Path.of(".playground");
        boolean fresh = false;
        Duration window = Duration.ofSeconds(10);
        Duration checkpoint = Duration.ofSeconds(5);
        String rate = "50";
        double badShare = 0.03;
        int webUiPort = 8081;
        Optional<Duration> duration = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--fresh")) {
                fresh = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(known(flag) + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--window" -> window = positiveDuration(flag, value);
                case "--rate" -> rate = rate(value);
                case "--bad-share" -> badShare = share(value);
                case "--bootstrap-servers" -> broker = Optional.of(value);
                case "--broker-port" -> brokerPort = port(flag, value);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--web-ui-port" -> webUiPort = port(flag, value);
                case "--checkpoint-interval" -> checkpoint = positiveDuration(flag, value);
                case "--duration" -> duration = Optional.of(positiveDuration(flag, value));
                default -> throw new IllegalArgumentException("unknown flag '" + flag + "' (see --help)");
            }
        }
        return new PlaygroundConfig(
                broker, brokerPort, dataDir, fresh, window, checkpoint, rate, badShare, webUiPort, duration);
    }

    private static String known(String flag) {
        if (!USAGE.contains(flag + " ")) {
            throw new IllegalArgumentException("unknown flag '" + flag + "' (see --help)");
        }
        return flag;
    }

    static Duration positiveDuration(String flag, String text) {
        Duration duration;
        try {
            duration = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad value for " + flag + ": " + e.getMessage());
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("bad value for " + flag + ": must be more than zero");
        }
        return duration;
    }

    private static String rate(String value) {
        if (value.equals("max")) {
            return value;
        }
        try {
            if (Integer.parseInt(value) > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad value for --rate: '" + value + "' is not a positive number or max");
    }

    private static double share(String value) {
        try {
            double share = Double.parseDouble(value);
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad value for --bad-share: '" + value + "' is not between 0 and 1");
    }

    private static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad value for " + flag + ": '" + value + "' is not a port number");
    }
}
