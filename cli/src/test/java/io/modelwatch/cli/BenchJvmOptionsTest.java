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

    /**
     * The services stage (scripts/bench-services.sh) times the CLI with the options {@code ./monitor} starts a
     * streamed run with, and starts alert- and report-service with the JIT tier their images use (the property
     * {@code modelwatch.image.jit} of their pom.xml, read as the independent source).
     */
    @Test
    void theServicesStageStartsTheCliAndTheLightServicesAsTheyAreShipped() throws Exception {
        String launcher = Files.readString(Path.of("..", "monitor"));
        Matcher defaults = Pattern.compile("\\$\\{MODELWATCH_JAVA_OPTS:-([^}]*)}").matcher(launcher);
        Matcher runHeap = Pattern.compile("heap=\"(-Xmx[0-9]+[mg])\"").matcher(launcher);
        assertThat(defaults.find()).isTrue();
        assertThat(runHeap.find()).isTrue();
        String streamedRun = defaults.group(1).trim().replace("$heap", runHeap.group(1));

        String script = Files.readString(Path.of("..", "scripts", "bench-services.sh"));
        Matcher cliOpts = Pattern.compile("(?m)^cli_opts=\"([^\"]*)\"").matcher(script);
        assertThat(cliOpts.find()).as("cli_opts in bench-services.sh").isTrue();
        assertThat(cliOpts.group(1).split("\\s+")).containsExactlyInAnyOrder(streamedRun.split("\\s+"));

        Matcher light = Pattern.compile("light_opts=\"\\$\\{BENCH_LIGHT_SERVICE_OPTS-([^}]*)}\"").matcher(script);
        assertThat(light.find()).as("light_opts in bench-services.sh").isTrue();
        assertThat(light.group(1)).isEqualTo("-XX:TieredStopAtLevel=1");
        Pattern imageJit = Pattern.compile("<modelwatch.image.jit>([^<]*)</modelwatch.image.jit>");
        for (String service : List.of("alert-service", "report-service")) {
            Matcher jit = imageJit.matcher(Files.readString(Path.of("..", service, "pom.xml")));
            assertThat(jit.find()).as("modelwatch.image.jit in " + service + "/pom.xml").isTrue();
            assertThat(jit.group(1)).as(service).isEqualTo(light.group(1));
            assertThat(script).contains("[" + service + "]=\"$light_opts\"");
        }
        Matcher parent = imageJit.matcher(Files.readString(Path.of("..", "pom.xml")));
        assertThat(parent.find()).isTrue();
        assertThat(parent.group(1)).isEqualTo("-XX:TieredStopAtLevel=4");
        assertThat(Files.readString(Path.of("..", "pom.xml"))).contains("<arg>${modelwatch.image.jit}</arg>");
    }
}
