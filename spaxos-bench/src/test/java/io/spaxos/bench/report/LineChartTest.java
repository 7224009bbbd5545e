package io.spaxos.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    @TempDir
    Path dir;

    @Test
    void a_chart_is_written_as_a_png_of_the_asked_size() throws Exception {
        final Path png = dir.resolve("chart.png");
        new LineChart("t", "x", LineChart.Scale.LOG, List.of(new LineChart.Tick(1, "1"), new LineChart.Tick(64, "64")),
                "y", LineChart.Scale.LINEAR, LineChart::compact)
                .add(new LineChart.Series("a", Color.RED, new double[] {1, 16, 64}, new double[] {100, 1500, 9000}))
                .add(new LineChart.Series("b", Color.BLUE, new double[] {1, 16, 64}, new double[] {50, Double.NaN, 20}))
                .write(png, 400, 300);
        final BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);
    }

    @Test
    void linear_ticks_are_round_numbers_from_zero_past_the_largest_value() {
        assertThat(LineChart.linearTicks(new double[] {0, 9_300}).stream().map(LineChart.Tick::value))
                .containsExactly(0.0, 2000.0, 4000.0, 6000.0, 8000.0, 10000.0);
        assertThat(LineChart.compact(12_000)).isEqualTo("12k");
        assertThat(LineChart.compact(1_500_000)).isEqualTo("1.5M");
    }
}
