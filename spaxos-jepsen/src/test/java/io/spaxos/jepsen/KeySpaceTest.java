package io.spaxos.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeySpaceTest {

    @Test
    void a_key_is_retired_after_its_share_of_operations_and_a_fresh_one_takes_its_place() {
        final KeySpace keys = new KeySpace(3, 10);
        final Map<String, Integer> uses = new HashMap<>();
        final Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            uses.merge(keys.pick(random), 1, Integer::sum);
        }
        assertThat(uses.values()).allMatch(n -> n <= 10);
        assertThat(keys.activeKeys()).hasSize(3);
        assertThat(keys.allKeys()).hasSizeGreaterThanOrEqualTo(30).startsWith("k0", "k1", "k2");
    }
}
