package com.logininsights.signals;

import com.logininsights.common.Signal;
import com.logininsights.types.StringLists;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A count signal's episode while it runs: the login that crossed the threshold, and the logins since. Part of a
 * subject's state; its serializer's format includes this one's ({@link #writeTo}).
 */
final class Episode {
    final Sighting firedBy;
    final long firstLoginMillis;
    final List<String> userIds;
    long lastLoginMillis;
    long logins;

    /**
     * @param firstLoginMillis the first of the logins within the span when it fired
     * @param logins the logins within the span when it fired, the firing one included
     * @param userIds the users within the span when it fired (none for a burst, which is about one user)
     */
    Episode(Sighting firedBy, long firstLoginMillis, long logins, List<String> userIds) {
        this(firedBy, firstLoginMillis, firedBy.timeMillis(), logins, userIds);
    }

    private Episode(Sighting firedBy, long firstLoginMillis, long lastLoginMillis, long logins, List<String> userIds) {
        this.firedBy = firedBy;
        this.firstLoginMillis = firstLoginMillis;
        this.lastLoginMillis = lastLoginMillis;
        this.logins = logins;
        this.userIds = userIds;
    }

    void add(Sighting sighting) {
        logins++;
        lastLoginMillis = sighting.timeMillis();
    }

    long firedMillis() {
        return firedBy.timeMillis();
    }

    Alert alert(Signal signal, int threshold, long withinMillis) {
        return new Alert(
                signal,
                firedBy.value(),
                firedBy.userId(),
                firedBy.timeMillis(),
                firedBy.source(),
                new Alert.Count(logins, firstLoginMillis, lastLoginMillis, userIds, threshold, withinMillis));
    }

    void writeTo(DataOutputView out) throws IOException {
        SightingSerializer.INSTANCE.serialize(firedBy, out);
        out.writeLong(firstLoginMillis);
        out.writeLong(lastLoginMillis);
        out.writeLong(logins);
        StringLists.write(userIds, out);
    }

    static Episode readFrom(DataInputView in) throws IOException {
        Sighting firedBy = SightingSerializer.INSTANCE.deserialize(in);
        long first = in.readLong();
        long last = in.readLong();
        long logins = in.readLong();
        return new Episode(firedBy, first, last, logins, StringLists.read(in));
    }
}
