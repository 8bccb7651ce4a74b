package com.logininsights.tools.bench.measure;

import com.logininsights.tools.machine.ProcStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Polls a child process's CPU time and peak RSS until it exits and keeps the last reading. A process's /proc
 * entry is gone once it has been reaped, so the last reading is at most one poll interval old: the CPU of that
 * last interval (at most {@value #POLL_MILLIS} ms per core, during the JVM's shutdown) is not counted. VmHWM is the
 * kernel's own high-water mark, so the peak is exact whenever it was reached.
 *
 * <p>Chosen over {@code /usr/bin/time -v} because it needs nothing installed (a bare Debian has no {@code time}
 * package) and keeps the child's PID the JVM's own, so stopping it by PID stays simple.
 */
public final class ProcessSampler implements AutoCloseable {
    static final long POLL_MILLIS = 50;
    private static final long TICKS_PER_SECOND = ProcStats.ticksPerSecond();

    /** What a process used: CPU seconds (user + system), peak resident memory, and the CPU as it grew. */
    public record Usage(double cpuSeconds, long peakRssKb, CpuTimeline timeline) {
        public Usage(double cpuSeconds, long peakRssKb) {
            this(cpuSeconds, peakRssKb, CpuTimeline.EMPTY);
        }

        public double peakRssMb() {
            return peakRssKb / 1024.0;
        }
    }

    private final long pid;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long lastTicks;
    private volatile long lastPeakKb;
    private final List<long[]> readings = new ArrayList<>();

    private ProcessSampler(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::poll, "sampler-" + pid);
        this.thread.setDaemon(true);
    }

    static ProcessSampler start(long pid) {
        ProcessSampler sampler = new ProcessSampler(pid);
        sampler.readOnce();
        sampler.thread.start();
        return sampler;
    }

    private void poll() {
        while (!stopped && readOnce()) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return false once the process is gone */
    private boolean readOnce() {
        try {
            long ticks = ProcStats.cpuTicks(ProcStats.stat(pid));
            OptionalLong peak = ProcStats.peakResidentKb(ProcStats.status(pid));
            lastTicks = Math.max(lastTicks, ticks);
            synchronized (readings) {
                readings.add(new long[] {System.currentTimeMillis(), lastTicks});
            }
            if (peak.isPresent()) {
                lastPeakKb = Math.max(lastPeakKb, peak.getAsLong());
            }
            return true;
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /** The last reading; call after the process has exited. */
    Usage usage() {
        synchronized (readings) {
            long[] millis = new long[readings.size()];
            double[] cpuSeconds = new double[readings.size()];
            for (int i = 0; i < millis.length; i++) {
                millis[i] = readings.get(i)[0];
                cpuSeconds[i] = readings.get(i)[1] / (double) TICKS_PER_SECOND;
            }
            return new Usage(lastTicks / (double) TICKS_PER_SECOND, lastPeakKb, new CpuTimeline(millis, cpuSeconds));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(1000);
    }
}
