package io.modelwatch.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's child JVMs start as {@code ./monitor} starts the CLI: the launcher's default options (read from the
 * script itself, the independent source) are the bench's {@code --jvm-opts} default, less the launcher's stack size
 * and heap, which the bench sets on its own (no stack option; {@code --stream-heap} for the streamed stages).
 */
class BenchJvmOptionsTest {

    @Test
    void theBenchStartsItsChildrenWithTheLaunchersOptions() throws Exception {
        Path script = Path.of("..", "monitor");
        String text = Files.readString(script);
        Matcher defaults = Pattern.compile("\\$\\{MODELWATCH_JAVA_OPTS:-([^}]*)}").matcher(text);
        Matcher runHeap = Pattern.compile("heap=\"(-Xmx[0-9]+[mg])\"").matcher(text);
        assertThat(runHeap.find()).as("the heap of a streamed monitor run in " + script.toAbsolutePath()).isTrue();
        assertThat(defaults.find()).as("the launcher's default JVM options in " + script.toAbsolutePath()).isTrue();
        List<String> launcher = Arrays.stream(defaults.group(1).trim().split("\\s+"))
                .filter(o -> !o.startsWith("-Xss") && !o.equals("$heap")).toList();

        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs();
        assertThat(bench.jvmOpts.trim().split("\\s+")).containsExactlyElementsOf(launcher);
        assertThat(launcher).containsExactly("-XX:+UseParallelGC", "-XX:MaxNewSize=128m");
        assertThat(bench.streamHeap).isEqualTo(runHeap.group(1)).isEqualTo("-Xmx768m");
    }
}
