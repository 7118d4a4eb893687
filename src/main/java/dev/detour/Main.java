package dev.detour;

import dev.detour.cli.DetourCommand;
import picocli.CommandLine;

public final class Main {
    public static void main(String[] args) {
        System.exit(DetourCommand.commandLine(args).execute(args));
    }
}
