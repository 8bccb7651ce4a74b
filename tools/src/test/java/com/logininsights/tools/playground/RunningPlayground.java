package com.logininsights.tools.playground;

import com.logininsights.tools.Checkout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A playground running in the background of a test, which watches its screen and stops it once it has seen enough,
 * as a user presses Ctrl-C, instead of waiting out a fixed duration.
 */
final class RunningPlayground implements AutoCloseable {
    private final Playground playground;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final CompletableFuture<Playground.Result> result = new CompletableFuture<>();

    RunningPlayground(PlaygroundConfig config) {
        playground = new Playground(config, Checkout.root(), new PrintStream(screen, true, StandardCharsets.UTF_8));
        Thread runner = new Thread(
                () -> {
                    try {
                        result.complete(playground.run());
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                },
                "playground");
        runner.setDaemon(true);
        runner.start();
    }

    /** Everything printed so far. */
    String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the screen shows this text, or the run ends, or the patience runs out; true if it showed. */
    boolean awaitText(String text, Duration patience) throws InterruptedException {
        return await(() -> screen().contains(text), patience);
    }

    /** Waits until the screen shows this many closed windows, or the run ends, or the patience runs out. */
    boolean awaitWindows(int count, Duration patience) throws InterruptedException {
        return await(() -> windowsShown() >= count, patience);
    }

    long windowsShown() {
        return screen().lines().filter(line -> line.startsWith("window ")).count();
    }

    /** Stops the run as Ctrl-C does and returns what it saw, once everything it started has stopped. */
    Playground.Result stop() throws Exception {
        playground.stopAndWait();
        return result.get(2, TimeUnit.MINUTES);
    }

    @Override
    public void close() throws Exception {
        if (!result.isDone()) {
            stop();
        }
    }

    private boolean await(java.util.function.BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (result.isDone() || System.nanoTime() > deadline) {
                return condition.getAsBoolean();
            }
            Thread.sleep(200);
        }
        return true;
    }
}
