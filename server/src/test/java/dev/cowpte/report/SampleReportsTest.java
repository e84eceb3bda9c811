package dev.cowpte.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The report of every sample: self-contained and small; then, when Chromium is installed
 * (Debian package {@code chromium}; {@code .ci/run} installs it), each page loaded headless with
 * no console message at all (an SVG attribute Chromium cannot parse is one), every table box
 * laid out with a size, in a narrow window (480 and 900 px, as VS Code's panel beside the editor) the
 * outlines shown instead of the wide drawings and fitting the window, and screenshots of two
 * samples, light and dark, and of one in a narrow window, in
 * {@code server/target/report-screenshots/} for review.
 */
class SampleReportsTest {
    static final Path SAMPLES = findSamples();
    static final Path PAGES = Path.of("target", "report-pages");
    static final Path SHOTS = Path.of("target", "report-screenshots");
    private static final Map<String, String> CACHE = new TreeMap<>();

    @Test
    void everySampleGivesASelfContainedPageUnderTwoMegabytes() throws IOException {
        for (Path sample : samples()) {
            String html = report(sample);
            String name = sample.getFileName().toString();
            assertTrue(html.getBytes(StandardCharsets.UTF_8).length < 2_000_000, name + " is under 2 MB");
            assertFalse(html.contains("<script"), name + ": no script");
            assertFalse(html.replace("http://www.w3.org/2000/svg", "").matches("(?s).*(https?:|//[a-z]).*"),
                    name + ": nothing loaded from anywhere");
            for (String section : List.of("id=\"timeline\"", "id=\"trees\"", "id=\"expectations\"",
                    "id=\"comparison\"", "prefers-color-scheme: dark", "@media print")) {
                assertTrue(html.contains(section), name + " has " + section);
            }
            new Drawings(html).all(); // every drawing parses as XML
        }
    }

    @Test
    void aReportWhoseForksAllNameTheirPolicyWarnsThatThePoliciesLookAlike() throws IOException {
        String pinned = report(SAMPLES.resolve("fork-1g-pagetables.cowpte"));
        assertTrue(pinned.contains("<p class=\"warning\" role=\"note\">warning: the compared policy reaches no fork"),
                "fork-1g-pagetables: its forks all name their policy");
        assertFalse(report(SAMPLES.resolve("redis-snapshot.cowpte")).contains("class=\"warning\""),
                "redis-snapshot: its fork takes the compared policy");
    }

    @Test
    void aStatementDrawnAlikeUnderEveryPolicyIsDrawnOnceAndCanBeHidden() throws IOException {
        String pinned = report(SAMPLES.resolve("fork-1g-pagetables.cowpte"));
        assertFalse(pinned.contains("<section class=\"step\""), "every fork names its policy: all alike");
        assertTrue(pinned.contains("<section class=\"step same\""), "fork-1g-pagetables");
        assertTrue(pinned.contains("<span class=\"same-all\">same under all policies</span>"));
        assertTrue(pinned.contains("<input type=\"checkbox\" id=\"diff-only\" class=\"diff-toggle\">"));
        assertTrue(pinned.contains(".diff-toggle:checked ~ main .step.same { display: none; }"));
        String redis = report(SAMPLES.resolve("redis-snapshot.cowpte"));
        Matcher fork = Pattern.compile("<section class=\"(step[^\"]*)\"[^>]*><h3><span class=\"line\">line 16</span>")
                .matcher(redis);
        assertTrue(fork.find());
        assertEquals("step", fork.group(1), "the fork differs between the policies");
        assertTrue(redis.contains("<section class=\"step same\""), "the touch before the fork is alike");
    }

    @Test
    void theThirtyTwoGigabyteSampleDrawsOneSharedBoxWithSeventeenPointers() throws IOException {
        Drawings d = new Drawings(report(SAMPLES.resolve("fork-latency-32g.cowpte")));
        Drawings.Drawn fork = d.at("cow-pte", 19);
        fork.assertCounts(1, 17 * 3);
        Element pte = fork.shared().get(0);
        assertEquals(16384, Drawings.Drawn.count(pte));
        assertEquals(17, Drawings.Drawn.refcount(pte));
        assertEquals(17, fork.into(pte).size());
        d.at("classic", 19).assertCounts(0, 17 * 4);
    }

    @Test
    void theFailingSampleShowsItsFailedExpectationsWithTheActualValue() throws IOException {
        String html = report(SAMPLES.resolve("failing-on-purpose.cowpte"));
        assertTrue(html.contains("✗ failed"));
        assertTrue(html.contains("expected == 0 pages, actual 512 pages"), "rss child's actual value");
        assertTrue(html.contains("✓ held"));
    }

    /**
     * The Chromium to load pages with (without one the test is skipped, saying why, except under
     * {@code CI=true}, where .ci/run has installed it and its absence fails); the folders made.
     */
    private static String chromiumAndFolders() throws IOException {
        String chromium = chromium();
        String missing = "Chromium is not installed (apt-get install chromium); the browser check of the reports"
                + " is skipped. .ci/run installs it.";
        if (chromium == null && "true".equals(System.getenv("CI"))) {
            fail(missing + " CI=true: a skip is a failure.");
        }
        assumeTrue(chromium != null, missing);
        Files.createDirectories(PAGES);
        Files.createDirectories(SHOTS);
        return chromium;
    }

    @Test
    void chromiumLoadsEveryReportWithoutConsoleMessagesAndLaysOutEveryTable() throws Exception {
        String chromium = chromiumAndFolders();
        for (Path sample : samples()) {
            String name = sample.getFileName().toString().replace(".cowpte", "");
            String html = report(sample);
            Path page = PAGES.resolve(name + ".html").toAbsolutePath();
            Files.writeString(page, html, StandardCharsets.UTF_8);
            // the same page with a probe appended: it counts what Chromium laid out with a size
            Path probe = PAGES.resolve(name + ".probe.html").toAbsolutePath();
            Files.writeString(probe, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);

            Browser plain = run(chromium, page, "--dump-dom");
            assertEquals(List.of(), plain.console(), name + ": console messages of the report");
            assertTrue(plain.stdout().contains("id=\"comparison\""), name + ": the DOM was dumped");

            Browser probed = run(chromium, probe, "--dump-dom", "--window-size=1200,900");
            assertEquals(List.of(), probed.console(), name + ": console messages with the probe");
            Drawings expected = new Drawings(html);
            long shared = expected.all().stream().mapToLong(x -> x.shared().size()).sum();
            long all = expected.all().stream().mapToLong(x -> x.tables().size()).sum();
            assertEquals(shared, probed.attribute("data-probe-shared"), name + ": shared boxes laid out");
            assertEquals(all - shared, probed.attribute("data-probe-private"), name + ": private boxes laid out");
            assertEquals(0, probed.attribute("data-probe-empty"), name + ": boxes without a size");
            assertEquals(expected.all().size(), probed.attribute("data-probe-drawings"), name + ": drawings");
            assertEquals(0, probed.attribute("data-probe-narrow"), name + ": the wide drawings in a wide window");
            assertEquals(expected.all().size(), probed.attribute("data-probe-hidden"), name + ": the outlines hidden");
            assertEquals(2, probed.attribute("data-probe-charts"), name + ": timeline charts");
        }
        for (String name : List.of("fork-1g-pagetables", "fork-latency-32g")) {
            Path page = PAGES.resolve(name + ".html").toAbsolutePath();
            for (boolean dark : List.of(false, true)) {
                Path png = SHOTS.resolve(name + (dark ? "-dark" : "") + ".png").toAbsolutePath();
                Files.deleteIfExists(png);
                Browser b = run(chromium, page, "--screenshot=" + png, "--window-size=1200,3600", "--hide-scrollbars",
                        dark ? "--force-dark-mode" : "--blink-settings=preferredColorScheme=1");
                assertTrue(Files.size(png) > 10_000, png + " written: " + b.stderrTail());
            }
        }
    }

    @Test
    void inANarrowWindowChromiumShowsTheOutlinesWhichFitAndHidesTheWideDrawings() throws Exception {
        String chromium = chromiumAndFolders();
        for (Path sample : samples()) {
            String name = sample.getFileName().toString().replace(".cowpte", "");
            String html = report(sample);
            Path probe = PAGES.resolve(name + ".narrow-probe.html").toAbsolutePath();
            Files.writeString(probe, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);
            // VS Code's panel beside the editor: 480 px on a laptop, 900 px on a large screen
            for (int width : new int[] {480, 900}) {
                String at = name + " at " + width + " px";
                Browser narrow = run(chromium, probe, "--dump-dom", "--window-size=" + width + ",900");
                assertEquals(List.of(), narrow.console(), at + ": console messages with the probe");
                Drawings expected = Drawings.narrow(html);
                long shared = expected.all().stream().mapToLong(x -> x.shared().size()).sum();
                long all = expected.all().stream().mapToLong(x -> x.tables().size()).sum();
                int drawings = expected.all().size();
                assertEquals(drawings, new Drawings(html).all().size(), at + ": an outline for every drawing");
                assertEquals(drawings, narrow.attribute("data-probe-drawings"), at + ": drawings shown");
                assertEquals(drawings, narrow.attribute("data-probe-narrow"), at + ": all of them outlines");
                assertEquals(drawings, narrow.attribute("data-probe-hidden"), at + ": the wide drawings hidden");
                assertEquals(shared, narrow.attribute("data-probe-shared"), at + ": shared boxes laid out");
                assertEquals(all - shared, narrow.attribute("data-probe-private"), at + ": private boxes laid out");
                assertEquals(0, narrow.attribute("data-probe-empty"), at + ": boxes without a size");
                assertEquals(0, narrow.attribute("data-probe-overflow"), at + ": elements of the trees out of the window");
                assertEquals(0, narrow.attribute("data-probe-sideways"), at + ": pixels the page scrolls sideways");
                assertTrue(narrow.attribute("data-probe-chart-scale") >= 66,
                        at + ": charts drawn at " + narrow.attribute("data-probe-chart-scale") + " %, labels unreadable");
            }
        }
        Path page = PAGES.resolve("fork-1g-pagetables.narrow.html").toAbsolutePath();
        Files.writeString(page, report(SAMPLES.resolve("fork-1g-pagetables.cowpte")), StandardCharsets.UTF_8);
        Path png = SHOTS.resolve("fork-1g-pagetables-narrow.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Browser b = run(chromium, page, "--screenshot=" + png, "--window-size=480,6000", "--hide-scrollbars",
                "--blink-settings=preferredColorScheme=1");
        assertTrue(Files.size(png) > 10_000, png + " written: " + b.stderrTail());
    }

    /**
     * Counts what Chromium laid out into data attributes of the body, which --dump-dom then shows:
     * the tree drawings shown (and hidden: the other layout), their boxes by kind and those without
     * a size, the elements of the trees section standing out of the window, and how far the page
     * scrolls sideways.
     */
    private static final String PROBE = """
            <script>
            (function () {
              var w = document.documentElement.clientWidth;
              var trees = document.querySelectorAll('svg.tree'), shown = 0, hidden = 0, narrow = 0;
              var shared = 0, priv = 0, empty = 0, overflow = 0;
              for (var i = 0; i < trees.length; i++) {
                var t = trees[i].getBoundingClientRect();
                if (t.width <= 0 || t.height <= 0) { hidden++; continue; }
                shown++;
                if (trees[i].classList.contains('narrow')) { narrow++; }
                var boxes = trees[i].querySelectorAll('g.table');
                for (var j = 0; j < boxes.length; j++) {
                  var r = boxes[j].getBoundingClientRect();
                  if (r.width <= 0 || r.height <= 0) { empty++; continue; }
                  if (boxes[j].classList.contains('shared')) { shared++; } else { priv++; }
                }
              }
              var all = document.querySelectorAll('#trees *');
              for (var k = 0; k < all.length; k++) {
                var a = all[k].getBoundingClientRect();
                if (a.width > 0 && (a.left < -0.5 || a.right > w + 0.5)) { overflow++; }
              }
              var b = document.body.dataset;
              b.probeShared = shared; b.probePrivate = priv; b.probeEmpty = empty;
              b.probeDrawings = shown; b.probeHidden = hidden; b.probeNarrow = narrow; b.probeOverflow = overflow;
              b.probeSideways = Math.max(0, document.documentElement.scrollWidth - w);
              b.probeCharts = document.querySelectorAll('svg.chart').length;
              // the smallest scale a chart is drawn at, in percent (its labels shrink with it)
              var charts = document.querySelectorAll('svg.chart'), scale = 100;
              for (var c = 0; c < charts.length; c++) {
                scale = Math.min(scale, Math.round(100 * charts[c].getBoundingClientRect().width
                    / charts[c].viewBox.baseVal.width));
              }
              b.probeChartScale = scale;
            })();
            </script>
            """;

    record Browser(String stdout, String stderr) {
        private static final Pattern CONSOLE = Pattern.compile("^.*:CONSOLE[:(].*$", Pattern.MULTILINE);

        /** Every console message the page produced (Chromium logs them at INFO on stderr). */
        List<String> console() {
            List<String> out = new ArrayList<>();
            Matcher m = CONSOLE.matcher(stderr);
            while (m.find()) {
                out.add(m.group());
            }
            return out;
        }

        long attribute(String name) {
            Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(stdout);
            assertTrue(m.find(), name + " not in the dumped DOM: " + stderrTail());
            return Long.parseLong(m.group(1));
        }

        String stderrTail() {
            return stderr.length() > 2000 ? stderr.substring(stderr.length() - 2000) : stderr;
        }
    }

    private static Browser run(String chromium, Path page, String... args) throws Exception {
        Path profile = Files.createTempDirectory("cowpte-chromium");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--disable-gpu", "--no-sandbox",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--disable-extensions", "--user-data-dir=" + profile, "--enable-logging=stderr",
                "--v=0"));
        cmd.addAll(List.of(args));
        cmd.add(page.toUri().toString());
        Path out = Files.createTempFile("cowpte-chromium", ".out");
        Path err = Files.createTempFile("cowpte-chromium", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                // its renderers too, and wait for them, so the profile can be removed below
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("chromium did not finish loading " + page);
            }
            return new Browser(Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            deleteTree(profile);
        }
    }

    static String chromium() {
        for (String c : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, c);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    static synchronized String report(Path sample) throws IOException {
        String key = sample.getFileName().toString();
        String html = CACHE.get(key);
        if (html == null) {
            html = ReportWriter.write(Files.readString(sample), List.of(),
                    ReportWriter.Options.defaults().withName("samples/" + key));
            CACHE.put(key, html);
        }
        return html;
    }

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".cowpte")).sorted().toList();
        }
    }

    /** Removes a browser profile; a file a dying renderer still writes is removed on a second pass. */
    private static void deleteTree(Path dir) throws IOException {
        for (int pass = 0; Files.exists(dir); pass++) {
            try (Stream<Path> w = Files.walk(dir)) {
                for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
                if (pass == 4) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static Path findSamples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("samples"))) {
                return dir.resolve("samples");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no samples/ directory above " + Path.of("").toAbsolutePath());
    }
}
