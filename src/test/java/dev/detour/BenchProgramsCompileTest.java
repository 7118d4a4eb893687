package dev.detour;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The bench and fuzz programs under {@code scripts/} run as single-file sources against the built classes; nothing
 * else compiles them, so a change to an API they use would break them silently. Each must compile against the
 * classes and dependencies of this build.
 */
class BenchProgramsCompileTest {
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    /** Shared by every program: reading the dependencies' jars once keeps the whole test to seconds. */
    private static StandardJavaFileManager files;

    @TempDir
    Path out;

    @BeforeAll
    static void openFiles() {
        files = JAVAC.getStandardFileManager(null, null, null);
    }

    @AfterAll
    static void closeFiles() throws IOException {
        files.close();
    }

    static Stream<Path> programs() throws IOException {
        List<Path> all = Stream.of("scripts/bench", "scripts/fuzz")
                .flatMap(dir -> {
                    try (Stream<Path> files = Files.list(Path.of(dir))) {
                        return files.filter(f -> f.toString().endsWith(".java")).sorted().toList().stream();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        assertFalse(all.isEmpty(), "no programs found under scripts/bench and scripts/fuzz");
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void compilesAgainstTheBuiltClasses(Path program) {
        StringWriter errors = new StringWriter();
        boolean compiled = JAVAC.getTask(errors, files, null,
                List.of("-proc:none", "-nowarn", "-cp", System.getProperty("java.class.path"), "-d", out.toString()),
                null, files.getJavaFileObjects(program)).call();
        assertEquals(true, compiled, program + " does not compile:\n" + errors);
    }
}
