package dev.detour.cli;

import java.io.PrintWriter;

/** A command that runs from either start path: picocli's (with its writers) or the quick start's ({@link QuickStart}). */
interface QuickCommand {
    int run(PrintWriter out, PrintWriter err) throws Exception;
}
