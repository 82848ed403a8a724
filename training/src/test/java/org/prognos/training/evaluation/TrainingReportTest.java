package org.prognos.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TrainingReportTest {
    static final double EXACT = 1e-12;
    static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    static final String XLINK_NAMESPACE = "http://www.w3.org/1999/xlink";
    /** Where the sample report is kept for a person to open after the build. */
    static final Path SAMPLE_DIRECTORY = Path.of("target", "evaluation-report");
    static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp|file)://[^\\s\"'<>)]*");

    static TrainingReport full;
    static String html;

    @TempDir
    Path tmp;

    @BeforeAll
    static void renderTheSampleOnce() {
        full = SampleEvaluation.fullReport();
        html = full.html();
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    static int count(String text, String fragment) {
        int n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void the_report_is_well_formed_html_with_one_svg_per_chart() throws Exception {
        Document doc = parse(html);
        assertEquals("html", doc.getDocumentElement().getTagName());
        NodeList figures = doc.getElementsByTagName("figure");
        // PR, ROC, reliability; cost curve; RUL scatter, RUL buckets; importance; learning curve
        assertEquals(8, figures.getLength());
        for (int i = 0; i < figures.getLength(); i++) {
            assertEquals(1, ((Element) figures.item(i)).getElementsByTagName("svg").getLength(), "figure " + i);
        }
        assertEquals(8, doc.getElementsByTagName("svg").getLength());
    }

    @Test
    void the_report_loads_nothing_from_elsewhere() {
        Set<String> urls = new TreeSet<>();
        Matcher m = URL.matcher(html);
        while (m.find()) {
            urls.add(m.group());
        }
        // namespace names, never fetched: SVG's on every chart, XLink's where a chart declares it
        assertTrue(urls.contains(SVG_NAMESPACE), urls::toString);
        assertTrue(Set.of(SVG_NAMESPACE, XLINK_NAMESPACE).containsAll(urls), urls::toString);
        for (String forbidden : List.of("<script", "<link", "@import", "src=", "<iframe", "<object")) {
            assertFalse(html.contains(forbidden), forbidden);
        }
    }

    @Test
    void the_baseline_stands_beside_the_model_in_every_table() throws Exception {
        Document doc = parse(html);
        NodeList headers = doc.getElementsByTagName("th");
        int baselineHeaders = 0;
        for (int i = 0; i < headers.getLength(); i++) {
            Element th = (Element) headers.item(i);
            if ("baseline".equals(th.getAttribute("class")) && th.getTextContent().contains("class prior")) {
                baselineHeaders++;
            }
        }
        // classification summary, per class, calibration, events, threshold
        assertEquals(5, baselineHeaders);
        assertTrue(html.contains("constant RUL"));
        assertTrue(html.contains("sample-azure-24h"));
    }

    @Test
    void sections_appear_only_when_their_data_was_given() throws Exception {
        EvaluationResult[] rul = SampleEvaluation.regression(5);
        String regressionOnly = TrainingReport.builder("rul", "FD001", "by engine").result(rul[0]).result(rul[1])
                .build().html();
        Document doc = parse(regressionOnly);
        assertEquals(2, doc.getElementsByTagName("svg").getLength());
        assertTrue(regressionOnly.contains("id=\"regression\""));
        for (String absent : List.of("id=\"classification\"", "id=\"events\"", "id=\"threshold\"",
                "id=\"importance\"", "id=\"learning\"")) {
            assertFalse(regressionOnly.contains(absent), absent);
        }
        assertTrue(html.contains("id=\"classification\"") && html.contains("id=\"events\"")
                && html.contains("id=\"threshold\"") && html.contains("id=\"importance\"")
                && html.contains("id=\"learning\""));
    }

    @Test
    void rendering_is_deterministic() {
        assertEquals(html, full.html());
    }

    @Test
    void metrics_json_carries_the_same_numbers_as_the_tables() {
        JsonNode json = full.metricsJson();
        assertEquals(MetricsJson.FORMAT, json.get("format").asText());
        EvaluationResult gbt = full.results().get(0);
        JsonNode r = json.get("results").get(0);
        assertEquals("gbt", r.get("name").asText());
        assertEquals("model", r.get("role").asText());
        ClassificationMetrics c = gbt.classification().orElseThrow();
        assertEquals(c.macroF1(), r.get("classification").get("macroF1").asDouble(), EXACT);
        assertEquals(c.anyFailure().rocAuc(), r.get("classification").get("anyFailure").get("rocAuc").asDouble(), EXACT);
        assertEquals(c.confusion()[1][1], r.get("classification").get("confusion").get("counts").get(1).get(1).asLong());
        EventMetrics e = gbt.events().orElseThrow();
        assertEquals(e.eventRecall(), r.get("events").get("eventRecall").asDouble(), EXACT);
        assertEquals(e.needlessVisits(), r.get("events").get("needlessVisits").asLong());
        assertEquals(gbt.threshold().orElseThrow().threshold(), r.get("threshold").get("threshold").asDouble(), EXACT);
        assertEquals("baseline", json.get("results").get(1).get("role").asText());
        JsonNode rul = json.get("results").get(2).get("regression");
        assertEquals(full.results().get(2).regression().orElseThrow().phm08(), rul.get("phm08").asDouble(), EXACT);
        assertEquals(30, json.get("featureImportance").get(0).get("entries").size());
        assertTrue(json.get("learningCurves").get(0).get("validationLoss").get(9).isNull());
    }

    @Test
    void undefined_values_are_null_in_json_with_the_reason_beside_them() {
        int[] truth = {0, 1, 0};
        double[][] p = {{0.8, 0.1, 0.1}, {0.3, 0.6, 0.1}, {0.6, 0.2, 0.2}};
        List<String> classes = List.of("none", "comp1", "comp2");
        TrainingReport report = TrainingReport.builder("j", "d", "s")
                .result(EvaluationResult.model("m").withClassification(ClassificationMetrics.of(truth, p, classes)))
                .result(EvaluationResult.baseline("b").withClassification(ClassificationMetrics.of(truth, p, classes)))
                .build();
        JsonNode comp2 = report.metricsJson().get("results").get(0).get("classification").get("ranking").get(1);
        assertTrue(comp2.get("rocAuc").isNull());
        assertTrue(comp2.get("undefinedReason").asText().contains("no positive row of 'comp2'"));
        assertTrue(report.html().contains("no positive row of &#39;comp2&#39;"));
    }

    @Test
    void write_to_puts_report_html_and_metrics_json_in_the_directory() throws Exception {
        Path dir = tmp.resolve("bundle");
        full.writeTo(dir);
        assertEquals(html, Files.readString(dir.resolve(TrainingReport.HTML_FILE)));
        String json = Files.readString(dir.resolve(TrainingReport.JSON_FILE));
        assertEquals(MetricsJson.text(full.metricsJson()), json);
        JsonNode back = new ObjectMapper().readTree(json);
        assertEquals(full.metricsJson().get("results").size(), back.get("results").size());
    }

    @Test
    void the_sample_report_is_kept_under_target_for_a_person_to_open() throws Exception {
        full.writeTo(SAMPLE_DIRECTORY);
        assertTrue(Files.size(SAMPLE_DIRECTORY.resolve(TrainingReport.HTML_FILE)) > 10_000);
        assertTrue(Files.exists(SAMPLE_DIRECTORY.resolve(TrainingReport.JSON_FILE)));
    }

    @Test
    void text_from_the_caller_is_escaped() throws Exception {
        EvaluationResult[] rul = SampleEvaluation.regression(6);
        String out = TrainingReport.builder("<job & \"co\">", "d", "s").result(rul[0]).result(rul[1]).build().html();
        assertTrue(out.contains("&lt;job &amp; &quot;co&quot;&gt;"));
        parse(out);
    }

    @Test
    void a_report_without_a_baseline_is_refused() {
        EvaluationResult[] rul = SampleEvaluation.regression(7);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> TrainingReport.builder("j", "d", "s").result(rul[0]).build());
        assertTrue(e.getMessage().startsWith("a report shows the model beside a baseline to beat"), e.getMessage());
    }

    @Test
    void a_report_without_a_model_is_refused() {
        EvaluationResult[] rul = SampleEvaluation.regression(7);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> TrainingReport.builder("j", "d", "s").result(rul[1]).build());
        assertTrue(e.getMessage().startsWith("a report needs the evaluation of at least one model"), e.getMessage());
    }

    @Test
    void two_results_with_one_name_are_refused() {
        EvaluationResult[] rul = SampleEvaluation.regression(7);
        EvaluationException e = assertThrows(EvaluationException.class, () -> TrainingReport.builder("j", "d", "s")
                .result(rul[0]).result(rul[1]).result(EvaluationResult.baseline("lstm-rul")).build());
        assertEquals("two results are named 'lstm-rul'; names label the columns", e.getMessage());
    }

    @Test
    void importances_of_an_unknown_result_are_refused() {
        EvaluationResult[] rul = SampleEvaluation.regression(7);
        EvaluationException e = assertThrows(EvaluationException.class, () -> TrainingReport.builder("j", "d", "s")
                .result(rul[0]).result(rul[1]).featureImportance(SampleEvaluation.importance("xgb", 1)).build());
        assertTrue(e.getMessage().startsWith("feature importance of 'xgb' names no result"), e.getMessage());
    }

    @Test
    void a_feature_named_twice_in_the_importances_is_refused() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> FeatureImportance.of("m", "gain", List.of("a", "a"), new double[] {1, 2}));
        assertEquals("feature importance of 'm' names 'a' twice", e.getMessage());
    }

    @Test
    void feature_importance_keeps_the_largest_by_absolute_value() {
        FeatureImportance f = FeatureImportance.of("m", "coefficient", List.of("a", "b", "c"), new double[] {0.1, -3, 2});
        assertEquals(List.of("b", "c"), f.top(2).stream().map(FeatureImportance.Entry::feature).toList());
    }
}
