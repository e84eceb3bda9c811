package dev.cowpte.bench;

import dev.cowpte.dap.session.DebugSession;
import dev.cowpte.dap.session.LaunchConfig;
import dev.cowpte.dap.session.SessionEvents;
import dev.cowpte.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The debugger's step back, timed on {@link DebugSession} directly (no JSON-RPC): a scenario
 * (by default {@code samples/fork-latency-32g.cowpte}) is launched with a breakpoint, then
 * stepped back from there and forwards again, each step timed from the request to the
 * {@code stopped} event. Step backs are timed two ways: after a pause as long as a reader's
 * (the session had time to prepare the previous point), and at once after the stop.
 *
 * <pre>
 * java -cp benchmarks/target/cowpte-benchmarks.jar dev.cowpte.bench.StepBackBench
 *     [--scenario FILE] [--line 24] [--rounds 7] [--pause-ms 1000] [--policy classic]
 * </pre>
 */
public final class StepBackBench {
    private StepBackBench() {
    }

    public static void main(String[] args) throws Exception {
        Path scenario = Path.of("samples/fork-latency-32g.cowpte");
        int line = 24;
        int rounds = 7;
        long pauseMs = 1000;
        String policy = "classic";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenario = Path.of(args[++i]);
                case "--line" -> line = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--pause-ms" -> pauseMs = Long.parseLong(args[++i]);
                case "--policy" -> policy = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String text = read(scenario);
        Events events = new Events();
        DebugSession session = new DebugSession(events);
        session.launch(new LaunchConfig(text, scenario.toString(), policy, false, 0));
        session.setBreakpoints(List.of(new DebugSession.BreakpointSpec(line, null, null)));
        System.out.printf("step back in %s at line %d, policy %s: %d CPUs, %s%n", scenario, line, policy,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        long t0 = System.nanoTime();
        session.start();
        DebugSession.StopInfo first = events.next();
        System.out.printf("launch -> stop at line %d: %.0f ms%n", first.line(), ms(t0));
        List<Double> paused = new ArrayList<>();
        List<Double> atOnce = new ArrayList<>();
        List<Double> next = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Thread.sleep(pauseMs);
            paused.add(timed(session, events, session::stepBack));
            Thread.sleep(pauseMs);
            next.add(timed(session, events, () -> session.resume(DebugSession.Step.NEXT)));
            atOnce.add(timed(session, events, session::stepBack));
            Thread.sleep(pauseMs);
            next.add(timed(session, events, () -> session.resume(DebugSession.Step.NEXT)));
        }
        session.close();
        System.out.println("stepBack after a pause of " + pauseMs + " ms: " + summary(paused));
        System.out.println("stepBack at once after a stop:   " + summary(atOnce));
        System.out.println("next (one statement):            " + summary(next));
    }

    private static double timed(DebugSession session, Events events, Runnable request) throws InterruptedException {
        long t = System.nanoTime();
        request.run();
        events.next();
        return ms(t);
    }

    private static String summary(List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        sorted.sort(null);
        return String.format("median %.1f ms, best %.1f ms, worst %.1f ms over %d", sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
        }
    }

    /** The session's stops, in order; the run must not end while the bench steps. */
    private static final class Events implements SessionEvents {
        private final BlockingQueue<DebugSession.StopInfo> stops = new LinkedBlockingQueue<>();

        @Override
        public void stopped(DebugSession.StopInfo stop) {
            stops.add(stop);
        }

        @Override
        public void output(String category, String text) {
        }

        @Override
        public void terminated(RunResult result) {
            System.err.println("the scenario ended while the bench was stepping");
            System.exit(1);
        }

        DebugSession.StopInfo next() throws InterruptedException {
            DebugSession.StopInfo s = stops.poll(60, TimeUnit.SECONDS);
            if (s == null) {
                throw new IllegalStateException("no stop within 60 s");
            }
            return s;
        }
    }
}
