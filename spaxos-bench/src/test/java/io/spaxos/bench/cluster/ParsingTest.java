package io.spaxos.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParsingTest {

    @Test
    void the_master_is_read_from_the_info_replication_section() {
        assertThat(SpaxosCluster.masterIn("# Replication\r\nrole:master\r\nspaxos_master_id:2\r\n")).isEqualTo(2);
        assertThat(SpaxosCluster.masterIn("# Replication\r\nspaxos_master_id:0\r\n")).isZero();
        assertThat(SpaxosCluster.masterIn("")).isZero();
    }

    @Test
    void a_generated_spaxos_config_is_in_the_seed_format_with_client_ports() {
        final String config = new SpaxosCluster(java.nio.file.Path.of("."), java.nio.file.Path.of("/tmp/x"), 21000, "")
                .config(2);
        assertThat(config).contains("\"selfid\": 2").contains("\"port\": 21001").contains("\"redis_port\": 21013")
                .contains("\"line_port\": 21023").contains("\"stimeout\"").contains("\"path\": \"/tmp/x/data2\"");
    }
}
