package dev.detour;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench and fuzz programs under {@code scripts/} run as single-file sources against the built classes; nothing
 * else compiles them, so a change to an API they use would break them silently. They must compile against the
 * classes and dependencies of this build.
 */
class BenchProgramsCompileTest {
    @TempDir
    Path out;

    @Test
    void benchAndFuzzProgramsCompileAgainstTheBuiltClasses() throws IOException {
        List<Path> programs;
        try (Stream<Path> bench = Files.list(Path.of("scripts/bench")); Stream<Path> fuzz = Files.list(Path.of("scripts/fuzz"))) {
            programs = Stream.concat(bench, fuzz).filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertFalse(programs.isEmpty(), "no programs found under scripts/bench and scripts/fuzz");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            boolean compiled = javac.getTask(errors, files, null,
                    List.of("-proc:none", "-nowarn", "-cp", System.getProperty("java.class.path"), "-d", out.toString()),
                    null, files.getJavaFileObjectsFromPaths(programs)).call();
            assertTrue(compiled, "scripts that no longer compile:\n" + errors);
        }
    }
}
