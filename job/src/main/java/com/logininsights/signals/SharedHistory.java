package com.logininsights.signals;

import java.util.LinkedHashMap;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the signals remember about one device or IP address: the users seen on it most recently, as many as it takes
 * to go over the threshold ({@code --shared-device-users + 1} or {@code --shared-ip-users + 1}), and the episode going
 * on. Whatever else used it in the span cannot change whether the threshold is crossed, so it is not kept.
 */
@TypeInfo(SharedHistorySerializer.TypeInfo.class)
public final class SharedHistory extends History {
    /** User id to when it was last seen here, least recently seen first. */
    final LinkedHashMap<String, Long> users = new LinkedHashMap<>();

    Episode episode;
}
