package dev.cowpte.lsp.services;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.DiagnosticData;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Range;

/**
 * A document's diagnostics: the front end's at once, and the findings of the last run when it
 * ran on this very version. A run of an older version says nothing here: its lines may have
 * moved or changed meaning, and a new run is on its way. A kernel check of this very version adds
 * its own ({@link KernelCheckService#diagnostics}, source {@value KernelCheckService#SOURCE}).
 */
public final class DiagnosticsService {
    public static final String SOURCE = "cowpte";

    /** The front end's, the run's and the kernel check's diagnostics, together. */
    public List<Diagnostic> diagnostics(ScenarioDocument document, Optional<DocumentStore.LastRun> lastRun,
                                        Optional<DocumentStore.LastKernelCheck> kernelCheck) {
        List<Diagnostic> out = new ArrayList<>(diagnostics(document, lastRun));
        out.addAll(KernelCheckService.diagnostics(document, kernelCheck));
        return out;
    }

    public List<Diagnostic> diagnostics(ScenarioDocument document, Optional<DocumentStore.LastRun> lastRun) {
        List<Diagnostic> out = new ArrayList<>();
        for (dev.cowpte.lang.Diagnostic d : document.analysis().diagnostics()) {
            Diagnostic lsp = diagnostic(LineIndex.toLsp(d.range()), d.severity(), d.code(), d.message(), d.data());
            if (d.code() == DiagnosticCode.EXITED_PROCESS && document.analysis().scenario() != null) {
                String process = text(document.text(), d.range());
                new RelatedStatements(document.analysis().scenario().statements(), null)
                        .endOf(process, d.range().startOffset())
                        .ifPresent(x -> relate(lsp, document.uri(), x));
            }
            out.add(lsp);
        }
        Optional<RunView> view = RunView.of(document, lastRun);
        if (view.isPresent() && view.get().isCurrent()) {
            out.addAll(new RunDiagnostics(view.get()).all());
        }
        return out;
    }

    static void relate(Diagnostic d, String uri, RelatedStatements.Related x) {
        d.setRelatedInformation(List.of(new DiagnosticRelatedInformation(
                new Location(uri, LineIndex.toLsp(x.statement().range())), x.message())));
    }

    static String text(String text, dev.cowpte.lang.SourceRange r) {
        int from = Math.max(0, Math.min(r.startOffset(), text.length()));
        return text.substring(from, Math.max(from, Math.min(r.endOffset(), text.length())));
    }

    /** An LSP diagnostic with the severity of its code and, in {@code data}, what its fixes need. */
    static Diagnostic diagnostic(Range range, DiagnosticCode code, String message, List<DiagnosticData> data) {
        return diagnostic(range, code.severity(), code, message, data);
    }

    static Diagnostic diagnostic(Range range, dev.cowpte.lang.Diagnostic.Severity severity, DiagnosticCode code,
                                 String message, List<DiagnosticData> data) {
        Diagnostic d = new Diagnostic(range, message, severity(severity), SOURCE);
        d.setCode(code.id());
        d.setData(DiagnosticDataJson.toJson(data));
        return d;
    }

    static DiagnosticSeverity severity(dev.cowpte.lang.Diagnostic.Severity s) {
        return switch (s) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
            case HINT -> DiagnosticSeverity.Hint;
        };
    }
}
