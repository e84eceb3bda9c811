package dev.cowpte.lang.ast;

import java.util.List;

/** A whole scenario file: its optional title and its statements, top to bottom. */
public record Scenario(String title, List<Statement> statements) {
}
