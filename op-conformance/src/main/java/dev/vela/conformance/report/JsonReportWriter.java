package dev.vela.conformance.report;

import com.google.gson.FormattingStyle;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link ConformanceReport} as JSON with Gson's streaming writer: indented, members in a fixed order and a
 * check's labels sorted, so that two reports of the same run compare line by line.
 */
public final class JsonReportWriter {

    private JsonReportWriter() {}

    /**
     * @param report the report
     * @return the JSON document, ending with a newline
     */
    public static String write(ConformanceReport report) {
        StringWriter text = new StringWriter();
        try (JsonWriter w = new JsonWriter(text)) {
            w.setFormattingStyle(FormattingStyle.PRETTY);
            document(w, report);
        } catch (IOException e) {
            // a StringWriter does not fail; an IOException here is an unbalanced document, a bug of this writer
            throw new UncheckedIOException(e);
        }
        return text.append('\n').toString();
    }

    private static void document(JsonWriter w, ConformanceReport report) throws IOException {
        w.beginObject().name("engineVersion").value(report.engineVersion());
        w.name("provider")
                .beginObject()
                .name("id")
                .value(report.providerId())
                .name("vendor")
                .value(report.providerVendor())
                .name("version")
                .value(report.providerVersion())
                .name("spiVersion")
                .value(report.spiVersion())
                .endObject();
        w.name("seed").value(report.seed()).name("tries").value(report.tries());
        w.name("tolerancePolicy")
                .beginObject()
                .name("version")
                .value(report.policyVersion())
                .name("profile")
                .value(report.profile())
                .endObject();
        w.name("startedAt").value(report.startedAt().toString());
        w.name("durationMillis").value(report.durationMillis());
        w.name("passed").value(report.passed());
        w.name("claims").beginArray();
        for (ClaimReport claim : report.claims()) {
            w.beginObject()
                    .name("claim")
                    .value(claim.claim().toString())
                    .name("passed")
                    .value(claim.passed())
                    .name("checks")
                    .beginArray();
            for (CheckResult r : claim.checks()) {
                check(w, r);
            }
            w.endArray().endObject();
        }
        w.endArray().endObject();
    }

    private static void check(JsonWriter w, CheckResult r) throws IOException {
        w.beginObject()
                .name("id")
                .value(r.checkId())
                .name("title")
                .value(r.title())
                .name("status")
                .value(r.status().name())
                .name("casesRun")
                .value(r.casesRun())
                .name("casesDiscarded")
                .value(r.casesDiscarded())
                .name("durationMillis")
                .value(r.durationMillis())
                .name("message")
                .value(r.message());
        w.name("labels").beginObject();
        for (Map.Entry<String, Integer> e : new TreeMap<>(r.labels()).entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        w.endObject();
        if (r.failure().isPresent()) {
            var f = r.failure().get();
            w.name("failure")
                    .beginObject()
                    .name("message")
                    .value(f.message())
                    .name("case")
                    .value(f.caseDescription())
                    .name("originalCase")
                    .value(f.originalDescription())
                    .name("shrunkSize")
                    .value(f.shrunkSize().toString())
                    .name("originalSize")
                    .value(f.originalSize().toString())
                    .name("shrinkSteps")
                    .value(f.shrinkSteps())
                    .name("caseId")
                    .value(f.caseId())
                    .name("replay")
                    .value(f.replay())
                    .endObject();
        }
        if (r.latency().isPresent()) {
            var l = r.latency().get();
            w.name("latency").beginObject().name("case").value(l.caseDescription());
            w.name("runs").value(l.runs());
            millis(w, "medianMillis", l.medianMillis());
            millis(w, "p90Millis", l.p90Millis());
            millis(w, "referenceMedianMillis", l.referenceMedianMillis());
            millis(w, "referenceP90Millis", l.referenceP90Millis());
            millis(w, "budgetMillis", l.budgetMillis());
            w.name("budgetRule").value(l.budgetRule()).endObject();
        }
        w.endObject();
    }

    /**
     * A figure in milliseconds: null when not measured (JSON has no NaN), a whole value without a fraction as the
     * reports have always written it.
     */
    private static void millis(JsonWriter w, String name, double v) throws IOException {
        w.name(name);
        if (!Double.isFinite(v)) {
            w.nullValue();
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            w.value((long) v);
        } else {
            w.value(v);
        }
    }
}
