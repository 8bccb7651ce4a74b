package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.tools.cli.UsageException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionChooserTest {

    @Test
    void byDefaultTheProducerChooses() throws Exception {
        PartitionChooser chooser = PartitionChooser.plan(GeneratorFlags.parse(), 4);

        assertThat(chooser.next()).isNull();
    }

    @Test
    void aQuietPartitionIsNeverChosenAndTheOthersTakeTurns() throws Exception {
        PartitionChooser chooser = PartitionChooser.plan(GeneratorFlags.parse("--quiet-partition", "1"), 4);

        assertThat(take(chooser, 6)).containsExactly(0, 2, 3, 0, 2, 3);
    }

    @Test
    void partitionsSpreadsOverTheFirstN() throws Exception {
        PartitionChooser chooser = PartitionChooser.plan(GeneratorFlags.parse("--partitions", "2"), 6);

        assertThat(take(chooser, 4)).containsExactly(0, 1, 0, 1);
    }

    @Test
    void partitionsAndAQuietPartitionTogether() throws Exception {
        PartitionChooser chooser =
                PartitionChooser.plan(GeneratorFlags.parse("--partitions", "3", "--quiet-partition", "0"), 6);

        assertThat(take(chooser, 4)).containsExactly(1, 2, 1, 2);
    }

    @Test
    void choicesTheTopicCannotHonourAreRefused() {
        assertThatThrownBy(() -> PartitionChooser.plan(GeneratorFlags.parse("--partitions", "8"), 3))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--partitions")
                .hasMessageContaining("3");
        assertThatThrownBy(() -> PartitionChooser.plan(GeneratorFlags.parse("--quiet-partition", "5"), 3))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--quiet-partition");
        assertThatThrownBy(() -> PartitionChooser.plan(GeneratorFlags.parse("--quiet-partition", "0"), 1))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("single partition");
    }

    private static List<Integer> take(PartitionChooser chooser, int count) {
        List<Integer> partitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            partitions.add(chooser.next());
        }
        return partitions;
    }
}
