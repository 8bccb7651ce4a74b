package com.logininsights.tools.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A fixed set of users, each with one device, locale and app version. Drawing records from a bounded pool makes
 * distinct-user counts meaningful, and keeps a user's locale and device stable across their logins.
 */
final class UserPool {
    record LoginUser(String userId, String appVersion, String deviceType, String deviceId, String locale) {}

    private final List<LoginUser> users;

    UserPool(int size, RandomGenerator random) {
        users = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            users.add(new LoginUser(
                    UpstreamValues.uuid(random),
                    UpstreamValues.appVersion(random),
                    UpstreamValues.deviceType(random),
                    UpstreamValues.deviceId(random),
                    UpstreamValues.locale(random)));
        }
    }

    LoginUser pick(RandomGenerator random) {
        return users.get(random.nextInt(users.size()));
    }
}
