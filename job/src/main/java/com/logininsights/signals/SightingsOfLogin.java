package com.logininsights.signals;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * A login as each subject watched by a signal that is on sees it: its user, its device, its IP address (a login
 * without a device id or an IP address is not seen by one).
 */
public final class SightingsOfLogin implements FlatMapFunction<LoginEvent, Sighting> {
    private final boolean users;
    private final boolean devices;
    private final boolean ips;

    public SightingsOfLogin(SignalRules rules) {
        this.users = rules.watches(Subject.USER);
        this.devices = rules.watches(Subject.DEVICE);
        this.ips = rules.watches(Subject.IP);
    }

    @Override
    public void flatMap(LoginEvent login, Collector<Sighting> out) {
        if (users) {
            out.collect(Sighting.ofUser(login));
        }
        String deviceId = login.text(LoginField.DEVICE_ID);
        if (devices && deviceId != null) {
            out.collect(Sighting.ofShared(Subject.DEVICE, deviceId, login));
        }
        String ip = login.text(LoginField.IP);
        if (ips && ip != null) {
            out.collect(Sighting.ofShared(Subject.IP, ip, login));
        }
    }
}
