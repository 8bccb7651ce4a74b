package com.logininsights.signals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What every subject's state has: its logins still waiting for event time to pass them, when it last logged in, and
 * the wake-up it has asked for. The waiting logins live in the same state value as the history, so that a login costs
 * one read and one write of its subject's state.
 */
abstract class History {
    static final long NEVER = Long.MIN_VALUE;

    long lastLoginMillis = NEVER;
    /** The wake-up for the end of an episode or of the memory already asked for (event time), so that there is one. */
    long wakeUpMillis = NEVER;

    /** The logins not evaluated yet, in {@link Sighting#EVALUATION_ORDER}. */
    final List<Sighting> waiting = new ArrayList<>();

    /** Puts a login among the waiting ones, in order; they mostly arrive in order, so it looks from the end. */
    void await(Sighting login) {
        int at = waiting.size();
        while (at > 0 && Sighting.EVALUATION_ORDER.compare(waiting.get(at - 1), login) > 0) {
            at--;
        }
        waiting.add(at, login);
    }

    /** Takes the waiting logins up to this instant out of the waiting ones, in order. */
    List<Sighting> takeDue(long nowMillis) {
        int due = 0;
        while (due < waiting.size() && waiting.get(due).timeMillis() <= nowMillis) {
            due++;
        }
        if (due == 0) {
            return List.of();
        }
        List<Sighting> taken = new ArrayList<>(waiting.subList(0, due));
        waiting.subList(0, due).clear();
        return taken;
    }

    /** The latest login, evaluated or waiting; {@link #NEVER} if none. */
    long latestLoginMillis() {
        return waiting.isEmpty()
                ? lastLoginMillis
                : Math.max(lastLoginMillis, waiting.get(waiting.size() - 1).timeMillis());
    }

    /**
     * The histories' formats, the version of their serializers' snapshots in every checkpoint and savepoint. Main at
     * ca894a4, the first build with the signals, kept the waiting logins in a list state of their own; its snapshots
     * were Flink's {@code SimpleTypeSerializerSnapshot}, which writes version 3 and no fields, under the same class
     * names, so they restore as {@link #FORMAT_WITHOUT_WAITING}.
     */
    static final int FORMAT_WITHOUT_WAITING = 3;
    /** The waiting logins inside the history, right after the wake-up. */
    static final int FORMAT_WITH_WAITING = 4;

    /** Which serializer reads each history format, for a history serializer's snapshot. */
    static <H extends History> Map<Integer, TypeSerializer<H>> readerOfFormat(
            TypeSerializer<H> withoutWaiting, TypeSerializer<H> withWaiting) {
        return Map.of(FORMAT_WITHOUT_WAITING, withoutWaiting, FORMAT_WITH_WAITING, withWaiting);
    }

    /** Writes the waiting logins; part of both histories' serializers, which call it at the same place. */
    void writeWaitingTo(DataOutputView out) throws IOException {
        out.writeInt(waiting.size());
        for (Sighting login : waiting) {
            SightingSerializer.INSTANCE.serialize(login, out);
        }
    }

    /** Reads what {@link #writeWaitingTo} wrote, into this history's waiting logins. */
    void readWaitingFrom(DataInputView in) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            waiting.add(SightingSerializer.INSTANCE.deserialize(in));
        }
    }

    /** A fresh history takes over what is waiting and the wake-up asked for, when the old one is forgotten. */
    void takeOverPending(History forgotten) {
        waiting.addAll(forgotten.waiting);
        wakeUpMillis = forgotten.wakeUpMillis;
    }
}
