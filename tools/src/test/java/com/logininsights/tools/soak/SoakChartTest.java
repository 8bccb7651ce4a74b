package com.logininsights.tools.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SoakChartTest {

    @Test
    void everyMeasurementHasAPanelAndTheSvgIsWellFormed() throws Exception {
        Document svg = parse(SoakChart.svg("a soak <test> & more", samples(12)));

        NodeList panels = svg.getElementsByTagName("g");
        assertThat(panels.getLength()).isEqualTo(SoakChart.PANELS.size());
        List<Series> charted = SoakChart.PANELS.stream()
                .flatMap(panel -> Stream.concat(panel.lines().stream(), panel.dots().stream()))
                .toList();
        assertThat(charted)
                .containsExactlyInAnyOrder(
                        Arrays.stream(Series.values()).filter(Series::measure).toArray(Series[]::new));
        assertThat(svg.getDocumentElement().getTextContent()).contains("a soak <test> & more");
    }

    @Test
    void aSeriesMissingInOneSampleIsDrawnInTwoPiecesAndOccasionalValuesAsDots() throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            Map<Series, Double> values = new EnumMap<>(Series.class);
            if (i != 5) {
                values.put(Series.HEAP_AFTER_GC, 50.0 + i);
            }
            if (i % 5 == 0) {
                values.put(Series.LIVE_HEAP, 45.0);
            }
            samples.add(new Sample(Duration.ofSeconds(10L * i), values));
        }

        Element heapPanel = (Element)
                parse(SoakChart.svg("gaps", samples)).getElementsByTagName("g").item(0);

        assertThat(heapPanel.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(heapPanel.getElementsByTagName("circle").getLength()).isEqualTo(2);
    }

    @Test
    void noSamplesStillMakeAChartThatSaysSo() throws Exception {
        Document svg = parse(SoakChart.svg("nothing", List.of()));

        assertThat(svg.getElementsByTagName("polyline").getLength()).isZero();
        assertThat(svg.getDocumentElement().getTextContent()).contains("no samples");
    }

    @Test
    void axisStepsAreRound() {
        assertThat(SoakChart.niceStep(17)).isEqualTo(20);
        assertThat(SoakChart.niceStep(0.3)).isEqualTo(0.5);
        assertThat(SoakChart.niceStep(1200)).isEqualTo(2000);
        assertThat(SoakChart.minuteStep(30)).isEqualTo(5);
        assertThat(SoakChart.minuteStep(1)).isEqualTo(1 / 6.0);
        assertThat(SoakChart.compact(150_000)).isEqualTo("150k");
        assertThat(SoakChart.compact(2_500)).isEqualTo("2.5k");
        assertThat(SoakChart.compact(40)).isEqualTo("40");
    }

    static List<Sample> samples(int count) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<Series, Double> values = new EnumMap<>(Series.class);
            for (Series series : Series.values()) {
                values.put(series, (double) i * (series.ordinal() + 1));
            }
            samples.add(new Sample(Duration.ofSeconds(10L * i), values));
        }
        return samples;
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
