package io.spaxos.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {

    @Test
    void a_history_written_line_by_line_reads_back_the_same(@TempDir Path dir) throws Exception {
        final List<Op> ops = List.of(
                new Op(0, 1, "k0", Op.Fn.WRITE, 3, null, 10, 20, Op.Type.OK, null, null),
                new Op(1, 2, "k0", Op.Fn.CAS, 4, 3, 15, 30, Op.Type.OK, true, null),
                new Op(2, 3, "k1", Op.Fn.READ, null, null, 16, 25, Op.Type.OK, null, null),
                new Op(3, 1, "k1", Op.Fn.READ, null, null, 17, 26, Op.Type.OK, 4, null),
                new Op(4, 2, "k\"q", Op.Fn.WRITE, 1, null, 18, 5_000_018, Op.Type.FAIL, null, "ERR not applied: x"),
                new Op(9, 3, "k0", Op.Fn.CAS, 0, 1, 19, 19, Op.Type.INFO, null, "TRYAGAIN outcome\tunknown"));
        final Path file = dir.resolve("history.jsonl");
        try (HistoryLog log = new HistoryLog(file)) {
            ops.forEach(log::add);
        }
        assertThat(Files.readAllLines(file).get(1))
                .isEqualTo("{\"process\":1,\"node\":2,\"key\":\"k0\",\"f\":\"cas\",\"value\":[3,4],\"type\":\"ok\","
                        + "\"result\":true,\"invoke_us\":15,\"complete_us\":30}");
        assertThat(HistoryFile.read(file)).isEqualTo(ops);
    }
}
