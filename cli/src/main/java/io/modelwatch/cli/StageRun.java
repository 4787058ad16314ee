package io.modelwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One benchmark stage run in a fresh JVM by a given CLI jar ({@code monitor bench --stage S} of that jar), with what
 * the child reports of itself: its CPU time and peak RSS. The jar may be an older release's: the hidden
 * {@code --stage} option and the {@code cpuMs=} / {@code peakRssKb=} lines it prints have been the same since the
 * benchmark had them.
 *
 * @param classPath  the class path of the child: the CLI jar (its manifest names its libraries)
 * @param jvmOpts    options of the child JVMs
 * @param streamHeap heap option of the streamed stages, blank for none
 * @param archive    the class-data archive to map, if any
 */
record StageRun(String classPath, String jvmOpts, String streamHeap, Optional<Path> archive) {

    /** Stages that stream the current file: their heap is capped as ./monitor run caps it. */
    static final List<String> STREAMED = List.of("drift", "full", "kernel");

    /** The stage's figures: wall time of the child process, its CPU time (user + system), its peak RSS. */
    record Measurement(double wallSeconds, double cpuSeconds, double peakRssMb, String output) {
    }

    /** The class-data archive {@code ./monitor} builds next to a CLI jar ({@code modelwatch-cli.jsa}), if there is one. */
    static Optional<Path> archiveNextTo(Path jar) {
        Path archive = jar.toAbsolutePath().resolveSibling("modelwatch-cli.jsa");
        return Files.exists(archive) ? Optional.of(archive) : Optional.empty();
    }

    /**
     * Runs {@code stage} of the benchmark on the files of {@code dir} in a fresh JVM and waits for it.
     *
     * @throws IllegalStateException when the child fails (its output in the message)
     */
    Measurement run(String stage, int rows, int currentRows, Path dir, Path config) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        archive.ifPresent(a -> cmd.addAll(List.of("-XX:SharedArchiveFile=" + a, "-Xshare:auto")));
        cmd.addAll(List.of(jvmOpts.trim().split("\\s+")));
        if (STREAMED.contains(stage) && !streamHeap.isBlank()) {
            cmd.add(streamHeap.trim());
        }
        cmd.addAll(List.of("-cp", classPath, MonitorCommand.class.getName(), "bench", "--rows", String.valueOf(rows),
                "--current-rows", String.valueOf(currentRows), "--dir", dir.toString(), "--stage", stage));
        if (config != null) {
            cmd.addAll(List.of("--config", config.toAbsolutePath().toString()));
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("stage " + stage + " (" + classPath + ") failed with exit code " + code + ": " + out);
        }
        if (stage.equals("kernel")) {
            return new Measurement(wall, 0, 0, out);
        }
        long peakKb = Long.parseLong(out.trim().replaceAll("(?s).*peakRssKb=(\\d+).*", "$1"));
        long cpuMs = Long.parseLong(out.trim().replaceAll("(?s).*cpuMs=(\\d+).*", "$1"));
        return new Measurement(wall, cpuMs / 1000.0, peakKb / 1024.0, out);
    }
}
