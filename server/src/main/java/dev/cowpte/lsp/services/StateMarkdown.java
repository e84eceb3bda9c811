package dev.cowpte.lsp.services;

import dev.cowpte.mm.MachineSummary;
import dev.cowpte.mm.MmSummary;
import dev.cowpte.run.ExpectationOutcome;
import dev.cowpte.run.Outcome;
import dev.cowpte.run.StatementRecord;
import dev.cowpte.words.KernelWords;

/**
 * What a statement did and the state after it, as Markdown: its verdict or error, the work it
 * did, each process's rss, pgtables_bytes and tables, and the machine's totals.
 */
final class StateMarkdown {
    private StateMarkdown() {
    }

    static String afterStatement(StatementRecord r) {
        StringBuilder sb = new StringBuilder();
        sb.append("**after `").append(r.text().replace("`", "'")).append("`**");
        if (r.note() != null) {
            sb.append(" — ").append(r.note());
        }
        sb.append("\n\n");
        if (r.outcome() == Outcome.NOT_RUN) {
            return sb.append("_not run: the scenario stopped before this statement_\n").toString();
        }
        verdict(r, sb);
        if (r.errorMessage() != null) {
            sb.append("**").append(r.errorCode().id()).append("**: ").append(r.errorMessage()).append("\n\n");
        }
        sb.append("work: ").append(KernelWords.work(r.work()));
        if (r.executions() > 1) {
            sb.append(" (this run; over all ").append(r.executions()).append(" runs: ")
                    .append(KernelWords.work(r.totalWork())).append(')');
        }
        sb.append("\n\n");
        if (!r.processes().isEmpty()) {
            sb.append("| process | rss | pgtables_bytes | tables reached | shared PTE tables |\n");
            sb.append("|---|--:|--:|---|--:|\n");
            for (MmSummary p : r.processes()) {
                sb.append("| ").append(p.comm()).append(" | ").append(KernelWords.pages(p.rssPages()))
                        .append(" | ").append(KernelWords.size(p.pgtablesBytes()))
                        .append(" | ").append(KernelWords.tables(p.tables()))
                        .append(" | ").append(p.sharedPteTables()).append(" |\n");
            }
            if (r.processesTruncated()) {
                sb.append("\n_only the first ").append(StatementRecord.MAX_PROCESSES).append(" processes_\n");
            }
            sb.append('\n');
        }
        MachineSummary m = r.machine();
        if (m != null) {
            sb.append("machine: PageTables ").append(KernelWords.size(m.pageTablesBytes())).append(" (")
                    .append(KernelWords.tables(m.tables())).append("), memory in use ")
                    .append(KernelWords.size(m.memoryInUse())).append(", ").append(KernelWords.faults(m.faults()))
                    .append('\n');
        }
        if (r.shown() != null) {
            sb.append("\n```\n").append(r.shown().stripTrailing()).append("\n```\n");
        }
        return sb.toString();
    }

    private static void verdict(StatementRecord r, StringBuilder sb) {
        ExpectationOutcome e = r.expectation();
        if (e == null) {
            return;
        }
        if (r.failedCount() > 0 && r.firstFailure() != null) {
            sb.append("✗ **failed**: ").append(r.firstFailure().message());
            if (r.executions() > 1) {
                sb.append(" (failed in ").append(r.failedCount()).append(" of ").append(r.executions()).append(" iterations)");
            }
        } else {
            sb.append("✓ held: ").append(e.subject()).append(' ').append(e.expected()).append(", actual ")
                    .append(e.actual());
        }
        sb.append("\n\n");
    }
}
