package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordKindTest {

    @Test
    void malformationsCarryTheJobsDeadLetterReasonCodes() {
        // The codes of the job's RejectReason; the generator's summary is compared with the job's counts by them.
        assertThat(RecordKind.malformations())
                .extracting(RecordKind::deadLetterReason)
                .containsExactlyInAnyOrder(
                        "empty",
                        "too_large",
                        "not_utf8",
                        "not_json",
                        "not_object",
                        "duplicate_field",
                        "missing_user_id",
                        "missing_timestamp",
                        "wrong_type",
                        "bad_timestamp",
                        "timestamp_in_future");
    }

    @Test
    void validKindsHaveNoReason() {
        assertThat(List.of(RecordKind.VALID, RecordKind.VALID_MISSING_FIELD, RecordKind.INCIDENT))
                .allSatisfy(kind -> {
                    assertThat(kind.deadLetterReason()).isNull();
                    assertThat(kind.isMalformed()).isFalse();
                });
    }
}
