package io.spaxos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchParsingTest {

    @Test
    void heap_in_use_is_read_from_jcmd_for_g1_and_for_generational_collectors() {
        assertThat(MemoryReading.heapUsedKb(" garbage-first heap   total 262144K, used 23456K [0x0, 0x1)\n"
                + "  region size 1024K, 23 young (23552K), 3 survivors (3072K)\n"
                + " Metaspace       used 12345K, committed 12544K, reserved 1114112K\n")).isEqualTo(23456);
        assertThat(MemoryReading.heapUsedKb(" PSYoungGen      total 76288K, used 6554K [0x0)\n"
                + " ParOldGen       total 175104K, used 100K [0x0)\n")).isEqualTo(6654);
        assertThat(MemoryReading.heapUsedKb("12345: no such process")).isEqualTo(-1);
    }

    @Test
    void redis_benchmark_summary_is_its_last_set_line() {
        assertThat(RedisBenchmark.summary("SET: rps=1000.0 (overall: 900.0) avg_msec=1.0\r"
                + "SET: 41152.26 requests per second, p50=1.151 msec\n\n"))
                .isEqualTo("SET: 41152.26 requests per second, p50=1.151 msec");
    }
}
