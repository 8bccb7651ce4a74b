package com.logininsights.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.cluster.OutputAudit.AlertFigures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The fault matrix's comparison of alerts with the reference run's: each difference it must catch. */
class OutputAuditTest {
    private static final ConsumerRecord<byte[], byte[]> BURST = alert(0, "u-1", "burst/user-login/0/88", 500);
    private static final ConsumerRecord<byte[], byte[]> SHARED_IP =
            alert(1, "203.0.113.9", "shared_ip/user-login/2/17", 21);

    @Test
    void theSameAlertsInAnotherOrderAreEqual() {
        AlertFigures figures = OutputAudit.alerts(List.of(SHARED_IP, BURST), List.of(BURST, SHARED_IP));

        assertThat(figures.alerts()).isEqualTo(2);
        assertThat(figures.referenceAlerts()).isEqualTo(2);
        assertThat(figures.duplicated() + figures.missing() + figures.extra()).isZero();
        assertThat(figures.examples()).isEmpty();
    }

    @Test
    void anAlertWrittenTwiceIsADuplicateAndExtra() {
        AlertFigures figures = OutputAudit.alerts(List.of(BURST, SHARED_IP, BURST), List.of(BURST, SHARED_IP));

        assertThat(figures.duplicated()).isOne();
        assertThat(figures.extra()).isOne();
        assertThat(figures.missing()).isZero();
        assertThat(figures.examples()).anySatisfy(e -> assertThat(e).contains("2 times: burst/user-login/0/88"));
    }

    @Test
    void anAlertTheReferenceRaisedAndTheJobDidNotIsMissing() {
        AlertFigures figures = OutputAudit.alerts(List.of(BURST), List.of(BURST, SHARED_IP));

        assertThat(figures.missing()).isOne();
        assertThat(figures.extra() + figures.duplicated()).isZero();
    }

    @Test
    void anAlertWithOtherEvidenceIsMissingAndExtra() {
        AlertFigures figures =
                OutputAudit.alerts(List.of(alert(0, "u-1", "burst/user-login/0/88", 499)), List.of(BURST));

        assertThat(figures.missing()).isOne();
        assertThat(figures.extra()).isOne();
        assertThat(figures.duplicated()).isZero();
    }

    @Test
    void theSameAlertUnderAnotherKeyIsMissingAndExtra() {
        AlertFigures figures =
                OutputAudit.alerts(List.of(alert(0, "u-2", "burst/user-login/0/88", 500)), List.of(BURST));

        assertThat(figures.missing() + figures.extra()).isEqualTo(2);
    }

    @Test
    void noAlertsWhereTheReferenceHasSomeAreAllMissing() {
        List<ConsumerRecord<byte[], byte[]>> none = new ArrayList<>();

        assertThat(OutputAudit.alerts(none, List.of(BURST, SHARED_IP)).missing())
                .isEqualTo(2);
    }

    private static ConsumerRecord<byte[], byte[]> alert(int partition, String key, String id, int logins) {
        String value = "{\"id\":\"" + id + "\",\"signal\":\"" + id.substring(0, id.indexOf('/')) + "\",\"subject\":\""
                + key + "\",\"evidence\":{\"logins\":" + logins + "}}";
        return new ConsumerRecord<>(
                "alerts", partition, 0L, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }
}
