package dev.cowpte.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server object without a process or a JSON-RPC stream: notifications and requests are
 * method calls, delays fire by hand, runs wait on a gate. Nothing here depends on timing.
 */
class LanguageServerTest {
    static final String URI = "file:///w/fork.cowpte";
    static final String TEXT = "process parent\nmmap parent buf 2M\ntouch parent buf\nfork parent -> child\n"
            + "expect rss child == 2M\nexpect refcount parent buf[0] == 1\n";

    final ManualTimer timer = new ManualTimer();
    final GatedEngine engine = new GatedEngine();
    final ExecutorService runs = RunPool.create("test-run", 2, 8);
    final ExecutorService requests = RunPool.create("test-request", 2, 8);
    final AtomicInteger exitCode = new AtomicInteger(-1);
    final RecordingClient client = new RecordingClient();
    final CowpteLanguageServer server = new CowpteLanguageServer(new ServerEnvironment(engine, timer, runs, requests,
            exitCode::set, (file, r) -> "table of " + file + " for " + r.size() + " policies\n",
            new PrintStream(new ByteArrayOutputStream()), pid -> true));

    @AfterEach
    void stop() {
        engine.openForGood();
        runs.shutdownNow();
        requests.shutdownNow();
    }

    InitializeResult initialize(String options, boolean workDoneProgress) throws Exception {
        server.connect(client);
        InitializeParams p = new InitializeParams();
        ClientCapabilities caps = new ClientCapabilities();
        WindowClientCapabilities w = new WindowClientCapabilities();
        w.setWorkDoneProgress(workDoneProgress);
        caps.setWindow(w);
        p.setCapabilities(caps);
        if (options != null) {
            p.setInitializationOptions(JsonParser.parseString(options));
        }
        return server.initialize(p).get(30, TimeUnit.SECONDS);
    }

    void open(int version, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(URI, "cowpte", version, text)));
    }

    void type(int version, int line, String text) {
        TextDocumentContentChangeEvent c = new TextDocumentContentChangeEvent(
                new Range(new Position(line, 0), new Position(line, 0)), text);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(URI, version), List.of(c)));
    }

    Object command(String name, Object... args) throws Exception {
        return server.getWorkspaceService().executeCommand(new ExecuteCommandParams(name, List.of(args)))
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void advertisesIncrementalSyncUtf16AndTheCommands() throws Exception {
        InitializeResult r = initialize(null, false);
        assertEquals("utf-16", r.getCapabilities().getPositionEncoding());
        assertEquals(org.eclipse.lsp4j.TextDocumentSyncKind.Incremental,
                r.getCapabilities().getTextDocumentSync().getRight().getChange());
        assertEquals(ScenarioCommands.ALL, r.getCapabilities().getExecuteCommandProvider().getCommands());
        assertEquals(List.of("cowpte.run", "cowpte.compare", "cowpte.report", "cowpte.kernel"),
                r.getCapabilities().getExecuteCommandProvider().getCommands());
        assertEquals("cowpte", r.getServerInfo().getName());
    }

    @Test
    void openRunsAtOnceAndAChangeRunsAfterTheDebounceFromTheSettings() throws Exception {
        initialize("{\"cowpte\": {\"debounceMs\": 120}}", false);
        assertEquals(120, server.settings().debounceMs());
        engine.openForGood();
        open(1, TEXT);
        assertEquals(0, timer.lastDelay(), "open does not wait for the debounce");
        timer.fireAll();
        RunSummary first = client.nextSummary();
        assertEquals(new RunSummary(URI, 1, 2, 0, 0, first.durationMs(), first.expectations(), List.of()), first);
        assertEquals(2, first.expectations().size());
        assertTrue(first.expectations().stream().allMatch(RunSummary.Expectation::passed));
        type(2, 5, "expect rss child == 0\n");
        assertEquals(120, timer.lastDelay());
        assertEquals(1, server.scheduler().runsStarted(), "a change waits for the debounce");
        timer.fireAll();
        RunSummary second = client.nextSummary();
        assertEquals(2, second.version());
        assertEquals(1, second.failed(), "the typed expectation fails: the child's rss is 2M");
        assertEquals(2, server.store().lastRun(URI).orElseThrow().document().version());
    }

    @Test
    void syntaxErrorsArePublishedAtOnceAndTheRunsFindingsWhenItEnds() throws Exception {
        initialize(null, false);
        open(1, TEXT + "expect rss child == 0\n");
        var first = client.nextDiagnostics();
        assertEquals(1, first.getVersion());
        assertTrue(first.getDiagnostics().isEmpty(), "no syntax or name error; the run has not ended");
        type(2, 0, "mmap ghost buf 2M\n");
        var second = client.nextDiagnostics();
        assertEquals(2, second.getVersion());
        assertEquals(1, second.getDiagnostics().size(), second.toString());
        assertEquals(0, server.scheduler().runsStarted(), "published before any run");
        type(3, 0, "process ghost\n");
        assertTrue(client.nextDiagnostics().getDiagnostics().isEmpty());
        engine.openForGood();
        timer.fireAll();
        var ran = client.nextDiagnostics();
        assertEquals(3, ran.getVersion());
        assertEquals(1, ran.getDiagnostics().size(), ran.toString());
        assertTrue(ran.getDiagnostics().get(0).getMessage().contains("expected == 0"), ran.toString());
        assertEquals(8, ran.getDiagnostics().get(0).getRange().getStart().getLine());
    }

    @Test
    void aRunOfAnOlderVersionNeverOverwritesNewerDiagnostics() throws Exception {
        initialize(null, false);
        open(1, TEXT + "expect rss child == 0\n");
        client.nextDiagnostics();
        timer.fireAll();
        engine.nextBegun();
        type(2, 0, "# edited\n");
        client.nextDiagnostics();
        timer.fireAll();
        engine.release();
        assertEquals(2, engine.nextBegun().document().version());
        engine.release();
        var ran = client.nextDiagnostics();
        assertEquals(2, ran.getVersion(), "version 1's run published nothing");
        assertNull(client.diagnostics.poll());
    }

    @Test
    void aRunThatFindsNothingNewPublishesNoSecondCopyOfTheDiagnostics() throws Exception {
        initialize(null, false);
        engine.openForGood();
        open(1, TEXT);
        assertEquals(List.of(), client.nextDiagnostics().getDiagnostics(), "the front end finds nothing");
        timer.fireAll();
        assertEquals(1, client.nextSummary().version());
        // the run is published before its summary: had it sent the same empty list again, it would be queued
        assertNull(client.diagnostics.poll(), "the same diagnostics are not sent twice");
        type(2, 6, "expect rss child == 0\n");
        client.nextDiagnostics();
        timer.fireAll();
        client.nextSummary();
        assertEquals(1, client.diagnostics.size(), "a run that finds more publishes it");
    }

    @Test
    void aStaleRunIsNeverReported() throws Exception {
        initialize(null, false);
        open(1, TEXT);
        timer.fireAll();
        engine.nextBegun();
        for (int v = 2; v <= 30; v++) {
            type(v, 0, "# typing\n");
            timer.fireAll();
        }
        assertEquals(1, server.scheduler().runsStarted());
        assertEquals(1, server.scheduler().waiting(URI));
        engine.openForGood();
        RunSummary only = client.nextSummary();
        assertEquals(30, only.version(), "version 1's cancelled run is not summarized");
        assertEquals(2, server.scheduler().runsStarted());
        assertEquals(30, server.store().lastRun(URI).orElseThrow().document().version());
    }

    @Test
    void onSaveRunsOnOpenAndSaveButNotOnChange() throws Exception {
        initialize("{\"runTrigger\": \"onSave\"}", false);
        engine.openForGood();
        open(1, TEXT);
        timer.fireAll();
        assertEquals(1, client.nextSummary().version());
        type(2, 0, "# edited\n");
        assertEquals(0, timer.armed(), "no run is scheduled for a change");
        server.getTextDocumentService().didSave(new DidSaveTextDocumentParams(new TextDocumentIdentifier(URI)));
        timer.fireAll();
        assertEquals(2, client.nextSummary().version());
        assertEquals(2, server.scheduler().runsStarted());
    }

    @Test
    void neverRunsOnlyThroughTheRunCommand() throws Exception {
        initialize("{\"cowpte\": {\"runTrigger\": \"never\"}}", false);
        engine.openForGood();
        open(1, TEXT);
        type(2, 0, "# edited\n");
        assertEquals(0, timer.armed());
        assertEquals(0, server.scheduler().runsStarted());
        RunSummary s = (RunSummary) command(ScenarioCommands.RUN, new JsonPrimitive(URI));
        assertEquals(2, s.version());
        assertEquals(2, s.passed());
        assertEquals(s, client.nextSummary());
    }

    @Test
    void aNewPolicyInTheSettingsRerunsOpenScenariosUnderIt() throws Exception {
        initialize(null, false);
        engine.openForGood();
        open(1, TEXT);
        timer.fireAll();
        assertEquals("classic", engine.nextBegun().options().initialPolicy());
        client.nextSummary();
        JsonObject s = JsonParser.parseString("{\"cowpte\": {\"defaultPolicy\": \"odf\", \"stepBudget\": 5000}}")
                .getAsJsonObject();
        server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(s));
        assertEquals("odf", server.settings().defaultPolicy());
        timer.fireAll();
        GatedEngine.Began b = engine.nextBegun();
        assertEquals("odf", b.options().initialPolicy());
        assertEquals(5000, b.options().stepBudget());
        client.nextSummary();
    }

    @Test
    void wrongSettingsKeepThePreviousValues() throws Exception {
        initialize("{\"cowpte\": {\"defaultPolicy\": \"cow-pte\"}}", false);
        server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(JsonParser.parseString(
                "{\"cowpte\": {\"defaultPolicy\": \"lazy\", \"debounceMs\": -5, \"runTrigger\": \"sometimes\"}}")));
        assertEquals(new ServerSettings("cow-pte", ServerSettings.RunTrigger.ON_CHANGE, 250,
                dev.cowpte.run.RunOptions.DEFAULT_STEP_BUDGET), server.settings());
        assertTrue(client.logs.stream().anyMatch(m -> m.getMessage().contains("no fork policy 'lazy'")));
    }

    @Test
    void settingsArePulledWhenTheNotificationCarriesNone() throws Exception {
        server.connect(client);
        InitializeParams p = new InitializeParams();
        ClientCapabilities caps = new ClientCapabilities();
        var ws = new org.eclipse.lsp4j.WorkspaceClientCapabilities();
        ws.setConfiguration(true);
        caps.setWorkspace(ws);
        p.setCapabilities(caps);
        server.initialize(p).get(30, TimeUnit.SECONDS);
        client.configuration = JsonParser.parseString("{\"runTrigger\": \"onSave\"}");
        server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams());
        assertEquals(ServerSettings.RunTrigger.ON_SAVE, server.settings().runTrigger());
    }

    @Test
    void codeActionsAnswerTheQuickFixesUnderTheRange() throws Exception {
        InitializeResult r = initialize("{\"runTrigger\": \"never\"}", false);
        assertEquals(List.of("quickfix"), r.getCapabilities().getCodeActionProvider().getRight().getCodeActionKinds());
        open(1, "process parent\ntouch parnet buf\n");
        var params = new org.eclipse.lsp4j.CodeActionParams(new org.eclipse.lsp4j.TextDocumentIdentifier(URI),
                new org.eclipse.lsp4j.Range(new org.eclipse.lsp4j.Position(1, 8), new org.eclipse.lsp4j.Position(1, 8)),
                new org.eclipse.lsp4j.CodeActionContext(List.of()));
        var actions = server.getTextDocumentService().codeAction(params).get(30, TimeUnit.SECONDS);
        assertEquals("Change to 'parent'", actions.get(0).getRight().getTitle());
    }

    @Test
    void compareAnswersTheTableAsText() throws Exception {
        initialize("{\"runTrigger\": \"never\"}", false);
        open(1, TEXT);
        String text = (String) command(ScenarioCommands.COMPARE, new JsonPrimitive(URI),
                JsonParser.parseString("[\"classic\", \"cow-pte\"]"));
        assertEquals("table of fork.cowpte for 2 policies\n", text);
        ExecutionException e = assertThrows(ExecutionException.class, () -> command(ScenarioCommands.COMPARE,
                new JsonPrimitive(URI), new JsonPrimitive("classic,lazy")));
        assertInstanceOf(ResponseErrorException.class, e.getCause());
    }

    @Test
    void reportAnswersThePageOfTheCurrentTextWithItsVersionAndPolicies() throws Exception {
        initialize("{\"runTrigger\": \"never\"}", false);
        open(1, TEXT);
        type(2, 6, "expect rss child == 0\n");
        var report = assertInstanceOf(ScenarioCommands.Report.class, command(ScenarioCommands.REPORT,
                new JsonPrimitive(URI), new JsonPrimitive("classic, cow-pte")));
        assertEquals(URI, report.uri());
        assertEquals(2, report.version(), "the text as typed, not as opened");
        assertEquals(List.of("classic", "cow-pte"), report.policies());
        String html = report.html();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        assertTrue(!html.contains("<script"), "no script in the page");
        assertTrue(html.contains("<code>fork.cowpte</code>"), "the file's name in the header");
        assertTrue(html.contains("<svg class=\"tree\"") && html.contains("data-policy=\"cow-pte\""),
                "the page-table trees under cow-pte");
        assertTrue(html.contains("data-sharers=\"parent child\""), "the PTE table shared by parent and child");
        assertTrue(html.contains("<code>expect rss child == 0</code></td><td class=\"fail\"><span class=\"verdict\">"
                + "✗ failed</span> <span class=\"actual\">expected == 0 pages, actual 512 pages</span>"),
                "the typed expectation's verdict: " + html.substring(html.indexOf("<table class=\"expectations\"")));
        assertTrue(!html.contains("data-policy=\"odf\""), "only the policies asked for");

        var all = (ScenarioCommands.Report) command(ScenarioCommands.REPORT, new JsonPrimitive(URI));
        assertEquals(dev.cowpte.mm.ForkPolicies.names(), all.policies(), "every policy by default");
        var listed = (ScenarioCommands.Report) command(ScenarioCommands.REPORT, new JsonPrimitive(URI),
                JsonParser.parseString("[\"odf\"]"));
        assertEquals(List.of("odf"), listed.policies());
        assertTrue(listed.html().contains("data-policy=\"odf\""));
    }

    @Test
    void reportOfUnknownPoliciesOrDocumentsIsAnInvalidParamsError() throws Exception {
        initialize("{\"runTrigger\": \"never\"}", false);
        open(1, TEXT);
        for (Object[] args : List.of(new Object[] {new JsonPrimitive(URI), new JsonPrimitive("classic,lazy")},
                new Object[] {new JsonPrimitive("file:///w/closed.cowpte")}, new Object[] {})) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> command(ScenarioCommands.REPORT, args));
            ResponseErrorException r = assertInstanceOf(ResponseErrorException.class, e.getCause());
            assertEquals(ResponseErrorCode.InvalidParams.getValue(), r.getResponseError().getCode());
        }
    }

    @Test
    void reportStopsAtTheStepBudgetOfTheSettings() throws Exception {
        initialize("{\"runTrigger\": \"never\", \"stepBudget\": 3}", false);
        open(1, TEXT);
        var report = (ScenarioCommands.Report) command(ScenarioCommands.REPORT, new JsonPrimitive(URI),
                new JsonPrimitive("classic"));
        assertTrue(report.html().contains("0/0 expectations held, 2 not run, 1 error"), "the run stopped at its 4th statement");
    }

    @Test
    void aCancelledReportStopsItsRunAndFreesTheRunThread() throws Exception {
        initialize("{\"runTrigger\": \"never\"}", false);
        // touches 1 GiB nine million times: minutes, far longer than the test waits, unless cancelled
        open(1, "process p\nmmap p buf 1G\nrepeat 1000 {\n  repeat 9000 {\n    touch p buf\n  }\n}\n");
        List<CompletableFuture<Object>> endless = List.of(report(), report());
        var pool = (java.util.concurrent.ThreadPoolExecutor) runs;
        for (int i = 0; i < 3000 && pool.getActiveCount() < 2; i++) {
            Thread.sleep(10); // until both runs hold the two run threads (a wait, not a timing assertion)
        }
        endless.forEach(f -> f.cancel(true));
        open(2, TEXT);
        var after = (ScenarioCommands.Report) command(ScenarioCommands.REPORT, new JsonPrimitive(URI),
                new JsonPrimitive("cow-pte"));
        assertEquals(2, after.version(), "the run threads were freed by the cancel");
        endless.forEach(f -> assertTrue(f.isCancelled()));
    }

    private CompletableFuture<Object> report() {
        return server.getWorkspaceService().executeCommand(new ExecuteCommandParams(ScenarioCommands.REPORT,
                List.of(new JsonPrimitive(URI), new JsonPrimitive("classic"))));
    }

    @Test
    void aReportWhenTheRunPoolRefusesWorkIsABusyError() throws Exception {
        initialize("{\"runTrigger\": \"never\"}", false);
        open(1, TEXT);
        runs.shutdown();
        ExecutionException e = assertThrows(ExecutionException.class, () -> command(ScenarioCommands.REPORT,
                new JsonPrimitive(URI)));
        ResponseErrorException r = assertInstanceOf(ResponseErrorException.class, e.getCause());
        assertEquals(ResponseErrorCode.RequestFailed.getValue(), r.getResponseError().getCode());
        assertTrue(r.getMessage().contains("every run thread is busy; try cowpte.report again"), r.getMessage());
    }

    @Test
    void aReportThatThrowsIsAnInternalErrorAndALogLine() throws Exception {
        var store = new dev.cowpte.lsp.document.DocumentStore();
        store.open(URI, 1, TEXT);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ScenarioCommands commands = new ScenarioCommands(store, null, runs, () -> {
            throw new IllegalStateException("settings are gone");
        }, (file, r) -> "", new ServerLog(new PrintStream(err, true)));
        CompletableFuture<Object> f = commands.execute(new ExecuteCommandParams(ScenarioCommands.REPORT,
                List.of(new JsonPrimitive(URI))));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        ResponseErrorException r = assertInstanceOf(ResponseErrorException.class, e.getCause());
        assertEquals(ResponseErrorCode.InternalError.getValue(), r.getResponseError().getCode());
        assertEquals("cowpte.report failed (IllegalStateException); the server log has details", r.getMessage());
        String log = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(log.contains("cowpte.report of " + URI + " failed") && log.contains("settings are gone"), log);
    }

    @Test
    void requestsAboutDocumentsNeverOpenedAnswerErrorsOrNothing() throws Exception {
        initialize(null, false);
        type(7, 0, "x");
        assertEquals(0, server.scheduler().runsStarted());
        CompletableFuture<Object> run = server.getWorkspaceService().executeCommand(
                new ExecuteCommandParams(ScenarioCommands.RUN, List.of(new JsonPrimitive("file:///nowhere.cowpte"))));
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
        ResponseErrorException r = assertInstanceOf(ResponseErrorException.class, e.getCause());
        assertEquals(ResponseErrorCode.InvalidParams.getValue(), r.getResponseError().getCode());
        e = assertThrows(ExecutionException.class, () -> command("cowpte.unknown"));
        assertInstanceOf(ResponseErrorException.class, e.getCause());
        e = assertThrows(ExecutionException.class, () -> command(ScenarioCommands.RUN));
        assertInstanceOf(ResponseErrorException.class, e.getCause());
        server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(URI)));
        server.getTextDocumentService().didSave(new DidSaveTextDocumentParams(new TextDocumentIdentifier()));
    }

    @Test
    void closingADocumentCancelsItsRunAndClearsItsDiagnostics() throws Exception {
        initialize(null, false);
        open(1, TEXT);
        timer.fireAll();
        engine.nextBegun();
        assertEquals(1, client.nextDiagnostics().getVersion(), "the front end's diagnostics of the open");
        server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(URI)));
        engine.release();
        var cleared = client.nextDiagnostics();
        assertEquals(URI, cleared.getUri());
        assertTrue(cleared.getDiagnostics().isEmpty());
        assertTrue(server.store().lastRun(URI).isEmpty());
        assertNull(client.summaries.poll());
    }

    @Test
    void longRunsShowWorkDoneProgressWhenTheClientSupportsIt() throws Exception {
        initialize(null, true);
        open(1, TEXT);
        timer.fireAll();
        engine.nextBegun();
        assertEquals(1, timer.fireAll(), "the half-second delay of the progress elapses while the run is held");
        engine.release();
        client.nextSummary();
        assertEquals(List.of("create cowpte-run-1", "begin cowpte-run-1", "report cowpte-run-1", "end cowpte-run-1"),
                List.of(client.nextProgress(), client.nextProgress(), client.nextProgress(), client.nextProgress()));
        assertTrue(client.progressMessages.contains("report cowpte-run-1: line 1: process parent, 0%"),
                client.progressMessages.toString());
    }

    @Test
    void aRunCanBeCancelledFromTheEditorsProgress() throws Exception {
        initialize(null, true);
        open(1, TEXT);
        timer.fireAll();
        engine.nextBegun();
        assertEquals(1, timer.fireAll(), "the half-second delay of the progress elapses while the run is held");
        assertEquals("create cowpte-run-1", client.nextProgress());
        assertEquals("begin cowpte-run-1", client.nextProgress());
        server.cancelProgress(new org.eclipse.lsp4j.WorkDoneProgressCancelParams(
                org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft("cowpte-run-1")));
        engine.release();
        String last;
        do {
            last = client.nextProgress();
        } while (last.startsWith("report"));
        assertEquals("end cowpte-run-1", last);
        // the message is recorded just after the kind
        for (int i = 0; i < 100 && !client.progressMessages.contains("end cowpte-run-1: cancelled"); i++) {
            Thread.sleep(20);
        }
        assertTrue(client.progressMessages.contains("end cowpte-run-1: cancelled"), client.progressMessages.toString());
        assertEquals(List.of(true), engine.cancelledWhenReleased);
        assertNull(client.summaries.poll(), "a cancelled run publishes nothing");
    }

    @Test
    void exitCodeTellsWhetherShutdownCameFirst() throws Exception {
        initialize(null, false);
        server.exit();
        assertEquals(1, exitCode.get());
        server.shutdown().get(30, TimeUnit.SECONDS);
        server.exit();
        assertEquals(0, exitCode.get());
    }

    @Test
    void theWatchdogEndsTheServerWhenTheEditorIsGone() {
        AtomicInteger gone = new AtomicInteger();
        ClientWatchdog w = new ClientWatchdog(pid -> pid != 4242, gone::incrementAndGet);
        assertTrue(w.check(ProcessHandle.current().pid()));
        assertEquals(0, gone.get());
        w.check(4242);
        assertEquals(1, gone.get());
        assertTrue(ClientWatchdog.PROCESS_HANDLE.test(ProcessHandle.current().pid()));
    }

    @Test
    void memoryRequestReportsTheHeap() throws Exception {
        initialize(null, false);
        MemoryReport m = server.memory().get(30, TimeUnit.SECONDS);
        assertTrue(m.heapUsedBytes() > 0 && m.heapUsedBytes() <= m.heapCommittedBytes());
    }
}
