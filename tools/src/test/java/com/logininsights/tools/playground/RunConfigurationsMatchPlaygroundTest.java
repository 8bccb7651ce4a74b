package com.logininsights.tools.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.tools.Checkout;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The IDE run configurations are the playground's job: they hold exactly the flags {@code scripts/playground
 * --without-job} prints for its defaults, so that a newcomer who starts both needs to change nothing.
 */
class RunConfigurationsMatchPlaygroundTest {

    @Test
    void bothRunConfigurationsHoldTheFlagsThePlaygroundPrintsWithoutItsJob() throws Exception {
        PlaygroundConfig defaults = PlaygroundFlags.parse("--without-job");
        Playground playground =
                new Playground(defaults, Checkout.root(), new PrintStream(OutputStream.nullOutputStream()));
        List<String> printed = playground.jobFlags("127.0.0.1:" + defaults.brokerPort());

        List<IdeRunConfiguration> configurations = IdeRunConfiguration.committed(Checkout.root());

        assertThat(configurations).hasSize(2);
        for (IdeRunConfiguration configuration : configurations) {
            assertThat(configuration.programArguments()).as(configuration.ide()).isEqualTo(printed);
            assertThat(configuration.mainClass()).as(configuration.ide()).isEqualTo(Playground.JOB_MAIN_CLASS);
        }
    }
}
