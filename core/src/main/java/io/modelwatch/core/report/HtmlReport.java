package io.modelwatch.core.report;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import io.modelwatch.core.result.RunResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS and SVG charts, no script, no network)
 * from the Qute template {@code report.html} next to this class. The CLI and {@code report-service} both
 * call this, so a run's report is the same wherever it was made.
 */
public final class HtmlReport {

    private static final String TEMPLATE = "report.html";
    private static final Engine ENGINE = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addValueResolver(ValueResolvers.rawResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .build();
    private static final Template REPORT = ENGINE.parse(load(TEMPLATE),
            new Variant(Locale.ROOT, Variant.TEXT_HTML, StandardCharsets.UTF_8.name()));

    private HtmlReport() {
    }

    public static String render(RunResult result) {
        return REPORT.data("r", ReportView.of(result)).render();
    }

    private static String load(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
