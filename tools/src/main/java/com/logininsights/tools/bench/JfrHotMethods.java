package com.logininsights.tools.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a recording says the CPU went, from its execution samples: the hottest methods by own time, the same by
 * package, the hottest methods of one package including what they call, and the busiest threads. JDK 17's
 * {@code jfr} tool has no {@code view hot-methods} yet; this is that view, and a little more.
 *
 * <p>{@code java -cp login-insights-tools.jar com.logininsights.tools.bench.JfrHotMethods FILE.jfr [TOP]
 * [PACKAGE_PREFIX]}
 */
public final class JfrHotMethods {
    private final Map<String, Integer> selfByMethod = new HashMap<>();
    private final Map<String, Integer> selfByPackage = new HashMap<>();
    private final Map<String, Integer> totalByMethod = new HashMap<>();
    private final Map<String, Integer> byThread = new HashMap<>();
    private final String focus;
    private int samples;

    private JfrHotMethods(String focus) {
        this.focus = focus;
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: JfrHotMethods FILE.jfr [TOP] [PACKAGE_PREFIX]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        JfrHotMethods hot = new JfrHotMethods(args.length > 2 ? args[2] : "com.logininsights");
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
                hot.add(event);
            }
        }
        hot.print(top);
    }

    private void add(RecordedEvent sample) {
        if (sample.getStackTrace() == null || sample.getStackTrace().getFrames().isEmpty()) {
            return;
        }
        samples++;
        List<RecordedFrame> frames = sample.getStackTrace().getFrames();
        String topMethod = name(frames.get(0));
        selfByMethod.merge(topMethod, 1, Integer::sum);
        selfByPackage.merge(packageOf(frames.get(0).getMethod().getType().getName()), 1, Integer::sum);
        Set<String> inStack = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String method = name(frame);
            if (method.startsWith(focus) && inStack.add(method)) {
                totalByMethod.merge(method, 1, Integer::sum);
            }
        }
        String thread = sample.getThread("sampledThread") == null
                ? "?"
                : sample.getThread("sampledThread").getJavaName();
        byThread.merge(thread == null ? "?" : thread.replaceAll("\\d+", "#"), 1, Integer::sum);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The first four parts of a class's package: enough to tell Flink's network stack from its Kafka connector. */
    private static String packageOf(String className) {
        String[] parts = className.split("\\.");
        int keep = Math.min(parts.length - 1, 4);
        return keep <= 0 ? className : String.join(".", java.util.Arrays.copyOf(parts, keep));
    }

    private void print(int top) {
        System.out.printf(Locale.ROOT, "%,d execution samples%n", samples);
        table("hottest methods, own time", selfByMethod, top);
        table("hottest packages, own time", selfByPackage, top);
        table("methods of " + focus + ", including what they call", totalByMethod, top);
        table("threads", byThread, top);
    }

    private void table(String title, Map<String, Integer> counts, int top) {
        System.out.printf(Locale.ROOT, "%n%s%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf(
                        Locale.ROOT, "  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / samples, e.getValue(), e.getKey()));
    }
}
